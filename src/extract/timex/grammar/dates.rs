//! Calendar atoms: numeric dates, month names, days of the month, weekdays, years, quarters,
//! holidays and seasons.

use super::*;

impl Parser<'_> {
    pub(super) fn atoms(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
    pub(super) fn numeric_date(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
            !self.t.glued(k) && self.t.get(k + 1).is_some_and(|t| t.gap != Gap::None)
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
                    && self.t.get(e).is_some_and(|tk| tk.gap != Gap::Break)
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
    pub(super) fn month_atoms(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
    pub(super) fn day_month(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
    pub(super) fn day_ordinal(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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

    pub(super) fn weekday_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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

    pub(super) fn year_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
    pub(super) fn year_in_context(&self, i: usize, n: u32) -> bool {
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
    pub(super) fn quarter_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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

    pub(super) fn holiday_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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

    pub(super) fn season_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        if lexicon::season(self.lex(i)).is_some() {
            self.season_word(i, out, false);
        }
        if self.is(i, "the") && lexicon::season(self.lex(i + 1)).is_some() {
            let mut inner = Vec::new();
            self.season_word(i + 1, &mut inner, true);
            out.extend(inner);
        }
    }

    pub(super) fn season_word(&self, i: usize, out: &mut Vec<(Spec, usize)>, cued: bool) {
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
}
