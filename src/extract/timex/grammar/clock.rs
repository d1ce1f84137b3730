//! Clock atoms: times of day ("3 pm", "15:30", "noon"), times relative to now ("in two
//! hours") and parts of the day ("this morning").

use super::*;

impl Parser<'_> {
    /// Clock readings: "3pm", "3:15", "15h00", "3 o'clock", "noon", "half past three",
    /// "a quarter to noon", "at 7", "1030", "nine fifty nine a m".
    pub(super) fn clock(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
            self.numeric_clock(j, n, approx_before, at, out);
            return;
        }
        if let Some(spec) = self.named_clock(j) {
            out.push(spec);
            return;
        }
        // "half past three", "a quarter past 3pm", "20 minutes to 2pm", "twenty after 3pm".
        if let Some((spec, e)) = self.relative_clock(j) {
            out.push((spec, e));
            return;
        }
        self.clock_in_words(j, at, out);
    }

    /// A clock time in digits at `j`, whose number is `n`: "3:15", "15h00", "3 pm", "1030".
    /// `cued` says a word before it makes a bare number a time ("at 7", "around 9").
    fn numeric_clock(&self, j: usize, n: u32, cued: bool, at: bool, out: &mut Vec<(Spec, usize)>) {
        if !self.num_ok(j) {
            // "650-650-6500", "2,000": no clock.
            if !(self.t.glued(j + 1) && (self.t.punct(j + 1, ':') || self.t.punct(j + 1, '.'))) {
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
                if colon && self.t.punct(e, ':') && self.t.glued(e) && self.t.digits(e + 1) == 2 {
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
                    out.push((Spec::at_clock(tod, Strength::Strong), e3));
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
                        Spec::at_clock(Tod::new(n, Some(m), false), Strength::Strong),
                        e,
                    ));
                }
                return;
            }
            if !self.t.glued(j + 2) || self.t.get(j + 2).is_none() {
                let e = self.zone(j + 2);
                out.push((
                    Spec::at_clock(Tod::new(n, Some(0), false), Strength::Strong),
                    e,
                ));
            }
            return;
        }
        // H am/pm, H o'clock.
        if d <= 2 && n <= 24 {
            let mut e = j + 1;
            let oclock = if self.is(e, "o") && self.t.punct(e + 1, '\'') && self.is(e + 2, "clock")
            {
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
                    out.push((Spec::at_clock(tod, Strength::Strong), e));
                }
                return;
            }
            if self.is(e, "in") && self.is(e + 1, "the") && self.any(e + 2, &["am", "pm"]) {
                let pm = self.is(e + 2, "pm");
                let (tod, _) = make_tod(n, None, None, Some((pm, e + 3)));
                if let Some(tod) = tod {
                    out.push((Spec::at_clock(tod, Strength::Strong), e + 3));
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
                        out.push((Spec::at_clock(tod, Strength::Strong), ae));
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
                let bare = !(cued || ish);
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
    }

    /// A named clock time at `j`: "noon", "midday", "mid day", "the midday", "midnight".
    fn named_clock(&self, j: usize) -> Option<(Spec, usize)> {
        let noon = || Spec::at_clock(Tod::new(12, None, false), Strength::Strong);
        match self.w(j) {
            "noon" | "midday" => Some((noon(), j + 1)),
            "mid" if self.is(j + 1, "day") => Some((noon(), j + 2)),
            "the" if self.is(j + 1, "midday") => Some((noon(), j + 2)),
            "midnight" => {
                // "The deadline was midnight": in a past clause, the midnight that began the day.
                let past = self.tense(j) == Some(Dir::Past);
                let hour = if past { 0 } else { 24 };
                Some((
                    Spec {
                        dir: past.then_some(Dir::Past),
                        ..Spec::at_clock(Tod::new(hour, None, false), Strength::Strong)
                    },
                    j + 1,
                ))
            }
            _ => None,
        }
    }

    /// Hours in words at `j`: "three am", "ten thirty am", "twelve oh three", "eight" before
    /// tonight; `at` says "at" came before ("at ten thirty").
    fn clock_in_words(&self, j: usize, at: bool, out: &mut Vec<(Spec, usize)>) {
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
                    out.push((Spec::at_clock(tod, Strength::Strong), ae));
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
                out.push((Spec::at_clock(tod, Strength::Strong), e));
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
    pub(super) fn relative_clock(&self, i: usize) -> Option<(Spec, usize)> {
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

    pub(super) fn pod_atom(&self, i: usize, out: &mut Vec<(Spec, usize)>) {
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
            // "tonight", "late last night": the night of today or of yesterday.
            let night = if self.is(j, "tonight") || self.is(j, "tonite") {
                Some((0, j + 1))
            } else if self.is(j, "last") && self.is(j + 1, "night") {
                Some((-1, j + 2))
            } else {
                None
            };
            if let Some((days, e)) = night {
                if let Some(iv) = unit_iv(self.r, Grain::Day, days) {
                    out.push((
                        Spec {
                            pod: Some(Pod::Night),
                            pod_edge: edge,
                            ..Spec::relative_anchor(iv)
                        },
                        e,
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
}
