//! Behaviour of the time-expression finder, one rule family at a time, on sentences of our own.

use super::*;
use chrono::NaiveDate;

fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDateTime {
    at(y, m, d, 0, 0)
}

/// The first timex: its text, start and end.
fn first(
    text: &str,
    reference: NaiveDateTime,
) -> (String, Option<NaiveDateTime>, Option<NaiveDateTime>) {
    let found = find(text, reference);
    let t = found
        .first()
        .unwrap_or_else(|| panic!("no timex in {text:?}"));
    let (s, e) = t.interval.unwrap_or((None, None));
    (t.span.of(text).to_string(), s, e)
}

#[test]
fn absolute_dates_in_common_forms() {
    let r = day(2022, 1, 14);
    for (text, want) in [
        (
            "The talks resumed on January 14, 2022, in Geneva.",
            day(2022, 1, 14),
        ),
        (
            "Friday, January 14, 2022: the ministers met.",
            day(2022, 1, 14),
        ),
        (
            "It was signed on 14 January 2022 by both sides.",
            day(2022, 1, 14),
        ),
        ("Troops arrived on Jan. 9 at the airport.", day(2022, 1, 9)),
        (
            "The mission ends 9 Jan according to the plan.",
            day(2022, 1, 9),
        ),
        ("The decree is dated 2022-01-14.", day(2022, 1, 14)),
        ("Filed 1/14/2022 with the court.", day(2022, 1, 14)),
    ] {
        let (_, s, _) = first(text, r);
        assert_eq!(s, Some(want), "{text}");
    }
}

#[test]
fn partial_dates_take_the_nearest_year() {
    let (_, s, _) = first("On January 9 the president spoke.", day(2022, 1, 6));
    assert_eq!(s, Some(day(2022, 1, 9)));
    let (_, s, _) = first("On January 9 the president spoke.", day(2022, 1, 14));
    assert_eq!(s, Some(day(2022, 1, 9)));
    let (_, s, e) = first(
        "Protests began in December over fuel prices.",
        day(2022, 1, 14),
    );
    assert_eq!((s, e), (Some(day(2021, 12, 1)), Some(day(2022, 1, 1))));
    let found = find(
        "Protests began in December over fuel prices.",
        day(2022, 1, 14),
    );
    assert!(found[0].year_inferred);
    let (_, s, _) = first("Elections were held last May.", day(2022, 1, 14));
    assert_eq!(s, Some(day(2021, 5, 1)));
    let (_, s, _) = first("A vote is planned for next January.", day(2022, 1, 14));
    assert_eq!(s, Some(day(2023, 1, 1)));
}

#[test]
fn days_of_the_month_alone() {
    let (text, s, _) = first(
        "The withdrawal will be complete by the 19th.",
        day(2022, 1, 13),
    );
    assert_eq!(text, "by the 19th");
    let found = find(
        "The withdrawal will be complete by the 19th.",
        day(2022, 1, 13),
    );
    assert_eq!(
        found[0].interval,
        Some((Some(day(2022, 1, 13)), Some(day(2022, 1, 20))))
    );
    let _ = s;
    let (_, s, _) = first("Talks resumed on the 12th.", day(2022, 1, 14));
    assert_eq!(s, Some(day(2022, 1, 12)));
}

#[test]
fn relative_days() {
    let r = day(2022, 1, 14);
    let (text, s, _) = first("Officials said yesterday that the airport reopened.", r);
    assert_eq!((text.as_str(), s), ("yesterday", Some(day(2022, 1, 13))));
    let (_, s, _) = first("The convoy will leave tomorrow.", r);
    assert_eq!(s, Some(day(2022, 1, 15)));
    let (_, s, _) = first("The border reopened two days later.", r);
    assert_eq!(s, Some(day(2022, 1, 16)));
    let (_, s, _) = first("The decree was signed a week ago.", r);
    assert_eq!(s, Some(day(2022, 1, 7)));
    let (_, s, e) = first("Fighting intensified last week.", r);
    assert_eq!((s, e), (Some(day(2022, 1, 3)), Some(day(2022, 1, 10))));
}

#[test]
fn spans_leave_prepositions_out() {
    let found = find("The meeting took place on Tuesday.", day(2022, 1, 14));
    assert_eq!(
        found[0].span.of("The meeting took place on Tuesday."),
        "Tuesday"
    );
}

#[test]
fn to_when_keeps_precision_and_words() {
    let text = "on the evening of January 12";
    let found = find(text, day(2022, 1, 14));
    let when = found[0].to_when(text).unwrap();
    assert_eq!(when.precision(), Precision::PartOfDay);
    assert_eq!(when.earliest(), Some(at(2022, 1, 12, 18, 0)));
    assert_eq!(when.latest(), Some(day(2022, 1, 13)));
    assert_eq!(when.words(), Some("the evening of January 12"));
}

#[test]
fn numbers_and_words_that_are_not_times() {
    let r = day(2022, 1, 14);
    for text in [
        "May God help them.",
        "Prices may fall in the coming months as a fall in demand spreads.",
        "They will march to the square.",
        "About 2,000 troops were deployed under Section 5 of the treaty.",
        "Inflation reached 25 percent, up from 4.5%.",
        "Call 650-650-6500 for details.",
        "This one is different.",
        "1 adult and 2 children were hurt.",
        "Rat 6 was the code name.",
        "Paper sizes A4 A5 were used.",
    ] {
        let found = find(text, r);
        assert!(
            found
                .iter()
                .all(|t| t.kind == TimexType::Duration || t.span.of(text).contains("coming")),
            "{text}: {found:?}"
        );
    }
}
