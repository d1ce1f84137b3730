//! Personal names in the tokens: capitalised name words with their initials and particles
//! ("George W. Bush", "Ursula von der Leyen"), read forward from their first word or back
//! from their last.

use super::Builder;
use super::words::{is_capitalised, is_particle_joined};
use crate::extract::Span;
use crate::extract::actors::tokens::Gap;
use crate::extract::gazetteer::WordClass;

impl<'t> Builder<'t> {
    /// A capitalised word that can be part of a person's name.
    pub(super) fn name_word(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else {
            return false;
        };
        if !t.word || t.excluded {
            return false;
        }
        let w = t.text(self.text);
        (is_capitalised(w) || is_particle_joined(self.g, w))
            && w.chars().any(char::is_lowercase)
            && !self.g.is(w, WordClass::NonName)
            && !self.g.is(w, WordClass::Starter)
            && !self.g.is(w, WordClass::OrgHead)
            && self.is_free(Span::new(t.start, t.end))
    }

    /// A one-letter initial followed by a full stop ("W."): the index of the stop.
    pub(super) fn initial(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let w = t.text(self.text);
        let stop = self.tok(i + 1)?;
        (t.word
            && w.chars().count() == 1
            && is_capitalised(w)
            && stop.gap == Gap::None
            && stop.text(self.text) == ".")
            .then_some(i + 1)
    }

    /// A personal name starting at token `i`: `(first token, last token, words)`; initials
    /// and inner particles ("bin", "van") are taken in but not counted as words.
    pub(super) fn name_forward(&self, i: usize) -> Option<(usize, usize, usize)> {
        let mut k = i;
        let mut last = None;
        let mut words = 0;
        loop {
            if self.name_word(k) {
                last = Some(k);
                words += 1;
            } else if let Some(stop) = self.initial(k) {
                last = Some(stop);
            } else if words > 0
                && let Some(after) = self.particles_then_name(k)
            {
                // The particles are kept only if a name word follows; the loop takes it next.
                k = after;
                continue;
            } else {
                break;
            }
            let next = last.map_or(k, |l| l.max(k)) + 1;
            if words >= 5 || self.tok(next).is_none_or(|t| t.gap != Gap::Space) {
                break;
            }
            k = next;
        }
        let last = last?;
        (words > 0).then_some((i, last, words))
    }

    /// A lower-case name particle ("bin", "van", "de").
    pub(super) fn particle(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| {
            let w = t.text(self.text);
            t.word && !t.excluded && !is_capitalised(w) && self.g.is(w, WordClass::Particle)
        })
    }

    /// One to three particles from token `k` on, each followed by a space, then a name word
    /// ("von der Leyen"): the index of that name word.
    pub(super) fn particles_then_name(&self, k: usize) -> Option<usize> {
        let mut p = k;
        while p < k + 3 && self.particle(p) {
            if self.tok(p + 1).is_none_or(|t| t.gap != Gap::Space) {
                return None;
            }
            p += 1;
        }
        (p > k && self.name_word(p)).then_some(p)
    }

    /// A personal name ending at token `j`: `(first token, last token, words)`; particles
    /// between its words are taken in ("Ursula von der Leyen").
    pub(super) fn name_backward(&self, j: usize) -> Option<(usize, usize, usize)> {
        if !self.name_word(j) {
            return None;
        }
        let mut first = j;
        let mut words = 1;
        while words < 4 {
            if self.tok(first).is_none_or(|t| t.gap != Gap::Space) {
                break;
            }
            let Some(mut p) = first.checked_sub(1) else {
                break;
            };
            let mut skipped = 0;
            while skipped < 3
                && self.particle(p)
                && self.tok(p).is_some_and(|t| t.gap == Gap::Space)
                && let Some(q) = p.checked_sub(1)
            {
                p = q;
                skipped += 1;
            }
            if !self.name_word(p) {
                break;
            }
            first = p;
            words += 1;
        }
        Some((first, j, words))
    }
}
