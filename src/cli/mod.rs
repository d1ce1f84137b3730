//! The command line: `sitrep serve` (the default), data commands (import, export, migrate,
//! seed, user, token) and the text tools behind the evaluation contracts (extract, timex, sentences).

mod data;
mod text;

use crate::config::Config;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Sitrep: an event-timeline tracker for evolving situations.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, long_about = None)]
pub struct Cli {
    /// Database to use: `sqlite://PATH` (created on first run) or `postgres://...`.
    #[arg(
        long,
        env = "DATABASE_URL",
        global = true,
        default_value = crate::config::DEFAULT_DATABASE_URL,
        hide_env_values = true
    )]
    pub database_url: String,

    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default). Migrates, and loads the demo situation on first run.
    Serve(ServeArgs),
    /// Import article files or folders of them (text, HTML or Markdown) into a situation, with
    /// their extraction; resumable (each article once, in its own transaction).
    Import(ImportArgs),
    /// Print a situation as lossless JSON on stdout.
    Export(ExportArgs),
    /// Load a situation from a file written by `sitrep export`.
    ImportJson(ImportJsonArgs),
    /// Apply pending database migrations.
    Migrate,
    /// Load the demo situation from `seeds/` unless it was loaded before.
    Seed,
    /// Manage analyst and reader accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Extract observations, actors, claims, predictions and relations from one article.
    Extract(ExtractArgs),
    /// Find time expressions in JSON lines `{"text", "ref"}` read from stdin.
    Timex(TimexArgs),
    /// Split JSON lines `{"text"}` read from stdin into sentences.
    Sentences(SentencesArgs),
    /// Generate a synthetic situation of invented actors, reports and claims (for load tests).
    Gen(GenArgs),
}

/// Options of `sitrep gen`.
#[derive(Debug, Args)]
pub struct GenArgs {
    /// The new situation's slug.
    #[arg(long)]
    pub situation: String,
    /// How many claims.
    #[arg(long)]
    pub claims: usize,
    /// How many actors.
    #[arg(long, default_value_t = 60)]
    pub actors: usize,
    /// How many sources (default: one per 100 claims).
    #[arg(long)]
    pub sources: Option<usize>,
}

/// Options of `sitrep serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SITREP_BIND", default_value = crate::config::DEFAULT_BIND)]
    pub bind: SocketAddr,
    /// Do not load the demo situation on first run.
    #[arg(long)]
    pub no_seed: bool,
    /// Seconds a client may take to send a request's headers (also how long a kept-alive
    /// connection may sit idle between requests).
    #[arg(long, env = "SITREP_HEADER_TIMEOUT", value_name = "SECONDS",
          default_value_t = crate::config::DEFAULT_HEADER_READ_TIMEOUT.as_secs())]
    pub header_timeout: u64,
    /// Seconds a connection may move no bytes while a request is read or answered.
    #[arg(long, env = "SITREP_IDLE_TIMEOUT", value_name = "SECONDS",
          default_value_t = crate::config::DEFAULT_IDLE_TIMEOUT.as_secs())]
    pub idle_timeout: u64,
    /// Connections served at once (kept below the open-file limit); further ones get a 503.
    #[arg(long, env = "SITREP_MAX_CONNECTIONS",
          default_value_t = crate::config::DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,
    /// Expensive requests (extraction) running at once; default: one per core.
    #[arg(long, env = "SITREP_EXPENSIVE_CONCURRENCY")]
    pub expensive_concurrency: Option<usize>,
    /// Expensive requests one client address may start in a burst.
    #[arg(long, env = "SITREP_EXPENSIVE_BURST",
          default_value_t = crate::config::DEFAULT_EXPENSIVE_BURST)]
    pub expensive_burst: u32,
    /// Expensive requests one client address may start per minute after its burst (0: no
    /// per-client limit).
    #[arg(long, env = "SITREP_EXPENSIVE_PER_MINUTE",
          default_value_t = crate::config::DEFAULT_EXPENSIVE_PER_MINUTE)]
    pub expensive_per_minute: u32,
    /// The largest body `POST /api/v1/extract` accepts, in bytes.
    #[arg(long, env = "SITREP_EXTRACT_BODY_LIMIT", value_name = "BYTES",
          default_value_t = crate::config::DEFAULT_BODY_LIMIT)]
    pub extract_body_limit: usize,
}

impl ServeArgs {
    /// The server limits these options ask for.
    pub fn limits(&self) -> crate::config::ServerLimits {
        crate::config::ServerLimits {
            header_read_timeout: std::time::Duration::from_secs(self.header_timeout.max(1)),
            idle_timeout: std::time::Duration::from_secs(self.idle_timeout.max(1)),
            max_connections: self.max_connections,
            expensive_concurrency: self
                .expensive_concurrency
                .unwrap_or_else(crate::config::default_expensive_concurrency),
            expensive_burst: self.expensive_burst,
            expensive_per_minute: self.expensive_per_minute,
            extract_body_limit: self.extract_body_limit,
        }
    }
}

/// Options of `sitrep import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Article files, or folders of them (read recursively: .txt, .html, .htm, .md, .markdown).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The situation's slug; created when it does not exist.
    #[arg(long)]
    pub situation: String,
    /// Title for a situation created by this import.
    #[arg(long)]
    pub title: Option<String>,
    /// Store the extraction as accepted instead of as drafts.
    #[arg(long)]
    pub accept: bool,
}

/// Options of `sitrep export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The situation's slug.
    #[arg(long)]
    pub situation: String,
}

/// Options of `sitrep import-json`.
#[derive(Debug, Args)]
pub struct ImportJsonArgs {
    /// A file written by `sitrep export`.
    pub file: PathBuf,
}

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account; the password is read from stdin.
    Add {
        /// Login name.
        name: String,
        /// What the account may do.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
}

/// API token commands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a bearer token for an account and print it (once) on stdout.
    Create {
        /// The account's login name.
        name: String,
        /// What the token is for, shown on the account page.
        #[arg(long, default_value = "command line")]
        label: String,
    },
}

/// An account's role on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Can import, edit, review and resolve.
    Analyst,
    /// Read only.
    Reader,
}

/// Output format of `sitrep extract`.
#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum ExtractFormat {
    /// One JSON object (the evaluation contract).
    #[default]
    Json,
    /// A readable summary.
    Text,
}

/// Options of `sitrep extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

/// Options of `sitrep timex`.
#[derive(Debug, Args)]
pub struct TimexArgs {
    /// Read JSON lines from stdin (the only mode).
    #[arg(long)]
    pub jsonl: bool,
    /// Worker threads for the lines (default: one per available core). The output is the same
    /// for any number.
    #[arg(long)]
    pub threads: Option<std::num::NonZeroUsize>,
}

/// Options of `sitrep sentences`.
#[derive(Debug, Args)]
pub struct SentencesArgs {
    /// Read JSON lines from stdin (the only mode).
    #[arg(long)]
    pub jsonl: bool,
}

/// `sitrep` with no subcommand serves, honouring the environment (`SITREP_BIND` and the
/// limits) as `sitrep serve` does.
fn default_serve_args() -> anyhow::Result<ServeArgs> {
    use clap::FromArgMatches;
    let matches =
        ServeArgs::augment_args(clap::Command::new("serve")).try_get_matches_from(["serve"])?;
    Ok(ServeArgs::from_arg_matches(&matches)?)
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let database_url = cli.database_url;
    let command = match cli.command {
        Some(command) => command,
        None => Command::Serve(default_serve_args()?),
    };
    match command {
        Command::Extract(args) => text::extract(&args),
        Command::Timex(args) => text::timex(&args),
        Command::Sentences(args) => text::sentences(&args),
        command => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async move {
                match command {
                    Command::Serve(args) => {
                        let config = Config {
                            database_url,
                            bind: args.bind,
                            seed_demo: !args.no_seed,
                            limits: args.limits(),
                            ..Config::default()
                        };
                        crate::run(config).await
                    }
                    Command::Import(args) => data::import(&database_url, &args).await,
                    Command::Export(args) => data::export(&database_url, &args).await,
                    Command::ImportJson(args) => data::import_json(&database_url, &args).await,
                    Command::Migrate => data::migrate(&database_url).await,
                    Command::Seed => data::seed(&database_url).await,
                    Command::User(UserCommand::Add { name, role }) => {
                        data::add_user(&database_url, &name, role).await
                    }
                    Command::Gen(args) => data::generate(&database_url, &args).await,
                    Command::Token(TokenCommand::Create { name, label }) => {
                        data::create_token(&database_url, &name, &label).await
                    }
                    Command::Extract(_) | Command::Timex(_) | Command::Sentences(_) => Ok(()),
                }
            })
        }
    }
}
