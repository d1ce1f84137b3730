//! The text tools behind the evaluation contracts: `extract`, `timex --jsonl`,
//! `sentences --jsonl`. They read files or stdin and need no database.

use super::{ExtractArgs, ExtractFormat, SentencesArgs, TimexArgs};
use crate::extract::timex::IsoSeconds;
use crate::extract::{self, ExtractOptions};
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::{BufWriter, Read, Write};

/// `sitrep extract FILE`: one JSON object on stdout.
pub fn extract(args: &ExtractArgs) -> anyhow::Result<()> {
    let bytes = read_limited(&args.file, extract::MAX_INPUT_BYTES)?;
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

/// Reads a file, refusing one larger than `limit` bytes (the extractor's
/// [`extract::MAX_INPUT_BYTES`] for articles) without holding more of it than the limit: a
/// regular file's size is checked before reading, and anything else (a pipe, a device) is read
/// only up to one byte past the limit.
pub fn read_limited(path: &std::path::Path, limit: usize) -> anyhow::Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let metadata = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?;
    if metadata.is_file() && metadata.len() > limit as u64 {
        bail!(
            "{}: the file is {} bytes; the limit is {limit} bytes (split the document)",
            path.display(),
            metadata.len()
        );
    }
    let expected = if metadata.is_file() {
        usize::try_from(metadata.len()).unwrap_or(limit)
    } else {
        0
    };
    read_at_most(file, limit, expected)
        .with_context(|| format!("cannot read {}", path.display()))?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{}: the input is larger than the limit of {limit} bytes (split the document)",
                path.display()
            )
        })
}

/// Reads `reader` to its end if it holds at most `limit` bytes (`None` if it holds more),
/// never buffering more than `limit + 1` bytes. `expected` sizes the buffer.
fn read_at_most(
    reader: impl std::io::Read,
    limit: usize,
    expected: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(expected.min(limit).saturating_add(1));
    reader
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

// The JSON-lines commands write each line straight from structs. Their fields are declared in
// alphabetical order: the lines were first built as `serde_json::Value` objects, whose keys come
// out sorted, and the contract's byte output stays the same.

#[derive(Deserialize)]
struct SentencesInput<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    end: usize,
    start: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct SentencesLine<'a> {
    sentences: Vec<SentenceOut<'a>>,
}

/// `sitrep sentences --jsonl`: one output line per input line.
pub fn sentences(_args: &SentencesArgs) -> anyhow::Result<()> {
    for_each_line(
        1,
        || (),
        |(), line, out| {
            let input: SentencesInput = serde_json::from_str(line)?;
            let text = input.text.as_ref();
            let sentences: Vec<SentenceOut> = extract::sentences::split(text)
                .into_iter()
                .map(|s| SentenceOut {
                    end: s.end,
                    start: s.start,
                    text: s.of(text),
                })
                .collect();
            serde_json::to_writer(out, &SentencesLine { sentences })?;
            Ok(())
        },
    )
}

#[derive(Deserialize)]
struct TimexInput<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(rename = "ref", borrow)]
    reference: Option<Cow<'a, str>>,
}

/// One interval side of a timex line: `YYYY-MM-DDTHH:MM:SS`, `null` when open.
#[derive(Serialize)]
struct TimexIntervalOut {
    end: Option<IsoSeconds>,
    start: Option<IsoSeconds>,
}

/// A duration as `sitrep timex` prints it.
#[derive(Serialize)]
struct TimexDurationOut {
    amount: Option<f64>,
    approximate: bool,
    bound: extract::timex::DurationBound,
    unit: extract::timex::Grain,
}

/// One timex as `sitrep timex --jsonl` prints it.
#[derive(Serialize)]
struct TimexOut<'a> {
    approximate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<TimexDurationOut>,
    end: usize,
    grain: extract::timex::Grain,
    interval: Option<TimexIntervalOut>,
    precision: crate::domain::Precision,
    relative: bool,
    start: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: extract::timex::TimexType,
    value: &'a str,
    year_inferred: bool,
}

impl<'a> TimexOut<'a> {
    fn new(timex: &'a extract::timex::Timex, text: &'a str) -> Self {
        TimexOut {
            approximate: timex.approximate,
            duration: timex.duration.map(|d| TimexDurationOut {
                amount: d.amount,
                approximate: d.approximate,
                bound: d.bound,
                unit: d.unit,
            }),
            end: timex.span.end,
            grain: timex.grain,
            interval: timex.interval.map(|(s, e)| TimexIntervalOut {
                end: e.map(IsoSeconds),
                start: s.map(IsoSeconds),
            }),
            precision: timex.precision,
            relative: timex.relative,
            start: timex.span.start,
            text: timex.span.of(text),
            kind: timex.kind,
            value: &timex.value,
            year_inferred: timex.year_inferred,
        }
    }
}

#[derive(Serialize)]
struct TimexLine<'a> {
    timexes: Vec<TimexOut<'a>>,
}

/// What one worker of `sitrep timex --jsonl` keeps from line to line.
#[derive(Default)]
struct TimexWorker {
    /// A batch nearly always shares one reference time: it is parsed once.
    last_reference: Option<(String, chrono::NaiveDateTime)>,
}

impl TimexWorker {
    fn line(&mut self, line: &str, out: &mut Vec<u8>) -> anyhow::Result<()> {
        let input: TimexInput = serde_json::from_str(line)?;
        let reference = match input.reference.as_deref() {
            Some(text) => match &self.last_reference {
                Some((seen, parsed)) if seen == text => *parsed,
                _ => {
                    let parsed = crate::domain::time::parse_bound(text)?;
                    self.last_reference = Some((text.to_string(), parsed));
                    parsed
                }
            },
            None => chrono::Local::now().naive_local(),
        };
        let text = input.text.as_ref();
        let timexes = extract::timex::find(text, reference);
        let line = TimexLine {
            timexes: timexes.iter().map(|t| TimexOut::new(t, text)).collect(),
        };
        serde_json::to_writer(out, &line)?;
        Ok(())
    }
}

/// `sitrep timex --jsonl`: one output line per input line, the lines shared out among
/// `--threads` workers.
pub fn timex(args: &TimexArgs) -> anyhow::Result<()> {
    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, std::num::NonZeroUsize::get);
    for_each_line(threads, TimexWorker::default, TimexWorker::line)
}

#[derive(Serialize)]
struct ErrorLine {
    error: String,
}

/// How much input is read before its lines are shared out among the threads: enough that each
/// thread's share outweighs starting it, and a bound on memory however long the input runs.
const BLOCK_BYTES: usize = 4 << 20;

/// The least input worth a thread of its own.
const MIN_BYTES_PER_THREAD: usize = 16 << 10;

/// Reads JSON lines from stdin and writes exactly one line per input line, in input order; a
/// line that cannot be read gets `{"error": ...}` so the output stays aligned with the input.
/// `handle` writes its line's JSON onto the end of a buffer; what it wrote is dropped if it
/// fails.
///
/// Stdin is read in blocks of whole lines; each block is cut into up to `threads` runs of
/// consecutive lines, each run handled on its own thread with its own state from `new_state`,
/// and the runs' output is written in order, so the output does not depend on `threads`.
fn for_each_line<S>(
    threads: usize,
    new_state: impl Fn() -> S + Sync,
    handle: impl Fn(&mut S, &str, &mut Vec<u8>) -> anyhow::Result<()> + Sync,
) -> anyhow::Result<()> {
    let mut input = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut block: Vec<u8> = Vec::new();
    loop {
        let at_end = fill_block(&mut input, &mut block).context("cannot read stdin")?;
        // Whole lines only; a line still being read waits for the next block.
        let complete = if at_end {
            block.len()
        } else {
            block
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |newline| newline + 1)
        };
        let lines = block.get(..complete).unwrap_or_default();
        let result = handle_block(lines, threads, &new_state, &handle, &mut out);
        block.drain(..complete);
        result?;
        if at_end {
            break;
        }
    }
    out.flush()?;
    Ok(())
}

/// Reads from `reader` onto `block` until it holds at least [`BLOCK_BYTES`] and a line feed,
/// or the input ends; returns whether it ended.
fn fill_block(reader: &mut impl Read, block: &mut Vec<u8>) -> std::io::Result<bool> {
    const PIECE_BYTES: u64 = 1 << 16;
    let mut has_newline = block.contains(&b'\n');
    loop {
        if has_newline && block.len() >= BLOCK_BYTES {
            return Ok(false);
        }
        let before = block.len();
        let read = reader.by_ref().take(PIECE_BYTES).read_to_end(block)?;
        if read == 0 {
            return Ok(true);
        }
        has_newline = has_newline || block.get(before..).is_some_and(|new| new.contains(&b'\n'));
    }
}

/// Handles a block of whole lines on up to `threads` threads and writes their output in order.
/// Stops at the first line that is not UTF-8, after writing the output of the lines before it.
fn handle_block<S>(
    lines: &[u8],
    threads: usize,
    new_state: &(impl Fn() -> S + Sync),
    handle: &(impl Fn(&mut S, &str, &mut Vec<u8>) -> anyhow::Result<()> + Sync),
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let runs = split_runs(
        lines,
        threads.min(lines.len() / MIN_BYTES_PER_THREAD).max(1),
    );
    let work = |run: &[u8]| {
        let mut written = Vec::with_capacity(run.len().saturating_mul(2));
        let result = handle_run(run, &mut new_state(), handle, &mut written);
        (written, result)
    };
    let Some((first, rest)) = runs.split_first() else {
        return Ok(());
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = rest
            .iter()
            .map(|run| scope.spawn(move || work(run)))
            .collect();
        let (written, result) = work(first);
        out.write_all(&written)?;
        result?;
        for worker in workers {
            let (written, result) = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            out.write_all(&written)?;
            result?;
        }
        Ok(())
    })
}

/// Cuts `lines` into up to `count` runs of whole lines of about equal size.
fn split_runs(lines: &[u8], count: usize) -> Vec<&[u8]> {
    let mut runs = Vec::with_capacity(count);
    let mut rest = lines;
    for left in (1..=count).rev() {
        if rest.is_empty() {
            break;
        }
        let target = rest.len() / left;
        let cut = if left == 1 {
            rest.len()
        } else {
            rest.iter()
                .skip(target)
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |newline| target + newline + 1)
        };
        let (run, after) = rest.split_at(cut);
        runs.push(run);
        rest = after;
    }
    runs
}

/// Handles consecutive lines, appending one output line per input line to `written`.
fn handle_run<S>(
    run: &[u8],
    state: &mut S,
    handle: &impl Fn(&mut S, &str, &mut Vec<u8>) -> anyhow::Result<()>,
    written: &mut Vec<u8>,
) -> anyhow::Result<()> {
    for raw in run.split_inclusive(|&b| b == b'\n') {
        let line = std::str::from_utf8(raw)
            .map_err(|_| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                )
            })
            .context("stdin is not valid UTF-8 text")?;
        // As `BufRead::lines`: the line feed goes, and a carriage return only before it.
        let text = match line.strip_suffix('\n') {
            Some(text) => text.strip_suffix('\r').unwrap_or(text),
            None => line,
        };
        let start = written.len();
        if let Err(e) = handle(state, text, written) {
            written.truncate(start);
            serde_json::to_writer(
                &mut *written,
                &ErrorLine {
                    error: e.to_string(),
                },
            )?;
        }
        written.push(b'\n');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        // Sparse: the size is set without writing 60 MB.
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(60 * 1024 * 1024).unwrap();
        let message = read_limited(&path, extract::MAX_INPUT_BYTES)
            .unwrap_err()
            .to_string();
        assert!(message.contains("the file is 62914560 bytes"), "{message}");
        assert!(message.contains("split the document"), "{message}");
    }

    #[test]
    fn a_stream_is_read_only_up_to_the_limit() {
        assert_eq!(
            read_at_most(&b"twelve bytes"[..], 12, 0).unwrap(),
            Some(b"twelve bytes".to_vec())
        );
        assert_eq!(read_at_most(&b"thirteen byte"[..], 12, 0).unwrap(), None);
        // An endless stream stops one byte past the limit.
        assert_eq!(read_at_most(std::io::repeat(b'a'), 1000, 0).unwrap(), None);
    }

    #[test]
    fn a_small_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.txt");
        std::fs::write(&path, "On Monday the talks resumed.").unwrap();
        assert_eq!(
            read_limited(&path, extract::MAX_INPUT_BYTES).unwrap(),
            b"On Monday the talks resumed.".to_vec()
        );
    }
}
