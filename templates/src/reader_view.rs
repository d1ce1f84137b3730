//! View models of the reader's pages beside the timeline: search, an actor's page and the
//! lanes chart. Plain display strings, links and already-computed chart coordinates.

use crate::view::{ClaimView, LinkView, SituationHeaderView};

/// A run of text that matches a search or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedView {
    /// The text.
    pub text: String,
    /// Whether to mark it as a match.
    pub matched: bool,
}

/// A situation offered in the search form's chooser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationChoiceView {
    /// Its slug (the value sent).
    pub slug: String,
    /// Its title (the label shown).
    pub title: String,
    /// Whether it is the one chosen.
    pub selected: bool,
}

/// A claim found by a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimHitView {
    /// The claim's text, matching words marked.
    pub marked: Vec<MarkedView>,
    /// Where it goes: the sentence highlighted in its source.
    pub href: String,
    /// Its kind ("statement").
    pub kind: String,
    /// Its review state, shown when not accepted.
    pub review_state: String,
    /// When it happened, as a label.
    pub occurred: Option<String>,
    /// Who said it.
    pub speaker: Option<String>,
    /// The situation it belongs to.
    pub situation: LinkView,
    /// Its source.
    pub source: String,
}

/// A source found by a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceHitView {
    /// The headline, matching words marked.
    pub title: Vec<MarkedView>,
    /// The source page.
    pub href: String,
    /// Publication date label.
    pub published: Option<String>,
    /// The situation it belongs to.
    pub situation: LinkView,
    /// An excerpt around the first match, matching words marked.
    pub excerpt: Vec<MarkedView>,
}

/// The search page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchView {
    /// The query as typed.
    pub query: String,
    /// The situations to choose from ("all" is always offered).
    pub situations: Vec<SituationChoiceView>,
    /// Why the query could not be searched.
    pub error: Option<String>,
    /// Whether a search was run (else only the form shows).
    pub searched: bool,
    /// Claims found, best first.
    pub claims: Vec<ClaimHitView>,
    /// How many claims match in all.
    pub claim_total: u64,
    /// Sources found, best first.
    pub sources: Vec<SourceHitView>,
    /// How many sources match in all.
    pub source_total: u64,
    /// "1–20 of 135"-style summary of the page.
    pub range: Option<String>,
    /// The previous page of results.
    pub previous_page: Option<LinkView>,
    /// The next page of results.
    pub next_page: Option<LinkView>,
}

/// A role on an actor's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleView {
    /// The title ("President").
    pub title: String,
    /// The actor it is held in.
    pub of: Option<LinkView>,
    /// "from 2019", "2019 – 2024", or empty when no dates are known.
    pub period: String,
}

/// An actor's page.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorPageView {
    /// The situation's heading (no tab is current).
    pub header: SituationHeaderView,
    /// The canonical name.
    pub name: String,
    /// Its kind ("state").
    pub kind: String,
    /// Draft or rejected, when not accepted.
    pub review_note: Option<String>,
    /// Its parent actor.
    pub parent: Option<LinkView>,
    /// Actors that have it as parent.
    pub children: Vec<LinkView>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Roles over time.
    pub roles: Vec<RoleView>,
    /// Its Wikidata id.
    pub external_id: Option<String>,
    /// Claims it made (as speaker), in time order.
    pub said: Vec<ClaimView>,
    /// How many it made in all.
    pub said_total: u64,
    /// Claims about it (it is a participant), in time order.
    pub about: Vec<ClaimView>,
    /// How many are about it in all.
    pub about_total: u64,
    /// Its lane: its claims on a time axis.
    pub lane: Option<LaneChartView>,
    /// The lanes page with this actor chosen.
    pub lanes_href: String,
}

/// One tick of a chart's time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct TickView {
    /// Its x position.
    pub x: f64,
    /// Its label ("12 Jan", "Feb 2022").
    pub label: String,
}

/// One claim on a lane: a point (width 0) or a range.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneMarkView {
    /// Left edge (or centre of a point).
    pub x: f64,
    /// Width; 0 for a claim dated to a day or finer at this scale.
    pub width: f64,
    /// The tooltip: date and text.
    pub title: String,
    /// The claim's permalink.
    pub href: String,
    /// Its kind, a CSS hook ("statement").
    pub kind: String,
    /// Whether the date is approximate (drawn fainter).
    pub approximate: bool,
}

/// One row of the lanes chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneRowView {
    /// The actor's name, linking to its page.
    pub actor: LinkView,
    /// How many claims the row holds in all.
    pub count: u64,
    /// The marks, in date order.
    pub marks: Vec<LaneMarkView>,
    /// Marks left out because the row holds too many to draw one by one.
    pub hidden: u64,
}

/// A lanes chart: rows of marks over a shared time axis, as SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneChartView {
    /// An accessible name for the chart.
    pub label: String,
    /// The drawing's width in user units.
    pub width: f64,
    /// Where the time axis starts (the label column's width).
    pub plot_left: f64,
    /// Where the time axis ends.
    pub plot_right: f64,
    /// The height of one row.
    pub row_height: f64,
    /// The rows.
    pub rows: Vec<LaneRowView>,
    /// The axis ticks.
    pub ticks: Vec<TickView>,
    /// What the axis spans ("1 Jan 2022 – 31 Mar 2022").
    pub span_label: String,
}

/// An actor offered by the lanes chooser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorChoiceView {
    /// Its id (the value sent).
    pub id: String,
    /// Its name, with its claim count.
    pub label: String,
    /// Whether it is drawn.
    pub chosen: bool,
}

/// The lanes page of a situation.
#[derive(Debug, Clone, PartialEq)]
pub struct LanesPageView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// The chart, when any chosen actor has a dated claim.
    pub chart: Option<LaneChartView>,
    /// The chooser's actors, most active first.
    pub choices: Vec<ActorChoiceView>,
    /// Claims of the chosen actors left out for lack of a date.
    pub undated: u64,
    /// The form's action.
    pub action: String,
}
