//! Time expressions: finding them in text and resolving them against a reference time, in the
//! TimeML TIMEX3 vocabulary (DATE, TIME, DURATION, SET).
//!
//! The modules: [`tokens`] cuts the text, [`lexicon`] and [`holidays`] hold the compiled-in
//! vocabularies (`data/*.tsv`), [`grammar`] reads expressions off the tokens, [`resolve`] and
//! [`calendar`] turn them into intervals, and this module picks the non-overlapping longest
//! matches and writes them out as [`Timex`] values.
//!
//! Conventions, chosen for news text and measured against Duckling's corpus:
//!
//! - **The year of a partial date** ("January 9", "the 19th", "in December", "Christmas") is
//!   the occurrence nearest the reference: with a reference of 2022-01-14, "January 9" is
//!   2022-01-09 and "in December" 2021-12. `year_inferred` is set. A cue word overrides it:
//!   "last May", "next January", "this Christmas". Duckling instead always looks forward (its
//!   "Christmas" on 2013-02-12 is 2013-12-25); the few corpus rows that disagree are left to the
//!   product rule.
//! - **A bare weekday** ("on Friday") follows Duckling's convention, the next one after the
//!   reference day, unless its clause is in the past tense ("said on Friday", "was killed on
//!   Friday"), where news means the most recent one (the reference day included). "next
//!   Tuesday" is Tuesday of next week, "last Tuesday" the latest one before today.
//! - **Latent readings** (a bare hour "7", a bare year "1974", a lone "morning" or "May") count
//!   only when they are the whole input, as when a phrase is typed into a search box; inside a
//!   sentence they need context ("at 7 pm", "in 1974", "Tuesday morning", "in May").
//! - **Shifts** ("in 7 days", "two days later", "a week ago") land at the next finer grain
//!   than their unit, as Duckling does, but never finer than a day when the reference itself
//!   is a bare date (a publication date has no time of day to shift).
//! - **Time zones** after a clock reading ("9:30 GMT") are kept in the span but not converted:
//!   the reference carries no zone to convert to.
//! - "until X" and "through X" end where X starts, "after X" and "since X" start where X starts,
//!   and "by X" runs from the reference to the end of X (to the start of a clock time).

mod calendar;
mod grammar;
mod holidays;
mod iso;
mod lexicon;
mod resolve;
mod tokens;

use super::Span;
use crate::domain::{Precision, When};
use calendar::Iv;
use chrono::{Datelike, NaiveDateTime};
use grammar::{Bound, Cand, Dur, Item, Parser};
pub use iso::IsoSeconds;
use iso::{Fields, iso};
use resolve::{Resolved, Spec, Strength};
use serde::Serialize;

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or a coarser period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurring time.
    Set,
}

/// The grain of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
}

impl Grain {
    /// The matching precision of a [`When`].
    pub fn precision(self) -> Precision {
        match self {
            Grain::Second => Precision::Second,
            Grain::Minute => Precision::Minute,
            Grain::Hour => Precision::Hour,
            Grain::Day => Precision::Day,
            Grain::Week => Precision::Week,
            Grain::Month => Precision::Month,
            Grain::Quarter => Precision::Quarter,
            Grain::Year => Precision::Year,
        }
    }
}

/// How a duration's amount is bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationBound {
    /// "ten days".
    Exact,
    /// "no more than ten days", "up to a week".
    AtMost,
    /// "at least two weeks", "more than a month".
    AtLeast,
}

/// A length of time read from text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimexDuration {
    /// How many units; `None` when vague ("a few days", "several weeks").
    pub amount: Option<f64>,
    /// The unit counted in (a fortnight counts as two weeks, a decade as ten years).
    pub unit: Grain,
    /// Whether hedged ("about a week") or vague.
    pub approximate: bool,
    /// Whether the amount is a bound.
    pub bound: DurationBound,
}

impl TimexDuration {
    /// The length in seconds, when the amount is known (months are 30 days, years 365).
    pub fn seconds(&self) -> Option<f64> {
        let per = match self.unit {
            Grain::Second => 1.0,
            Grain::Minute => 60.0,
            Grain::Hour => 3600.0,
            Grain::Day => 86_400.0,
            Grain::Week => 604_800.0,
            Grain::Month => 2_592_000.0,
            Grain::Quarter => 7_776_000.0,
            Grain::Year => 31_536_000.0,
        };
        self.amount.map(|a| a * per)
    }
}

/// A time expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Where it is (byte offsets, on char boundaries).
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// The TIMEX3 value ("2013-02-05", "2013-W06", "2013-02-11TEV", "P1W", "PXD").
    pub value: String,
    /// The grain.
    pub grain: Grain,
    /// The time meant, `[start, end)`; either side may be open; `None` for a bare duration or
    /// a set.
    pub interval: Option<(Option<NaiveDateTime>, Option<NaiveDateTime>)>,
    /// Like the grain, but a part of day ("the evening of January 12") is its own precision.
    pub precision: Precision,
    /// Hedged: "about a week", "around 5pm".
    pub approximate: bool,
    /// A partial date whose year was chosen by the nearest-occurrence rule.
    pub year_inferred: bool,
    /// Resolved against the reference ("yesterday", "last week", "two days later").
    pub relative: bool,
    /// The length, for a DURATION ("about a week" = 7 days, approximate).
    pub duration: Option<TimexDuration>,
}

impl Timex {
    /// The interval as a [`When`] with its precision, approximate flag and words; `None` for a
    /// duration, a set, or an interval open on both sides.
    pub fn to_when(&self, text: &str) -> Option<When> {
        let (start, end) = self.interval?;
        let when = When::new(start, end, self.precision).ok()?;
        let when = if self.approximate {
            when.approximately()
        } else {
            when
        };
        Some(when.with_words(self.span.of(text)))
    }
}

/// Finds and resolves the time expressions in `text`, against `reference`. The result is
/// sorted by span and non-overlapping; where two readings compete the longer one wins.
pub fn find(text: &str, reference: NaiveDateTime) -> Vec<Timex> {
    let toks = tokens::Tokens::new(text);
    let parser = Parser::new(&toks, reference);
    // The first and last meaningful tokens, for the whole-input test of latent readings.
    let first = toks.toks.iter().position(|t| t.kind != tokens::Kind::Punct);
    let last = toks
        .toks
        .iter()
        .rposition(|t| t.kind != tokens::Kind::Punct);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !parser.could_start(i) {
            i += 1;
            continue;
        }
        parser.forget_before(i);
        let Some(cand) = parser.expr(i) else {
            i += 1;
            continue;
        };
        let whole = first == Some(cand.start) && last.is_some_and(|l| cand.end == l + 1);
        let keep = match cand.strength {
            Strength::Strong => true,
            Strength::Latent => whole,
            Strength::Weak => false,
        };
        if keep && let Some(timex) = build(&toks, &cand, reference) {
            out.push(timex);
            i = cand.end.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// Prepositions left out of a span ("on Friday" is the timex "Friday").
fn trim_start(toks: &tokens::Tokens, cand: &Cand) -> usize {
    let mut s = cand.start;
    while s + 1 < cand.end && toks.is_word(s) && matches!(toks.s(s), "on" | "at" | "in") {
        // "in 3 days" keeps its "in": it is what makes the shift.
        if toks.s(s) == "in"
            && let Item::Point(spec) = &cand.item
            && spec.relative
            && spec.scope.is_some()
        {
            break;
        }
        s += 1;
    }
    s
}

fn build(toks: &tokens::Tokens, cand: &Cand, reference: NaiveDateTime) -> Option<Timex> {
    let first = trim_start(toks, cand);
    let start_tok = toks.get(first)?;
    let end_tok = toks.get(cand.end.checked_sub(1)?)?;
    let span = Span::new(start_tok.start, end_tok.end);
    let (kind, value, grain, interval, precision, year_inferred, relative, duration) =
        meaning(cand, reference)?;
    Some(Timex {
        span,
        kind,
        value,
        grain,
        interval,
        precision,
        approximate: cand.approx,
        year_inferred,
        relative,
        duration,
    })
}

type Meaning = (
    TimexType,
    String,
    Grain,
    Option<(Option<NaiveDateTime>, Option<NaiveDateTime>)>,
    Precision,
    bool,
    bool,
    Option<TimexDuration>,
);

fn point_meaning(spec: &Spec, res: &Resolved) -> Meaning {
    let iv = res.iv;
    let time = res.part_of_day || iv.grain <= Grain::Hour;
    let precision = if res.part_of_day {
        Precision::PartOfDay
    } else {
        iv.grain.precision()
    };
    (
        if time {
            TimexType::Time
        } else {
            TimexType::Date
        },
        value_of(spec, res),
        iv.grain,
        Some((Some(iv.start), Some(iv.end))),
        precision,
        res.year_inferred,
        spec.relative,
        None,
    )
}

fn meaning(cand: &Cand, reference: NaiveDateTime) -> Option<Meaning> {
    match &cand.item {
        Item::Point(spec) => {
            if spec.bc {
                let value = format!("BC{:04}", spec.year.unwrap_or(0));
                return Some((
                    TimexType::Date,
                    value,
                    Grain::Year,
                    None,
                    Precision::Year,
                    false,
                    false,
                    None,
                ));
            }
            let res = resolve::resolve(spec, reference)?;
            Some(point_meaning(spec, &res))
        }
        Item::Range(a, b) => {
            let mut ra = resolve::resolve(a, reference)?;
            // A range starts by its end: a weekday nothing places ("Monday afternoon to last
            // night") is the latest such day at or before an end that stands on its own.
            if a.is_floating_weekday()
                && let Some(end) = resolve::resolve(b, reference)
                && ra.iv.start > end.iv.start
                && let Some(earlier) = resolve::resolve(
                    &resolve::Spec {
                        dir: Some(resolve::Dir::Past),
                        ..a.clone()
                    },
                    end.iv.start,
                )
            {
                ra = earlier;
            }
            let rb = resolve::resolve_from(b, reference, Some(ra.iv.start))?;
            if rb.iv.end <= ra.iv.start {
                return None;
            }
            let grain = ra.iv.grain.min(rb.iv.grain);
            // "3:30 to 6 pm" ends at the end of 6:00's minute, the grain of the first side.
            let end = if rb.iv.grain > grain && a.tod.is_some() && b.tod.is_some() {
                calendar::add(rb.iv.start, grain, 1)?
            } else {
                rb.iv.end
            };
            let (kind, va, _, _, precision, inferred, relative, _) = point_meaning(a, &ra);
            let vb = value_of(b, &rb);
            Some((
                kind,
                format!("{va}/{vb}"),
                grain,
                Some((Some(ra.iv.start), Some(end))),
                precision.min(rb.iv.grain.precision()),
                inferred,
                relative,
                None,
            ))
        }
        Item::After(spec) | Item::Before(spec) | Item::By(spec) => {
            let res = resolve::resolve(spec, reference)?;
            let (kind, value, grain, _, precision, inferred, relative, _) =
                point_meaning(spec, &res);
            let interval = match &cand.item {
                Item::After(_) => (Some(res.iv.start), None),
                Item::Before(_) => (None, Some(res.iv.start)),
                _ => {
                    let end = if res.iv.grain >= Grain::Day
                        || spec.sub == Some(resolve::Sub::Late)
                        || res.part_of_day
                    {
                        res.iv.end
                    } else {
                        res.iv.start
                    };
                    if end <= reference {
                        (None, Some(end))
                    } else {
                        (Some(reference), Some(end))
                    }
                }
            };
            let grain = if matches!(cand.item, Item::By(_)) && interval.0 == Some(reference) {
                Grain::Second
            } else {
                grain
            };
            Some((
                kind,
                value,
                grain,
                Some(interval),
                precision,
                inferred,
                relative,
                None,
            ))
        }
        Item::ForSpan(spec, d) => {
            let res = resolve::resolve(spec, reference)?;
            let unit_grain = calendar::unit_grain(d.unit);
            let amount = d.amount?;
            if amount.fract() != 0.0 {
                return None;
            }
            let moved = calendar::add_unit(res.iv.start, d.unit, amount as i64)?;
            let end = calendar::add(calendar::truncate(moved, unit_grain)?, unit_grain, 1)?;
            let (kind, value, _, _, precision, inferred, relative, _) = point_meaning(spec, &res);
            Some((
                kind,
                value,
                unit_grain.min(res.iv.grain),
                Some((Some(res.iv.start), Some(end))),
                precision,
                inferred,
                relative,
                Some(timex_duration(d)),
            ))
        }
        Item::Within(d) => {
            let amount = d.amount?;
            let unit_grain = calendar::unit_grain(d.unit);
            let moved = if amount.fract() == 0.0 {
                calendar::add_unit(reference, d.unit, amount as i64)?
            } else {
                reference + chrono::Duration::seconds(timex_duration(d).seconds()? as i64)
            };
            let end = calendar::truncate(moved, calendar::finer(unit_grain))?;
            Some((
                TimexType::Date,
                grammar::duration_value(amount, d.unit),
                Grain::Second,
                Some((Some(reference), Some(end.max(reference)))),
                Precision::Second,
                false,
                true,
                Some(timex_duration(d)),
            ))
        }
        Item::Duration(d) => {
            let td = timex_duration(d);
            let value = match d.amount {
                Some(a) => grammar::duration_value(a, d.unit),
                None => grammar::duration_value(1.0, d.unit).replace('1', "X"),
            };
            Some((
                TimexType::Duration,
                value,
                td.unit,
                None,
                td.unit.precision(),
                false,
                false,
                Some(td),
            ))
        }
        Item::Set { value, grain } => Some((
            TimexType::Set,
            value.clone(),
            *grain,
            None,
            grain.precision(),
            false,
            false,
            None,
        )),
        Item::Now => {
            let iv = Iv::of(calendar::truncate(reference, Grain::Second)?, Grain::Second)?;
            Some((
                TimexType::Date,
                "PRESENT_REF".to_string(),
                Grain::Second,
                Some((Some(iv.start), Some(iv.end))),
                Precision::Second,
                false,
                true,
                None,
            ))
        }
        Item::Fuzzy(f) => {
            let (value, interval) = match f {
                lexicon::Fuzzy::Past => ("PAST_REF", (None, Some(reference))),
                lexicon::Fuzzy::Future => ("FUTURE_REF", (Some(reference), None)),
                lexicon::Fuzzy::Present => ("PRESENT_REF", (Some(reference), None)),
            };
            Some((
                TimexType::Date,
                value.to_string(),
                Grain::Day,
                Some(interval),
                Precision::Day,
                false,
                true,
                None,
            ))
        }
        Item::Fixed(start, end, grain) => Some((
            TimexType::Date,
            "FUTURE_REF".to_string(),
            *grain,
            Some((*start, *end)),
            grain.precision(),
            false,
            true,
            None,
        )),
    }
}

fn timex_duration(d: &Dur) -> TimexDuration {
    use lexicon::Unit;
    let (amount, unit) = match d.unit {
        Unit::Fortnight => (d.amount.map(|a| a * 2.0), Grain::Week),
        Unit::Decade => (d.amount.map(|a| a * 10.0), Grain::Year),
        other => (d.amount, calendar::unit_grain(other)),
    };
    TimexDuration {
        amount,
        unit,
        approximate: d.approx,
        bound: match d.bound {
            Bound::Exact => DurationBound::Exact,
            Bound::AtMost => DurationBound::AtMost,
            Bound::AtLeast => DurationBound::AtLeast,
        },
    }
}

/// The TIMEX3 value of a resolved point.
fn value_of(spec: &Spec, res: &Resolved) -> String {
    let t = res.iv.start;
    if res.part_of_day {
        let code = spec.pod.map_or("DT", grammar::pod_code);
        return format!("{}T{code}", iso(t, Fields::Day));
    }
    if let Some(season) = spec.season.filter(|_| spec.sub.is_none()) {
        let code = match season {
            lexicon::Season::Spring => "SP",
            lexicon::Season::Summer => "SU",
            lexicon::Season::Fall => "FA",
            lexicon::Season::Winter => "WI",
        };
        return format!("{}-{code}", t.year());
    }
    match res.iv.grain {
        Grain::Second => iso(t, Fields::Second),
        Grain::Minute => iso(t, Fields::Minute),
        Grain::Hour => iso(t, Fields::Hour),
        Grain::Day => iso(t, Fields::Day),
        Grain::Week => {
            let w = t.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Grain::Month => iso(t, Fields::Month),
        Grain::Quarter => format!("{}-Q{}", t.year(), t.month0() / 3 + 1),
        Grain::Year => format!("{}", t.year()),
    }
}

/// `Strength` is shared with the grammar; keep the import used in builds without tests.
#[allow(dead_code)]
fn _strength(_: Strength) {}

#[cfg(test)]
mod tests;
