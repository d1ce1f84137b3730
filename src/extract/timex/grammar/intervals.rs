//! Ranges ("from 13 to 15 July", "Monday afternoon to last night") and open intervals
//! ("since 2014", "until March", "by the 19th", "within two weeks").

use super::*;

impl Parser<'_> {
    /// Ranges: "from 13 to 15 July", "July 13-15", "between 9:30 and 11:00 on Thursday",
    /// "3-4pm", "1960 - 1961", "Thursday from 9:30 to 11:00".
    pub(super) fn range(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn fill_range(
        &self,
        l: &Spec,
        r: &Spec,
        prefix: Option<&Spec>,
    ) -> Option<(Spec, Spec)> {
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
    pub(super) fn open(&self, i: usize) -> Option<Cand> {
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
            let spec = Spec::relative_anchor(point);
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
}
