//! Durations ("about a week"), recurring sets ("every Monday") and fuzzy references
//! ("recently").

use super::*;

impl Parser<'_> {
    /// Durations: "about a week", "ten days", "no more than ten days", "a few hours".
    pub(super) fn duration(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn set(&self, i: usize) -> Option<Cand> {
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
    pub(super) fn fuzzy(&self, i: usize) -> Option<Cand> {
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
}
