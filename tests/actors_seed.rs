//! The actor stage on the seed article and its gold annotation, read from `../shared` when
//! present (the article's text is not part of the project).

use sitrep::domain::ActorKind;
use sitrep::extract::actors::{ActorTable, MentionVia, find_actors};
use sitrep::extract::sentences;
use std::io::Write;

const SEED: &str = "../shared/seeds/anbound-2022-01-14-kazakhstan.txt";
const GOLD: &str = "../shared/eval/dev/anbound-2022-01-14-kazakhstan.gold.json";

fn seed() -> Option<(String, ActorTable)> {
    let Ok(text) = std::fs::read_to_string(SEED) else {
        let _ = writeln!(
            std::io::stderr(),
            "skipped (no ../shared): the seed article {SEED} is not present"
        );
        return None;
    };
    let table = find_actors(&text, &sentences::split(&text), &[], &[]);
    Some((text, table))
}

/// Every name an actor is known by in the output: its name, aliases and mention texts.
fn surfaces(text: &str, t: &ActorTable, i: usize) -> Vec<String> {
    let a = &t.actors[i];
    let mut s: Vec<String> = std::iter::once(a.name.clone())
        .chain(a.aliases.iter().cloned())
        .chain(t.mentions_of(i).map(|m| m.span.of(text).to_string()))
        .collect();
    s.sort();
    s.dedup();
    s
}

fn find(t: &ActorTable, name: &str) -> usize {
    t.find(name)
        .unwrap_or_else(|| panic!("no actor {name:?} in {:?}", t.actors))
}

#[test]
fn the_seed_actors_are_found_with_their_aliases_on_one_actor() {
    let Some((text, t)) = seed() else { return };
    let expected: &[(&str, ActorKind, &[&str])] = &[
        (
            "Kazakhstan",
            ActorKind::State,
            &["Kazakhstan", "Kazakh", "Republic of Kazakhstan"],
        ),
        ("Russia", ActorKind::State, &["Russia", "Russian"]),
        (
            "CSTO",
            ActorKind::Organisation,
            &["Collective Security Treaty Organization", "CSTO"],
        ),
        (
            "Kassym-Jomart Tokayev",
            ActorKind::Person,
            &["Kassym-Jomart Tokayev", "Tokayev"],
        ),
        (
            "Vladimir Putin",
            ActorKind::Person,
            &["Vladimir Putin", "Putin"],
        ),
        (
            "Dmitry Peskov",
            ActorKind::Person,
            &["Dmitry Peskov", "Peskov"],
        ),
        (
            "Sergey Shoygu",
            ActorKind::Person,
            &["Sergey Shoygu", "Shoygu"],
        ),
        ("Kremlin", ActorKind::Organisation, &["Kremlin"]),
        (
            "Kazakh army",
            ActorKind::Organisation,
            &[
                "Armed Forces of the Republic of Kazakhstan",
                "Kazakh army",
                "Kazakh troops",
            ],
        ),
        ("ANBOUND", ActorKind::Organisation, &["ANBOUND"]),
    ];
    for (name, kind, aliases) in expected {
        let i = find(&t, name);
        assert_eq!(t.actors[i].kind, *kind, "{name}");
        let s = surfaces(&text, &t, i);
        for alias in *aliases {
            assert!(
                s.iter().any(|x| x == alias),
                "{name}: {alias:?} not in {s:?}"
            );
        }
    }
    let kazakhstan = find(&t, "Kazakhstan");
    let russia = find(&t, "Russia");
    assert_eq!(t.actors[find(&t, "Kremlin")].parent, Some(russia));
    assert_eq!(t.actors[find(&t, "Kazakh army")].parent, Some(kazakhstan));
}

#[test]
fn the_seed_roles_surnames_and_pronouns() {
    let Some((text, t)) = seed() else { return };
    let tokayev = find(&t, "Kassym-Jomart Tokayev");
    let kazakhstan = find(&t, "Kazakhstan");
    assert!(
        t.actors[tokayev]
            .roles
            .iter()
            .any(|r| r.title == "President" && r.of == Some(kazakhstan))
    );
    let shoygu = find(&t, "Sergey Shoygu");
    assert_eq!(t.actors[shoygu].roles[0].of, Some(find(&t, "Russia")));
    let peskov = find(&t, "Dmitry Peskov");
    assert_eq!(t.actors[peskov].roles[0].of, Some(find(&t, "Kremlin")));
    let vias: Vec<MentionVia> = t.mentions_of(tokayev).map(|m| m.via).collect();
    assert!(vias.contains(&MentionVia::Surname), "{vias:?}");
    assert!(vias.contains(&MentionVia::Title), "{vias:?}");
    assert_eq!(
        t.mentions_of(tokayev)
            .filter(|m| m.via == MentionVia::Pronoun)
            .count(),
        2
    );
    // The unnamed press secretary is an actor of its own, a candidate for review.
    let title = t
        .titles
        .iter()
        .find(|x| x.title == "press secretary")
        .expect("the press secretary title");
    assert_eq!(title.of, Some(tokayev));
    let holder = title
        .holder
        .expect("an actor for the unnamed press secretary");
    assert!(t.actors[holder].candidate);
    assert!(
        t.mentions
            .iter()
            .all(|m| text.get(m.span.start..m.span.end).is_some())
    );
}

/// The gold's own yardstick: every gold actor found, every gold alias on that one actor, and
/// every other non-location actor either matching a gold actor or an allowed extra.
#[test]
fn the_seed_against_the_gold_annotation() {
    let Some((text, t)) = seed() else { return };
    let Ok(gold) = std::fs::read_to_string(GOLD) else {
        let _ = writeln!(
            std::io::stderr(),
            "skipped (no ../shared): the gold annotation {GOLD} is not present"
        );
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold JSON");
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let all: Vec<Vec<String>> = (0..t.actors.len())
        .map(|i| surfaces(&text, &t, i).iter().map(|s| norm(s)).collect())
        .collect();
    let word_in = |needle: &str, hay: &str| {
        hay.split(|c: char| !c.is_alphanumeric() && c != '-')
            .collect::<Vec<_>>()
            .windows(needle.split(' ').count())
            .any(|w| w.join(" ") == needle)
    };
    let gold_actors = gold["actors"].as_array().expect("actors");
    let mut gold_aliases: Vec<String> = Vec::new();
    for ga in gold_actors {
        let aliases: Vec<String> = ga["aliases"]
            .as_array()
            .expect("aliases")
            .iter()
            .map(|a| norm(a.as_str().unwrap_or("")))
            .collect();
        let best = all
            .iter()
            .map(|s| aliases.iter().filter(|a| s.contains(a)).count())
            .max()
            .unwrap_or(0);
        assert_eq!(
            best,
            aliases.len(),
            "gold actor {} not fully linked",
            ga["id"]
        );
        gold_aliases.extend(aliases);
    }
    let extras: Vec<String> = gold["allowed_extra_actors"]
        .as_array()
        .expect("extras")
        .iter()
        .map(|e| norm(e.as_str().unwrap_or("")))
        .collect();
    for (i, s) in all.iter().enumerate() {
        if t.actors[i].kind == ActorKind::Location {
            continue;
        }
        let ok = s.iter().any(|x| {
            gold_aliases.iter().any(|a| word_in(a, x))
                || extras
                    .iter()
                    .any(|e| e.contains(x.as_str()) || x.contains(e.as_str()))
        });
        assert!(ok, "unexpected actor {:?}", t.actors[i].name);
    }
}
