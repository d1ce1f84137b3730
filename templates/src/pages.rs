//! Whole pages, each a function from its view model to a document.

use crate::components::{claim_card, csrf_field, source_text};
use crate::layout::{base, situation_frame};
use crate::view::{
    AccountView, ClaimListView, ErrorView, LoginView, PageContext, SituationFormView,
    SituationListView, SourceView,
};
use maud::{Markup, html};

/// `GET /`: every situation with its counts, and for analysts the form for a new one.
pub fn situations_page(context: &PageContext, view: &SituationListView) -> Markup {
    let body = html! {
        h1 { "Situations" }
        @if view.situations.is_empty() {
            p.empty {
                "No situations yet. Import an article with "
                code { "sitrep import FILE --situation SLUG" }
                "."
            }
        } @else {
            ul.cards {
                @for situation in &view.situations {
                    li.card {
                        h2 { a href=(situation.link.href) { (situation.link.label) } }
                        @if let Some(summary) = &situation.summary {
                            p { (summary) }
                        }
                        p.counts {
                            (count(situation.claims, "claim", "claims")) " · "
                            (count(situation.sources, "source", "sources")) " · "
                            (count(situation.actors, "actor", "actors"))
                            @if let Some(updated) = &situation.updated {
                                " · updated " (updated)
                            }
                        }
                    }
                }
            }
        }
        @if let Some(form) = &view.create {
            (situation_form(context, form))
        }
    };
    base(context, "Situations", body)
}

/// The form that creates a situation.
fn situation_form(context: &PageContext, form: &SituationFormView) -> Markup {
    html! {
        section.panel aria-labelledby="new-situation" {
            h2 #new-situation { "New situation" }
            @if let Some(error) = &form.error {
                p.form-error role="alert" { (error) }
            }
            form.stacked method="post" action="/situations" {
                (csrf_field(&context.csrf_token))
                label for="situation-title" { "Title" }
                input #situation-title type="text" name="title" required maxlength="200" value=(form.title);
                label for="situation-slug" { "Short name for links" }
                input #situation-slug type="text" name="slug" required maxlength="100"
                    pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="slug-help" value=(form.slug);
                p.help #slug-help { "Lowercase letters, digits and single hyphens, like kazakhstan-2022." }
                label for="situation-summary" { "Summary" }
                textarea #situation-summary name="summary" rows="3" maxlength="2000" { (form.summary) }
                button type="submit" { "Create situation" }
            }
        }
    }
}

/// `GET /login`: the sign-in form.
pub fn login_page(context: &PageContext, view: &LoginView) -> Markup {
    let body = html! {
        section.panel.narrow aria-labelledby="sign-in" {
            h1 #sign-in { "Sign in" }
            @if let Some(error) = &view.error {
                p.form-error role="alert" { (error) }
            }
            form.stacked method="post" action="/login" {
                (csrf_field(&context.csrf_token))
                input type="hidden" name="next" value=(view.next);
                label for="login-name" { "Account name" }
                input #login-name type="text" name="name" required autocomplete="username" value=(view.name);
                label for="login-password" { "Password" }
                input #login-password type="password" name="password" required autocomplete="current-password";
                button type="submit" { "Sign in" }
            }
            p.help { "Accounts are made by an operator with " code { "sitrep user add" } "." }
        }
    };
    base(context, "Sign in", body)
}

/// `GET /account`: the signed-in account and its API tokens.
pub fn account_page(context: &PageContext, view: &AccountView) -> Markup {
    let body = html! {
        h1 { "Account" }
        p { "Signed in as " strong { (view.name) } " (" (view.role) ")." }
        section.panel aria-labelledby="tokens" {
            h2 #tokens { "API tokens" }
            p.help {
                "A token lets a script use the API as you: send it as "
                code { "Authorization: Bearer TOKEN" } "."
            }
            @if let Some(token) = &view.new_token {
                div.new-token role="status" {
                    p { "Your new token, shown this once; copy it now:" }
                    pre { code { (token) } }
                }
            }
            @if view.tokens.is_empty() {
                p.empty { "No tokens yet." }
            } @else {
                table.tokens {
                    thead { tr { th scope="col" { "Label" } th scope="col" { "Created" } th scope="col" { "Last used" } th scope="col" { "State" } } }
                    tbody {
                        @for token in &view.tokens {
                            tr {
                                td { (token.label) }
                                td { (token.created) }
                                td { (token.last_used.as_deref().unwrap_or("never")) }
                                td {
                                    @if let Some(revoked) = &token.revoked {
                                        "revoked " (revoked)
                                    } @else {
                                        form.inline method="post" action=(format!("/account/tokens/{}/revoke", token.id)) {
                                            (csrf_field(&context.csrf_token))
                                            button type="submit" { "Revoke" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form.stacked method="post" action="/account/tokens" {
                (csrf_field(&context.csrf_token))
                label for="token-label" { "Label for a new token" }
                input #token-label type="text" name="label" maxlength="100" placeholder="import script";
                button type="submit" { "Create token" }
            }
        }
    };
    base(context, "Account", body)
}

fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `GET /situations/{slug}`: the situation's claims in chronological order, grouped by the day
/// (or coarser period) they are filed under, undated claims last.
pub fn claims_page(context: &PageContext, view: &ClaimListView) -> Markup {
    let body = html! {
        @if view.groups.is_empty() {
            p.empty { "No claims in this situation yet." }
        }
        @for group in &view.groups {
            section.day aria-labelledby=(group_id(group.datetime.as_deref(), &group.heading)) {
                h2 id=(group_id(group.datetime.as_deref(), &group.heading)) {
                    @if let Some(datetime) = &group.datetime {
                        time datetime=(datetime) { (group.heading) }
                    } @else {
                        (group.heading)
                    }
                }
                ol.claims {
                    @for claim in &group.claims { li { (claim_card(claim)) } }
                }
            }
        }
        @if view.next_page.is_some() || view.first_page.is_some() {
            nav.pager aria-label="Pages of claims" {
                @if let Some(first) = &view.first_page {
                    a href=(first.href) { (first.label) }
                }
                @if let Some(next) = &view.next_page {
                    a rel="next" href=(next.href) { (next.label) }
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

/// A stable element id for a group heading.
fn group_id(datetime: Option<&str>, heading: &str) -> String {
    let key = datetime.unwrap_or(heading);
    let slug: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("on-{slug}")
}

/// `GET /sources/{id}`: a source's metadata and verbatim text with claim spans marked.
pub fn source_page(context: &PageContext, view: &SourceView) -> Markup {
    let body = html! {
        article.source {
            header {
                @if let Some(situation) = &view.situation {
                    p.breadcrumb { a href=(situation.href) { (situation.label) } }
                }
                h1 { (view.title) }
                dl.source-facts {
                    @if let Some(publisher) = &view.publisher { div { dt { "Publisher" } dd { (publisher) } } }
                    @if let Some(author) = &view.author { div { dt { "Author" } dd { (author) } } }
                    @if let Some(published) = &view.published { div { dt { "Published" } dd { (published) } } }
                    @if let Some(url) = &view.url {
                        div { dt { "Original" } dd { a href=(url) rel="noopener noreferrer nofollow" { (url) } } }
                    }
                    div { dt { "Recorded" } dd { (view.recorded) } }
                }
            }
            @if let Some(selected) = &view.selected_claim {
                aside.selected-claim aria-label="Selected claim" {
                    p { "Highlighted below: " q { (selected) } }
                }
            }
            ul.source-legend aria-label="What the marks mean" {
                li { span.claim-span { "claims" } }
                li { span.mention.mention-actor { "actors" } }
                li { span.mention.mention-date { "dates" } }
            }
            div.source-text { (source_text(&view.pieces)) }
        }
    };
    base(context, &view.title, body)
}

/// A page for an error status, saying what went wrong without any internal detail.
pub fn error_page(view: &ErrorView) -> Markup {
    let body = html! {
        section.error {
            p.status { (view.status) }
            h1 { (view.title) }
            p { (view.message) }
            p { a href="/" { "Back to the situations" } }
        }
    };
    base(&PageContext::default(), &view.title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{LinkView, SituationCardView, TextPiece};

    #[test]
    fn the_situation_list_links_each_situation_and_counts_its_content() {
        let view = SituationListView {
            situations: vec![SituationCardView {
                link: LinkView {
                    label: "Ruritania <2031>".to_string(),
                    href: "/situations/ruritania".to_string(),
                },
                summary: Some("A border dispute.".to_string()),
                claims: 1,
                sources: 2,
                actors: 3,
                updated: None,
            }],
            create: None,
        };
        let html = situations_page(&PageContext::default(), &view).into_string();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\">"),
            "{html}"
        );
        assert!(html.contains(r#"<a href="/situations/ruritania">Ruritania &lt;2031&gt;</a>"#));
        assert!(html.contains("1 claim · 2 sources · 3 actors"));
        assert!(html.contains(r#"id="main""#) && html.contains("<main "));
    }

    #[test]
    fn an_empty_home_page_says_how_to_start() {
        let html = situations_page(
            &PageContext::default(),
            &SituationListView {
                situations: vec![],
                create: None,
            },
        )
        .into_string();
        assert!(html.contains("No situations yet"));
    }

    #[test]
    fn a_source_url_and_text_are_escaped() {
        let view = SourceView {
            title: "T".to_string(),
            publisher: None,
            author: None,
            published: None,
            url: Some("https://example.org/?a=1&b=\"2\"".to_string()),
            recorded: "1 Feb 2022".to_string(),
            situation: None,
            selected_claim: None,
            pieces: vec![TextPiece::Plain("x < y".to_string())],
        };
        let html = source_page(&PageContext::default(), &view).into_string();
        assert!(
            html.contains(r#"href="https://example.org/?a=1&amp;b=&quot;2&quot;""#),
            "{html}"
        );
        assert!(html.contains("x &lt; y"));
    }

    #[test]
    fn group_ids_are_stable_and_safe() {
        assert_eq!(group_id(Some("2022-01-12"), "x"), "on-2022-01-12");
        assert_eq!(group_id(None, "Undated"), "on-undated");
    }
}
