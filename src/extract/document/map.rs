//! The clean text of a document and its map back to the bytes of the original input.
//!
//! The clean text is built piece by piece. A piece is either copied verbatim from the input
//! (each clean byte maps to one input byte) or stands for a stretch of the input as a whole (a
//! decoded entity, a collapsed run of whitespace, a line break that stands for a tag): a clean
//! span that touches such a piece maps to the whole stretch.

/// One piece of clean text and the stretch of input it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    clean_start: usize,
    clean_len: usize,
    source_start: usize,
    source_len: usize,
    /// Copied byte for byte, so offsets inside map one to one.
    verbatim: bool,
}

impl Segment {
    fn clean_end(&self) -> usize {
        self.clean_start + self.clean_len
    }
}

/// Maps offsets of a clean text to offsets of the input it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct OffsetMap {
    segments: Vec<Segment>,
    source_len: usize,
}

impl OffsetMap {
    /// The map of a text that is its own clean text.
    pub(crate) fn identity(len: usize) -> Self {
        OffsetMap {
            segments: vec![Segment {
                clean_start: 0,
                clean_len: len,
                source_start: 0,
                source_len: len,
                verbatim: true,
            }],
            source_len: len,
        }
    }

    /// The input offset where a clean span starting at `clean` starts.
    pub(crate) fn start(&self, clean: usize) -> usize {
        // The piece that holds the byte at `clean`.
        let index = self
            .segments
            .partition_point(|s| s.clean_end() <= clean)
            .min(self.segments.len().saturating_sub(1));
        match self.segments.get(index) {
            None => clean.min(self.source_len),
            Some(s) if clean < s.clean_start => s.source_start,
            Some(s) if clean >= s.clean_end() => s.source_start + s.source_len,
            Some(s) if s.verbatim => s.source_start + (clean - s.clean_start),
            Some(s) => s.source_start,
        }
    }

    /// The input offset where a clean span ending at `clean` ends.
    pub(crate) fn end(&self, clean: usize) -> usize {
        // The piece that holds the byte just before `clean`.
        let index = self.segments.partition_point(|s| s.clean_end() < clean);
        match self.segments.get(index) {
            None => self
                .segments
                .last()
                .map_or(clean.min(self.source_len), |s| {
                    s.source_start + s.source_len
                }),
            Some(s) if clean <= s.clean_start => s.source_start,
            Some(s) if s.verbatim => s.source_start + (clean - s.clean_start),
            Some(s) => s.source_start + s.source_len,
        }
    }
}

/// Builds a clean text and its [`OffsetMap`] from pieces of an input.
#[derive(Debug)]
pub(crate) struct CleanTextBuilder<'a> {
    source: &'a str,
    text: String,
    segments: Vec<Segment>,
    /// A whitespace run waiting to become one space if more text follows on the same line.
    pending_space: Option<(usize, usize)>,
}

impl<'a> CleanTextBuilder<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        CleanTextBuilder {
            source,
            text: String::with_capacity(source.len() / 2),
            segments: Vec::new(),
            pending_space: None,
        }
    }

    /// The clean text so far.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    fn push_segment(
        &mut self,
        clean_len: usize,
        source_start: usize,
        source_len: usize,
        verbatim: bool,
    ) {
        let clean_start = self.text.len() - clean_len;
        if verbatim
            && let Some(last) = self.segments.last_mut()
            && last.verbatim
            && last.clean_end() == clean_start
            && last.source_start + last.source_len == source_start
        {
            last.clean_len += clean_len;
            last.source_len += source_len;
            return;
        }
        self.segments.push(Segment {
            clean_start,
            clean_len,
            source_start,
            source_len,
            verbatim,
        });
    }

    fn flush_space(&mut self) {
        if let Some((start, end)) = self.pending_space.take()
            && !self.text.is_empty()
            && !self.text.ends_with(['\n', ' '])
        {
            self.text.push(' ');
            self.push_segment(1, start, end - start, end - start == 1);
        }
    }

    /// Copies `source[start..end]` as it is. Out-of-range or off-boundary input is ignored.
    pub(crate) fn push_verbatim(&mut self, start: usize, end: usize) {
        let Some(piece) = self.source.get(start..end) else {
            return;
        };
        if piece.is_empty() {
            return;
        }
        self.flush_space();
        self.text.push_str(piece);
        self.push_segment(piece.len(), start, piece.len(), true);
    }

    /// Adds `replacement`, standing for `source[start..end]` as a whole.
    pub(crate) fn push_replacement(&mut self, replacement: &str, start: usize, end: usize) {
        if replacement.is_empty() || start > end || end > self.source.len() {
            return;
        }
        self.flush_space();
        self.text.push_str(replacement);
        self.push_segment(replacement.len(), start, end - start, false);
    }

    /// Adds the text of `source[start..end]` with whitespace runs collapsed to one space and
    /// leading space at a line start dropped, as a browser renders it. `decode` turns an
    /// entity into its text.
    pub(crate) fn push_collapsed(&mut self, start: usize, end: usize, decode: bool) {
        let Some(piece) = self.source.get(start..end) else {
            return;
        };
        let bytes = piece.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                self.push_verbatim(start + run_start, start + i);
                let ws_start = i;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                self.add_space(start + ws_start, start + i);
                run_start = i;
                continue;
            }
            if decode
                && b == b'&'
                && let Some((len, decoded)) = decode_entity(&piece[i..])
            {
                self.push_verbatim(start + run_start, start + i);
                if decoded.trim().is_empty() {
                    self.add_space(start + i, start + i + len);
                } else {
                    self.push_replacement(&decoded, start + i, start + i + len);
                }
                i += len;
                run_start = i;
                continue;
            }
            i += 1;
        }
        self.push_verbatim(start + run_start, start + bytes.len());
    }

    /// Notes whitespace at `source[start..end]`; it becomes one space only if text follows.
    fn add_space(&mut self, start: usize, end: usize) {
        self.pending_space = match self.pending_space {
            Some((s, _)) => Some((s, end)),
            None => Some((start, end)),
        };
    }

    /// Ends the current line (`blank_line` false) or paragraph (true) at input offset `at`.
    /// Never adds a break at the very start or doubles one.
    pub(crate) fn push_break(&mut self, blank_line: bool, at: usize) {
        self.pending_space = None;
        if self.text.is_empty() {
            return;
        }
        let at = at.min(self.source.len());
        let wanted = if blank_line { 2 } else { 1 };
        let have = self.text.len() - self.text.trim_end_matches('\n').len();
        for _ in have..wanted {
            self.text.push('\n');
            self.push_segment(1, at, 0, false);
        }
    }

    /// The finished clean text and its map.
    pub(crate) fn finish(mut self) -> (String, OffsetMap) {
        self.pending_space = None;
        while self.text.ends_with('\n') {
            self.text.pop();
            if let Some(last) = self.segments.last_mut() {
                last.clean_len -= 1;
                if last.clean_len == 0 {
                    self.segments.pop();
                }
            }
        }
        let map = OffsetMap {
            segments: self.segments,
            source_len: self.source.len(),
        };
        (self.text, map)
    }
}

/// The length and text of an HTML character reference at the start of `text` ("&amp;",
/// "&#8217;", "&#x2014;"), if it is one.
pub(crate) fn decode_entity(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    // The longest entity names are about 32 bytes.
    let limit = bytes.len().min(40);
    let semicolon = bytes[1..limit].iter().position(|&b| b == b';')? + 1;
    let name = &bytes[1..semicolon];
    if name.is_empty() || !name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'#') {
        return None;
    }
    let entity = text.get(..=semicolon)?;
    let decoded = html_escape::decode_html_entities(entity);
    (decoded != entity).then(|| (entity.len(), decoded.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(source: &str, f: impl FnOnce(&mut CleanTextBuilder)) -> (String, OffsetMap) {
        let mut builder = CleanTextBuilder::new(source);
        f(&mut builder);
        builder.finish()
    }

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let map = OffsetMap::identity(10);
        for i in 0..=10 {
            assert_eq!(map.start(i), i);
            assert_eq!(map.end(i), i);
        }
        assert_eq!(map.start(99), 10);
    }

    #[test]
    fn verbatim_pieces_map_one_to_one_across_dropped_markup() {
        let source = "<p>Troops</p><p>left.</p>";
        let (text, map) = build(source, |b| {
            b.push_verbatim(3, 9);
            b.push_break(true, 13);
            b.push_verbatim(16, 21);
        });
        assert_eq!(text, "Troops\n\nleft.");
        let left = text.find("left").unwrap();
        assert_eq!(map.start(left), 16);
        assert_eq!(map.end(left + 4), 20);
        // A span ending at the end of "Troops" ends at the end of "Troops" in the input, not at
        // the tags after it.
        assert_eq!(map.end(6), 9);
        assert_eq!(map.start(0), 3);
    }

    #[test]
    fn an_entity_maps_to_the_whole_entity() {
        let source = "Smith &amp; Co";
        let (text, map) = build(source, |b| b.push_collapsed(0, source.len(), true));
        assert_eq!(text, "Smith & Co");
        assert_eq!(map.start(6), 6);
        assert_eq!(map.end(7), 11);
        assert_eq!(&source[map.start(8)..map.end(10)], "Co");
    }

    #[test]
    fn whitespace_runs_collapse() {
        let source = "  a \n\t b  ";
        let (text, map) = build(source, |b| b.push_collapsed(0, source.len(), false));
        assert_eq!(text, "a b");
        assert_eq!(&source[map.start(2)..map.end(3)], "b");
        assert_eq!(&source[map.start(0)..map.end(3)], "a \n\t b");
    }

    #[test]
    fn entities_are_recognised_only_when_complete() {
        assert_eq!(decode_entity("&amp; x"), Some((5, "&".to_string())));
        assert_eq!(decode_entity("&#8217;s"), Some((7, "\u{2019}".to_string())));
        assert_eq!(decode_entity("&nosuch;"), None);
        assert_eq!(decode_entity("& amp;"), None);
        assert_eq!(decode_entity("&amp"), None);
    }
}
