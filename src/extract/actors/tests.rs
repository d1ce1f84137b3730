//! Tests of the actor stage, each on sentences written for it.

use super::*;
use crate::extract::sentences;

fn table(text: &str) -> ActorTable {
    find_actors(text, &sentences::split(text), &[], &[])
}

#[test]
fn smoke() {
    let t = table("Kazakh President Kassym-Jomart Tokayev met Russian troops.");
    assert!(!t.actors.is_empty());
}
