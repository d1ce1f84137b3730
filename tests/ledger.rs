//! The predictions ledger over HTTP, on SQLite and PostgreSQL: the seeded demo's forecasts
//! with their numbers and resolutions, the forecaster's scores equal to hand computation,
//! resolving through the API and the page forms, refusal of readers and anonymous callers on
//! every write route, evidence from another situation refused, re-resolution recomputing the
//! score, an outcome before the forecast annulled, proposition versions, and the CSV export.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::app::{Auth, TestApp};
use serde_json::{Value, json};
use sitrep::app::import::{ImportArticle, import_article};
use sitrep::app::seed::seed_demo;

const DEMO: &str = "kazakhstan-2022";

async fn demo(app: &TestApp) -> Vec<Value> {
    seed_demo(app.db()).await.unwrap();
    let list = app
        .get(
            &format!("/api/v1/situations/{DEMO}/predictions"),
            Auth::Anonymous,
        )
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text());
    list.json()["predictions"].as_array().unwrap().clone()
}

fn find<'a>(predictions: &'a [Value], words: &str) -> &'a Value {
    predictions
        .iter()
        .find(|p| p["quote"]["text"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("no prediction says {words:?}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

async fn demo_out_of_the_box(app: &TestApp) {
    let predictions = demo(app).await;
    let troops = find(&predictions, "keep adding troops");
    let clashes = find(&predictions, "soldiers clashed");
    let stay = find(&predictions, "A stay that short");
    assert_eq!(troops["probability_label"], "about 40% (25-50)");
    assert_eq!(troops["hedge"], "might");
    assert_eq!(clashes["probability_label"], "about 40% (25-60)");
    assert_eq!(stay["probability_label"], "about 20% (10-25)");
    for p in [troops, clashes, stay] {
        assert_eq!(p["status"], "resolved", "{p}");
        assert_eq!(p["resolution"]["outcome"], "no");
        assert!(!p["resolution"]["evidence"].as_array().unwrap().is_empty());
        assert_eq!(p["probability_origin"], "lexicon");
        assert_eq!(p["lexicon_version"], "capphrase-v2");
    }
    // The author's own forecasts belong to the source's publisher, an actor of its own.
    assert_eq!(troops["forecaster"]["name"], "Sitrep Demo Desk");
    assert_eq!(troops["forecaster"], stay["forecaster"]);

    let desk = troops["forecaster"]["id"].as_i64().unwrap();
    let record = app
        .get(&format!("/api/v1/forecasters/{desk}"), Auth::Anonymous)
        .await
        .json();
    // By hand: (0.4-0)^2 + (0.4-0)^2 + (0.2-0)^2 = 0.36; / 3 = 0.12.
    assert_eq!(record["scored"], 3);
    assert!(close(record["mean_brier"]["mean"].as_f64().unwrap(), 0.12));
    // 1.96 * sd / sqrt(3) with sd = sqrt(0.0048): 0.0784 either side.
    assert!(close(record["mean_brier"]["low"].as_f64().unwrap(), 0.0416));
    assert!(close(
        record["mean_log_score"].as_f64().unwrap(),
        (2.0 * 0.6f64.ln() + 0.8f64.ln()) / 3.0
    ));
    assert!(close(record["skill_vs_coin_flip"].as_f64().unwrap(), 0.52));
    assert_eq!(record["sample"], "too_few");
    let bins = record["reliability"].as_array().unwrap();
    assert_eq!(bins.len(), 10);
    assert_eq!(bins[2]["count"], 1);
    assert_eq!(bins[4]["count"], 2);
    assert_eq!(bins[4]["happened"], 0);
    let hedges = record["hedge_words"].as_array().unwrap();
    let might = hedges.iter().find(|h| h["hedge"] == "might").unwrap();
    assert_eq!(
        might["sentence"],
        "when this source writes 'might', it happened 0 of 1 time"
    );

    // The pages show the same.
    let page = app
        .get(&format!("/situations/{DEMO}/predictions"), Auth::Anonymous)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("might, about 40% (25-50)"), "{html}");
    assert!(html.contains("<mark class=\"hedge\">might</mark>"));
    let situation = app
        .get(&format!("/situations/{DEMO}"), Auth::Anonymous)
        .await
        .text();
    assert!(situation.contains(&format!("href=\"/situations/{DEMO}/predictions\"")));
    let track = app
        .get(&format!("/forecasters/{desk}"), Auth::Anonymous)
        .await
        .text();
    assert!(track.contains("0.120"), "{track}");
    assert!(track.contains("Reliability diagram"));
    assert!(track.contains("too few to rank"));
    assert!(
        track.contains("when this source writes &#39;might&#39;, it happened 0 of 1 time")
            || track.contains("when this source writes 'might', it happened 0 of 1 time")
    );
    let one = app
        .get(
            &format!("/predictions/{}", troops["id"].as_i64().unwrap()),
            Auth::Anonymous,
        )
        .await
        .text();
    assert!(one.contains("<svg"), "the evidence axis");
    assert!(one.contains("Resolutions"));
}
both_apps!(
    demo_forecasts_are_listed_resolved_and_scored,
    demo_out_of_the_box
);

async fn writes_refused(app: &TestApp) {
    let predictions = demo(app).await;
    let id = find(&predictions, "keep adding troops")["id"]
        .as_i64()
        .unwrap();
    let claim = find(&predictions, "keep adding troops")["quote"]["claim_id"]
        .as_i64()
        .unwrap();
    let resolution = json!({"outcome": "yes", "rationale": "because"});
    let patch = json!({"version": 1, "reason": "because", "status": "withdrawn"});
    let manual = json!({"proposition": "x", "reason": "because"});
    let api: [(Method, String, &Value); 3] = [
        (
            Method::POST,
            format!("/api/v1/predictions/{id}/resolutions"),
            &resolution,
        ),
        (Method::PATCH, format!("/api/v1/predictions/{id}"), &patch),
        (
            Method::POST,
            format!("/api/v1/claims/{claim}/predictions"),
            &manual,
        ),
    ];
    for (method, uri, body) in &api {
        let anonymous = app
            .send_json(method.clone(), uri, body, Auth::Anonymous)
            .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(anonymous.json()["error"], "unauthorized");
        let reader = app
            .send_json(method.clone(), uri, body, Auth::Bearer(&app.reader.token))
            .await;
        assert_eq!(reader.status, StatusCode::FORBIDDEN, "{uri}");
    }
    let forms: [(String, Vec<(&str, &str)>); 4] = [
        (
            format!("/predictions/{id}/resolutions"),
            vec![("outcome", "yes"), ("rationale", "because")],
        ),
        (
            format!("/predictions/{id}/evidence"),
            vec![("claim_id", "1"), ("verdict", "supports")],
        ),
        (
            format!("/predictions/{id}/edit"),
            vec![("version", "2"), ("status", "withdrawn"), ("reason", "r")],
        ),
        (
            format!("/situations/{DEMO}/predictions/manual"),
            vec![("claim_id", "1"), ("proposition", "p"), ("reason", "r")],
        ),
    ];
    let mut anonymous = app.browser().await;
    let mut reader = app.signed_in(&app.reader).await;
    for (uri, fields) in &forms {
        let response = anonymous.post_form(uri, fields).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{uri}");
        let response = reader.post_form(uri, fields).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{uri}");
    }
    // Nothing changed.
    let after = app
        .get(&format!("/api/v1/predictions/{id}"), Auth::Anonymous)
        .await
        .json();
    assert_eq!(after["resolutions"].as_array().unwrap().len(), 1);
    assert_eq!(after["prediction"]["status"], "resolved");
}
both_apps!(
    every_write_route_refuses_readers_and_anonymous,
    writes_refused
);

async fn resolution_workflow(app: &TestApp) {
    let predictions = demo(app).await;
    let troops = find(&predictions, "keep adding troops");
    let id = troops["id"].as_i64().unwrap();
    let analyst = Auth::Bearer(&app.analyst.token);

    // Evidence from another situation is refused with a clear 422.
    import_article(
        app.db(),
        ImportArticle {
            situation: "elsewhere",
            create_title: Some("Elsewhere"),
            file_name: None,
            text: "Freedonia closed its border on March 3, 2023.",
            published: None,
            accept: true,
        },
    )
    .await
    .unwrap();
    let elsewhere = app
        .get("/api/v1/situations/elsewhere/claims", Auth::Anonymous)
        .await
        .json();
    let foreign = elsewhere["claims"][0]["id"].as_i64().unwrap();
    let refused = app
        .post_json(
            &format!("/api/v1/predictions/{id}/resolutions"),
            &json!({"outcome": "yes", "rationale": "wrong evidence", "evidence": [foreign]}),
            analyst,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = refused.json()["message"].as_str().unwrap().to_string();
    assert!(message.contains("another situation"), "{message}");

    // Re-resolution supersedes, keeps the history and recomputes the score.
    let own = troops["resolution"]["evidence"][0].as_i64().unwrap();
    let again = app
        .post_json(
            &format!("/api/v1/predictions/{id}/resolutions"),
            &json!({"outcome": "yes", "occurred_on": "2022-01-20", "rationale": "re-read", "evidence": [own]}),
            analyst,
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(again.json()["outcome"], "yes");
    let detail = app
        .get(&format!("/api/v1/predictions/{id}"), Auth::Anonymous)
        .await
        .json();
    assert_eq!(detail["resolutions"].as_array().unwrap().len(), 2);
    assert_eq!(detail["resolutions"][0]["outcome"], "no");
    // (0.4 - 1)^2 = 0.36 now, not 0.16.
    assert!(close(
        detail["prediction"]["score"]["brier"].as_f64().unwrap(),
        0.36
    ));
    let desk = troops["forecaster"]["id"].as_i64().unwrap();
    let record = app
        .get(&format!("/api/v1/forecasters/{desk}"), Auth::Anonymous)
        .await
        .json();
    // (0.36 + 0.16 + 0.04) / 3
    assert!(close(
        record["mean_brier"]["mean"].as_f64().unwrap(),
        0.56 / 3.0
    ));

    // An outcome before the forecast was made is annulled and not scored.
    let annulled = app
        .post_json(
            &format!("/api/v1/predictions/{id}/resolutions"),
            &json!({"outcome": "yes", "occurred_on": "2022-01-02", "rationale": "it had already happened"}),
            analyst,
        )
        .await;
    assert_eq!(annulled.status, StatusCode::CREATED);
    assert_eq!(annulled.json()["outcome"], "annulled");
    let detail = app
        .get(&format!("/api/v1/predictions/{id}"), Auth::Anonymous)
        .await
        .json();
    assert_eq!(detail["prediction"]["score"], Value::Null);
    let record = app
        .get(&format!("/api/v1/forecasters/{desk}"), Auth::Anonymous)
        .await
        .json();
    assert_eq!(record["scored"], 2);

    // A rationale is required.
    let blank = app
        .post_json(
            &format!("/api/v1/predictions/{id}/resolutions"),
            &json!({"outcome": "no", "rationale": "  "}),
            analyst,
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Every resolution left its revision, naming the one it superseded.
    let detail = app
        .get(&format!("/api/v1/predictions/{id}"), Auth::Anonymous)
        .await
        .json();
    for (i, r) in detail["resolutions"].as_array().unwrap().iter().enumerate() {
        let revisions = sitrep::storage::revisions_of(
            app.db(),
            sitrep::domain::RevisedEntity::Resolution,
            r["id"].as_i64().unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(revisions.len(), 1);
        let after = revisions[0].after.as_ref().unwrap();
        assert_eq!(after["supersedes"].is_null(), i == 0, "{after}");
    }
}
both_apps!(
    resolving_supersedes_recomputes_and_refuses_foreign_evidence,
    resolution_workflow
);

async fn forms_and_versions(app: &TestApp) {
    let predictions = demo(app).await;
    let stay = find(&predictions, "A stay that short");
    let id = stay["id"].as_i64().unwrap();
    let version = stay["version"].as_i64().unwrap().to_string();
    let mut browser = app.signed_in(&app.analyst).await;

    // A new wording is a new version; the resolution in force still names version 1.
    let edited = browser
        .post_form(
            &format!("/predictions/{id}/edit"),
            &[
                ("version", &version),
                (
                    "proposition",
                    "The CSTO force leaves Kazakhstan within a week of its deployment",
                ),
                ("point", "25"),
                ("low", "10"),
                ("high", "30"),
                ("reason", "testable wording"),
            ],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.text());
    let detail = app
        .get(&format!("/api/v1/predictions/{id}"), Auth::Anonymous)
        .await
        .json();
    let versions = detail["propositions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["text"], "A stay that short");
    assert_eq!(detail["prediction"]["probability_origin"], "analyst");
    assert_eq!(detail["prediction"]["resolution"]["proposition_version"], 1);
    let page = browser.get(&format!("/predictions/{id}")).await.text();
    assert!(page.contains("<ins>"), "the diff marks the new words");

    // A stale form is refused.
    let stale = browser
        .post_form(
            &format!("/predictions/{id}/edit"),
            &[
                ("version", &version),
                ("status", "withdrawn"),
                ("reason", "r"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // One click on a suggested claim resolves with it.
    seed_open_prediction(app).await;
    let open = app
        .get(
            &format!("/api/v1/situations/{DEMO}/predictions?status=open"),
            Auth::Bearer(&app.analyst.token),
        )
        .await
        .json();
    let open = open["predictions"].as_array().unwrap();
    assert!(!open.is_empty());
    let open_id = open[0]["id"].as_i64().unwrap();
    let detail = app
        .get(
            &format!("/api/v1/predictions/{open_id}"),
            Auth::Bearer(&app.analyst.token),
        )
        .await
        .json();
    let suggested = detail["suggested_evidence"].as_array().unwrap();
    assert!(!suggested.is_empty(), "{detail}");
    let claim = suggested[0]["claim_id"].as_i64().unwrap().to_string();
    let clicked = browser
        .post_form(
            &format!("/predictions/{open_id}/evidence"),
            &[("claim_id", &claim), ("verdict", "refutes")],
        )
        .await;
    assert_eq!(clicked.status, StatusCode::SEE_OTHER, "{}", clicked.text());
    let detail = app
        .get(
            &format!("/api/v1/predictions/{open_id}"),
            Auth::Bearer(&app.analyst.token),
        )
        .await
        .json();
    assert_eq!(detail["prediction"]["resolution"]["outcome"], "no");
    assert_eq!(
        detail["prediction"]["resolution"]["evidence"][0].to_string(),
        claim
    );

    // CSV: a header, one line per resolution or unresolved prediction, RFC 4180 quoting.
    let csv = app
        .get(
            &format!("/situations/{DEMO}/predictions.csv"),
            Auth::Anonymous,
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type().starts_with("text/csv"));
    let text = csv.text();
    assert!(text.starts_with("prediction_id,status,"));
    assert!(text.contains("\r\n"));
    assert!(text.contains("\"Once calm returns, Russia might keep adding troops"));
}
both_apps!(
    analyst_forms_version_propositions_and_resolve_by_click,
    forms_and_versions
);

/// Enters an open forecast by hand on the claim about the force's size, so a suggestion exists
/// for a prediction not yet resolved.
async fn seed_open_prediction(app: &TestApp) {
    let claims = app
        .get(
            &format!("/api/v1/situations/{DEMO}/claims?limit=200"),
            Auth::Anonymous,
        )
        .await
        .json();
    let claim = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .contains("2,000 troops is mostly Russian")
        })
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let entered = app
        .post_json(
            &format!("/api/v1/claims/{claim}/predictions"),
            &json!({
                "proposition": "The CSTO force in Kazakhstan grows beyond 2,000 troops",
                "probability": {"point": 0.3},
                "due": "2030-01-01",
                "reason": "the note implies more troops may come"
            }),
            Auth::Bearer(&app.analyst.token),
        )
        .await;
    assert_eq!(entered.status, StatusCode::CREATED, "{}", entered.text());
    let body = entered.json();
    assert_eq!(body["prediction"]["status"], "open");
    assert_eq!(body["prediction"]["entered_by_hand"], true);
    assert_eq!(body["prediction"]["probability_origin"], "analyst");
    let again = app
        .post_json(
            &format!("/api/v1/claims/{claim}/predictions"),
            &json!({"proposition": "twice", "reason": "r"}),
            Auth::Bearer(&app.analyst.token),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}
