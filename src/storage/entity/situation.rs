//! The `situation` table: one evolving story.

use sea_orm::entity::prelude::*;

/// One row of `situation`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "situation")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Unique, URL-safe name.
    pub slug: String,
    /// Display title.
    pub title: String,
    /// A short description.
    pub summary: String,
    /// When it was created.
    pub created_at: DateTimeUtc,
    /// When anything in it last changed.
    pub updated_at: DateTimeUtc,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
