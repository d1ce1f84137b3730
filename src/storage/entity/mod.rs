//! SeaORM entities, one module per table, mirroring the `migration` crate's schema. Private to
//! the storage layer: the rest of the application sees plain structs.

pub mod actor;
pub mod actor_alias;
pub mod actor_role;
pub mod api_token;
pub mod claim;
pub mod claim_actor;
pub mod dispute;
pub mod observation;
pub mod prediction;
pub mod prediction_proposition;
pub mod relation;
pub mod resolution;
pub mod resolution_evidence;
pub mod revision;
pub mod seed_applied;
pub mod situation;
pub mod source;
pub mod user_account;
pub mod user_session;
pub mod warning;
