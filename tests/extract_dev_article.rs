//! The whole extractor on the development article and its gold annotation, both read from
//! `../shared` when present (the article's text is never copied into the project). Each gold
//! claim, prediction, relation and anomaly is looked up by its anchor words and checked the way
//! a reader would: the right date, speaker, kind, probability and warning.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use serde_json::Value;
use sitrep::extract::{self, ExtractOptions, Extraction};

const ARTICLE: &str = "../shared/seeds/anbound-2022-01-14-kazakhstan.txt";
const GOLD: &str = "../shared/eval/dev/anbound-2022-01-14-kazakhstan.gold.json";

fn load() -> Option<(String, Value, Extraction)> {
    let (Ok(text), Ok(gold)) = (
        std::fs::read_to_string(ARTICLE),
        std::fs::read_to_string(GOLD),
    ) else {
        common::service_missing(&format!(
            "the development article tests need ../shared: {ARTICLE} or {GOLD} is not present"
        ));
        return None;
    };
    let gold: Value = serde_json::from_str(&gold).expect("the gold file is JSON");
    let out = extract::extract(&text, &ExtractOptions::default());
    Some((text, gold, out))
}

/// The gold's list under `key`; a missing or empty list fails the test, so that a change in
/// the gold's shape cannot make a loop over it check nothing.
fn listed<'a>(gold: &'a Value, key: &str) -> &'a [Value] {
    match gold[key].as_array() {
        Some(items) if !items.is_empty() => items,
        _ => panic!("the gold has no {key:?} list: the test would check nothing"),
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn claim_with<'a>(out: &'a Extraction, anchor: &str) -> &'a extract::ClaimDraft {
    out.claims
        .iter()
        .find(|c| norm(&c.text).contains(&norm(anchor)))
        .unwrap_or_else(|| panic!("no claim contains {anchor:?}"))
}

/// Every name an actor goes by in the output.
fn surfaces(out: &Extraction, id: &str) -> Vec<String> {
    out.actors
        .iter()
        .filter(|a| a.id == id)
        .flat_map(|a| {
            std::iter::once(a.name.clone())
                .chain(a.aliases.iter().cloned())
                .chain(a.mentions.iter().map(|m| m.text.clone()))
        })
        .map(|s| norm(&s))
        .collect()
}

/// Whether the output actor `id` is the gold actor (or free-text speaker) `gold_id`.
fn is_gold_actor(out: &Extraction, gold: &Value, id: &str, gold_id: &str) -> bool {
    let names = surfaces(out, id);
    let aliases: Vec<String> = gold["actors"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["id"] == gold_id)
        .map(|a| {
            a["aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(norm)
                .collect()
        })
        .unwrap_or_else(|| vec![norm(gold_id)]);
    aliases.iter().any(|alias| {
        names
            .iter()
            .any(|n| n == alias || n.contains(alias.as_str()))
    })
}

#[test]
fn sections_metadata_and_boilerplate() {
    let Some((_, gold, out)) = load() else { return };
    let dates: Vec<String> = out
        .observations
        .iter()
        .filter_map(|o| o.date.map(|d| d.to_string()))
        .collect();
    for date in listed(&gold, "observations") {
        assert!(
            dates.iter().any(|d| d == date.as_str().unwrap()),
            "section {date}"
        );
    }
    let doc = &gold["document"];
    assert_eq!(
        out.document.published.map(|d| d.to_string()).as_deref(),
        doc["published"].as_str()
    );
    assert_eq!(out.document.author.as_deref(), doc["author"].as_str());
    assert_eq!(out.document.publisher.as_deref(), doc["publisher"].as_str());
    for furniture in listed(doc, "boilerplate_not_in_claims") {
        let furniture = furniture.as_str().unwrap();
        assert!(
            !out.claims.iter().any(|c| c
                .text
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w == furniture)
                || c.text.contains(furniture) && furniture.contains(' ')),
            "boilerplate {furniture:?} became a claim"
        );
    }
}

#[test]
fn claims_have_their_dates_speakers_and_kinds() {
    let Some((_, gold, out)) = load() else { return };
    for expected in listed(&gold, "claims") {
        let claim = claim_with(&out, expected["anchor"].as_str().unwrap());
        let start = claim
            .when
            .as_ref()
            .and_then(|w| serde_json::to_value(w).ok())
            .and_then(|w| w["start"].as_str().map(|s| s[..10].to_string()));
        if let Some(date) = expected["date"].as_str() {
            assert_eq!(start.as_deref(), Some(date), "{}", claim.text);
        }
        if let Some(latest) = expected["date_not_after"].as_str() {
            assert!(
                start.as_deref().is_none_or(|s| s <= latest),
                "{}",
                claim.text
            );
        }
        if let Some(speakers) = expected["speaker"].as_array() {
            let ok = match &claim.speaker {
                None => speakers.iter().any(Value::is_null),
                Some(id) => speakers
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|s| is_gold_actor(&out, &gold, id, s)),
            };
            assert!(ok, "speaker of {:?}: {:?}", claim.text, claim.speaker);
        }
        let kinds: Vec<&str> = expected["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            kinds.contains(&claim.kind.as_str()),
            "kind of {:?}",
            claim.text
        );
    }
}

#[test]
fn predictions_carry_probabilities_in_range() {
    let Some((_, gold, out)) = load() else { return };
    for expected in listed(&gold, "predictions") {
        let anchor = norm(expected["anchor"].as_str().unwrap());
        let claim = out
            .claims
            .iter()
            .find(|c| c.kind.as_str() == "prediction" && norm(&c.text).contains(&anchor))
            .unwrap_or_else(|| panic!("no prediction contains {anchor:?}"));
        let range = expected["probability_range"].as_array().unwrap();
        let (low, high) = (range[0].as_f64().unwrap(), range[1].as_f64().unwrap());
        let p = claim.probability.expect("a probability");
        assert!(
            low <= p && p <= high,
            "{p} not in [{low}, {high}] for {anchor:?}"
        );
        let prediction = claim.prediction.as_ref().expect("a prediction record");
        assert!(prediction.due.is_some(), "a due date, stated or inferred");
        assert_eq!(
            prediction.made_on.map(|d| d.to_string()).as_deref(),
            expected["made_on"].as_str()
        );
    }
}

#[test]
fn relations_and_the_date_anomaly() {
    let Some((text, gold, out)) = load() else {
        return;
    };
    for expected in listed(&gold, "relations") {
        let sides = |key: &str, alt: &str| -> Vec<String> {
            std::iter::once(expected[key].as_str().unwrap().to_string())
                .chain(
                    expected[alt]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str().map(str::to_string)),
                )
                .collect()
        };
        let (sources, targets) = (sides("source", "alt_source"), sides("target", "alt_target"));
        let symmetric = expected["symmetric"].as_bool().unwrap_or(false);
        let found = out.relations.iter().any(|r| {
            let matches = |id: &str, wanted: &[String]| {
                wanted.iter().any(|w| is_gold_actor(&out, &gold, id, w))
            };
            r.polarity.as_str() == expected["polarity"].as_str().unwrap()
                && (matches(&r.source, &sources) && matches(&r.target, &targets)
                    || symmetric && matches(&r.target, &sources) && matches(&r.source, &targets))
        });
        assert!(found, "relation for {:?}", expected["anchor"]);
    }
    for anomaly in listed(&gold, "anomalies") {
        let anchor = anomaly["anchor"].as_str().unwrap();
        let at = text.find(anchor).expect("the anchor is in the article");
        assert!(
            out.warnings
                .iter()
                .any(|w| w.start < at + anchor.len() && w.end > at),
            "a warning at {anchor:?}"
        );
    }
}
