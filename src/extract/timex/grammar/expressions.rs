//! Expressions: the longest reading starting at a token, a point in time, and which tokens
//! can start one.

use super::*;

impl Parser<'_> {
    /// The longest expression starting at token `i`.
    pub fn expr(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut consider = |c: Option<Cand>| {
            if let Some(c) = c {
                let take = match &best {
                    None => true,
                    Some(b) => c.end > b.end || c.end == b.end && c.strength > b.strength,
                };
                if take {
                    best = Some(c);
                }
            }
        };
        consider(self.point(i));
        consider(self.range(i));
        consider(self.open(i));
        consider(self.duration(i));
        consider(self.set(i));
        consider(self.fuzzy(i));
        best
    }

    /// A chain with hedges around it: "about 3pm", "3pm approximately", "18th Dec for 10 days".
    pub(super) fn point(&self, i: usize) -> Option<Cand> {
        // "for 10 days from 18th Dec", "for 30' starting from 4pm".
        if self.is(i, "for") {
            let (d, de) = self.count_unit(i + 1)?;
            let mut k = de;
            if self.is(k, "starting") {
                k += 1;
            }
            if !self.is(k, "from") {
                return None;
            }
            let (spec, e) = self.chain(k + 1)?;
            if spec.tod.is_none() && !spec.has_date() {
                return None;
            }
            let strength = spec.strength;
            return Some(Cand {
                start: i,
                end: e,
                item: Item::ForSpan(spec, d),
                strength,
                approx: d.approx,
            });
        }
        if self.is(i, "from") {
            let (spec, e) = self.chain(i + 1)?;
            if self.is(e, "for") && (spec.tod.is_some() || spec.has_date()) {
                let (d, de) = self.count_unit(e + 1)?;
                let strength = spec.strength;
                return Some(Cand {
                    start: i,
                    end: de,
                    item: Item::ForSpan(spec, d),
                    strength,
                    approx: d.approx,
                });
            }
            return None;
        }
        let mut j = i;
        let mut approx = false;
        if lexicon::is_approx(self.lex(j)) && self.t.is_word(j) && !self.is(j, "some") {
            approx = true;
            j += 1;
            if self.is(j, "at") || self.is(j, "on") {
                // "around at", rare; keep going.
            }
        }
        let (mut spec, mut e) = self.chain(j)?;
        // "Friday after next", "March after next".
        if self.is(e, "after")
            && self.is(e + 1, "next")
            && spec.cue == Cue::None
            && spec.year.is_none()
            && (spec.weekday.is_some() || spec.month.is_some() || spec.holiday.is_some())
        {
            spec.cue = Cue::AfterNext;
            spec.relative = true;
            e += 2;
        }
        if self.any(e, &["approximately", "approx", "roughly"])
            || self.is(e, "or") && self.is(e + 1, "so")
        {
            approx = true;
            e += if self.is(e, "or") { 2 } else { 1 };
        }
        let (ish, e2) = self.ish(e);
        if ish {
            approx = true;
            e = e2;
        }
        let strength = spec.strength;
        let approx = approx || spec.approx;
        // "18th Dec for 10 days", "4pm for 30 mins", "from 4pm for thirty minutes".
        if self.is(e, "for")
            && let Some((d, de)) = self.count_unit(e + 1)
            && (spec.tod.is_some() || spec.has_date())
        {
            return Some(Cand {
                start: i,
                end: de,
                item: Item::ForSpan(spec, d),
                strength,
                approx,
            });
        }
        Some(Cand {
            start: i,
            end: e,
            item: Item::Point(spec),
            strength,
            approx,
        })
    }

    /// One side of a range: a chain, or a bare number standing for a day or an hour.
    pub(super) fn side(&self, i: usize) -> Vec<(Spec, usize)> {
        let mut out = Vec::new();
        if let Some(c) = self.chain(i) {
            out.push(c);
        }
        let mut k = i;
        if self.is(k, "the") {
            k += 1;
        }
        if let Some((d, e, _)) = self.day_number(k) {
            out.push((
                Spec {
                    day: Some(d),
                    strength: Strength::Weak,
                    ..Spec::default()
                },
                e,
            ));
        }
        if let Some(n) = self.t.num(i).filter(|n| *n <= 24 && self.t.digits(i) <= 2)
            && (self.num_ok(i) || self.t.punct(i + 1, '-'))
        {
            out.push((
                Spec::at_clock(Tod::new(n, None, n <= 12), Strength::Weak),
                i + 1,
            ));
        }
        out
    }

    /// Whether anything can start at token `i` (a cheap filter before the full grammar).
    pub fn could_start(&self, i: usize) -> bool {
        let Some(tok) = self.t.get(i) else {
            return false;
        };
        match tok.kind {
            Kind::Num => true,
            Kind::Word => {
                let w = self.w(i);
                let facts = self.t.facts(i);
                if lexicon::is_known(facts.lex) {
                    return true;
                }
                // A holiday's name is one word, or goes on with a word a rule can read.
                if facts.holiday_start && (facts.holiday_name || self.t.carries(i + 1)) {
                    return true;
                }
                if !facts.starter {
                    return false;
                }
                // A function word ("the", "in", "a") starts something only if the next token
                // can carry a rule ("the ministry" cannot), and a number or a time word follows
                // within a few tokens.
                self.t.carries(i + 1)
                    && (i + 1..(i + 5).min(self.t.len())).any(|k| {
                        match self.t.get(k).map(|t| t.kind) {
                            Some(Kind::Num) => true,
                            Some(Kind::Word) => {
                                let x = self.w(k);
                                lexicon::is_known(self.lex(k))
                                    || self.t.facts(k).holiday_start
                                    || SHORTHANDS.contains(&x)
                                    || CLOCK_WORDS[..3].contains(&x)
                                    || matches!(x, "moment" | "possible" | "recent" | "ides")
                            }
                            _ => false,
                        }
                    })
                    || SHORTHANDS.contains(&w)
                    || CLOCK_WORDS.contains(&w)
                    || matches!(
                        w,
                        "daily"
                            | "weekly"
                            | "monthly"
                            | "yearly"
                            | "annually"
                            | "hourly"
                            | "nightly"
                            | "quarterly"
                            | "biweekly"
                            | "fortnightly"
                    )
            }
            Kind::Punct => {
                self.t.punct(i, '@')
                    || self.t.punct(i, '\'') && self.t.glued(i + 1) && self.t.digits(i + 1) == 2
            }
            Kind::Other => false,
        }
    }
}
