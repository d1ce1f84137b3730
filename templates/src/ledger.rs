//! The predictions ledger's pages: a situation's predictions (open, due, resolved), one
//! prediction (its quote with the hedge marked, proposition versions with diffs, evidence on a
//! time axis, resolution history, score, and the analyst's forms), and a forecaster's track
//! record (scores, reliability diagram, per-hedge-word calibration). SVG is drawn with maud
//! like any other markup, so every label in it is escaped.

use crate::components::csrf_field;
use crate::layout::{base, situation_frame};
use crate::view::{LinkView, PageContext, SituationHeaderView};
use maud::{Markup, html};

/// A choice in a select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceView {
    /// The submitted value.
    pub value: String,
    /// The visible text.
    pub label: String,
    /// Whether it is chosen.
    pub selected: bool,
}

/// A claim's words with the hedge marked: the text before, the hedge, the text after.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuoteView {
    /// Before the hedge (all of it when no hedge was found).
    pub before: String,
    /// The hedge words as written; empty when not found.
    pub hedge: String,
    /// After the hedge.
    pub after: String,
}

/// One prediction in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredictionRowView {
    /// Its page.
    pub href: String,
    /// The words that make it.
    pub quote: QuoteView,
    /// "might, about 40% (25-50)".
    pub hedge_label: Option<String>,
    /// Its status word.
    pub status: String,
    /// Its forecaster, linked to the track record.
    pub forecaster: Option<LinkView>,
    /// "Made 10 Jan 2022".
    pub made_on: Option<String>,
    /// "due 10 Apr 2022 (inferred)".
    pub due: Option<String>,
    /// The outcome in force.
    pub outcome: Option<String>,
    /// "Brier 0.16".
    pub score: Option<String>,
}

/// A group of predictions under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredictionGroupView {
    /// "Open", "Due", "Resolved", ...
    pub heading: String,
    /// An element id.
    pub id: String,
    /// The predictions.
    pub rows: Vec<PredictionRowView>,
}

/// The form an analyst enters a prediction by hand with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualEntryView {
    /// The claims that make no prediction yet, to choose from.
    pub claims: Vec<ChoiceView>,
}

/// `GET /situations/{slug}/predictions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredictionListView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// Where the filter form goes.
    pub action: String,
    /// Forecaster choices (the first is "any").
    pub forecasters: Vec<ChoiceView>,
    /// Actor choices (the first is "any").
    pub actors: Vec<ChoiceView>,
    /// The groups, in order: draft, open, due, resolved, withdrawn, unscorable.
    pub groups: Vec<PredictionGroupView>,
    /// The CSV export.
    pub csv_href: String,
    /// The manual-entry form, for analysts.
    pub manual: Option<ManualEntryView>,
}

/// One piece of a word diff between two proposition versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffPiece {
    /// Words both have.
    Same(String),
    /// Words the later version added.
    Added(String),
    /// Words the later version removed.
    Removed(String),
}

/// One proposition version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionView {
    /// 1, 2, ...
    pub number: i64,
    /// Its words against the version before (all `Same` for the first).
    pub diff: Vec<DiffPiece>,
    /// Who, when and why.
    pub byline: String,
    /// Whether the resolution in force judged this version.
    pub judged: bool,
}

/// A mark on the time axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisMarkView {
    /// Position from 0 (made) to 1000 (due).
    pub at: u32,
    /// What it is: "evidence", "suggested" or "outcome".
    pub kind: String,
    /// Its date label.
    pub date: String,
    /// A short label.
    pub label: String,
}

/// The time axis from made_on to the due date (or to the last mark, when one falls later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisView {
    /// Made on, as shown.
    pub start: String,
    /// The axis's last day, as shown.
    pub end: String,
    /// Due, as shown.
    pub due: String,
    /// Where the due date falls, 0 to 1000.
    pub due_at: u32,
    /// The marks.
    pub marks: Vec<AxisMarkView>,
}

/// A claim cited or suggested as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceView {
    /// The claim's id.
    pub claim_id: i64,
    /// Its words.
    pub text: String,
    /// Its date, as shown.
    pub date: Option<String>,
    /// Its sentence in its source.
    pub href: String,
    /// For a suggestion: why it was suggested.
    pub why: Option<String>,
}

/// One resolution in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionView {
    /// yes, no, ambiguous, annulled.
    pub outcome: String,
    /// "occurred 19 Jan 2022".
    pub occurred: Option<String>,
    /// Who and when decided.
    pub byline: String,
    /// Why.
    pub rationale: String,
    /// The version judged.
    pub version: Option<i64>,
    /// The evidence.
    pub evidence: Vec<EvidenceView>,
    /// Whether it is in force.
    pub in_force: bool,
}

/// The analyst's forms on a prediction's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredictionFormsView {
    /// The edit version.
    pub version: i64,
    /// The proposition now.
    pub proposition: String,
    /// The probability in percent: point, low, high.
    pub percent: (String, String, String),
    /// The due day, `YYYY-MM-DD`.
    pub due: String,
    /// Forecaster choices.
    pub forecasters: Vec<ChoiceView>,
    /// Status choices.
    pub statuses: Vec<ChoiceView>,
}

/// `GET /predictions/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredictionPageView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// The list it belongs to.
    pub back: LinkView,
    /// Its id.
    pub id: i64,
    /// Its status word.
    pub status: String,
    /// The quote with the hedge marked.
    pub quote: QuoteView,
    /// "might, about 40% (25-50)".
    pub hedge_label: Option<String>,
    /// "from the lexicon capphrase-v2", "an analyst's judgement", ...
    pub origin: Option<String>,
    /// The quote's sentence in its source.
    pub source: LinkView,
    /// The forecaster's track record.
    pub forecaster: Option<LinkView>,
    /// Made on.
    pub made_on: Option<String>,
    /// Due, with "(inferred)".
    pub due: Option<String>,
    /// The proposition's versions, oldest first.
    pub versions: Vec<VersionView>,
    /// The time axis, when both ends are known.
    pub axis: Option<AxisView>,
    /// The resolution history, newest first.
    pub resolutions: Vec<ResolutionView>,
    /// "Brier 0.16, log -0.51" or why it is not scored.
    pub score: Option<String>,
    /// Suggested evidence.
    pub suggestions: Vec<EvidenceView>,
    /// The analyst's forms.
    pub forms: Option<PredictionFormsView>,
}

/// One bin of the reliability diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinView {
    /// "40-50%".
    pub label: String,
    /// Bin start in tenths (0..=9).
    pub index: u32,
    /// Forecasts in it.
    pub count: usize,
    /// Observed share in thousandths, when any.
    pub observed: Option<u32>,
    /// Mean forecast in thousandths, when any.
    pub mean: Option<u32>,
    /// "1 of 2 happened".
    pub detail: String,
}

/// One hedge word's calibration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HedgeRowView {
    /// The sentence ("when this source writes 'might', it happened 2 of 9 times").
    pub sentence: String,
    /// Its stated probability.
    pub stated: String,
    /// The small-sample label.
    pub label: String,
}

/// A labelled figure of the track record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureView {
    /// What it is.
    pub name: String,
    /// Its value.
    pub value: String,
    /// A note under it.
    pub note: Option<String>,
}

/// `GET /forecasters/{actor_id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecasterPageView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// The forecaster's name.
    pub name: String,
    /// "too few to rank" and such.
    pub sample_label: String,
    /// Counts, resolved share, scores.
    pub figures: Vec<FigureView>,
    /// The reliability bins.
    pub bins: Vec<BinView>,
    /// The hedge words.
    pub hedges: Vec<HedgeRowView>,
    /// Its predictions.
    pub rows: Vec<PredictionRowView>,
}

fn quote(q: &QuoteView) -> Markup {
    html! {
        q.prediction-quote {
            (q.before)
            @if !q.hedge.is_empty() { mark.hedge { (q.hedge) } }
            (q.after)
        }
    }
}

fn select(name: &str, label: &str, choices: &[ChoiceView]) -> Markup {
    html! {
        div {
            label for=(format!("f-{name}")) { (label) }
            select id=(format!("f-{name}")) name=(name) {
                @for c in choices {
                    @if c.selected {
                        option value=(c.value) selected { (c.label) }
                    } @else {
                        option value=(c.value) { (c.label) }
                    }
                }
            }
        }
    }
}

fn row(r: &PredictionRowView) -> Markup {
    html! {
        li.prediction-row data-status=(r.status) {
            p.prediction-line {
                span class=(format!("tag status-{}", r.status)) { (r.status) }
                @if let Some(outcome) = &r.outcome {
                    " " span class=(format!("tag outcome-{outcome}")) { (outcome) }
                }
                @if let Some(label) = &r.hedge_label { " " strong.hedge-number { (label) } }
                @if let Some(score) = &r.score { " " span.score { (score) } }
            }
            p { a href=(r.href) { (quote(&r.quote)) } }
            p.meta {
                @if let Some(f) = &r.forecaster { "by " a href=(f.href) { (f.label) } }
                @if let Some(made) = &r.made_on { " · " (made) }
                @if let Some(due) = &r.due { " · " (due) }
            }
        }
    }
}

/// The situation's predictions page.
pub fn predictions_page(context: &PageContext, view: &PredictionListView) -> Markup {
    let body = html! {
        form.filters method="get" action=(view.action) {
            div.field-row {
                (select("forecaster", "Forecaster", &view.forecasters))
                (select("actor", "Actor", &view.actors))
                div { button type="submit" { "Filter" } }
            }
        }
        p { a href=(view.csv_href) { "Download as CSV" } " (predictions, resolutions and scores)" }
        @if view.groups.iter().all(|g| g.rows.is_empty()) {
            p.empty { "No predictions match." }
        }
        @for group in &view.groups {
            @if !group.rows.is_empty() {
                section.prediction-group aria-labelledby=(group.id) {
                    h2 id=(group.id) { (group.heading) " " span.count { "(" (group.rows.len()) ")" } }
                    ol.predictions { @for r in &group.rows { (row(r)) } }
                }
            }
        }
        @if let Some(manual) = &view.manual {
            details.panel.manual-entry {
                summary { "Enter a prediction by hand" }
                form method="post" action=(format!("{}/manual", view.action)) {
                    (csrf_field(&context.csrf_token))
                    div {
                        label for="m-claim" { "The claim whose words make it" }
                        select id="m-claim" name="claim_id" {
                            @for c in &manual.claims { option value=(c.value) { (c.label) } }
                        }
                    }
                    div {
                        label for="m-proposition" { "Testable proposition" }
                        textarea id="m-proposition" name="proposition" rows="2" required {}
                    }
                    div.field-row {
                        div { label for="m-point" { "Probability %" } input id="m-point" name="point" type="number" min="0" max="100" step="1"; }
                        div { label for="m-due" { "Due" } input id="m-due" name="due" type="date"; }
                    }
                    div {
                        label for="m-reason" { "Why" }
                        input id="m-reason" name="reason" type="text" required;
                    }
                    button type="submit" { "Enter prediction" }
                }
            }
        }
    };
    base(
        context,
        &format!("Predictions · {}", view.header.title),
        situation_frame(&view.header, body),
    )
}

fn diff(pieces: &[DiffPiece]) -> Markup {
    html! {
        @for piece in pieces {
            @match piece {
                DiffPiece::Same(words) => { (words) " " }
                DiffPiece::Added(words) => { ins { (words) } " " }
                DiffPiece::Removed(words) => { del { (words) } " " }
            }
        }
    }
}

/// The time axis as SVG: made on at the left, due at the right, marks between.
fn axis(view: &AxisView) -> Markup {
    // 1000 units of axis inside 40 units of margin on either side.
    let x = |at: u32| 40 + at.min(1000);
    html! {
        figure.axis {
            svg viewBox="0 0 1080 120" role="img" aria-labelledby="axis-title" preserveAspectRatio="xMidYMid meet" {
                title id="axis-title" { "Evidence between when the prediction was made and when it was due" }
                line.axis-line x1="40" y1="60" x2="1040" y2="60";
                line.axis-end x1="40" y1="48" x2="40" y2="72";
                line.axis-end x1="1040" y1="48" x2="1040" y2="72";
                line.axis-due x1=(x(view.due_at)) y1="44" x2=(x(view.due_at)) y2="76";
                text.axis-label x="40" y="100" text-anchor="start" { "made " (view.start) }
                text.axis-label x=(x(view.due_at)) y="100" text-anchor=(if view.due_at > 700 { "end" } else { "middle" }) { "due " (view.due) }
                @if view.due_at < 700 {
                    text.axis-label x="1040" y="100" text-anchor="end" { (view.end) }
                }
                @for (i, mark) in view.marks.iter().enumerate() {
                    g class=(format!("mark mark-{}", mark.kind)) {
                        circle cx=(x(mark.at)) cy="60" r="9" {
                            title { (mark.date) ": " (mark.label) }
                        }
                        text.mark-label x=(x(mark.at)) y=(if i % 2 == 0 { "36" } else { "28" }) text-anchor="middle" {
                            (mark.date)
                        }
                    }
                }
            }
            figcaption {
                "Green: evidence cited by the resolution in force; ringed blue: suggested evidence; orange: when the outcome occurred."
            }
        }
    }
}

fn evidence_item(e: &EvidenceView) -> Markup {
    html! {
        @if let Some(date) = &e.date { span.date { (date) } " " }
        a href=(e.href) { q { (e.text) } }
        " " span.claim-id { "(claim " (e.claim_id) ")" }
        @if let Some(why) = &e.why { br; span.why { (why) } }
    }
}

/// A prediction's page.
pub fn prediction_page(context: &PageContext, view: &PredictionPageView) -> Markup {
    let body = html! {
        p.breadcrumb { a href=(view.back.href) { (view.back.label) } }
        article.prediction {
            h2 { "Prediction " (view.id) " " span class=(format!("tag status-{}", view.status)) { (view.status) } }
            blockquote.prediction-words {
                p { (quote(&view.quote)) }
                @if let Some(label) = &view.hedge_label {
                    p.hedge-number { strong { (label) } @if let Some(origin) = &view.origin { " · " (origin) } }
                }
                p.meta { a href=(view.source.href) { (view.source.label) } }
            }
            dl.prediction-facts {
                @if let Some(f) = &view.forecaster { div { dt { "Forecaster" } dd { a href=(f.href) { (f.label) } } } }
                @if let Some(made) = &view.made_on { div { dt { "Made" } dd { (made) } } }
                @if let Some(due) = &view.due { div { dt { "Due" } dd { (due) } } }
                @if let Some(score) = &view.score { div { dt { "Score" } dd.score { (score) } } }
            }
            section aria-labelledby="propositions" {
                h3 #propositions { "Testable proposition" }
                ol.proposition-versions {
                    @for v in view.versions.iter().rev() {
                        li data-judged=(v.judged) {
                            p { strong { "Version " (v.number) } @if v.judged { " " span.tag.judged { "judged" } } }
                            p.proposition { (diff(&v.diff)) }
                            p.meta { (v.byline) }
                        }
                    }
                }
            }
            @if let Some(a) = &view.axis {
                section aria-labelledby="axis" {
                    h3 #axis { "Evidence over time" }
                    (axis(a))
                }
            }
            section aria-labelledby="resolutions" {
                h3 #resolutions { "Resolutions" }
                @if view.resolutions.is_empty() { p.empty { "Not resolved yet." } }
                ol.resolutions {
                    @for r in &view.resolutions {
                        li.resolution data-in-force=(r.in_force) {
                            p {
                                span class=(format!("tag outcome-{}", r.outcome)) { (r.outcome) }
                                @if r.in_force { " " span.tag.in-force { "in force" } } @else { " " span.tag.superseded { "superseded" } }
                                @if let Some(o) = &r.occurred { " " (o) }
                                @if let Some(v) = r.version { " · judged version " (v) }
                            }
                            p { (r.rationale) }
                            @if !r.evidence.is_empty() {
                                ul.evidence { @for e in &r.evidence { li { (evidence_item(e)) } } }
                            }
                            p.meta { (r.byline) }
                        }
                    }
                }
            }
            @if !view.suggestions.is_empty() {
                section aria-labelledby="suggested" {
                    h3 #suggested { "Suggested evidence" }
                    p.meta { "Later claims that share this prediction's actors and words, best first." }
                    ol.suggestions {
                        @for s in &view.suggestions {
                            li {
                                (evidence_item(s))
                                @if context.is_analyst() {
                                    div.actions {
                                        @for (verdict, label) in [("supports", "Supports: resolve yes"), ("refutes", "Refutes: resolve no")] {
                                            form.inline method="post" action=(format!("/predictions/{}/evidence", view.id)) {
                                                (csrf_field(&context.csrf_token))
                                                input type="hidden" name="claim_id" value=(s.claim_id);
                                                input type="hidden" name="verdict" value=(verdict);
                                                button.secondary type="submit" { (label) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(forms) = &view.forms {
                (analyst_forms(context, view.id, forms))
            }
        }
    };
    base(
        context,
        &format!("Prediction {}", view.id),
        situation_frame(&view.header, body),
    )
}

fn analyst_forms(context: &PageContext, id: i64, forms: &PredictionFormsView) -> Markup {
    let outcomes = ["yes", "no", "ambiguous", "annulled"];
    html! {
        section.panel aria-labelledby="resolve" {
            h3 #resolve { "Resolve" }
            form method="post" action=(format!("/predictions/{id}/resolutions")) {
                (csrf_field(&context.csrf_token))
                div.field-row {
                    div {
                        label for="r-outcome" { "Outcome" }
                        select id="r-outcome" name="outcome" {
                            @for o in outcomes { option value=(o) { (o) } }
                        }
                    }
                    div { label for="r-occurred" { "Occurred on" } input id="r-occurred" name="occurred_on" type="date"; }
                    div { label for="r-evidence" { "Evidence claim ids" } input id="r-evidence" name="evidence" type="text" inputmode="numeric" placeholder="15, 21"; }
                }
                div { label for="r-rationale" { "Why" } textarea id="r-rationale" name="rationale" rows="2" required {} }
                button type="submit" { "Add resolution" }
            }
        }
        details.panel.edit {
            summary { "Edit the prediction" }
            form method="post" action=(format!("/predictions/{id}/edit")) {
                (csrf_field(&context.csrf_token))
                input type="hidden" name="version" value=(forms.version);
                div { label for="e-proposition" { "Testable proposition (a change is kept as a new version)" }
                      textarea id="e-proposition" name="proposition" rows="2" { (forms.proposition) } }
                div.field-row {
                    div { label for="e-point" { "Probability %" } input id="e-point" name="point" type="number" min="0" max="100" step="1" value=(forms.percent.0); }
                    div { label for="e-low" { "from %" } input id="e-low" name="low" type="number" min="0" max="100" step="1" value=(forms.percent.1); }
                    div { label for="e-high" { "to %" } input id="e-high" name="high" type="number" min="0" max="100" step="1" value=(forms.percent.2); }
                    div { label for="e-due" { "Due" } input id="e-due" name="due" type="date" value=(forms.due); }
                }
                div.field-row {
                    (select("forecaster", "Forecaster", &forms.forecasters))
                    (select("status", "Status", &forms.statuses))
                }
                div { label for="e-reason" { "Why" } input id="e-reason" name="reason" type="text" required; }
                button type="submit" { "Save" }
            }
        }
    }
}

/// The reliability diagram as SVG: forecast probability across, observed share up, the
/// diagonal of perfect calibration, one dot per non-empty bin sized by its count, counts
/// written under every bin.
fn reliability(bins: &[BinView]) -> Markup {
    // Plot area: x 60..460, y 20..420 (400 units each way), counts below.
    let px = |thousandths: u32| 60 + thousandths.min(1000) * 400 / 1000;
    let py = |thousandths: u32| 420 - thousandths.min(1000) * 400 / 1000;
    let largest = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    html! {
        figure.reliability {
            svg viewBox="0 0 480 490" role="img" aria-labelledby="rel-title rel-desc" {
                title id="rel-title" { "Reliability diagram" }
                desc id="rel-desc" {
                    @for b in bins { @if b.count > 0 { (b.label) ": " (b.detail) ". " } }
                }
                rect.plot x="60" y="20" width="400" height="400";
                @for tick in [0u32, 250, 500, 750, 1000] {
                    line.grid x1=(px(tick)) y1="20" x2=(px(tick)) y2="420";
                    line.grid x1="60" y1=(py(tick)) x2="460" y2=(py(tick));
                    text.tick x=(px(tick)) y="438" text-anchor="middle" { (tick / 10) "%" }
                    text.tick x="52" y=(py(tick) + 4) text-anchor="end" { (tick / 10) "%" }
                }
                line.diagonal x1=(px(0)) y1=(py(0)) x2=(px(1000)) y2=(py(1000));
                @for b in bins {
                    @if let (Some(mean), Some(observed)) = (b.mean, b.observed) {
                        circle.bin cx=(px(mean)) cy=(py(observed)) r=(6 + 10 * b.count / largest) {
                            title { (b.label) ": " (b.detail) }
                        }
                    }
                    text.bin-count x=(px(b.index * 100 + 50)) y="458" text-anchor="middle" { (b.count) }
                }
                text.tick x="40" y="458" text-anchor="end" { "n" }
                text.axis-name x="260" y="482" text-anchor="middle" { "stated probability (bins of 10 points; n per bin above)" }
                text.axis-name x="14" y="220" text-anchor="middle" transform="rotate(-90 14 220)" { "how often it happened" }
            }
            figcaption { "Dots on the diagonal are perfectly calibrated; a dot's size follows its count." }
        }
    }
}

/// A forecaster's track record page.
pub fn forecaster_page(context: &PageContext, view: &ForecasterPageView) -> Markup {
    let body = html! {
        article.forecaster {
            h2 { "Track record: " (view.name) }
            p.sample-label { span.tag.sample { (view.sample_label) } }
            dl.figures {
                @for f in &view.figures {
                    div.figure {
                        dt { (f.name) }
                        dd { (f.value) @if let Some(note) = &f.note { br; span.note { (note) } } }
                    }
                }
            }
            section aria-labelledby="calibration" {
                h3 #calibration { "Calibration" }
                (reliability(&view.bins))
            }
            section aria-labelledby="hedges" {
                h3 #hedges { "What its words meant" }
                @if view.hedges.is_empty() { p.empty { "No resolved forecast with a hedge word yet." } }
                ul.hedge-words {
                    @for h in &view.hedges {
                        li { (h.sentence) " " span.meta { "(stated " (h.stated) ")" } " " span.tag.sample { (h.label) } }
                    }
                }
            }
            section aria-labelledby="its-predictions" {
                h3 #its-predictions { "Predictions" }
                ol.predictions { @for r in &view.rows { (row(r)) } }
            }
        }
    };
    base(
        context,
        &format!("{} · track record", view.name),
        situation_frame(&view.header, body),
    )
}
