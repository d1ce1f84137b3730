//! The actor stage on short news reports written for these tests (`tests/data/actors`): each
//! `NAME.txt` has a `NAME.expected.tsv` listing the actors it names (kind, canonical name,
//! forms that must name the same actor), names that must not become actors (`absent`), and
//! names that must be flagged as possibly two actors (`ambiguous`).

use sitrep::domain::ActorKind;
use sitrep::extract::actors::{ActorTable, find_actors};
use sitrep::extract::sentences;
use std::io::Write;
use std::path::Path;

const FIXTURES: &str = "tests/data/actors";

/// The names an actor goes by in the table: its name, aliases and the texts of its mentions.
fn forms(text: &str, t: &ActorTable, i: usize) -> Vec<String> {
    let a = &t.actors[i];
    std::iter::once(a.name.clone())
        .chain(a.aliases.iter().cloned())
        .chain(t.mentions_of(i).map(|m| m.span.of(text).to_string()))
        .collect()
}

/// Checks one fixture; returns (expected actors found, expected actors, spurious actors) and
/// the failures.
fn check(name: &str) -> ((usize, usize, usize), Vec<String>) {
    let dir = Path::new(FIXTURES);
    let read = |file: String| std::fs::read_to_string(dir.join(file)).unwrap_or_default();
    let text = read(format!("{name}.txt"));
    let spec = read(format!("{name}.expected.tsv"));
    assert!(
        !text.is_empty() && !spec.is_empty(),
        "{name}: fixture missing"
    );
    let t = find_actors(&text, &sentences::split(&text), &[], &[]);
    let mut failures = Vec::new();
    let mut expected_names = Vec::new();
    let (mut found, mut expected) = (0, 0);
    for line in spec
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["absent", word, ..] => {
                if t.actors.iter().any(|a| a.name == *word) {
                    failures.push(format!("{name}: {word:?} should not be an actor"));
                }
            }
            ["ambiguous", word, ..] => {
                let flagged = t.ambiguous.iter().any(|a| a.span.of(&text) == *word);
                if !flagged {
                    failures.push(format!("{name}: {word:?} should be flagged as ambiguous"));
                }
            }
            [kind, actor, rest @ ..] => {
                expected += 1;
                expected_names.push((*actor).to_string());
                let Ok(kind) = kind.parse::<ActorKind>() else {
                    failures.push(format!("{name}: bad kind {kind:?}"));
                    continue;
                };
                let Some(i) = t.actors.iter().position(|a| a.name == *actor) else {
                    failures.push(format!("{name}: no actor {actor:?}"));
                    continue;
                };
                found += 1;
                if t.actors[i].kind != kind {
                    failures.push(format!(
                        "{name}: {actor:?} is a {:?}, not a {kind:?}",
                        t.actors[i].kind
                    ));
                }
                let known = forms(&text, &t, i);
                for form in rest
                    .iter()
                    .flat_map(|r| r.split('|'))
                    .filter(|f| !f.is_empty())
                {
                    if !known.iter().any(|k| k == form) {
                        failures.push(format!("{name}: {actor:?} is not named {form:?}"));
                    }
                }
            }
            _ => failures.push(format!("{name}: bad spec line {line:?}")),
        }
    }
    let spurious: Vec<&str> = t
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            a.kind != ActorKind::Location
                && !expected_names.contains(&a.name)
                && t.mentions_of(*i).next().is_some()
        })
        .map(|(_, a)| a.name.as_str())
        .collect();
    let _ = writeln!(std::io::stderr(), "{name}: other actors {spurious:?}");
    let spurious = spurious.len();
    ((found, expected, spurious), failures)
}

#[test]
fn written_reports_give_their_actors() {
    let mut failures = Vec::new();
    for name in [
        "eu", "korea", "latam", "mideast", "sahel", "sudan", "ukraine",
    ] {
        let ((found, expected, spurious), mut f) = check(name);
        let _ = writeln!(
            std::io::stderr(),
            "{name:8} expected actors found {found}/{expected}, other actors {spurious}"
        );
        failures.append(&mut f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
