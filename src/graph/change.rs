//! What changed between two days: edges that appeared or ended, pairs whose sign flipped, and
//! the actors whose relations changed most. Forecast edges are never part of it.

use super::snapshot::{Snapshot, ViewOptions};
use super::{ActorGraph, Clock, EdgeKey};
use crate::domain::{ActorId, Polarity};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// An edge that appeared or ended.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeChange {
    /// The edge.
    pub key: EdgeKey,
    /// Its weight on the day it holds.
    pub weight: f64,
}

/// A pair whose current sign changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flip {
    /// The actor with the smaller id.
    pub a: ActorId,
    /// The other actor.
    pub b: ActorId,
    /// Its sign on the first day.
    pub before: Polarity,
    /// Its sign on the second day.
    pub after: Polarity,
}

/// The change between two days.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The first day.
    pub from: NaiveDate,
    /// The second day.
    pub to: NaiveDate,
    /// The clock both are read on.
    pub clock: Clock,
    /// Counted edges holding on `to` but not on `from`, by key.
    pub appeared: Vec<EdgeChange>,
    /// Counted edges holding on `from` but not on `to`, by key.
    pub ended: Vec<EdgeChange>,
    /// Pairs whose current sign differs between the two days.
    pub flipped: Vec<Flip>,
    /// Actors by how many of these changes touch them (most first, then by id).
    pub ranking: Vec<(ActorId, usize)>,
}

/// The change between the snapshots of `from` and `to` on `clock`.
pub fn change_between(
    graph: &ActorGraph,
    from: NaiveDate,
    to: NaiveDate,
    clock: Clock,
    options: ViewOptions,
) -> Change {
    let before = graph.snapshot(Some(from), clock, options);
    let after = graph.snapshot(Some(to), clock, options);
    Change::between(&before, &after, from, to, clock)
}

impl Change {
    /// The difference of two snapshots' counted edges and stances.
    pub fn between(
        before: &Snapshot<'_>,
        after: &Snapshot<'_>,
        from: NaiveDate,
        to: NaiveDate,
        clock: Clock,
    ) -> Change {
        let weights = |s: &Snapshot<'_>| -> BTreeMap<EdgeKey, f64> {
            s.counted().map(|e| (e.key, e.weight)).collect()
        };
        let (was, is) = (weights(before), weights(after));
        let appeared: Vec<EdgeChange> = is
            .iter()
            .filter(|(k, _)| !was.contains_key(k))
            .map(|(key, weight)| EdgeChange {
                key: *key,
                weight: *weight,
            })
            .collect();
        let ended: Vec<EdgeChange> = was
            .iter()
            .filter(|(k, _)| !is.contains_key(k))
            .map(|(key, weight)| EdgeChange {
                key: *key,
                weight: *weight,
            })
            .collect();
        let old = before.stances();
        let flipped: Vec<Flip> = after
            .stances()
            .into_iter()
            .filter_map(|((a, b), now)| {
                old.get(&(a, b))
                    .filter(|then| **then != now)
                    .map(|then| Flip {
                        a,
                        b,
                        before: *then,
                        after: now,
                    })
            })
            .collect();
        let mut counts: BTreeMap<ActorId, usize> = BTreeMap::new();
        let touched = appeared
            .iter()
            .chain(&ended)
            .map(|c| c.key.pair())
            .chain(flipped.iter().map(|f| (f.a, f.b)));
        for (a, b) in touched {
            for actor in BTreeSet::from([a, b]) {
                *counts.entry(actor).or_default() += 1;
            }
        }
        let mut ranking: Vec<(ActorId, usize)> = counts.into_iter().collect();
        ranking.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        Change {
            from,
            to,
            clock,
            appeared,
            ended,
            flipped,
            ranking,
        }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.appeared.is_empty() && self.ended.is_empty() && self.flipped.is_empty()
    }
}
