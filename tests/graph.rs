//! The actor graph through HTTP on SQLite and PostgreSQL: the demo check (who cooperates on
//! 7 January, the tension of 14 January and the change view naming it, the forecast edge
//! dashed and never part of the change), the edge, ego and export pages, and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_support;
mod common;

use axum::http::StatusCode;
use common::app::{Auth, TestApp};
use serde_json::Value;
use sitrep::app::seed::seed_demo;

const SLUG: &str = "kazakhstan-2022";
/// The seeded demo: its note of 14 January carries Russia's support of 6 January and the
/// Kazakhstan-Russia contradiction.
async fn demo(app: &TestApp) {
    seed_demo(app.db()).await.unwrap();
}

async fn graph_json(app: &TestApp, query: &str) -> Value {
    let response = app
        .get(
            &format!("/api/v1/situations/{SLUG}/graph{query}"),
            Auth::Anonymous,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn page(app: &TestApp, uri: &str) -> String {
    let response = app.get(uri, Auth::Anonymous).await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{uri}: {}",
        response.text()
    );
    assert!(response.content_type().starts_with("text/html"));
    response.text()
}

fn actor_id(body: &Value, name: &str) -> i64 {
    body["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not drawn: {:#}", body["nodes"]))["id"]
        .as_i64()
        .unwrap()
}

/// The edge between two named actors with this polarity and standing.
fn edge<'a>(
    body: &'a Value,
    x: &str,
    y: &str,
    polarity: &str,
    standing: &str,
) -> Option<&'a Value> {
    let (x, y) = (actor_id(body, x), actor_id(body, y));
    body["edges"].as_array().unwrap().iter().find(|e| {
        let pair = (e["a"].as_i64().unwrap(), e["b"].as_i64().unwrap());
        (pair == (x.min(y), x.max(y))) && e["polarity"] == polarity && e["standing"] == standing
    })
}

async fn the_demo_check_holds_on_the_page_and_its_twin(app: &TestApp) {
    demo(app).await;
    let early = graph_json(app, "?as_of=2022-01-07").await;
    let tokayev = "Kassym-Jomart Tokayev";
    let csto = "Collective Security Treaty Organization";
    let cooperation = edge(&early, csto, tokayev, "cooperative", "asserted")
        .expect("the CSTO cooperates with Tokayev on 7 January");
    assert_eq!(cooperation["links"][0]["kind"], "request");
    let russia_support = edge(&early, "Russia", tokayev, "cooperative", "asserted")
        .expect("Russia cooperates with Tokayev on 7 January");
    let support = &russia_support["links"][0];
    assert_eq!(support["kind"], "support");
    assert_eq!(
        support["resolved"][0]["holder"],
        actor_id(&early, tokayev),
        "the title actor is read as Tokayev"
    );
    assert!(edge(&early, "Kazakhstan", "Russia", "hostile", "asserted").is_none());

    let later = graph_json(app, "?as_of=2022-01-15").await;
    let forecast = later["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["standing"] == "forecast" && e["polarity"] == "hostile")
        .expect("the clash forecast is drawn");
    assert_eq!(forecast["weight"], 0.0);
    assert!(forecast["links"][0]["prediction"]["proposition"].is_string());
    let forecast_id = forecast["id"].as_str().unwrap().to_string();

    let html = page(app, &format!("/situations/{SLUG}/graph?as_of=2022-01-15")).await;
    let href = format!("/situations/{SLUG}/graph/edges/{forecast_id}");
    let at = html
        .find(&format!("<a href=\"{href}\">"))
        .expect("the forecast edge is a link");
    let drawn = &html[at..at + html[at..].find("</a>").unwrap()];
    assert!(
        drawn.contains("standing-forecast") && drawn.contains("stroke-dasharray"),
        "{drawn}"
    );
    assert!(html.contains("Forecast edges"));

    let tension = edge(&later, "Kazakhstan", "Russia", "hostile", "asserted")
        .expect("the tension of 14 January is there on the 15th");
    assert_eq!(tension["links"][0]["start"], "2022-01-14");
    assert_eq!(
        tension["links"][0]["start_basis"], "claim_reported",
        "undated: dated by its report"
    );
    assert!(
        tension["links"][0]["claim"]["text"]
            .as_str()
            .unwrap()
            .contains("contradiction")
    );
    // Positions hold across days.
    let place = |body: &Value, name: &str| {
        let id = actor_id(body, name);
        let node = body["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone();
        (node["x"].clone(), node["y"].clone())
    };
    assert_eq!(place(&early, "Russia"), place(&later, "Russia"));

    let change = graph_json(app, "?from=2022-01-07&to=2022-01-15").await;
    let appeared = change["change"]["appeared"].as_array().unwrap();
    let tension_id = tension["id"].as_str().unwrap();
    assert!(
        appeared.iter().any(|e| e["id"] == tension_id),
        "{appeared:#?}"
    );
    let hostile_changes: Vec<&Value> = ["appeared", "ended"]
        .iter()
        .flat_map(|k| change["change"][*k].as_array().unwrap())
        .filter(|e| e["polarity"] == "hostile")
        .collect();
    assert!(hostile_changes.iter().all(|e| e["standing"] != "forecast"));
    assert!(
        hostile_changes
            .iter()
            .all(|e| e["id"] != forecast_id.as_str())
    );
    let ranked: Vec<&str> = change["change"]["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        ranked.contains(&"Kazakhstan") && ranked.contains(&"Russia"),
        "{ranked:?}"
    );

    let html = page(
        app,
        &format!("/situations/{SLUG}/graph?from=2022-01-07&to=2022-01-15"),
    )
    .await;
    let section = &html[html.find("What changed").expect("a change view")..];
    let section = &section[..section.find("</ul>").unwrap()];
    assert!(
        section.contains("Kazakhstan – Russia, hostile"),
        "{section}"
    );
    assert!(section.contains(&format!("/graph/edges/{tension_id}")));
    assert!(
        !section.contains("(forecast)"),
        "no forecast among the changes: {section}"
    );
    assert!(html.contains("class=\"edge polarity-hostile standing-asserted change-appeared\""));
}
both_apps!(
    the_demo_check,
    the_demo_check_holds_on_the_page_and_its_twin
);

async fn an_edge_lists_its_claims_each_linking_to_its_sentence(app: &TestApp) {
    demo(app).await;
    let body = graph_json(app, "").await;
    let edge = edge(
        &body,
        "Collective Security Treaty Organization",
        "Kassym-Jomart Tokayev",
        "cooperative",
        "asserted",
    )
    .unwrap();
    let claim = &edge["links"][0]["claim"];
    let href = claim["href"].as_str().unwrap();
    assert_eq!(
        href,
        format!(
            "/sources/{}?claim={}#c{}",
            claim["source"], claim["id"], claim["id"]
        )
    );
    let html = page(app, edge["href"].as_str().unwrap()).await;
    assert!(
        html.contains(&format!("href=\"{}\"", href.replace('&', "&amp;"))),
        "the claim links to its sentence"
    );
    assert!(html.contains("appealed to the Collective Security Treaty Organization"));
    assert!(
        html.contains("the relation&#39;s own date") || html.contains("the relation's own date")
    );
    assert!(
        !html.contains("relation-form"),
        "readers get no correction form"
    );
    // The sentence is where the link says.
    let source = page(app, href.split('#').next().unwrap()).await;
    assert!(source.contains(&format!("id=\"c{}\"", claim["id"])));

    for bad in [
        "1-2-cooperative",
        "2-1-cooperative-asserted",
        "1-2-friendly-asserted",
        "99998-99999-hostile-asserted",
    ] {
        let response = app
            .get(
                &format!("/situations/{SLUG}/graph/edges/{bad}"),
                Auth::Anonymous,
            )
            .await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{bad}");
    }
}
both_apps!(
    edge_pages,
    an_edge_lists_its_claims_each_linking_to_its_sentence
);

async fn an_actor_has_an_ego_view_with_its_relations_over_time(app: &TestApp) {
    demo(app).await;
    let body = graph_json(app, "").await;
    let tokayev = actor_id(&body, "Kassym-Jomart Tokayev");
    let html = page(app, &format!("/actors/{tokayev}/graph")).await;
    assert!(
        html.contains("Kassym-Jomart Tokayev&#39;s relations")
            || html.contains("Kassym-Jomart Tokayev's relations")
    );
    assert!(
        html.contains("class=\"strip\""),
        "a strip of bars over time"
    );
    assert!(html.contains("Collective Security Treaty Organization"));
    let one = app
        .get(&format!("/api/v1/actors/{tokayev}/graph"), Auth::Anonymous)
        .await
        .json();
    assert_eq!(one["ego"], tokayev);
    assert!(
        one["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["a"] == tokayev || e["b"] == tokayev)
    );
    let two = app
        .get(
            &format!("/api/v1/actors/{tokayev}/graph?steps=2"),
            Auth::Anonymous,
        )
        .await
        .json();
    assert!(two["nodes"].as_array().unwrap().len() >= one["nodes"].as_array().unwrap().len());
    let html = page(
        app,
        &format!("/actors/{tokayev}/graph?steps=2&as_of=2022-01-07"),
    )
    .await;
    assert!(html.contains("As of 7 Jan 2022"));
    for (uri, status) in [
        ("/actors/999999/graph".to_string(), StatusCode::NOT_FOUND),
        (
            format!("/actors/{tokayev}/graph?steps=3"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/actors/999999/graph".to_string(),
            StatusCode::NOT_FOUND,
        ),
    ] {
        assert_eq!(app.get(&uri, Auth::Anonymous).await.status, status, "{uri}");
    }
}
both_apps!(
    ego_view,
    an_actor_has_an_ego_view_with_its_relations_over_time
);

fn count(doc: &roxmltree::Document<'_>, name: &str) -> usize {
    doc.descendants().filter(|n| n.has_tag_name(name)).count()
}

async fn exports_parse_and_carry_the_graph(app: &TestApp) {
    demo(app).await;
    let body = graph_json(app, "").await;
    let (nodes, edges) = (
        body["nodes"].as_array().unwrap().len(),
        body["edges"].as_array().unwrap().len(),
    );
    assert!(edges > 0);

    let response = app
        .get(&format!("/situations/{SLUG}/graph.gexf"), Auth::Anonymous)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type().starts_with("application/gexf+xml"));
    let text = response.text();
    let doc = roxmltree::Document::parse(&text).expect("GEXF is XML");
    let root = doc.root_element();
    assert_eq!(
        (root.tag_name().name(), root.tag_name().namespace()),
        ("gexf", Some("http://gexf.net/1.3"))
    );
    assert_eq!(root.attribute("version"), Some("1.3"));
    let graph = root
        .children()
        .find(|n| n.has_tag_name("graph"))
        .expect("a graph");
    assert_eq!(graph.attribute("mode"), Some("dynamic"));
    assert_eq!(graph.attribute("timeformat"), Some("date"));
    let parts: Vec<&str> = graph
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert!(parts.ends_with(&["nodes", "edges"]), "{parts:?}");
    assert_eq!((count(&doc, "node"), count(&doc, "edge")), (nodes, edges));
    for spell in doc.descendants().filter(|n| n.has_tag_name("spell")) {
        assert_eq!(spell.parent().map(|p| p.tag_name().name()), Some("spells"));
        assert!(
            chrono::NaiveDate::parse_from_str(spell.attribute("start").unwrap(), "%Y-%m-%d")
                .is_ok()
        );
    }
    assert!(count(&doc, "spell") > 0);
    let ids: std::collections::HashSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    for e in doc.descendants().filter(|n| n.has_tag_name("edge")) {
        assert!(
            ids.contains(e.attribute("source").unwrap())
                && ids.contains(e.attribute("target").unwrap())
        );
    }

    let response = app
        .get(
            &format!("/situations/{SLUG}/graph.graphml"),
            Auth::Anonymous,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let text = response.text();
    let doc = roxmltree::Document::parse(&text).expect("GraphML is XML");
    assert_eq!(doc.root_element().tag_name().name(), "graphml");
    assert_eq!((count(&doc, "node"), count(&doc, "edge")), (nodes, edges));
    assert_eq!(
        app.get("/situations/nowhere/graph.gexf", Auth::Anonymous)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
both_apps!(exports, exports_parse_and_carry_the_graph);

async fn bad_input_gets_a_clear_4xx_and_the_same_input_the_same_svg(app: &TestApp) {
    demo(app).await;
    for (query, status) in [
        ("?as_of=yesterday", StatusCode::BAD_REQUEST),
        ("?as_of=2022-02-30", StatusCode::BAD_REQUEST),
        ("?clock=recorded", StatusCode::BAD_REQUEST),
        ("?from=2022-01-07", StatusCode::BAD_REQUEST),
        ("?from=2022-01-15&to=2022-01-07", StatusCode::BAD_REQUEST),
        ("?affiliations=maybe", StatusCode::BAD_REQUEST),
    ] {
        let api = app
            .get(
                &format!("/api/v1/situations/{SLUG}/graph{query}"),
                Auth::Anonymous,
            )
            .await;
        assert_eq!(api.status, status, "{query}");
        assert!(api.json()["error"].is_string());
        let html = app
            .get(&format!("/situations/{SLUG}/graph{query}"), Auth::Anonymous)
            .await;
        assert_eq!(html.status, status, "{query}");
        assert!(html.content_type().starts_with("text/html"));
    }
    assert_eq!(
        app.get("/situations/nowhere/graph", Auth::Anonymous)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/situations/nowhere/graph", Auth::Anonymous)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let svg = |html: String| {
        let start = html.find("<svg").unwrap();
        html[start..start + html[start..].find("</svg>").unwrap()].to_string()
    };
    let uri = format!("/situations/{SLUG}/graph?as_of=2022-01-13&clock=reported");
    let first = svg(page(app, &uri).await);
    let second = svg(page(app, &uri).await);
    assert_eq!(first, second);
    assert!(first.contains("<circle"));
    let hidden = graph_json(app, "?affiliations=hide").await;
    assert!(
        hidden["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["polarity"] != "affiliation")
    );
    let shown = graph_json(app, "").await;
    assert!(
        shown["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["polarity"] == "affiliation")
    );
}
both_apps!(
    bad_input_and_determinism,
    bad_input_gets_a_clear_4xx_and_the_same_input_the_same_svg
);

async fn an_analyst_corrects_a_relation_with_a_revision_each_time(app: &TestApp) {
    use sitrep::domain::{RelationId, RevisedEntity};
    demo(app).await;
    let body = graph_json(app, "?as_of=2022-01-07").await;
    let tokayev = "Kassym-Jomart Tokayev";
    let csto = "Collective Security Treaty Organization";
    let cooperation = edge(&body, csto, tokayev, "cooperative", "asserted").unwrap();
    let id = cooperation["links"][0]["relation"].as_i64().unwrap();
    let uri = format!("/relations/{id}/correct");
    let version = |app: &TestApp| {
        let db = app.db().clone();
        async move {
            sitrep::storage::get_relation(&db, RelationId::new(id))
                .await
                .unwrap()
                .relation
                .version
                .to_string()
        }
    };
    let v = version(app).await;
    let flip = [
        ("version", v.as_str()),
        ("review_state", "accepted"),
        ("polarity", "hostile"),
        ("valid_from", "2022-01-05"),
        ("reason", "the appeal was coerced"),
    ];

    // Nobody but an analyst with the form's token may correct.
    let anonymous = app
        .send(
            axum::http::Request::post(&uri)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(
                    "version=1&polarity=hostile&reason=x",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let mut reader = app.signed_in(&app.reader).await;
    assert_eq!(
        reader.post_form(&uri, &flip).await.status,
        StatusCode::FORBIDDEN
    );
    let mut analyst = app.signed_in(&app.analyst).await;
    assert_eq!(
        analyst.post_raw_form(&uri, &flip).await.status,
        StatusCode::FORBIDDEN,
        "no token"
    );
    assert!(
        sitrep::storage::revisions_of(app.db(), RevisedEntity::Relation, id)
            .await
            .unwrap()
            .is_empty()
    );

    // The analyst sees the form on the edge page, a reader does not.
    let edge_page = analyst
        .get(cooperation["href"].as_str().unwrap())
        .await
        .text();
    assert!(
        edge_page.contains(&format!("action=\"{uri}\"")),
        "the correction form"
    );
    assert!(
        !reader
            .get(cooperation["href"].as_str().unwrap())
            .await
            .text()
            .contains(&uri)
    );

    // Flip the sign.
    let response = analyst.post_form(&uri, &flip).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        response.text()
    );
    assert!(
        response.location().unwrap().ends_with("-hostile-asserted"),
        "{:?}",
        response.location()
    );
    let after = graph_json(app, "?as_of=2022-01-07").await;
    assert!(edge(&after, csto, tokayev, "cooperative", "asserted").is_none());
    assert!(edge(&after, csto, tokayev, "hostile", "asserted").is_some());
    let revisions = sitrep::storage::revisions_of(app.db(), RevisedEntity::Relation, id)
        .await
        .unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].author.name, "ana");
    assert_eq!(revisions[0].reason, "the appeal was coerced");

    // A stale version is refused.
    let stale = analyst.post_form(&uri, &flip).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // Re-date it: it no longer holds on the 7th.
    let v = version(app).await;
    let redate = [
        ("version", v.as_str()),
        ("review_state", "accepted"),
        ("polarity", "hostile"),
        ("valid_from", "2022-01-10"),
        ("reason", "dated by the note"),
    ];
    assert_eq!(
        analyst.post_form(&uri, &redate).await.status,
        StatusCode::SEE_OTHER
    );
    let early = graph_json(app, "?as_of=2022-01-07").await;
    assert!(early["edges"].as_array().unwrap().iter().all(|e| {
        !e["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["relation"] == id)
    }));
    let later = graph_json(app, "?as_of=2022-01-10").await;
    let moved = edge(&later, csto, tokayev, "hostile", "asserted").unwrap();
    assert_eq!(moved["links"][0]["start"], "2022-01-10");
    assert_eq!(moved["links"][0]["start_basis"], "valid");

    // Reject it: readers no longer see it; nothing to change is refused.
    let v = version(app).await;
    let reject = [
        ("version", v.as_str()),
        ("review_state", "rejected"),
        ("polarity", "hostile"),
        ("valid_from", "2022-01-10"),
        ("reason", "not in the text"),
    ];
    assert_eq!(
        analyst.post_form(&uri, &reject).await.status,
        StatusCode::SEE_OTHER
    );
    let v = version(app).await;
    let same = [
        ("version", v.as_str()),
        ("review_state", "rejected"),
        ("polarity", "hostile"),
        ("valid_from", "2022-01-10"),
        ("reason", "again"),
    ];
    assert_eq!(
        analyst.post_form(&uri, &same).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let gone = graph_json(app, "").await;
    assert!(gone["edges"].as_array().unwrap().iter().all(|e| {
        !e["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["relation"] == id)
    }));
    assert_eq!(
        sitrep::storage::revisions_of(app.db(), RevisedEntity::Relation, id)
            .await
            .unwrap()
            .len(),
        3
    );
    // Its history page lists the revisions.
    let history = analyst.get(&format!("/history/relation/{id}")).await;
    assert_eq!(history.status, StatusCode::OK);
    assert!(history.text().contains("not in the text"));
}
both_apps!(
    corrections,
    an_analyst_corrects_a_relation_with_a_revision_each_time
);
