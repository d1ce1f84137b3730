//! What the graph is built from: a situation's actors (with parents and offices) and its
//! relations (each with the claim it was read from), as plain values the web or storage layer
//! fills in. Nothing here knows where the values came from.

use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, Modality, Polarity, PredictionId, RelationId,
    ReviewState, SourceId, When,
};
use chrono::NaiveDate;

/// An actor as the graph needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphActor {
    /// Its id.
    pub id: ActorId,
    /// Canonical name.
    pub name: String,
    /// Other names ("Kazakh" for Kazakhstan), for reading title actors.
    pub aliases: Vec<String>,
    /// What sort of actor.
    pub kind: ActorKind,
    /// The body it belongs to (Kremlin -> Russia): an affiliation edge with no date.
    pub parent: Option<ActorId>,
    /// Offices it holds (Tokayev, President of Kazakhstan, from 2019-06-12).
    pub offices: Vec<Office>,
}

/// An office held, with the days it began and ended when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// The title ("President").
    pub title: String,
    /// Where it is held (Kazakhstan).
    pub of: Option<ActorId>,
    /// The first day it was held.
    pub from: Option<NaiveDate>,
    /// The first day it was no longer held.
    pub to: Option<NaiveDate>,
}

impl Office {
    /// Whether the office was held on `day` (unknown ends count as open).
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day < to)
    }
}

/// A stored relation with what the graph needs of its claim.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphRelation {
    /// Its id.
    pub id: RelationId,
    /// The acting actor, as stored (possibly a title actor).
    pub source: ActorId,
    /// The actor acted upon, as stored.
    pub target: ActorId,
    /// The lexicon's name (`support`, `contradiction`, ...).
    pub kind: String,
    /// Its sign.
    pub polarity: Polarity,
    /// When it held, as the text says.
    pub valid: Option<When>,
    /// Draft, accepted or rejected: rejected relations are never drawn.
    pub review_state: ReviewState,
    /// The claim it was read from.
    pub claim: Option<GraphClaim>,
}

/// The claim behind a relation.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphClaim {
    /// Its id.
    pub id: ClaimId,
    /// The source it was read from: distinct sources make an edge weigh more.
    pub source: SourceId,
    /// The source's title, if known.
    pub source_title: Option<String>,
    /// The clause, as written.
    pub text: String,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// When it says the thing happened.
    pub occurred: Option<When>,
    /// When it was reported.
    pub reported: Option<When>,
    /// Whether an analyst marked it as disputed by another claim.
    pub disputed: bool,
    /// The prediction its words make, if any: the relation is then a forecast.
    pub prediction: Option<ForecastNote>,
}

/// The prediction a forecast relation is listed with.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastNote {
    /// Its id.
    pub id: PredictionId,
    /// What is forecast.
    pub proposition: String,
    /// The hedge words ("would not be surprising").
    pub hedge: Option<String>,
    /// The chance given, 0 to 1.
    pub probability: Option<f64>,
}

/// Everything a situation's graph is built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphInput {
    /// Its actors.
    pub actors: Vec<GraphActor>,
    /// Its relations.
    pub relations: Vec<GraphRelation>,
}
