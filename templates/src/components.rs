//! Small pieces shared by pages: a time with its precision, a claim card, actor chips, the
//! marked-up text of a source.

use crate::view::{ActorChipView, ClaimView, TextPiece, WhenView};
use maud::{Markup, html};

/// A time at its own precision, with the words it came from when they say more than the label.
pub fn when(when: &WhenView) -> Markup {
    let tooltip = match &when.words {
        Some(words) => format!(
            "precision: {}; from the words \u{201c}{words}\u{201d}",
            when.precision
        ),
        None => format!("precision: {}", when.precision),
    };
    html! {
        span.when {
            @if let Some(datetime) = &when.datetime {
                time datetime=(datetime) title=(tooltip) { (when.label) }
            } @else {
                span title=(tooltip) { (when.label) }
            }
            @if let Some(words) = &when.words {
                @if !words.eq_ignore_ascii_case(&when.label) {
                    " " span.words { "\u{201c}" (words) "\u{201d}" }
                }
            }
        }
    }
}

/// The hidden field that carries a form's anti-forgery token.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

/// A short tag such as a claim's kind; `family` and `value` make its CSS class
/// (`tag kind-statement`).
pub fn tag(family: &str, value: &str) -> Markup {
    html! { span class=(format!("tag {family}-{value}")) { (value) } }
}

/// The actors of a claim as a list of chips.
pub fn actor_chips(actors: &[ActorChipView]) -> Markup {
    html! {
        ul.chips {
            @for actor in actors {
                li class=(format!("chip actor-{}", actor.kind)) title=(format!("{}, {}", actor.kind, actor.role)) {
                    (actor.name)
                    @if actor.role != "mentioned" {
                        " " span.role { "(" (actor.role) ")" }
                    }
                }
            }
        }
    }
}

/// One claim: kind and status tags, its time, its verbatim text, who said it, the actors, when
/// it was reported and a link to the highlighted sentence in its source.
pub fn claim_card(claim: &ClaimView) -> Markup {
    html! {
        article.claim id=(claim.anchor) {
            header.claim-meta {
                (tag("kind", &claim.kind))
                @if claim.modality != "asserted" { (tag("modality", &claim.modality)) }
                @if claim.review_state != "accepted" { (tag("review", &claim.review_state)) }
                @if let Some(occurred) = &claim.occurred {
                    (when(occurred))
                }
                a.permalink href=(format!("#{}", claim.anchor)) title="Link to this claim" {
                    span.visually-hidden { "Link to this claim" }
                    span aria-hidden="true" { "#" }
                }
            }
            p.claim-text { (claim.text) }
            dl.claim-facts {
                @if let Some(speaker) = &claim.speaker {
                    div { dt { "Said by" } dd { (speaker) } }
                }
                @if !claim.actors.is_empty() {
                    div { dt { "Actors" } dd { (actor_chips(&claim.actors)) } }
                }
                @if let Some(reported) = &claim.reported {
                    div { dt { "Reported" } dd { (when(reported)) } }
                }
                div { dt { "Source" } dd { a href=(claim.source.href) { (claim.source.label) } } }
            }
        }
    }
}

/// A source's text with its claims' spans marked; `#c42` targets claim 42.
pub fn source_text(pieces: &[TextPiece]) -> Markup {
    html! {
        @for piece in pieces {
            @match piece {
                TextPiece::Plain(text) => (text),
                TextPiece::Claim { anchor, selected, pieces } => {
                    @if *selected {
                        mark.claim-span.selected id=(anchor) { (source_text(pieces)) }
                    } @else {
                        span.claim-span id=(anchor) { (source_text(pieces)) }
                    }
                }
                TextPiece::Anchor(anchor) => span.claim-anchor id=(anchor) {},
                TextPiece::Mention { text, kind, title, href } => {
                    @match href {
                        Some(href) => a class=(format!("mention mention-{kind}")) href=(href) title=(title) { (text) },
                        None => span class=(format!("mention mention-{kind}")) title=(title) { (text) },
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::LinkView;

    fn claim(text: &str) -> ClaimView {
        ClaimView {
            anchor: "c7".to_string(),
            text: text.to_string(),
            kind: "statement".to_string(),
            modality: "reported".to_string(),
            review_state: "draft".to_string(),
            occurred: Some(WhenView {
                label: "12 Jan 2022, evening".to_string(),
                datetime: Some("2022-01-12T18:00:00".to_string()),
                words: Some("on the evening of 12 January".to_string()),
                approximate: false,
                precision: "part of day".to_string(),
            }),
            reported: None,
            speaker: Some("A \"quoted\" <minister>".to_string()),
            actors: vec![ActorChipView {
                name: "Ruritania".to_string(),
                kind: "state".to_string(),
                role: "subject".to_string(),
            }],
            source: LinkView {
                label: "A note".to_string(),
                href: "/sources/3?claim=7#c7".to_string(),
            },
        }
    }

    #[test]
    fn a_claim_card_escapes_everything_it_is_given() {
        let html = claim_card(&claim("He said <script>alert(1)</script> & left")).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; left"));
        assert!(html.contains("A &quot;quoted&quot; &lt;minister&gt;"));
    }

    #[test]
    fn a_claim_card_shows_time_words_tags_and_source_link() {
        let html = claim_card(&claim("The talks ended.")).into_string();
        assert!(
            html.contains(r#"<article class="claim" id="c7">"#),
            "{html}"
        );
        assert!(html.contains(r#"datetime="2022-01-12T18:00:00""#));
        assert!(html.contains("12 Jan 2022, evening"));
        assert!(html.contains("on the evening of 12 January"));
        assert!(html.contains("tag modality-reported"));
        assert!(html.contains("tag review-draft"));
        assert!(html.contains(r#"href="/sources/3?claim=7#c7""#));
    }

    #[test]
    fn nested_claim_spans_render_nested() {
        let pieces = vec![
            TextPiece::Plain("Before. ".to_string()),
            TextPiece::Claim {
                anchor: "c1".to_string(),
                selected: true,
                pieces: vec![
                    TextPiece::Plain("Outer ".to_string()),
                    TextPiece::Claim {
                        anchor: "c2".to_string(),
                        selected: false,
                        pieces: vec![TextPiece::Plain("inner".to_string())],
                    },
                ],
            },
            TextPiece::Anchor("c3".to_string()),
            TextPiece::Plain(" <after>".to_string()),
        ];
        let html = source_text(&pieces).into_string();
        assert_eq!(
            html,
            "Before. <mark class=\"claim-span selected\" id=\"c1\">Outer \
             <span class=\"claim-span\" id=\"c2\">inner</span></mark>\
             <span class=\"claim-anchor\" id=\"c3\"></span> &lt;after&gt;"
        );
    }
}
