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
//!
//! Each rule family has its own file: `readers` (numbers, years, units, am/pm), `dates`
//! (calendar atoms), `clock` (times and parts of the day), `relative` (tense, cue words and
//! shifts), `chains`, `expressions` (points and where one can start), `intervals` (ranges and
//! open intervals) and `durations` (durations, sets and fuzzy references). This file holds the
//! parser's state and the token tests every rule uses.

use super::Grain;
use super::calendar::{self, Iv, add, truncate, unit_iv};
use super::holidays;
use super::lexicon::{self, Fuzzy, Lex, Pod, Unit};
use super::resolve::{self, Cue, Dir, Spec, Strength, Sub, Tod, merge, weekend_of};
use super::tokens::{Gap, Kind, Tokens};
use chrono::{Duration, NaiveDateTime};

mod chains;
mod clock;
mod dates;
mod durations;
mod expressions;
mod intervals;
mod readers;
mod relative;

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
        if self.t.get(i).is_some_and(|t| t.gap == Gap::Break) {
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
