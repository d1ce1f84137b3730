//! The reader's pages beside the timeline: search results with the matching words marked, an
//! actor's page, and the lanes chart (server-drawn SVG, one row per actor).

use crate::components::claim_card;
use crate::layout::{base, situation_frame};
use crate::reader_view::{ActorPageView, LaneChartView, LanesPageView, MarkedView, SearchView};
use crate::view::PageContext;
use maud::{Markup, html};

/// Text runs with the matching ones in `<mark>`; every run escaped.
pub fn marked(runs: &[MarkedView]) -> Markup {
    html! {
        @for run in runs {
            @if run.matched { mark { (run.text) } } @else { (run.text) }
        }
    }
}

/// `GET /search`: the form, and the claims and sources that match.
pub fn search_page(context: &PageContext, view: &SearchView) -> Markup {
    let body = html! {
        h1 { "Search" }
        form.search-form role="search" method="get" action="/search" {
            div.search-fields {
                label for="search-q" { "Words to find" }
                input #search-q type="search" name="q" value=(view.query) maxlength="300"
                    aria-describedby="search-help";
                label for="search-situation" { "In" }
                select #search-situation name="situation" {
                    option value="" { "all situations" }
                    @for choice in &view.situations {
                        @if choice.selected {
                            option value=(choice.slug) selected { (choice.title) }
                        } @else {
                            option value=(choice.slug) { (choice.title) }
                        }
                    }
                }
                button type="submit" { "Search" }
            }
            p.help #search-help { "Every word must match; end a word with * to match its beginning (withdr*)." }
        }
        @if let Some(error) = &view.error {
            p.form-error role="alert" { (error) }
        }
        @if view.searched && view.error.is_none() {
            @if let Some(range) = &view.range { p.search-range role="status" { (range) } }
            section.search-results aria-labelledby="found-claims" {
                h2 #found-claims { "Claims " span.count { "(" (view.claim_total) ")" } }
                @if view.claims.is_empty() {
                    p.empty { "No claim contains these words." }
                } @else {
                    ol.hits {
                        @for hit in &view.claims {
                            li.hit {
                                p.hit-text { a href=(hit.href) { (marked(&hit.marked)) } }
                                p.hit-meta {
                                    span class=(format!("tag kind-{}", hit.kind)) { (hit.kind) }
                                    @if hit.review_state != "accepted" {
                                        " " span class=(format!("tag review-{}", hit.review_state)) { (hit.review_state) }
                                    }
                                    @if let Some(occurred) = &hit.occurred { " " (occurred) }
                                    @if let Some(speaker) = &hit.speaker { " · said by " (speaker) }
                                    " · " (hit.source) " · "
                                    a href=(hit.situation.href) { (hit.situation.label) }
                                }
                            }
                        }
                    }
                }
            }
            section.search-results aria-labelledby="found-sources" {
                h2 #found-sources { "Sources " span.count { "(" (view.source_total) ")" } }
                @if view.sources.is_empty() {
                    p.empty { "No source contains these words." }
                } @else {
                    ol.hits {
                        @for hit in &view.sources {
                            li.hit {
                                p.hit-title { a href=(hit.href) { (marked(&hit.title)) } }
                                p.hit-excerpt { (marked(&hit.excerpt)) }
                                p.hit-meta {
                                    @if let Some(published) = &hit.published { (published) " · " }
                                    a href=(hit.situation.href) { (hit.situation.label) }
                                }
                            }
                        }
                    }
                }
            }
            @if view.previous_page.is_some() || view.next_page.is_some() {
                nav.pager aria-label="Pages of results" {
                    @if let Some(previous) = &view.previous_page { a rel="prev" href=(previous.href) { (previous.label) } }
                    @if let Some(next) = &view.next_page { a rel="next" href=(next.href) { (next.label) } }
                }
            }
        }
    };
    let title = if view.query.trim().is_empty() {
        "Search".to_string()
    } else {
        format!("Search: {}", view.query.trim())
    };
    base(context, &title, body)
}

/// `GET /actors/{id}`: names, parent, roles over time, its lane, and claims by and about it.
pub fn actor_page(context: &PageContext, view: &ActorPageView) -> Markup {
    let body = html! {
        article.actor {
            header.actor-header {
                h2.actor-name { (view.name) " " span class=(format!("tag actor-kind actor-{}", view.kind)) { (view.kind) } }
                @if let Some(note) = &view.review_note { p.notice { (note) } }
            }
            dl.actor-facts {
                @if !view.aliases.is_empty() {
                    div { dt { "Also called" } dd { ul.aliases { @for alias in &view.aliases { li { (alias) } } } } }
                }
                @if let Some(parent) = &view.parent {
                    div { dt { "Part of" } dd { a href=(parent.href) { (parent.label) } } }
                }
                @if !view.children.is_empty() {
                    div { dt { "Includes" } dd {
                        ul.chips { @for child in &view.children { li.chip { a href=(child.href) { (child.label) } } } }
                    } }
                }
                @if let Some(external) = &view.external_id {
                    div { dt { "Wikidata" } dd { code { (external) } } }
                }
            }
            @if !view.roles.is_empty() {
                section aria-labelledby="actor-roles" {
                    h3 #actor-roles { "Roles" }
                    ul.roles {
                        @for role in &view.roles {
                            li {
                                (role.title)
                                @if let Some(of) = &role.of { " of " a href=(of.href) { (of.label) } }
                                @if !role.period.is_empty() { " " span.period { "(" (role.period) ")" } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="actor-lane" {
                h3 #actor-lane { "Over time" }
                @if let Some(lane) = &view.lane {
                    (lane_chart(lane))
                } @else {
                    p.empty { "No dated claims involve this actor." }
                }
                p { a href=(view.lanes_href) { "Compare with other actors on the lanes" } }
            }
            section aria-labelledby="actor-said" {
                h3 #actor-said { "Said by " (view.name) " " span.count { "(" (view.said_total) ")" } }
                @if view.said.is_empty() {
                    p.empty { "No claims." }
                } @else {
                    ol.claims { @for claim in &view.said { li { (claim_card(claim)) } } }
                    @if view.said_total > view.said.len() as u64 {
                        p.more { "The first " (view.said.len()) " of " (view.said_total) " are shown." }
                    }
                }
            }
            section aria-labelledby="actor-about" {
                h3 #actor-about { "About " (view.name) " " span.count { "(" (view.about_total) ")" } }
                @if view.about.is_empty() {
                    p.empty { "No claims." }
                } @else {
                    ol.claims { @for claim in &view.about { li { (claim_card(claim)) } } }
                    @if view.about_total > view.about.len() as u64 {
                        p.more { "The first " (view.about.len()) " of " (view.about_total) " are shown." }
                    }
                }
            }
        }
    };
    base(
        context,
        &format!("{} · {}", view.name, view.header.title),
        situation_frame(&view.header, body),
    )
}

/// `GET /situations/{slug}/lanes`: the chart and the chooser of actors.
pub fn lanes_page(context: &PageContext, view: &LanesPageView) -> Markup {
    let body = html! {
        @match &view.chart {
            Some(chart) => {
                (lane_chart(chart))
                p.help { "Each mark is a claim at its date; a bar spans a date known only roughly. Select a mark to read the claim." }
            }
            None => p.empty { "None of the chosen actors has a dated claim." },
        }
        @if view.undated > 0 {
            p.help { (view.undated) " claims of these actors have no date and are not drawn." }
        }
        @if !view.choices.is_empty() {
            form.lane-chooser method="get" action=(view.action) {
                fieldset {
                    legend { "Actors to draw (most active first)" }
                    ul.actor-choices {
                        @for choice in &view.choices {
                            li {
                                label.check {
                                    @if choice.chosen {
                                        input type="checkbox" name="actor" value=(choice.id) checked;
                                    } @else {
                                        input type="checkbox" name="actor" value=(choice.id);
                                    }
                                    " " (choice.label)
                                }
                            }
                        }
                    }
                }
                button type="submit" { "Draw these actors" }
            }
        }
    };
    base(
        context,
        &format!("Lanes · {}", view.header.title),
        situation_frame(&view.header, body),
    )
}

/// A number for an SVG attribute, to one decimal, so equal data give byte-equal drawings.
fn coordinate(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A lanes chart as inline SVG: labels on the left, a row per actor, an axis with ticks, each
/// claim a link with a title.
pub fn lane_chart(chart: &LaneChartView) -> Markup {
    let axis_height = 28.0;
    let height = chart.rows.len() as f64 * chart.row_height + axis_height;
    let axis_y = chart.rows.len() as f64 * chart.row_height;
    html! {
        figure.lanes {
            div.lanes-scroll {
                svg.lane-chart xmlns="http://www.w3.org/2000/svg" role="img"
                    viewBox=(format!("0 0 {} {}", coordinate(chart.width), coordinate(height)))
                    width=(coordinate(chart.width)) height=(coordinate(height))
                    aria-label=(chart.label) {
                    title { (chart.label) }
                    g.ticks {
                        @for tick in &chart.ticks {
                            line.tick x1=(coordinate(tick.x)) x2=(coordinate(tick.x)) y1="0" y2=(coordinate(axis_y + 4.0)) {}
                            text.tick-label x=(coordinate(tick.x)) y=(coordinate(axis_y + 18.0)) text-anchor="middle" { (tick.label) }
                        }
                    }
                    @for (index, row) in chart.rows.iter().enumerate() {
                        @let top = index as f64 * chart.row_height;
                        @let middle = top + chart.row_height / 2.0;
                        g.lane {
                            rect.lane-band x="0" y=(coordinate(top)) width=(coordinate(chart.width)) height=(coordinate(chart.row_height)) {}
                            a href=(row.actor.href) {
                                text.lane-label x="6" y=(coordinate(middle + 4.0)) {
                                    (row.actor.label) " (" (row.count) ")"
                                }
                            }
                            line.lane-rule x1=(coordinate(chart.plot_left)) x2=(coordinate(chart.plot_right)) y1=(coordinate(middle)) y2=(coordinate(middle)) {}
                            @for mark in &row.marks {
                                @let class = if mark.approximate { format!("mark kind-{} approximate", mark.kind) } else { format!("mark kind-{}", mark.kind) };
                                a href=(mark.href) class=(class) {
                                    title { (mark.title) }
                                    @if mark.width > 0.0 {
                                        rect.range x=(coordinate(mark.x)) y=(coordinate(middle - 4.0)) width=(coordinate(mark.width)) height="8" rx="3" {}
                                    } @else {
                                        circle.point cx=(coordinate(mark.x)) cy=(coordinate(middle)) r="5" {}
                                    }
                                }
                            }
                        }
                    }
                    line.axis x1=(coordinate(chart.plot_left)) x2=(coordinate(chart.plot_right)) y1=(coordinate(axis_y)) y2=(coordinate(axis_y)) {}
                }
            }
            figcaption {
                (chart.span_label)
                @let hidden: u64 = chart.rows.iter().map(|r| r.hidden).sum();
                @if hidden > 0 {
                    " · " (hidden) " more claims are too dense to draw one by one; the lanes show the first of each day."
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_text_is_escaped_before_it_is_marked() {
        let runs = vec![
            MarkedView {
                text: "<b>".to_string(),
                matched: false,
            },
            MarkedView {
                text: "troops<".to_string(),
                matched: true,
            },
        ];
        assert_eq!(
            marked(&runs).into_string(),
            "&lt;b&gt;<mark>troops&lt;</mark>"
        );
    }

    #[test]
    fn coordinates_are_short_and_stable() {
        assert_eq!(coordinate(12.0), "12");
        assert_eq!(coordinate(12.345_678), "12.3");
        assert_eq!(coordinate(0.1 + 0.2), "0.3");
    }
}
