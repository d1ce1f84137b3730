//! The `sitrep` binary: parses the command line, starts tracing, and hands over to the library.

use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| {
            EnvFilter::new(format!("info,{}", sitrep::storage::QUIET_DRIVER_LOGS))
        }))
        .with_writer(std::io::stderr)
        .init();
    let cli = sitrep::cli::Cli::parse();
    match sitrep::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
