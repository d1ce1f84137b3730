//! Storage: the only module that names sea-orm. It owns the entities (one per table of the
//! `migration` crate), opening the database ([`connect`]), repository functions grouped by
//! aggregate, imports and lossless exports, accounts and the demo seed. Every public function
//! speaks in plain structs and domain types; every multi-row write runs in one transaction.

mod connection;
// The repository functions that use every entity land in the following commits.
#[allow(dead_code)]
pub(crate) mod entity;
mod error;

pub use connection::{Backend, Database, MigrationReport, connect, connect_without_migrating};
pub use error::{DbFailure, StorageError};
