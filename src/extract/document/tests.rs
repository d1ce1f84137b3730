//! Whole-document tests: each format end to end, the seed article when present, and
//! properties that must hold for any input.

use super::*;
use crate::extract::sentences;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::io::Write;

fn excluded_text(doc: &Document) -> Vec<&str> {
    doc.excluded.iter().map(|s| s.of(&doc.text)).collect()
}

#[test]
fn plain_text_is_its_own_clean_text() {
    let source = "Troops left on Monday.\r\nTalks began — in Geneva.\n";
    let doc = read(source);
    assert_eq!(doc.text, source);
    assert_eq!(doc.meta.format, DocumentFormat::Text);
    assert_eq!(doc.meta.language, "en");
    for span in sentences::split(&doc.text) {
        assert_eq!(doc.to_source(span), span);
    }
}

const NEWS_TEXT: &str = "World > Europe\n\
Share\n\
Published: 2021-03-09 14:20 GMT\n\
Border Crossing Reopens After Week of Talks\n\
By Lena Park and Omar Haddad, Example Wire\n\
\n\
GENEVA (Example Wire) - The border crossing between the two countries reopened on Tuesday after a week of talks, officials said.\n\
\n\
Trucks began moving at dawn, and the first convoy reached the customs post by 9 a.m. Gen. Ivo Brandt said the army would keep a presence there.\n\
\n\
Advertisement\n\
\n\
Both governments said a joint commission would meet again next month to review the arrangement.\n\
\n\
Related stories\n\
Talks Open in Geneva\n\
Copyright 2021 Example Wire. All rights reserved.\n";

#[test]
fn plain_news_text_metadata_and_furniture() {
    let doc = read(NEWS_TEXT);
    assert_eq!(doc.meta.format, DocumentFormat::Text);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Border Crossing Reopens After Week of Talks")
    );
    assert_eq!(
        doc.meta.author.as_deref(),
        Some("Lena Park and Omar Haddad")
    );
    assert_eq!(doc.meta.publisher.as_deref(), Some("Example Wire"));
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2021, 3, 9));
    let gone = excluded_text(&doc);
    for line in [
        "World > Europe",
        "Share",
        "Published: 2021-03-09 14:20 GMT",
        "Border Crossing Reopens After Week of Talks",
        "By Lena Park and Omar Haddad, Example Wire",
        "Advertisement",
        "Related stories",
        "Talks Open in Geneva",
        "Copyright 2021 Example Wire. All rights reserved.",
    ] {
        assert!(gone.contains(&line), "{line:?} not excluded: {gone:?}");
    }
    assert_eq!(doc.blocks.len(), 3);
    assert!(
        doc.blocks
            .iter()
            .all(|b| !doc.excluded.iter().any(|e| e.overlaps(*b)))
    );
}

const NEWS_HTML: &str = r#"<!DOCTYPE html>
<html lang="en-US">
<head>
  <meta charset="utf-8">
  <title>Ministers Agree on Grain Corridor &#8211; The Example Courier</title>
  <meta property="og:title" content="Ministers Agree on Grain Corridor">
  <meta property="og:site_name" content="The Example Courier">
  <meta name="author" content="Sara Lind">
  <meta property="article:published_time" content="2023-07-04T08:30:00+02:00">
  <link rel="canonical" href="https://courier.example.com/2023/07/04/grain">
  <style>body { font-family: serif; }</style>
  <script>window.dataLayer = []; if (a < b) { track("<p>x</p>"); }</script>
</head>
<body>
  <header class="site-header"><a href="/">The Example Courier</a><nav><a href="/world">World</a> <a href="/business">Business</a></nav></header>
  <main>
    <article>
      <h1>Ministers Agree on Grain Corridor</h1>
      <p class="byline">By Sara Lind</p>
      <time datetime="2023-07-04">July 4, 2023</time>
      <p>Ministers from the three states agreed on Monday to open a grain corridor through the port, the foreign ministry said.</p>
      <div class="share-tools"><a>Share</a> <a>Tweet</a></div>
      <p>The first ships are due to sail &ldquo;within days&rdquo;, said Deputy Minister Anna Koval. Insurers have not yet set their rates.</p>
      <figure><img src="ship.jpg" alt="A ship"><figcaption>A ship in the port.</figcaption></figure>
      <p>Officials   said the corridor would be monitored by a joint centre.</p>
      <aside><h2>Related</h2><ul><li><a href="/x">Port strike ends</a></li></ul></aside>
    </article>
  </main>
  <footer><p>&copy; 2023 The Example Courier</p></footer>
</body>
</html>"#;

#[test]
fn html_news_page() {
    let doc = read(NEWS_HTML);
    assert_eq!(doc.meta.format, DocumentFormat::Html);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Ministers Agree on Grain Corridor")
    );
    assert_eq!(doc.meta.author.as_deref(), Some("Sara Lind"));
    assert_eq!(doc.meta.publisher.as_deref(), Some("The Example Courier"));
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2023, 7, 4));
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://courier.example.com/2023/07/04/grain")
    );
    assert_eq!(doc.meta.language, "en");

    for gone in [
        "dataLayer",
        "font-family",
        "World",
        "Tweet",
        "A ship",
        "Port strike",
        "©",
    ] {
        assert!(
            !doc.text.contains(gone),
            "{gone:?} should be dropped:\n{}",
            doc.text
        );
    }
    assert!(doc.text.contains("“within days”"));
    assert!(doc.text.contains("Officials said the corridor"));
    let gone = excluded_text(&doc);
    assert!(
        gone.contains(&"Ministers Agree on Grain Corridor"),
        "{gone:?}"
    );
    assert!(gone.contains(&"By Sara Lind"), "{gone:?}");

    // Every sentence maps back to its exact bytes in the page.
    for span in sentences::split(&doc.text) {
        let clean = span.of(&doc.text);
        let source = doc.to_source(span).of(NEWS_HTML);
        if !clean.contains(['“', '”']) && !clean.contains("Officials") {
            assert_eq!(clean, source);
        }
    }
    let quoted = doc.text.find("“within").unwrap();
    let source = doc.to_source(Span::new(quoted, quoted + "“within days”".len()));
    assert_eq!(source.of(NEWS_HTML), "&ldquo;within days&rdquo;");
    let officials = doc.text.find("Officials said").unwrap();
    let source = doc.to_source(Span::new(officials, officials + "Officials said".len()));
    assert_eq!(source.of(NEWS_HTML), "Officials   said");
}

const NEWS_MARKDOWN: &str = "# Ceasefire Holds in the North\n\n\
*By Tomas Berg* | 2022-11-02\n\n\
The ceasefire agreed on **Sunday** held through the night, according to [monitors](https://example.org/monitors).\n\
Shelling stopped shortly after midnight.\n\n\
## What comes next\n\n\
- Talks on prisoner exchanges\n\
- A review of the \\*buffer zone\\*\n\n\
```\nnot prose\n```\n";

#[test]
fn markdown_article() {
    let doc = read(NEWS_MARKDOWN);
    assert_eq!(doc.meta.format, DocumentFormat::Markdown);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Ceasefire Holds in the North")
    );
    assert_eq!(doc.meta.author.as_deref(), Some("Tomas Berg"));
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2022, 11, 2));
    assert!(!doc.text.contains("**"));
    assert!(!doc.text.contains("not prose"));
    assert!(doc.text.contains("according to monitors. Shelling stopped"));
    assert!(doc.text.contains("A review of the *buffer zone*"));
    let gone = excluded_text(&doc);
    assert!(gone.contains(&"Ceasefire Holds in the North"));
    assert!(gone.contains(&"By Tomas Berg | 2022-11-02"));
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.of(&doc.text) == "What comes next")
    );
    let monitors = doc.text.find("monitors").unwrap();
    let source = doc.to_source(Span::new(monitors, monitors + 8));
    assert_eq!(source.of(NEWS_MARKDOWN), "monitors");
}

#[test]
fn seed_article_metadata_and_furniture() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/anbound-2022-01-14-kazakhstan.txt");
    let Ok(source) = std::fs::read_to_string(&path) else {
        let _ = writeln!(
            std::io::stderr(),
            "skipped (no ../shared): the seed article is not at {}",
            path.display()
        );
        return;
    };
    let doc = read(&source);
    assert_eq!(doc.meta.format, DocumentFormat::Text);
    assert!(
        doc.meta
            .title
            .as_deref()
            .is_some_and(|t| t.contains("Kazakhstan's Situation Continues to Evolve")),
        "{:?}",
        doc.meta.title
    );
    assert_eq!(doc.meta.author.as_deref(), Some("Chan Kung"));
    assert_eq!(doc.meta.publisher.as_deref(), Some("ANBOUND"));
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2022, 1, 14));
    let gone = excluded_text(&doc);
    assert!(gone.contains(&"Index > 100+"), "{gone:?}");
    assert!(gone.contains(&"Back"), "{gone:?}");
    assert!(gone.iter().any(|l| l.starts_with("Copyright")), "{gone:?}");
    // The dated section headings are story, not furniture.
    assert!(
        doc.blocks
            .iter()
            .filter(|b| b.of(&doc.text).starts_with("Observation on"))
            .count()
            >= 2
    );
}

/// Fragments that make HTML-, Markdown- and news-like soup.
fn soup() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"share\">".to_string()),
        Just("</div>".to_string()),
        Just("<article>".to_string()),
        Just("</article>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<a href=\"".to_string()),
        Just("\">".to_string()),
        Just("<br/>".to_string()),
        Just("<title>".to_string()),
        Just("&amp;".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&nbsp;".to_string()),
        Just("<meta property=\"og:title\" content=\"x\">".to_string()),
        Just("<time datetime=\"2020-02-30\">".to_string()),
        Just("# ".to_string()),
        Just("**".to_string()),
        Just("[x](y)".to_string()),
        Just("```\n".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("By Jane Doe".to_string()),
        Just("Copyright © 2020 X".to_string()),
        Just("Index > 100+".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just(". . . ".to_string()),
        Just("\"(".to_string()),
        "[a-zA-Zé日 .!?]{0,12}",
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

fn check_document(source: &str) {
    let doc = read(source);
    let text = &doc.text;
    if doc.meta.format == DocumentFormat::Text {
        assert_eq!(text, source);
    }
    let mut previous_end = 0;
    for span in &doc.excluded {
        assert!(span.start >= previous_end && span.end <= text.len() && !span.is_empty());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        previous_end = span.end;
    }
    let mut previous_end = 0;
    for span in &doc.blocks {
        assert!(span.start >= previous_end && span.end <= text.len() && !span.is_empty());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        previous_end = span.end;
    }
    for block in &doc.blocks {
        assert!(!doc.excluded.iter().any(|e| e.overlaps(*block)));
    }
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let step = (boundaries.len() / 50).max(1);
    for &start in boundaries.iter().step_by(step) {
        for &end in boundaries.iter().step_by(step).filter(|&&e| e >= start) {
            let mapped = doc.to_source(Span::new(start, end));
            assert!(mapped.start <= mapped.end && mapped.end <= source.len());
            assert!(source.is_char_boundary(mapped.start) && source.is_char_boundary(mapped.end));
        }
    }
    // Offsets that are off the text or off char boundaries are still safe.
    let wild = doc.to_source(Span::new(1, text.len() + 7));
    assert!(wild.end <= source.len() && source.is_char_boundary(wild.start));
    assert_eq!(read(source), doc);
}

fn check_sentences(text: &str) {
    let spans = sentences::split(text);
    let mut previous_end = 0;
    for span in &spans {
        assert!(span.start >= previous_end && span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let s = span.of(text);
        assert_eq!(s, s.trim());
        previous_end = span.end;
    }
    assert_eq!(sentences::split(text), spans);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn reading_any_string_is_safe(source in any::<String>()) {
        check_document(&source);
        check_sentences(&source);
    }

    #[test]
    fn reading_markup_soup_is_safe(source in soup()) {
        check_document(&source);
        check_sentences(&source);
        check_sentences(&read(&source).text);
    }
}
