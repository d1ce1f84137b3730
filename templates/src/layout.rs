//! The frame every page shares: document head, site header with navigation, main landmark,
//! footer; and the situation frame that every view of one situation (claims now; timeline,
//! graph and predictions later) sits in, with its tabs.

use crate::assets::stylesheet_href;
use crate::components::csrf_field;
use crate::view::{PageContext, SituationHeaderView, TabView};
use maud::{DOCTYPE, Markup, html};

/// A whole HTML document titled `title` around `body`, which goes inside `<main>`; the header
/// shows who is signed in (with a sign-out button) or a sign-in link.
pub fn base(context: &PageContext, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · Sitrep" }
                link rel="stylesheet" href=(stylesheet_href());
                // An empty icon, so browsers do not ask for /favicon.ico.
                link rel="icon" href="data:,";
            }
            body {
                a.skip-link href="#main" { "Skip to content" }
                header.site-header {
                    div.wrap.site-header-inner {
                        a.brand href="/" { "Sitrep" }
                        nav aria-label="Site" {
                            ul.site-nav {
                                li { a href="/" { "Situations" } }
                                li { a href="/search" { "Search" } }
                                li { a href="/api/openapi.json" { "API" } }
                                @if context.is_analyst() {
                                    li { a href="/desk" { "Desk" } }
                                }
                                @match &context.user {
                                    Some(user) => {
                                        li { a href="/account" title=(format!("Signed in as {} ({})", user.name, user.role)) { (user.name) } }
                                        li {
                                            form.inline method="post" action="/logout" {
                                                (csrf_field(&context.csrf_token))
                                                button.link type="submit" { "Sign out" }
                                            }
                                        }
                                    }
                                    None => {
                                        li { a href=(sign_in_href(&context.path)) { "Sign in" } }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main .wrap tabindex="-1" { (body) }
                footer.site-footer {
                    div.wrap {
                        p {
                            "Sitrep keeps every claim with its three clocks: when it happened, "
                            "when it was reported, and when it was recorded here."
                        }
                    }
                }
            }
        }
    }
}

/// The sign-in link that brings the visitor back to `path` afterwards.
fn sign_in_href(path: &str) -> String {
    if path.is_empty() || path == "/" || path.starts_with("/login") {
        "/login".to_string()
    } else {
        let mut href = String::from("/login?next=");
        for byte in path.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
                href.push(char::from(byte));
            } else {
                href.push_str(&format!("%{byte:02X}"));
            }
        }
        href
    }
}

/// The heading of one situation with the tabs between its views, around that view's `body`.
pub fn situation_frame(header: &SituationHeaderView, body: Markup) -> Markup {
    html! {
        header.situation-header {
            p.breadcrumb { a href="/" { "Situations" } }
            h1 { (header.title) }
            @if let Some(summary) = &header.summary {
                p.summary { (summary) }
            }
            @if !header.tabs.is_empty() {
                nav.tabs aria-label="Views of this situation" {
                    ul { @for tab in &header.tabs { li { (tab_link(tab)) } } }
                }
            }
        }
        (body)
    }
}

fn tab_link(tab: &TabView) -> Markup {
    html! {
        @if tab.current {
            a href=(tab.href) aria-current="page" { (tab.label) }
        } @else {
            a href=(tab.href) { (tab.label) }
        }
    }
}
