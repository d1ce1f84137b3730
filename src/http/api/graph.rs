//! `GET /api/v1/situations/{slug}/graph` and `GET /api/v1/actors/{id}/graph`: the actor graph
//! as JSON (nodes with positions, edges with weights, intervals and the claims behind each),
//! the twins of the graph pages. Also the request parsing and the picture (which actors are
//! drawn, where) that the pages share.

use crate::app::graph::SituationGraph;
use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, Modality, Polarity, PredictionId, RelationId, SourceId,
};
use crate::graph::{
    ActorGraph, Centrality, Change, Clock, EdgeKey, Layout, Link, LinkOrigin, Snapshot, Standing,
    StartBasis, ViewOptions, centrality, change_between, cooperative_groups,
};
use crate::http::auth::CurrentUser;
use crate::http::{AppError, AppJson, AppPath, AppQuery, AppState, ErrorBody};
use crate::storage::{self, Visibility};
use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Routes of this resource.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_situation_graph))
        .routes(routes!(get_actor_graph))
}

/// The most actors a whole-situation picture draws; the rest are counted, not drawn.
pub const MAX_ACTORS: usize = 150;
/// The most counterparts an ego picture draws.
pub const MAX_EGO_ACTORS: usize = 60;
/// The drawing's size, in user units.
pub const WIDTH: f64 = 960.0;
/// The drawing's height.
pub const HEIGHT: f64 = 640.0;

/// What a graph view asks for. Every field is optional; dates are `YYYY-MM-DD` (empty counts
/// as not given, as an HTML form sends it).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GraphQuery {
    /// The day the picture is as of; all time when not given.
    pub as_of: Option<String>,
    /// `occurred` (default) or `reported`: which date counts a relation from.
    pub clock: Option<String>,
    /// The change view's first day (needs `to`).
    pub from: Option<String>,
    /// The change view's second day (needs `from`).
    pub to: Option<String>,
    /// `show` (default) or `hide`: affiliation edges from offices and parents.
    pub affiliations: Option<String>,
    /// Set by the page's form, which sends `affiliations` only when its box is ticked.
    #[param(ignore)]
    pub set: Option<String>,
    /// Ego view: 1 (default) or 2 steps.
    pub steps: Option<u8>,
    /// `show`: an analyst sees draft relations too.
    pub drafts: Option<String>,
}

/// A graph request, checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphRequest {
    /// The day, if any.
    pub as_of: Option<NaiveDate>,
    /// The clock.
    pub clock: Clock,
    /// The change view's two days.
    pub change: Option<(NaiveDate, NaiveDate)>,
    /// Affiliations shown or hidden.
    pub options: ViewOptions,
    /// Ego steps.
    pub steps: u8,
}

fn day(name: &str, value: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                AppError::BadRequest(format!("{name} must be a date YYYY-MM-DD, got {text:?}"))
            }),
    }
}

impl GraphQuery {
    /// The request this query makes; 400 for a malformed date, clock or step count, or a
    /// change view missing one of its days.
    pub fn request(&self) -> Result<GraphRequest, AppError> {
        let clock = match self.clock.as_deref().map(str::trim) {
            None | Some("") | Some("occurred") => Clock::Occurred,
            Some("reported") => Clock::Reported,
            Some(other) => {
                return Err(AppError::BadRequest(format!(
                    "clock must be occurred or reported, got {other:?}"
                )));
            }
        };
        let affiliations = match self.affiliations.as_deref() {
            None if self.set.is_some() => false,
            None | Some("show") | Some("") => true,
            Some("hide") => false,
            Some(other) => {
                return Err(AppError::BadRequest(format!(
                    "affiliations must be show or hide, got {other:?}"
                )));
            }
        };
        let change = match (day("from", &self.from)?, day("to", &self.to)?) {
            (Some(from), Some(to)) if from <= to => Some((from, to)),
            (Some(_), Some(_)) => {
                return Err(AppError::BadRequest(
                    "from must not be after to".to_string(),
                ));
            }
            (None, None) => None,
            _ => {
                return Err(AppError::BadRequest(
                    "a change view needs both from and to".to_string(),
                ));
            }
        };
        let steps = self.steps.unwrap_or(1);
        if !(1..=2).contains(&steps) {
            return Err(AppError::BadRequest(format!(
                "steps must be 1 or 2, got {steps}"
            )));
        }
        Ok(GraphRequest {
            // A change view shows its second day unless another is asked for.
            as_of: day("as_of", &self.as_of)?.or(change.map(|(_, to)| to)),
            clock,
            change,
            options: ViewOptions { affiliations },
            steps,
        })
    }

    /// Which relations the visitor sees: published ones, or drafts too for an analyst who
    /// asks.
    pub fn visibility(&self, user: &CurrentUser) -> Visibility {
        if self.drafts.as_deref() == Some("show") && user.0.as_ref().is_some_and(|u| u.is_analyst())
        {
            Visibility::Unrejected
        } else {
            crate::http::READER_VISIBILITY
        }
    }
}

/// Which actors a picture draws and where.
#[derive(Debug, Clone)]
pub struct Picture<'g> {
    /// The snapshot drawn.
    pub snapshot: Snapshot<'g>,
    /// The actors drawn.
    pub shown: BTreeSet<ActorId>,
    /// Actors of the snapshot not drawn (beyond the most important [`MAX_ACTORS`]).
    pub left_out: usize,
    /// Positions, from the union graph, so they hold across days.
    pub layout: Layout,
}

/// The whole-situation picture of `request`: the [`MAX_ACTORS`] most important actors over all
/// time are laid out once; the snapshot's actors among them are drawn.
pub fn situation_picture<'g>(graph: &'g ActorGraph, request: &GraphRequest) -> Picture<'g> {
    let all_time = graph.snapshot(None, request.clock, request.options);
    let (placed, _) = all_time.most_important(MAX_ACTORS);
    let layout = graph.layout(&placed, WIDTH, HEIGHT);
    picture_on(graph, request.as_of, request, layout, &placed)
}

/// The snapshot of `as_of` drawn with a layout made before.
pub fn picture_on<'g>(
    graph: &'g ActorGraph,
    as_of: Option<NaiveDate>,
    request: &GraphRequest,
    layout: Layout,
    placed: &BTreeSet<ActorId>,
) -> Picture<'g> {
    let snapshot = graph.snapshot(as_of, request.clock, request.options);
    let actors = snapshot.actors();
    let shown: BTreeSet<ActorId> = actors.intersection(placed).copied().collect();
    Picture {
        left_out: actors.len() - shown.len(),
        snapshot,
        shown,
        layout,
    }
}

/// The ego picture of `ego`: its counterparts (one or two steps) over all time, the
/// [`MAX_EGO_ACTORS`] busiest of them placed round it in a fixed order, and the snapshot
/// of `request` drawn on those places. `None` when the actor has no edge.
pub fn ego_picture<'g>(
    graph: &'g ActorGraph,
    ego: ActorId,
    request: &GraphRequest,
) -> Option<Picture<'g>> {
    graph.node(ego)?;
    let links_with = |a: ActorId| graph.link_count(a, request.options.affiliations);
    let counterparts = |a: ActorId| -> Vec<ActorId> {
        let mut out: Vec<ActorId> = graph
            .edges_of(a)
            .iter()
            .filter(|e| request.options.affiliations || e.key.polarity != Polarity::Affiliation)
            .map(|e| if e.key.a == a { e.key.b } else { e.key.a })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let mut first = counterparts(ego);
    first.sort_by_cached_key(|a| (std::cmp::Reverse(links_with(*a)), *a));
    first.truncate(MAX_EGO_ACTORS);
    let mut placed: BTreeSet<ActorId> = first.iter().copied().collect();
    placed.insert(ego);
    let mut second = Vec::new();
    if request.steps == 2 {
        let room = MAX_EGO_ACTORS.saturating_sub(first.len());
        let mut candidates: Vec<(ActorId, ActorId)> = Vec::new();
        let mut seen: BTreeSet<ActorId> = BTreeSet::new();
        for via in &first {
            for next in counterparts(*via) {
                if !placed.contains(&next) && seen.insert(next) {
                    candidates.push((next, *via));
                }
            }
        }
        candidates.sort_by_cached_key(|(a, _)| (std::cmp::Reverse(links_with(*a)), *a));
        candidates.truncate(room.max(MAX_EGO_ACTORS / 2));
        placed.extend(candidates.iter().map(|(a, _)| *a));
        second = candidates;
    }
    let layout = ActorGraph::ego_layout(ego, &first, &second, WIDTH, HEIGHT);
    // Only edges with an end in the inner ring (the ego alone for one step; edges between two
    // counterparts of the second ring are not part of an ego picture), weighed only when both
    // ends are placed: an ego view costs its neighbourhood, not the graph.
    let ring: BTreeSet<ActorId> = if request.steps == 1 {
        BTreeSet::from([ego])
    } else {
        first.iter().copied().chain([ego]).collect()
    };
    let (snapshot, left_out) = graph.ego_snapshot(
        &ring,
        &placed,
        request.as_of,
        request.clock,
        request.options,
    );
    let mut shown: BTreeSet<ActorId> = snapshot.actors();
    shown.insert(ego);
    let picture = Picture {
        snapshot,
        shown,
        left_out,
        layout,
    };
    Some(picture)
}

/// An actor of the graph.
#[derive(Debug, Serialize, ToSchema)]
pub struct GraphNodeBody {
    /// Its id.
    pub id: ActorId,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Where it is drawn, from the left (stable across days).
    pub x: f64,
    /// Where it is drawn, from the top.
    pub y: f64,
}

/// A title actor read as its holder.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResolvedBody {
    /// The title actor as stored ("President of Kazakhstan").
    pub written_as: ActorId,
    /// Its holder on the relation's date.
    pub holder: ActorId,
}

/// The claim behind a link.
#[derive(Debug, Serialize, ToSchema)]
pub struct EdgeClaimBody {
    /// Its id.
    pub id: ClaimId,
    /// Its source.
    pub source: SourceId,
    /// The clause, as written.
    pub text: String,
    /// Its kind.
    pub kind: ClaimKind,
    /// Its modality.
    pub modality: Modality,
    /// Whether it is disputed.
    pub disputed: bool,
    /// Its sentence, highlighted in its source.
    pub href: String,
}

/// The prediction a forecast link is listed with.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForecastBody {
    /// Its id.
    pub id: PredictionId,
    /// What is forecast.
    pub proposition: String,
    /// The hedge words.
    pub hedge: Option<String>,
    /// Its probability.
    pub probability: Option<f64>,
}

/// One reason for an edge.
#[derive(Debug, Serialize, ToSchema)]
pub struct GraphLinkBody {
    /// The relation, for links read from claims.
    pub relation: Option<RelationId>,
    /// `relation`, `office` or `parent`.
    pub origin: String,
    /// The relation's kind or the office's title.
    pub kind: String,
    /// The acting actor (after title resolution).
    pub from: ActorId,
    /// The actor acted upon.
    pub to: ActorId,
    /// Title actors read as holders.
    pub resolved: Vec<ResolvedBody>,
    /// The first day it holds on the asked clock; `None` for standing ties and undated links.
    pub start: Option<NaiveDate>,
    /// Why that day: its validity, its claim's occurred or reported date, an office, a
    /// standing tie, or unknown.
    pub start_basis: StartBasis,
    /// The first day it no longer holds, when the text says.
    pub end: Option<NaiveDate>,
    /// The claim behind it.
    pub claim: Option<EdgeClaimBody>,
    /// The prediction, for a forecast.
    pub prediction: Option<ForecastBody>,
}

/// A time interval of an edge.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntervalBody {
    /// The first day.
    pub start: NaiveDate,
    /// The first day after, if bounded.
    pub end: Option<NaiveDate>,
}

/// An edge.
#[derive(Debug, Serialize, ToSchema)]
pub struct GraphEdgeBody {
    /// Its key, `A-B-polarity-standing`, as in its page's path.
    pub id: String,
    /// The actor with the smaller id.
    pub a: ActorId,
    /// The other.
    pub b: ActorId,
    /// Its sign.
    pub polarity: Polarity,
    /// Asserted, denied or forecast.
    pub standing: Standing,
    /// Weight from claims and independent sources (0 for forecasts).
    pub weight: f64,
    /// Distinct claims behind it (0 for forecasts).
    pub claims: usize,
    /// Distinct sources behind it (0 for forecasts).
    pub sources: usize,
    /// Whether a claim behind it is disputed.
    pub disputed: bool,
    /// Its dated links' intervals, merged.
    pub intervals: Vec<IntervalBody>,
    /// Its links.
    pub links: Vec<GraphLinkBody>,
    /// Its page.
    pub href: String,
}

/// An edge named by a change view.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangedEdgeBody {
    /// Its key.
    pub id: String,
    /// The actor with the smaller id.
    pub a: ActorId,
    /// The other.
    pub b: ActorId,
    /// Its sign.
    pub polarity: Polarity,
    /// Asserted or denied (forecasts are never part of a change).
    pub standing: Standing,
    /// Its weight on the day it holds.
    pub weight: f64,
}

/// A pair whose sign changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlipBody {
    /// The actor with the smaller id.
    pub a: ActorId,
    /// The other.
    pub b: ActorId,
    /// Its sign before.
    pub before: Polarity,
    /// And after.
    pub after: Polarity,
}

/// An actor ranked by change.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeRankBody {
    /// The actor.
    pub actor: ActorId,
    /// Its name.
    pub name: String,
    /// How many changes touch it.
    pub changes: usize,
}

/// The change between two days.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeBody {
    /// The first day.
    pub from: NaiveDate,
    /// The second day.
    pub to: NaiveDate,
    /// Edges holding on `to` and not on `from`.
    pub appeared: Vec<ChangedEdgeBody>,
    /// Edges holding on `from` and not on `to`.
    pub ended: Vec<ChangedEdgeBody>,
    /// Pairs whose current sign changed.
    pub flipped: Vec<FlipBody>,
    /// Actors by how much changed around them.
    pub ranking: Vec<ChangeRankBody>,
}

/// An actor's centrality.
#[derive(Debug, Serialize, ToSchema)]
pub struct CentralityBody {
    /// The actor.
    pub actor: ActorId,
    /// Its name.
    pub name: String,
    /// Counterparts over counted edges.
    pub degree: usize,
    /// Normalised betweenness.
    pub betweenness: f64,
}

/// A situation's graph (or an actor's neighbourhood) on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct GraphBody {
    /// The situation's slug.
    pub situation: String,
    /// The day, or `None` for all time.
    pub as_of: Option<NaiveDate>,
    /// The clock.
    pub clock: Clock,
    /// Whether affiliation edges are included.
    pub affiliations: bool,
    /// The ego actor, for an actor's graph.
    pub ego: Option<ActorId>,
    /// The actors drawn.
    pub nodes: Vec<GraphNodeBody>,
    /// Edges between them, forecasts included (with `standing: forecast`).
    pub edges: Vec<GraphEdgeBody>,
    /// Actors on the day not drawn (beyond the most important ones).
    pub left_out: usize,
    /// Links left out because nothing dates them.
    pub undated_left_out: usize,
    /// The change view, when `from` and `to` were given.
    pub change: Option<ChangeBody>,
    /// The most central actors drawn.
    pub central: Vec<CentralityBody>,
    /// Groups joined by cooperative edges.
    pub groups: Vec<Vec<ActorId>>,
}

/// The page of an edge.
pub fn edge_href(slug: &str, key: &EdgeKey) -> String {
    format!("/situations/{slug}/graph/edges/{}", key.slug())
}

/// The ego page of an actor.
pub fn ego_href(actor: ActorId) -> String {
    format!("/actors/{actor}/graph")
}

fn link_body(link: &Link, clock: Clock) -> GraphLinkBody {
    let start = link.start(clock);
    GraphLinkBody {
        relation: link.relation(),
        origin: match link.origin {
            LinkOrigin::Relation(_) => "relation",
            LinkOrigin::Office(_) => "office",
            LinkOrigin::Parent => "parent",
        }
        .to_string(),
        kind: link.kind.clone(),
        from: link.from,
        to: link.to,
        resolved: link
            .resolved
            .iter()
            .map(|(written_as, holder)| ResolvedBody {
                written_as: *written_as,
                holder: *holder,
            })
            .collect(),
        start: start.day,
        start_basis: start.basis,
        end: link.end,
        claim: link.claim.as_ref().map(|c| EdgeClaimBody {
            id: c.id,
            source: c.source,
            text: c.text.clone(),
            kind: c.kind,
            modality: c.modality,
            disputed: c.disputed,
            href: crate::http::pages::claims::claim_source_href(c.source, c.id),
        }),
        prediction: link
            .claim
            .as_ref()
            .and_then(|c| c.prediction.as_ref())
            .map(|p| ForecastBody {
                id: p.id,
                proposition: p.proposition.clone(),
                hedge: p.hedge.clone(),
                probability: p.probability,
            }),
    }
}

/// Merged `[start, end)` intervals of links on `clock`.
pub fn intervals(links: &[&Link], clock: Clock) -> Vec<(NaiveDate, Option<NaiveDate>)> {
    let mut spans: Vec<(NaiveDate, Option<NaiveDate>)> = links
        .iter()
        .filter_map(|l| l.start(clock).day.map(|d| (d, l.end)))
        .collect();
    spans.sort();
    let mut merged: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some((_, last)) if last.is_none_or(|e| start <= e) => {
                *last = match (*last, end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The centrality of the actors drawn.
pub fn ranked(picture: &Picture<'_>) -> Vec<Centrality> {
    centrality(&picture.snapshot, Some(&picture.shown))
}

/// The JSON body of a picture.
pub fn graph_body(
    slug: &str,
    graph: &ActorGraph,
    picture: &Picture<'_>,
    request: &GraphRequest,
    ego: Option<ActorId>,
) -> GraphBody {
    let clock = request.clock;
    let nodes = picture
        .shown
        .iter()
        .filter_map(|a| {
            let node = graph.node(*a)?;
            let at = picture.layout.position(*a)?;
            Some(GraphNodeBody {
                id: *a,
                name: node.name.clone(),
                kind: node.kind,
                x: at.x,
                y: at.y,
            })
        })
        .collect();
    let edges = picture
        .snapshot
        .edges
        .iter()
        .filter(|e| picture.shown.contains(&e.key.a) && picture.shown.contains(&e.key.b))
        .map(|e| GraphEdgeBody {
            id: e.key.slug(),
            a: e.key.a,
            b: e.key.b,
            polarity: e.key.polarity,
            standing: e.key.standing,
            weight: e.weight,
            claims: e.claims,
            sources: e.sources,
            disputed: e.disputed,
            intervals: intervals(&e.links, clock)
                .into_iter()
                .map(|(start, end)| IntervalBody { start, end })
                .collect(),
            links: e.links.iter().map(|l| link_body(l, clock)).collect(),
            href: edge_href(slug, &e.key),
        })
        .collect();
    let change = request.change.map(|(from, to)| {
        change_body(
            graph,
            &change_between(graph, from, to, clock, request.options),
        )
    });
    GraphBody {
        situation: slug.to_string(),
        as_of: request.as_of,
        clock,
        affiliations: request.options.affiliations,
        ego,
        nodes,
        edges,
        left_out: picture.left_out,
        undated_left_out: picture.snapshot.undated_left_out,
        change,
        central: ranked(picture)
            .into_iter()
            .map(|c| CentralityBody {
                actor: c.actor,
                name: graph.name(c.actor),
                degree: c.degree,
                betweenness: c.betweenness,
            })
            .collect(),
        groups: cooperative_groups(&picture.snapshot)
            .into_iter()
            .map(|g| g.members)
            .collect(),
    }
}

fn change_body(graph: &ActorGraph, change: &Change) -> ChangeBody {
    let edge = |c: &crate::graph::EdgeChange| ChangedEdgeBody {
        id: c.key.slug(),
        a: c.key.a,
        b: c.key.b,
        polarity: c.key.polarity,
        standing: c.key.standing,
        weight: c.weight,
    };
    ChangeBody {
        from: change.from,
        to: change.to,
        appeared: change.appeared.iter().map(edge).collect(),
        ended: change.ended.iter().map(edge).collect(),
        flipped: change
            .flipped
            .iter()
            .map(|f| FlipBody {
                a: f.a,
                b: f.b,
                before: f.before,
                after: f.after,
            })
            .collect(),
        ranking: change
            .ranking
            .iter()
            .map(|(actor, changes)| ChangeRankBody {
                actor: *actor,
                name: graph.name(*actor),
                changes: *changes,
            })
            .collect(),
    }
}

/// The situation's graph on a day, with the change between two days when `from` and `to`
/// are given.
#[utoipa::path(
    get,
    path = "/situations/{slug}/graph",
    tag = "graph",
    params(
        ("slug" = String, Path, description = "The situation's slug", example = "kazakhstan-2022"),
        GraphQuery,
    ),
    responses(
        (status = 200, description = "Nodes, edges with weights, intervals and claims, the change view, rankings", body = GraphBody),
        (status = 400, description = "A malformed date, clock or parameter", body = ErrorBody),
        (status = 404, description = "No situation has this slug", body = ErrorBody),
    )
)]
async fn get_situation_graph(
    State(state): State<AppState>,
    user: CurrentUser,
    AppPath(slug): AppPath<String>,
    AppQuery(query): AppQuery<GraphQuery>,
) -> Result<AppJson<GraphBody>, AppError> {
    let request = query.request()?;
    let built = state
        .graphs
        .situation_graph(&state.db, &slug, query.visibility(&user))
        .await?;
    let SituationGraph { situation, graph } = built.as_ref();
    let picture = situation_picture(graph, &request);
    Ok(AppJson(graph_body(
        &situation.slug,
        graph,
        &picture,
        &request,
        None,
    )))
}

/// One actor's neighbourhood (one or two steps) on a day.
#[utoipa::path(
    get,
    path = "/actors/{id}/graph",
    tag = "graph",
    params(("id" = i64, Path, description = "The actor's id"), GraphQuery),
    responses(
        (status = 200, description = "The actor's neighbourhood", body = GraphBody),
        (status = 400, description = "A malformed parameter", body = ErrorBody),
        (status = 404, description = "No actor has this id", body = ErrorBody),
    )
)]
async fn get_actor_graph(
    State(state): State<AppState>,
    user: CurrentUser,
    AppPath(id): AppPath<ActorId>,
    AppQuery(query): AppQuery<GraphQuery>,
) -> Result<AppJson<GraphBody>, AppError> {
    let request = query.request()?;
    let (slug, built, ego) = ego_graph(&state, id, query.visibility(&user)).await?;
    let graph = &built.graph;
    let picture = ego_picture(graph, ego, &request).unwrap_or_else(|| {
        picture_on(
            graph,
            request.as_of,
            &request,
            ActorGraph::ego_layout(ego, &[], &[], WIDTH, HEIGHT),
            &BTreeSet::from([ego]),
        )
    });
    let mut body = graph_body(&slug, graph, &picture, &request, Some(ego));
    if body.nodes.is_empty() {
        body.nodes = lone_node(&state, ego).await?;
    }
    Ok(AppJson(body))
}

/// The graph of an actor's situation, the situation's slug and the actor it stands for now.
pub async fn ego_graph(
    state: &AppState,
    id: ActorId,
    visibility: Visibility,
) -> Result<(String, Arc<SituationGraph>, ActorId), AppError> {
    let ego = storage::resolve_actor(&state.db, id).await?;
    let situation = storage::actor_situation(&state.db, ego).await?;
    let slug = storage::list_situations(&state.db)
        .await?
        .into_iter()
        .find(|s| s.id == situation)
        .map(|s| s.slug)
        .ok_or_else(|| AppError::NotFound(format!("actor {id} has no situation")))?;
    let built = state
        .graphs
        .situation_graph(&state.db, &slug, visibility)
        .await?;
    Ok((slug, built, ego))
}

/// An actor without edges, as the one node of its picture.
async fn lone_node(state: &AppState, ego: ActorId) -> Result<Vec<GraphNodeBody>, AppError> {
    let row = storage::get_actor(&state.db, ego).await?;
    Ok(vec![GraphNodeBody {
        id: ego,
        name: row.name,
        kind: row.kind,
        x: WIDTH / 2.0,
        y: HEIGHT / 2.0,
    }])
}

/// Edges of a picture grouped by pair, for drawing parallel edges apart.
pub fn by_pair<'a, 'g>(
    picture: &'a Picture<'g>,
) -> BTreeMap<(ActorId, ActorId), Vec<&'a crate::graph::SnapshotEdge<'g>>> {
    let mut out: BTreeMap<(ActorId, ActorId), Vec<&crate::graph::SnapshotEdge<'g>>> =
        BTreeMap::new();
    for edge in &picture.snapshot.edges {
        if picture.shown.contains(&edge.key.a) && picture.shown.contains(&edge.key.b) {
            out.entry(edge.key.pair()).or_default().push(edge);
        }
    }
    out
}
