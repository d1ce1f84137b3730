//! Storage: the only module that names sea-orm. It owns the entities (one per table of the
//! `migration` crate), opening the database ([`connect`]), repository functions grouped by
//! aggregate, imports and lossless exports, accounts and the demo seed. Every public function
//! speaks in plain structs and domain types; every multi-row write runs in one transaction.
//!
//! Ids are the database's 64-bit row ids. Actors belong to one situation: a situation's actor
//! list is what the extractor links names to.

mod actors;
mod claims;
mod connection;
pub(crate) mod entity;
mod error;
mod export;
mod import;
mod seed;
mod situations;
mod sources;
mod users;
mod values;

pub use actors::{ActorRef, ActorRow, RoleRow, known_actors, list_actors};
pub use claims::{
    ClaimActorRow, ClaimPage, ClaimPageRequest, ClaimRow, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
    SourceRef, claims_of_source, claims_page, get_claim,
};
pub use connection::{Backend, Database, MigrationReport, connect, connect_without_migrating};
pub use error::{DbFailure, StorageError};
pub use export::{
    ActorExport, ClaimActorExport, ClaimExport, EXPORT_FORMAT, ImportJsonOutcome,
    ObservationExport, PredictionExport, RelationExport, ResolutionExport, RevisionExport,
    RoleExport, SituationExport, SituationHead, SourceExport, WarningExport, export_situation,
    import_situation,
};
pub use import::{ImportCounts, ImportOutcome, ImportRequest, store_import};
pub use seed::{SeedOutcome, demo_slug, seed_demo};
pub use situations::{
    NewSituation, SituationSummary, create_situation, get_situation, list_situations, validate_slug,
};
pub use sources::{ObservationRow, SourceRow, get_source};
pub use users::{UserRow, add_user, list_users, verify_user};
pub use values::{content_hash, now};
