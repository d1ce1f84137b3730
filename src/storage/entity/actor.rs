//! The `actor` table: a state, organisation, person, group or place in a situation.

use sea_orm::entity::prelude::*;

/// One row of `actor`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "actor")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation whose actor list it belongs to.
    pub situation_id: i64,
    /// State, organisation, person, group or location.
    pub kind: String,
    /// Canonical name, unique within the situation.
    pub name: String,
    /// Parent actor (Kremlin -> Russia).
    pub parent_id: Option<i64>,
    /// Wikidata QID.
    pub external_id: Option<String>,
    /// Proposed by the extractor, not yet known.
    pub candidate: bool,
    /// When it was created.
    pub created_at: DateTimeUtc,
    /// Edit version, from 1.
    pub version: i64,
    /// Draft (proposed by an extraction, not yet reviewed), accepted or rejected.
    pub review_state: String,
    /// The source whose extraction proposed it, when one did.
    pub proposed_by_source_id: Option<i64>,
    /// The actor it was merged into; set, it is a redirect.
    pub merged_into_id: Option<i64>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
