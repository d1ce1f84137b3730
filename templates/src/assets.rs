//! Static assets compiled into the binary: the stylesheet, and the versioned URL pages link it
//! by so browsers may cache it forever.

/// The site's stylesheet: the base sheet, then one sheet per area of the site (each view adds
/// its own file to this list rather than to the base sheet).
pub const STYLESHEET: &str = concat!(
    include_str!("../static/sitrep.css"),
    include_str!("../static/forms.css"),
    include_str!("../static/desk.css"),
    include_str!("../static/ledger.css"),
    include_str!("../static/graph.css"),
    include_str!("../static/timeline.css"),
    include_str!("../static/reader.css"),
);

/// The path the stylesheet is served at.
pub const STYLESHEET_PATH: &str = "/assets/sitrep.css";

/// A short fingerprint of the stylesheet, so its URL changes whenever its content does.
pub const STYLESHEET_VERSION: u64 = fnv1a(STYLESHEET.as_bytes());

/// FNV-1a over bytes, evaluated at compile time.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The URL pages use for the stylesheet: its path with the content fingerprint as a query.
pub fn stylesheet_href() -> String {
    format!("{STYLESHEET_PATH}?v={STYLESHEET_VERSION:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_follows_the_content() {
        assert_ne!(fnv1a(b"a { color: red }"), fnv1a(b"a { color: blue }"));
        assert!(stylesheet_href().starts_with("/assets/sitrep.css?v="));
        assert_eq!(stylesheet_href().len(), STYLESHEET_PATH.len() + 3 + 16);
    }
}
