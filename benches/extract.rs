//! Throughput of the whole extraction pipeline, in bytes of article text per second, on a
//! synthetic news corpus written for the benchmark (dated sections, statements, hedged forecasts,
//! titles and acronyms) and, when present, on the development article in ../shared/seeds, alone
//! and repeated with the demo seeds to 1 MiB.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep::extract::{ExtractOptions, extract};
use std::hint::black_box;

const PARAGRAPHS: &[&str] = &[
    "On March {d}, the spokesman of Ruritanian President Anna Berg said that the Northern Defence Pact (NDP) would keep its forces in Ruritania for about a week.",
    "Sylvanian Defence Minister Piotr Lenz said on the evening of March {d} that the withdrawal would be complete by the 19th, and that Sylvania cannot decide it alone.",
    "It would not be surprising if there were clashes between the Ruritanian army and the Sylvanian army before the end of the month.",
    "Sylvania might continue to increase its troops in Ruritania after the situation has stabilised, and this is probably related to the elections.",
    "Two days later, Berg again announced that the peacekeeping tasks had been completed. The U.S. State Department welcomed the decision at 5 p.m. local time.",
    "In fact, Sylvania entered Ruritania to support the Ruritanian President at her request only after the army began to intervene.",
    "This promise is obviously hard to keep, because an army does not come and go at will. The NDP Council denied that the pullout had started.",
];

fn corpus(target_bytes: usize) -> String {
    let mut text = String::from("Ruritania Watch\nMonday, March 14, 2022\nBy Jane Roe\n\n");
    let mut day = 1;
    while text.len() < target_bytes {
        text.push_str(&format!("Observation on March {day}, 2022:\n\n"));
        for paragraph in PARAGRAPHS {
            text.push_str(&paragraph.replace("{d}", &day.to_string()));
            text.push_str("\n\n");
        }
        day = day % 28 + 1;
    }
    text
}

fn bench_pipeline(c: &mut Criterion) {
    let options = ExtractOptions::default();
    let mut group = c.benchmark_group("extract");
    for size in [16 * 1024, 1024 * 1024] {
        let text = corpus(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("synthetic_{}k", size / 1024), |b| {
            b.iter(|| extract(black_box(&text), &options))
        });
    }
    // One run-on "sentence" without punctuation, full of names and relation verbs: the rules'
    // bounded look-back keeps this linear.
    let words = [
        "Ruritania",
        "supported",
        "Sylvania",
        "and",
        "the",
        "army",
        "he",
        "said",
        "that",
        "Berg",
        "attacked",
        "between",
        "with",
        "clashes",
        "of",
        "troops",
        "which",
        "who",
    ];
    let run_on: String = (0..60_000)
        .map(|i| words[(i * 7 + i / 5) % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    group.throughput(Throughput::Bytes(run_on.len() as u64));
    group.bench_function("run_on_sentence", |b| {
        b.iter(|| extract(black_box(&run_on), &options))
    });
    match std::fs::read_to_string("../shared/seeds/anbound-2022-01-14-kazakhstan.txt") {
        Ok(text) => {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function("dev_article", |b| {
                b.iter(|| extract(black_box(&text), &options))
            });
            // Real articles one after another: the development article and the demo seeds,
            // repeated to 1 MiB, so that names, bylines and dates recur as in a long dossier.
            let mut unit = text.clone();
            for seed in [
                "seeds/01-analyst-note.txt",
                "seeds/02-withdrawal-announced.txt",
                "seeds/03-withdrawal-completed.txt",
            ] {
                if let Ok(more) = std::fs::read_to_string(seed) {
                    unit.push_str("\n\n");
                    unit.push_str(&more);
                }
            }
            unit.push_str("\n\n");
            let mut mixed = String::new();
            while mixed.len() < 1024 * 1024 {
                mixed.push_str(&unit);
            }
            group.throughput(Throughput::Bytes(mixed.len() as u64));
            group.bench_function("articles_1024k", |b| {
                b.iter(|| extract(black_box(&mixed), &options))
            });
        }
        Err(_) => eprintln!("skipped dev_article, articles_1024k: ../shared/seeds is not present"),
    }
    group.finish();
}

criterion_group!(benches, bench_pipeline);
criterion_main!(benches);
