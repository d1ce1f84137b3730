//! A situation's timeline for other programs, with the filters of the page's query string:
//! `GET /situations/{slug}/feed.atom` (Atom 1.0, the latest new and changed claims; an entry's
//! id is the claim's and never changes, its `updated` moves when the claim changes),
//! `GET /situations/{slug}/export/timelinejs.json` (TimelineJS 3) and
//! `GET /situations/{slug}/export/timeline.csv` (RFC 4180, UTF-8).

use super::claims::claim_source_href;
use super::format::when_label;
use super::situations::situation_href;
use crate::domain::{Precision, When};
use crate::http::auth::CurrentUser;
use crate::http::limits::Expensive;
use crate::http::timeline::{Timeline, TimelineParams, load_timeline, short_when_label};
use crate::http::{AppState, PageError, PagePath};
use crate::storage::{TIMELINE_MAX_PAGE_SIZE, TimelineClock, TimelineEntryRow, TimelineOrder};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use serde_json::{Value, json};

/// How many entries the feed holds: the latest changes.
pub const FEED_ENTRIES: u64 = 50;

/// The most claims an export holds (a few pages of the largest size).
pub const EXPORT_LIMIT: usize = 20_000;

/// Text safe inside XML 1.0: markup characters escaped, characters XML cannot hold dropped.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn rfc3339(moment: DateTime<Utc>) -> String {
    moment.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn with_type(body: String, content_type: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

/// A short title for an entry: "Peskov said: ...", the text cut at about 90 characters.
fn entry_title(entry: &TimelineEntryRow) -> String {
    let claim = &entry.claim;
    let mut text: String = claim.text.chars().take(90).collect();
    if claim.text.chars().count() > 90 {
        text.push('…');
    }
    match &claim.speaker {
        Some(speaker) => format!("{} said: {text}", speaker.name),
        None => text,
    }
}

/// `GET /situations/{slug}/feed.atom`: the latest new and changed claims of the view.
pub async fn get_feed(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PagePath(slug): PagePath<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let mut params = without_cursor(TimelineParams::parse(query.as_deref())?)?;
    params.clock = TimelineClock::Touched;
    params.order = TimelineOrder::NewestFirst;
    params.limit = Some(FEED_ENTRIES);
    let timeline = load_timeline(&state.db, &slug, params, user.as_ref()).await?;
    Ok(with_type(
        atom_feed(&timeline),
        "application/atom+xml; charset=utf-8",
    ))
}

/// The Atom document of a timeline page in the order of its last changes.
pub fn atom_feed(timeline: &Timeline) -> String {
    let situation = &timeline.situation;
    let page = situation_href(&situation.slug);
    let updated = timeline
        .page
        .entries
        .iter()
        .map(|e| e.touched_at)
        .max()
        .unwrap_or(situation.updated_at);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "  <id>urn:sitrep:situation:{}:timeline</id>\n",
        situation.id
    ));
    xml.push_str(&format!(
        "  <title>{} · new and changed claims</title>\n",
        xml_text(&situation.title)
    ));
    if !situation.summary.trim().is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_text(&situation.summary)
        ));
    }
    xml.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&format!(
            "{page}/feed.atom{}",
            timeline.params.query_string()
        ))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_text(&page)
    ));
    xml.push_str("  <author><name>Sitrep</name></author>\n");
    xml.push_str("  <generator>Sitrep</generator>\n");
    for entry in &timeline.page.entries {
        let claim = &entry.claim;
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>urn:sitrep:claim:{}</id>\n", claim.id));
        xml.push_str(&format!(
            "    <title type=\"text\">{}</title>\n",
            xml_text(&entry_title(entry))
        ));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            rfc3339(entry.first_seen)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            rfc3339(entry.touched_at)
        ));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_text(&claim_source_href(claim.source.id, claim.id))
        ));
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            claim.kind.as_str(),
            claim.kind.as_str()
        ));
        let mut summary = String::new();
        if let Some(when) = &claim.occurred {
            summary.push_str(&format!("Occurred {}. ", when_label(when)));
        }
        if let Some(when) = &claim.reported {
            summary.push_str(&format!("Reported {}. ", when_label(when)));
        }
        if !entry.disputes.is_empty() {
            summary.push_str("Disputed. ");
        }
        if entry.touched_at > entry.first_seen {
            summary.push_str("Changed since it was first published. ");
        }
        let actors: Vec<&str> = claim.actors.iter().map(|a| a.name.as_str()).collect();
        if !actors.is_empty() {
            summary.push_str(&format!("Actors: {}. ", actors.join(", ")));
        }
        summary.push_str(&format!(
            "Source: {}.",
            claim.source.title.as_deref().unwrap_or("untitled")
        ));
        xml.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            xml_text(summary.trim())
        ));
        xml.push_str(&format!(
            "    <content type=\"text\">{}</content>\n",
            xml_text(&claim.text)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Feeds and exports hold a whole view: a page's cursor has no meaning there.
fn without_cursor(params: TimelineParams) -> Result<TimelineParams, PageError> {
    if params.cursor.is_some() {
        return Err(crate::http::AppError::BadRequest(
            "feeds and exports hold the whole view from its start; they take no cursor".to_string(),
        )
        .into());
    }
    Ok(params)
}

/// Every claim of a view, following its pages from the first (at most [`EXPORT_LIMIT`]).
async fn whole_view(
    state: &AppState,
    slug: &str,
    query: Option<&str>,
    user: Option<&crate::domain::User>,
) -> Result<Timeline, PageError> {
    let mut params = without_cursor(TimelineParams::parse(query)?)?;
    params.limit = Some(TIMELINE_MAX_PAGE_SIZE);
    let mut whole = load_timeline(&state.db, slug, params.clone(), user).await?;
    while let Some(cursor) = whole.page.next_cursor.take() {
        if whole.page.entries.len() >= EXPORT_LIMIT {
            break;
        }
        let mut next_params = params.clone();
        next_params.cursor = Some(cursor);
        let next = load_timeline(&state.db, slug, next_params, user).await?;
        whole.page.entries.extend(next.page.entries);
        whole.page.next_cursor = next.page.next_cursor;
    }
    whole.page.entries.truncate(EXPORT_LIMIT);
    Ok(whole)
}

/// A TimelineJS date: only the fields the precision knows.
fn timelinejs_date(moment: chrono::NaiveDateTime, precision: Precision) -> Value {
    let mut date = serde_json::Map::new();
    date.insert("year".into(), json!(moment.year()));
    if precision >= Precision::Quarter {
        date.insert("month".into(), json!(moment.month()));
    }
    if precision >= Precision::Week {
        date.insert("day".into(), json!(moment.day()));
    }
    if precision >= Precision::PartOfDay {
        date.insert("hour".into(), json!(moment.hour()));
    }
    if precision >= Precision::Minute {
        date.insert("minute".into(), json!(moment.minute()));
    }
    Value::Object(date)
}

fn html_text(text: &str) -> String {
    html_escape::encode_safe(text).into_owned()
}

/// The TimelineJS 3 document of a view: one event per dated claim (TimelineJS needs a start
/// date), its text escaped because TimelineJS shows it as HTML.
pub fn timelinejs_document(timeline: &Timeline) -> Value {
    let clock = timeline.params.clock;
    let events: Vec<Value> = timeline
        .page
        .entries
        .iter()
        .filter_map(|entry| {
            let when: When = crate::http::timeline::clock_time(clock, entry)?;
            let start = when.earliest()?;
            let claim = &entry.claim;
            let mut event = json!({
                "unique_id": format!("claim-{}", claim.id),
                "start_date": timelinejs_date(start, when.precision()),
                "display_date": short_when_label(&when),
                "group": claim.kind.as_str(),
                "text": {
                    "headline": html_text(&entry_title(entry)),
                    "text": format!(
                        "<p>{}</p><p><a href=\"{}\">{}</a></p>",
                        html_text(&claim.text),
                        html_text(&claim_source_href(claim.source.id, claim.id)),
                        html_text(claim.source.title.as_deref().unwrap_or("Source")),
                    ),
                },
            });
            if let Some(end) = when.latest() {
                let last = end - chrono::Duration::seconds(1);
                let spans_more = match when.precision() {
                    Precision::Year => last.year() != start.year(),
                    Precision::Quarter | Precision::Month => {
                        (last.year(), last.month()) != (start.year(), start.month())
                    }
                    Precision::Week | Precision::Day => last.date() != start.date(),
                    _ => end - start > chrono::Duration::hours(1),
                };
                if spans_more {
                    event["end_date"] = timelinejs_date(last, when.precision());
                }
            }
            Some(event)
        })
        .collect();
    json!({
        "title": {
            "text": {
                "headline": html_text(&timeline.situation.title),
                "text": html_text(&timeline.situation.summary),
            }
        },
        "events": events,
    })
}

/// `GET /situations/{slug}/export/timelinejs.json`.
pub async fn get_timelinejs(
    permit: Expensive,
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PagePath(slug): PagePath<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let timeline = whole_view(&state, &slug, query.as_deref(), user.as_ref()).await?;
    let mut response = axum::Json(timelinejs_document(&timeline)).into_response();
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"timeline.json\""),
    );
    Ok(permit.hold_until_sent(response))
}

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The CSV header row's fields.
pub const CSV_COLUMNS: &[&str] = &[
    "claim_id",
    "date",
    "start",
    "end",
    "precision",
    "inferred",
    "kind",
    "modality",
    "review_state",
    "speaker",
    "actors",
    "text",
    "reported",
    "recorded_at",
    "source_id",
    "source_title",
    "permalink",
    "disputed",
];

/// The CSV document of a view: a header row, then one row per claim, CRLF line ends.
pub fn timeline_csv(timeline: &Timeline) -> String {
    let clock = timeline.params.clock;
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for entry in &timeline.page.entries {
        let claim = &entry.claim;
        let when = crate::http::timeline::clock_time(clock, entry);
        let bound = |b: Option<chrono::NaiveDateTime>| match (b, &when) {
            (Some(b), Some(w)) => w.format_bound(b),
            _ => String::new(),
        };
        let actors: Vec<&str> = claim.actors.iter().map(|a| a.name.as_str()).collect();
        let row = [
            claim.id.to_string(),
            when.as_ref().map(short_when_label).unwrap_or_default(),
            bound(when.as_ref().and_then(When::earliest)),
            bound(when.as_ref().and_then(When::latest)),
            when.as_ref()
                .map(|w| w.precision().as_str().to_string())
                .unwrap_or_default(),
            when.as_ref()
                .and_then(|w| w.basis().map(str::to_string))
                .unwrap_or_default(),
            claim.kind.as_str().to_string(),
            claim.modality.as_str().to_string(),
            claim.review_state.as_str().to_string(),
            claim
                .speaker
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            actors.join("; "),
            claim.text.clone(),
            claim.reported.as_ref().map(when_label).unwrap_or_default(),
            rfc3339(claim.recorded_at),
            claim.source.id.to_string(),
            claim.source.title.clone().unwrap_or_default(),
            claim_source_href(claim.source.id, claim.id),
            if entry.disputes.is_empty() {
                "no"
            } else {
                "yes"
            }
            .to_string(),
        ];
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `GET /situations/{slug}/export/timeline.csv`.
pub async fn get_csv(
    permit: Expensive,
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PagePath(slug): PagePath<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let timeline = whole_view(&state, &slug, query.as_deref(), user.as_ref()).await?;
    let mut response = with_type(
        timeline_csv(&timeline),
        "text/csv; charset=utf-8; header=present",
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"timeline.csv\""),
    );
    Ok(permit.hold_until_sent(response))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_and_csv_escape_what_they_must() {
        assert_eq!(
            xml_text("<script>a & 'b' \"c\"</script>\u{1}"),
            "&lt;script&gt;a &amp; &apos;b&apos; &quot;c&quot;&lt;/script&gt;"
        );
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\"\nthen"), "\"say \"\"no\"\"\nthen\"");
    }
}
