//! Hand-built cases and properties of the graph.

use super::*;
use crate::domain::{
    ActorKind, ClaimId, ClaimKind, Modality, Polarity, PredictionId, RelationId, ReviewState,
    SourceId, When,
};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, d).expect("a January day")
}

fn actor(id: i64, name: &str) -> GraphActor {
    GraphActor {
        id: ActorId::new(id),
        name: name.to_string(),
        aliases: Vec::new(),
        kind: ActorKind::State,
        parent: None,
        offices: Vec::new(),
    }
}

fn claim(id: i64, source: i64, occurred: Option<u32>, reported: Option<u32>) -> GraphClaim {
    GraphClaim {
        id: ClaimId::new(id),
        source: SourceId::new(source),
        source_title: None,
        text: format!("claim {id}"),
        kind: ClaimKind::Event,
        modality: Modality::Asserted,
        occurred: occurred.map(|d| When::day(day(d))),
        reported: reported.map(|d| When::day(day(d))),
        disputed: false,
        prediction: None,
    }
}

fn relation(id: i64, from: i64, to: i64, polarity: Polarity, claim: GraphClaim) -> GraphRelation {
    GraphRelation {
        id: RelationId::new(id),
        source: ActorId::new(from),
        target: ActorId::new(to),
        kind: "support".to_string(),
        polarity,
        valid: None,
        review_state: ReviewState::Accepted,
        claim: Some(claim),
    }
}

const RUSSIA: i64 = 1;
const KAZAKHSTAN: i64 = 2;
const CSTO: i64 = 3;
const TOKAYEV: i64 = 4;
const PRESIDENT_OF_KAZAKHSTAN: i64 = 5;

fn demo_like() -> GraphInput {
    let mut tokayev = actor(TOKAYEV, "Kassym-Jomart Tokayev");
    tokayev.kind = ActorKind::Person;
    tokayev.offices.push(Office {
        title: "President".to_string(),
        of: Some(ActorId::new(KAZAKHSTAN)),
        from: Some(NaiveDate::from_ymd_opt(2019, 6, 12).expect("a day")),
        to: None,
    });
    // The extractor gives a title actor its own office, undated.
    let mut title = actor(PRESIDENT_OF_KAZAKHSTAN, "President of Kazakhstan");
    title.kind = ActorKind::Person;
    title.offices.push(Office {
        title: "President".to_string(),
        of: Some(ActorId::new(KAZAKHSTAN)),
        from: None,
        to: None,
    });
    let mut kazakhstan = actor(KAZAKHSTAN, "Kazakhstan");
    kazakhstan.aliases.push("Kazakh".to_string());
    let mut forecast = claim(13, 10, None, Some(6));
    forecast.kind = ClaimKind::Prediction;
    forecast.modality = Modality::Hypothetical;
    forecast.prediction = Some(ForecastNote {
        id: PredictionId::new(1),
        proposition: "clashes between the armies".to_string(),
        hedge: Some("would not be surprising".to_string()),
        probability: Some(0.4),
    });
    GraphInput {
        actors: vec![
            actor(RUSSIA, "Russia"),
            kazakhstan,
            actor(CSTO, "Collective Security Treaty Organization"),
            tokayev,
            title,
        ],
        relations: vec![
            relation(
                1,
                RUSSIA,
                PRESIDENT_OF_KAZAKHSTAN,
                Polarity::Cooperative,
                claim(11, 10, Some(6), Some(6)),
            ),
            relation(
                2,
                CSTO,
                KAZAKHSTAN,
                Polarity::Cooperative,
                claim(12, 10, None, Some(6)),
            ),
            relation(3, KAZAKHSTAN, RUSSIA, Polarity::Hostile, forecast),
            relation(
                4,
                KAZAKHSTAN,
                RUSSIA,
                Polarity::Hostile,
                claim(14, 11, None, Some(14)),
            ),
            relation(
                5,
                CSTO,
                KAZAKHSTAN,
                Polarity::Cooperative,
                claim(15, 11, Some(6), Some(13)),
            ),
        ],
    }
}

fn key(a: i64, b: i64, polarity: Polarity, standing: Standing) -> EdgeKey {
    EdgeKey::new(ActorId::new(a), ActorId::new(b), polarity, standing)
}

#[test]
fn a_title_actor_is_drawn_as_its_holder_on_the_relations_date() {
    let graph = ActorGraph::build(&demo_like());
    let snapshot = graph.snapshot(Some(day(7)), Clock::Occurred, ViewOptions::default());
    let edge = snapshot
        .edge(&key(
            RUSSIA,
            TOKAYEV,
            Polarity::Cooperative,
            Standing::Asserted,
        ))
        .expect("Russia supports Tokayev");
    assert_eq!(
        edge.links[0].resolved,
        vec![(ActorId::new(PRESIDENT_OF_KAZAKHSTAN), ActorId::new(TOKAYEV))]
    );
    assert!(
        !snapshot
            .actors()
            .contains(&ActorId::new(PRESIDENT_OF_KAZAKHSTAN))
    );
    // The office is an affiliation tie from the actor list, dated from its first day.
    assert!(
        snapshot
            .edge(&key(
                KAZAKHSTAN,
                TOKAYEV,
                Polarity::Affiliation,
                Standing::Asserted
            ))
            .is_some()
    );
    let hidden = graph.snapshot(
        Some(day(7)),
        Clock::Occurred,
        ViewOptions {
            affiliations: false,
        },
    );
    assert!(
        hidden
            .edges
            .iter()
            .all(|e| e.key.polarity != Polarity::Affiliation)
    );
}

#[test]
fn a_title_without_a_holder_on_the_day_stays_a_title() {
    let mut input = demo_like();
    input.actors[3].offices[0].from = Some(day(10));
    let graph = ActorGraph::build(&input);
    assert!(
        graph
            .edge(&key(
                RUSSIA,
                PRESIDENT_OF_KAZAKHSTAN,
                Polarity::Cooperative,
                Standing::Asserted
            ))
            .is_some()
    );
}

#[test]
fn undated_relations_start_from_their_claims_occurred_then_reported_date() {
    let graph = ActorGraph::build(&demo_like());
    let csto = graph
        .edge(&key(
            KAZAKHSTAN,
            CSTO,
            Polarity::Cooperative,
            Standing::Asserted,
        ))
        .expect("the CSTO edge");
    let starts: Vec<Start> = csto
        .links
        .iter()
        .map(|l| l.start(Clock::Occurred))
        .collect();
    assert_eq!(
        starts[0],
        Start {
            day: Some(day(6)),
            basis: StartBasis::ClaimReported
        }
    );
    assert_eq!(
        starts[1],
        Start {
            day: Some(day(6)),
            basis: StartBasis::ClaimOccurred
        }
    );
    // On the reported clock the second one counts from the day it was reported.
    assert_eq!(csto.links[1].start(Clock::Reported).day, Some(day(13)));
    let early = graph.snapshot(Some(day(7)), Clock::Reported, ViewOptions::default());
    let edge = early
        .edge(&key(
            KAZAKHSTAN,
            CSTO,
            Polarity::Cooperative,
            Standing::Asserted,
        ))
        .expect("known by the 7th");
    assert_eq!((edge.claims, edge.sources), (1, 1));
    let later = graph.snapshot(Some(day(13)), Clock::Reported, ViewOptions::default());
    let edge = later
        .edge(&key(
            KAZAKHSTAN,
            CSTO,
            Polarity::Cooperative,
            Standing::Asserted,
        ))
        .expect("still there");
    assert_eq!((edge.claims, edge.sources, edge.weight), (2, 2, 2.0));
}

#[test]
fn a_forecast_is_its_own_edge_never_counted() {
    let graph = ActorGraph::build(&demo_like());
    let snapshot = graph.snapshot(Some(day(7)), Clock::Occurred, ViewOptions::default());
    let forecast = snapshot
        .edge(&key(
            RUSSIA,
            KAZAKHSTAN,
            Polarity::Hostile,
            Standing::Forecast,
        ))
        .expect("the forecast is drawn");
    assert_eq!(forecast.weight, 0.0);
    assert!(
        forecast.links[0]
            .claim
            .as_ref()
            .and_then(|c| c.prediction.as_ref())
            .is_some()
    );
    assert!(
        snapshot
            .edge(&key(
                RUSSIA,
                KAZAKHSTAN,
                Polarity::Hostile,
                Standing::Asserted
            ))
            .is_none()
    );
    // Centrality sees no Russia-Kazakhstan edge on the 7th.
    let ranks = centrality(&snapshot, None);
    let russia = ranks
        .iter()
        .find(|c| c.actor == ActorId::new(RUSSIA))
        .expect("Russia");
    assert_eq!(russia.degree, 1, "Russia's only counted edge is to Tokayev");
}

#[test]
fn the_change_view_names_the_new_tension_and_not_the_forecast() {
    let graph = ActorGraph::build(&demo_like());
    let change = change_between(
        &graph,
        day(7),
        day(15),
        Clock::Occurred,
        ViewOptions::default(),
    );
    let appeared: Vec<EdgeKey> = change.appeared.iter().map(|c| c.key).collect();
    assert_eq!(
        appeared,
        vec![key(
            RUSSIA,
            KAZAKHSTAN,
            Polarity::Hostile,
            Standing::Asserted
        )]
    );
    assert!(change.ended.is_empty());
    assert!(
        change.flipped.is_empty(),
        "no earlier Russia-Kazakhstan sign to flip"
    );
    assert_eq!(change.ranking[0].1, 1);
}

#[test]
fn a_pair_that_turns_hostile_flips() {
    let input = GraphInput {
        actors: vec![actor(1, "A"), actor(2, "B")],
        relations: vec![
            relation(
                1,
                1,
                2,
                Polarity::Cooperative,
                claim(1, 1, Some(3), Some(3)),
            ),
            relation(2, 2, 1, Polarity::Hostile, claim(2, 2, Some(9), Some(9))),
        ],
    };
    let graph = ActorGraph::build(&input);
    let change = change_between(
        &graph,
        day(5),
        day(10),
        Clock::Occurred,
        ViewOptions::default(),
    );
    assert_eq!(
        change.flipped,
        vec![Flip {
            a: ActorId::new(1),
            b: ActorId::new(2),
            before: Polarity::Cooperative,
            after: Polarity::Hostile,
        }]
    );
    assert_eq!(change.appeared.len(), 1);
    assert_eq!(
        change.ranking,
        vec![(ActorId::new(1), 2), (ActorId::new(2), 2)]
    );
}

#[test]
fn denied_rejected_and_bounded_relations() {
    let mut denied = claim(1, 1, Some(3), None);
    denied.modality = Modality::Denied;
    let mut rejected = relation(2, 1, 3, Polarity::Hostile, claim(2, 1, Some(3), None));
    rejected.review_state = ReviewState::Rejected;
    let mut bounded = relation(3, 2, 3, Polarity::Cooperative, claim(3, 1, Some(2), None));
    bounded.valid = Some(
        When::new(
            None,
            Some(day(8).and_hms_opt(0, 0, 0).expect("midnight")),
            crate::domain::Precision::Day,
        )
        .expect("until the 8th"),
    );
    let input = GraphInput {
        actors: vec![actor(1, "A"), actor(2, "B"), actor(3, "C")],
        relations: vec![
            relation(1, 1, 2, Polarity::Hostile, denied),
            rejected,
            bounded,
        ],
    };
    let graph = ActorGraph::build(&input);
    assert!(
        graph
            .edge(&key(1, 2, Polarity::Hostile, Standing::Denied))
            .is_some()
    );
    assert!(
        graph
            .edge(&key(1, 3, Polarity::Hostile, Standing::Asserted))
            .is_none()
    );
    let on = |d| graph.snapshot(Some(day(d)), Clock::Occurred, ViewOptions::default());
    assert!(
        on(7)
            .edge(&key(2, 3, Polarity::Cooperative, Standing::Asserted))
            .is_some()
    );
    assert!(
        on(8)
            .edge(&key(2, 3, Polarity::Cooperative, Standing::Asserted))
            .is_none()
    );
    let change = change_between(
        &graph,
        day(7),
        day(8),
        Clock::Occurred,
        ViewOptions::default(),
    );
    assert_eq!(change.ended.len(), 1);
}

#[test]
fn undated_links_are_left_out_of_dated_views_and_counted() {
    let input = GraphInput {
        actors: vec![actor(1, "A"), actor(2, "B")],
        relations: vec![relation(
            1,
            1,
            2,
            Polarity::Neutral,
            claim(1, 1, None, None),
        )],
    };
    let graph = ActorGraph::build(&input);
    let dated = graph.snapshot(Some(day(20)), Clock::Occurred, ViewOptions::default());
    assert!(dated.edges.is_empty());
    assert_eq!(dated.undated_left_out, 1);
    assert_eq!(
        graph
            .snapshot(None, Clock::Occurred, ViewOptions::default())
            .edges
            .len(),
        1
    );
}

#[test]
fn betweenness_on_a_path_and_a_star() {
    let chain = GraphInput {
        actors: (1..=3).map(|i| actor(i, "x")).collect(),
        relations: vec![
            relation(1, 1, 2, Polarity::Cooperative, claim(1, 1, Some(1), None)),
            relation(2, 2, 3, Polarity::Hostile, claim(2, 1, Some(1), None)),
        ],
    };
    let graph = ActorGraph::build(&chain);
    let snapshot = graph.snapshot(None, Clock::Occurred, ViewOptions::default());
    let ranks = centrality(&snapshot, None);
    assert_eq!(ranks[0].actor, ActorId::new(2));
    assert!((ranks[0].betweenness - 1.0).abs() < 1e-9);
    assert_eq!(ranks[0].degree, 2);
    assert_eq!(ranks[1].betweenness, 0.0);
    let groups = cooperative_groups(&snapshot);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].members, vec![ActorId::new(1), ActorId::new(2)]);
}

#[test]
fn the_most_important_actors_are_kept_and_the_rest_counted() {
    let relations = (2..=10)
        .map(|i| relation(i, 1, i, Polarity::Cooperative, claim(i, i, Some(1), None)))
        .collect();
    let input = GraphInput {
        actors: (1..=10).map(|i| actor(i, "x")).collect(),
        relations,
    };
    let graph = ActorGraph::build(&input);
    let snapshot = graph.snapshot(None, Clock::Occurred, ViewOptions::default());
    let (kept, left_out) = snapshot.most_important(4);
    assert_eq!(left_out, 6);
    assert!(kept.contains(&ActorId::new(1)));
    assert_eq!(kept.len(), 4);
}

#[test]
fn layouts_are_deterministic_and_inside_the_box() {
    let graph = ActorGraph::build(&demo_like());
    let actors: BTreeSet<ActorId> = graph.nodes().map(|n| n.id).collect();
    let first = graph.layout(&actors, 800.0, 600.0);
    let second = graph.layout(&actors, 800.0, 600.0);
    assert_eq!(first, second);
    for (_, p) in first.actors() {
        assert!(
            (0.0..=800.0).contains(&p.x) && (0.0..=600.0).contains(&p.y),
            "{p:?}"
        );
    }
    let distinct: BTreeSet<(i64, i64)> = first
        .actors()
        .map(|(_, p)| (p.x as i64, p.y as i64))
        .collect();
    assert_eq!(distinct.len(), actors.len(), "no two actors on one spot");
}

#[test]
fn exports_are_xml_with_the_graphs_counts() {
    let graph = ActorGraph::build(&demo_like());
    let snapshot = graph.snapshot(None, Clock::Occurred, ViewOptions::default());
    let text = gexf(&graph, &snapshot, "a <test> & more");
    let doc = roxmltree::Document::parse(&text).expect("GEXF parses");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "gexf");
    assert_eq!(root.tag_name().namespace(), Some("http://gexf.net/1.3"));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let count = |name: &str| doc.descendants().filter(|n| n.has_tag_name(name)).count();
    assert_eq!(count("node"), snapshot.actors().len());
    assert_eq!(count("edge"), snapshot.edges.len());
    assert!(count("spell") > 0);
    let text = graphml(&graph, &snapshot);
    let doc = roxmltree::Document::parse(&text).expect("GraphML parses");
    let count = |name: &str| doc.descendants().filter(|n| n.has_tag_name(name)).count();
    assert_eq!(count("node"), snapshot.actors().len());
    assert_eq!(count("edge"), snapshot.edges.len());
}

/// A small random situation: relations among six actors over January, some undated, some
/// forecasts or denials, some bounded.
fn situations() -> impl Strategy<Value = GraphInput> {
    let row = (
        1i64..=6,
        1i64..=6,
        0usize..4,
        proptest::option::of(1u32..=28),
        proptest::option::of(1u32..=28),
        proptest::option::of(1u32..=28),
        0usize..4,
        proptest::option::of(2u32..=28),
        1i64..=3,
    );
    proptest::collection::vec(row, 0..25).prop_map(|rows| {
        let relations = rows
            .into_iter()
            .enumerate()
            .map(
                |(i, (from, to, polarity, valid, occurred, reported, modality, until, source))| {
                    let id = i as i64 + 1;
                    let mut c = claim(id, source, occurred, reported);
                    c.modality = Modality::ALL[modality];
                    let mut r = relation(id, from, to, Polarity::ALL[polarity], c);
                    r.valid = match (valid, until) {
                        (_, Some(until)) if valid.is_none() => When::new(
                            None,
                            Some(day(until).and_hms_opt(0, 0, 0).expect("midnight")),
                            crate::domain::Precision::Day,
                        )
                        .ok(),
                        (Some(v), _) => Some(When::day(day(v))),
                        _ => None,
                    };
                    r
                },
            )
            .collect();
        GraphInput {
            actors: (1..=6).map(|i| actor(i, "x")).collect(),
            relations,
        }
    })
}

/// The keys that hold on `as_of`, computed straight from the input.
fn expected_keys(input: &GraphInput, as_of: NaiveDate, clock: Clock) -> BTreeSet<EdgeKey> {
    input
        .relations
        .iter()
        .filter(|r| r.source != r.target)
        .filter_map(|r| {
            let c = r.claim.as_ref()?;
            let first = |w: &Option<When>| w.as_ref().and_then(|w| w.earliest()).map(|t| t.date());
            let occurred = first(&r.valid)
                .or(first(&c.occurred))
                .or(first(&c.reported));
            let start = match clock {
                Clock::Occurred => occurred,
                Clock::Reported => first(&c.reported).or(occurred),
            }?;
            let end = r
                .valid
                .as_ref()
                .filter(|v| v.earliest().is_none())
                .and_then(|v| v.latest())
                .map(|t| t.date());
            let standing = match c.modality {
                _ if r.polarity == Polarity::Affiliation => Standing::Asserted,
                Modality::Hypothetical => Standing::Forecast,
                Modality::Denied => Standing::Denied,
                _ => Standing::Asserted,
            };
            (start <= as_of && end.is_none_or(|e| as_of < e))
                .then(|| EdgeKey::new(r.source, r.target, r.polarity, standing))
        })
        .collect()
}

proptest! {
    #[test]
    fn a_snapshot_holds_exactly_what_began_by_its_day(
        input in situations(),
        as_of in 1u32..=28,
        reported in any::<bool>(),
    ) {
        let clock = if reported { Clock::Reported } else { Clock::Occurred };
        let graph = ActorGraph::build(&input);
        let snapshot = graph.snapshot(Some(day(as_of)), clock, ViewOptions::default());
        for edge in &snapshot.edges {
            for link in &edge.links {
                let start = link.start(clock);
                prop_assert!(start.day.is_some_and(|d| d <= day(as_of)), "{start:?} after {as_of}");
            }
        }
        let keys: BTreeSet<EdgeKey> = snapshot.edges.iter().map(|e| e.key).collect();
        prop_assert_eq!(keys, expected_keys(&input, day(as_of), clock));
    }

    #[test]
    fn the_change_is_the_difference_of_the_snapshots(
        input in situations(),
        first in 1u32..=28,
        second in 1u32..=28,
    ) {
        let clock = Clock::Occurred;
        let graph = ActorGraph::build(&input);
        let change = change_between(&graph, day(first), day(second), clock, ViewOptions::default());
        let counted = |d| -> BTreeSet<EdgeKey> {
            expected_keys(&input, day(d), clock).into_iter().filter(|k| k.counts()).collect()
        };
        let (before, after) = (counted(first), counted(second));
        let appeared: BTreeSet<EdgeKey> = change.appeared.iter().map(|c| c.key).collect();
        let ended: BTreeSet<EdgeKey> = change.ended.iter().map(|c| c.key).collect();
        prop_assert_eq!(appeared, after.difference(&before).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(ended, before.difference(&after).copied().collect::<BTreeSet<_>>());
        prop_assert!(change.appeared.iter().chain(&change.ended).all(|c| c.key.standing != Standing::Forecast));
        // A flip is a pair that has a current sign on both days, and the two differ.
        let s1 = graph.snapshot(Some(day(first)), clock, ViewOptions::default());
        let s2 = graph.snapshot(Some(day(second)), clock, ViewOptions::default());
        let (old, new) = (s1.stances(), s2.stances());
        for flip in &change.flipped {
            prop_assert_eq!(old.get(&(flip.a, flip.b)), Some(&flip.before));
            prop_assert_eq!(new.get(&(flip.a, flip.b)), Some(&flip.after));
        }
        let flips = old.iter().filter(|(pair, p)| new.get(pair).is_some_and(|q| q != *p)).count();
        prop_assert_eq!(flips, change.flipped.len());
    }

    #[test]
    fn the_same_input_lays_out_the_same(input in situations()) {
        let a = ActorGraph::build(&input);
        let b = ActorGraph::build(&input.clone());
        let actors: BTreeSet<ActorId> = a.nodes().map(|n| n.id).collect();
        prop_assert_eq!(a.layout(&actors, 640.0, 480.0), b.layout(&actors, 640.0, 480.0));
    }
}
