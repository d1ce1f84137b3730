//! Bidirectional control characters made visible. A source may carry the embedding, override
//! and isolate controls (U+202A to U+202E, U+2066 to U+2069), which reorder the text displayed
//! after them: a claim could read differently from what it says, or drag the page around it.
//! Every page passes through [`show_bidi_controls`] (the layout calls it), which writes each
//! one in the text of the page as a visible `[U+202E]`; attribute values are left alone (they
//! are not laid out as text), and so is the content of a `<textarea>`, which is sent back as
//! the analyst's edit and must keep the stored text.
//!
//! This is the only file that builds [`PreEscaped`] markup.

use maud::{Markup, PreEscaped};

/// Whether `c` is one of the controls that reorder the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The page with every bidirectional control in its text replaced by a visible `[U+XXXX]`.
pub fn show_bidi_controls(page: Markup) -> Markup {
    let html = page.into_string();
    if !html.chars().any(is_bidi_control) {
        // PreEscaped: the page as maud built it, unchanged.
        return PreEscaped(html);
    }
    let mut shown = String::with_capacity(html.len() + 64);
    let mut in_tag = false;
    let mut in_textarea = false;
    let mut rest = html.as_str();
    while let Some(c) = rest.chars().next() {
        if !in_tag && c == '<' {
            in_tag = true;
            let tag = rest.get(..10).unwrap_or(rest).to_ascii_lowercase();
            if tag.starts_with("<textarea") {
                in_textarea = true;
            } else if tag.starts_with("</textarea") {
                in_textarea = false;
            }
        } else if in_tag && c == '>' {
            in_tag = false;
        }
        if !in_tag && !in_textarea && is_bidi_control(c) {
            shown.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            shown.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    // PreEscaped: maud's escaped page with plain ASCII put in place of single characters of
    // text, outside every tag: nothing is unescaped.
    PreEscaped(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use maud::html;

    #[test]
    fn controls_in_text_become_visible() {
        let page = html! {
            p title="a\u{202E}b" { "evil\u{202E}txt.exe and \u{2066}isolated\u{2069}" }
            textarea { "kept\u{202E}" }
            p { "<script>\u{202D}" }
        };
        let shown = show_bidi_controls(page).into_string();
        assert!(
            shown.contains("evil[U+202E]txt.exe and [U+2066]isolated[U+2069]"),
            "{shown}"
        );
        assert!(shown.contains("title=\"a\u{202E}b\""), "{shown}");
        assert!(
            shown.contains("<textarea>kept\u{202E}</textarea>"),
            "{shown}"
        );
        assert!(shown.contains("&lt;script&gt;[U+202D]"), "{shown}");
        assert_eq!(shown.matches(is_bidi_control).count(), 2);
    }

    #[test]
    fn a_page_without_controls_is_unchanged() {
        let page = html! { p { "plain عربى text" } };
        let before = page.clone().into_string();
        assert_eq!(show_bidi_controls(page).into_string(), before);
    }
}
