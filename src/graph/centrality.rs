//! Rankings over a snapshot's counted edges (forecasts never count): degree and betweenness
//! centrality (Brandes' algorithm, unweighted, undirected), and the groups of actors joined by
//! cooperative edges.

use super::Standing;
use super::snapshot::Snapshot;
use crate::domain::{ActorId, Polarity};
use petgraph::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One actor's centrality.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centrality {
    /// The actor.
    pub actor: ActorId,
    /// How many actors it has a counted edge with.
    pub degree: usize,
    /// Its betweenness: the share of shortest paths between other pairs through it,
    /// normalised to 0..1 by the number of such pairs.
    pub betweenness: f64,
}

/// Degree and betweenness of every actor on a counted edge of `snapshot` (limited to `within`
/// when given), most central first (betweenness, then degree, then id).
pub fn centrality(snapshot: &Snapshot<'_>, within: Option<&BTreeSet<ActorId>>) -> Vec<Centrality> {
    let keep = |a: ActorId| within.is_none_or(|set| set.contains(&a));
    let mut neighbours: BTreeMap<ActorId, BTreeSet<ActorId>> = BTreeMap::new();
    for edge in snapshot.counted() {
        let (a, b) = edge.key.pair();
        if a == b || !keep(a) || !keep(b) {
            continue;
        }
        neighbours.entry(a).or_default().insert(b);
        neighbours.entry(b).or_default().insert(a);
    }
    let actors: Vec<ActorId> = neighbours.keys().copied().collect();
    let position: BTreeMap<ActorId, usize> =
        actors.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let adjacency: Vec<Vec<usize>> = actors
        .iter()
        .map(|a| {
            neighbours[a]
                .iter()
                .filter_map(|n| position.get(n).copied())
                .collect()
        })
        .collect();
    let between = brandes(&adjacency);
    let n = actors.len();
    // Undirected: each pair is counted from both ends, so halve; then normalise by the pairs
    // that do not include the actor.
    let pairs = if n > 2 {
        ((n - 1) * (n - 2)) as f64 / 2.0
    } else {
        1.0
    };
    let mut out: Vec<Centrality> = actors
        .iter()
        .enumerate()
        .map(|(i, actor)| Centrality {
            actor: *actor,
            degree: adjacency[i].len(),
            betweenness: between[i] / 2.0 / pairs,
        })
        .collect();
    out.sort_by(|x, y| {
        y.betweenness
            .total_cmp(&x.betweenness)
            .then(y.degree.cmp(&x.degree))
            .then(x.actor.cmp(&y.actor))
    });
    out
}

/// Brandes' betweenness over an unweighted graph given as adjacency lists.
fn brandes(adjacency: &[Vec<usize>]) -> Vec<f64> {
    let n = adjacency.len();
    let mut centrality = vec![0.0; n];
    let mut stack = Vec::with_capacity(n);
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut paths = vec![0.0f64; n];
    let mut distance = vec![-1i64; n];
    let mut dependency = vec![0.0f64; n];
    let mut queue = VecDeque::new();
    for s in 0..n {
        stack.clear();
        for v in 0..n {
            predecessors[v].clear();
            paths[v] = 0.0;
            distance[v] = -1;
            dependency[v] = 0.0;
        }
        paths[s] = 1.0;
        distance[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adjacency[v] {
                if distance[w] < 0 {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    paths[w] += paths[v];
                    predecessors[w].push(v);
                }
            }
        }
        while let Some(w) = stack.pop() {
            for &v in &predecessors[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
            if w != s {
                centrality[w] += dependency[w];
            }
        }
    }
    centrality
}

/// A group of actors joined by asserted cooperative edges.
#[derive(Debug, Clone, PartialEq)]
pub struct CooperativeGroup {
    /// Its members, by id.
    pub members: Vec<ActorId>,
    /// The summed weight of the cooperative edges inside it.
    pub weight: f64,
}

/// The connected components of the snapshot's asserted cooperative edges, two actors or more,
/// largest first (then by weight, then by first member).
pub fn cooperative_groups(snapshot: &Snapshot<'_>) -> Vec<CooperativeGroup> {
    let cooperative: Vec<_> = snapshot
        .counted()
        .filter(|e| e.key.polarity == Polarity::Cooperative && e.key.standing == Standing::Asserted)
        .collect();
    let actors: Vec<ActorId> = cooperative
        .iter()
        .flat_map(|e| [e.key.a, e.key.b])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let position: BTreeMap<ActorId, usize> =
        actors.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let mut sets = UnionFind::<usize>::new(actors.len());
    for edge in &cooperative {
        sets.union(position[&edge.key.a], position[&edge.key.b]);
    }
    let mut groups: BTreeMap<usize, CooperativeGroup> = BTreeMap::new();
    for (i, actor) in actors.iter().enumerate() {
        groups
            .entry(sets.find(i))
            .or_insert_with(|| CooperativeGroup {
                members: Vec::new(),
                weight: 0.0,
            })
            .members
            .push(*actor);
    }
    for edge in &cooperative {
        if let Some(group) = groups.get_mut(&sets.find(position[&edge.key.a])) {
            group.weight += edge.weight;
        }
    }
    let mut out: Vec<CooperativeGroup> = groups.into_values().collect();
    out.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then(y.weight.total_cmp(&x.weight))
            .then(x.members.cmp(&y.members))
    });
    out
}
