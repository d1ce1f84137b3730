//! Data commands: import, export, import-json, migrate, seed, user.

use super::{ExportArgs, ImportArgs, ImportJsonArgs, RoleArg};
use anyhow::bail;

/// `sitrep import`.
pub async fn import(_database_url: &str, _args: &ImportArgs) -> anyhow::Result<()> {
    bail!("import is not available yet")
}

/// `sitrep export`.
pub async fn export(_database_url: &str, _args: &ExportArgs) -> anyhow::Result<()> {
    bail!("export is not available yet")
}

/// `sitrep import-json`.
pub async fn import_json(_database_url: &str, _args: &ImportJsonArgs) -> anyhow::Result<()> {
    bail!("import-json is not available yet")
}

/// `sitrep migrate`.
pub async fn migrate(_database_url: &str) -> anyhow::Result<()> {
    bail!("migrate is not available yet")
}

/// `sitrep seed`.
pub async fn seed(_database_url: &str) -> anyhow::Result<()> {
    bail!("seed is not available yet")
}

/// `sitrep user add`.
pub async fn add_user(_database_url: &str, _name: &str, _role: RoleArg) -> anyhow::Result<()> {
    bail!("user add is not available yet")
}
