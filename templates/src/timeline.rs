//! The reader's timeline (`/situations/{slug}`): the view switch (clock, order), the filter
//! form, the known-as-of and what's-new banners, the days and coarser bands with their
//! entries, the pager and the links to the feed and exports.

use crate::layout::{base, situation_frame};
use crate::view::{LinkView, PageContext, SituationHeaderView};
use maud::{Markup, html};

/// One choice in a set of links or a `<select>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceView {
    /// The visible text.
    pub label: String,
    /// The value sent (for form fields) or the link (for switches).
    pub value: String,
    /// Whether it is the current choice.
    pub selected: bool,
}

/// The filter form: every field holds the view's current value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimelineFormView {
    /// The form's action.
    pub action: String,
    /// Clock choices (values `occurred`, ...).
    pub clocks: Vec<ChoiceView>,
    /// Order choices.
    pub orders: Vec<ChoiceView>,
    /// The as-of day, `YYYY-MM-DD`.
    pub as_of: String,
    /// The since moment as the URL writes it.
    pub since: String,
    /// The situation's actors (several may be selected).
    pub actors: Vec<ChoiceView>,
    /// Claim kinds.
    pub kinds: Vec<ChoiceView>,
    /// The situation's sources.
    pub sources: Vec<ChoiceView>,
    /// Review states, for analysts only (empty for readers).
    pub states: Vec<ChoiceView>,
    /// The text searched for.
    pub text: String,
}

/// A dispute on an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeView {
    /// Why, in the analyst's words.
    pub reason: String,
    /// The disputing claim's text, linking to it on the timeline or in its source; `None` when
    /// readers may not see it yet.
    pub other: Option<LinkView>,
}

/// One claim on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntryView {
    /// The fragment id (`c42`).
    pub anchor: String,
    /// The claim in its own words.
    pub text: String,
    /// Its kind.
    pub kind: String,
    /// Its modality.
    pub modality: String,
    /// Its review state (shown when not accepted).
    pub review_state: String,
    /// The date on the view's clock, short ("c. 6 Jan", "evening of 12 Jan").
    pub date: Option<String>,
    /// The machine-readable start of that date.
    pub datetime: Option<String>,
    /// Precision and the words the date came from, for the tooltip.
    pub date_title: Option<String>,
    /// Why the date was inferred ("inferred from the report date").
    pub inferred: Option<String>,
    /// The words of the date, when they say more than the label.
    pub words: Option<String>,
    /// "Peskov said", linking to the speaker.
    pub speaker: Option<LinkView>,
    /// Actor chips, linking to the actors' pages.
    pub actors: Vec<LinkView>,
    /// The other clocks, labelled ("Reported 6 Jan 2022").
    pub other_clocks: Vec<String>,
    /// The source, linking to the sentence highlighted in it.
    pub source: LinkView,
    /// The claim's own page.
    pub claim_href: String,
    /// Standing disputes.
    pub disputes: Vec<DisputeView>,
    /// `new` or `changed`, on a what's-new view.
    pub mark: Option<String>,
}

/// A day or a band of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineGroupView {
    /// The heading.
    pub heading: String,
    /// The machine-readable date.
    pub datetime: Option<String>,
    /// An element id for the heading.
    pub id: String,
    /// Whether it is a period longer than a day.
    pub band: bool,
    /// Its entries.
    pub entries: Vec<TimelineEntryView>,
}

/// The whole timeline page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineView {
    /// The situation's heading and tabs.
    pub header: SituationHeaderView,
    /// One-line description of the view ("Occurred clock, oldest first").
    pub summary: String,
    /// Links switching the clock, keeping the filters.
    pub clock_links: Vec<ChoiceView>,
    /// The link reversing the order.
    pub order_link: LinkView,
    /// The filter form.
    pub form: TimelineFormView,
    /// The known-as-of banner.
    pub as_of_banner: Option<String>,
    /// The what's-new banner.
    pub since_banner: Option<String>,
    /// The filters in force, each with a link removing it.
    pub active_filters: Vec<LinkView>,
    /// The link showing what is new since the visitor's last visit.
    pub last_visit: Option<LinkView>,
    /// The days and bands.
    pub groups: Vec<TimelineGroupView>,
    /// The next page.
    pub next_page: Option<LinkView>,
    /// The first page, when this is not it.
    pub first_page: Option<LinkView>,
    /// The feed and the exports of this view.
    pub downloads: Vec<LinkView>,
}

fn select(name: &str, label: &str, choices: &[ChoiceView], multiple: bool) -> Markup {
    let id = format!("timeline-{name}");
    html! {
        div.field {
            label for=(id) { (label) }
            @if multiple {
                select id=(id) name=(name) multiple size=(choices.len().clamp(2, 6)) {
                    @for c in choices {
                        option value=(c.value) selected[c.selected] { (c.label) }
                    }
                }
            } @else {
                select id=(id) name=(name) {
                    @for c in choices {
                        option value=(c.value) selected[c.selected] { (c.label) }
                    }
                }
            }
        }
    }
}

fn filter_form(form: &TimelineFormView) -> Markup {
    html! {
        form.timeline-filters method="get" action=(form.action) role="search" aria-label="Filter the timeline" {
            div.fields {
                (select("clock", "Clock", &form.clocks, false))
                (select("order", "Order", &form.orders, false))
                div.field {
                    label for="timeline-as_of" { "Known as of" }
                    input #timeline-as_of type="date" name="as_of" value=(form.as_of);
                }
                div.field {
                    label for="timeline-since" { "New since" }
                    input #timeline-since type="text" name="since" value=(form.since)
                        placeholder="YYYY-MM-DD or YYYY-MM-DDTHH:MM" inputmode="numeric";
                }
                div.field.wide {
                    label for="timeline-q" { "Words" }
                    input #timeline-q type="search" name="q" value=(form.text);
                }
                @if !form.actors.is_empty() {
                    (select("actor", "Actors (all of)", &form.actors, true))
                }
                (select("kind", "Kinds", &form.kinds, true))
                @if !form.sources.is_empty() {
                    (select("source", "Sources", &form.sources, true))
                }
                @if !form.states.is_empty() {
                    (select("state", "Review state", &form.states, true))
                }
            }
            div.actions {
                button type="submit" { "Show" }
                " "
                a href=(form.action) { "Clear" }
            }
        }
    }
}

fn entry(e: &TimelineEntryView) -> Markup {
    html! {
        article.entry id=(e.anchor) .disputed[!e.disputes.is_empty()] {
            header.entry-meta {
                @if let Some(mark) = &e.mark {
                    span class=(format!("mark mark-{mark}")) { (mark) }
                }
                @if let Some(date) = &e.date {
                    @if let Some(datetime) = &e.datetime {
                        time.entry-date datetime=(datetime) title=[e.date_title.as_deref()] { (date) }
                    } @else {
                        span.entry-date title=[e.date_title.as_deref()] { (date) }
                    }
                }
                @if let Some(inferred) = &e.inferred {
                    " " span.inferred { (inferred) }
                }
                " " span class=(format!("tag kind-{}", e.kind)) { (e.kind) }
                @if e.modality != "asserted" {
                    " " span class=(format!("tag modality-{}", e.modality)) { (e.modality) }
                }
                @if e.review_state != "accepted" {
                    " " span class=(format!("tag review-{}", e.review_state)) { (e.review_state) }
                }
                @if !e.disputes.is_empty() {
                    " " span.tag.disputed-tag { "disputed" }
                }
                " "
                a.permalink href=(format!("#{}", e.anchor)) {
                    span.visually-hidden { "Link to this entry" }
                    span aria-hidden="true" { "#" }
                }
            }
            p.entry-text {
                @if let Some(speaker) = &e.speaker {
                    a.speaker href=(speaker.href) { (speaker.label) } " said: "
                }
                q { (e.text) }
            }
            @if let Some(words) = &e.words {
                p.entry-words { "Dated from the words " q { (words) } }
            }
            @if !e.actors.is_empty() {
                ul.chips aria-label="Actors" {
                    @for actor in &e.actors {
                        li { a.chip href=(actor.href) { (actor.label) } }
                    }
                }
            }
            @if !e.disputes.is_empty() {
                div.disputes {
                    p { strong { "Disputed" } }
                    ul {
                        @for d in &e.disputes {
                            li {
                                @if let Some(other) = &d.other {
                                    "by " a href=(other.href) { q { (other.label) } }
                                } @else {
                                    "by a claim still under review"
                                }
                                @if !d.reason.trim().is_empty() {
                                    " — " (d.reason)
                                }
                            }
                        }
                    }
                }
            }
            footer.entry-source {
                @for clock in &e.other_clocks { span.clock { (clock) } " · " }
                a.source-link href=(e.source.href) { "In " (e.source.label) }
                " · "
                a href=(e.claim_href) { "Claim details" }
            }
        }
    }
}

/// `GET /situations/{slug}`: the timeline.
pub fn timeline_page(context: &PageContext, view: &TimelineView) -> Markup {
    let body = html! {
        div.timeline {
            nav.view-switch aria-label="Timeline view" {
                span.switch-label { "Clock:" }
                ul.clocks {
                    @for c in &view.clock_links {
                        li {
                            @if c.selected {
                                a href=(c.value) aria-current="true" { (c.label) }
                            } @else {
                                a href=(c.value) { (c.label) }
                            }
                        }
                    }
                }
                a.order-link href=(view.order_link.href) { (view.order_link.label) }
            }
            details.filters open[!view.active_filters.is_empty()] {
                summary { "Filters and dates" }
                (filter_form(&view.form))
            }
            p.view-summary { (view.summary) }
            @if let Some(banner) = &view.as_of_banner {
                p.banner.as-of role="status" { (banner) }
            }
            @if let Some(banner) = &view.since_banner {
                p.banner.since role="status" { (banner) }
            }
            @if !view.active_filters.is_empty() {
                ul.active-filters aria-label="Filters in force" {
                    @for f in &view.active_filters {
                        li { a href=(f.href) title="Remove this filter" { (f.label) " " span aria-hidden="true" { "×" } } }
                    }
                }
            }
            @if let Some(link) = &view.last_visit {
                p.last-visit { a href=(link.href) { (link.label) } }
            }
            @if view.groups.is_empty() {
                p.empty { "No claims match this view." }
            }
            @for group in &view.groups {
                section.day .band[group.band] aria-labelledby=(group.id) {
                    h2 id=(group.id) {
                        @if let Some(datetime) = &group.datetime {
                            time datetime=(datetime) { (group.heading) }
                        } @else {
                            (group.heading)
                        }
                    }
                    ol.entries {
                        @for e in &group.entries { li { (entry(e)) } }
                    }
                }
            }
            @if view.next_page.is_some() || view.first_page.is_some() {
                nav.pager aria-label="Pages of the timeline" {
                    @if let Some(first) = &view.first_page {
                        a href=(first.href) { (first.label) }
                    }
                    @if let Some(next) = &view.next_page {
                        a rel="next" href=(next.href) { (next.label) }
                    }
                }
            }
            nav.downloads aria-label="Feed and exports of this view" {
                ul {
                    @for d in &view.downloads {
                        li { a href=(d.href) { (d.label) } }
                    }
                }
            }
        }
    };
    base(
        context,
        &view.header.title,
        situation_frame(&view.header, body),
    )
}
