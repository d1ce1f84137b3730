//! The actor graph's pages: the situation graph (a snapshot, the change between two days,
//! small multiples, rankings), an edge with the claims behind it, and one actor's
//! neighbourhood with its relations over time. Drawings are inline SVG built from the view
//! models' coordinates; every link is an SVG `<a>`, so nothing needs JavaScript.

use crate::components::csrf_field;
use crate::layout::{base, situation_frame};
use crate::view::{LinkView, PageContext, SituationHeaderView};
use maud::{Markup, html};

/// A node of a drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    /// Centre, from the left.
    pub x: f64,
    /// Centre, from the top.
    pub y: f64,
    /// Radius.
    pub r: f64,
    /// The actor's name.
    pub label: String,
    /// Its kind, a CSS hook.
    pub kind: String,
    /// Its ego graph.
    pub href: String,
    /// Drawn emphasised (the ego, a changed actor).
    pub emphasis: bool,
}

/// An edge of a drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeView {
    /// The SVG path.
    pub d: String,
    /// `cooperative`, `hostile`, `affiliation` or `neutral`.
    pub polarity: String,
    /// `asserted`, `denied` or `forecast`.
    pub standing: String,
    /// Whether a claim behind it is disputed.
    pub disputed: bool,
    /// Stroke width.
    pub width: f64,
    /// The page listing its claims.
    pub href: String,
    /// Its tooltip and accessible name.
    pub title: String,
    /// `appeared`, `ended` or `flipped` in a change view.
    pub change: Option<String>,
}

impl EdgeView {
    /// The dash pattern: forecasts dashed, denials dotted, disputed dash-dotted.
    fn dasharray(&self) -> Option<&'static str> {
        match (self.standing.as_str(), self.disputed) {
            ("forecast", _) => Some("7 5"),
            ("denied", _) => Some("2 4"),
            (_, true) => Some("10 3 2 3"),
            _ => None,
        }
    }

    fn class(&self) -> String {
        let mut class = format!("edge polarity-{} standing-{}", self.polarity, self.standing);
        if self.disputed {
            class.push_str(" disputed");
        }
        if let Some(change) = &self.change {
            class.push_str(" change-");
            class.push_str(change);
        }
        class
    }
}

/// A drawing of actors and edges.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawingView {
    /// Width in user units.
    pub width: f64,
    /// Height in user units.
    pub height: f64,
    /// The accessible name.
    pub title: String,
    /// Its nodes.
    pub nodes: Vec<NodeView>,
    /// Its edges.
    pub edges: Vec<EdgeView>,
    /// A small multiple: labels left out, thinner lines.
    pub small: bool,
}

/// The date controls of a graph page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphControlsView {
    /// Where the form goes.
    pub action: String,
    /// `YYYY-MM-DD` or empty.
    pub as_of: String,
    /// `occurred` or `reported`.
    pub clock: String,
    /// The change view's first day, or empty.
    pub from: String,
    /// Its second day, or empty.
    pub to: String,
    /// Whether affiliation edges are shown.
    pub affiliations: bool,
    /// For the ego view: 1 or 2 steps; `None` on the situation page.
    pub steps: Option<u8>,
}

/// A forecast edge on its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastRowView {
    /// The edge.
    pub edge: LinkView,
    /// The prediction behind it.
    pub prediction: String,
}

/// An edge named by a change view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRowView {
    /// The edge.
    pub edge: LinkView,
    /// What happened to it ("appeared", "ended", "cooperative → hostile").
    pub what: String,
    /// Its polarity, a CSS hook.
    pub polarity: String,
}

/// The change between two days.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeView {
    /// "From 7 Jan 2022 to 15 Jan 2022".
    pub title: String,
    /// Appeared, ended and flipped edges.
    pub rows: Vec<ChangeRowView>,
    /// Actors by how much changed around them.
    pub ranking: Vec<(LinkView, usize)>,
    /// The second day's drawing with the changes marked.
    pub drawing: DrawingView,
}

/// A row of the centrality table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentralRowView {
    /// The actor.
    pub actor: LinkView,
    /// Its degree.
    pub degree: usize,
    /// Its betweenness, formatted.
    pub betweenness: String,
}

/// The situation graph page.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphPageView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// The date controls.
    pub controls: GraphControlsView,
    /// What the picture shows ("As of 7 Jan 2022, by when it happened: 6 actors, 5 edges").
    pub caption: String,
    /// What was left out and why.
    pub notes: Vec<String>,
    /// The picture.
    pub drawing: DrawingView,
    /// Forecast edges with their predictions.
    pub forecasts: Vec<ForecastRowView>,
    /// The change view, when two days were given.
    pub change: Option<ChangeView>,
    /// Small multiples: a label and a drawing each.
    pub multiples: Vec<(LinkView, DrawingView)>,
    /// The most central actors.
    pub central: Vec<CentralRowView>,
    /// Cooperating groups.
    pub groups: Vec<Vec<LinkView>>,
    /// The JSON twin and the exports.
    pub downloads: Vec<LinkView>,
}

/// A correction form on an edge page (analysts only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationFormView {
    /// Where it posts.
    pub action: String,
    /// The relation's version, for refusing stale saves.
    pub version: i64,
    /// Its review state now.
    pub review_state: String,
    /// Its polarity now.
    pub polarity: String,
    /// Its validity's first day, or empty.
    pub valid_from: String,
}

/// One link of an edge page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRowView {
    /// "Russia → Kassym-Jomart Tokayev: support".
    pub summary: String,
    /// "from 6 Jan 2022 (its claim's occurred date)".
    pub start: String,
    /// Title actors replaced by their holder ("President of Kazakhstan read as ...").
    pub resolved: Vec<String>,
    /// The claim's text, linking to its sentence.
    pub claim: Option<LinkView>,
    /// The claim's source.
    pub source: Option<LinkView>,
    /// The claim's kind and modality.
    pub claim_facts: Option<String>,
    /// The prediction a forecast is listed with.
    pub prediction: Option<String>,
    /// Its review state.
    pub review_state: Option<String>,
    /// The analyst's corrections.
    pub form: Option<RelationFormView>,
    /// Its history.
    pub history: Option<LinkView>,
}

/// The page of one edge.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgePageView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// "Kazakhstan – Russia, hostile".
    pub title: String,
    /// Weight, claims, sources, standing.
    pub facts: Vec<String>,
    /// The links behind it.
    pub links: Vec<LinkRowView>,
    /// Back to the graph.
    pub back: LinkView,
}

/// A bar of the ego strip.
#[derive(Debug, Clone, PartialEq)]
pub struct BarView {
    /// From the left.
    pub x: f64,
    /// Width.
    pub width: f64,
    /// Polarity, a CSS hook.
    pub polarity: String,
    /// Standing, a CSS hook.
    pub standing: String,
    /// Tooltip.
    pub title: String,
    /// The edge page.
    pub href: String,
}

/// A row of the ego strip: one counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct StripRowView {
    /// The counterpart.
    pub counterpart: LinkView,
    /// Its bars.
    pub bars: Vec<BarView>,
}

/// Relations over time, one row per counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct StripView {
    /// Width of the time axis, in user units.
    pub width: f64,
    /// Ticks: position and label.
    pub ticks: Vec<(f64, String)>,
    /// Its rows.
    pub rows: Vec<StripRowView>,
}

/// One actor's neighbourhood.
#[derive(Debug, Clone, PartialEq)]
pub struct EgoPageView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// The actor's name.
    pub actor: String,
    /// The date controls.
    pub controls: GraphControlsView,
    /// What the picture shows.
    pub caption: String,
    /// What was left out.
    pub notes: Vec<String>,
    /// The picture.
    pub drawing: DrawingView,
    /// Relations over time.
    pub strip: StripView,
    /// The JSON twin.
    pub downloads: Vec<LinkView>,
}

/// Short numbers for coordinates.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// An inline SVG drawing of a graph: edges under nodes, each a link.
pub fn drawing(view: &DrawingView) -> Markup {
    let class = if view.small {
        "graph-drawing small"
    } else {
        "graph-drawing"
    };
    html! {
        svg class=(class) viewBox=(format!("0 0 {} {}", num(view.width), num(view.height)))
            role="img" aria-label=(view.title) xmlns="http://www.w3.org/2000/svg" {
            title { (view.title) }
            g.edges {
                @for edge in &view.edges {
                    a href=(edge.href) {
                        title { (edge.title) }
                        @if let Some(dash) = edge.dasharray() {
                            path class=(edge.class()) d=(edge.d) fill="none"
                                stroke-width=(num(edge.width)) stroke-dasharray=(dash) {}
                        } @else {
                            path class=(edge.class()) d=(edge.d) fill="none"
                                stroke-width=(num(edge.width)) {}
                        }
                    }
                }
            }
            g.nodes {
                @for node in &view.nodes {
                    a href=(node.href) {
                        title { (node.label) }
                        circle class=(format!("node kind-{}{}", node.kind, if node.emphasis { " emphasis" } else { "" }))
                            cx=(num(node.x)) cy=(num(node.y)) r=(num(node.r)) {}
                        @if !view.small {
                            text.node-label x=(num(node.x)) y=(num(node.y + node.r + 12.0)) text-anchor="middle" { (node.label) }
                        }
                    }
                }
            }
        }
    }
}

fn legend() -> Markup {
    html! {
        ul.graph-legend aria-label="Legend" {
            li { span.swatch.polarity-cooperative {} "cooperative" }
            li { span.swatch.polarity-hostile {} "hostile" }
            li { span.swatch.polarity-affiliation {} "affiliation" }
            li { span.swatch.polarity-neutral {} "neutral" }
            li { span.swatch.forecast {} "forecast (dashed, never counted)" }
            li { span.swatch.denied {} "denied (dotted)" }
            li { span.swatch.disputed {} "disputed (dash-dot)" }
        }
    }
}

fn controls(view: &GraphControlsView) -> Markup {
    html! {
        form.graph-controls method="get" action=(view.action) {
            label { "As of " input type="date" name="as_of" value=(view.as_of); }
            label {
                "Clock "
                select name="clock" {
                    @for (value, label) in [("occurred", "when it happened"), ("reported", "when it was reported")] {
                        @if view.clock == value {
                            option value=(value) selected { (label) }
                        } @else {
                            option value=(value) { (label) }
                        }
                    }
                }
            }
            @if let Some(steps) = view.steps {
                label {
                    "Steps "
                    select name="steps" {
                        @for n in [1u8, 2] {
                            @if steps == n { option value=(n) selected { (n) } } @else { option value=(n) { (n) } }
                        }
                    }
                }
            } @else {
                label { "Change from " input type="date" name="from" value=(view.from); }
                label { "to " input type="date" name="to" value=(view.to); }
            }
            label.check {
                @if view.affiliations {
                    input type="checkbox" name="affiliations" value="show" checked;
                } @else {
                    input type="checkbox" name="affiliations" value="show";
                }
                " affiliations"
            }
            input type="hidden" name="set" value="1";
            button type="submit" { "Show" }
        }
    }
}

fn downloads(links: &[LinkView]) -> Markup {
    html! {
        @if !links.is_empty() {
            p.graph-downloads {
                @for (i, link) in links.iter().enumerate() {
                    @if i > 0 { " · " }
                    a href=(link.href) { (link.label) }
                }
            }
        }
    }
}

/// `GET /situations/{slug}/graph`.
pub fn graph_page(context: &PageContext, view: &GraphPageView) -> Markup {
    let body = html! {
        section.graph-view aria-labelledby="graph-heading" {
            h2 #graph-heading { "Who stands with or against whom" }
            (controls(&view.controls))
            p.graph-caption { (view.caption) }
            @for note in &view.notes { p.graph-note { (note) } }
            (legend())
            figure.graph-figure { (drawing(&view.drawing)) }
            (downloads(&view.downloads))
        }
        @if let Some(change) = &view.change {
            section.graph-change aria-labelledby="change-heading" {
                h2 #change-heading { "What changed " (change.title) }
                @if change.rows.is_empty() {
                    p.empty { "No edge appeared, ended or changed sign." }
                } @else {
                    ul.change-list {
                        @for row in &change.rows {
                            li class=(format!("polarity-{}", row.polarity)) {
                                span.change-what { (row.what) } " "
                                a href=(row.edge.href) { (row.edge.label) }
                            }
                        }
                    }
                }
                @if !change.ranking.is_empty() {
                    h3 { "Actors whose relations changed most" }
                    ol.ranking {
                        @for (actor, count) in &change.ranking {
                            li { a href=(actor.href) { (actor.label) } " (" (count) ")" }
                        }
                    }
                }
                figure.graph-figure { (drawing(&change.drawing)) }
            }
        }
        @if !view.multiples.is_empty() {
            section.graph-multiples aria-labelledby="multiples-heading" {
                h2 #multiples-heading { "Day by day" }
                ul.multiples {
                    @for (label, picture) in &view.multiples {
                        li {
                            a href=(label.href) { (label.label) }
                            (drawing(picture))
                        }
                    }
                }
            }
        }
        @if !view.forecasts.is_empty() {
            section.graph-forecasts aria-labelledby="forecasts-heading" {
                h2 #forecasts-heading { "Forecast edges" }
                p { "Read from forecasts and hypotheses: drawn dashed, never counted as having happened." }
                ul {
                    @for row in &view.forecasts {
                        li { a href=(row.edge.href) { (row.edge.label) } ": " (row.prediction) }
                    }
                }
            }
        }
        section.graph-rankings aria-labelledby="rankings-heading" {
            h2 #rankings-heading { "Rankings" }
            @if view.central.is_empty() {
                p.empty { "No relations on this day." }
            } @else {
                table.central {
                    caption { "Most central actors" }
                    thead { tr { th scope="col" { "Actor" } th scope="col" { "Degree" } th scope="col" { "Betweenness" } } }
                    tbody {
                        @for row in &view.central {
                            tr {
                                td { a href=(row.actor.href) { (row.actor.label) } }
                                td.number { (row.degree) }
                                td.number { (row.betweenness) }
                            }
                        }
                    }
                }
            }
            @if !view.groups.is_empty() {
                h3 { "Groups that cooperate" }
                ol.groups {
                    @for group in &view.groups {
                        li {
                            @for (i, member) in group.iter().enumerate() {
                                @if i > 0 { ", " }
                                a href=(member.href) { (member.label) }
                            }
                        }
                    }
                }
            }
        }
    };
    base(
        context,
        &format!("Graph · {}", view.header.title),
        situation_frame(&view.header, body),
    )
}

fn relation_form(context: &PageContext, form: &RelationFormView) -> Markup {
    html! {
        form.relation-form.inline-form method="post" action=(form.action) {
            (csrf_field(&context.csrf_token))
            input type="hidden" name="version" value=(form.version);
            label {
                "State "
                select name="review_state" {
                    @for state in ["draft", "accepted", "rejected"] {
                        @if form.review_state == state { option value=(state) selected { (state) } } @else { option value=(state) { (state) } }
                    }
                }
            }
            label {
                "Polarity "
                select name="polarity" {
                    @for polarity in ["cooperative", "hostile", "affiliation", "neutral"] {
                        @if form.polarity == polarity { option value=(polarity) selected { (polarity) } } @else { option value=(polarity) { (polarity) } }
                    }
                }
            }
            label { "Valid from " input type="date" name="valid_from" value=(form.valid_from); }
            label { "Reason " input type="text" name="reason" maxlength="500"; }
            button type="submit" { "Save" }
        }
    }
}

/// `GET /situations/{slug}/graph/edges/{key}`: the links behind one edge.
pub fn edge_page(context: &PageContext, view: &EdgePageView) -> Markup {
    let body = html! {
        p.breadcrumb { a href=(view.back.href) { (view.back.label) } }
        h2 { (view.title) }
        ul.edge-facts { @for fact in &view.facts { li { (fact) } } }
        ol.edge-links {
            @for link in &view.links {
                li.edge-link {
                    p.link-summary { strong { (link.summary) } " · " (link.start) }
                    @for note in &link.resolved { p.link-note { (note) } }
                    @if let Some(claim) = &link.claim {
                        blockquote.link-claim { a href=(claim.href) { (claim.label) } }
                    }
                    @if let Some(facts) = &link.claim_facts { p.link-note { (facts) } }
                    @if let Some(source) = &link.source {
                        p.link-note { "From " a href=(source.href) { (source.label) } }
                    }
                    @if let Some(prediction) = &link.prediction {
                        p.link-prediction { "Forecast: " (prediction) }
                    }
                    @if let Some(state) = &link.review_state { p.link-note { "Review: " (state) } }
                    @if let Some(form) = &link.form { (relation_form(context, form)) }
                    @if let Some(history) = &link.history {
                        p.link-note { a href=(history.href) { (history.label) } }
                    }
                }
            }
        }
    };
    base(
        context,
        &format!("{} · {}", view.title, view.header.title),
        situation_frame(&view.header, body),
    )
}

/// The strip of bars over time, one row per counterpart, as inline SVG.
pub fn strip(view: &StripView) -> Markup {
    const LABEL: f64 = 170.0;
    const ROW: f64 = 22.0;
    let height = ROW * view.rows.len() as f64 + 24.0;
    let width = LABEL + view.width + 10.0;
    html! {
        svg.strip viewBox=(format!("0 0 {} {}", num(width), num(height))) role="img"
            aria-label="Relations over time, one row per counterpart" xmlns="http://www.w3.org/2000/svg" {
            title { "Relations over time, one row per counterpart" }
            @for (x, label) in &view.ticks {
                line.tick x1=(num(LABEL + x)) x2=(num(LABEL + x)) y1="0" y2=(num(height - 16.0)) {}
                text.tick-label x=(num(LABEL + x)) y=(num(height - 4.0)) text-anchor="middle" { (label) }
            }
            @for (i, row) in view.rows.iter().enumerate() {
                a href=(row.counterpart.href) {
                    text.strip-label x=(num(LABEL - 6.0)) y=(num(ROW * i as f64 + 15.0)) text-anchor="end" { (row.counterpart.label) }
                }
                @for bar in &row.bars {
                    a href=(bar.href) {
                        title { (bar.title) }
                        rect class=(format!("bar polarity-{} standing-{}", bar.polarity, bar.standing))
                            x=(num(LABEL + bar.x)) y=(num(ROW * i as f64 + 4.0)) width=(num(bar.width.max(3.0))) height="14" {}
                    }
                }
            }
        }
    }
}

/// `GET /actors/{id}/graph`: one actor's neighbourhood and its relations over time.
pub fn ego_page(context: &PageContext, view: &EgoPageView) -> Markup {
    let body = html! {
        section.graph-view aria-labelledby="ego-heading" {
            h2 #ego-heading { (view.actor) "'s relations" }
            (controls(&view.controls))
            p.graph-caption { (view.caption) }
            @for note in &view.notes { p.graph-note { (note) } }
            (legend())
            figure.graph-figure { (drawing(&view.drawing)) }
            (downloads(&view.downloads))
        }
        section.graph-strip aria-labelledby="strip-heading" {
            h2 #strip-heading { "Over time" }
            @if view.strip.rows.is_empty() {
                p.empty { "No dated relations." }
            } @else {
                div.strip-scroll { (strip(&view.strip)) }
            }
        }
    };
    base(
        context,
        &format!("{} · graph", view.actor),
        situation_frame(&view.header, body),
    )
}
