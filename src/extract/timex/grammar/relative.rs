//! Atoms relative to the reference: the clause's tense, day words ("tomorrow"), cue words
//! ("next week", "last Friday"), shifts ("two days later", "a week ago") and parts of a
//! period ("early March", "the end of the month").

use super::*;

impl Parser<'_> {
    /// The tense of the clause around token `i`, for a bare weekday: the nearest tense marker
    /// decides, a future one ("will", "scheduled") making it the next such day and a past one
    /// ("said", "broke", "was") the last; `None` leaves the default. The look-back stops at a
    /// clause opener ("said that on Friday talks would resume" reads "would"), the look-ahead at
    /// one too ("said on Friday that talks would resume" reads "said"); on a tie the verb before
    /// the day wins.
    pub(super) fn tense(&self, i: usize) -> Option<Dir> {
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

    /// Word-started atoms: day words, cue + unit, parts of day, seasons, shifts, modifiers.
    pub(super) fn words_atoms(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
        let w = self.w(i);
        let r = self.r;
        // today / tomorrow / yesterday.
        if let Some(n) = lexicon::reldays(self.lex(i))
            && let Some(iv) = unit_iv(r, Grain::Day, n)
        {
            out.push((Spec::relative_anchor(iv), i + 1));
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
                    out.push((Spec::relative_anchor(iv), j + 3));
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

    /// "this week", "last month", "next year", "last Friday", "next March", "this morning",
    /// "last night", "the past two weeks", "next 3 days", "upcoming two weeks", "this weekend".
    pub(super) fn cue_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
                    out.push((Spec::relative_anchor(iv), e + 2));
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
                out.push((Spec::relative_anchor(iv), e));
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
                    out.push((Spec::relative_anchor(iv), j + 1));
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
                out.push((Spec::relative_anchor(iv), j + 1));
            }
            return;
        }
        if uw == "season" || uw == "seasons" {
            if let Some(iv) = season_containing(r, k) {
                out.push((Spec::relative_anchor(iv), j + 1));
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

    /// "in 3 days", "three days ago", "2 weeks from now", "a year from Christmas",
    /// "three fridays from now", "two days later".
    pub(super) fn shift_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
                    out.push((Spec::relative_anchor(iv), end));
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
    pub(super) fn sub_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
    pub(super) fn chain_or_unit(&self, i: usize) -> Option<(Spec, usize)> {
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
}
