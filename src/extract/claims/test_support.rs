//! Builders for the claim rules' unit tests: a text with its sentences, one dated section, and
//! the actor mentions and times a test gives it.

use super::{ActorRef, ClaimInput, ClaimSketch, SectionRef, TimeRef, build};
use crate::domain::{ActorKind, When};
use crate::extract::Span;
use chrono::NaiveDate;

pub(super) fn find(text: &str, word: &str) -> Span {
    let start = text.find(word).expect("word in text");
    Span::new(start, start + word.len())
}

pub(super) fn mention(text: &str, word: &str, actor: usize, kind: ActorKind) -> ActorRef {
    ActorRef {
        span: find(text, word),
        actor,
        kind,
        modifier: false,
    }
}

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) struct Case {
    pub(super) text: String,
    pub(super) sentences: Vec<Span>,
    pub(super) sections: Vec<SectionRef>,
    pub(super) times: Vec<TimeRef>,
    pub(super) actors: Vec<ActorRef>,
}

impl Case {
    pub(super) fn new(text: &str) -> Self {
        Case {
            text: text.to_string(),
            sentences: crate::extract::sentences::split(text),
            sections: vec![SectionRef {
                span: Span::new(0, text.len()),
                heading: None,
                date: Some(day(2023, 3, 10)),
            }],
            times: Vec::new(),
            actors: Vec::new(),
        }
    }

    pub(super) fn actor(mut self, word: &str, actor: usize, kind: ActorKind) -> Self {
        self.actors.push(mention(&self.text, word, actor, kind));
        self.actors.sort_by_key(|m| m.span.start);
        self
    }

    pub(super) fn day(mut self, word: &str, date: NaiveDate) -> Self {
        self.times.push(TimeRef {
            span: find(&self.text, word),
            when: Some(When::day(date)),
            duration: None,
            unresolved: false,
        });
        self
    }

    pub(super) fn claims(&self) -> Vec<ClaimSketch> {
        build(&ClaimInput {
            text: &self.text,
            sentences: &self.sentences,
            sections: &self.sections,
            excluded: &[],
            headline: None,
            times: &self.times,
            actors: &self.actors,
            resolve: &|_, _| Vec::new(),
        })
    }
}
