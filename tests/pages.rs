//! The HTML pages through `app(state).oneshot(request)` on a fresh database: status, the
//! content a reader looks for, honest dates, links from claims to their highlighted source,
//! escaping of hostile text, and error pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_support;
mod common;

use axum::http::{StatusCode, header};
use common::app::{Auth, TestApp};

/// GETs a page anonymously: status, headers and body.
async fn get_page(app: &TestApp, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.get(uri, Auth::Anonymous).await;
    let text = response.text();
    (response.status, response.headers, text)
}

fn assert_html(headers: &axum::http::HeaderMap) {
    let content_type = headers[header::CONTENT_TYPE].to_str().unwrap();
    assert!(content_type.starts_with("text/html"), "{content_type}");
}

/// The whole `<article>` that contains `needle`.
fn article_containing<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in page"));
    let from = html[..at].rfind("<article").unwrap();
    let to = at + html[at..].find("</article>").unwrap();
    &html[from..to]
}

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in page"))
        + start.len();
    let to = html[from..].find(end).map_or(html.len(), |i| from + i);
    &html[from..to]
}

async fn the_home_page_lists_situations(app: &TestApp) {
    let (status, headers, html) = get_page(app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_html(&headers);
    assert!(html.contains("No situations yet"), "{html}");

    api_support::load_fixture(&app.database.db).await;
    let (status, _, html) = get_page(app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(r#"href="/situations/{}""#, api_support::SLUG)));
    // The title's ampersand is escaped.
    assert!(
        html.contains("Ruritania &amp; Borduria, March 2031"),
        "{html}"
    );
    assert!(html.contains("5 claims · 1 source · 2 actors"), "{html}");
}
both_apps!(home_page, the_home_page_lists_situations);

async fn the_situation_page_lists_claims_by_day_with_honest_dates(app: &TestApp) {
    let source_id = api_support::load_fixture(&app.database.db).await;
    let (status, headers, html) =
        get_page(app, &format!("/situations/{}/claims", api_support::SLUG)).await;
    assert_eq!(status, StatusCode::OK);
    assert_html(&headers);
    assert!(html.contains(r#"aria-current="page""#));

    // Groups in chronological order of their earliest bound (the month begins before its
    // first evening), the month under its own heading, undated last.
    let headings = [
        "March 2031",
        "Saturday 1 March 2031",
        "Sunday 2 March 2031",
        "about 5–12 Mar 2031",
        "Undated",
    ];
    let mut last = 0;
    for heading in headings {
        let at = html
            .find(&format!(">{heading}</"))
            .unwrap_or_else(|| panic!("heading {heading:?} missing:\n{html}"));
        assert!(at > last, "{heading:?} out of order");
        last = at;
    }
    assert!(!html.contains("1 March 2031, 00:00") && !html.contains("1 Mar 2031, 00:00"));

    // The evening keeps its part of the day, the approximate week its words.
    assert!(html.contains("1 Mar 2031, evening"), "{html}");
    assert!(html.contains("in about a week"));

    // A statement shows its speaker and links to its sentence in the source.
    let statement = article_containing(&html, "Foreign Minister Anna Vesk said");
    assert!(statement.contains("Said by"), "{statement}");
    assert!(statement.contains("Anna Vesk"));
    assert!(statement.contains(&format!("/sources/{source_id}?claim=")));
    assert!(statement.contains("tag kind-statement"));
    assert!(
        statement.contains("3 Mar 2031"),
        "reported date: {statement}"
    );
}
both_apps!(
    situation_page,
    the_situation_page_lists_claims_by_day_with_honest_dates
);

async fn hostile_text_comes_out_escaped(app: &TestApp) {
    let source_id = api_support::load_fixture(&app.database.db).await;
    let escaped = "Posters reading &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; \
                   &amp; &lt;b&gt;more&lt;/b&gt; appeared.";
    for uri in [
        format!("/situations/{}/claims", api_support::SLUG),
        format!("/situations/{}", api_support::SLUG),
        format!("/sources/{source_id}"),
    ] {
        let (status, _, html) = get_page(app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!html.contains("<script"), "{uri} lets a script tag through");
        assert!(!html.contains("<b>more"), "{uri} lets markup through");
        assert!(html.contains(escaped), "{uri} lost the sentence:\n{html}");
    }
    // The publisher's markup is text too, and a javascript: URL is never a link.
    let (_, _, html) = get_page(app, &format!("/sources/{source_id}")).await;
    assert!(html.contains("The &lt;i&gt;Riverside&lt;/i&gt; Desk"));
    assert!(!html.contains("javascript:"), "{html}");
}
both_apps!(escaping, hostile_text_comes_out_escaped);

/// The text of an HTML fragment, its tags taken out.
fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

async fn the_source_page_highlights_the_claim_asked_for(app: &TestApp) {
    let source_id = api_support::load_fixture(&app.database.db).await;
    let (_, _, list) = get_page(app, &format!("/situations/{}/claims", api_support::SLUG)).await;
    let statement = article_containing(&list, "Foreign Minister Anna Vesk said");
    let href = between(statement, "href=\"/sources/", "\"");
    let claim_id: i64 = between(href, "claim=", "#").parse().unwrap();
    assert!(href.ends_with(&format!("#c{claim_id}")), "{href}");

    let (status, headers, html) =
        get_page(app, &format!("/sources/{source_id}?claim={claim_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_html(&headers);
    let marked = between(
        &html,
        &format!(r#"<mark class="claim-span selected" id="c{claim_id}">"#),
        "</mark>",
    );
    // Inside the highlight, the speaker links to its actor page and the date is marked.
    assert!(
        marked.contains(r#"href="/actors/"#) && marked.contains("mention-date"),
        "{marked}"
    );
    assert_eq!(
        without_tags(marked),
        "Foreign Minister Anna Vesk said on March 2 that the border would reopen."
    );
    assert!(html.contains("Highlighted below"));
    // The breadcrumb leads back to the situation the source is filed under.
    assert!(
        html.contains(&format!(
            r#"<p class="breadcrumb"><a href="/situations/{}">Ruritania &amp; Borduria, March 2031</a>"#,
            api_support::SLUG
        )),
        "{html}"
    );
    // Every other claim is a fragment target, so #cID works without the query too.
    assert_eq!(
        html.matches(r#"class="claim-span" id="c"#).count(),
        4,
        "{html}"
    );

    let (status, _, _) = get_page(app, &format!("/sources/{source_id}")).await;
    assert_eq!(status, StatusCode::OK);
}
both_apps!(source_page, the_source_page_highlights_the_claim_asked_for);

async fn errors_are_html_pages(app: &TestApp) {
    let source_id = api_support::load_fixture(&app.database.db).await;
    let cases = [
        (
            "/situations/atlantis".to_string(),
            StatusCode::NOT_FOUND,
            "atlantis",
        ),
        (
            "/sources/424242".to_string(),
            StatusCode::NOT_FOUND,
            "424242",
        ),
        (
            "/sources/first".to_string(),
            StatusCode::BAD_REQUEST,
            "Bad Request",
        ),
        (
            format!("/sources/{source_id}?claim=999999"),
            StatusCode::NOT_FOUND,
            "999999",
        ),
        (
            format!("/situations/{}?cursor=zzz", api_support::SLUG),
            StatusCode::BAD_REQUEST,
            "cursor",
        ),
        (
            "/no/such/page".to_string(),
            StatusCode::NOT_FOUND,
            "/no/such/page",
        ),
    ];
    for (uri, expected, words) in cases {
        let (status, headers, html) = get_page(app, &uri).await;
        assert_eq!(status, expected, "{uri}");
        assert_html(&headers);
        assert!(html.contains(words), "{uri}: {html}");
        assert!(html.contains("Back to the situations"));
    }
}
both_apps!(error_pages, errors_are_html_pages);

async fn the_stylesheet_is_served_and_cacheable(app: &TestApp) {
    let (_, _, home) = get_page(app, "/").await;
    let href = between(&home, r#"<link rel="stylesheet" href=""#, "\"");
    assert!(href.starts_with("/assets/sitrep.css?v="), "{href}");
    let (status, headers, css) = get_page(app, href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(css.contains("prefers-color-scheme: dark"));
    assert!(
        !css.contains("@import") && !css.contains("url("),
        "nothing is fetched from elsewhere"
    );
}
both_apps!(stylesheet, the_stylesheet_is_served_and_cacheable);

async fn long_lists_are_paged_with_links(app: &TestApp) {
    api_support::load_many(&app.database.db, "chronicle", 230).await;
    let (status, _, first) = get_page(app, "/situations/chronicle/claims").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first.matches("<article class=\"claim\"").count(), 200);
    assert!(first.contains("Event number 0 took place."));
    assert!(!first.contains("Event number 200 took place."));
    assert!(!first.contains("First claims"));
    let next = between(&first, r#"<a rel="next" href=""#, "\"").replace("&amp;", "&");
    assert!(
        next.starts_with("/situations/chronicle/claims?cursor="),
        "{next}"
    );

    let (status, _, second) = get_page(app, &next).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second.matches("<article class=\"claim\"").count(), 30);
    assert!(second.contains("Event number 229 took place."));
    assert!(second.contains(r#"<a href="/situations/chronicle/claims">First claims</a>"#));
    assert!(!second.contains(r#"rel="next""#));
    // Day 40 (claims 200-204) starts the second page; its heading is there.
    assert!(second.contains("Friday 10 February 2040"), "{second}");
}
both_apps!(paging, long_lists_are_paged_with_links);
