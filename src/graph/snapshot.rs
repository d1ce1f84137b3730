//! A snapshot: the edges that hold at the end of a day, on one clock, each with the links
//! that hold then and its weight from the claims and independent sources behind them.

use super::{ActorGraph, Clock, Edge, EdgeKey, Link, Standing};
use crate::domain::{ActorId, Polarity};
use chrono::NaiveDate;
use smallvec::SmallVec;
use std::collections::{BTreeMap, BTreeSet};

/// What a view shows besides relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewOptions {
    /// Whether affiliation edges (offices, parents, "spokesman of") are shown.
    pub affiliations: bool,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions { affiliations: true }
    }
}

/// The links of an edge that hold on a day, up to two kept inline.
pub type HoldingLinks<'g> = SmallVec<[&'g Link; 2]>;

/// An edge as it stands on a snapshot's day.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotEdge<'g> {
    /// Its key.
    pub key: EdgeKey,
    /// The links that hold on the day, in build order (most edges hold one or two).
    pub links: HoldingLinks<'g>,
    /// Distinct claims behind it (0 for forecasts, which are never counted).
    pub claims: usize,
    /// Distinct sources behind it (0 for forecasts).
    pub sources: usize,
    /// Its weight: one per independent source, a half per further claim, a half for a tie
    /// from the actor list; 0 for forecasts.
    pub weight: f64,
    /// The latest day one of its links began (for which of a pair's signs is current).
    pub latest_start: Option<NaiveDate>,
    /// Whether a claim behind it is disputed.
    pub disputed: bool,
}

impl SnapshotEdge<'_> {
    /// Whether it counts as having happened (not a forecast).
    pub fn counts(&self) -> bool {
        self.key.counts()
    }
}

/// The graph on one day (or over all time, with no day).
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot<'g> {
    /// The day, or `None` for the all-time view.
    pub as_of: Option<NaiveDate>,
    /// The clock the day is read on.
    pub clock: Clock,
    /// The edges that hold, by key.
    pub edges: Vec<SnapshotEdge<'g>>,
    /// Links left out because nothing dates them (only the all-time view shows them).
    pub undated_left_out: usize,
}

impl ActorGraph {
    /// The edges that hold at the end of `as_of` on `clock` (every link when `as_of` is
    /// `None`), with affiliation edges when `options` asks for them.
    pub fn snapshot(
        &self,
        as_of: Option<NaiveDate>,
        clock: Clock,
        options: ViewOptions,
    ) -> Snapshot<'_> {
        self.snapshot_of(self.edges(), as_of, clock, options)
    }

    /// The snapshot of an ego view: the edges with an end in `ring` and both ends among
    /// `placed`, and how many actors outside `placed` the ring's edges that hold reach (they
    /// are left out of the picture; their edges are only checked, not weighed).
    pub fn ego_snapshot(
        &self,
        ring: &BTreeSet<ActorId>,
        placed: &BTreeSet<ActorId>,
        as_of: Option<NaiveDate>,
        clock: Clock,
        options: ViewOptions,
    ) -> (Snapshot<'_>, usize) {
        let keys = self.keys_touching(ring);
        let mut outside: BTreeSet<ActorId> = BTreeSet::new();
        let inside = keys.iter().filter_map(|key| self.edge(key)).filter(|edge| {
            let (a, b) = edge.key.pair();
            if placed.contains(&a) && placed.contains(&b) {
                return true;
            }
            let shown_kind = options.affiliations || edge.key.polarity != Polarity::Affiliation;
            if shown_kind
                && edge
                    .links
                    .iter()
                    .any(|l| as_of.is_none_or(|day| l.holds_on(day, clock)))
            {
                outside.extend([a, b].into_iter().filter(|x| !placed.contains(x)));
            }
            false
        });
        let snapshot = self.snapshot_of(inside, as_of, clock, options);
        (snapshot, outside.len())
    }

    /// The keys of the edges with an end among `actors`, in order.
    fn keys_touching(&self, actors: &BTreeSet<ActorId>) -> Vec<EdgeKey> {
        let mut keys: Vec<EdgeKey> = actors
            .iter()
            .flat_map(|actor| self.edges_of(*actor))
            .map(|edge| edge.key)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The snapshot of `edges`, given in key order.
    fn snapshot_of<'g>(
        &'g self,
        edges: impl Iterator<Item = &'g Edge>,
        as_of: Option<NaiveDate>,
        clock: Clock,
        options: ViewOptions,
    ) -> Snapshot<'g> {
        let mut undated_left_out = 0;
        let mut standing = Vec::new();
        for edge in edges {
            if !options.affiliations && edge.key.polarity == Polarity::Affiliation {
                continue;
            }
            if let Some(undated) = as_of.and_then(|day| edge.not_begun_by(day, clock)) {
                undated_left_out += undated;
                continue;
            }
            let links: HoldingLinks = match as_of {
                None => edge.links.iter().collect(),
                Some(day) => edge
                    .links
                    .iter()
                    .filter(|l| {
                        let holds = l.holds_on(day, clock);
                        if !holds && l.start(clock).basis == super::StartBasis::Unknown {
                            undated_left_out += 1;
                        }
                        holds
                    })
                    .collect(),
            };
            if let Some(snapshot_edge) = weigh(edge, links, clock) {
                standing.push(snapshot_edge);
            }
        }
        Snapshot {
            as_of,
            clock,
            edges: standing,
            undated_left_out,
        }
    }
}

/// How many distinct values `values` yields. An edge's links are mostly few, and a sorted
/// copy would cost an allocation per edge: up to [`PAIRWISE_AT_MOST`] values are compared
/// pairwise.
fn distinct<T: Ord>(values: impl Iterator<Item = T> + Clone) -> usize {
    let (_, upper) = values.size_hint();
    if upper.is_some_and(|n| n <= PAIRWISE_AT_MOST) {
        let mut count = 0;
        for (i, value) in values.clone().enumerate() {
            if !values.clone().take(i).any(|earlier| earlier == value) {
                count += 1;
            }
        }
        return count;
    }
    let mut sorted: Vec<T> = values.collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.len()
}

/// The most values [`distinct`] compares pairwise.
const PAIRWISE_AT_MOST: usize = 16;

/// An edge's standing on the day from the links that hold; `None` when none does.
fn weigh<'g>(edge: &'g Edge, links: HoldingLinks<'g>, clock: Clock) -> Option<SnapshotEdge<'g>> {
    if links.is_empty() {
        return None;
    }
    let counted = edge.key.standing != Standing::Forecast;
    let structural = links.iter().any(|l| l.is_structural());
    let (claims, sources) = if counted {
        let claims = links.iter().filter_map(|l| l.claim.as_ref().map(|c| c.id));
        let sources = links
            .iter()
            .filter_map(|l| l.claim.as_ref().map(|c| c.source));
        (distinct(claims), distinct(sources))
    } else {
        (0, 0)
    };
    let weight = if counted {
        sources as f64
            + 0.5 * (claims.saturating_sub(sources)) as f64
            + if structural { 0.5 } else { 0.0 }
    } else {
        0.0
    };
    Some(SnapshotEdge {
        key: edge.key,
        latest_start: links.iter().filter_map(|l| l.start(clock).day).max(),
        disputed: links
            .iter()
            .any(|l| l.claim.as_ref().is_some_and(|c| c.disputed)),
        links,
        claims,
        sources,
        weight,
    })
}

impl<'g> Snapshot<'g> {
    /// The edges that count (not forecasts).
    pub fn counted(&self) -> impl Iterator<Item = &SnapshotEdge<'g>> {
        self.edges.iter().filter(|e| e.counts())
    }

    /// The forecast edges.
    pub fn forecasts(&self) -> impl Iterator<Item = &SnapshotEdge<'g>> {
        self.edges.iter().filter(|e| !e.counts())
    }

    /// The edge with this key, if it holds.
    pub fn edge(&self, key: &EdgeKey) -> Option<&SnapshotEdge<'g>> {
        self.edges
            .binary_search_by(|e| e.key.cmp(key))
            .ok()
            .and_then(|i| self.edges.get(i))
    }

    /// The actors on at least one edge, by id.
    pub fn actors(&self) -> BTreeSet<ActorId> {
        self.edges.iter().flat_map(|e| [e.key.a, e.key.b]).collect()
    }

    /// Each actor's weighted degree over counted edges (its importance), forecasts' actors
    /// at zero.
    pub fn importance(&self) -> BTreeMap<ActorId, f64> {
        let mut out: BTreeMap<ActorId, f64> = BTreeMap::new();
        for edge in &self.edges {
            for actor in [edge.key.a, edge.key.b] {
                *out.entry(actor).or_default() += edge.weight;
            }
        }
        out
    }

    /// The `limit` most important actors (weighted degree, then id), and how many others
    /// the snapshot holds.
    pub fn most_important(&self, limit: usize) -> (BTreeSet<ActorId>, usize) {
        let mut ranked: Vec<(ActorId, f64)> = self.importance().into_iter().collect();
        ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        let left_out = ranked.len().saturating_sub(limit);
        (
            ranked.into_iter().take(limit).map(|(a, _)| a).collect(),
            left_out,
        )
    }

    /// Each cooperative or hostile pair's current sign: the sign of its counted edge whose
    /// latest link began last (hostile on a tie, so tension is not hidden).
    pub fn stances(&self) -> BTreeMap<(ActorId, ActorId), Polarity> {
        let mut best: BTreeMap<(ActorId, ActorId), (Option<NaiveDate>, bool, Polarity)> =
            BTreeMap::new();
        for edge in self.counted() {
            let polarity = edge.key.polarity;
            if edge.key.standing != Standing::Asserted
                || !matches!(polarity, Polarity::Cooperative | Polarity::Hostile)
            {
                continue;
            }
            let rank = (edge.latest_start, polarity == Polarity::Hostile, polarity);
            best.entry(edge.key.pair())
                .and_modify(|current| {
                    if (rank.0, rank.1) > (current.0, current.1) {
                        *current = rank;
                    }
                })
                .or_insert(rank);
        }
        best.into_iter()
            .map(|(pair, (_, _, p))| (pair, p))
            .collect()
    }
}
