//! From an article's text to reviewable drafts: document metadata, dated observations,
//! sentences, time expressions, actors, claims, predictions, relations and warnings. Every item
//! carries the byte span it came from in the input. Pure and deterministic: no I/O, no network,
//! and no panic on any input.
//!
//! The stages, each its own module and each a plain function:
//! [`document`] (format, metadata, boilerplate) -> [`observations`] (dated sections) ->
//! [`sentences`] -> [`timex`] (time expressions) -> [`actors`] (gazetteer, titles, acronyms,
//! surnames, pronouns) -> [`claims`] (attribution, kind, modality, dates, predictions) ->
//! [`relations`]; [`pipeline`] runs them in order and builds an [`Extraction`].

pub mod actors;
pub mod claims;
pub mod document;
pub mod gazetteer;
pub mod observations;
pub mod pipeline;
pub mod relations;
pub mod sentences;
pub mod timex;
pub mod verbs;

mod output;

pub use crate::domain::{DocumentFormat, Span, WarningKind};
pub use output::*;
pub use pipeline::{ExtractOptions, KnownActor, extract, extract_bytes};

/// The largest input the extractor accepts, in bytes. Memory stays proportional to one article;
/// anything bigger is refused before any work is done.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Why an input could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The bytes are not UTF-8.
    #[error("the input is not valid UTF-8: invalid byte sequence at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The bytes contain NUL or other control bytes that text never has.
    #[error("the input looks binary, not text: control byte 0x{byte:02x} at byte offset {offset}")]
    Binary {
        /// Byte offset of the first such byte.
        offset: usize,
        /// The byte found.
        byte: u8,
    },
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("the input is {bytes} bytes; the limit is {limit} bytes (split the document)")]
    TooLarge {
        /// Size of the input.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

/// Checks that raw bytes are a text document Sitrep can read: not too large, valid UTF-8, and
/// free of the control bytes binary files have. Returns the text.
pub fn validate_text(bytes: &[u8]) -> Result<&str, ExtractError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ExtractError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ExtractError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    if let Some(offset) = text
        .bytes()
        .position(|b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
    {
        return Err(ExtractError::Binary {
            offset,
            byte: bytes[offset],
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = validate_text(b"abc\xffdef").unwrap_err();
        assert_eq!(err, ExtractError::InvalidUtf8 { offset: 3 });
        assert!(err.to_string().contains("byte offset 3"));
    }

    #[test]
    fn binary_is_refused() {
        let err = validate_text(b"PK\x03\x04zip").unwrap_err();
        assert!(matches!(err, ExtractError::Binary { offset: 2, .. }));
    }

    #[test]
    fn text_passes() {
        assert_eq!(
            validate_text("Tokayev said.\r\n\tOK".as_bytes()),
            Ok("Tokayev said.\r\n\tOK")
        );
    }
}
