//! `sitrep timex --jsonl` run as a batch tool would run it: many lines, several threads, bad
//! lines among good ones.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

fn timex(args: &[&str], input: &[u8]) -> Output {
    common::run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .arg("timex")
            .arg("--jsonl")
            .args(args),
        input,
    )
}

/// Line `i` of the batch: a sentence whose date names `i`, so each output line shows which
/// input line it answers.
fn sentence(i: usize) -> String {
    let day = i % 28 + 1;
    let year = 1900 + i % 200;
    format!(
        "{{\"text\":\"Line {i}: the council met on {day} March {year} to vote.\",\"ref\":\"2022-01-14T00:00:00\"}}\n"
    )
}

fn batch(lines: usize, malformed_at: usize) -> String {
    (0..lines)
        .map(|i| {
            if i == malformed_at {
                "{\"text\": \"an unfinished line\n".to_string()
            } else {
                sentence(i)
            }
        })
        .collect()
}

#[test]
fn a_long_batch_keeps_one_line_per_input_in_order_on_any_number_of_threads() {
    const LINES: usize = 5000;
    const MALFORMED: usize = 2600;
    let input = batch(LINES, MALFORMED);
    let one = timex(&["--threads", "1"], input.as_bytes());
    assert!(one.status.success());
    let stdout = String::from_utf8(one.stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), LINES);
    for (i, line) in lines.iter().enumerate() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        if i == MALFORMED {
            assert!(value["error"].is_string(), "line {i}: {line}");
            continue;
        }
        let found = value["timexes"].as_array().unwrap();
        assert_eq!(found.len(), 1, "line {i}: {line}");
        let want = format!("{} March {}", i % 28 + 1, 1900 + i % 200);
        assert_eq!(found[0]["text"], want.as_str(), "line {i}");
        assert_eq!(
            found[0]["interval"]["start"],
            format!("{}-03-{:02}T00:00:00", 1900 + i % 200, i % 28 + 1).as_str()
        );
    }
    for threads in ["2", "3", "8"] {
        let many = timex(&["--threads", threads], input.as_bytes());
        assert!(many.status.success());
        assert!(
            many.stdout == one.stdout,
            "{threads} threads changed the output"
        );
    }
    // The default (one thread per core) too.
    assert!(timex(&[], input.as_bytes()).stdout == one.stdout);
}

#[test]
fn a_batch_stops_at_a_line_that_is_not_utf8_after_answering_the_lines_before_it() {
    let mut input = batch(3000, usize::MAX).into_bytes();
    let mut tail = b"{\"text\":\"caf\xff\"}\n".to_vec();
    tail.extend_from_slice(sentence(1).as_bytes());
    input.extend_from_slice(&tail);
    input.extend_from_slice(batch(3000, usize::MAX).as_bytes());
    for threads in ["1", "4"] {
        let output = timex(&["--threads", threads], &input);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not valid UTF-8"), "{stderr}");
        assert_eq!(output.stdout.iter().filter(|&&b| b == b'\n').count(), 3000);
    }
}

#[test]
fn the_last_line_needs_no_line_feed_and_blank_lines_get_an_error_line() {
    let input = format!(
        "{}\n\n\r\n{}",
        sentence(0).trim_end(),
        sentence(1).trim_end()
    );
    let output = timex(&[], input.as_bytes());
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].contains("\"1 March 1900\""));
    assert!(lines[1].starts_with("{\"error\":"));
    assert!(lines[2].starts_with("{\"error\":"));
    assert!(lines[3].contains("\"2 March 1901\""));
}
