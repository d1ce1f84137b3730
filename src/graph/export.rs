//! Exports for other tools: GEXF 1.3 (Gephi), with each edge's time intervals as spells, and
//! GraphML. Both cover the all-time graph: every edge with its weight, polarity and standing.

use super::snapshot::{Snapshot, SnapshotEdge};
use super::{ActorGraph, Clock, StartBasis};
use chrono::NaiveDate;
use std::fmt::Write;

/// Text made safe for an XML attribute or element: markup characters escaped, characters XML
/// cannot carry dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An edge's time intervals on `clock`: its links' `[start, end)` merged; `None` when some
/// link is undated or a standing tie (the edge then spans all time).
fn spells(edge: &SnapshotEdge<'_>, clock: Clock) -> Option<Vec<(NaiveDate, Option<NaiveDate>)>> {
    let mut intervals = Vec::new();
    for link in &edge.links {
        let start = link.start(clock);
        match (start.basis, start.day) {
            (StartBasis::Standing | StartBasis::Unknown, _) | (_, None) => return None,
            (_, Some(day)) => intervals.push((day, link.end)),
        }
    }
    intervals.sort();
    let mut merged: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    for (start, end) in intervals {
        match merged.last_mut() {
            Some((_, last_end)) if last_end.is_none_or(|e| start <= e) => {
                *last_end = match (*last_end, end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => merged.push((start, end)),
        }
    }
    Some(merged)
}

/// The all-time graph as GEXF 1.3: a dynamic graph with dates, nodes labelled with actor
/// names and kinds, edges with weight, polarity, standing, claim and source counts and
/// spells.
pub fn gexf(graph: &ActorGraph, snapshot: &Snapshot<'_>, description: &str) -> String {
    let clock = snapshot.clock;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gexf xmlns=\"http://gexf.net/1.3\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" \
         version=\"1.3\">\n",
    );
    let _ = writeln!(
        out,
        "  <meta>\n    <creator>Sitrep</creator>\n    <description>{}</description>\n  </meta>",
        xml(description)
    );
    out.push_str("  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n");
    out.push_str("    <attributes class=\"node\" mode=\"static\">\n");
    out.push_str("      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n");
    out.push_str("    </attributes>\n");
    out.push_str("    <attributes class=\"edge\" mode=\"static\">\n");
    for (id, kind) in [
        ("polarity", "string"),
        ("standing", "string"),
        ("claims", "integer"),
        ("sources", "integer"),
        ("start_basis", "string"),
    ] {
        let _ = writeln!(
            out,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{kind}\"/>"
        );
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    for actor in snapshot.actors() {
        let node = graph.node(actor);
        let name = graph.name(actor);
        let kind = node.map(|n| n.kind.as_str()).unwrap_or("organisation");
        let _ = writeln!(
            out,
            "      <node id=\"{actor}\" label=\"{}\">\n        <attvalues>\n          \
             <attvalue for=\"kind\" value=\"{kind}\"/>\n        </attvalues>\n      </node>",
            xml(&name)
        );
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for edge in &snapshot.edges {
        let key = edge.key;
        let basis = edge
            .links
            .iter()
            .map(|l| l.start(clock).basis)
            .min()
            .map(|b| format!("{b:?}").to_lowercase())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\" label=\"{}\">",
            key.slug(),
            key.a,
            key.b,
            edge.weight,
            key.polarity.as_str()
        );
        out.push_str("        <attvalues>\n");
        for (name, value) in [
            ("polarity", key.polarity.as_str().to_string()),
            ("standing", key.standing.as_str().to_string()),
            ("claims", edge.claims.to_string()),
            ("sources", edge.sources.to_string()),
            ("start_basis", basis),
        ] {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{name}\" value=\"{}\"/>",
                xml(&value)
            );
        }
        out.push_str("        </attvalues>\n");
        if let Some(spells) = spells(edge, clock) {
            out.push_str("        <spells>\n");
            for (start, end) in spells {
                match end {
                    Some(end) => {
                        let _ = writeln!(out, "          <spell start=\"{start}\" end=\"{end}\"/>");
                    }
                    None => {
                        let _ = writeln!(out, "          <spell start=\"{start}\"/>");
                    }
                }
            }
            out.push_str("        </spells>\n");
        }
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// The all-time graph as GraphML: nodes with name and kind, edges with weight, polarity,
/// standing, claim and source counts and the first day they hold.
pub fn graphml(graph: &ActorGraph, snapshot: &Snapshot<'_>) -> String {
    let clock = snapshot.clock;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, kind) in [
        ("label", "node", "string"),
        ("kind", "node", "string"),
        ("polarity", "edge", "string"),
        ("standing", "edge", "string"),
        ("weight", "edge", "double"),
        ("claims", "edge", "int"),
        ("sources", "edge", "int"),
        ("start", "edge", "string"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{id}\" attr.type=\"{kind}\"/>"
        );
    }
    out.push_str("  <graph id=\"situation\" edgedefault=\"undirected\">\n");
    for actor in snapshot.actors() {
        let kind = graph
            .node(actor)
            .map(|n| n.kind.as_str())
            .unwrap_or("organisation");
        let _ = writeln!(
            out,
            "    <node id=\"n{actor}\">\n      <data key=\"label\">{}</data>\n      \
             <data key=\"kind\">{kind}</data>\n    </node>",
            xml(&graph.name(actor))
        );
    }
    for edge in &snapshot.edges {
        let key = edge.key;
        let start = edge
            .links
            .iter()
            .filter_map(|l| l.start(clock).day)
            .min()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">\n      \
             <data key=\"polarity\">{}</data>\n      <data key=\"standing\">{}</data>\n      \
             <data key=\"weight\">{}</data>\n      <data key=\"claims\">{}</data>\n      \
             <data key=\"sources\">{}</data>\n      <data key=\"start\">{start}</data>\n    </edge>",
            key.slug(),
            key.a,
            key.b,
            key.polarity.as_str(),
            key.standing.as_str(),
            edge.weight,
            edge.claims,
            edge.sources,
        );
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
