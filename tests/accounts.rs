//! Accounts in use, through the pages as a browser uses them: signing in and out, the
//! throttle after repeated failures, the account page's tokens, the anti-forgery token on every
//! form, and the home page's form for a new situation (analysts only).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use common::app::{Auth, TestApp};
use serde_json::json;

async fn signing_in_and_out(app: &TestApp) {
    let mut browser = app.browser().await;
    let home = browser.get("/").await;
    assert!(home.text().contains("Sign in"));

    // A wrong password: 401 and the form again, the name kept.
    let wrong = browser
        .post_form(
            "/login",
            &[("name", "ana"), ("password", "nope"), ("next", "/")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let page = wrong.text();
    assert!(page.contains("wrong account name or password"), "{page}");
    assert!(page.contains(r#"value="ana""#));
    assert!(browser.cookie("sitrep_session").is_none());

    // The right one: a session cookie (HttpOnly, SameSite=Lax) and back to where we were.
    let right = browser
        .post_form(
            "/login",
            &[
                ("name", "ana"),
                ("password", "ana's password"),
                ("next", "/situations/none-yet"),
            ],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    assert_eq!(right.location().as_deref(), Some("/situations/none-yet"));
    let set_cookie: Vec<&str> = right
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("sitrep_session="))
        .expect("a session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
    assert!(!session.contains("Secure"), "plain HTTP: {session}");
    let home = browser.get("/").await.text();
    assert!(
        home.contains(">ana<") && home.contains("Sign out"),
        "{home}"
    );

    // Somewhere else than this site is never where sign-in goes.
    let mut other = app.browser().await;
    let offsite = other
        .post_form(
            "/login",
            &[
                ("name", "rhea"),
                ("password", "rhea's password"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(offsite.location().as_deref(), Some("/"));

    // Signing out ends the session on the server, not only in the browser.
    let secret = browser.cookie("sitrep_session").unwrap();
    let out = browser.post_form("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(browser.cookie("sitrep_session").is_none());
    assert_eq!(
        sitrep::app::accounts::session_user(app.db(), &secret)
            .await
            .unwrap(),
        None
    );
}
both_apps!(sign_in_and_out, signing_in_and_out);

async fn repeated_failures_lock_the_account_for_a_while(app: &TestApp) {
    let mut browser = app.browser().await;
    for attempt in 1..=4 {
        let response = browser
            .post_form("/login", &[("name", "rhea"), ("password", "guess")])
            .await;
        assert_eq!(
            response.status,
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let fifth = browser
        .post_form("/login", &[("name", "rhea"), ("password", "guess")])
        .await;
    assert_eq!(fifth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(fifth.headers.contains_key(header::RETRY_AFTER));
    assert!(fifth.text().contains("too many failed sign-ins"));
    // While locked, even the right password is refused.
    let right = browser
        .post_form(
            "/login",
            &[("name", "rhea"), ("password", "rhea's password")],
        )
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    // Another account is not affected.
    let ana = browser
        .post_form("/login", &[("name", "ana"), ("password", "ana's password")])
        .await;
    assert_eq!(ana.status, StatusCode::SEE_OTHER);
}
both_apps!(throttle, repeated_failures_lock_the_account_for_a_while);

async fn the_account_page_makes_and_revokes_tokens(app: &TestApp) {
    let anonymous = app.get("/account", Auth::Anonymous).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let mut browser = app.signed_in(&app.analyst).await;
    let page = browser.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("API tokens"));

    let made = browser
        .post_form("/account/tokens", &[("label", "nightly <import>")])
        .await;
    assert_eq!(made.status, StatusCode::CREATED);
    let html = made.text();
    assert!(
        html.contains("nightly &lt;import&gt;"),
        "labels are escaped"
    );
    let secret = html
        .split("<code>")
        .find_map(|part| part.strip_prefix("sitrep_"))
        .and_then(|rest| rest.split('<').next())
        .map(|hex| format!("sitrep_{hex}"))
        .expect("the new token is shown once");

    let used = app
        .post_json(
            "/api/v1/situations",
            &json!({ "slug": "made-with-a-page-token" }),
            Auth::Bearer(&secret),
        )
        .await;
    assert_eq!(used.status, StatusCode::CREATED);

    let tokens = sitrep::app::accounts::tokens(app.db(), &app.analyst.row.user())
        .await
        .unwrap();
    let token = tokens
        .iter()
        .find(|t| t.label == "nightly <import>")
        .unwrap();
    let revoked = browser
        .post_form(&format!("/account/tokens/{}/revoke", token.id), &[])
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let refused = app
        .post_json(
            "/api/v1/situations",
            &json!({ "slug": "after-revoking" }),
            Auth::Bearer(&secret),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    // Another account's token cannot be revoked from here.
    let mut reader = app.signed_in(&app.reader).await;
    let theirs = sitrep::app::accounts::tokens(app.db(), &app.analyst.row.user())
        .await
        .unwrap()[0]
        .id;
    let response = reader
        .post_form(&format!("/account/tokens/{theirs}/revoke"), &[])
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}
both_apps!(account_tokens, the_account_page_makes_and_revokes_tokens);

/// Every form the site has, with fields that would otherwise be accepted.
const FORMS: &[(&str, &[(&str, &str)])] = &[
    ("/login", &[("name", "ana"), ("password", "ana's password")]),
    ("/logout", &[]),
    ("/situations", &[("slug", "forged"), ("title", "Forged")]),
    ("/account/tokens", &[("label", "forged")]),
];

async fn a_form_without_its_token_is_refused(app: &TestApp) {
    let mut browser = app.signed_in(&app.analyst).await;
    for (path, fields) in FORMS {
        let missing = browser.post_raw_form(path, fields).await;
        assert_eq!(
            missing.status,
            StatusCode::FORBIDDEN,
            "{path} without a token"
        );
        assert!(missing.text().contains("did not come from this site"));
        let mut wrong: Vec<(&str, &str)> = vec![("csrf_token", "0123abcd")];
        wrong.extend_from_slice(fields);
        let forged = browser.post_raw_form(path, &wrong).await;
        assert_eq!(
            forged.status,
            StatusCode::FORBIDDEN,
            "{path} with a wrong token"
        );
    }
    // Nothing was made.
    assert!(
        sitrep::storage::list_situations(app.db())
            .await
            .unwrap()
            .is_empty()
    );
}
both_apps!(csrf, a_form_without_its_token_is_refused);

async fn analysts_create_situations_from_the_home_page(app: &TestApp) {
    // Readers and visitors see no form, and cannot post one.
    let anonymous = app.get("/", Auth::Anonymous).await.text();
    assert!(!anonymous.contains("New situation"));
    let mut reader = app.signed_in(&app.reader).await;
    assert!(!reader.get("/").await.text().contains("New situation"));
    let refused = reader
        .post_form("/situations", &[("slug", "by-a-reader")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut visitor = app.browser().await;
    let refused = visitor
        .post_form("/situations", &[("slug", "by-a-visitor")])
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let mut analyst = app.signed_in(&app.analyst).await;
    assert!(analyst.get("/").await.text().contains("New situation"));
    let made = analyst
        .post_form(
            "/situations",
            &[
                ("slug", "river-dispute"),
                ("title", "River <dispute>"),
                ("summary", "Two towns and a dam."),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    assert_eq!(
        made.location().as_deref(),
        Some("/situations/river-dispute")
    );
    let page = analyst.get("/situations/river-dispute").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("River &lt;dispute&gt;"));

    // A taken or malformed slug shows the form again with the reason.
    let taken = analyst
        .post_form("/situations", &[("slug", "river-dispute")])
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert!(taken.text().contains("already exists"));
    let malformed = analyst
        .post_form("/situations", &[("slug", "River Dispute")])
        .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.text().contains("lowercase letters"));
}
both_apps!(home_form, analysts_create_situations_from_the_home_page);
