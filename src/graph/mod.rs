//! The actor-relation graph: who stands with or against whom, and since when.
//!
//! [`ActorGraph::build`] gathers a situation's relations (and, as affiliations, its actors'
//! parents and offices) into edges between pairs of actors, one edge per pair, polarity and
//! [`Standing`]. Title actors ("President of Kazakhstan") are replaced by the office's holder
//! as of the relation's date. Every link keeps the day it is taken to begin from and why
//! ([`StartBasis`]). From that union graph come [`Snapshot`]s as of a day on either clock, the
//! [`Change`] between two days, centrality and cooperative groups, a stable layout, and the
//! GEXF and GraphML exports. Everything speaks in actor ids; petgraph stays inside.

mod build;
mod centrality;
mod change;
mod export;
pub mod input;
mod layout;
mod snapshot;
#[cfg(test)]
mod tests;

pub use centrality::{Centrality, CooperativeGroup, centrality, cooperative_groups};
pub use change::{Change, EdgeChange, Flip, change_between};
pub use export::{gexf, graphml};
pub use input::{ForecastNote, GraphActor, GraphClaim, GraphInput, GraphRelation, Office};
pub use layout::{Layout, Point};
pub use snapshot::{Snapshot, SnapshotEdge, ViewOptions};

use crate::domain::{ActorId, Polarity, RelationId};
use chrono::NaiveDate;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Which date a view counts a relation from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// When it held or happened (its validity, else its claim's occurred date, else the
    /// claim's reported date).
    #[default]
    Occurred,
    /// When it was reported (its claim's reported date, else as for `occurred`).
    Reported,
}

impl Clock {
    /// The canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Clock::Occurred => "occurred",
            Clock::Reported => "reported",
        }
    }

    /// Its place in per-clock arrays: 0 for occurred, 1 for reported.
    pub(crate) fn index(self) -> usize {
        match self {
            Clock::Occurred => 0,
            Clock::Reported => 1,
        }
    }
}

/// How the text commits to the relations of an edge.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Stated or reported as having happened.
    Asserted,
    /// Denied by its speaker: drawn, but not counted as having happened.
    Denied,
    /// Read from a forecast or hypothetical clause: drawn dashed with its prediction, never
    /// counted in weights, centrality or the change view.
    Forecast,
}

impl Standing {
    /// The canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Asserted => "asserted",
            Standing::Denied => "denied",
            Standing::Forecast => "forecast",
        }
    }
}

/// Why a link begins on the day it does.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StartBasis {
    /// The relation's own validity.
    Valid,
    /// Undated relation: its claim's occurred date.
    ClaimOccurred,
    /// Undated relation and claim: the claim's reported date.
    ClaimReported,
    /// An office's first day.
    Office,
    /// A standing tie (a parent body) with no date: always there.
    Standing,
    /// No date at all: shown only in the undated, all-time view.
    Unknown,
}

/// When a link begins, on one clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Start {
    /// The first day it holds; `None` for standing ties and unknown starts.
    pub day: Option<NaiveDate>,
    /// Why that day.
    pub basis: StartBasis,
}

impl Start {
    /// The first day a link with this start holds: `NaiveDate::MIN` for a standing tie,
    /// `None` when nothing dates it.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match self.basis {
            StartBasis::Standing => Some(NaiveDate::MIN),
            StartBasis::Unknown => None,
            _ => self.day,
        }
    }

    /// Whether a link with this start has begun by the end of `day`.
    pub fn begun_by(&self, day: NaiveDate) -> bool {
        self.first_day().is_some_and(|start| start <= day)
    }
}

/// Identifies an edge: an unordered pair of actors (smaller id first), a polarity and a
/// standing.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub struct EdgeKey {
    /// The actor with the smaller id.
    pub a: ActorId,
    /// The other actor.
    pub b: ActorId,
    /// The sign of the relations gathered.
    pub polarity: Polarity,
    /// How the text commits to them.
    pub standing: Standing,
}

impl EdgeKey {
    /// The key of an edge between `x` and `y`, in either order.
    pub fn new(x: ActorId, y: ActorId, polarity: Polarity, standing: Standing) -> Self {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        EdgeKey {
            a,
            b,
            polarity,
            standing,
        }
    }

    /// The pair of actors.
    pub fn pair(&self) -> (ActorId, ActorId) {
        (self.a, self.b)
    }

    /// The edge's path segment: `12-34-hostile-asserted`.
    pub fn slug(&self) -> String {
        format!(
            "{}-{}-{}-{}",
            self.a,
            self.b,
            self.polarity.as_str(),
            self.standing.as_str()
        )
    }

    /// Reads a [`EdgeKey::slug`] back.
    pub fn from_slug(slug: &str) -> Option<EdgeKey> {
        let mut parts = slug.splitn(4, '-');
        let a: ActorId = parts.next()?.parse().ok()?;
        let b: ActorId = parts.next()?.parse().ok()?;
        let polarity: Polarity = parts.next()?.parse().ok()?;
        let standing = match parts.next()? {
            "asserted" => Standing::Asserted,
            "denied" => Standing::Denied,
            "forecast" => Standing::Forecast,
            _ => return None,
        };
        (a < b).then_some(EdgeKey {
            a,
            b,
            polarity,
            standing,
        })
    }

    /// Whether the edge counts as having happened (weights, centrality, change view).
    pub fn counts(&self) -> bool {
        self.standing != Standing::Forecast
    }
}

/// Where a link comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkOrigin {
    /// A stored relation.
    Relation(RelationId),
    /// An office the first actor holds in the second.
    Office(String),
    /// The first actor's parent body is the second.
    Parent,
}

/// One reason for an edge: a relation read from a claim, or a tie from the actor list.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Where it comes from.
    pub origin: LinkOrigin,
    /// The acting actor, after title resolution.
    pub from: ActorId,
    /// The actor acted upon, after title resolution.
    pub to: ActorId,
    /// Title actors replaced by their holder: `(title actor, holder)` pairs.
    pub resolved: Vec<(ActorId, ActorId)>,
    /// The lexicon's name, or the office's title, or `parent`.
    pub kind: String,
    /// Start on the occurred clock.
    pub occurred_start: Start,
    /// Start on the reported clock.
    pub reported_start: Start,
    /// The first day it no longer holds, when the text bounds it.
    pub end: Option<NaiveDate>,
    /// The claim behind it.
    pub claim: Option<input::GraphClaim>,
}

impl Link {
    /// Its start on `clock`.
    pub fn start(&self, clock: Clock) -> Start {
        match clock {
            Clock::Occurred => self.occurred_start,
            Clock::Reported => self.reported_start,
        }
    }

    /// Whether it holds at the end of `day` on `clock`.
    pub fn holds_on(&self, day: NaiveDate, clock: Clock) -> bool {
        self.start(clock).begun_by(day) && self.end.is_none_or(|end| day < end)
    }

    /// The relation it stands for, if any.
    pub fn relation(&self) -> Option<RelationId> {
        match self.origin {
            LinkOrigin::Relation(id) => Some(id),
            _ => None,
        }
    }

    /// Whether it comes from the actor list rather than a claim.
    pub fn is_structural(&self) -> bool {
        !matches!(self.origin, LinkOrigin::Relation(_))
    }
}

/// An edge of the union graph: every link ever gathered under one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Its key.
    pub key: EdgeKey,
    /// Its links, in the order they were built (relations by id, then ties).
    pub links: Vec<Link>,
    /// On each clock ([`Clock::index`]), the first day by which one of its links has begun
    /// (`NaiveDate::MIN` for a standing tie; `None` when no link is dated): a snapshot of an
    /// earlier day passes the edge without reading its links.
    first_begun: [Option<NaiveDate>; 2],
    /// On each clock, how many of its links have no date at all.
    undated: [usize; 2],
}

impl Edge {
    /// The edge of `key` gathering `links`.
    pub fn new(key: EdgeKey, links: Vec<Link>) -> Edge {
        let summary = |clock: Clock| {
            let starts = links.iter().map(|l| l.start(clock));
            let first = starts.clone().filter_map(|start| start.first_day()).min();
            let undated = starts.filter(|s| s.basis == StartBasis::Unknown).count();
            (first, undated)
        };
        let (occurred, reported) = (summary(Clock::Occurred), summary(Clock::Reported));
        Edge {
            key,
            links,
            first_begun: [occurred.0, reported.0],
            undated: [occurred.1, reported.1],
        }
    }

    /// Whether none of its links has begun by the end of `day` on `clock`; if so, how many
    /// of them have no date at all.
    pub(crate) fn not_begun_by(&self, day: NaiveDate, clock: Clock) -> Option<usize> {
        let i = clock.index();
        self.first_begun[i]
            .is_none_or(|first| first > day)
            .then_some(self.undated[i])
    }
}

/// A situation's actor graph over all time. Build it once, then ask for snapshots, changes,
/// rankings and exports.
#[derive(Debug, Clone)]
pub struct ActorGraph {
    g: StableDiGraph<ActorId, Edge>,
    index: HashMap<ActorId, NodeIndex>,
    edges: BTreeMap<EdgeKey, EdgeIndex>,
    nodes: BTreeMap<ActorId, GraphActor>,
    /// [`ActorGraph::start_days`] on the occurred and the reported clock, once asked.
    start_days: [std::sync::OnceLock<Vec<NaiveDate>>; 2],
    /// [`ActorGraph::link_counts`] without and with affiliation edges, once asked.
    link_counts: [std::sync::OnceLock<HashMap<ActorId, usize>>; 2],
}

impl ActorGraph {
    /// The actor with this id, if it is in the graph.
    pub fn node(&self, id: ActorId) -> Option<&GraphActor> {
        self.nodes.get(&id)
    }

    /// Every actor with at least one edge, by id.
    pub fn nodes(&self) -> impl Iterator<Item = &GraphActor> {
        self.nodes.values()
    }

    /// The actor's name, or `#id` when unknown.
    pub fn name(&self, id: ActorId) -> String {
        self.nodes
            .get(&id)
            .map(|n| n.name.clone())
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// Every edge, by key.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.edges.values().filter_map(|ix| self.g.edge_weight(*ix))
    }

    /// The edge with this key.
    pub fn edge(&self, key: &EdgeKey) -> Option<&Edge> {
        self.edges.get(key).and_then(|ix| self.g.edge_weight(*ix))
    }

    /// How many actors have at least one edge.
    pub fn actor_count(&self) -> usize {
        self.g.node_count()
    }

    /// How many edges.
    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    /// The actors one edge away from `id`, by id.
    pub fn neighbours(&self, id: ActorId) -> Vec<ActorId> {
        let Some(&ix) = self.index.get(&id) else {
            return Vec::new();
        };
        let mut out: Vec<ActorId> = self
            .g
            .neighbors_undirected(ix)
            .filter_map(|n| self.g.node_weight(n).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The edges touching `id`, by key.
    pub fn edges_of(&self, id: ActorId) -> Vec<&Edge> {
        let Some(&ix) = self.index.get(&id) else {
            return Vec::new();
        };
        let mut out: Vec<&Edge> = self
            .g
            .edges_directed(ix, petgraph::Direction::Outgoing)
            .chain(self.g.edges_directed(ix, petgraph::Direction::Incoming))
            .map(|e| e.weight())
            .collect();
        out.sort_by_key(|e| e.key);
        out.dedup_by_key(|e| e.key);
        out
    }

    /// How many links the actor's edges hold (affiliation edges only when `affiliations`):
    /// how busy it is, without gathering its edges.
    pub fn link_count(&self, id: ActorId, affiliations: bool) -> usize {
        self.link_counts(affiliations)
            .get(&id)
            .copied()
            .unwrap_or(0)
    }

    /// Every actor's [`ActorGraph::link_count`], counted once per graph: ego views rank
    /// thousands of candidates by it.
    pub(crate) fn link_counts(&self, affiliations: bool) -> &HashMap<ActorId, usize> {
        self.link_counts[usize::from(affiliations)].get_or_init(|| {
            let mut out: HashMap<ActorId, usize> = HashMap::new();
            for edge in self.edges() {
                if !affiliations && edge.key.polarity == Polarity::Affiliation {
                    continue;
                }
                for actor in [edge.key.a, edge.key.b] {
                    *out.entry(actor).or_default() += edge.links.len();
                }
            }
            out
        })
    }

    /// The days on which some relation read from a claim begins, on `clock`, in order (for
    /// small multiples and time axes; offices that began years before are left out).
    pub fn start_days(&self, clock: Clock) -> &[NaiveDate] {
        self.start_days[clock.index()].get_or_init(|| {
            let mut days: Vec<NaiveDate> = self
                .edges()
                .flat_map(|e| e.links.iter())
                .filter(|l| !l.is_structural())
                .filter_map(|l| l.start(clock).day)
                .collect();
            days.sort_unstable();
            days.dedup();
            days
        })
    }
}
