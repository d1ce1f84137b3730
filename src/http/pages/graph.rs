//! The actor graph's pages: `/situations/{slug}/graph` (a day's picture, the change between
//! two days, small multiples, rankings), an edge's page with the claims behind it (and, for
//! analysts, corrections to each relation), `/actors/{id}/graph` (one actor's neighbourhood
//! with its relations over time), and the GEXF and GraphML exports.

use super::claims::{SituationTab, claim_source_href, situation_header};
use super::format::day_label;
use crate::app::graph::{SituationGraph, situation_graph};
use crate::domain::{ActorId, Polarity};
use crate::graph::{
    ActorGraph, Change, Clock, EdgeKey, Link, Snapshot, Standing, StartBasis, ViewOptions,
    change_between, cooperative_groups, gexf, graphml,
};
use crate::http::api::graph::{
    GraphQuery, GraphRequest, HEIGHT, Picture, WIDTH, by_pair, edge_href, ego_graph, ego_href,
    ego_picture, intervals, picture_on, ranked, situation_picture,
};
use crate::http::auth::{CurrentUser, PageVisit};
use crate::http::limits::Expensive;
use crate::http::{AppError, AppState, PageError, PagePath, PageQuery};
use crate::storage;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::Markup;
use sitrep_templates::graph::{
    BarView, CentralRowView, ChangeRowView, ChangeView, DrawingView, EdgePageView, EdgeView,
    EgoPageView, ForecastRowView, GraphControlsView, GraphPageView, LinkRowView, NodeView,
    RelationFormView, StripRowView, StripView,
};
use sitrep_templates::view::LinkView;
use std::collections::{BTreeMap, BTreeSet};

/// How many days the small multiples show at most.
const MULTIPLES: usize = 4;
/// How many rows the centrality table shows.
const CENTRAL_ROWS: usize = 10;

/// The situation graph's path.
pub fn graph_href(slug: &str) -> String {
    format!("/situations/{slug}/graph")
}

fn clock_words(clock: Clock) -> &'static str {
    match clock {
        Clock::Occurred => "by when it happened",
        Clock::Reported => "by when it was reported",
    }
}

fn basis_words(basis: StartBasis) -> &'static str {
    match basis {
        StartBasis::Valid => "the relation's own date",
        StartBasis::ClaimOccurred => "undated: its claim's occurred date",
        StartBasis::ClaimReported => "undated: its claim's reported date",
        StartBasis::Office => "the office's first day",
        StartBasis::Standing => "a standing tie from the actor list",
        StartBasis::Unknown => "no date known",
    }
}

/// "Kazakhstan – Russia, hostile (forecast)".
fn edge_label(graph: &ActorGraph, key: &EdgeKey) -> String {
    let standing = match key.standing {
        Standing::Asserted => String::new(),
        other => format!(" ({})", other.as_str()),
    };
    format!(
        "{} – {}, {}{standing}",
        graph.name(key.a),
        graph.name(key.b),
        key.polarity.as_str()
    )
}

/// The query string that keeps `request`'s clock and affiliations, with `as_of`.
fn day_query(request: &GraphRequest, as_of: NaiveDate) -> String {
    let mut query = format!("?as_of={as_of}&clock={}", request.clock.as_str());
    if !request.options.affiliations {
        query.push_str("&affiliations=hide");
    }
    query
}

/// A drawing of a picture. `changes` marks edges of a change view; `emphasis` marks actors.
fn drawing_view(
    slug: &str,
    graph: &ActorGraph,
    picture: &Picture<'_>,
    changes: &BTreeMap<EdgeKey, &'static str>,
    emphasis: &BTreeSet<ActorId>,
    small: bool,
    title: String,
) -> DrawingView {
    let importance = picture.snapshot.importance();
    let nodes = picture
        .shown
        .iter()
        .filter_map(|a| {
            let at = picture.layout.position(*a)?;
            let node = graph.node(*a)?;
            let weight = importance.get(a).copied().unwrap_or(0.0);
            Some(NodeView {
                x: at.x,
                y: at.y,
                r: (5.0 + weight.sqrt() * 2.0).min(16.0),
                label: node.name.clone(),
                kind: node.kind.as_str().to_string(),
                href: ego_href(*a),
                emphasis: emphasis.contains(a),
            })
        })
        .collect();
    let mut edges = Vec::new();
    for ((a, b), group) in by_pair(picture) {
        let (Some(p), Some(q)) = (picture.layout.position(a), picture.layout.position(b)) else {
            continue;
        };
        let count = group.len();
        for (i, edge) in group.into_iter().enumerate() {
            // Parallel edges of one pair bow apart, symmetrically about the straight line.
            let offset = (i as f64 - (count as f64 - 1.0) / 2.0) * 22.0;
            let d = if offset == 0.0 {
                format!("M{:.1} {:.1} L{:.1} {:.1}", p.x, p.y, q.x, q.y)
            } else {
                let (dx, dy) = (q.x - p.x, q.y - p.y);
                let length = (dx * dx + dy * dy).sqrt().max(1.0);
                let (nx, ny) = (-dy / length, dx / length);
                let (cx, cy) = (
                    (p.x + q.x) / 2.0 + nx * offset,
                    (p.y + q.y) / 2.0 + ny * offset,
                );
                format!(
                    "M{:.1} {:.1} Q{cx:.1} {cy:.1} {:.1} {:.1}",
                    p.x, p.y, q.x, q.y
                )
            };
            let claims = if edge.counts() {
                format!(
                    ": {} claim{}, {} source{}",
                    edge.claims,
                    if edge.claims == 1 { "" } else { "s" },
                    edge.sources,
                    if edge.sources == 1 { "" } else { "s" }
                )
            } else {
                ": a forecast, not counted".to_string()
            };
            edges.push(EdgeView {
                d,
                polarity: edge.key.polarity.as_str().to_string(),
                standing: edge.key.standing.as_str().to_string(),
                disputed: edge.disputed,
                width: if small {
                    1.0
                } else {
                    1.5 + edge.weight.min(6.0) * 0.75
                },
                href: edge_href(slug, &edge.key),
                title: format!("{}{claims}", edge_label(graph, &edge.key)),
                change: changes.get(&edge.key).map(|c| c.to_string()),
            });
        }
    }
    DrawingView {
        width: picture.layout.width,
        height: picture.layout.height,
        title,
        nodes,
        edges,
        small,
    }
}

fn caption(snapshot: &Snapshot<'_>, shown: usize) -> String {
    let day = match snapshot.as_of {
        Some(day) => format!("As of {}, {}", day_label(day), clock_words(snapshot.clock)),
        None => "All dates".to_string(),
    };
    let counted = snapshot.counted().count();
    let forecasts = snapshot.forecasts().count();
    format!(
        "{day}: {shown} actor{}, {counted} edge{}{}",
        if shown == 1 { "" } else { "s" },
        if counted == 1 { "" } else { "s" },
        if forecasts > 0 {
            format!(
                " and {forecasts} forecast edge{}",
                if forecasts == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    )
}

fn notes(picture: &Picture<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if picture.left_out > 0 {
        out.push(format!(
            "{} more actor{} on this day {} left out: only the most important ones are drawn.",
            picture.left_out,
            if picture.left_out == 1 { "" } else { "s" },
            if picture.left_out == 1 { "is" } else { "are" },
        ));
    }
    let undated = picture.snapshot.undated_left_out;
    if undated > 0 {
        out.push(format!(
            "{undated} relation{} without any date {} shown only under all dates.",
            if undated == 1 { "" } else { "s" },
            if undated == 1 { "is" } else { "are" },
        ));
    }
    out
}

fn actor_link(graph: &ActorGraph, actor: ActorId) -> LinkView {
    LinkView {
        label: graph.name(actor),
        href: ego_href(actor),
    }
}

fn controls(action: String, request: &GraphRequest, steps: Option<u8>) -> GraphControlsView {
    GraphControlsView {
        action,
        as_of: request.as_of.map(|d| d.to_string()).unwrap_or_default(),
        clock: request.clock.as_str().to_string(),
        from: request
            .change
            .map(|(f, _)| f.to_string())
            .unwrap_or_default(),
        to: request
            .change
            .map(|(_, t)| t.to_string())
            .unwrap_or_default(),
        affiliations: request.options.affiliations,
        steps,
    }
}

fn forecasts(slug: &str, graph: &ActorGraph, snapshot: &Snapshot<'_>) -> Vec<ForecastRowView> {
    snapshot
        .forecasts()
        .map(|edge| {
            let prediction = edge
                .links
                .iter()
                .filter_map(|l| l.claim.as_ref())
                .map(|c| match &c.prediction {
                    Some(p) => {
                        let chance = p
                            .probability
                            .map(|q| format!(", about {:.0}%", q * 100.0))
                            .unwrap_or_default();
                        let hedge = p
                            .hedge
                            .as_deref()
                            .map(|h| format!(" ({h}{chance})"))
                            .unwrap_or(chance);
                        format!("{}{hedge}", p.proposition)
                    }
                    None => c.text.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            ForecastRowView {
                edge: LinkView {
                    label: edge_label(graph, &edge.key),
                    href: edge_href(slug, &edge.key),
                },
                prediction,
            }
        })
        .collect()
}

fn change_view(
    slug: &str,
    graph: &ActorGraph,
    change: &Change,
    request: &GraphRequest,
    layout_from: &Picture<'_>,
    placed: &BTreeSet<ActorId>,
) -> ChangeView {
    let mut marks: BTreeMap<EdgeKey, &'static str> = BTreeMap::new();
    let mut rows = Vec::new();
    for c in &change.appeared {
        marks.insert(c.key, "appeared");
        rows.push(ChangeRowView {
            edge: LinkView {
                label: edge_label(graph, &c.key),
                href: edge_href(slug, &c.key),
            },
            what: "appeared".to_string(),
            polarity: c.key.polarity.as_str().to_string(),
        });
    }
    for c in &change.ended {
        rows.push(ChangeRowView {
            edge: LinkView {
                label: edge_label(graph, &c.key),
                href: edge_href(slug, &c.key),
            },
            what: "ended".to_string(),
            polarity: c.key.polarity.as_str().to_string(),
        });
    }
    for f in &change.flipped {
        let key = EdgeKey::new(f.a, f.b, f.after, Standing::Asserted);
        marks.insert(key, "flipped");
        rows.push(ChangeRowView {
            edge: LinkView {
                label: edge_label(graph, &key),
                href: edge_href(slug, &key),
            },
            what: format!("{} → {}", f.before.as_str(), f.after.as_str()),
            polarity: f.after.as_str().to_string(),
        });
    }
    let after = picture_on(
        graph,
        Some(change.to),
        request,
        layout_from.layout.clone(),
        placed,
    );
    let emphasis: BTreeSet<ActorId> = change.ranking.iter().map(|(a, _)| *a).collect();
    ChangeView {
        title: format!(
            "from {} to {}",
            day_label(change.from),
            day_label(change.to)
        ),
        drawing: drawing_view(
            slug,
            graph,
            &after,
            &marks,
            &emphasis,
            false,
            format!(
                "The graph on {} with the changes since {} marked",
                day_label(change.to),
                day_label(change.from)
            ),
        ),
        rows,
        ranking: change
            .ranking
            .iter()
            .take(CENTRAL_ROWS)
            .map(|(a, n)| (actor_link(graph, *a), *n))
            .collect(),
    }
}

/// A few days to draw side by side: the change view's two days and the start days between
/// them, or days spread over the situation's start days.
fn multiple_days(graph: &ActorGraph, request: &GraphRequest) -> Vec<NaiveDate> {
    let days = graph.start_days(request.clock);
    let candidates: Vec<NaiveDate> = match request.change {
        Some((from, to)) => {
            let inside: Vec<NaiveDate> = days
                .iter()
                .copied()
                .filter(|d| from < *d && *d < to)
                .collect();
            let mut picked = vec![from];
            picked.extend(spread(&inside, MULTIPLES - 2));
            picked.push(to);
            picked
        }
        None => spread(days, MULTIPLES),
    };
    let mut out: Vec<NaiveDate> = candidates;
    out.dedup();
    out
}

fn spread(days: &[NaiveDate], count: usize) -> Vec<NaiveDate> {
    if days.len() <= count {
        return days.to_vec();
    }
    (0..count)
        .filter_map(|i| days.get(i * (days.len() - 1) / (count - 1).max(1)).copied())
        .collect()
}

/// `GET /situations/{slug}/graph`.
pub async fn show_graph_page(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
    PageQuery(query): PageQuery<GraphQuery>,
) -> Result<Markup, PageError> {
    let request = query.request()?;
    let user = CurrentUser(visit.user.clone());
    let built = state
        .graphs
        .situation_graph(&state.db, &slug, query.visibility(&user))
        .await?;
    let SituationGraph { situation, graph } = built.as_ref();
    let slug = situation.slug.clone();
    let picture = situation_picture(graph, &request);
    let all_time = graph.snapshot(None, request.clock, request.options);
    let (placed, _) = all_time.most_important(crate::http::api::graph::MAX_ACTORS);
    let change = request.change.map(|(from, to)| {
        let change = change_between(graph, from, to, request.clock, request.options);
        change_view(&slug, graph, &change, &request, &picture, &placed)
    });
    let href = graph_href(&slug);
    let multiples = multiple_days(graph, &request)
        .into_iter()
        .map(|day| {
            let small = picture_on(graph, Some(day), &request, picture.layout.clone(), &placed);
            (
                LinkView {
                    label: day_label(day),
                    href: format!("{href}{}", day_query(&request, day)),
                },
                drawing_view(
                    &slug,
                    graph,
                    &small,
                    &BTreeMap::new(),
                    &BTreeSet::new(),
                    true,
                    format!("The graph on {}", day_label(day)),
                ),
            )
        })
        .collect();
    let central = ranked(&picture)
        .into_iter()
        .take(CENTRAL_ROWS)
        .map(|c| CentralRowView {
            actor: actor_link(graph, c.actor),
            degree: c.degree,
            betweenness: format!("{:.2}", c.betweenness),
        })
        .collect();
    let groups = cooperative_groups(&picture.snapshot)
        .into_iter()
        .take(8)
        .map(|g| {
            g.members
                .into_iter()
                .map(|a| actor_link(graph, a))
                .collect()
        })
        .collect();
    let query_string = match request.as_of {
        Some(day) => day_query(&request, day),
        None => String::new(),
    };
    let title = match request.as_of {
        Some(day) => format!(
            "The actor graph of {} as of {}",
            situation.title,
            day_label(day)
        ),
        None => format!("The actor graph of {}, all dates", situation.title),
    };
    let view = GraphPageView {
        header: situation_header(situation, SituationTab::Graph),
        controls: controls(href.clone(), &request, None),
        caption: caption(&picture.snapshot, picture.shown.len()),
        notes: notes(&picture),
        drawing: drawing_view(
            &slug,
            graph,
            &picture,
            &BTreeMap::new(),
            &BTreeSet::new(),
            false,
            title,
        ),
        forecasts: forecasts(&slug, graph, &picture.snapshot),
        change,
        multiples,
        central,
        groups,
        downloads: vec![
            LinkView {
                label: "JSON".to_string(),
                href: format!("/api/v1/situations/{slug}/graph{query_string}"),
            },
            LinkView {
                label: "GEXF (Gephi)".to_string(),
                href: format!("{href}.gexf"),
            },
            LinkView {
                label: "GraphML".to_string(),
                href: format!("{href}.graphml"),
            },
        ],
    };
    Ok(sitrep_templates::graph::graph_page(&visit.context(), &view))
}

fn link_row(
    graph: &ActorGraph,
    link: &Link,
    clock: Clock,
    analyst: bool,
    records: &BTreeMap<crate::domain::RelationId, crate::storage::RelationRecord>,
) -> LinkRowView {
    let start = link.start(clock);
    let when = match start.day {
        Some(day) => format!("from {} ({})", day_label(day), basis_words(start.basis)),
        None => basis_words(start.basis).to_string(),
    };
    let when = match link.end {
        Some(end) => format!("{when}, until {}", day_label(end)),
        None => when,
    };
    let record = link.relation().and_then(|id| records.get(&id));
    LinkRowView {
        summary: format!(
            "{} → {}: {}",
            graph.name(link.from),
            graph.name(link.to),
            link.kind.replace('_', " ")
        ),
        start: when,
        resolved: link
            .resolved
            .iter()
            .map(|(title, holder)| {
                format!(
                    "“{}” read as {}, its holder on that day",
                    graph.name(*title),
                    graph.name(*holder)
                )
            })
            .collect(),
        claim: link.claim.as_ref().map(|c| LinkView {
            label: c.text.clone(),
            href: claim_source_href(c.source, c.id),
        }),
        source: link.claim.as_ref().map(|c| LinkView {
            label: c
                .source_title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| format!("Source {}", c.source)),
            href: format!("/sources/{}", c.source),
        }),
        claim_facts: link.claim.as_ref().map(|c| {
            let mut facts = format!("{}, {}", c.kind.as_str(), c.modality.as_str());
            if c.disputed {
                facts.push_str(", disputed");
            }
            facts
        }),
        prediction: link
            .claim
            .as_ref()
            .and_then(|c| c.prediction.as_ref())
            .map(|p| {
                let chance = p
                    .probability
                    .map(|q| format!(", about {:.0}%", q * 100.0))
                    .unwrap_or_default();
                match &p.hedge {
                    Some(h) => format!("{} ({h}{chance})", p.proposition),
                    None => format!("{}{chance}", p.proposition),
                }
            }),
        review_state: record
            .filter(|_| analyst)
            .map(|r| r.relation.review_state.as_str().to_string()),
        form: record.filter(|_| analyst).map(|r| RelationFormView {
            action: format!("/relations/{}/correct", r.relation.id),
            version: r.relation.version,
            review_state: r.relation.review_state.as_str().to_string(),
            polarity: r.relation.polarity.as_str().to_string(),
            valid_from: r
                .relation
                .valid
                .as_ref()
                .and_then(|v| v.earliest())
                .map(|t| t.date().to_string())
                .unwrap_or_default(),
        }),
        history: record.filter(|_| analyst).map(|r| LinkView {
            label: "history".to_string(),
            href: format!("/history/relation/{}", r.relation.id),
        }),
    }
}

/// `GET /situations/{slug}/graph/edges/{key}`: every link behind an edge over all dates, each
/// claim linking to its sentence.
pub async fn show_edge_page(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath((slug, key)): PagePath<(String, String)>,
    PageQuery(query): PageQuery<GraphQuery>,
) -> Result<Markup, PageError> {
    let request = query.request()?;
    let key = EdgeKey::from_slug(&key)
        .ok_or_else(|| AppError::NotFound(format!("{key:?} is not an edge of this graph")))?;
    let analyst = visit.user.as_ref().is_some_and(|u| u.is_analyst());
    let visibility = if analyst {
        storage::Visibility::Unrejected
    } else {
        crate::http::READER_VISIBILITY
    };
    let built = state
        .graphs
        .situation_graph(&state.db, &slug, visibility)
        .await?;
    let SituationGraph { situation, graph } = built.as_ref();
    let edge = graph
        .edge(&key)
        .ok_or_else(|| AppError::NotFound(format!("no edge {} in this situation", key.slug())))?;
    let mut records = BTreeMap::new();
    if analyst {
        for id in edge.links.iter().filter_map(Link::relation) {
            records.insert(id, storage::get_relation(&state.db, id).await?);
        }
    }
    let all_time = graph.snapshot(None, request.clock, ViewOptions::default());
    let snapshot_edge = all_time.edge(&key);
    let mut facts = Vec::new();
    if let Some(e) = snapshot_edge {
        if e.counts() {
            facts.push(format!(
                "weight {} from {} claim{} in {} source{}",
                e.weight,
                e.claims,
                if e.claims == 1 { "" } else { "s" },
                e.sources,
                if e.sources == 1 { "" } else { "s" }
            ));
        } else {
            facts.push("a forecast: drawn dashed, never counted as having happened".to_string());
        }
        let spans: Vec<String> = intervals(&e.links, request.clock)
            .into_iter()
            .map(|(start, end)| match end {
                Some(end) => format!("{} to {}", day_label(start), day_label(end)),
                None => format!("since {}", day_label(start)),
            })
            .collect();
        if !spans.is_empty() {
            facts.push(format!("holds {}", spans.join(", ")));
        }
        if e.disputed {
            facts.push("a claim behind it is disputed".to_string());
        }
    }
    if key.standing == Standing::Denied {
        facts.push("denied by its speaker".to_string());
    }
    let view = EdgePageView {
        header: situation_header(situation, SituationTab::Graph),
        title: edge_label(graph, &key),
        facts,
        links: edge
            .links
            .iter()
            .map(|l| link_row(graph, l, request.clock, analyst, &records))
            .collect(),
        back: LinkView {
            label: "Back to the graph".to_string(),
            href: graph_href(&situation.slug),
        },
    };
    Ok(sitrep_templates::graph::edge_page(&visit.context(), &view))
}

/// The strip of an ego view: one row per counterpart, a bar per edge from its first day to
/// its end (or the last day of the situation).
fn strip_view(slug: &str, graph: &ActorGraph, ego: ActorId, request: &GraphRequest) -> StripView {
    const AXIS: f64 = 620.0;
    let days = graph.start_days(request.clock);
    let (Some(first), Some(last)) = (days.first().copied(), days.last().copied()) else {
        return StripView {
            width: AXIS,
            ticks: Vec::new(),
            rows: Vec::new(),
        };
    };
    let end_of_axis = last + chrono::Duration::days(1);
    let span = (end_of_axis - first).num_days().max(1) as f64;
    let x = |d: NaiveDate| ((d - first).num_days() as f64 / span * AXIS).clamp(0.0, AXIS);
    let mut rows: BTreeMap<ActorId, Vec<BarView>> = BTreeMap::new();
    for edge in graph.edges_of(ego) {
        if !request.options.affiliations && edge.key.polarity == Polarity::Affiliation {
            continue;
        }
        let other = if edge.key.a == ego {
            edge.key.b
        } else {
            edge.key.a
        };
        let links: Vec<&Link> = edge.links.iter().collect();
        for (start, end) in intervals(&links, request.clock) {
            let stop = end.unwrap_or(end_of_axis);
            rows.entry(other).or_default().push(BarView {
                x: x(start),
                width: x(stop) - x(start),
                polarity: edge.key.polarity.as_str().to_string(),
                standing: edge.key.standing.as_str().to_string(),
                title: format!(
                    "{}, {} from {}",
                    edge_label(graph, &edge.key),
                    if end.is_some() { "held" } else { "holding" },
                    day_label(start)
                ),
                href: edge_href(slug, &edge.key),
            });
        }
    }
    let step = ((days.len() as f64) / 6.0).ceil().max(1.0) as usize;
    let ticks = days
        .iter()
        .step_by(step)
        .map(|d| (x(*d), d.format("%-d %b").to_string()))
        .collect();
    let mut rows: Vec<StripRowView> = rows
        .into_iter()
        .map(|(other, bars)| StripRowView {
            counterpart: actor_link(graph, other),
            bars,
        })
        .collect();
    rows.sort_by(|a, b| a.counterpart.label.cmp(&b.counterpart.label));
    StripView {
        width: AXIS,
        ticks,
        rows,
    }
}

/// `GET /actors/{id}/graph`: one actor's neighbourhood and its relations over time.
pub async fn show_ego_page(
    State(state): State<AppState>,
    visit: PageVisit,
    PagePath(id): PagePath<ActorId>,
    PageQuery(query): PageQuery<GraphQuery>,
) -> Result<Response, PageError> {
    let request = query.request()?;
    let user = CurrentUser(visit.user.clone());
    let (slug, built, ego) = ego_graph(&state, id, query.visibility(&user)).await?;
    let graph = &built.graph;
    if ego != id {
        // A merged actor's graph is its survivor's.
        return Ok(axum::response::Redirect::to(&ego_href(ego)).into_response());
    }
    let situation = storage::get_situation(&state.db, &slug).await?;
    let name = match graph.node(ego) {
        Some(node) => node.name.clone(),
        None => storage::get_actor(&state.db, ego).await?.name,
    };
    let (drawing, caption_text, notes_list) = match ego_picture(graph, ego, &request) {
        Some(picture) => (
            drawing_view(
                &slug,
                graph,
                &picture,
                &BTreeMap::new(),
                &BTreeSet::from([ego]),
                false,
                format!("{name}'s relations"),
            ),
            caption(&picture.snapshot, picture.shown.len()),
            notes(&picture),
        ),
        None => (
            DrawingView {
                width: WIDTH,
                height: HEIGHT,
                title: format!("{name} has no relations"),
                nodes: Vec::new(),
                edges: Vec::new(),
                small: false,
            },
            format!("{name} has no relations yet."),
            Vec::new(),
        ),
    };
    let query_string = match request.as_of {
        Some(day) => format!("{}&steps={}", day_query(&request, day), request.steps),
        None => format!("?steps={}", request.steps),
    };
    let view = EgoPageView {
        header: situation_header(&situation, SituationTab::Graph),
        actor: name,
        controls: controls(ego_href(ego), &request, Some(request.steps)),
        caption: caption_text,
        notes: notes_list,
        drawing,
        strip: strip_view(&slug, graph, ego, &request),
        downloads: vec![LinkView {
            label: "JSON".to_string(),
            href: format!("/api/v1/actors/{ego}/graph{query_string}"),
        }],
    };
    Ok(sitrep_templates::graph::ego_page(&visit.context(), &view).into_response())
}

fn download(body: String, content_type: &'static str, file: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{file}\""))
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /situations/{slug}/graph.gexf`: the all-time graph for Gephi (published relations).
pub async fn export_gexf(
    permit: Expensive,
    State(state): State<AppState>,
    PagePath(slug): PagePath<String>,
) -> Result<Response, PageError> {
    let built = state
        .graphs
        .situation_graph(&state.db, &slug, crate::http::READER_VISIBILITY)
        .await?;
    let SituationGraph { situation, graph } = built.as_ref();
    let snapshot = graph.snapshot(None, Clock::Occurred, ViewOptions::default());
    let text = gexf(graph, &snapshot, &situation.title);
    Ok(permit.hold_until_sent(download(
        text,
        "application/gexf+xml; charset=utf-8",
        format!("{}.gexf", situation.slug),
    )))
}

/// `GET /situations/{slug}/graph.graphml`: the all-time graph as GraphML.
pub async fn export_graphml(
    permit: Expensive,
    State(state): State<AppState>,
    PagePath(slug): PagePath<String>,
) -> Result<Response, PageError> {
    let built = state
        .graphs
        .situation_graph(&state.db, &slug, crate::http::READER_VISIBILITY)
        .await?;
    let SituationGraph { situation, graph } = built.as_ref();
    let snapshot = graph.snapshot(None, Clock::Occurred, ViewOptions::default());
    let text = graphml(graph, &snapshot);
    Ok(permit.hold_until_sent(download(
        text,
        "application/graphml+xml; charset=utf-8",
        format!("{}.graphml", situation.slug),
    )))
}

/// The correction form of a relation on an edge page.
#[derive(Debug, serde::Deserialize)]
pub struct CorrectionForm {
    /// The version the analyst saw.
    pub version: String,
    /// `draft`, `accepted` or `rejected`.
    pub review_state: Option<String>,
    /// The sign.
    pub polarity: Option<String>,
    /// `YYYY-MM-DD`, or empty for no date of its own.
    pub valid_from: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

fn parsed<T: std::str::FromStr>(name: &str, value: &Option<String>) -> Result<Option<T>, AppError>
where
    T::Err: std::fmt::Display,
{
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|e: T::Err| AppError::Unprocessable(format!("{name}: {e}"))),
    }
}

/// `POST /relations/{id}/correct`: an analyst accepts, rejects, flips or re-dates a relation;
/// back to the edge that holds it now.
pub async fn correct_relation(
    State(state): State<AppState>,
    crate::http::auth::Analyst(user): crate::http::auth::Analyst,
    PagePath(id): PagePath<crate::domain::RelationId>,
    crate::http::auth::CsrfForm(form): crate::http::auth::CsrfForm<CorrectionForm>,
) -> Result<Response, PageError> {
    let version: i64 = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::Unprocessable("version must be a number".to_string()))?;
    let current = storage::get_relation(&state.db, id).await?.relation;
    let valid_from = match form.valid_from.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(text) => Some(Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(
            |_| {
                AppError::Unprocessable(format!(
                    "valid from must be a date YYYY-MM-DD, got {text:?}"
                ))
            },
        )?)),
    };
    let current_from = current
        .valid
        .as_ref()
        .and_then(|v| v.earliest())
        .map(|t| t.date());
    let correction = crate::app::graph::RelationCorrection {
        review_state: parsed("review state", &form.review_state)?
            .filter(|s| *s != current.review_state),
        polarity: parsed("polarity", &form.polarity)?.filter(|p| *p != current.polarity),
        valid_from: valid_from.filter(|v| *v != current_from),
    };
    let reason = form.reason.as_deref().unwrap_or("");
    crate::app::graph::correct_relation(&state.db, &user, id, version, &correction, reason).await?;
    let situation = storage::list_situations(&state.db)
        .await?
        .into_iter()
        .find(|s| s.id == current.situation)
        .ok_or_else(|| AppError::NotFound(format!("relation {id} has no situation")))?;
    let SituationGraph { graph, .. } =
        situation_graph(&state.db, &situation.slug, storage::Visibility::Unrejected).await?;
    let to = graph
        .edges()
        .find(|e| e.links.iter().any(|l| l.relation() == Some(id)))
        .map(|e| edge_href(&situation.slug, &e.key))
        .unwrap_or_else(|| graph_href(&situation.slug));
    Ok(axum::response::Redirect::to(&to).into_response())
}

/// The drawing and the strip of an actor's ego page, rendered: what the ego page draws, for
/// measuring it without a database. `None` when the actor has no edge.
pub fn render_ego(
    slug: &str,
    graph: &ActorGraph,
    ego: ActorId,
    request: &GraphRequest,
) -> Option<String> {
    let picture = ego_picture(graph, ego, request)?;
    let drawing = drawing_view(
        slug,
        graph,
        &picture,
        &BTreeMap::new(),
        &BTreeSet::from([ego]),
        false,
        format!("{}'s relations", graph.name(ego)),
    );
    let strip = strip_view(slug, graph, ego, request);
    let mut out = sitrep_templates::graph::drawing(&drawing).into_string();
    out.push_str(&sitrep_templates::graph::strip(&strip).into_string());
    Some(out)
}
