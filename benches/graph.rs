//! The actor graph at scale: a synthetic situation of 10,000 actors and 200,000 relations
//! over a year. Measures building the union graph, a snapshot as of a day, and rendering one
//! actor's ego view (its picture, drawing and strip over time), one and two steps.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use sitrep::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, Modality, Polarity, RelationId, ReviewState, SourceId,
    When,
};
use sitrep::graph::{
    ActorGraph, Clock, GraphActor, GraphClaim, GraphInput, GraphRelation, ViewOptions,
};
use sitrep::http::api::graph::GraphQuery;
use sitrep::http::pages::graph::render_ego;
use std::hint::black_box;

const ACTORS: i64 = 10_000;
const RELATIONS: i64 = 200_000;

/// A small deterministic generator (64-bit LCG), so every run measures the same graph.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn synthetic() -> GraphInput {
    let mut random = Lcg(42);
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let actors = (1..=ACTORS)
        .map(|id| GraphActor {
            id: ActorId::new(id),
            name: format!("Actor {id}"),
            aliases: Vec::new(),
            kind: ActorKind::ALL[(id % 4) as usize],
            parent: (id > 100 && id % 10 == 0).then(|| ActorId::new(id % 100 + 1)),
            offices: Vec::new(),
        })
        .collect();
    let relations = (1..=RELATIONS)
        .map(|id| {
            // A skewed choice of actors: a few hubs, many with a handful of relations.
            let pick = |r: &mut Lcg| {
                let x = r.next(ACTORS as u64) as f64 / ACTORS as f64;
                (x * x * ACTORS as f64) as i64 + 1
            };
            let source = pick(&mut random);
            let mut target = pick(&mut random);
            if target == source {
                target = source % ACTORS + 1;
            }
            let occurred = start + Duration::days(random.next(365) as i64);
            let modality = Modality::ALL[random.next(4) as usize];
            GraphRelation {
                id: RelationId::new(id),
                source: ActorId::new(source),
                target: ActorId::new(target),
                kind: "support".to_string(),
                polarity: Polarity::ALL[random.next(4) as usize],
                valid: (random.next(2) == 0).then(|| When::day(occurred)),
                review_state: ReviewState::Accepted,
                claim: Some(GraphClaim {
                    id: ClaimId::new(id),
                    source: SourceId::new(random.next(20_000) as i64 + 1),
                    source_title: None,
                    text: format!("Claim {id}"),
                    kind: ClaimKind::Event,
                    modality,
                    occurred: Some(When::day(occurred)),
                    reported: Some(When::day(occurred + Duration::days(1))),
                    disputed: false,
                    prediction: None,
                }),
            }
        })
        .collect();
    GraphInput { actors, relations }
}

fn graph(c: &mut Criterion) {
    let input = synthetic();
    c.bench_function("build 10k actors / 200k relations", |b| {
        b.iter(|| ActorGraph::build(black_box(&input)))
    });
    let graph = ActorGraph::build(&input);
    let day = NaiveDate::from_ymd_opt(2022, 7, 1).unwrap();
    c.bench_function("snapshot as of a day", |b| {
        b.iter(|| {
            graph
                .snapshot(
                    Some(black_box(day)),
                    Clock::Occurred,
                    ViewOptions::default(),
                )
                .edges
                .len()
        })
    });
    // A busy actor (a hub) and an ordinary one.
    for (label, actor, steps) in [
        ("ego view, hub, 1 step", 1, 1u8),
        ("ego view, hub, 2 steps", 1, 2),
        ("ego view, ordinary actor, 2 steps", 5_000, 2),
    ] {
        let request = GraphQuery {
            as_of: Some(day.to_string()),
            steps: Some(steps),
            ..GraphQuery::default()
        }
        .request()
        .unwrap();
        c.bench_function(label, |b| {
            b.iter(|| {
                render_ego(
                    "synthetic",
                    &graph,
                    ActorId::new(black_box(actor)),
                    &request,
                )
                .map(|svg| svg.len())
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = graph
}
criterion_main!(benches);
