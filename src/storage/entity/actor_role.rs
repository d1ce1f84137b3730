//! The `actor_role` table: a role an actor holds, with validity dates.

use sea_orm::entity::prelude::*;

/// One row of `actor_role`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "actor_role")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Who holds it.
    pub actor_id: i64,
    /// The title ("President").
    pub title: String,
    /// The actor it is held in (Kazakhstan).
    pub of_actor_id: Option<i64>,
    /// Start of the time the role began.
    pub valid_from_earliest: Option<DateTime>,
    /// End of the time the role began.
    pub valid_from_latest: Option<DateTime>,
    /// Precision of the beginning; NULL when unknown.
    pub valid_from_precision: Option<String>,
    /// Words of the beginning.
    pub valid_from_words: Option<String>,
    /// Whether the beginning is approximate.
    pub valid_from_approximate: bool,
    /// Start of the time the role ended.
    pub valid_to_earliest: Option<DateTime>,
    /// End of the time the role ended.
    pub valid_to_latest: Option<DateTime>,
    /// Precision of the end; NULL while the role is held.
    pub valid_to_precision: Option<String>,
    /// Words of the end.
    pub valid_to_words: Option<String>,
    /// Whether the end is approximate.
    pub valid_to_approximate: bool,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
