//! The `prediction` table: a forecast read from a claim.

use sea_orm::entity::prelude::*;

/// One row of `prediction`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "prediction")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation.
    pub situation_id: i64,
    /// The claim it was read from.
    pub claim_id: i64,
    /// Who made it; NULL for the author.
    pub forecaster_actor_id: Option<i64>,
    /// The day it was made.
    pub made_on: Option<Date>,
    /// What is forecast.
    pub proposition: String,
    /// The hedge words.
    pub hedge: Option<String>,
    /// Whether the hedge was negated to get the probability.
    pub negated: bool,
    /// Point probability that the proposition comes true.
    pub probability_point: Option<f64>,
    /// Low end of the range.
    pub probability_low: Option<f64>,
    /// High end of the range.
    pub probability_high: Option<f64>,
    /// Version of the hedge lexicon.
    pub lexicon_version: String,
    /// Start of the due time.
    pub due_earliest: Option<DateTime>,
    /// End of the due time.
    pub due_latest: Option<DateTime>,
    /// Precision of the due time; NULL when none.
    pub due_precision: Option<String>,
    /// Words of the due time.
    pub due_words: Option<String>,
    /// Whether the due time is approximate.
    pub due_approximate: bool,
    /// Whether the due time was inferred rather than stated.
    pub due_inferred: bool,
    /// Open, due, resolved, withdrawn or unscorable.
    pub status: String,
    /// Lexicon, explicit or analyst; NULL for rows from before origins were kept.
    pub probability_origin: Option<String>,
    /// Whether an analyst entered it by hand.
    pub entered_by_hand: bool,
    /// Edit version, from 1.
    pub version: i64,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
