//! Organisation rules beyond the gazetteer: a company's short form ("Apple" for "Apple
//! Computer", "NPD" for "NPD Group"), learnt before the candidate names are read so that a
//! short form written first is not taken for a person, and definite descriptions ("the
//! company", "the firm", "the carrier") that stand for the organisation in focus.

use super::Builder;
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::MentionVia;
use crate::extract::actors::tokens::Gap;
use crate::extract::gazetteer::WordClass;
use crate::lexicon::{PhraseTable, WordSet, tables};
use std::sync::LazyLock;

/// Nouns for kinds of organisation: before a name they say what it is ("retailer Best Buy",
/// "the chip maker Foxconn").
static ORGANISATION_NOUNS: LazyLock<WordSet> = LazyLock::new(|| {
    tables::ORGANISATION_DESCRIPTIONS
        .rows()
        .filter_map(|row| row.first().copied())
        .collect()
});

/// The same nouns after "the" stand for the organisation in focus ("the company said").
static DESCRIPTIONS: LazyLock<PhraseTable<()>> =
    LazyLock::new(|| PhraseTable::new(ORGANISATION_NOUNS.iter().map(|w| (format!("the {w}"), ()))));

/// How far back, in bytes, a description looks for the organisation it stands for.
const DESCRIPTION_LOOKBACK: usize = 2_000;

/// Words a short form may have at most.
const SHORT_FORM_WORDS: usize = 3;

/// Titles held in companies: the capitalised word before one names the company ("Apple CEO").
pub(super) fn is_corporate_title(canonical: &str) -> bool {
    matches!(
        canonical,
        "Chief Executive"
            | "Founder"
            | "Executive"
            | "Chief Operating Officer"
            | "Chief Financial Officer"
    )
}

impl Builder<'_> {
    /// Whether the word before token `first` is a lower-case noun for a kind of organisation,
    /// with a space between ("retailer Best Buy"): the name after it is that organisation.
    pub(super) fn after_organisation_noun(&self, first: usize) -> bool {
        let Some(before) = first.checked_sub(1) else {
            return false;
        };
        self.tok(first).is_some_and(|t| t.gap == Gap::Space)
            && self.tok(before).is_some_and(|t| {
                let w = t.text(self.text);
                t.word
                    && w.starts_with(|c: char| c.is_lowercase())
                    && ORGANISATION_NOUNS.contains(w)
            })
    }

    /// The company named by the capitalised words ending at token `last`, before a company
    /// title: its first token and its name. Not a word that opens a sentence only by position,
    /// a common word or a given name.
    pub(super) fn company_before(&self, last: usize) -> Option<(usize, String)> {
        let mut first = last;
        let ok = |k: usize| {
            self.tok(k).is_some_and(|t| {
                let w = t.text(self.text);
                t.word
                    && !t.excluded
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && !self.g.is(w, WordClass::NonName)
                    && !(t.at_start && self.g.is(w, WordClass::Starter))
                    && self.g.name_part(w).is_none()
                    && self.is_free(Span::new(t.start, t.end))
            })
        };
        if !ok(last) {
            return None;
        }
        while first > 0
            && last - first + 1 < SHORT_FORM_WORDS
            && self.tok(first).is_some_and(|t| t.gap == Gap::Space)
            && ok(first - 1)
        {
            first -= 1;
        }
        let span = self.span_of(first, last)?;
        Some((first, span.of(self.text).to_string()))
    }

    /// The short form of a company's name: the name without the suffix words that close it
    /// ("Apple Computer" -> "Apple", "Ford Motor Company" -> "Ford"); `None` when nothing or
    /// only a common word would be left.
    pub(super) fn short_form(&self, words: &[&str]) -> Option<String> {
        let mut keep = words.len();
        while keep > 0
            && words
                .get(keep - 1)
                .is_some_and(|w| self.g.is(w.trim_end_matches('.'), WordClass::CorpSuffix))
        {
            keep -= 1;
        }
        let head = words.get(..keep)?;
        if keep == 0 || keep == words.len() || keep > SHORT_FORM_WORDS {
            return None;
        }
        let common = |w: &str| {
            self.g.is(w, WordClass::NonName)
                || self.g.is(w, WordClass::Starter)
                || self.g.is(w, WordClass::OrgHead)
                || self.g.find(w).is_some()
        };
        if head.len() == 1 && head.first().is_some_and(|w| common(w)) {
            return None;
        }
        Some(head.join(" "))
    }

    /// Learns the short forms of the companies the text names with a suffix, before any
    /// candidate name is read: "Apple said" before "Apple Computer" is then a short form.
    pub(super) fn learn_short_forms(&mut self) {
        let mut learnt = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            let w = t.text(self.text);
            if !t.word || t.excluded || !self.g.is(w, WordClass::CorpSuffix) || i == 0 {
                continue;
            }
            let mut first = i;
            while first > 0
                && i - first < SHORT_FORM_WORDS + 2
                && self.tok(first).is_some_and(|t| t.gap == Gap::Space)
                && self.tok(first - 1).is_some_and(|p| {
                    let pw = p.text(self.text);
                    p.word && pw.chars().next().is_some_and(char::is_uppercase)
                })
            {
                first -= 1;
            }
            if first == i
                || self
                    .tok(first)
                    .is_some_and(|t| t.at_start && first + 1 == i)
            {
                // "Group leaders said": a suffix word alone, or after a sentence's first word
                // only, names no company.
                if first == i {
                    continue;
                }
            }
            let words: Vec<&str> = (first..=i).map(|k| self.word(k)).collect();
            if let Some(short) = self.short_form(&words) {
                learnt.push(short);
            }
        }
        self.doc_form_names.extend(learnt);
    }

    /// Links "the company", "the firm" and the like to the organisation mentioned last before
    /// them, within a few paragraphs.
    pub(super) fn description_pass(&mut self) {
        let text = self.text;
        let found = DESCRIPTIONS.find(text);
        let mut links = Vec::new();
        for m in found {
            let span = Span::new(m.start, m.end);
            if !self.is_free(span) || self.is_excluded(span) {
                continue;
            }
            let window = Span::new(span.start.saturating_sub(DESCRIPTION_LOOKBACK), span.start);
            let latest = self
                .mention_index
                .near(window)
                .filter_map(|i| self.mentions.get(i))
                .filter(|x| {
                    x.span.end <= span.start
                        && !x.nested
                        && self.kind_of(x.actor) == Some(ActorKind::Organisation)
                        && !self.actors.get(x.actor).is_some_and(|a| a.name.is_empty())
                })
                .max_by_key(|x| x.span.start)
                .map(|x| x.actor);
            if let Some(actor) = latest {
                links.push((span, actor));
            }
        }
        for (span, actor) in links {
            self.mention(span, actor, MentionVia::Description, false);
            self.claim(span);
        }
    }
}
