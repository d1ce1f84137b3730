//! A situation's data version: a number that grows with every write to anything of the
//! situation (triggers bump it in the writing transaction), so that a page rendered at one
//! version is known to be current while the version stays the same.

use super::{Backend, Conn, StorageError, situations};
use crate::domain::SituationId;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// The id and current data version of the situation with this slug, or `None` when there is
/// none (a slug that could never be one is not sent to the database).
pub async fn situation_version(
    conn: &impl Conn,
    slug: &str,
) -> Result<Option<(SituationId, i64)>, StorageError> {
    if situations::validate_slug(slug).is_err() {
        return Ok(None);
    }
    let (backend, sql) = match conn.backend() {
        Backend::Sqlite => (
            DbBackend::Sqlite,
            "SELECT id, data_version FROM situation WHERE slug = ?",
        ),
        Backend::Postgres => (
            DbBackend::Postgres,
            "SELECT id, data_version FROM situation WHERE slug = $1",
        ),
    };
    let row = conn
        .executor()
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [slug.into()]))
        .await?;
    match row {
        None => Ok(None),
        Some(row) => Ok(Some((
            SituationId::new(row.try_get::<i64>("", "id")?),
            row.try_get::<i64>("", "data_version")?,
        ))),
    }
}
