//! Exports of the store: JSONL of analyses (with corpus entity ids added), CSV tables with
//! entity names filled in, GraphML and GEXF entity graphs for Gephi, and FollowTheMoney JSON
//! lines (Person, Organization, Membership, Article, Mention) for Aleph-style tools. XML is
//! written by hand: the two formats need a few elements, and escaping is the only subtlety.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use newsgraph_core::Analysis;
use serde_json::json;

use crate::{Error, Result, Store};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One analysis per line.
    Jsonl,
    /// A directory of CSV tables.
    Csv,
    /// GraphML (one file).
    Graphml,
    /// GEXF 1.3 (one file).
    Gexf,
    /// FollowTheMoney entities, one JSON object per line.
    Ftm,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "jsonl" => Format::Jsonl,
            "csv" => Format::Csv,
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "ftm" | "followthemoney" => Format::Ftm,
            other => return Err(Error::Invalid(format!("unknown export format {other:?}; use jsonl, csv, graphml, gexf or ftm"))),
        })
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Files written.
    pub files: Vec<String>,
    /// Records (lines, rows, nodes + edges) written.
    pub records: u64,
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display(), e))?;
    }
    Ok(BufWriter::new(File::create(path).map_err(|e| Error::io(path.display(), e))?))
}

/// Escape text for XML attributes and content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Nodes and weighted edges of the whole corpus graph.
struct CorpusGraph {
    nodes: Vec<(i64, String, String, i64)>,
    /// (source, target, kind) → weight.
    edges: BTreeMap<(i64, i64, String), i64>,
}

impl Store {
    /// Write the store in `format` to `out` (a directory for CSV, a file otherwise).
    pub fn export(&self, format: Format, out: &Path) -> Result<ExportSummary> {
        match format {
            Format::Jsonl => self.export_jsonl(out),
            Format::Csv => self.export_csv(out),
            Format::Graphml => self.export_graphml(out),
            Format::Gexf => self.export_gexf(out),
            Format::Ftm => self.export_ftm(out),
        }
    }

    /// Every current document's analysis, with `corpus_entity` (id) and `corpus_name` added
    /// to each entity.
    pub fn analyses(&self, mut each: impl FnMut(Analysis) -> Result<()>) -> Result<()> {
        let mut st = self.conn.prepare("SELECT d.id, t.text, t.analysis FROM documents d JOIN document_texts t ON t.id = d.id WHERE d.current = 1 ORDER BY d.id")?;
        let mut ents = self.conn.prepare_cached(
            "SELECT de.local_id, e.id, e.name FROM doc_entities de JOIN entities e ON e.id = de.entity_id WHERE de.doc_id = ?1",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let mut a: Analysis = serde_json::from_slice(&r.get::<_, Vec<u8>>(2)?)?;
            a.document.text = r.get(1)?;
            let linked: BTreeMap<String, (i64, String)> =
                ents.query_map([id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<rusqlite::Result<_>>()?;
            for e in &mut a.entities {
                if let Some((cid, name)) = linked.get(&e.id) {
                    e.extra.insert("corpus_entity".into(), json!(cid));
                    e.extra.insert("corpus_name".into(), json!(name));
                }
            }
            each(a)?;
        }
        Ok(())
    }

    fn export_jsonl(&self, out: &Path) -> Result<ExportSummary> {
        let mut w = create(out)?;
        let mut n = 0;
        self.analyses(|a| {
            serde_json::to_writer(&mut w, &a)?;
            w.write_all(b"\n").map_err(|e| Error::io(out.display(), e))?;
            n += 1;
            Ok(())
        })?;
        w.flush().map_err(|e| Error::io(out.display(), e))?;
        Ok(ExportSummary { files: vec![out.display().to_string()], records: n })
    }

    fn export_csv(&self, dir: &Path) -> Result<ExportSummary> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display(), e))?;
        let tables: [(&str, &str); 6] = [
            (
                "documents",
                "SELECT d.id, d.title, d.published, d.source, d.url, d.version,
                        CASE WHEN d.dup_of = d.id OR d.dup_of IS NULL THEN '' ELSE d.dup_of END AS duplicate_of, d.story
                 FROM documents d WHERE d.current = 1 ORDER BY d.id",
            ),
            (
                "entities",
                "SELECT e.id, e.name, e.type, count(DISTINCT de.doc_id) AS documents,
                        (SELECT group_concat(n, '; ') FROM (SELECT DISTINCT x.name n FROM doc_entities x WHERE x.entity_id = e.id AND x.name != e.name)) AS other_names
                 FROM entities e JOIN doc_entities de ON de.entity_id = e.id WHERE e.deleted = 0 GROUP BY e.id ORDER BY e.id",
            ),
            (
                "mentions",
                "SELECT m.doc_id AS document, d.title, e.name AS entity, e.type, m.start, m.end, m.text
                 FROM mentions m JOIN documents d ON d.id = m.doc_id JOIN doc_entities de ON de.id = m.doc_entity
                 JOIN entities e ON e.id = de.entity_id WHERE e.deleted = 0 ORDER BY m.doc_id, m.start",
            ),
            (
                "attributions",
                "SELECT a.doc_id AS document, d.published, d.source AS outlet, coalesce(e.name, a.source_text) AS speaker,
                        a.kind, a.cue, a.content, a.content_start, a.content_end
                 FROM attributions a JOIN documents d ON d.id = a.doc_id
                 LEFT JOIN doc_entities de ON de.id = a.source LEFT JOIN entities e ON e.id = de.entity_id
                 ORDER BY a.doc_id, a.content_start",
            ),
            (
                "relations",
                "SELECT r.doc_id AS document, es.name AS subject, r.predicate, r.role, eo.name AS object, r.start, r.end, r.text AS evidence
                 FROM relations r JOIN doc_entities s ON s.id = r.subject JOIN doc_entities o ON o.id = r.object
                 JOIN entities es ON es.id = s.entity_id JOIN entities eo ON eo.id = o.entity_id ORDER BY r.doc_id, r.start",
            ),
            (
                "events",
                "SELECT ev.doc_id AS document, coalesce(ev.date, substr(d.published, 1, 10)) AS date,
                        (SELECT e.name FROM doc_entities x JOIN entities e ON e.id = x.entity_id WHERE x.id = ev.actor) AS actor,
                        ev.action, ev.lemma,
                        (SELECT e.name FROM doc_entities x JOIN entities e ON e.id = x.entity_id WHERE x.id = ev.target) AS target,
                        (SELECT e.name FROM doc_entities x JOIN entities e ON e.id = x.entity_id WHERE x.id = ev.place) AS place,
                        ev.text AS evidence
                 FROM events ev JOIN documents d ON d.id = ev.doc_id ORDER BY 2, ev.doc_id, ev.start",
            ),
        ];
        let mut sum = ExportSummary::default();
        for (name, sql) in tables {
            let path = dir.join(format!("{name}.csv"));
            let mut w = csv::Writer::from_writer(create(&path)?);
            let mut st = self.conn.prepare(sql)?;
            let cols: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
            w.write_record(&cols)?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let mut rec = Vec::with_capacity(cols.len());
                for i in 0..cols.len() {
                    rec.push(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                        rusqlite::types::ValueRef::Real(v) => v.to_string(),
                        rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
                    });
                }
                w.write_record(&rec)?;
                sum.records += 1;
            }
            w.flush().map_err(|e| Error::io(path.display(), e))?;
            sum.files.push(path.display().to_string());
        }
        Ok(sum)
    }

    fn corpus_graph(&self) -> Result<CorpusGraph> {
        let mut st = self.conn.prepare(
            "SELECT e.id, e.name, e.type, count(DISTINCT de.doc_id) FROM entities e JOIN doc_entities de ON de.entity_id = e.id
             WHERE e.deleted = 0 GROUP BY e.id ORDER BY e.id",
        )?;
        let nodes: Vec<(i64, String, String, i64)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
        let live: std::collections::BTreeSet<i64> = nodes.iter().map(|n| n.0).collect();
        let mut edges: BTreeMap<(i64, i64, String), i64> = BTreeMap::new();
        // Co-occurrence: one count per story, so syndicated copies do not inflate weights.
        let mut st = self.conn.prepare(
            "SELECT DISTINCT coalesce(d.story, d.id), de.entity_id FROM doc_entities de JOIN documents d ON d.id = de.doc_id
             WHERE de.entity_id IS NOT NULL ORDER BY 1, 2",
        )?;
        let mut rows = st.query([])?;
        let mut current: Option<i64> = None;
        let mut group: Vec<i64> = Vec::new();
        let flush = |group: &mut Vec<i64>, edges: &mut BTreeMap<(i64, i64, String), i64>| {
            group.retain(|e| live.contains(e));
            for i in 0..group.len() {
                for j in i + 1..group.len() {
                    *edges.entry((group[i], group[j], "co-occurrence".into())).or_default() += 1;
                }
            }
            group.clear();
        };
        while let Some(r) = rows.next()? {
            let (story, e): (i64, i64) = (r.get(0)?, r.get(1)?);
            if current != Some(story) {
                flush(&mut group, &mut edges);
                current = Some(story);
            }
            group.push(e);
        }
        flush(&mut group, &mut edges);
        let mut st = self.conn.prepare(
            "SELECT s.entity_id, o.entity_id, r.role, count(DISTINCT coalesce(d.dup_of, d.id))
             FROM relations r JOIN doc_entities s ON s.id = r.subject JOIN doc_entities o ON o.id = r.object
             JOIN documents d ON d.id = r.doc_id GROUP BY 1, 2, 3",
        )?;
        for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))? {
            let (s, o, role, w) = r?;
            if live.contains(&s) && live.contains(&o) {
                *edges.entry((s, o, role)).or_default() += w;
            }
        }
        Ok(CorpusGraph { nodes, edges })
    }

    fn export_graphml(&self, out: &Path) -> Result<ExportSummary> {
        let g = self.corpus_graph()?;
        let mut w = create(out)?;
        let io = |e| Error::io(out.display(), e);
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
             <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n\
             <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n\
             <key id=\"documents\" for=\"node\" attr.name=\"documents\" attr.type=\"int\"/>\n\
             <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n\
             <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n\
             <graph id=\"newsgraph\" edgedefault=\"directed\">\n",
        );
        for (id, name, kind, docs) in &g.nodes {
            s.push_str(&format!(
                "<node id=\"n{id}\"><data key=\"label\">{}</data><data key=\"type\">{}</data><data key=\"documents\">{docs}</data></node>\n",
                xml_escape(name),
                xml_escape(kind)
            ));
        }
        for (i, ((a, b, kind), weight)) in g.edges.iter().enumerate() {
            s.push_str(&format!(
                "<edge id=\"e{i}\" source=\"n{a}\" target=\"n{b}\"><data key=\"kind\">{}</data><data key=\"weight\">{weight}</data></edge>\n",
                xml_escape(kind)
            ));
        }
        s.push_str("</graph>\n</graphml>\n");
        w.write_all(s.as_bytes()).map_err(io)?;
        w.flush().map_err(io)?;
        Ok(ExportSummary { files: vec![out.display().to_string()], records: (g.nodes.len() + g.edges.len()) as u64 })
    }

    fn export_gexf(&self, out: &Path) -> Result<ExportSummary> {
        let g = self.corpus_graph()?;
        let mut w = create(out)?;
        let io = |e| Error::io(out.display(), e);
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n\
             <meta><creator>newsgraph</creator></meta>\n<graph defaultedgetype=\"directed\">\n\
             <attributes class=\"node\"><attribute id=\"0\" title=\"type\" type=\"string\"/><attribute id=\"1\" title=\"documents\" type=\"integer\"/></attributes>\n\
             <attributes class=\"edge\"><attribute id=\"0\" title=\"kind\" type=\"string\"/></attributes>\n<nodes>\n",
        );
        for (id, name, kind, docs) in &g.nodes {
            s.push_str(&format!(
                "<node id=\"{id}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{docs}\"/></attvalues></node>\n",
                xml_escape(name),
                xml_escape(kind)
            ));
        }
        s.push_str("</nodes>\n<edges>\n");
        for (i, ((a, b, kind), weight)) in g.edges.iter().enumerate() {
            let ty = if kind == "co-occurrence" { " type=\"undirected\"" } else { "" };
            s.push_str(&format!(
                "<edge id=\"{i}\" source=\"{a}\" target=\"{b}\" weight=\"{weight}\" label=\"{}\"{ty}><attvalues><attvalue for=\"0\" value=\"{}\"/></attvalues></edge>\n",
                xml_escape(kind),
                xml_escape(kind)
            ));
        }
        s.push_str("</edges>\n</graph>\n</gexf>\n");
        w.write_all(s.as_bytes()).map_err(io)?;
        w.flush().map_err(io)?;
        Ok(ExportSummary { files: vec![out.display().to_string()], records: (g.nodes.len() + g.edges.len()) as u64 })
    }

    fn export_ftm(&self, out: &Path) -> Result<ExportSummary> {
        let mut w = create(out)?;
        let mut n = 0u64;
        let mut line = |v: serde_json::Value, w: &mut BufWriter<File>| -> Result<()> {
            serde_json::to_writer(&mut *w, &v)?;
            w.write_all(b"\n").map_err(|e| Error::io(out.display(), e))?;
            n += 1;
            Ok(())
        };
        let schema_of = |t: &str| match t {
            "PERSON" => Some("Person"),
            "ORG" => Some("Organization"),
            _ => None,
        };
        // People and organisations with their names and descriptions.
        let mut st = self.conn.prepare("SELECT id, name, type FROM entities WHERE deleted = 0 AND type IN ('PERSON', 'ORG') ORDER BY id")?;
        let ents: Vec<(i64, String, String)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut aliases = self.conn.prepare(
            "SELECT DISTINCT n FROM (SELECT name n FROM doc_entities WHERE entity_id = ?1
                                    UNION SELECT j.value FROM doc_entities de, json_each(de.aliases) j WHERE de.entity_id = ?1) ORDER BY n",
        )?;
        let mut descs = self.conn.prepare(
            "SELECT DISTINCT j.value FROM doc_entities de, json_each(de.descriptions) j WHERE de.entity_id = ?1 ORDER BY 1",
        )?;
        for (id, name, kind) in &ents {
            let Some(schema) = schema_of(kind) else { continue };
            let alias: Vec<String> =
                aliases.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?.into_iter().filter(|a| a != name).collect();
            let notes: Vec<String> = descs.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            line(json!({"id": format!("ng-entity-{id}"), "schema": schema,
                        "properties": {"name": [name], "alias": alias, "notes": notes}}), &mut w)?;
        }
        let mut st = self.conn.prepare("SELECT d.id, d.title, d.published, d.url, d.source, t.text FROM documents d JOIN document_texts t ON t.id = d.id
             WHERE d.current = 1 ORDER BY d.id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let opt = |i| -> rusqlite::Result<Vec<String>> { Ok(r.get::<_, Option<String>>(i)?.into_iter().collect()) };
            line(json!({"id": format!("ng-doc-{id}"), "schema": "Article",
                        "properties": {"title": opt(1)?, "publishedAt": opt(2)?, "sourceUrl": opt(3)?,
                                       "publisher": opt(4)?, "bodyText": [r.get::<_, String>(5)?]}}), &mut w)?;
        }
        let mut st = self.conn.prepare(
            "SELECT de.doc_id, e.id, e.type, de.name, de.aliases FROM doc_entities de JOIN entities e ON e.id = de.entity_id
             WHERE e.deleted = 0 AND e.type IN ('PERSON', 'ORG') ORDER BY de.doc_id, e.id, de.id",
        )?;
        // Names only: an entity's mentions also hold its descriptions and pronouns ("the
        // Belarusian leader", "he"), which are not names in FollowTheMoney's sense.
        let rows: Vec<(i64, i64, String, String, String)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut mentions: Vec<(i64, i64, String, Vec<String>)> = Vec::new();
        for (doc, e, kind, name, aliases) in rows {
            let mut names = vec![name];
            names.extend(serde_json::from_str::<Vec<String>>(&aliases).unwrap_or_default());
            match mentions.last_mut() {
                Some(last) if last.0 == doc && last.1 == e => last.3.extend(names),
                _ => mentions.push((doc, e, kind, names)),
            }
        }
        for (doc, e, kind, mut names) in mentions {
            names.sort();
            names.dedup();
            line(json!({"id": format!("ng-mention-{doc}-{e}"), "schema": "Mention",
                        "properties": {"document": [format!("ng-doc-{doc}")], "resolved": [format!("ng-entity-{e}")],
                                       "name": names, "detectedSchema": [schema_of(&kind).unwrap_or("LegalEntity")]}}), &mut w)?;
        }
        let mut st = self.conn.prepare(
            "SELECT es.id, eo.id, r.role, group_concat(DISTINCT r.predicate), count(*)
             FROM relations r JOIN doc_entities s ON s.id = r.subject JOIN doc_entities o ON o.id = r.object
             JOIN entities es ON es.id = s.entity_id JOIN entities eo ON eo.id = o.entity_id
             WHERE es.type = 'PERSON' AND eo.type = 'ORG' AND es.deleted = 0 AND eo.deleted = 0
             GROUP BY es.id, eo.id, r.role ORDER BY es.id, eo.id, r.role",
        )?;
        let members: Vec<(i64, i64, String, String)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
        for (p, o, role, preds) in members {
            line(json!({"id": format!("ng-membership-{p}-{o}-{}", role.replace(' ', "-")), "schema": "Membership",
                        "properties": {"member": [format!("ng-entity-{p}")], "organization": [format!("ng-entity-{o}")],
                                       "role": [role], "summary": [preds]}}), &mut w)?;
        }
        w.flush().map_err(|e| Error::io(out.display(), e))?;
        Ok(ExportSummary { files: vec![out.display().to_string()], records: n })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(xml_escape("A&B <\"x\">"), "A&amp;B &lt;&quot;x&quot;&gt;");
        assert_eq!(xml_escape("a\u{1}b"), "a b");
    }
}
