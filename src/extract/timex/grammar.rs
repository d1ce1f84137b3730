//! The grammar: reads time expressions off the token stream.
//!
//! It works in three layers. *Atoms* are the smallest readings ("January 14, 2022", "Tuesday",
//! "3 pm", "tomorrow", "next week", "Christmas", "the 19th"), each a [`Spec`] of constraints.
//! *Chains* join adjacent atoms, with optional connectors ("Tuesday morning at 9", "on the
//! evening of January 12"), by merging their constraints. *Expressions* wrap chains in ranges
//! ("from 13 to 15 July"), open intervals ("since 2014", "until March", "by the 19th"),
//! durations ("about a week"), sets ("every Monday") and fuzzy references ("recently").
//!
//! Parsing only starts at tokens that can begin something (digits, or words in the lexicon or
//! the holiday names), and every rule looks at a bounded number of tokens, so the whole scan is
//! linear in the text.

use super::Grain;
use super::calendar::{self, Iv, add, truncate, unit_iv};
use super::holidays;
use super::lexicon::{self, Fuzzy, Lex, Pod, Unit};
use super::resolve::{self, Cue, Dir, Spec, Strength, Sub, Tod, merge, weekend_of};
use super::tokens::{Kind, Tokens};
use chrono::{Duration, NaiveDateTime};

/// A bound on a duration ("no more than ten days").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    Exact,
    AtMost,
    AtLeast,
}

/// A length of time as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Dur {
    /// `None` for a vague amount ("a few days", "several weeks").
    pub amount: Option<f64>,
    pub unit: Unit,
    pub approx: bool,
    pub bound: Bound,
}

/// What an expression means.
#[derive(Debug, Clone)]
pub(super) enum Item {
    Point(Spec),
    Range(Spec, Spec),
    After(Spec),
    Before(Spec),
    By(Spec),
    ForSpan(Spec, Dur),
    Within(Dur),
    Duration(Dur),
    Set {
        value: String,
        grain: Grain,
    },
    Now,
    Fuzzy(Fuzzy),
    /// An interval already fixed (ASAP and friends).
    Fixed(Option<NaiveDateTime>, Option<NaiveDateTime>, Grain),
}

/// One expression found: tokens `[start, end)`.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub start: usize,
    pub end: usize,
    pub item: Item,
    pub strength: Strength,
    pub approx: bool,
}

/// Month and weekday words that are also ordinary English words.
fn ambiguous_name(w: &str) -> bool {
    matches!(
        w,
        "may" | "march" | "mar" | "sun" | "sat" | "wed" | "jan" | "dec" | "sept"
    )
}

pub(super) struct Parser<'a> {
    pub t: &'a Tokens<'a>,
    pub r: NaiveDateTime,
    /// Chains already read, by start token (the same chain is asked for by several rules).
    pub memo: std::cell::RefCell<rustc_hash::FxHashMap<usize, Option<(Spec, usize)>>>,
}

/// Where the next atom of a chain may start: at most four positions.
struct Connectors {
    at: [usize; 4],
    len: usize,
}

impl Connectors {
    fn push(&mut self, k: usize) {
        if let Some(slot) = self.at.get_mut(self.len) {
            *slot = k;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[usize] {
        self.at.get(..self.len).unwrap_or_default()
    }
}

impl<'a> Parser<'a> {
    /// A parser over `t`, resolving against `r`.
    pub fn new(t: &'a Tokens<'a>, r: NaiveDateTime) -> Self {
        // Sized for a sentence's worth of chains, so that short texts never rehash it.
        Parser {
            t,
            r,
            memo: std::cell::RefCell::new(rustc_hash::FxHashMap::with_capacity_and_hasher(
                16,
                Default::default(),
            )),
        }
    }

    fn w(&self, i: usize) -> &str {
        self.t.s(i)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.t.is(i, w)
    }

    /// The lexicon meanings of token `i`.
    fn lex(&self, i: usize) -> &'static [Lex] {
        self.t.lex(i)
    }

    fn any(&self, i: usize, ws: &[&str]) -> bool {
        self.t.is_word(i) && ws.contains(&self.w(i))
    }

    /// Whether tokens may join across position `i` (no blank line before it).
    fn joinable(&self, i: usize) -> bool {
        i < self.t.len() && !self.t.broken(i)
    }

    /// Whether the casing of token `i` allows an ambiguous name (capitalized, or the whole text
    /// is lowercase, or the text is all capitals).
    fn case_ok(&self, i: usize) -> bool {
        let capital = self.t.get(i).is_some_and(|t| t.capital);
        capital || !self.t.has_upper || !self.t.has_lower
    }

    fn prev_word(&self, i: usize) -> &str {
        if i == 0 {
            return "";
        }
        if self
            .t
            .get(i)
            .is_some_and(|t| t.gap == super::tokens::Gap::Break)
        {
            return "";
        }
        self.w(i - 1)
    }

    fn prev_is_cue(&self, i: usize) -> bool {
        // The previous word, as `prev_word` finds it, is a date cue.
        let cue = i > 0 && !self.t.broken(i) && self.t.facts(i - 1).date_cue;
        cue || (i > 0 && self.t.punct(i - 1, '-') && self.prev_word(i) == "-")
    }

    /// A digit run that stands alone: not part of "2,000", "5.5", "5%", "$5", "#5", "A4".
    fn num_ok(&self, i: usize) -> bool {
        let Some(tok) = self.t.get(i) else {
            return false;
        };
        if tok.kind != Kind::Num {
            return false;
        }
        if self.t.glued(i) && i > 0 {
            let p = i - 1;
            if self.t.is_word(p) {
                // "A4", "Rat6" ... but not a month glued to a day ("Feb13").
                if lexicon::month(self.lex(p)).is_none() && self.w(p) != "q" && self.w(p) != "h" {
                    return false;
                }
            }
            if self.t.punct(p, '$')
                || self.t.punct(p, '#')
                || self.t.punct(p, '£')
                || self.t.punct(p, '€')
            {
                return false;
            }
            if (self.t.punct(p, '.') || self.t.punct(p, ','))
                && p > 0
                && self.t.glued(p)
                && self.t.num(p - 1).is_some()
            {
                return false;
            }
        }
        let n = i + 1;
        if self.t.glued(n) {
            if self.t.punct(n, '%') {
                return false;
            }
            if (self.t.punct(n, ',') || self.t.punct(n, '.'))
                && self.t.glued(n + 1)
                && self.t.num(n + 1).is_some()
            {
                return false;
            }
        }
        true
    }

    // ------------------------------------------------------------------ small readers

    /// An ordinal: "15th", "first", "twenty-first", "31st".
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.t.num(i) {
            if self.t.glued(i + 1) && self.any(i + 1, &["st", "nd", "rd", "th"]) && self.num_ok(i) {
                return Some((n, i + 2));
            }
            return None;
        }
        if let Some(n) = lexicon::ordinal(self.lex(i)) {
            return Some((n, i + 1));
        }
        if let Some(tens @ (20 | 30)) = lexicon::cardinal(self.lex(i)) {
            let mut j = i + 1;
            if self.t.punct(j, '-') && self.t.glued(j) {
                j += 1;
            }
            if let Some(u) = lexicon::ordinal(self.lex(j)).filter(|u| *u < 10) {
                return Some((tens + u, j + 1));
            }
        }
        None
    }

    /// A day of a month: an ordinal or a plain number 1-31.
    fn day_number(&self, i: usize) -> Option<(u32, usize, bool)> {
        if let Some((n, e)) = self.ordinal(i) {
            return (1..=31).contains(&n).then_some((n, e, true));
        }
        let n = self.t.num(i)?;
        (self.t.digits(i) <= 2 && (1..=31).contains(&n) && self.num_ok(i)).then_some((
            n,
            i + 1,
            false,
        ))
    }

    /// A four-digit year (or "two thousand ten").
    fn year4(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(n) = self.t.num(i) {
            if self.t.digits(i) == 4 && self.num_ok(i) && !self.t.glued(i + 1) {
                let year = i32::try_from(n).ok()?;
                // The Buddhist era, written in capitals after the year ("2555 BE" is 2012).
                if self.buddhist_era(i + 1) {
                    return Some((year - BUDDHIST_ERA_OFFSET, i + 2));
                }
                return Some((year, i + 1));
            }
            if self.t.digits(i) == 4
                && self.num_ok(i)
                && (self.t.punct(i + 1, ',') || self.t.punct(i + 1, '.'))
            {
                return Some((i32::try_from(n).ok()?, i + 1));
            }
            return None;
        }
        if self.is(i, "two") && self.is(i + 1, "thousand") {
            let mut j = i + 2;
            if self.is(j, "and") {
                j += 1;
            }
            if let Some((n, e)) = self.cardinal_words(j).filter(|(n, _)| *n < 100) {
                return Some((2000 + i32::try_from(n).ok()?, e));
            }
            return Some((2000, i + 2));
        }
        None
    }

    /// Whether token `i` is the Buddhist era's mark "BE", in capitals in a text that has
    /// lowercase letters (so that the verb "be" of an all-capitals headline is not read).
    fn buddhist_era(&self, i: usize) -> bool {
        self.is(i, "be")
            && self.t.has_lower
            && self
                .t
                .get(i)
                .and_then(|t| self.t.text.get(t.start..t.end))
                .is_some_and(|raw| raw == "BE")
            && !self.t.glued(i + 1)
    }

    /// A year clipped to two digits after an apostrophe, behind a date cue: "in '82", "since
    /// '09". The apostrophe must not close a word ("rock'82") and nothing may be glued after
    /// the digits ("'90s" is a decade, "'82a" no year).
    fn clipped_year(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let digits = i + 1;
        if !self.t.punct(i, '\'')
            || i == 0
            || self.t.glued(i)
            || !self.t.glued(digits)
            || self.t.digits(digits) != 2
            || self
                .t
                .get(digits + 1)
                .is_some_and(|t| t.gap == super::tokens::Gap::None && t.kind != Kind::Punct)
            || !self.prev_is_cue(i)
        {
            return;
        }
        let Some(n) = self.t.num(digits) else {
            return;
        };
        out.push((
            Spec {
                year: Some(expand_year(n, 2)),
                strength: Strength::Strong,
                ..Spec::default()
            },
            digits + 1,
        ));
    }

    /// A number written in words: "five", "twenty five", "twenty-five".
    fn cardinal_words(&self, i: usize) -> Option<(u32, usize)> {
        let n = lexicon::cardinal(self.lex(i))?;
        if self.t.get(i)?.kind != Kind::Word {
            return None;
        }
        if (20..=90).contains(&n) && n % 10 == 0 {
            let mut j = i + 1;
            if self.t.punct(j, '-') && self.t.glued(j) {
                j += 1;
            }
            if let Some(u) = lexicon::cardinal(self.lex(j)).filter(|u| (1..10).contains(u)) {
                return Some((n + u, j + 1));
            }
        }
        Some((n, i + 1))
    }

    /// An amount and a unit: "3 days", "a week", "two and a half hours", "half an hour",
    /// "a couple of minutes", "1/4h", "2.5 hours", "30'".
    fn count_unit(&self, i: usize) -> Option<(Dur, usize)> {
        let mut approx = false;
        let mut j = i;
        if self.is(j, "a") && self.any(j + 1, &["few", "couple", "pair"])
            || self.any(j, &["few", "several", "couple", "pair", "some", "many"])
        {
            let w = if self.is(j, "a") {
                self.w(j + 1)
            } else {
                self.w(j)
            };
            j += if self.is(j, "a") { 2 } else { 1 };
            let amount = match w {
                "couple" | "pair" => Some(2.0),
                "few" => Some(3.0),
                _ => None,
            };
            approx = amount.is_none() || w == "few";
            if self.is(j, "of") {
                j += 1;
            }
            if self.is(j, "more") {
                j += 1;
            }
            let unit = lexicon::unit(self.lex(j))?;
            let amount = if w == "few" || w == "couple" || w == "pair" {
                amount
            } else {
                None
            };
            return Some((
                Dur {
                    amount,
                    unit,
                    approx,
                    bound: Bound::Exact,
                },
                j + 1,
            ));
        }
        // Fractions of an hour.
        if self.any(j, &["half", "quarter"]) || self.is(j, "a") && self.is(j + 1, "quarter") {
            let k = if self.is(j, "a") { j + 1 } else { j };
            let frac = if self.is(k, "half") { 0.5 } else { 0.25 };
            let mut e = k + 1;
            if self.is(e, "of") {
                e += 1;
            }
            if self.any(e, &["an", "a"]) {
                e += 1;
                if let Some(unit) = lexicon::unit(self.lex(e)) {
                    return Some((
                        Dur {
                            amount: Some(frac),
                            unit,
                            approx: false,
                            bound: Bound::Exact,
                        },
                        e + 1,
                    ));
                }
            }
            return None;
        }
        if self.any(j, &["three"]) && self.t.punct(j + 1, '-') && self.is(j + 2, "quarters") {
            let mut e = j + 3;
            if self.is(e, "of") {
                e += 1;
            }
            if self.any(e, &["an", "a"]) {
                e += 1;
            }
            let unit = lexicon::unit(self.lex(e))?;
            return Some((
                Dur {
                    amount: Some(0.75),
                    unit,
                    approx: false,
                    bound: Bound::Exact,
                },
                e + 1,
            ));
        }
        let (mut amount, mut e) = if let Some(n) = self.t.num(j) {
            // "2,000" is no count of time units.
            if !self.num_ok(j) && self.t.glued(j + 1) && self.t.punct(j + 1, ',') {
                return None;
            }
            let mut v = f64::from(n);
            let mut e = j + 1;
            if self.t.glued(e)
                && (self.t.punct(e, '.') || self.t.punct(e, '/'))
                && self.t.glued(e + 1)
                && let Some(d) = self.t.num(e + 1)
            {
                if self.t.punct(e, '.') {
                    let digits = self.t.digits(e + 1).min(9);
                    v += f64::from(d) / 10f64.powi(i32::try_from(digits).unwrap_or(9));
                } else if d > 0 {
                    v /= f64::from(d);
                }
                e += 2;
            }
            (v, e)
        } else if self.any(j, &["a", "an", "one"]) {
            (1.0, j + 1)
        } else if let Some((n, e)) = self.cardinal_words(j) {
            (f64::from(n), e)
        } else {
            return None;
        };
        // "two and a half hours", "2 and an half hours".
        if self.is(e, "and") && self.any(e + 1, &["a", "an"]) && self.is(e + 2, "half") {
            amount += 0.5;
            e += 3;
        }
        if self.is(e, "more") {
            e += 1;
        }
        // Minutes and seconds written with primes: "30'", "1\"".
        if self.t.num(e - 1).is_some() && self.t.glued(e) {
            if self.t.punct(e, '\'') {
                return Some((
                    Dur {
                        amount: Some(amount),
                        unit: Unit::Minute,
                        approx,
                        bound: Bound::Exact,
                    },
                    e + 1,
                ));
            }
            if self.t.punct(e, '"') {
                return Some((
                    Dur {
                        amount: Some(amount),
                        unit: Unit::Second,
                        approx,
                        bound: Bound::Exact,
                    },
                    e + 1,
                ));
            }
        }
        let mut unit = lexicon::unit(self.lex(e))?;
        if self.w(e) == "h" && !self.t.glued(e) && self.t.num(e - 1).is_some() {
            // "3 h" is fine, but "h" as a word only after a number.
        }
        if self.w(e) == "h" && self.t.num(e - 1).is_none() {
            return None;
        }
        // "a second" is rarely a length of time ("a second time"); "a quarter" rarely three months.
        if (self.w(e) == "second" || unit == Unit::Quarter)
            && self.any(j, &["a", "an", "one"])
            && (self.is(e + 1, "time") || unit == Unit::Quarter)
        {
            return None;
        }
        e += 1;
        if self.t.punct(e, '-') && self.t.glued(e) && self.any(e + 1, &["long", "old"]) {
            // "a two-day visit" keeps the duration; "week-long" too.
        }
        if unit == Unit::Fortnight {
            unit = Unit::Fortnight;
        }
        Some((
            Dur {
                amount: Some(amount),
                unit,
                approx,
                bound: Bound::Exact,
            },
            e,
        ))
    }

    /// A unit written as one or two letters glued to its number ("1d", "3w", "3mo", "5m",
    /// "49s"): read only inside a shift ("3w later", "3m 49s ago", "in 1d 2hr"), where no
    /// other reading ("3D", "$3m") is likely.
    fn short_unit(&self, e: usize) -> Option<Unit> {
        if !(self.t.is_word(e) && self.t.glued(e) && e > 0 && self.t.num(e - 1).is_some()) {
            return None;
        }
        match self.w(e) {
            "d" => Some(Unit::Day),
            "w" => Some(Unit::Week),
            "mo" => Some(Unit::Month),
            "m" => Some(Unit::Minute),
            "s" => Some(Unit::Second),
            _ => None,
        }
    }

    /// One or more amounts with units read as one length ("1 day 21 hours", "3m 49s",
    /// "1d, 2hr, and 5min"): parts of a week or less are added up in the smallest unit.
    fn count_units(&self, j: usize) -> Option<(Dur, usize)> {
        let one = |k: usize| -> Option<(Dur, usize)> {
            if let Some(found) = self.count_unit(k) {
                return Some(found);
            }
            let n = self.t.num(k)?;
            let unit = self.short_unit(k + 1)?;
            Some((
                Dur {
                    amount: Some(f64::from(n)),
                    unit,
                    approx: false,
                    bound: Bound::Exact,
                },
                k + 2,
            ))
        };
        let (first, mut e) = one(j)?;
        let mut parts = vec![first];
        loop {
            let mut k = e;
            if self.t.punct(k, ',') {
                k += 1;
            }
            if self.is(k, "and") {
                k += 1;
            }
            match one(k).filter(|_| self.t.num(k).is_some()) {
                Some((d, next)) => {
                    parts.push(d);
                    e = next;
                }
                None => break,
            }
        }
        let short = self.short_unit(j + 1).is_some() && parts.len() == 1;
        let ends_shift = self.any(e, &["ago", "later", "hence", "back", "earlier"]);
        if short && !(ends_shift || (j > 0 && self.is(j - 1, "in"))) {
            return None;
        }
        if parts.len() == 1 {
            return parts.pop().map(|d| (d, e));
        }
        let seconds = |u: Unit| -> Option<f64> {
            Some(match u {
                Unit::Second => 1.0,
                Unit::Minute => 60.0,
                Unit::Hour => 3_600.0,
                Unit::Day => 86_400.0,
                Unit::Week => 604_800.0,
                _ => return None,
            })
        };
        let smallest = parts.iter().map(|d| d.unit).min_by(|a, b| {
            let (a, b) = (
                seconds(*a).unwrap_or(f64::MAX),
                seconds(*b).unwrap_or(f64::MAX),
            );
            a.total_cmp(&b)
        })?;
        let unit_seconds = seconds(smallest)?;
        let mut total = 0.0;
        for d in &parts {
            total += d.amount? * seconds(d.unit)?;
        }
        Some((
            Dur {
                amount: Some((total / unit_seconds).round()),
                unit: smallest,
                approx: parts.iter().any(|d| d.approx),
                bound: Bound::Exact,
            },
            e,
        ))
    }

    /// am/pm markers: "pm", "p.m.", "p m", "PM", and "p"/"a" right after a clock reading.
    fn ampm(&self, i: usize, loose: bool) -> Option<(bool, usize)> {
        let w = self.w(i);
        if !self.t.is_word(i) {
            return None;
        }
        let pm = match w {
            "am" => false,
            "pm" => true,
            "a" | "p" => {
                let pm = w == "p";
                // "a.m." / "p.m." / "a m".
                if self.t.punct(i + 1, '.') && self.t.glued(i + 1) && self.is(i + 2, "m") {
                    let mut e = i + 3;
                    if self.t.punct(e, '.') && self.t.glued(e) {
                        e += 1;
                    }
                    return Some((pm, e));
                }
                if self.is(i + 1, "m") && !self.t.has_upper {
                    return Some((pm, i + 2));
                }
                if loose && self.t.glued(i) {
                    let mut e = i + 1;
                    if self.t.punct(e, '.') && self.t.glued(e) {
                        e += 1;
                    }
                    return Some((pm, e));
                }
                return None;
            }
            _ => return None,
        };
        let mut e = i + 1;
        if self.t.punct(e, '.') && self.t.glued(e) && (self.w(i) == "am" || self.w(i) == "pm") {
            // "pm." at a sentence end keeps the dot out of the span.
            if !self.joinable(e + 1) || self.t.get(e + 1).is_none() {
                e = i + 1;
            }
        }
        Some((pm, e))
    }

    /// Time-zone words after a clock reading (kept in the span; see the module comment).
    fn zone(&self, i: usize) -> usize {
        const ZONES: &[&str] = &[
            "gmt", "utc", "cet", "cest", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
            "bst", "ist", "msk", "eet", "eest", "wet", "jst", "aest", "z",
        ];
        if self.t.punct(i, '(') && ZONES.contains(&self.w(i + 1)) && self.t.punct(i + 2, ')') {
            return i + 3;
        }
        // A numeric offset glued to the reading: "08:15:30-05:30", "13:00+0100".
        if (self.t.punct(i, '-') || self.t.punct(i, '+'))
            && self.t.glued(i)
            && self.t.glued(i + 1)
            && let Some(h) = self.t.num(i + 1)
        {
            if self.t.digits(i + 1) == 2
                && h <= 14
                && self.t.punct(i + 2, ':')
                && self.t.glued(i + 2)
                && self.t.glued(i + 3)
                && self.t.digits(i + 3) == 2
            {
                return i + 4;
            }
            if self.t.digits(i + 1) == 4 && h <= 1400 {
                return i + 2;
            }
        }
        if self.any(i, ZONES) && (self.w(i) != "z" || self.t.glued(i)) {
            let upper_or_lower = self.t.get(i).is_some_and(|t| {
                let s = &self.t.text[t.start..t.end];
                s.chars().all(|c| c.is_ascii_uppercase()) || !self.t.has_upper
            });
            if upper_or_lower || self.w(i) == "gmt" || self.w(i) == "utc" {
                return i + 1;
            }
        }
        i
    }

    /// "ish" after a reading.
    fn ish(&self, i: usize) -> (bool, usize) {
        if self.is(i, "ish") && self.t.glued(i) {
            return (true, i + 1);
        }
        if self.t.punct(i, '-') && self.t.glued(i) && self.is(i + 1, "ish") {
            return (true, i + 2);
        }
        if self.is(i, "ish") {
            return (true, i + 1);
        }
        (false, i)
    }

    // ------------------------------------------------------------------ atoms

    fn atoms(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let Some(tok) = self.t.get(i) else {
            return;
        };
        // No rule reads a word the grammar does not know ("treaty").
        if tok.kind == Kind::Word && !self.t.facts(i).carries() {
            return;
        }
        match tok.kind {
            Kind::Num => {
                self.numeric_date(i, out);
                self.day_month(i, out);
                self.day_ordinal(i, out);
                self.clock(i, out);
                self.year_atom(i, out);
                self.quarter_atom(i, out);
                self.shift_atom(i, out);
                self.sub_atom(i, out);
                self.cue_atom(i, out);
            }
            Kind::Word => {
                let w = self.w(i);
                if lexicon::month(self.lex(i)).is_some() {
                    self.month_atoms(i, out);
                }
                if lexicon::weekday(self.lex(i)).is_some() {
                    self.weekday_atom(i, out);
                }
                if lexicon::ordinal(self.lex(i)).is_some()
                    || lexicon::cardinal(self.lex(i)).is_some()
                    || w == "the"
                {
                    self.day_month(i, out);
                    self.day_ordinal(i, out);
                }
                if self.t.facts(i).holiday_start {
                    self.holiday_atom(i, out);
                }
                self.words_atoms(i, out);
            }
            Kind::Punct => {
                if self.t.punct(i, '@') {
                    self.clock(i, out);
                }
                self.clipped_year(i, out);
            }
            Kind::Other => {}
        }
    }

    /// Dates written with digits: 2/15, 10/31/1974, 2015-03-03, 2014-10, 31/Oct/1974, 2/2013.
    fn numeric_date(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        if i > 0 && self.t.glued(i) && !self.t.punct(i - 1, '(') {
            if self.t.num(i - 1).is_some() || self.t.is_word(i - 1) {
                return;
            }
            if (self.t.punct(i - 1, '/') || self.t.punct(i - 1, '-') || self.t.punct(i - 1, '.'))
                && i > 1
                && self.t.glued(i - 1)
                && self.t.num(i - 2).is_some()
            {
                return;
            }
        }
        let a = match self.t.num(i) {
            Some(a) => a,
            None => return,
        };
        let da = self.t.digits(i);
        let sep_at = |k: usize| -> Option<char> {
            ['/', '-', '.'].into_iter().find(|&c| self.t.punct(k, c))
        };
        let tight = |k: usize| self.t.glued(k) && self.t.glued(k + 1);
        let spaced_ok = |k: usize| {
            // "2 / 15", "2 - 15": spaced on both sides.
            !self.t.glued(k)
                && self
                    .t
                    .get(k + 1)
                    .is_some_and(|t| t.gap != super::tokens::Gap::None)
        };
        let Some(s1) = sep_at(i + 1) else {
            // ISO compact forms are not read: "20130212" is too often an id.
            return;
        };
        let glued1 = tight(i + 1);
        if !glued1 && !spaced_ok(i + 1) {
            return;
        }
        // Month names in the middle: 31/Oct/1974, 31-Oct-74.
        if let Some(m) = lexicon::month(self.lex(i + 2)) {
            if glued1 && da <= 2 && (1..=31).contains(&a) {
                let mut spec = Spec {
                    month: Some(m),
                    day: Some(a),
                    strength: Strength::Strong,
                    ..Spec::default()
                };
                let mut e = i + 3;
                if sep_at(e) == Some(s1)
                    && tight(e)
                    && let Some(y) = self.t.num(e + 1)
                {
                    let dy = self.t.digits(e + 1);
                    spec.year = Some(expand_year(y, dy));
                    e += 2;
                }
                out.push((spec, e));
            } else if glued1
                && da == 4
                && sep_at(i + 3) == Some(s1)
                && tight(i + 3)
                && let Some(d) = self.t.num(i + 4).filter(|d| (1..=31).contains(d))
            {
                // Year first: 2012/Aug/10.
                out.push((
                    Spec {
                        year: Some(expand_year(a, da)),
                        month: Some(m),
                        day: Some(d),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    i + 5,
                ));
            }
            return;
        }
        let Some(b) = self.t.num(i + 2) else {
            return;
        };
        let db = self.t.digits(i + 2);
        // A third number?
        let third = if glued1 && sep_at(i + 3) == Some(s1) && tight(i + 3) {
            self.t.num(i + 4).map(|c| (c, self.t.digits(i + 4)))
        } else {
            None
        };
        // Reject longer digit chains (phone numbers, version strings).
        let chain_end = if third.is_some() { i + 5 } else { i + 3 };
        if self.t.glued(chain_end)
            && (sep_at(chain_end).is_some() || self.t.punct(chain_end, ','))
            && self.t.glued(chain_end + 1)
            && self.t.num(chain_end + 1).is_some()
        {
            return;
        }
        // An ISO 8601 timestamp: "1994-11-05T13:15:30Z".
        let iso_t = third.is_some()
            && da == 4
            && self.is(chain_end, "t")
            && self.t.glued(chain_end)
            && self.t.glued(chain_end + 1)
            && self.t.num(chain_end + 1).is_some();
        if self.t.glued(chain_end) && self.t.is_word(chain_end) && !iso_t {
            // "1/4h", "2/3rds" are fractions.
            return;
        }
        match third {
            Some((c, dc)) => {
                let (y, m, d) = if da == 4 {
                    (expand_year(a, da), b, c)
                } else if (1..=12).contains(&a) {
                    (expand_year(c, dc), a, b)
                } else {
                    (expand_year(c, dc), b, a)
                };
                if da != 4 && dc != 4 && dc != 2 {
                    return;
                }
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    return;
                }
                let spec = Spec {
                    year: Some(y),
                    month: Some(m),
                    day: Some(d),
                    strength: Strength::Strong,
                    ..Spec::default()
                };
                let mut e = i + 5;
                // An ISO date with a clock time: "2015-03-28 17:00:00", "2015-03-28T17:00Z".
                let clock_at = if iso_t { e + 1 } else { e };
                let mut with_time = Vec::new();
                self.clock(clock_at, &mut with_time);
                if let Some((t, te)) = with_time.into_iter().max_by_key(|(_, te)| *te)
                    && t.strength == Strength::Strong
                    && self
                        .t
                        .get(e)
                        .is_some_and(|tk| tk.gap != super::tokens::Gap::Break)
                    && let Some(m) = merge(&spec, &t)
                {
                    out.push((m, te));
                }
                if self.t.punct(e, '.') && self.t.glued(e) && self.t.get(e + 1).is_none() {
                    e += 0;
                }
                out.push((spec, e));
            }
            None => {
                if da == 4 && (1..=12).contains(&b) && glued1 && s1 != '.' && db <= 2 {
                    // 2014-10, 2014/10.
                    out.push((
                        Spec {
                            year: Some(expand_year(a, da)),
                            month: Some(b),
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        i + 3,
                    ));
                } else if da <= 2 && (1..=12).contains(&a) && db == 4 && s1 == '/' && glued1 {
                    // 2/2013.
                    out.push((
                        Spec {
                            year: Some(expand_year(b, db)),
                            month: Some(a),
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        i + 3,
                    ));
                } else if da <= 2
                    && db <= 2
                    && (1..=12).contains(&a)
                    && (1..=31).contains(&b)
                    && s1 != '.'
                {
                    // 2/15: month first. Dashes and spaced slashes are too often scores or
                    // ranges to stand alone.
                    let strength = if s1 == '/' && glued1 {
                        Strength::Strong
                    } else {
                        Strength::Latent
                    };
                    out.push((
                        Spec {
                            month: Some(a),
                            day: Some(b),
                            strength,
                            ..Spec::default()
                        },
                        i + 3,
                    ));
                }
            }
        }
    }

    /// Month-first dates: "January 14, 2022", "Jan. 9", "march first", "October 2014", "May".
    fn month_atoms(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let w = self.w(i);
        let Some(m) = lexicon::month(self.lex(i)) else {
            return;
        };
        let ambiguous = ambiguous_name(w);
        if ambiguous && !self.case_ok(i) {
            return;
        }
        let mut j = i + 1;
        let dotted = self.t.punct(j, '.') && self.t.glued(j);
        if dotted && w.len() <= 4 {
            j += 1;
        }
        let base = Spec {
            month: Some(m),
            strength: Strength::Strong,
            ..Spec::default()
        };
        // Day after the month ("March, 6th 2016" takes a comma before an ordinal day).
        let mut k = j;
        let comma_before_ordinal_day = self.t.punct(k, ',')
            && self
                .day_number(k + 1)
                .is_some_and(|(_, e, ordinal)| ordinal && self.year4(e).is_some());
        if self.is(k, "the") || comma_before_ordinal_day {
            k += 1;
        }
        if self.joinable(k)
            && let Some((d, e, _)) = self.day_number(k)
            && !self.t.punct(e, ':')
            && !(self.t.num(k).is_some()
                && self.t.glued(e)
                && self.t.is_word(e)
                && !self.any(e, &["st", "nd", "rd", "th"]))
        {
            let mut spec = base.clone();
            spec.day = Some(d);
            out.push((spec.clone(), e));
            // Year after the day.
            let mut y = e;
            if self.t.punct(y, ',') {
                y += 1;
            }
            if let Some((year, ye)) = self.year4(y) {
                spec.year = Some(year);
                out.push((spec, ye));
            } else if let Some(n) = self.t.num(y)
                && self.t.digits(y) == 2
                && !self.t.glued(y)
                && self.t.get(y + 1).is_none_or(|t| t.kind == Kind::Punct)
                && !self.t.punct(y + 1, ':')
            {
                // A two-digit year closing the date: "Aug 9, 96".
                spec.year = Some(expand_year(n, 2));
                out.push((spec, y + 1));
            }
        }
        // Year right after the month.
        let mut y = j;
        if self.t.punct(y, ',') || self.is(y, "of") {
            y += 1;
        }
        if let Some((year, ye)) = self.year4(y) {
            let mut spec = base.clone();
            spec.year = Some(year);
            out.push((spec, ye));
        }
        // The month alone.
        let mut spec = base;
        let strong = if ambiguous {
            self.t.get(i).is_some_and(|t| t.capital) && self.prev_is_cue(i)
                || !self.t.has_upper && self.prev_is_cue(i)
        } else {
            true
        };
        spec.strength = if strong {
            Strength::Strong
        } else {
            Strength::Latent
        };
        // "was introduced in January": a past clause means the last January.
        spec.dir = self.tense(i).filter(|d| *d == Dir::Past);
        out.push((spec, j));
    }

    /// Day-first dates: "14 January 2022", "31st Oct 1974", "15 of february", "4th of July",
    /// "the 1st of march", "the ides of march", "14april 2015".
    fn day_month(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let (d, mut e) = if self.is(j, "ides") {
            (0, j + 1)
        } else {
            match self.day_number(j) {
                Some((d, e, _)) => (d, e),
                None => return,
            }
        };
        let ides = d == 0;
        let mut of = false;
        if self.is(e, "of") {
            e += 1;
            of = true;
        } else if (self.t.punct(e, '-') || self.t.punct(e, '/')) && self.t.glued(e) {
            // Handled by numeric_date.
            return;
        }
        if self.is(e, "the") && of {
            e += 1;
        }
        if !self.joinable(e) {
            return;
        }
        let mw = self.w(e);
        let Some(m) = lexicon::month(self.lex(e)) else {
            return;
        };
        if ambiguous_name(mw) && !self.case_ok(e) && !of {
            return;
        }
        let day = if ides {
            if matches!(m, 3 | 5 | 7 | 10) { 15 } else { 13 }
        } else {
            d
        };
        let mut end = e + 1;
        if self.t.punct(end, '.') && self.t.glued(end) && mw.len() <= 4 {
            end += 1;
        }
        let spec = Spec {
            month: Some(m),
            day: Some(day),
            strength: Strength::Strong,
            ..Spec::default()
        };
        out.push((spec.clone(), end));
        let mut y = end;
        if self.t.punct(y, ',') {
            y += 1;
        }
        if let Some((year, ye)) = self.year4(y) {
            let mut s = spec.clone();
            s.year = Some(year);
            out.push((s, ye));
        } else if let Some(n) = self.t.num(y) {
            // "14th April 15": a two-digit year only at the end of a phrase.
            if self.t.digits(y) == 2
                && y == end
                && self.t.get(y + 1).is_none_or(|t| t.kind == Kind::Punct)
                && self.num_ok(y)
            {
                let mut s = spec;
                s.year = Some(expand_year(n, 2));
                out.push((s, y + 1));
            }
        }
    }

    /// "the 19th", "on the 15th", "the 24", "20 of", "the first" after "on".
    fn day_ordinal(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let the = self.is(i, "the");
        let j = if the { i + 1 } else { i };
        if let Some((d, e)) = self.ordinal(j).filter(|(d, _)| (1..=31).contains(d)) {
            let numeric = self.t.num(j).is_some();
            if !numeric {
                // "the first" is a day only after "on"/"by"/"until" and before a pause.
                let pause = self.t.get(e).is_none_or(|t| t.kind == Kind::Punct);
                let after_cue = the
                    && pause
                    && self.any(
                        i.wrapping_sub(1),
                        &["on", "by", "until", "till", "since", "from"],
                    );
                if !after_cue && !self.is(e, "of") {
                    return;
                }
            }
            // "the 19th century", "19th-century", "the 5th anniversary": an ordinal before a noun
            // that is not a date word is not a day.
            if self.t.is_word(e)
                && !self.is(e, "of")
                && !self.t.get(e).is_some_and(|t| t.kind == Kind::Punct)
            {
                let nw = self.w(e);
                let dateish = lexicon::is_known(self.lex(e))
                    || matches!(
                        nw,
                        "at" | "and"
                            | "to"
                            | "through"
                            | "till"
                            | "until"
                            | "in"
                            | "on"
                            | "or"
                            | "this"
                            | "next"
                            | "last"
                            | "from"
                            | "after"
                            | "before"
                            | "when"
                            | "as"
                            | "with"
                            | "amid"
                            | "following"
                            | "because"
                            | "but"
                            | "for"
                            | "by"
                            | "while"
                            | "despite"
                            | "that"
                            | "which"
                            | "was"
                            | "is"
                            | "will"
                            | "were"
                            | "the"
                            | "a"
                            | "an"
                    )
                    || self.t.facts(e).holiday_start;
                if !dateish {
                    return;
                }
            }
            if self.t.punct(e, '-')
                && self.t.glued(e)
                && self.t.is_word(e + 1)
                && lexicon::month(self.lex(e + 1)).is_none()
            {
                return;
            }
            let strong = the
                || self.any(
                    i.wrapping_sub(1),
                    &[
                        "on", "by", "until", "till", "since", "from", "before", "after", "through",
                    ],
                );
            out.push((
                Spec {
                    day: Some(d),
                    strength: if strong {
                        Strength::Strong
                    } else {
                        Strength::Weak
                    },
                    ..Spec::default()
                },
                e,
            ));
            return;
        }
        if let Some(n) = self.t.num(j)
            && self.t.digits(j) <= 2
            && (1..=31).contains(&n)
            && self.num_ok(j)
        {
            if self.is(j + 1, "of") {
                out.push((
                    Spec {
                        day: Some(n),
                        strength: Strength::Weak,
                        ..Spec::default()
                    },
                    j + 1,
                ));
            } else if the
                && self.t.get(j + 1).is_none_or(|t| {
                    t.kind == Kind::Punct && !self.t.punct(j + 1, '-') && !self.t.punct(j + 1, '/')
                })
            {
                out.push((
                    Spec {
                        day: Some(n),
                        strength: Strength::Latent,
                        ..Spec::default()
                    },
                    j + 1,
                ));
            }
        }
    }

    fn weekday_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let w = self.w(i);
        let Some(d) = lexicon::weekday(self.lex(i)) else {
            return;
        };
        let mut e = i + 1;
        let dotted = self.t.punct(e, '.') && self.t.glued(e) && w.len() <= 5;
        if dotted {
            e += 1;
        }
        let full = w.len() >= 6;
        let strength = if ambiguous_name(w) {
            if !self.case_ok(i) {
                return;
            }
            if dotted
                || self.any(
                    i.wrapping_sub(1),
                    &[
                        "on", "last", "next", "this", "every", "each", "by", "until", "since",
                    ],
                )
            {
                Strength::Strong
            } else {
                Strength::Latent
            }
        } else if full || self.case_ok(i) || dotted {
            Strength::Strong
        } else {
            Strength::Latent
        };
        out.push((
            Spec {
                weekday: Some(d),
                strength,
                dir: self.tense(i),
                ..Spec::default()
            },
            e,
        ));
    }

    /// The tense of the clause around token `i`, for a bare weekday: the nearest tense marker
    /// decides, a future one ("will", "scheduled") making it the next such day and a past one
    /// ("said", "broke", "was") the last; `None` leaves the default. The look-back stops at a
    /// clause opener ("said that on Friday talks would resume" reads "would"), the look-ahead at
    /// one too ("said on Friday that talks would resume" reads "said"); on a tie the verb before
    /// the day wins.
    fn tense(&self, i: usize) -> Option<Dir> {
        const FUTURE: &[&str] = &[
            "will",
            "shall",
            "ll",
            "upcoming",
            "scheduled",
            "planned",
            "plans",
            "plan",
            "due",
            "expected",
            "expects",
            "going",
            "intends",
            "would",
            "set",
        ];
        const PAST_MARKERS: &[&str] = &["ago", "earlier"];
        /// Words that open a new clause, beyond which a tense marker belongs to another verb.
        const CLAUSE_OPENERS: &[&str] = &[
            "that", "which", "who", "because", "but", "while", "whereas", "although", "though",
            "if", "unless",
        ];
        let stop = |k: usize| {
            self.t.punct(k, '.')
                || self.t.punct(k, '!')
                || self.t.punct(k, '?')
                || self.t.punct(k, ';')
        };
        let marker = |k: usize| -> Option<Dir> {
            if !self.t.is_word(k) {
                return None;
            }
            let w = self.w(k);
            if FUTURE.contains(&w) {
                Some(Dir::FutureStrict)
            } else if PAST_MARKERS.contains(&w) || crate::extract::verbs::is_clearly_past(w) {
                Some(Dir::Past)
            } else {
                None
            }
        };
        let mut before: Option<(usize, Dir)> = None;
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < TENSE_LOOKBACK {
            k -= 1;
            steps += 1;
            if stop(k)
                && !(k > 0 && self.t.is_word(k - 1) && self.w(k - 1).len() <= 4 && self.t.glued(k))
            {
                break;
            }
            if let Some(dir) = marker(k) {
                before = Some((steps, dir));
                break;
            }
            if CLAUSE_OPENERS.contains(&self.w(k)) {
                break;
            }
        }
        let mut after: Option<(usize, Dir)> = None;
        let mut k = i + 1;
        steps = 0;
        while k < self.t.len() && steps < 12 {
            // Past a comma a verb belongs to another clause ("will meet on Friday, he said")
            // unless the day has no verb of its own before it ("On Friday, they met").
            let comma_after_verb = before.is_some() && self.t.punct(k, ',');
            // The full stop of an abbreviation ("Apple Inc. released") ends no clause.
            let abbreviation = k > 0
                && self.t.is_word(k - 1)
                && self.t.get(k - 1).is_some_and(|t| t.capital)
                && self.w(k - 1).len() <= 4
                && self.t.glued(k)
                && self
                    .t
                    .get(k + 1)
                    .is_some_and(|t| t.kind == Kind::Word && !t.capital);
            if (stop(k) && !abbreviation)
                || self.t.broken(k)
                || comma_after_verb
                || CLAUSE_OPENERS.contains(&self.w(k))
            {
                break;
            }
            steps += 1;
            if let Some(dir) = marker(k) {
                after = Some((steps, dir));
                break;
            }
            k += 1;
        }
        match (before, after) {
            (Some((db, dir)), Some((da, _))) if db <= da => Some(dir),
            (_, Some((_, dir))) | (Some((_, dir)), None) => Some(dir),
            (None, None) => None,
        }
    }

    /// Clock readings: "3pm", "3:15", "15h00", "3 o'clock", "noon", "half past three",
    /// "a quarter to noon", "at 7", "1030", "nine fifty nine a m".
    fn clock(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let mut j = i;
        let mut at = false;
        if self.is(j, "at") || self.t.punct(j, '@') {
            j += 1;
            at = true;
        }
        let approx_before = self.any(
            i.wrapping_sub(1),
            &[
                "around",
                "about",
                "approximately",
                "at",
                "roughly",
                "by",
                "until",
                "till",
                "after",
                "before",
                "since",
                "from",
            ],
        ) || at;
        if self.t.num(j).is_some()
            && let Some((spec, e)) = self.relative_clock(j)
        {
            out.push((spec, e));
            return;
        }
        if let Some(n) = self.t.num(j) {
            if !self.num_ok(j) {
                // "650-650-6500", "2,000": no clock.
                if !(self.t.glued(j + 1) && (self.t.punct(j + 1, ':') || self.t.punct(j + 1, '.')))
                {
                    return;
                }
            }
            let d = self.t.digits(j);
            // H:MM[:SS] and H.MM with am/pm.
            if (self.t.punct(j + 1, ':') || self.t.punct(j + 1, '.'))
                && self.t.glued(j + 1)
                && self.t.glued(j + 2)
                && self.t.digits(j + 2) == 2
            {
                let colon = self.t.punct(j + 1, ':');
                let m = self.t.num(j + 2).unwrap_or(99);
                if d <= 2 && n <= 24 && m < 60 {
                    let mut e = j + 3;
                    let mut second = None;
                    if colon && self.t.punct(e, ':') && self.t.glued(e) && self.t.digits(e + 1) == 2
                    {
                        let s = self.t.num(e + 1).unwrap_or(99);
                        if s < 60 {
                            second = Some(s);
                            e += 2;
                        }
                    }
                    if (self.t.punct(e, ':') || self.t.punct(e, '.') || self.t.punct(e, ','))
                        && self.t.glued(e)
                        && self.t.num(e + 1).is_some()
                    {
                        return;
                    }
                    let ap = self.ampm(e, true);
                    if !colon && ap.is_none() {
                        // "3.30" without am/pm is a number.
                        return;
                    }
                    let (tod, e2) = make_tod(n, Some(m), second, ap);
                    if let Some(tod) = tod {
                        let e2 = e2.unwrap_or(e);
                        let (_, e3) = self.ish(e2);
                        let e3 = self.zone(e3);
                        out.push((
                            Spec {
                                tod: Some(tod),
                                strength: Strength::Strong,
                                ..Spec::default()
                            },
                            e3,
                        ));
                    }
                }
                return;
            }
            // 15h00, 3h18, 16h.
            if self.is(j + 1, "h") && self.t.glued(j + 1) && d <= 2 && n <= 24 {
                if self.t.glued(j + 2) && self.t.digits(j + 2) == 2 {
                    let m = self.t.num(j + 2).unwrap_or(99);
                    if m < 60 {
                        let e = self.zone(j + 3);
                        out.push((
                            Spec {
                                tod: Some(Tod {
                                    hour: n,
                                    minute: Some(m),
                                    second: None,
                                    ambiguous: false,
                                }),
                                strength: Strength::Strong,
                                ..Spec::default()
                            },
                            e,
                        ));
                    }
                    return;
                }
                if !self.t.glued(j + 2) || self.t.get(j + 2).is_none() {
                    let e = self.zone(j + 2);
                    out.push((
                        Spec {
                            tod: Some(Tod {
                                hour: n,
                                minute: Some(0),
                                second: None,
                                ambiguous: false,
                            }),
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        e,
                    ));
                }
                return;
            }
            // H am/pm, H o'clock.
            if d <= 2 && n <= 24 {
                let mut e = j + 1;
                let oclock =
                    if self.is(e, "o") && self.t.punct(e + 1, '\'') && self.is(e + 2, "clock") {
                        e += 3;
                        true
                    } else if self.is(e, "o") && self.is(e + 1, "clock") && !self.t.glued(e + 1) {
                        // "10 o clock", the apostrophe left out.
                        e += 2;
                        true
                    } else if self.any(e, &["oclock", "o'clock"]) {
                        e += 1;
                        true
                    } else {
                        false
                    };
                let (ish, e_ish) = self.ish(e);
                if ish {
                    e = e_ish;
                }
                let ap = self.ampm(e, at);
                if let Some((pm, ae)) = ap {
                    if n == 0 || n > 12 {
                        return;
                    }
                    let (tod, _) = make_tod(n, None, None, Some((pm, ae)));
                    if let Some(tod) = tod {
                        let e = self.zone(ae);
                        out.push((
                            Spec {
                                tod: Some(tod),
                                strength: Strength::Strong,
                                ..Spec::default()
                            },
                            e,
                        ));
                    }
                    return;
                }
                if self.is(e, "in") && self.is(e + 1, "the") && self.any(e + 2, &["am", "pm"]) {
                    let pm = self.is(e + 2, "pm");
                    let (tod, _) = make_tod(n, None, None, Some((pm, e + 3)));
                    if let Some(tod) = tod {
                        out.push((
                            Spec {
                                tod: Some(tod),
                                strength: Strength::Strong,
                                ..Spec::default()
                            },
                            e + 3,
                        ));
                    }
                    return;
                }
                // A bare hour ("at 7", "at 3 15"): only in a chain or as a whole phrase.
                let next_is_unit = self.t.is_word(j + 1)
                    && (lexicon::unit(self.lex(j + 1)).is_some()
                        || matches!(
                            self.w(j + 1),
                            "percent" | "per" | "people" | "points" | "times"
                        ));
                if next_is_unit || self.t.punct(j + 1, '%') {
                    return;
                }
                let tod = Tod {
                    hour: n,
                    minute: None,
                    second: None,
                    ambiguous: n <= 12,
                };
                let strength = if oclock {
                    Strength::Strong
                } else if at {
                    Strength::Latent
                } else {
                    Strength::Weak
                };
                // "at 3 15": hour and minutes spaced.
                if at
                    && self.t.digits(j + 1) == 2
                    && !self.t.glued(j + 1)
                    && self.t.num(j + 1).is_some_and(|m| m < 60)
                    && self.num_ok(j + 1)
                {
                    let m = self.t.num(j + 1).unwrap_or(0);
                    out.push((
                        Spec {
                            tod: Some(Tod {
                                minute: Some(m),
                                ..tod
                            }),
                            strength: Strength::Latent,
                            ..Spec::default()
                        },
                        j + 2,
                    ));
                }
                let e = self.zone(e);
                let strength = if e > j + 1 && !oclock {
                    Strength::Strong
                } else {
                    strength
                };
                // A bare number ("7") is an hour only as a whole phrase or right next to a
                // day word ("9 tomorrow").
                let bare = strength == Strength::Weak;
                out.push((
                    Spec {
                        tod: Some(tod),
                        strength: if bare { Strength::Latent } else { strength },
                        bare,
                        ..Spec::default()
                    },
                    e,
                ));
                return;
            }
            // 1030, 330 p.m., 815.
            if (d == 3 || d == 4) && (!self.t.glued(j + 1) || self.is(j + 1, "ish")) {
                let (h, m) = (n / 100, n % 100);
                if h <= 24 && m < 60 {
                    let mut e = j + 1;
                    let (ish, e_ish) = self.ish(e);
                    if ish {
                        e = e_ish;
                    }
                    if let Some((pm, ae)) = self.ampm(e, false) {
                        let (tod, _) = make_tod(h, Some(m), None, Some((pm, ae)));
                        if let Some(tod) = tod {
                            out.push((
                                Spec {
                                    tod: Some(tod),
                                    strength: Strength::Strong,
                                    ..Spec::default()
                                },
                                ae,
                            ));
                        }
                        return;
                    }
                    if d == 4 && (1900..=2100).contains(&n) {
                        return;
                    }
                    let tod = Tod {
                        hour: h,
                        minute: Some(m),
                        second: None,
                        ambiguous: h <= 12 && h > 0,
                    };
                    let bare = !(approx_before || ish);
                    out.push((
                        Spec {
                            tod: Some(tod),
                            strength: Strength::Latent,
                            bare,
                            ..Spec::default()
                        },
                        e,
                    ));
                }
            }
            return;
        }
        // Words.
        let w = self.w(j);
        match w {
            "noon" | "midday" => {
                out.push((
                    Spec {
                        tod: Some(Tod {
                            hour: 12,
                            minute: None,
                            second: None,
                            ambiguous: false,
                        }),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    j + 1,
                ));
                return;
            }
            "midnight" => {
                // "The deadline was midnight": in a past clause, the midnight that began the day.
                let past = self.tense(j) == Some(Dir::Past);
                out.push((
                    Spec {
                        tod: Some(Tod {
                            hour: if past { 0 } else { 24 },
                            minute: None,
                            second: None,
                            ambiguous: false,
                        }),
                        dir: past.then_some(Dir::Past),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    j + 1,
                ));
                return;
            }
            "mid" if self.is(j + 1, "day") => {
                out.push((
                    Spec {
                        tod: Some(Tod {
                            hour: 12,
                            minute: None,
                            second: None,
                            ambiguous: false,
                        }),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    j + 2,
                ));
                return;
            }
            "the" if self.is(j + 1, "midday") => {
                out.push((
                    Spec {
                        tod: Some(Tod {
                            hour: 12,
                            minute: None,
                            second: None,
                            ambiguous: false,
                        }),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    j + 2,
                ));
                return;
            }
            _ => {}
        }
        // "half past three", "a quarter past 3pm", "20 minutes to 2pm", "twenty after 3pm".
        if let Some((spec, e)) = self.relative_clock(j) {
            out.push((spec, e));
            return;
        }
        // Hours in words: "three am", "ten thirty am", "twelve oh three", "eight" before tonight.
        if let Some(h) = lexicon::cardinal(self.lex(j)).filter(|h| (1..=12).contains(h)) {
            if !self.t.is_word(j) {
                return;
            }
            let mut e = j + 1;
            let mut minute = None;
            let mut oh = false;
            if self.t.punct(e, '-') && self.t.glued(e) {
                e += 1;
            }
            if self.any(e, &["oh", "o", "ou", "zero"]) {
                let mut k = e + 1;
                if self.t.punct(k, '-') && self.t.glued(k) {
                    k += 1;
                }
                if let Some(m) = lexicon::cardinal(self.lex(k)).filter(|m| (1..10).contains(m)) {
                    minute = Some(m);
                    e = k + 1;
                    oh = true;
                }
            } else if let Some((m, me)) = self.cardinal_words(e)
                && (10..60).contains(&m)
            {
                minute = Some(m);
                e = me;
            }
            if minute.is_none() {
                // Undo a dangling hyphen.
                e = j + 1;
            }
            if let Some((pm, ae)) = self.ampm(e, false) {
                let (tod, _) = make_tod(h, minute, None, Some((pm, ae)));
                if let Some(tod) = tod {
                    out.push((
                        Spec {
                            tod: Some(tod),
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        ae,
                    ));
                }
                return;
            }
            if self.is(e, "o") && self.t.punct(e + 1, '\'') && self.is(e + 2, "clock")
                || self.is(e, "oclock")
            {
                let ee = if self.is(e, "oclock") { e + 1 } else { e + 3 };
                out.push((
                    Spec {
                        tod: Some(Tod {
                            hour: h,
                            minute,
                            second: None,
                            ambiguous: true,
                        }),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    ee,
                ));
                return;
            }
            let tod = Tod {
                hour: h,
                minute,
                second: None,
                ambiguous: true,
            };
            let strength = if oh || at {
                Strength::Latent
            } else {
                Strength::Weak
            };
            if at && minute.is_some() {
                out.push((
                    Spec {
                        tod: Some(tod),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    e,
                ));
            } else {
                out.push((
                    Spec {
                        tod: Some(tod),
                        strength,
                        ..Spec::default()
                    },
                    e,
                ));
            }
        }
    }

    /// "half past three", "a quarter past 3pm", "a quarter to noon", "20 minutes to 2pm",
    /// "twenty after 3pm", "15 past noon", "half three".
    fn relative_clock(&self, i: usize) -> Option<(Spec, usize)> {
        let mut j = i;
        let minutes = if self.is(j, "half") {
            j += 1;
            30
        } else if self.is(j, "quarter") || self.is(j, "a") && self.is(j + 1, "quarter") {
            j += if self.is(j, "a") { 2 } else { 1 };
            15
        } else if let Some(n) = self.t.num(j).filter(|n| *n < 60 && self.t.digits(j) <= 2) {
            j += 1;
            n
        } else if let Some((n, e)) = self.cardinal_words(j).filter(|(n, _)| *n < 60) {
            j = e;
            n
        } else {
            return None;
        };
        let worded = self.any(i, &["half", "quarter", "a"]);
        let minutes_word = self.any(j, &["minutes", "minute", "mins", "min"]);
        if minutes_word {
            j += 1;
        }
        let sign: i64 = if self.any(j, &["past", "after"]) {
            1
        } else if self.any(j, &["to", "before", "till", "of"]) {
            -1
        } else if self.is(j, "from") {
            1
        } else if minutes == 30 && self.is(i, "half") {
            // British "half three" = 3:30.
            0
        } else {
            return None;
        };
        if sign != 0 {
            j += 1;
        }
        let mut hour_out = Vec::new();
        self.clock(j, &mut hour_out);
        let (hs, he) = hour_out
            .into_iter()
            .filter(|(s, _)| s.tod.is_some_and(|t| t.minute.is_none_or(|m| m == 0)))
            .max_by_key(|(_, e)| *e)?;
        let tod = hs.tod?;
        // "13 to 15" is a range of days, not 14:47: a bare count needs "minutes" or a clear hour.
        if !worded && !minutes_word && hs.strength != Strength::Strong {
            return None;
        }
        if sign == 0 && tod.minute.is_some() {
            return None;
        }
        let sign = if sign == 0 { 1 } else { sign };
        let base = i64::from(tod.hour) * 60 + sign * i64::from(minutes);
        let total = base.rem_euclid(24 * 60);
        let hour = u32::try_from(total / 60).ok()?;
        let minute = u32::try_from(total % 60).ok()?;
        let ambiguous = tod.ambiguous;
        let hour = if ambiguous && hour == 0 { 12 } else { hour };
        Some((
            Spec {
                tod: Some(Tod {
                    hour,
                    minute: Some(minute),
                    second: None,
                    ambiguous: ambiguous && hour <= 12,
                }),
                strength: Strength::Strong,
                ..Spec::default()
            },
            he,
        ))
    }

    fn year_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        // "in 14 a.d.", "2014 BC".
        if let Some(n) = self.t.num(i) {
            if !self.num_ok(i)
                || self.t.glued(i + 1)
                    && !self.t.punct(i + 1, ',')
                    && !self.t.punct(i + 1, '.')
                    && !self.t.punct(i + 1, ')')
            {
                return;
            }
            let era = |k: usize| -> Option<(bool, usize)> {
                let w = self.w(k);
                if w == "ad" || w == "bc" || w == "bce" || w == "ce" {
                    return Some((w.starts_with('b'), k + 1));
                }
                if (w == "a" || w == "b")
                    && self.t.punct(k + 1, '.')
                    && self.any(k + 2, &["d", "c"])
                {
                    let mut e = k + 3;
                    if self.t.punct(e, '.') {
                        e += 1;
                    }
                    return Some((w == "b", e));
                }
                None
            };
            if let Some((bc, e)) = era(i + 1) {
                out.push((
                    Spec {
                        year: i32::try_from(n).ok(),
                        bc,
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    e,
                ));
                return;
            }
            if self.t.digits(i) == 4 {
                let prev = self.prev_word(i);
                let cue = matches!(
                    prev,
                    "in" | "since"
                        | "by"
                        | "until"
                        | "till"
                        | "through"
                        | "thru"
                        | "before"
                        | "after"
                        | "during"
                        | "from"
                        | "of"
                        | "year"
                        | "fiscal"
                        | "early"
                        | "mid"
                        | "late"
                        | "throughout"
                        | "circa"
                        | "to"
                        | "and"
                        | "between"
                        | "summer"
                        | "winter"
                        | "spring"
                        | "autumn"
                );
                let cue = cue || self.year_in_context(i, n);
                out.push((
                    Spec {
                        year: i32::try_from(n).ok(),
                        strength: if cue {
                            Strength::Strong
                        } else {
                            Strength::Latent
                        },
                        ..Spec::default()
                    },
                    i + 1,
                ));
            }
            return;
        }
        if let Some((y, e)) = self.year4(i) {
            out.push((
                Spec {
                    year: Some(y),
                    strength: Strength::Weak,
                    ..Spec::default()
                },
                e,
            ));
        }
    }

    /// Whether a bare four-digit number at `i` reads as a year from its neighbours: a
    /// determiner before it and a singular noun after ("the 1991 agreement", "a 2003
    /// interview", "its 2011 version"), or an event's name before it ("WWDC 2005",
    /// "Conference 2010"). Plural nouns after it are counted things ("the 2000 troops").
    fn year_in_context(&self, i: usize, n: u32) -> bool {
        if !(1900..=2099).contains(&n) || i == 0 || self.t.glued(i) {
            return false;
        }
        let prev = self.prev_word(i);
        let determiner = matches!(
            prev,
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "this" | "that"
        );
        let next = i + 1;
        let singular_noun = self.t.is_word(next)
            && !self.t.glued(next)
            && self
                .t
                .get(next)
                .is_some_and(|t| !t.capital || self.t.has_lower)
            && {
                let w = self.w(next);
                let plural = w.ends_with('s') && !w.ends_with("ss");
                w.len() > 2
                    && !plural
                    && !lexicon::is_known(self.lex(next))
                    && !matches!(w, "and" | "or" | "of" | "to" | "per" | "more" | "than")
            };
        if determiner && singular_noun {
            return true;
        }
        // A named event before the year ("WWDC 2005").
        self.t
            .get(i - 1)
            .is_some_and(|t| t.kind == Kind::Word && t.capital && t.end - t.start >= 3)
            && !lexicon::is_known(self.lex(i - 1))
            && self.t.get(next).is_none_or(|t| t.kind != Kind::Num)
    }

    /// Quarters: "Q4", "2018Q4", "18q4", "third quarter", "3rd qtr".
    fn quarter_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let j = if self.is(i, "the") { i + 1 } else { i };
        if let Some((q, e)) = self.ordinal(j)
            && (1..=4).contains(&q)
            && self.any(e, &["quarter", "qtr"])
        {
            out.push((
                Spec {
                    quarter: Some(q),
                    strength: Strength::Strong,
                    ..Spec::default()
                },
                e + 1,
            ));
            return;
        }
        if let Some(n) = self.t.num(i) {
            if self.is(i + 1, "q")
                && self.t.glued(i + 1)
                && self.t.glued(i + 2)
                && let Some(q) = self.t.num(i + 2).filter(|q| (1..=4).contains(q))
            {
                let y = expand_year(n, self.t.digits(i));
                out.push((
                    Spec {
                        year: Some(y),
                        quarter: Some(q),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    i + 3,
                ));
            }
            return;
        }
        if self.is(i, "q") && self.t.glued(i + 1) {
            if let Some(q) = self.t.num(i + 1).filter(|q| (1..=4).contains(q)) {
                if !self.case_ok(i) && self.t.has_upper {
                    return;
                }
                let mut spec = Spec {
                    quarter: Some(q),
                    strength: Strength::Strong,
                    ..Spec::default()
                };
                let mut e = i + 2;
                if self.t.glued(e) {
                    return;
                }
                if let Some((y, ye)) = self.year4(e) {
                    spec.year = Some(y);
                    e = ye;
                }
                out.push((spec, e));
            }
            return;
        }
        if let Some((q, e)) = self.ordinal(i)
            && (1..=4).contains(&q)
            && self.any(e, &["quarter", "qtr"])
        {
            out.push((
                Spec {
                    quarter: Some(q),
                    strength: Strength::Strong,
                    ..Spec::default()
                },
                e + 1,
            ));
        }
    }

    fn holiday_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let mut name = String::new();
        let mut k = i;
        let mut words = 0;
        let mut found: Vec<(usize, usize, bool)> = Vec::new();
        while words < holidays::max_words() && k < self.t.len() {
            if k > i && !self.joinable(k) {
                break;
            }
            let tok = match self.t.get(k) {
                Some(t) => *t,
                None => break,
            };
            match tok.kind {
                Kind::Word | Kind::Num => {
                    if !name.is_empty() {
                        name.push(' ');
                    }
                    name.push_str(self.w(k));
                    words += 1;
                    k += 1;
                }
                Kind::Punct if k > i => {
                    if self.t.punct(k, '\'')
                        && self.t.glued(k)
                        && self.t.glued(k + 1)
                        && self.t.is_word(k + 1)
                    {
                        // "boss's" -> "bosss", "b'av" -> "bav".
                        name.push_str(self.w(k + 1));
                        k += 2;
                    } else if (self.t.punct(k, '-') || self.t.punct(k, '.'))
                        && self.t.is_word(k + 1)
                    {
                        k += 1;
                        continue;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
            if let Some(id) = holidays::by_name(&name) {
                found.push((id, k, holidays::needs_capital(&name)));
            }
            // The name only grows from here: once no holiday's name starts with it, none can
            // be read by going on.
            if !holidays::is_name_prefix(&name) {
                break;
            }
        }
        for (id, e, capital) in found {
            if capital && !self.case_ok(i) {
                continue;
            }
            out.push((
                Spec {
                    holiday: Some(id),
                    strength: Strength::Strong,
                    ..Spec::default()
                },
                e,
            ));
        }
    }

    /// Word-started atoms: day words, cue + unit, parts of day, seasons, shifts, modifiers.
    fn words_atoms(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let w = self.w(i);
        let r = self.r;
        // today / tomorrow / yesterday.
        if let Some(n) = lexicon::reldays(self.lex(i))
            && let Some(iv) = unit_iv(r, Grain::Day, n)
        {
            out.push((
                Spec {
                    anchor: Some(iv),
                    relative: true,
                    strength: Strength::Strong,
                    ..Spec::default()
                },
                i + 1,
            ));
        }
        if matches!(w, "tonight" | "tonite")
            && let Some(iv) = unit_iv(r, Grain::Day, 0)
        {
            out.push((
                Spec {
                    anchor: Some(iv),
                    pod: Some(Pod::Night),
                    relative: true,
                    strength: Strength::Strong,
                    ..Spec::default()
                },
                i + 1,
            ));
        }
        // the day after tomorrow / the day before yesterday.
        {
            let j = if self.is(i, "the") { i + 1 } else { i };
            if self.is(j, "day") && self.any(j + 1, &["after", "before"]) {
                let n = match (self.w(j + 1), self.w(j + 2)) {
                    ("after", "tomorrow") => Some(2),
                    ("before", "yesterday") => Some(-2),
                    _ => None,
                };
                if let Some(iv) = n.and_then(|n| unit_iv(r, Grain::Day, n)) {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            relative: true,
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        j + 3,
                    ));
                }
            }
        }
        self.pod_atom(i, out);
        self.cue_atom(i, out);
        self.season_atom(i, out);
        self.shift_atom(i, out);
        self.sub_atom(i, out);
        self.clock(i, out);
        self.quarter_atom(i, out);
        self.year_atom(i, out);
    }

    fn pod_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let mut j = i;
        let mut strength = Strength::Latent;
        let mut edge = 0;
        if self.is(j, "in") && self.is(j + 1, "the") {
            j += 2;
            strength = Strength::Strong;
            if self.is(j, "early")
                && self.is(j + 1, "hours")
                && self.is(j + 2, "of")
                && self.is(j + 3, "the")
                && self.is(j + 4, "morning")
            {
                out.push((
                    Spec {
                        pod: Some(Pod::Morning),
                        pod_edge: -1,
                        strength,
                        ..Spec::default()
                    },
                    j + 5,
                ));
                return;
            }
        } else if self.is(j, "at")
            && self.any(
                j + 1,
                &["night", "dawn", "dusk", "lunch", "lunchtime", "daybreak"],
            )
        {
            j += 1;
            strength = Strength::Strong;
        } else if self.is(j, "the") && lexicon::pod(self.lex(j + 1)).is_some() {
            j += 1;
        }
        if self.any(j, &["early", "late"]) {
            edge = if self.is(j, "early") { -1 } else { 1 };
            j += 1;
            if self.is(j, "in") && self.is(j + 1, "the") {
                j += 2;
            }
            if self.is(j, "tonight") || self.is(j, "tonite") {
                if let Some(iv) = unit_iv(self.r, Grain::Day, 0) {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            pod: Some(Pod::Night),
                            pod_edge: edge,
                            relative: true,
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        j + 1,
                    ));
                }
                return;
            }
            if self.is(j, "last") && self.is(j + 1, "night") {
                if let Some(iv) = unit_iv(self.r, Grain::Day, -1) {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            pod: Some(Pod::Night),
                            pod_edge: edge,
                            relative: true,
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        j + 2,
                    ));
                }
                return;
            }
            strength = Strength::Strong;
        }
        if let Some(p) = lexicon::pod(self.lex(j)) {
            if !self.t.is_word(j) {
                return;
            }
            out.push((
                Spec {
                    pod: Some(p),
                    pod_edge: edge,
                    strength,
                    ..Spec::default()
                },
                j + 1,
            ));
        }
    }

    /// "this week", "last month", "next year", "last Friday", "next March", "this morning",
    /// "last night", "the past two weeks", "next 3 days", "upcoming two weeks", "this weekend".
    fn cue_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let r = self.r;
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        let cue = match self.w(j) {
            "this" | "current" | "present" => {
                if self.is(j + 1, "past") {
                    j += 1;
                    Cue::Last
                } else {
                    Cue::This
                }
            }
            "next" | "coming" | "following" | "upcoming" => Cue::Next,
            "last" | "past" | "previous" | "preceding" => Cue::Last,
            _ => {
                // "two upcoming weeks".
                if let Some((n, e)) = self.small_count(j)
                    && self.is(e, "upcoming")
                    && let Some(unit) = lexicon::unit(self.lex(e + 1))
                    && let Some(iv) = unit_iv(r, calendar::unit_grain(unit), i64::from(n))
                {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            relative: true,
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        e + 2,
                    ));
                }
                return;
            }
        };
        if the && cue == Cue::This {
            return;
        }
        let upcoming = self.is(j, "upcoming");
        let word = j;
        j += 1;
        let k: i64 = match cue {
            Cue::Next => 1,
            Cue::Last => -1,
            _ => 0,
        };
        // Units.
        let uw = self.w(j);
        let weekend = matches!(uw, "weekend" | "wkend" | "weekends")
            || (uw == "week"
                && (self.is(j + 1, "end") || self.t.punct(j + 1, '-') && self.is(j + 2, "end")));
        if weekend {
            let e = if uw == "week" {
                if self.is(j + 1, "end") { j + 2 } else { j + 3 }
            } else {
                j + 1
            };
            let base = add(r, Grain::Week, k).and_then(weekend_of);
            if let Some(iv) = base {
                out.push((
                    Spec {
                        anchor: Some(iv),
                        relative: true,
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    e,
                ));
            }
            return;
        }
        if let Some(unit) = lexicon::unit(self.lex(j)) {
            if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
                return;
            }
            if uw.ends_with('s') && unit != Unit::Second {
                // "last days" is no unit of time.
                return;
            }
            if unit == Unit::Day {
                if let Some(iv) = unit_iv(r, Grain::Day, k)
                    && cue != Cue::This
                {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            relative: true,
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        j + 1,
                    ));
                }
                return;
            }
            let iv = match unit {
                Unit::Fortnight => unit_iv(r, Grain::Week, k * 2).and_then(|s| {
                    Some(Iv {
                        start: s.start,
                        end: add(s.start, Grain::Week, 2)?,
                        grain: Grain::Week,
                    })
                }),
                Unit::Decade => {
                    let y = chrono::Datelike::year(&r);
                    let start = (y.div_euclid(10) + i32::try_from(k).unwrap_or(0)) * 10;
                    calendar::ymd(start, 1, 1).and_then(|s| {
                        Some(Iv {
                            start: s,
                            end: calendar::ymd(start + 10, 1, 1)?,
                            grain: Grain::Year,
                        })
                    })
                }
                other => unit_iv(r, calendar::unit_grain(other), k),
            };
            if let Some(iv) = iv {
                out.push((
                    Spec {
                        anchor: Some(iv),
                        relative: true,
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    j + 1,
                ));
            }
            return;
        }
        if uw == "season" || uw == "seasons" {
            if let Some(iv) = season_containing(r, k) {
                out.push((
                    Spec {
                        anchor: Some(iv),
                        relative: true,
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    j + 1,
                ));
            }
            return;
        }
        // "last night", "this morning", "this evening".
        if let Some(p) = lexicon::pod(self.lex(j)) {
            let day = match (cue, p) {
                (Cue::Last, Pod::Night | Pod::Evening) => -1,
                (Cue::This, _) => 0,
                _ => return,
            };
            if let Some(iv) = unit_iv(r, Grain::Day, day) {
                out.push((
                    Spec {
                        anchor: Some(iv),
                        pod: Some(p),
                        relative: true,
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    j + 1,
                ));
            }
            return;
        }
        // "the past two weeks", "next 3 days", "last few days", "upcoming two weeks".
        if let Some((n, e, vague)) = self.count_before_unit(j) {
            if let Some(unit) = lexicon::unit(self.lex(e)) {
                let g = calendar::unit_grain(unit);
                let n = match unit {
                    Unit::Fortnight => n * 2,
                    Unit::Decade => n * 10,
                    _ => n,
                };
                let iv = if upcoming {
                    unit_iv(r, g, n)
                } else {
                    let now = truncate(r, g);
                    now.and_then(|t| {
                        if cue == Cue::Last {
                            Some(Iv {
                                start: add(t, g, -n)?,
                                end: t,
                                grain: g,
                            })
                        } else if cue == Cue::Next {
                            Some(Iv {
                                start: add(t, g, 1)?,
                                end: add(t, g, 1 + n)?,
                                grain: g,
                            })
                        } else {
                            None
                        }
                    })
                };
                if let Some(iv) = iv {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            relative: true,
                            approx: vague,
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        e + 1,
                    ));
                }
            }
            return;
        }
        let _ = word;
        // Cue + a name: weekday, month, holiday, season.
        let mut inner = Vec::new();
        if lexicon::weekday(self.lex(j)).is_some() {
            self.weekday_atom(j, &mut inner);
        } else if lexicon::month(self.lex(j)).is_some() {
            self.month_atoms(j, &mut inner);
        } else if lexicon::season(self.lex(j)).is_some() {
            self.season_word(j, &mut inner, true);
        }
        if self.t.facts(j).holiday_start {
            self.holiday_atom(j, &mut inner);
        }
        for (mut s, e) in inner {
            if s.year.is_some() || s.day.is_some() {
                continue;
            }
            s.cue = cue;
            s.strength = Strength::Strong;
            s.relative = true;
            if s.weekday.is_some() && cue == Cue::This {
                // "this Monday": keep the tense reading if any.
            } else {
                s.dir = None;
            }
            out.push((s, e));
        }
    }

    /// A small count before a unit in "the past two weeks": number, number word, "few".
    fn count_before_unit(&self, j: usize) -> Option<(i64, usize, bool)> {
        if self.is(j, "few") || self.is(j, "several") {
            return Some((3, j + 1, true));
        }
        if self.is(j, "couple") && self.is(j + 1, "of") {
            return Some((2, j + 2, false));
        }
        if self.is(j, "a") && self.is(j + 1, "few") {
            return Some((3, j + 2, true));
        }
        let (n, e) = self.small_count(j)?;
        Some((i64::from(n), e, false))
    }

    fn small_count(&self, j: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.t.num(j) {
            return (self.num_ok(j) && n > 0 && n < 1000).then_some((n, j + 1));
        }
        self.cardinal_words(j).filter(|(n, _)| *n > 0)
    }

    fn season_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        if lexicon::season(self.lex(i)).is_some() {
            self.season_word(i, out, false);
        }
        if self.is(i, "the") && lexicon::season(self.lex(i + 1)).is_some() {
            let mut inner = Vec::new();
            self.season_word(i + 1, &mut inner, true);
            out.extend(inner);
        }
    }

    fn season_word(&self, i: usize, out: &mut Vec<(Spec, usize)>, cued: bool) {
        let w = self.w(i);
        let Some(s) = lexicon::season(self.lex(i)) else {
            return;
        };
        let mut e = i + 1;
        let mut spec = Spec {
            season: Some(s),
            ..Spec::default()
        };
        let mut y = e;
        if self.is(y, "of") {
            y += 1;
        }
        if let Some((year, ye)) = self.year4(y) {
            spec.year = Some(year);
            e = ye;
        }
        let cue = cued || self.prev_is_cue(i) || self.is(i.wrapping_sub(1), "the");
        let ambiguous = matches!(w, "fall" | "spring");
        spec.strength = if spec.year.is_some()
            || cue && (!ambiguous || self.is(i.wrapping_sub(1), "the") || cued)
        {
            Strength::Strong
        } else if ambiguous {
            Strength::Weak
        } else {
            Strength::Latent
        };
        out.push((spec, e));
    }

    /// "in 3 days", "three days ago", "2 weeks from now", "a year from Christmas",
    /// "three fridays from now", "two days later".
    fn shift_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let r = self.r;
        if self.is(i, "in") || self.is(i, "within") {
            if self.is(i, "within") {
                return;
            }
            let mut j = i + 1;
            let approx = lexicon::is_approx(self.lex(j));
            if approx {
                j += 1;
            }
            if let Some((d, e)) = self.count_units(j)
                && let Some((point, scope)) = shift_dur(r, &d, 1)
            {
                out.push((
                    Spec {
                        anchor: Some(point),
                        scope: Some(scope),
                        relative: true,
                        approx: approx || d.approx,
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    e,
                ));
            }
            return;
        }
        // N weekdays from now / ago.
        if let Some((n, e)) = self.small_count(i)
            && let Some(wd) = lexicon::weekday(self.lex(e)).filter(|_| self.w(e).ends_with('s'))
        {
            let (sign, end) = if self.is(e + 1, "from") && self.is(e + 2, "now") {
                (1, e + 3)
            } else if self.any(e + 1, &["ago", "back"]) {
                (-1, e + 2)
            } else if self.is(e + 1, "hence") {
                (1, e + 2)
            } else {
                (0, e)
            };
            if sign != 0 {
                let today = r.date();
                let mut d = today;
                let mut count = 0;
                let mut steps = 0;
                while count < n && steps < 3700 {
                    d = if sign > 0 {
                        d.succ_opt().unwrap_or(d)
                    } else {
                        d.pred_opt().unwrap_or(d)
                    };
                    steps += 1;
                    if chrono::Datelike::weekday(&d).num_days_from_monday() == wd {
                        count += 1;
                    }
                }
                if count == n
                    && let Some(iv) = Iv::day(d)
                {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            relative: true,
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        end,
                    ));
                }
                return;
            }
        }
        let approx = lexicon::is_approx(self.lex(i));
        let j = if approx { i + 1 } else { i };
        let Some((d, e)) = self.count_units(j) else {
            return;
        };
        let (sign, end, from_today) = match self.w(e) {
            "ago" | "back" | "earlier" => (-1, e + 1, false),
            "hence" | "later" => (1, e + 1, false),
            "from" if self.is(e + 1, "now") => (1, e + 2, false),
            "from" if self.is(e + 1, "today") => (1, e + 2, true),
            "from" if self.is(e + 1, "right") && self.is(e + 2, "now") => (1, e + 3, false),
            "before" | "after" | "from" => {
                // "three days after Easter", "a year from Christmas".
                let sign = if self.is(e, "before") { -1 } else { 1 };
                if let Some((spec, ce)) = self.chain(e + 1)
                    && spec.strength == Strength::Strong
                    && let Some(res) = resolve::resolve(&spec, r)
                    && let Some(amount) = d.amount.filter(|a| a.fract() == 0.0)
                {
                    let n = amount as i64 * sign;
                    if let Some(start) = calendar::add_unit(res.iv.start, d.unit, n) {
                        let grain = res.iv.grain.min(Grain::Day).max(Grain::Day);
                        let g = if res.iv.grain < Grain::Day {
                            res.iv.grain
                        } else {
                            grain
                        };
                        if let Some(iv) = Iv::of(start, g) {
                            out.push((
                                Spec {
                                    anchor: Some(iv),
                                    relative: true,
                                    approx: approx || d.approx,
                                    strength: Strength::Strong,
                                    ..Spec::default()
                                },
                                ce,
                            ));
                        }
                    }
                }
                return;
            }
            _ => return,
        };
        let shifted = if from_today {
            let day = truncate(r, Grain::Day);
            day.and_then(|t| {
                let moved = calendar::add_unit(t, d.unit, d.amount? as i64 * sign)?;
                let iv = Iv::of(moved, Grain::Day)?;
                Some((iv, iv))
            })
        } else {
            shift_dur(r, &d, sign)
        };
        if let Some((point, scope)) = shifted {
            out.push((
                Spec {
                    anchor: Some(point),
                    scope: Some(scope),
                    relative: true,
                    approx: approx || d.approx,
                    strength: Strength::Strong,
                    ..Spec::default()
                },
                end,
            ));
        }
    }

    /// Modifiers in front of a date: "early March", "mid-January", "the end of 2012",
    /// "the first Monday of October", "the last week of September", "the first half of 2022",
    /// "the rest of the week", "earlier this month", "EOM".
    fn sub_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let r = self.r;
        // Acronyms, in capitals only ("EOM", "the BOY").
        let i_acr = if self.is(i, "the") { i + 1 } else { i };
        let w = self.w(i_acr);
        let caps = matches!(w, "eom" | "bom" | "eoy" | "boy" | "eod")
            && self.t.get(i_acr).is_some_and(|t| {
                self.t.text[t.start..t.end]
                    .chars()
                    .all(|c| c.is_ascii_uppercase())
            });
        if caps {
            let (sub, grain) = match w {
                "eom" => (Sub::Late, Grain::Month),
                "bom" => (Sub::Early, Grain::Month),
                "eoy" => (Sub::Late, Grain::Year),
                "boy" => (Sub::Early, Grain::Year),
                "eod" => (Sub::Late, Grain::Day),
                _ => (Sub::Early, Grain::Second),
            };
            if grain != Grain::Second {
                if let Some(iv) = unit_iv(r, grain, 0) {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            sub: Some(sub),
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        i_acr + 1,
                    ));
                }
                return;
            }
        }
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        // early / mid / late X.
        let edge = match self.w(j) {
            "early" => Some(Sub::Early),
            "mid" if self.is(j + 1, "day") => None,
            "mid" | "middle" => Some(Sub::Mid),
            "late" => Some(Sub::Late),
            "beginning" | "start" => Some(Sub::Early),
            "end" => Some(Sub::Late),
            _ => None,
        };
        if let Some(sub) = edge {
            let mut k = j + 1;
            let word_form = matches!(self.w(j), "beginning" | "start" | "end" | "middle");
            if word_form {
                if !self.is(k, "of") {
                    return;
                }
                k += 1;
            } else if self.t.punct(k, '-') && self.t.glued(k) {
                k += 1;
            }
            // "the end of the month" / "end of month" / "end of the year": the current one.
            let mut kk = k;
            if self.is(kk, "the") {
                kk += 1;
            }
            if let Some(unit) = lexicon::unit(self.lex(kk)).filter(|u| {
                matches!(
                    u,
                    Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Quarter
                )
            }) && !self.w(kk).ends_with('s')
            {
                if let Some(iv) = unit_iv(r, calendar::unit_grain(unit), 0) {
                    out.push((
                        Spec {
                            anchor: Some(iv),
                            sub: Some(sub),
                            strength: Strength::Strong,
                            ..Spec::default()
                        },
                        kk + 1,
                    ));
                }
                return;
            }
            if lexicon::is_approx(self.lex(k)) {
                k += 1;
            }
            if let Some((mut spec, e)) = self.chain(k)
                && (spec.sub.is_none()
                    && spec.tod.is_none()
                    && spec.pod.is_none()
                    && spec.strength >= Strength::Latent
                    || spec.year.is_some() && spec.month.is_none() && spec.sub.is_none())
            {
                spec.sub = Some(sub);
                spec.strength = Strength::Strong;
                out.push((spec, e));
            }
            return;
        }
        // "first half of", "second half of".
        if let Some((n, e)) = self.ordinal(j)
            && self.is(e, "half")
            && self.is(e + 1, "of")
            && (n == 1 || n == 2)
        {
            if let Some((mut spec, ce)) = self.chain_or_unit(e + 2)
                && spec.sub.is_none()
            {
                spec.sub = Some(if n == 1 {
                    Sub::FirstHalf
                } else {
                    Sub::SecondHalf
                });
                spec.strength = Strength::Strong;
                out.push((spec, ce));
            }
            return;
        }
        // "the week of October 7".
        if self.is(j, "week") && self.is(j + 1, "of") && j > i {
            if let Some((mut spec, ce)) = self.chain(j + 2)
                && spec.sub.is_none()
                && spec.day.is_some()
            {
                spec.sub = Some(Sub::WeekOf);
                spec.strength = Strength::Strong;
                out.push((spec, ce));
            }
            return;
        }
        // "the rest of the week".
        if self.is(j, "rest") && self.is(j + 1, "of") {
            let mut k = j + 2;
            if self.is(k, "the") || self.is(k, "this") {
                k += 1;
            }
            if let Some(unit) = lexicon::unit(self.lex(k))
                && let Some(iv) = unit_iv(r, calendar::unit_grain(unit), 0)
            {
                out.push((
                    Spec {
                        anchor: Some(iv),
                        sub: Some(Sub::Rest),
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    k + 1,
                ));
            }
            return;
        }
        // "earlier this month", "later this week", "earlier in the year".
        if self.any(j, &["earlier", "later"]) && j == i {
            let sub = if self.is(j, "earlier") {
                Sub::Earlier
            } else {
                Sub::Later
            };
            let k = if self.is(j + 1, "this") {
                j + 2
            } else if self.is(j + 1, "in") && self.any(j + 2, &["the", "this"]) {
                j + 3
            } else {
                return;
            };
            if let Some(unit) = lexicon::unit(self.lex(k))
                .filter(|u| matches!(u, Unit::Week | Unit::Month | Unit::Year))
                && let Some(iv) = unit_iv(r, calendar::unit_grain(unit), 0)
            {
                out.push((
                    Spec {
                        anchor: Some(iv),
                        sub: Some(sub),
                        relative: true,
                        strength: Strength::Strong,
                        ..Spec::default()
                    },
                    k + 1,
                ));
            }
            return;
        }
        // "the first Monday of", "the last day of", "the third last week of", "the 20th day of".
        let (n, mut k) = if self.is(j, "last") {
            (-1i32, j + 1)
        } else if let Some((n, e)) = self.ordinal(j) {
            if self.is(e, "last") {
                (-i32::try_from(n).unwrap_or(1), e + 1)
            } else {
                (i32::try_from(n).unwrap_or(1), e)
            }
        } else {
            return;
        };
        let what = self.w(k);
        let sub = if let Some(wd) = lexicon::weekday(self.lex(k)) {
            Sub::NthWeekday(n, wd)
        } else if what == "day" {
            Sub::NthDay(n)
        } else if what == "week" && !(self.is(k + 1, "end") || self.t.punct(k + 1, '-')) {
            Sub::NthWeek(n)
        } else if matches!(what, "weekend" | "wkend") || what == "week" {
            if what == "week" {
                k += if self.is(k + 1, "end") { 1 } else { 2 };
            }
            Sub::NthWeekend(n)
        } else {
            return;
        };
        k += 1;
        if !self.any(k, &["of", "in"]) {
            return;
        }
        if let Some((mut spec, ce)) = self.chain_or_unit(k + 1)
            && spec.sub.is_none()
            && spec.tod.is_none()
            && spec.weekday.is_none()
            && spec.day.is_none()
        {
            spec.sub = Some(sub);
            spec.strength = Strength::Strong;
            out.push((spec, ce));
        }
    }

    /// A chain, or "the month" / "this year" standing for the current unit.
    fn chain_or_unit(&self, i: usize) -> Option<(Spec, usize)> {
        let mut k = i;
        if self.any(k, &["the", "this"]) {
            k += 1;
        }
        if let Some(unit) = lexicon::unit(self.lex(k))
            .filter(|u| matches!(u, Unit::Week | Unit::Month | Unit::Year | Unit::Quarter))
            && !self.w(k).ends_with('s')
        {
            let iv = unit_iv(self.r, calendar::unit_grain(unit), 0)?;
            return Some((
                Spec {
                    anchor: Some(iv),
                    strength: Strength::Strong,
                    ..Spec::default()
                },
                k + 1,
            ));
        }
        self.chain(i)
    }

    // ------------------------------------------------------------------ chains

    /// The longest chain of atoms starting at `i`.
    pub fn chain(&self, i: usize) -> Option<(Spec, usize)> {
        if let Some(hit) = self.memo.borrow().get(&i) {
            return hit.clone();
        }
        let found = self.chain_uncached(i);
        self.memo.borrow_mut().insert(i, found.clone());
        found
    }

    /// Drops remembered chains that start before token `i`. The scan only moves forward and
    /// expressions start at or after it, so those are rarely asked for again; without this the
    /// memo would hold every chain of a long text.
    pub fn forget_before(&self, i: usize) {
        const KEEP: usize = 32;
        let mut memo = self.memo.borrow_mut();
        if memo.len() > KEEP {
            memo.retain(|&start, _| start >= i);
        }
    }

    fn chain_uncached(&self, i: usize) -> Option<(Spec, usize)> {
        let mut atoms = Vec::new();
        self.atoms(i, &mut atoms);
        let mut all: Vec<(Spec, usize, u8)> = Vec::new();
        for (spec, e) in atoms {
            self.extend(spec, e, 0, &mut all);
        }
        // Longest first, then strongest, then the one made of fewer pieces; the first that
        // resolves wins (a reading that names no real time gives way to a shorter one).
        all.sort_by(|(a, ae, ad), (b, be, bd)| {
            be.cmp(ae)
                .then(b.strength.cmp(&a.strength))
                .then(ad.cmp(bd))
        });
        all.into_iter()
            .map(|(s, e, _)| (s, e))
            .find(|(s, _)| s.bc || resolve::resolve(s, self.r).is_some())
    }

    fn extend(&self, spec: Spec, e: usize, depth: u8, all: &mut Vec<(Spec, usize, u8)>) {
        if !spec.is_empty() && all.len() < 256 {
            all.push((spec.clone(), e, depth));
        }
        if depth >= 4 || !self.joinable(e) {
            return;
        }
        for &c in self.connectors(e).as_slice() {
            let mut next = Vec::new();
            self.atoms(c, &mut next);
            for (s2, e2) in next {
                if e2 <= c {
                    continue;
                }
                if !self.weak_join_ok(&spec, &s2, c == e) {
                    continue;
                }
                if let Some(m) = merge(&spec, &s2) {
                    if m.strength == Strength::Weak
                        && spec.strength == Strength::Weak
                        && s2.strength == Strength::Weak
                    {
                        continue;
                    }
                    self.extend(m, e2, depth + 1, all);
                }
            }
        }
    }

    /// A bare hour ("9", "eight") only joins a day word or a part of day right next to it
    /// ("9 tomorrow", "eight tonight"), never a date across a comma ("On Monday, 5 people").
    fn weak_join_ok(&self, a: &Spec, b: &Spec, adjacent: bool) -> bool {
        let weak_tod = |s: &Spec| s.tod.is_some() && (s.strength == Strength::Weak || s.bare);
        let dayish = |s: &Spec| (s.anchor.is_some() || s.pod.is_some()) && !s.has_date();
        if weak_tod(a) && !(adjacent && dayish(b)) {
            return false;
        }
        if weak_tod(b) && !(adjacent && dayish(a)) {
            return false;
        }
        // Two latent pieces of different kinds do not make each other real: "May 2".
        true
    }

    /// Where the next atom of a chain may start after position `e`.
    fn connectors(&self, e: usize) -> Connectors {
        let mut out = Connectors { at: [e; 4], len: 1 };
        let mut k = e;
        if self.t.punct(k, ',') {
            k += 1;
            out.push(k);
        }
        if !self.joinable(k) {
            return out;
        }
        if self.t.punct(k, '\'') && self.is(k + 1, "s") {
            out.push(k + 2);
            return out;
        }
        match self.w(k) {
            "at" | "on" | "of" | "in" | "from" | "for" | "the" if self.t.is_word(k) => {
                out.push(k + 1);
                if self.is(k + 1, "the") && !self.is(k, "the") {
                    out.push(k + 2);
                }
            }
            "@" => out.push(k + 1),
            _ => {}
        }
        out
    }

    // ------------------------------------------------------------------ expressions

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
    fn point(&self, i: usize) -> Option<Cand> {
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
    fn side(&self, i: usize) -> Vec<(Spec, usize)> {
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
                Spec {
                    tod: Some(Tod {
                        hour: n,
                        minute: None,
                        second: None,
                        ambiguous: n <= 12,
                    }),
                    strength: Strength::Weak,
                    ..Spec::default()
                },
                i + 1,
            ));
        }
        out
    }

    /// Ranges: "from 13 to 15 July", "July 13-15", "between 9:30 and 11:00 on Thursday",
    /// "3-4pm", "1960 - 1961", "Thursday from 9:30 to 11:00".
    fn range(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut try_from = |lead: usize, prefix: Option<&Spec>| {
            let mut j = lead;
            let between = if self.is(j, "between") {
                j += 1;
                true
            } else if self.is(j, "in") && self.is(j + 1, "between") {
                j += 2;
                true
            } else {
                if self.is(j, "from") {
                    j += 1;
                }
                false
            };
            let mut approx = false;
            if lexicon::is_approx(self.lex(j)) {
                approx = true;
                j += 1;
            }
            for (l, le) in self.side(j) {
                if !self.joinable(le) {
                    continue;
                }
                let mut k = le;
                let sep_ok = if between {
                    if self.is(k, "and") {
                        k += 1;
                        true
                    } else {
                        self.t.punct(k, '-') && {
                            k += 1;
                            true
                        }
                    }
                } else if self.t.punct(k, '-')
                    || self.t.punct(k, '/') && l.tod.is_some() && l.has_date()
                    || self.any(
                        k,
                        &["to", "through", "thru", "till", "until", "untill", "til"],
                    )
                {
                    k += 1;
                    true
                } else {
                    false
                };
                if !sep_ok || !self.joinable(k) {
                    continue;
                }
                if self.is(k, "the") && self.t.num(k + 1).is_some() {
                    // "to the 15th".
                }
                for (r, re) in self.side(k) {
                    if let Some((a, b)) = self.fill_range(&l, &r, prefix) {
                        let mut end = re;
                        // "ish" and a trailing date: "1-2:30 ish", "9:30 - 11:00 on Thursday".
                        let (ish, ie) = self.ish(end);
                        if ish {
                            end = ie;
                        }
                        let (mut a, mut b) = (a, b);
                        for &c in self.connectors(end).as_slice() {
                            if c == end {
                                continue;
                            }
                            if let Some((t, te)) = self.chain(c)
                                && t.strength == Strength::Strong
                                && (t.has_date() || t.anchor.is_some())
                                && t.tod.is_none()
                                // "13 to 15 of July" is a range of days, not of hours.
                                && !(t.month.is_some() && t.day.is_none() && a.tod.is_some() && a.tod.is_some_and(|x| x.minute.is_none()))
                                && let (Some(ma), Some(mb)) = (merge(&a, &t), merge(&b, &t))
                            {
                                a = ma;
                                b = mb;
                                end = te;
                                break;
                            }
                        }
                        // A year closing a range of days: "May eighth - tenth, 2010".
                        if a.year.is_none() && b.year.is_none() && a.month.is_some() {
                            let y = end + usize::from(self.t.punct(end, ','));
                            if let Some((year, ye)) = self.year4(y) {
                                a.year = Some(year);
                                b.year = Some(year);
                                end = ye;
                            }
                        }
                        let strength = a.strength.max(b.strength);
                        let cand = Cand {
                            start: i,
                            end,
                            item: Item::Range(a, b),
                            strength,
                            approx: approx || ish,
                        };
                        if best.as_ref().is_none_or(|bc| cand.end > bc.end) {
                            best = Some(cand);
                        }
                    }
                }
            }
        };
        try_from(i, None);
        // A date in front: "Thursday from 9:30 to 11:00", "tomorrow in between 1-2:30".
        if let Some((p, pe)) = self.chain(i)
            && p.strength == Strength::Strong
            && p.tod.is_none()
        {
            for c in [pe, pe + usize::from(self.t.punct(pe, ','))] {
                if self.any(c, &["from", "between", "in"]) || self.t.num(c).is_some() {
                    try_from(c, Some(&p));
                }
            }
        }
        best
    }

    /// Completes each side of a range from the other, or `None` when they do not make one.
    fn fill_range(&self, l: &Spec, r: &Spec, prefix: Option<&Spec>) -> Option<(Spec, Spec)> {
        let mut a = l.clone();
        let mut b = r.clone();
        let year_only = |s: &Spec| {
            s.year.is_some()
                && s.month.is_none()
                && s.day.is_none()
                && s.tod.is_none()
                && s.holiday.is_none()
                && s.season.is_none()
                && s.quarter.is_none()
        };
        if year_only(&a) && year_only(&b) {
            let (ya, yb) = (a.year?, b.year?);
            if yb <= ya || yb - ya > 200 {
                return None;
            }
            a.strength = Strength::Strong;
            b.strength = Strength::Strong;
            return Some((a, b));
        }
        if a.strength < Strength::Latent && b.strength < Strength::Latent {
            return None;
        }
        if a.tod.is_some() != b.tod.is_some() {
            // "July 13 - 9pm" is no range; but a date and a time may share "from ... to".
            if !(a.has_date() && b.has_date()) {
                return None;
            }
        }
        if let (Some(ta), Some(tb)) = (a.tod, b.tod) {
            if ta.ambiguous && !tb.ambiguous {
                let pm_hour = ta.hour + 12;
                if tb.hour >= 12 && pm_hour <= tb.hour && ta.hour < 12 {
                    a.tod = Some(ta.pm());
                } else if tb.hour < 12 {
                    a.tod = Some(ta.am());
                }
            }
            if !a.has_date() && a.anchor.is_none() && (b.has_date() || b.anchor.is_some()) {
                let date_only = Spec {
                    tod: None,
                    pod: b.pod,
                    ..b.clone()
                };
                a = merge(
                    &Spec {
                        tod: a.tod,
                        strength: a.strength,
                        ..Spec::default()
                    },
                    &date_only,
                )?;
            }
            if !b.has_date() && b.anchor.is_none() && (a.has_date() || a.anchor.is_some()) {
                let date_only = Spec {
                    tod: None,
                    pod: a.pod,
                    ..a.clone()
                };
                b = merge(
                    &Spec {
                        tod: b.tod,
                        strength: b.strength,
                        ..Spec::default()
                    },
                    &date_only,
                )?;
            }
        } else {
            // Dates: a bare day takes the other side's month and year.
            if a.day.is_some()
                && a.month.is_none()
                && b.month.is_some()
                && a.holiday.is_none()
                && a.anchor.is_none()
            {
                a.month = b.month;
                a.year = a.year.or(b.year);
            }
            if b.day.is_some() && b.month.is_none() && a.month.is_some() && b.anchor.is_none() {
                b.month = a.month;
                b.year = b.year.or(a.year);
            }
            if a.month.is_some() && a.year.is_none() && b.year.is_some() && a.holiday.is_none() {
                a.year = b.year;
            }
            if !a.has_date() && a.anchor.is_none() || !b.has_date() && b.anchor.is_none() {
                return None;
            }
            // A weekday against a bare number is no range ("Monday - 15"); against another
            // kind of day it is ("Monday afternoon to last night").
            let only_weekday = |s: &Spec| s.weekday.is_some() && s.day.is_none();
            let bare_day = |s: &Spec| s.day.is_some() && s.month.is_none() && s.weekday.is_none();
            if only_weekday(&a) && bare_day(&b) || bare_day(&a) && only_weekday(&b) {
                return None;
            }
            if a.day.is_some()
                && b.day.is_some()
                && a.month.is_none()
                && b.month.is_none()
                && a.anchor.is_none()
            {
                // "the 13th to the 15th": needs an ordinal on at least one side.
                if a.strength < Strength::Latent && b.strength < Strength::Latent {
                    return None;
                }
            }
        }
        if let Some(p) = prefix {
            a = merge(p, &a)?;
            b = merge(p, &b)?;
        }
        a.strength = a.strength.max(b.strength);
        b.strength = a.strength;
        Some((a, b))
    }

    /// Open intervals and deadlines: "since 2014", "after 2 pm", "from January 13", "before 11
    /// am", "until March", "through 2014", "by the 19th", "within two weeks", "ASAP".
    fn open(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let mut j = i + 1;
        #[derive(PartialEq)]
        enum K {
            After,
            Before,
            By,
            Within,
        }
        let kind = match w {
            "since" => K::After,
            "after" => K::After,
            "from" => K::After,
            "anytime" | "sometime" | "sometimes" if self.any(i + 1, &["after", "before"]) => {
                j += 1;
                if self.is(i + 1, "after") {
                    K::After
                } else {
                    K::Before
                }
            }
            "ever" if self.is(i + 1, "since") => {
                j += 1;
                K::After
            }
            "later" if self.is(i + 1, "than") => {
                j += 1;
                K::After
            }
            // "through the night" is during the night, not until it.
            "through" | "throughout"
                if self.is(i + 1, "the")
                    && (lexicon::pod(self.lex(i + 2)).is_some()
                        || self.any(i + 2, &["day", "weekend"])) =>
            {
                return None;
            }
            "before" | "until" | "till" | "til" | "untill" | "through" | "thru" => K::Before,
            "prior" if self.is(i + 1, "to") => {
                j += 1;
                K::Before
            }
            "up" if self.any(i + 1, &["until", "till"]) => {
                j += 1;
                K::Before
            }
            "by" => K::By,
            "no" | "not" if self.is(i + 1, "later") && self.is(i + 2, "than") => {
                j += 2;
                K::By
            }
            "within" => K::Within,
            "asap" => {
                return Some(Cand {
                    start: i,
                    end: i + 1,
                    item: Item::Fixed(Some(self.r), None, Grain::Second),
                    strength: Strength::Strong,
                    approx: false,
                });
            }
            "as" if self.is(i + 1, "soon")
                && self.is(i + 2, "as")
                && self.is(i + 3, "possible") =>
            {
                return Some(Cand {
                    start: i,
                    end: i + 4,
                    item: Item::Fixed(Some(self.r), None, Grain::Second),
                    strength: Strength::Strong,
                    approx: false,
                });
            }
            _ => return None,
        };
        if kind == K::Within {
            let (d, e) = self.count_unit(j)?;
            return Some(Cand {
                start: i,
                end: e,
                item: Item::Within(d),
                strength: Strength::Strong,
                approx: d.approx,
            });
        }
        let mut approx = false;
        if lexicon::is_approx(self.lex(j)) && !self.is(j, "some") {
            approx = true;
            j += 1;
        }
        // "after 5 days": a shift from now.
        if kind == K::After
            && w == "after"
            && let Some((d, e)) = self.count_unit(j)
            && !self.any(e, &["of", "ago"])
            && let Some((point, _)) = shift_dur(self.r, &d, 1)
        {
            let spec = Spec {
                anchor: Some(point),
                relative: true,
                strength: Strength::Strong,
                ..Spec::default()
            };
            return Some(Cand {
                start: i,
                end: e,
                item: Item::After(spec),
                strength: Strength::Strong,
                approx,
            });
        }
        let (spec, e) = self.chain(j)?;
        if spec.strength < Strength::Latent {
            // "since 2014" makes a year of a bare number; "by 19th" a day.
            if spec.year.is_none() && spec.day.is_none() {
                return None;
            }
        }
        // A bare hour after "from"/"until" is a time only in a whole phrase.
        let strength = if spec.strength == Strength::Weak && spec.tod.is_some() {
            Strength::Weak
        } else if spec.tod.is_some() && spec.strength == Strength::Latent {
            Strength::Latent
        } else {
            Strength::Strong
        };
        let item = match kind {
            K::After => Item::After(spec),
            K::Before => Item::Before(spec),
            K::By => Item::By(spec),
            K::Within => return None,
        };
        Some(Cand {
            start: i,
            end: e,
            item,
            strength,
            approx,
        })
    }

    /// Durations: "about a week", "ten days", "no more than ten days", "a few hours".
    fn duration(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut bound = Bound::Exact;
        let mut approx = false;
        let two = (self.w(j), self.w(j + 1));
        match two {
            ("no" | "not", "more") | ("no" | "not", "longer") if self.is(j + 2, "than") => {
                bound = Bound::AtMost;
                j += 3;
            }
            ("at", "most") => {
                bound = Bound::AtMost;
                j += 2;
            }
            ("up", "to") => {
                bound = Bound::AtMost;
                j += 2;
            }
            ("less" | "fewer", "than") => {
                bound = Bound::AtMost;
                j += 2;
            }
            ("at", "least") => {
                bound = Bound::AtLeast;
                j += 2;
            }
            ("more" | "longer", "than") => {
                bound = Bound::AtLeast;
                j += 2;
            }
            ("no" | "not", "less") if self.is(j + 2, "than") => {
                bound = Bound::AtLeast;
                j += 3;
            }
            _ => {}
        }
        if lexicon::is_approx(self.lex(j)) && self.t.is_word(j) && !self.is(j, "some") {
            approx = true;
            j += 1;
        }
        let (mut d, e) = self.count_unit(j)?;
        // "five years ago" etc. are shifts, read elsewhere; "2 days later" likewise.
        if self.any(e, &["ago", "hence", "later", "earlier", "back"]) {
            return None;
        }
        d.approx |= approx;
        d.bound = bound;
        Some(Cand {
            start: i,
            end: e,
            item: Item::Duration(d),
            strength: Strength::Strong,
            approx: d.approx,
        })
    }

    /// Recurring times: "every day", "each Monday", "every two weeks", "weekly", "twice a week".
    fn set(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let adverb = match w {
            "daily" => Some(("P1D", Grain::Day)),
            "weekly" => Some(("P1W", Grain::Week)),
            "biweekly" | "fortnightly" => Some(("P2W", Grain::Week)),
            "monthly" => Some(("P1M", Grain::Month)),
            "quarterly" => Some(("P3M", Grain::Quarter)),
            "yearly" | "annually" => Some(("P1Y", Grain::Year)),
            "hourly" => Some(("PT1H", Grain::Hour)),
            "nightly" => Some(("TNI", Grain::Day)),
            _ => None,
        };
        if let Some((value, grain)) = adverb {
            return Some(Cand {
                start: i,
                end: i + 1,
                item: Item::Set {
                    value: value.to_string(),
                    grain,
                },
                strength: Strength::Strong,
                approx: false,
            });
        }
        if matches!(w, "once" | "twice") && self.any(i + 1, &["a", "an", "per", "each", "every"]) {
            let unit = lexicon::unit(self.lex(i + 2))?;
            let grain = calendar::unit_grain(unit);
            let times = if w == "once" { 1 } else { 2 };
            return Some(Cand {
                start: i,
                end: i + 3,
                item: Item::Set {
                    value: format!(
                        "{}{}",
                        duration_value(1.0, unit),
                        if times == 2 { "X2" } else { "" }
                    ),
                    grain,
                },
                strength: Strength::Strong,
                approx: false,
            });
        }
        if !matches!(w, "every" | "each") {
            return None;
        }
        let mut j = i + 1;
        let mut step = 1.0;
        if self.is(j, "other") {
            step = 2.0;
            j += 1;
        } else if let Some((n, e)) = self.small_count(j) {
            step = f64::from(n);
            j = e;
        }
        let x = self.w(j);
        if let Some(unit) = lexicon::unit(self.lex(j)) {
            let grain = calendar::unit_grain(unit);
            return Some(Cand {
                start: i,
                end: j + 1,
                item: Item::Set {
                    value: duration_value(step, unit),
                    grain,
                },
                strength: Strength::Strong,
                approx: false,
            });
        }
        if let Some(wd) = lexicon::weekday(self.lex(j)) {
            let mut e = j + 1;
            if let Some(p) = lexicon::pod(self.lex(e)) {
                e += 1;
                return Some(Cand {
                    start: i,
                    end: e,
                    item: Item::Set {
                        value: format!("XXXX-WXX-{}T{}", wd + 1, pod_code(p)),
                        grain: Grain::Hour,
                    },
                    strength: Strength::Strong,
                    approx: false,
                });
            }
            return Some(Cand {
                start: i,
                end: e,
                item: Item::Set {
                    value: format!("XXXX-WXX-{}", wd + 1),
                    grain: Grain::Day,
                },
                strength: Strength::Strong,
                approx: false,
            });
        }
        if let Some(p) = lexicon::pod(self.lex(j)) {
            return Some(Cand {
                start: i,
                end: j + 1,
                item: Item::Set {
                    value: format!("XXXX-XX-XXT{}", pod_code(p)),
                    grain: Grain::Hour,
                },
                strength: Strength::Strong,
                approx: false,
            });
        }
        if let Some(m) = lexicon::month(self.lex(j)) {
            if ambiguous_name(x) && !self.case_ok(j) {
                return None;
            }
            return Some(Cand {
                start: i,
                end: j + 1,
                item: Item::Set {
                    value: format!("XXXX-{m:02}"),
                    grain: Grain::Month,
                },
                strength: Strength::Strong,
                approx: false,
            });
        }
        None
    }

    /// "now", "right now", "at the moment", "currently", "recently", "soon".
    fn fuzzy(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let mk = |end: usize, item: Item, strength: Strength| {
            Some(Cand {
                start: i,
                end,
                item,
                strength,
                approx: false,
            })
        };
        match w {
            "right" | "just" if self.is(i + 1, "now") => mk(i + 2, Item::Now, Strength::Strong),
            "at" if self.is(i + 1, "the") && self.is(i + 2, "moment") => {
                mk(i + 3, Item::Now, Strength::Strong)
            }
            "at" if self.is(i + 1, "present") => mk(i + 2, Item::Now, Strength::Strong),
            "atm" => {
                let caps = self
                    .t
                    .get(i)
                    .is_some_and(|t| self.t.text[t.start..t.end] == *"ATM");
                mk(
                    i + 1,
                    Item::Now,
                    if caps {
                        Strength::Latent
                    } else {
                        Strength::Weak
                    },
                )
            }
            "in" if self.is(i + 1, "recent")
                && self.any(i + 2, &["days", "weeks", "months", "years"]) =>
            {
                mk(i + 3, Item::Fuzzy(Fuzzy::Past), Strength::Strong)
            }
            _ => match lexicon::fuzzy(self.lex(i)) {
                Some(Fuzzy::Present) => mk(i + 1, Item::Now, Strength::Strong),
                Some(f) => mk(i + 1, Item::Fuzzy(f), Strength::Strong),
                None => None,
            },
        }
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

/// How many tokens back [`Parser::tense`] looks for the verb of a weekday's clause: news
/// sentences put long objects and places between a verb and its day ("gave his keynote to the
/// conference at the centre in the city on Monday").
const TENSE_LOOKBACK: usize = 40;

/// Shorthands that are times by themselves ("eom": the end of the month; "asap").
const SHORTHANDS: &[&str] = &["eom", "bom", "eoy", "boy", "eod", "asap", "atm"];

/// Named clock times; the first three also end a time after a function word ("at noon").
const CLOCK_WORDS: &[&str] = &["noon", "midday", "midnight", "tonight", "tonite"];

/// How far the Buddhist era's years run ahead of the common era's.
const BUDDHIST_ERA_OFFSET: i32 = 543;

/// A clock reading with an optional am/pm marker.
fn make_tod(
    h: u32,
    minute: Option<u32>,
    second: Option<u32>,
    ap: Option<(bool, usize)>,
) -> (Option<Tod>, Option<usize>) {
    match ap {
        Some((pm, e)) => {
            if h == 0 || h > 12 {
                // "15:30 pm" is still 15:30; "0 am" is nothing.
                if h > 12 && h < 24 {
                    return (
                        Some(Tod {
                            hour: h,
                            minute,
                            second,
                            ambiguous: false,
                        }),
                        Some(e),
                    );
                }
                return (None, None);
            }
            let hour = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            (
                Some(Tod {
                    hour,
                    minute,
                    second,
                    ambiguous: false,
                }),
                Some(e),
            )
        }
        None => (
            (h <= 24).then_some(Tod {
                hour: h,
                minute,
                second,
                ambiguous: (1..=12).contains(&h),
            }),
            None,
        ),
    }
}

/// A two-digit year read as 19xx or 20xx (pivot at 50).
fn expand_year(n: u32, digits: u32) -> i32 {
    let n = i32::try_from(n).unwrap_or(i32::MAX);
    if digits <= 2 {
        if n < 50 { 2000 + n } else { 1900 + n }
    } else {
        n
    }
}

/// The season containing `t`, shifted by `k` seasons.
fn season_containing(t: NaiveDateTime, k: i64) -> Option<Iv> {
    use super::lexicon::Season;
    let y = chrono::Datelike::year(&t);
    let mut all = Vec::new();
    for yy in (y - 2)..=(y + 2) {
        for s in [Season::Spring, Season::Summer, Season::Fall, Season::Winter] {
            all.extend(calendar::season_iv(yy, s));
        }
    }
    all.sort_by_key(|iv| iv.start);
    let idx = all.iter().position(|iv| iv.contains(t))?;
    let target = usize::try_from(i64::try_from(idx).ok()? + k).ok()?;
    all.get(target).copied()
}

/// A shift by a duration: the point it lands on and the unit-wide scope around it.
fn shift_dur(r: NaiveDateTime, d: &Dur, sign: i64) -> Option<(Iv, Iv)> {
    let amount = d.amount?;
    if d.unit == Unit::Fortnight && amount.fract() == 0.0 {
        let n = (amount as i64).checked_mul(14)?.checked_mul(sign)?;
        return resolve::shifted(r, Unit::Day, n);
    }
    if amount.fract() == 0.0 {
        let n = (amount as i64).checked_mul(sign)?;
        return resolve::shifted(r, d.unit, n);
    }
    // Fractions: count in the next smaller unit.
    let (unit, factor) = match d.unit {
        Unit::Hour => (Unit::Minute, 60.0),
        Unit::Minute => (Unit::Second, 60.0),
        Unit::Day => (Unit::Hour, 24.0),
        Unit::Week => (Unit::Day, 7.0),
        Unit::Month => (Unit::Day, 30.0),
        Unit::Year => (Unit::Month, 12.0),
        _ => return None,
    };
    let n = ((amount * factor).round() as i64).checked_mul(sign)?;
    let (point, scope) = resolve::shifted(r, unit, n)?;
    let _ = Duration::zero();
    Some((point, scope))
}

/// A TIMEX3 duration value: "P1W", "PT30M", "P2.5Y".
pub(super) fn duration_value(amount: f64, unit: Unit) -> String {
    let (n, code, time) = match unit {
        Unit::Second => (amount, "S", true),
        Unit::Minute => (amount, "M", true),
        Unit::Hour => (amount, "H", true),
        Unit::Day => (amount, "D", false),
        Unit::Week => (amount, "W", false),
        Unit::Fortnight => (amount * 2.0, "W", false),
        Unit::Month => (amount, "M", false),
        Unit::Quarter => (amount * 3.0, "M", false),
        Unit::Year => (amount, "Y", false),
        Unit::Decade => (amount * 10.0, "Y", false),
    };
    let num = if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    };
    if time {
        format!("PT{num}{code}")
    } else {
        format!("P{num}{code}")
    }
}

/// The TIMEX3 code of a part of day.
pub(super) fn pod_code(p: Pod) -> &'static str {
    match p {
        Pod::Morning | Pod::Dawn => "MO",
        Pod::Afternoon | Pod::Lunch => "AF",
        Pod::Evening | Pod::Dusk => "EV",
        Pod::Night => "NI",
    }
}

#[allow(dead_code)]
fn _unused(_: Lex) {}
