//! The `report` format: an analysis as a person reads it in a terminal. Title and metadata,
//! counts, then each layer with its items and where they are in the text.

use std::io::{self, Write};

use newsgraph_core::Analysis;

fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// Write `a` as a readable report.
pub fn write(out: &mut impl Write, a: &Analysis) -> io::Result<()> {
    let d = &a.document;
    let rule = "─".repeat(78);
    writeln!(out, "{rule}")?;
    writeln!(out, "{}", d.title.as_deref().unwrap_or("(untitled)"))?;
    let mut meta = Vec::new();
    if let Some(p) = &d.published {
        meta.push(format!("published {p}"));
    }
    if let Some(s) = &d.source {
        meta.push(s.clone());
    }
    if let Some(b) = &d.byline {
        meta.push(format!("by {b}"));
    }
    if let Some(dl) = &d.dateline {
        meta.push(format!("dateline {}", [dl.place.as_deref(), dl.agency.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ")));
    }
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    if let Some(u) = &d.url {
        writeln!(out, "{u}")?;
    }
    writeln!(out, "id {} · {} characters", d.id, d.text.chars().count())?;
    writeln!(
        out,
        "{} entities · {} attributions · {} times · {} amounts · {} relations · {} events",
        a.entities.len(),
        a.attributions.len(),
        a.times.len(),
        a.amounts.len(),
        a.relations.len(),
        a.events.len()
    )?;
    writeln!(out, "{rule}")?;
    let names = |id: &Option<String>| -> String {
        id.as_ref()
            .and_then(|id| a.entities.iter().find(|e| &e.id == id))
            .map(|e| e.name.clone())
            .unwrap_or_else(|| "—".into())
    };
    if !a.entities.is_empty() {
        writeln!(out, "\nENTITIES")?;
        for e in &a.entities {
            let mut extra = Vec::new();
            if !e.aliases.is_empty() {
                extra.push(format!("also {}", e.aliases.join(", ")));
            }
            if !e.descriptions.is_empty() {
                extra.push(format!("described as {}", e.descriptions.join("; ")));
            }
            let extra = if extra.is_empty() { String::new() } else { format!("  ({})", extra.join(" · ")) };
            writeln!(out, "  {:<4} {:<8} {}  ×{}{}", e.id, e.kind, e.name, e.mentions.len(), extra)?;
        }
    }
    if !a.attributions.is_empty() {
        writeln!(out, "\nWHO SAID WHAT")?;
        for at in &a.attributions {
            let source = at.source.as_ref().map(|_| names(&at.source)).or_else(|| at.source_text.clone()).unwrap_or_else(|| "(unknown)".into());
            writeln!(out, "  {:<12} {}: “{}”", at.kind, who_said(&source, at), shorten(&at.content, 120))?;
        }
    }
    if !a.times.is_empty() {
        writeln!(out, "\nTIMES")?;
        for t in &a.times {
            writeln!(out, "  {:<28} {:<9} {}{}", shorten(&t.text, 28), t.kind, t.value, if t.underspecified { "  (no publication date to anchor it)" } else { "" })?;
        }
    }
    if !a.amounts.is_empty() {
        writeln!(out, "\nAMOUNTS")?;
        for m in &a.amounts {
            let mut what = m.value.to_string();
            if let Some(h) = &m.high {
                what = format!("{what}–{h}");
            }
            if let Some(c) = &m.currency {
                what = format!("{what} {c}");
            }
            if let Some(u) = &m.unit {
                what = format!("{what} {u}");
            }
            if let Some(q) = &m.qualifier {
                what = format!("{q} {what}");
            }
            writeln!(out, "  {:<36} {}", shorten(&m.text, 36), what)?;
        }
    }
    if !a.relations.is_empty() {
        writeln!(out, "\nRELATIONS")?;
        for r in &a.relations {
            writeln!(out, "  {} —{}→ {}", names(&Some(r.subject.clone())), r.predicate, names(&Some(r.object.clone())))?;
        }
    }
    if !a.events.is_empty() {
        writeln!(out, "\nEVENTS")?;
        for e in &a.events {
            let mut line = format!("  {} {}", names(&e.actor), e.action);
            if e.target.is_some() {
                line += &format!(" {}", names(&e.target));
            }
            if let Some(d) = &e.date {
                line += &format!("  [{d}]");
            }
            if e.place.is_some() {
                line += &format!("  @ {}", names(&e.place));
            }
            writeln!(out, "{line}")?;
        }
    }
    if !d.removed.is_empty() {
        writeln!(out, "\nREMOVED")?;
        for r in &d.removed {
            writeln!(out, "  {:<20} {}", r.reason, shorten(&r.text, 56))?;
        }
    }
    Ok(())
}

/// The source and cue in the text's order: "Lukashenko said", "according to Belta".
fn who_said(source: &str, at: &newsgraph_core::analysis::AttributionOut) -> String {
    let Some(cue) = at.cue.as_deref().filter(|c| !c.is_empty()) else { return source.to_string() };
    match (at.cue_start, at.source_start) {
        (Some(c), Some(s)) if c < s => {
            // A sentence-initial cue ("According to …") reads lowercase inside the line.
            let mut chars = cue.chars();
            let first: String = chars.next().into_iter().flat_map(char::to_lowercase).collect();
            let cue = if cue.chars().nth(1).is_some_and(char::is_lowercase) { format!("{first}{}", chars.as_str()) } else { cue.to_string() };
            format!("{cue} {source}")
        }
        _ => format!("{source} {cue}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Doc, Meta, Span, TimeExpr};

    #[test]
    fn shows_title_counts_and_layers() {
        let mut doc = Doc::new(Meta { title: Some("Headline".into()), published: Some("2023-06-30".into()), ..Meta::default() }, "It happened on Friday.".into());
        doc.times.push(TimeExpr { span: Span::new(15, 21), kind: "DATE".into(), value: "2023-06-30".into(), underspecified: false });
        let mut out = Vec::new();
        write(&mut out, &Analysis::from_doc(&doc)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Headline"));
        assert!(text.contains("published 2023-06-30"));
        assert!(text.contains("1 times"));
        assert!(text.contains("Friday") && text.contains("2023-06-30"));
    }

    #[test]
    fn cues_before_their_source_come_first() {
        let at = |cue: &str, cue_start, source_start| newsgraph_core::analysis::AttributionOut {
            id: "a1".into(),
            kind: "according_to".into(),
            source: None,
            source_text: Some("Belta".into()),
            source_start: Some(source_start),
            source_end: None,
            cue: Some(cue.into()),
            cue_start: Some(cue_start),
            cue_end: None,
            content: String::new(),
            content_start: 0,
            content_end: 0,
        };
        assert_eq!(who_said("Belta", &at("According to", 0, 13)), "according to Belta");
        assert_eq!(who_said("Belta", &at("said", 6, 0)), "Belta said");
        assert_eq!(who_said("Belta", &at("AFP", 0, 13)), "AFP Belta", "an acronym keeps its capitals");
    }

    #[test]
    fn shortens_long_text() {
        assert_eq!(shorten("a  b c d e f", 5), "a b …");
    }
}
