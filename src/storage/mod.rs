//! Storage: the only module that names sea-orm. It owns the entities (one per table of the
//! `migration` crate), opening the database ([`connect`]), the two handles every function runs
//! on ([`Database`] for reads, [`Tx`] for a transaction; reads take any [`Conn`], writes a
//! [`Tx`]), one insert function per table ([`insert`]), repository functions grouped by
//! aggregate, and lossless exports. Every public function speaks in plain structs and domain
//! types; it never runs the extractor (the `app` layer does, then stores what it found here).
//!
//! Actors belong to one situation: a situation's actor list is what the extractor links names
//! to.

/// Log directives that keep the database driver's and the migrator's chatter out of the
/// default log (warnings still show).
pub const QUIET_DRIVER_LOGS: &str = "sqlx=warn,sea_orm_migration=warn";

mod actor_edits;
mod actors;
pub mod bulk;
mod claim_edits;
mod claims;
mod connection;
mod disputes;
pub(crate) mod entity;
mod error;
mod export;
pub mod insert;
mod lanes;
mod predictions;
mod relations;
mod review;
mod revisions;
mod search;
mod seeds;
mod situations;
mod sources;
mod timeline;
mod users;
mod values;
mod versions;
mod warnings;

pub use actor_edits::{
    ActorChanges, MovedRefs, move_all_refs, move_claim_refs, move_refs_back, set_aliases,
    update_actor,
};
pub use actors::{
    ActorBook, ActorRef, ActorRow, NewActor, NewRole, RoleRow, actors_of, list_actors,
};
pub use actors::{actor_situation, get_actor, resolve_actor};
pub use claim_edits::{ClaimChanges, update_claim};
pub use claims::{
    ClaimActorRow, ClaimPage, ClaimPageRequest, ClaimRow, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
    SourceRef, Visibility, claims_by_ids, claims_of_situation, claims_of_source, claims_page,
    get_claim,
};
pub use connection::{
    Backend, Conn, Database, MigrationReport, Tx, connect, connect_without_migrating,
};
pub use disputes::{
    DisputeRow, dispute_between, disputes_of, disputes_of_claim, get_dispute, set_dispute_withdrawn,
};
pub use error::{DbFailure, StorageError};
pub use export::{
    ActorExport, ClaimActorExport, ClaimExport, EXPORT_FORMAT, ImportJsonOutcome,
    ObservationExport, PredictionExport, RelationExport, ResolutionExport, RevisionExport,
    RoleExport, SituationExport, SituationHead, SourceExport, WarningExport, export_situation,
    import_situation,
};
pub use predictions::{
    NewPropositionVersion, PredictionChanges, get_prediction, insert_proposition_version,
    prediction_of_claim, predictions_of, predictions_of_forecaster, proposition_versions_of,
    resolutions_of, update_prediction,
};
pub use relations::{
    GraphRelationRow, RelationClaimRow, RelationFields, RelationRecord, claim_published,
    get_relation, graph_relations, relation_fields, relations_of, update_relation,
};
pub use review::{
    RelationFollowed, RelationReview, SourceReviewRow, actors_proposed_by, deleted_claims,
    mark_source_committed, predictions_of_source, relations_follow_claims, relations_of_source,
    replace_claim_actors, sources_for_review,
};
pub use revisions::{get_revision, revisions_of, revisions_of_situation};
pub use seeds::{record_seed, seed_applied};
pub use situations::{
    NewSituation, SituationSummary, create_situation, find_or_create_situation, get_situation,
    list_situations, situation_id, touch_situation, validate_slug,
};
pub use sources::{ObservationRow, SourceRow, get_source, observations_of, source_with_hash};
pub use timeline::{
    DisputeMark, KnownBy, TIMELINE_MAX_PAGE_SIZE, TIMELINE_PAGE_SIZE, TimelineClock,
    TimelineEntryRow, TimelineFilter, TimelineOrder, TimelinePage, TimelineRequest, sources_of,
    timeline_page,
};
pub use users::{
    Credentials, TokenRow, UserRow, credentials, delete_session, find_user, insert_session,
    insert_token, insert_user, list_users, mark_token_used, record_failed_login,
    record_successful_login, revoke_token, session_user, token_user, tokens_of, validate_user_name,
};
pub use values::{content_hash, now};
pub use warnings::{WarningRow, warnings_of_source};

// The reader's side: search and data versions.
pub use lanes::{
    ActorActivity, ActorClaims, LanePoint, actor_activity, actor_claims, lane_points,
    situation_slug,
};
pub use search::{
    ClaimHit, MAX_QUERY_CHARS, MAX_QUERY_TERMS, MAX_SEARCH_LIMIT, SearchHits, SearchQuery,
    SearchRequest, SearchTerm, SourceHit, search,
};
pub use versions::situation_version;
