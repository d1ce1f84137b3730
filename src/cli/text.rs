//! The text tools behind the evaluation contracts: `extract`, `timex --jsonl`,
//! `sentences --jsonl`. They read files or stdin and need no database.

use super::{ExtractArgs, ExtractFormat, SentencesArgs, TimexArgs};
use crate::extract::{self, ExtractOptions};
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufWriter, Write};

/// `sitrep extract FILE`: one JSON object on stdout.
pub fn extract(args: &ExtractArgs) -> anyhow::Result<()> {
    let bytes = read_limited(&args.file)?;
    let extraction = extract::extract_bytes(&bytes, &ExtractOptions::default())
        .with_context(|| format!("cannot extract {}", args.file.display()))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &extraction)?;
            writeln!(out)?;
        }
        ExtractFormat::Text => {
            for claim in &extraction.claims {
                writeln!(out, "{} [{}] {}", claim.id, claim.kind, claim.text)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Reads a file, refusing one larger than the extractor accepts before reading it.
pub fn read_limited(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > extract::MAX_INPUT_BYTES as u64 {
        bail!(
            "{}: the file is {size} bytes; the limit is {} bytes (split the document)",
            path.display(),
            extract::MAX_INPUT_BYTES
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

#[derive(Deserialize)]
struct SentencesInput {
    text: String,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// `sitrep sentences --jsonl`: one output line per input line.
pub fn sentences(_args: &SentencesArgs) -> anyhow::Result<()> {
    for_each_line(|line| {
        let input: SentencesInput = serde_json::from_str(line)?;
        let sentences: Vec<SentenceOut> = extract::sentences::split(&input.text)
            .into_iter()
            .map(|s| SentenceOut {
                start: s.start,
                end: s.end,
                text: s.of(&input.text),
            })
            .collect();
        Ok(serde_json::json!({ "sentences": sentences }))
    })
}

#[derive(Deserialize)]
struct TimexInput {
    text: String,
    #[serde(rename = "ref")]
    reference: Option<String>,
}

/// One interval side of a timex line: `YYYY-MM-DDTHH:MM:SS`, `null` when open.
#[derive(Serialize)]
struct TimexIntervalOut {
    start: Option<String>,
    end: Option<String>,
}

/// One timex as `sitrep timex --jsonl` prints it.
#[derive(Serialize)]
struct TimexOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: extract::timex::TimexType,
    value: &'a str,
    grain: extract::timex::Grain,
    interval: Option<TimexIntervalOut>,
    precision: crate::domain::Precision,
    approximate: bool,
    year_inferred: bool,
    relative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<extract::timex::TimexDuration>,
}

impl<'a> TimexOut<'a> {
    fn new(timex: &'a extract::timex::Timex, text: &'a str) -> Self {
        let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        TimexOut {
            start: timex.span.start,
            end: timex.span.end,
            text: timex.span.of(text),
            kind: timex.kind,
            value: &timex.value,
            grain: timex.grain,
            interval: timex.interval.map(|(s, e)| TimexIntervalOut {
                start: s.map(fmt),
                end: e.map(fmt),
            }),
            precision: timex.precision,
            approximate: timex.approximate,
            year_inferred: timex.year_inferred,
            relative: timex.relative,
            duration: timex.duration,
        }
    }
}

/// `sitrep timex --jsonl`: one output line per input line.
pub fn timex(_args: &TimexArgs) -> anyhow::Result<()> {
    for_each_line(|line| {
        let input: TimexInput = serde_json::from_str(line)?;
        let reference = match input.reference.as_deref() {
            Some(text) => crate::domain::time::parse_bound(text)?,
            None => chrono::Local::now().naive_local(),
        };
        let timexes = extract::timex::find(&input.text, reference);
        let out: Vec<TimexOut> = timexes
            .iter()
            .map(|t| TimexOut::new(t, &input.text))
            .collect();
        Ok(serde_json::json!({ "timexes": out }))
    })
}

/// Reads JSON lines from stdin and writes exactly one line per input line; a line that cannot be
/// read gets `{"error": ...}` so the output stays aligned with the input.
fn for_each_line(
    mut handle: impl FnMut(&str) -> anyhow::Result<serde_json::Value>,
) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line.context("stdin is not valid UTF-8 text")?;
        let value = handle(&line).unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }));
        serde_json::to_writer(&mut out, &value)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
