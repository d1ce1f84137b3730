//! Resolution: turning the constraints the grammar read ([`Spec`]: "a Tuesday", "the 19th of a
//! month", "3 pm", "within next week") into one interval, against the reference time.
//!
//! A partial date is resolved by listing the candidate occurrences around the reference and
//! choosing one by a [`Dir`]: the nearest by default (the product rule), the next or the
//! previous one when the phrase carries a cue ("next May", "last Friday") or the sentence's
//! tense says so (see the module comment in `mod.rs`).

use super::Grain;
use super::calendar::{self, Iv, add, days_in_month, nth_weekday, season_iv, truncate, ymd};
use super::holidays;
use super::lexicon::{Pod, Season};
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime};

/// How to choose among occurrences of a partial date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    /// The occurrence nearest the reference (zero when it contains it).
    Nearest,
    /// The first occurrence that starts after the reference.
    FutureStrict,
    /// The last occurrence that has started.
    Past,
}

/// A cue word in front of a partial date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Cue {
    #[default]
    None,
    /// "this Monday", "this Christmas".
    This,
    /// "next Monday" (a weekday: in next week), "next March".
    Next,
    /// "last Monday", "last May".
    Last,
    /// "Friday after next".
    AfterNext,
}

/// A time of day as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tod {
    /// 0-23, or 1-12 when `ambiguous`.
    pub hour: u32,
    pub minute: Option<u32>,
    pub second: Option<u32>,
    /// A 12-hour clock reading without am/pm ("at 3", "3:30").
    pub ambiguous: bool,
}

impl Tod {
    /// A reading to the hour or minute, without seconds.
    pub fn new(hour: u32, minute: Option<u32>, ambiguous: bool) -> Self {
        Tod {
            hour,
            minute,
            second: None,
            ambiguous,
        }
    }

    /// The grain the reading is given to.
    pub fn grain(&self) -> Grain {
        if self.second.is_some() {
            Grain::Second
        } else if self.minute.is_some() {
            Grain::Minute
        } else {
            Grain::Hour
        }
    }

    /// The 24-hour readings it may stand for.
    fn hours(&self) -> [Option<u32>; 2] {
        if self.ambiguous && self.hour <= 12 {
            if self.hour == 12 {
                [Some(12), Some(0)]
            } else {
                [Some(self.hour), Some(self.hour + 12)]
            }
        } else {
            [Some(self.hour % 24), None]
        }
    }

    /// The same reading moved to the afternoon ("3" read as 3 pm).
    pub fn pm(mut self) -> Self {
        if self.hour < 12 {
            self.hour += 12;
        }
        self.ambiguous = false;
        self
    }

    /// The same reading fixed to the morning ("12" read as midnight).
    pub fn am(mut self) -> Self {
        if self.hour == 12 {
            self.hour = 0;
        }
        self.ambiguous = false;
        self
    }
}

/// A modifier applied to the resolved interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sub {
    /// "early", "the beginning of".
    Early,
    /// "mid", "the middle of".
    Mid,
    /// "late", "the end of".
    Late,
    /// "the first half of".
    FirstHalf,
    /// "the second half of".
    SecondHalf,
    /// "the third Tuesday of" (-1 = last).
    NthWeekday(i32, u32),
    /// "the third day of" (-5 = fifth last).
    NthDay(i32),
    /// "the first week of" (weeks wholly inside; -1 = last).
    NthWeek(i32),
    /// "the last weekend of".
    NthWeekend(i32),
    /// "the week of October 7".
    WeekOf,
    /// "the rest of the week".
    Rest,
    /// "earlier this month".
    Earlier,
    /// "later this week".
    Later,
}

/// How strongly a reading stands on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) enum Strength {
    /// Only as part of a larger expression ("2014" without context, "19th").
    #[default]
    Weak,
    /// Only when it is the whole input ("7", "morning", "May").
    Latent,
    /// Always.
    Strong,
}

/// The constraints read from a phrase.
#[derive(Debug, Clone, Default)]
pub(super) struct Spec {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub weekday: Option<u32>,
    pub holiday: Option<usize>,
    pub season: Option<Season>,
    pub quarter: Option<u32>,
    pub tod: Option<Tod>,
    pub pod: Option<Pod>,
    /// -1 early ("early morning"), 1 late ("late tonight").
    pub pod_edge: i8,
    /// A resolved interval everything else must fall in ("tomorrow", "next week").
    pub anchor: Option<Iv>,
    /// The coarse interval of a shift ("in 9 months" = November), used when a date joins it.
    pub scope: Option<Iv>,
    pub cue: Cue,
    pub sub: Option<Sub>,
    /// A direction forced by the sentence (tense).
    pub dir: Option<Dir>,
    pub approx: bool,
    pub relative: bool,
    pub strength: Strength,
    /// Before Christ: not representable, yields no interval.
    pub bc: bool,
    /// A bare number read as an hour ("7"): joins only a day word next to it.
    pub bare: bool,
}

impl Spec {
    /// Whether a date-level field is set.
    pub fn has_date(&self) -> bool {
        self.year.is_some()
            || self.month.is_some()
            || self.day.is_some()
            || self.weekday.is_some()
            || self.holiday.is_some()
            || self.season.is_some()
            || self.quarter.is_some()
    }

    /// Whether the spec is a weekday that nothing places: no cue ("next", "last"), no tense,
    /// no date or anchor around it ("Monday", "Monday afternoon").
    pub fn is_floating_weekday(&self) -> bool {
        self.weekday.is_some()
            && self.cue == Cue::None
            && self.dir.is_none()
            && self.year.is_none()
            && self.month.is_none()
            && self.day.is_none()
            && self.anchor.is_none()
    }

    /// A clock time alone, of the given strength.
    pub fn at_clock(tod: Tod, strength: Strength) -> Self {
        Spec {
            tod: Some(tod),
            strength,
            ..Spec::default()
        }
    }

    /// An interval placed from the reference ("tomorrow", "next week", "the past two days").
    pub fn relative_anchor(anchor: Iv) -> Self {
        Spec {
            anchor: Some(anchor),
            relative: true,
            strength: Strength::Strong,
            ..Spec::default()
        }
    }

    /// Whether the spec says anything at all.
    pub fn is_empty(&self) -> bool {
        !self.has_date() && self.tod.is_none() && self.pod.is_none() && self.anchor.is_none()
    }

    /// Whether a partial date's year will be inferred.
    fn year_free(&self) -> bool {
        self.year.is_none()
            && self.anchor.is_none()
            && (self.month.is_some() || self.day.is_some() || self.holiday.is_some())
    }
}

/// Joins two readings of adjacent words into one, or `None` when they cannot both hold.
pub(super) fn merge(a: &Spec, b: &Spec) -> Option<Spec> {
    fn one<T: PartialEq + Copy>(x: Option<T>, y: Option<T>) -> Result<Option<T>, ()> {
        match (x, y) {
            (Some(p), Some(q)) if p != q => Err(()),
            (Some(p), _) => Ok(Some(p)),
            (None, q) => Ok(q),
        }
    }
    let mut out = Spec {
        year: one(a.year, b.year).ok()?,
        month: one(a.month, b.month).ok()?,
        day: one(a.day, b.day).ok()?,
        weekday: one(a.weekday, b.weekday).ok()?,
        holiday: one(a.holiday, b.holiday).ok()?,
        season: one(a.season, b.season).ok()?,
        quarter: one(a.quarter, b.quarter).ok()?,
        pod: one(a.pod, b.pod).ok()?,
        ..Spec::default()
    };
    if a.tod.is_some() && b.tod.is_some() {
        return None;
    }
    // A weekday names a day, not a month or a year: "last Friday of October" is read by the
    // modifier rule, not as a Friday somewhere in October.
    if out.weekday.is_some()
        && out.day.is_none()
        && (out.month.is_some() || out.year.is_some() || out.quarter.is_some())
    {
        return None;
    }
    // Two cue words, or two sub-interval modifiers, do not stack.
    if a.cue != Cue::None && b.cue != Cue::None {
        return None;
    }
    if a.sub.is_some() && b.sub.is_some() {
        return None;
    }
    // "the 5th" does not join "the last day of May": a counted modifier picks its own day.
    let counted = |s: &Spec| {
        matches!(
            s.sub,
            Some(
                Sub::NthWeekday(..)
                    | Sub::NthDay(_)
                    | Sub::NthWeek(_)
                    | Sub::NthWeekend(_)
                    | Sub::WeekOf
            )
        )
    };
    if (counted(a) || counted(b)) && (a.day.is_some() || b.day.is_some()) {
        return None;
    }
    // Things that do not combine: a holiday with a month or day, a season with a day.
    if out.holiday.is_some() && (out.month.is_some() || out.day.is_some()) {
        return None;
    }
    if (out.season.is_some() || out.quarter.is_some())
        && (out.month.is_some() || out.day.is_some() || out.weekday.is_some())
    {
        return None;
    }
    // A chain of only a year and a year-ish thing, or two bare numbers, says nothing new.
    let date_a = a.has_date();
    let date_b = b.has_date();
    let anchor = match (a.anchor, b.anchor) {
        (Some(x), Some(y)) => {
            if x.start <= y.start && y.end <= x.end {
                Some(y)
            } else if y.start <= x.start && x.end <= y.end {
                Some(x)
            } else {
                return None;
            }
        }
        (Some(x), None) => {
            if date_b {
                Some(a.scope.unwrap_or(x))
            } else {
                Some(x)
            }
        }
        (None, Some(y)) => {
            if date_a {
                Some(b.scope.unwrap_or(y))
            } else {
                Some(y)
            }
        }
        (None, None) => None,
    };
    // An anchor and an explicit year must agree.
    if let (Some(iv), Some(y)) = (anchor, out.year)
        && iv.grain >= Grain::Year
        && iv.start.year() != y
    {
        return None;
    }
    out.anchor = anchor;
    out.tod = a.tod.or(b.tod);
    out.pod_edge = if a.pod_edge != 0 {
        a.pod_edge
    } else {
        b.pod_edge
    };
    out.cue = if a.cue != Cue::None { a.cue } else { b.cue };
    out.sub = a.sub.or(b.sub);
    out.dir = a.dir.or(b.dir);
    out.approx = a.approx || b.approx;
    out.relative = a.relative || b.relative;
    out.bc = a.bc || b.bc;
    out.bare = a.bare && b.bare;
    out.strength = a.strength.max(b.strength);
    // A clock time with a part of day, or a date with a time, stands on its own.
    if (out.tod.is_some() && (out.pod.is_some() || out.has_date() || out.anchor.is_some()))
        && a.strength >= Strength::Latent
        && b.strength >= Strength::Latent
    {
        out.strength = Strength::Strong;
    }
    Some(out)
}

/// A resolved reading.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resolved {
    pub iv: Iv,
    /// Whether a part of day (not a clock time) is the finest thing known.
    pub part_of_day: bool,
    pub year_inferred: bool,
}

/// Resolves a spec against the reference.
pub(super) fn resolve(spec: &Spec, reference: NaiveDateTime) -> Option<Resolved> {
    resolve_from(spec, reference, None)
}

/// Resolves a spec; `after` (for the second half of a range) forces the first occurrence that
/// does not start before it.
pub(super) fn resolve_from(
    spec: &Spec,
    reference: NaiveDateTime,
    after: Option<NaiveDateTime>,
) -> Option<Resolved> {
    if spec.bc {
        return None;
    }
    let mut year_inferred = false;
    let date_iv = if spec.has_date() {
        let cands = candidates(spec, reference)?;
        let chosen = if let Some(t) = after {
            cands.iter().copied().find(|c| c.end > t)
        } else if spec.anchor.is_some() || spec.year.is_some() {
            cands.first().copied()
        } else {
            year_inferred = spec.year_free();
            choose(&cands, spec, reference)
        };
        Some(chosen?)
    } else {
        spec.anchor
    };
    let date_iv = match (date_iv, spec.sub) {
        (Some(iv), Some(sub)) => Some(apply_sub(iv, sub, reference)?),
        (iv, _) => iv,
    };
    // Clock time.
    if let Some(tod) = spec.tod {
        let tod = match spec.pod {
            Some(Pod::Morning | Pod::Dawn) if tod.ambiguous => tod.am(),
            Some(Pod::Afternoon | Pod::Evening | Pod::Night | Pod::Dusk) if tod.ambiguous => {
                tod.pm()
            }
            Some(Pod::Lunch) if tod.ambiguous && tod.hour < 6 => tod.pm(),
            _ => tod,
        };
        let grain = tod.grain();
        let minute = tod.minute.unwrap_or(0);
        let second = tod.second.unwrap_or(0);
        let at = |day: chrono::NaiveDate, h: u32| {
            day.and_hms_opt(h, minute, second)
                .or_else(|| (h == 24).then(|| day.succ_opt()?.and_hms_opt(0, minute, second))?)
        };
        let moment = match date_iv {
            Some(iv) => {
                let day = iv.start.date();
                let mut found = None;
                for h in tod.hours().into_iter().flatten() {
                    if let Some(t) = at(day, h)
                        && t >= iv.start
                        && t < iv.end.max(iv.start + Duration::days(1))
                    {
                        found = Some(t);
                        break;
                    }
                }
                match found {
                    Some(t) => t,
                    None => at(day, tod.hours()[0]?)?,
                }
            }
            // A bare clock time in a past clause ("the deadline was midnight"): the latest
            // such moment at or before the reference.
            None if after.is_none() && spec.dir == Some(Dir::Past) => {
                let mut best: Option<NaiveDateTime> = None;
                for offset in [-1, 0] {
                    let day = reference.date() + Duration::days(offset);
                    for h in tod.hours().into_iter().flatten() {
                        if let Some(t) = at(day, h)
                            && t <= reference
                            && best.is_none_or(|b| t > b)
                        {
                            best = Some(t);
                        }
                    }
                }
                best?
            }
            None => {
                let floor = after.unwrap_or(reference);
                let floor = truncate(floor, grain)?;
                let mut best: Option<NaiveDateTime> = None;
                for offset in 0..2 {
                    let day = floor.date() + Duration::days(offset);
                    for h in tod.hours().into_iter().flatten() {
                        if let Some(t) = at(day, h)
                            && t >= floor
                            && best.is_none_or(|b| t < b)
                        {
                            best = Some(t);
                        }
                    }
                }
                best?
            }
        };
        return Some(Resolved {
            iv: Iv::of(moment, grain)?,
            part_of_day: false,
            year_inferred,
        });
    }
    if let Some(pod) = spec.pod {
        let day = match date_iv {
            Some(iv) => iv.start.date(),
            None => after.unwrap_or(reference).date(),
        };
        return Some(Resolved {
            iv: pod_iv(day, pod, spec.pod_edge)?,
            part_of_day: true,
            year_inferred,
        });
    }
    Some(Resolved {
        iv: date_iv?,
        part_of_day: false,
        year_inferred,
    })
}

/// The hours of a part of day.
pub(super) fn pod_iv(day: chrono::NaiveDate, pod: Pod, edge: i8) -> Option<Iv> {
    let (from, to) = match (pod, edge) {
        (Pod::Morning, -1) => (0, 9),
        (Pod::Morning, 1) => (9, 12),
        (Pod::Morning, _) => (0, 12),
        (Pod::Afternoon, -1) => (12, 15),
        (Pod::Afternoon, 1) => (15, 19),
        (Pod::Afternoon, _) => (12, 19),
        (Pod::Evening | Pod::Night, -1) => (18, 21),
        (Pod::Evening | Pod::Night, 1) => (21, 24),
        (Pod::Evening | Pod::Night, _) => (18, 24),
        (Pod::Lunch, _) => (12, 14),
        (Pod::Dawn, _) => (4, 8),
        (Pod::Dusk, _) => (17, 21),
    };
    let base = day.and_time(NaiveTime::MIN);
    Some(Iv {
        start: add(base, Grain::Hour, from)?,
        end: add(base, Grain::Hour, to)?,
        grain: Grain::Hour,
    })
}

/// The candidate occurrences of the date-level constraints, sorted by start.
fn candidates(spec: &Spec, reference: NaiveDateTime) -> Option<Vec<Iv>> {
    let window = spec.anchor;
    let center = window.map_or(reference, |w| w.start);
    let cy = center.year();
    let mut out = Vec::new();
    let years: Vec<i32> = if let Some(y) = spec.year {
        vec![y]
    } else if let Some(w) = window {
        (w.start.year()..=(w.end - Duration::seconds(1)).year()).collect()
    } else if spec.weekday.is_some() && spec.month.is_some() && spec.day.is_some() {
        ((cy - 28)..=(cy + 28)).collect()
    } else {
        ((cy - 2)..=(cy + 2)).collect()
    };
    if let Some(h) = spec.holiday {
        for &y in &years {
            out.extend(holidays::occurrences(h, y));
        }
    } else if let Some(season) = spec.season {
        for &y in &years {
            // "winter 2013" is the winter that begins in December 2012 or 2013: take the one
            // starting that year, and the previous one for an anchor check below.
            out.extend(season_iv(y, season));
            if season == Season::Winter && spec.year.is_some() {
                out.extend(season_iv(y - 1, season));
            }
        }
    } else if let Some(q) = spec.quarter {
        let ys: Vec<i32> = if spec.year.is_some() || window.is_some() {
            years.clone()
        } else {
            vec![reference.year()]
        };
        for y in ys {
            out.extend(ymd(y, q * 3 - 2, 1).and_then(|s| Iv::of(s, Grain::Quarter)));
        }
    } else if let Some(m) = spec.month {
        for &y in &years {
            match spec.day {
                Some(d) => {
                    if let Some(t) = ymd(y, m, d)
                        && spec.weekday.is_none_or(|w| weekday_of(t) == w)
                    {
                        out.extend(Iv::of(t, Grain::Day));
                    }
                }
                None => out.extend(ymd(y, m, 1).and_then(|s| Iv::of(s, Grain::Month))),
            }
        }
    } else if let Some(d) = spec.day {
        // A day of an unnamed month: scan months around the centre (or in the year/window).
        let months: Vec<(i32, u32)> = if let Some(y) = spec.year {
            (1..=12).map(|m| (y, m)).collect()
        } else {
            let span = if spec.weekday.is_some() { 36 } else { 3 };
            let base = i64::from(center.year()) * 12 + i64::from(center.month0());
            let (lo, hi) = match window {
                Some(w) => {
                    let last = w.end - Duration::seconds(1);
                    (
                        i64::from(w.start.year()) * 12 + i64::from(w.start.month0()),
                        i64::from(last.year()) * 12 + i64::from(last.month0()),
                    )
                }
                None => (base - span, base + span),
            };
            (lo..=hi)
                .filter_map(|k| {
                    Some((
                        i32::try_from(k.div_euclid(12)).ok()?,
                        u32::try_from(k.rem_euclid(12)).ok()? + 1,
                    ))
                })
                .collect()
        };
        for (y, m) in months {
            if let Some(t) = ymd(y, m, d)
                && spec.weekday.is_none_or(|w| weekday_of(t) == w)
            {
                out.extend(Iv::of(t, Grain::Day));
            }
        }
    } else if let Some(w) = spec.weekday {
        let (lo, hi) = match window {
            Some(win) => (win.start.date(), (win.end - Duration::seconds(1)).date()),
            None => (
                center.date() - Duration::days(21),
                center.date() + Duration::days(21),
            ),
        };
        let mut day = lo;
        while day <= hi {
            if day.weekday().num_days_from_monday() == w {
                out.extend(Iv::day(day));
            }
            day = day.succ_opt()?;
        }
    } else if let Some(y) = spec.year {
        out.extend(ymd(y, 1, 1).and_then(|s| Iv::of(s, Grain::Year)));
    }
    if let Some(w) = window {
        out.retain(|c| c.start >= w.start && c.start < w.end);
    }
    out.sort_by_key(|c| c.start);
    Some(out)
}

fn weekday_of(t: NaiveDateTime) -> u32 {
    t.weekday().num_days_from_monday()
}

/// Picks one occurrence by the spec's cue, its forced direction or the default.
fn choose(cands: &[Iv], spec: &Spec, t: NaiveDateTime) -> Option<Iv> {
    let only_weekday = spec.weekday.is_some() && spec.month.is_none() && spec.day.is_none();
    match spec.cue {
        Cue::Next if only_weekday => {
            let week = truncate(t, Grain::Week)?;
            let from = add(week, Grain::Week, 1)?;
            let to = add(week, Grain::Week, 2)?;
            return cands
                .iter()
                .copied()
                .find(|c| c.start >= from && c.start < to);
        }
        Cue::Next => return cands.iter().copied().find(|c| c.start > t),
        Cue::AfterNext => return cands.iter().copied().filter(|c| c.start > t).nth(1),
        Cue::Last => return cands.iter().copied().rev().find(|c| c.end <= t),
        Cue::This if only_weekday && spec.dir.is_none() => {
            return cands.iter().copied().find(|c| c.end > t);
        }
        Cue::This => {
            if let Some(c) = cands.iter().copied().find(|c| c.contains(t)) {
                return Some(c);
            }
        }
        Cue::None => {}
    }
    let dir = spec.dir.unwrap_or(if only_weekday {
        Dir::FutureStrict
    } else {
        Dir::Nearest
    });
    match dir {
        Dir::FutureStrict => {
            let day_end = truncate(t, Grain::Day)? + Duration::days(1);
            cands.iter().copied().find(|c| c.start >= day_end)
        }
        Dir::Past => cands.iter().copied().rev().find(|c| c.start <= t),
        Dir::Nearest => {
            let mut best: Option<(Duration, Iv)> = None;
            for c in cands {
                let d = c.distance(t);
                // Ties go to the later occurrence.
                if best.is_none_or(|(bd, _)| d <= bd) {
                    best = Some((d, *c));
                }
            }
            best.map(|(_, c)| c)
        }
    }
}

/// Narrows an interval by a modifier ("early", "the first Monday of", ...).
fn apply_sub(iv: Iv, sub: Sub, reference: NaiveDateTime) -> Option<Iv> {
    let s = iv.start;
    let day = |t: NaiveDateTime, n: i64| add(t, Grain::Day, n);
    let mk = |start: NaiveDateTime, end: NaiveDateTime, grain: Grain| {
        (end > start).then_some(Iv { start, end, grain })
    };
    match sub {
        Sub::Early | Sub::Mid | Sub::Late | Sub::FirstHalf | Sub::SecondHalf => match iv.grain {
            Grain::Year => {
                let (a, b) = match sub {
                    Sub::Early => (0, 3),
                    Sub::Mid => (4, 8),
                    Sub::Late => (8, 12),
                    Sub::FirstHalf => (0, 6),
                    _ => (6, 12),
                };
                mk(
                    add(s, Grain::Month, a)?,
                    add(s, Grain::Month, b)?,
                    Grain::Month,
                )
            }
            Grain::Quarter => {
                let (a, b) = match sub {
                    Sub::Early => (0, 1),
                    Sub::Mid => (1, 2),
                    Sub::Late => (2, 3),
                    _ => return None,
                };
                mk(
                    add(s, Grain::Month, a)?,
                    add(s, Grain::Month, b)?,
                    Grain::Month,
                )
            }
            Grain::Month => {
                let len = i64::from(days_in_month(s.year(), s.month()));
                let (a, b) = match sub {
                    Sub::Early => (0, 10),
                    Sub::Mid => (10, 20),
                    Sub::Late => (20, len),
                    Sub::FirstHalf => (0, 15),
                    _ => (15, len),
                };
                mk(day(s, a)?, day(s, b)?, Grain::Day)
            }
            Grain::Week => {
                let (a, b) = match sub {
                    Sub::Early => (0, 3),
                    Sub::Mid => (2, 4),
                    Sub::Late => (4, 7),
                    _ => return None,
                };
                mk(day(s, a)?, day(s, b)?, Grain::Day)
            }
            Grain::Day => {
                let (a, b) = match sub {
                    Sub::Early => (0, 9),
                    Sub::Mid => (11, 14),
                    Sub::Late => (18, 24),
                    _ => return None,
                };
                mk(
                    add(s, Grain::Hour, a)?,
                    add(s, Grain::Hour, b)?,
                    Grain::Hour,
                )
            }
            _ if iv.end - iv.start >= Duration::days(20) => {
                // A season or another long stretch: thirds.
                let third = (iv.end - iv.start) / 3;
                match sub {
                    Sub::Early => mk(s, s + third, Grain::Day),
                    Sub::Mid => mk(s + third, s + third * 2, Grain::Day),
                    Sub::Late => mk(s + third * 2, iv.end, Grain::Day),
                    _ => None,
                }
            }
            _ => None,
        },
        Sub::NthWeekday(n, wd) => {
            if iv.grain == Grain::Month {
                let d = nth_weekday(s.year(), s.month(), wd, n)?;
                Iv::day(d)
            } else {
                // Count the weekday's occurrences inside the interval.
                let mut days = Vec::new();
                let mut d = s.date();
                while d.and_time(NaiveTime::MIN) < iv.end && days.len() < 400 {
                    if d.weekday().num_days_from_monday() == wd {
                        days.push(d);
                    }
                    d = d.succ_opt()?;
                }
                let pick = if n > 0 {
                    days.get(usize::try_from(n - 1).ok()?)
                } else {
                    days.len()
                        .checked_sub(usize::try_from(-n).ok()?)
                        .and_then(|k| days.get(k))
                };
                Iv::day(*pick?)
            }
        }
        Sub::NthDay(n) => {
            let t = if n > 0 {
                day(s, i64::from(n) - 1)?
            } else {
                day(iv.end, i64::from(n))?
            };
            (t >= s && t < iv.end).then(|| Iv::of(t, Grain::Day))?
        }
        Sub::NthWeek(n) => {
            let mut weeks = Vec::new();
            let mut w = truncate(s, Grain::Week)?;
            if w < s {
                w = add(w, Grain::Week, 1)?;
            }
            while add(w, Grain::Week, 1)? <= iv.end && weeks.len() < 60 {
                weeks.push(w);
                w = add(w, Grain::Week, 1)?;
            }
            let pick = if n > 0 {
                weeks.get(usize::try_from(n - 1).ok()?)
            } else {
                weeks
                    .len()
                    .checked_sub(usize::try_from(-n).ok()?)
                    .and_then(|k| weeks.get(k))
            };
            Iv::of(*pick?, Grain::Week)
        }
        Sub::NthWeekend(n) => {
            let mut sats = Vec::new();
            let mut d = s.date();
            while d.and_time(NaiveTime::MIN) < iv.end && sats.len() < 60 {
                if d.weekday().num_days_from_monday() == 5 {
                    sats.push(d);
                }
                d = d.succ_opt()?;
            }
            let pick = if n > 0 {
                sats.get(usize::try_from(n - 1).ok()?)
            } else {
                sats.len()
                    .checked_sub(usize::try_from(-n).ok()?)
                    .and_then(|k| sats.get(k))
            };
            weekend_of(pick?.and_time(NaiveTime::MIN))
        }
        Sub::WeekOf => Iv::of(truncate(s, Grain::Week)?, Grain::Week),
        Sub::Rest => {
            let today = truncate(reference, Grain::Day)?;
            mk(today.max(s), iv.end, Grain::Day)
        }
        Sub::Earlier => {
            let today = truncate(reference, Grain::Day)?;
            mk(s, today.min(iv.end), Grain::Day)
        }
        Sub::Later => {
            let tomorrow = truncate(reference, Grain::Day)? + Duration::days(1);
            mk(tomorrow.max(s), iv.end, Grain::Day)
        }
    }
}

/// The weekend (Friday 18:00 to Monday 00:00) of the week containing `t`.
pub(super) fn weekend_of(t: NaiveDateTime) -> Option<Iv> {
    let monday = truncate(t, Grain::Week)?;
    Some(Iv {
        start: add(monday, Grain::Day, 4)? + Duration::hours(18),
        end: add(monday, Grain::Day, 7)?,
        grain: Grain::Hour,
    })
}

/// A shift from the reference by `n` units, at the grain a shift of that unit is known to:
/// the next finer grain, but never finer than the day when the reference itself is a bare date.
pub(super) fn shifted(
    reference: NaiveDateTime,
    unit: super::lexicon::Unit,
    n: i64,
) -> Option<(Iv, Iv)> {
    let moved = calendar::add_unit(reference, unit, n)?;
    let unit_grain = calendar::unit_grain(unit);
    let mut grain = calendar::finer(unit_grain);
    let bare_date = reference.time() == NaiveTime::MIN;
    if bare_date && grain < Grain::Day {
        grain = grain.max(if unit_grain <= Grain::Hour {
            grain
        } else {
            Grain::Day
        });
    }
    let point = Iv::of(truncate(moved, grain)?, grain)?;
    let scope = Iv::of(truncate(moved, unit_grain)?, unit_grain)?;
    Some((point, scope))
}
