//! Small readers: ordinals, day numbers, years, counts of units, am/pm markers, zones
//! and "-ish".

use super::*;

impl Parser<'_> {
    /// An ordinal: "15th", "first", "twenty-first", "31st".
    pub(super) fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn day_number(&self, i: usize) -> Option<(u32, usize, bool)> {
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
    pub(super) fn year4(&self, i: usize) -> Option<(i32, usize)> {
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
    pub(super) fn buddhist_era(&self, i: usize) -> bool {
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
    pub(super) fn clipped_year(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let digits = i + 1;
        if !self.t.punct(i, '\'')
            || i == 0
            || self.t.glued(i)
            || !self.t.glued(digits)
            || self.t.digits(digits) != 2
            || self
                .t
                .get(digits + 1)
                .is_some_and(|t| t.gap == Gap::None && t.kind != Kind::Punct)
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
    pub(super) fn cardinal_words(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn count_unit(&self, i: usize) -> Option<(Dur, usize)> {
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
    pub(super) fn short_unit(&self, e: usize) -> Option<Unit> {
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
    pub(super) fn count_units(&self, j: usize) -> Option<(Dur, usize)> {
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
    pub(super) fn ampm(&self, i: usize, loose: bool) -> Option<(bool, usize)> {
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
    pub(super) fn zone(&self, i: usize) -> usize {
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
    pub(super) fn ish(&self, i: usize) -> (bool, usize) {
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

    /// A small count before a unit in "the past two weeks": number, number word, "few".
    pub(super) fn count_before_unit(&self, j: usize) -> Option<(i64, usize, bool)> {
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

    pub(super) fn small_count(&self, j: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.t.num(j) {
            return (self.num_ok(j) && n > 0 && n < 1000).then_some((n, j + 1));
        }
        self.cardinal_words(j).filter(|(n, _)| *n > 0)
    }
}
