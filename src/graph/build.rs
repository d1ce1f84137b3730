//! Building the union graph: title actors resolved to holders, relations turned into links
//! with their starts on both clocks, parents and offices added as affiliation ties.

use super::input::{GraphActor, GraphInput, GraphRelation, Office};
use super::{ActorGraph, Edge, EdgeKey, Link, LinkOrigin, Standing, Start, StartBasis};
use crate::domain::{ActorId, ActorKind, ClaimKind, Modality, Polarity, ReviewState, When};
use chrono::NaiveDate;
use petgraph::stable_graph::StableDiGraph;
use std::collections::{BTreeMap, HashMap};

/// A title an actor's name may stand for: the office and where it is held.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TitleKey {
    title: String,
    of: ActorId,
}

/// Names compared trimmed, whitespace collapsed and lowercased, without a leading "the".
fn key(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let words = match words.first().map(String::as_str) {
        Some("the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// The first day a time covers, if bounded below.
fn first_day(when: &When) -> Option<NaiveDate> {
    when.earliest().map(|t| t.date())
}

impl ActorGraph {
    /// Builds the union graph of a situation. Rejected relations are left out; parents and
    /// offices add affiliation links (views may hide them).
    pub fn build(input: &GraphInput) -> ActorGraph {
        let actors: BTreeMap<ActorId, &GraphActor> =
            input.actors.iter().map(|a| (a.id, a)).collect();
        let titles = title_names(&input.actors, &actors);
        let holders = office_holders(&input.actors);
        let mut edges: BTreeMap<EdgeKey, Vec<Link>> = BTreeMap::new();

        let mut relations: Vec<&GraphRelation> = input
            .relations
            .iter()
            .filter(|r| r.review_state != ReviewState::Rejected)
            .collect();
        relations.sort_by_key(|r| r.id);
        for relation in relations {
            let link = link_of(relation, &titles, &holders);
            if link.from == link.to {
                continue;
            }
            let standing = standing_of(relation);
            let key = EdgeKey::new(link.from, link.to, relation.polarity, standing);
            edges.entry(key).or_default().push(link);
        }

        for actor in &input.actors {
            // A title actor's own office restates its name ("President of Kazakhstan" is of
            // Kazakhstan), and a place's parent is geography, not affiliation.
            if titles.contains_key(&actor.id) || actor.kind == ActorKind::Location {
                continue;
            }
            if let Some(parent) = actor.parent.filter(|p| *p != actor.id) {
                let key = EdgeKey::new(actor.id, parent, Polarity::Affiliation, Standing::Asserted);
                edges.entry(key).or_default().push(tie(
                    actor.id,
                    parent,
                    LinkOrigin::Parent,
                    "parent".to_string(),
                    None,
                    None,
                ));
            }
            for office in &actor.offices {
                let Some(of) = office.of.filter(|o| *o != actor.id) else {
                    continue;
                };
                let key = EdgeKey::new(actor.id, of, Polarity::Affiliation, Standing::Asserted);
                edges.entry(key).or_default().push(tie(
                    actor.id,
                    of,
                    LinkOrigin::Office(office.title.clone()),
                    office.title.clone(),
                    office.from,
                    office.to,
                ));
            }
        }

        let mut g = StableDiGraph::new();
        let mut index = HashMap::new();
        let mut nodes = BTreeMap::new();
        let mut edge_index = BTreeMap::new();
        for (key, links) in edges {
            let mut node = |id: ActorId| {
                *index.entry(id).or_insert_with(|| {
                    let actor =
                        actors
                            .get(&id)
                            .map(|a| (*a).clone())
                            .unwrap_or_else(|| GraphActor {
                                id,
                                name: format!("#{id}"),
                                aliases: Vec::new(),
                                kind: ActorKind::Organisation,
                                parent: None,
                                offices: Vec::new(),
                            });
                    nodes.insert(id, actor);
                    g.add_node(id)
                })
            };
            let a = node(key.a);
            let b = node(key.b);
            let ix = g.add_edge(a, b, Edge::new(key, links));
            edge_index.insert(key, ix);
        }
        ActorGraph {
            g,
            index,
            edges: edge_index,
            nodes,
            start_days: Default::default(),
            link_counts: Default::default(),
        }
    }
}

/// A tie from the actor list.
fn tie(
    from: ActorId,
    to: ActorId,
    origin: LinkOrigin,
    kind: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Link {
    let start = match start {
        Some(day) => Start {
            day: Some(day),
            basis: StartBasis::Office,
        },
        None => Start {
            day: None,
            basis: StartBasis::Standing,
        },
    };
    Link {
        origin,
        from,
        to,
        resolved: Vec::new(),
        kind,
        occurred_start: start,
        reported_start: start,
        end,
        claim: None,
    }
}

/// Asserted, denied or forecast, from the claim behind a relation. An office or membership
/// read from a title ("Kremlin spokesman Dmitry Peskov said ... would ...") holds whatever the
/// clause forecasts, so affiliations are always asserted.
fn standing_of(relation: &GraphRelation) -> Standing {
    if relation.polarity == Polarity::Affiliation {
        return Standing::Asserted;
    }
    match &relation.claim {
        Some(claim)
            if claim.prediction.is_some()
                || claim.kind == ClaimKind::Prediction
                || claim.modality == Modality::Hypothetical =>
        {
            Standing::Forecast
        }
        Some(claim) if claim.modality == Modality::Denied => Standing::Denied,
        _ => Standing::Asserted,
    }
}

/// A relation as a link: its starts on both clocks, its end, its title actors resolved.
fn link_of(
    relation: &GraphRelation,
    titles: &HashMap<ActorId, TitleKey>,
    holders: &HashMap<TitleKey, Vec<(ActorId, Office)>>,
) -> Link {
    let claim = relation.claim.as_ref();
    let valid_start = relation.valid.as_ref().and_then(first_day);
    let occurred = claim.and_then(|c| c.occurred.as_ref()).and_then(first_day);
    let reported = claim.and_then(|c| c.reported.as_ref()).and_then(first_day);
    let dated = |day: Option<NaiveDate>, basis: StartBasis| {
        day.map(|day| Start {
            day: Some(day),
            basis,
        })
    };
    let unknown = Start {
        day: None,
        basis: StartBasis::Unknown,
    };
    let occurred_start = dated(valid_start, StartBasis::Valid)
        .or_else(|| dated(occurred, StartBasis::ClaimOccurred))
        .or_else(|| dated(reported, StartBasis::ClaimReported))
        .unwrap_or(unknown);
    let reported_start = dated(reported, StartBasis::ClaimReported).unwrap_or(occurred_start);
    // Only a validity open at the start ("until January 19") says when the relation ended.
    let end = relation
        .valid
        .as_ref()
        .filter(|v| v.earliest().is_none())
        .and_then(|v| v.latest())
        .map(|t| t.date());

    let mut resolved = Vec::new();
    let mut resolve = |actor: ActorId| -> ActorId {
        let Some(title) = titles.get(&actor) else {
            return actor;
        };
        let Some(day) = occurred_start.day else {
            return actor;
        };
        let holding: Vec<ActorId> = holders
            .get(title)
            .into_iter()
            .flatten()
            .filter(|(holder, office)| !titles.contains_key(holder) && office.held_on(day))
            .map(|(holder, _)| *holder)
            .collect();
        match holding.as_slice() {
            [holder] if *holder != actor => {
                resolved.push((actor, *holder));
                *holder
            }
            _ => actor,
        }
    };
    let from = resolve(relation.source);
    let to = resolve(relation.target);
    Link {
        origin: LinkOrigin::Relation(relation.id),
        from,
        to,
        resolved,
        kind: relation.kind.clone(),
        occurred_start,
        reported_start,
        end,
        claim: relation.claim.clone(),
    }
}

/// Every office's holders, by the office.
fn office_holders(actors: &[GraphActor]) -> HashMap<TitleKey, Vec<(ActorId, Office)>> {
    let mut out: HashMap<TitleKey, Vec<(ActorId, Office)>> = HashMap::new();
    for actor in actors {
        for office in &actor.offices {
            if let Some(of) = office.of {
                out.entry(TitleKey {
                    title: key(&office.title),
                    of,
                })
                .or_default()
                .push((actor.id, office.clone()));
            }
        }
    }
    out
}

/// The actors whose name is an office someone holds: "President of Kazakhstan", "Kazakh
/// President", "Kazakhstan's President", for an office "President" of Kazakhstan (by its
/// name or any alias).
fn title_names(
    actors: &[GraphActor],
    by_id: &BTreeMap<ActorId, &GraphActor>,
) -> HashMap<ActorId, TitleKey> {
    let mut spelled: HashMap<String, TitleKey> = HashMap::new();
    for holder in actors {
        for office in &holder.offices {
            let Some(place) = office.of.and_then(|of| by_id.get(&of)) else {
                continue;
            };
            let title = key(&office.title);
            let names = std::iter::once(&place.name).chain(place.aliases.iter());
            for name in names {
                let name = key(name);
                let office_key = TitleKey {
                    title: title.clone(),
                    of: place.id,
                };
                for form in [
                    format!("{title} of {name}"),
                    format!("{name} {title}"),
                    format!("{name}'s {title}"),
                ] {
                    spelled.insert(form, office_key.clone());
                }
            }
        }
    }
    // An actor whose name spells an office is a title actor, even when the extractor gave it
    // that office as a role of its own.
    actors
        .iter()
        .filter(|a| a.kind != ActorKind::Location)
        .filter_map(|a| spelled.get(&key(&a.name)).map(|t| (a.id, t.clone())))
        .collect()
}
