//! Throughput of the time-expression finder on news-like text (criterion).
#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// A few thousand news-like sentences built from templates of our own.
fn corpus() -> String {
    let subjects = [
        "The ministry",
        "The alliance",
        "Officials",
        "The president",
        "Rescuers",
    ];
    let times = [
        "on January 9",
        "last week",
        "on Tuesday",
        "two days later",
        "at 5 p.m. on Friday",
        "since 2014",
        "in early March",
        "between 5 and 7 January",
        "for about a week",
        "",
    ];
    let tails = [
        "said that about 2,000 troops would leave under Section 5 of the treaty.",
        "reported a 25 percent rise in prices.",
        "announced that the withdrawal may take no more than ten days.",
        "confirmed that talks would resume.",
    ];
    let mut out = String::new();
    for i in 0..3000 {
        let s = subjects[i % subjects.len()];
        let t = times[(i / 5) % times.len()];
        let tail = tails[(i / 7) % tails.len()];
        out.push_str(&format!("{s} {t} {tail}\n"));
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let reference = chrono::NaiveDate::from_ymd_opt(2022, 1, 14)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let mut group = c.benchmark_group("timex");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("find_news_batch", |b| {
        b.iter(|| sitrep::extract::timex::find(black_box(&text), reference))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
