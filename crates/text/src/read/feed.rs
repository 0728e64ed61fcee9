//! RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: one document per `<item>` / `<entry>`, read with
//! quick-xml's streaming reader. Body from content:encoded, content, description or summary
//! (HTML inside goes through [`super::html::fragment_text`]); date from pubDate, dc:date,
//! published or updated; link, title, author, guid/id. The channel title becomes the source.
//! A feed that is not well-formed XML is one error: no partial items are returned.

use newsgraph_core::Meta;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::{date, html, RawDoc};

#[derive(Default)]
struct Item {
    title: String,
    link: Option<String>,
    id: String,
    date_published: String,
    date_updated: String,
    author: String,
    content_encoded: String,
    content: String,
    description: String,
    language: Option<String>,
}

/// Which item field a text node belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Link,
    Id,
    Published,
    Updated,
    Author,
    ContentEncoded,
    Content,
    Description,
    ChannelTitle,
    ChannelLanguage,
    Other,
}

fn field_of(name: &str, in_item: bool, in_author: bool) -> Field {
    let local = match name.rfind(':') {
        Some(i) if !name.starts_with("content:") && !name.starts_with("dc:") => &name[i + 1..],
        _ => name,
    };
    if !in_item {
        return match local {
            "title" => Field::ChannelTitle,
            "language" => Field::ChannelLanguage,
            _ => Field::Other,
        };
    }
    match local {
        "title" => Field::Title,
        "link" => Field::Link,
        "guid" | "id" => Field::Id,
        "pubDate" | "published" | "dc:date" | "issued" => Field::Published,
        "updated" | "modified" => Field::Updated,
        "name" if in_author => Field::Author,
        "author" | "dc:creator" | "creator" => Field::Author,
        "content:encoded" => Field::ContentEncoded,
        "content" => Field::Content,
        "description" | "summary" => Field::Description,
        _ => Field::Other,
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| {
        let raw: &str = &a.value;
        quick_xml::escape::unescape(raw).map(|c| c.into_owned()).unwrap_or_else(|_| raw.to_string())
    })
}

/// Parse a whole feed. `name` is the file name for origins.
pub fn parse(text: &str, name: &str) -> Result<Vec<RawDoc>, String> {
    let mut reader = Reader::from_str(text);
    let mut depth = 0usize;
    let mut root_seen = false;
    let mut is_feed = false;
    let mut channel_title = String::new();
    let mut channel_lang: Option<String> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut cur: Option<Item> = None;
    // Stack of open elements' fields, to route text.
    let mut fields: Vec<Field> = Vec::new();
    let mut in_author = 0usize;
    let mut title_done = false;
    loop {
        let ev = reader.read_event().map_err(|e| format!("{e} at byte {}", reader.error_position()))?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                let qn = e.name();
                let n = qn.as_ref();
                if !root_seen {
                    root_seen = true;
                    is_feed = matches!(n, "rss" | "feed" | "rdf:RDF" | "RDF") || n.ends_with(":RDF");
                    if !is_feed {
                        return Err(format!("the root element is <{}>, not <rss> or <feed>", n));
                    }
                    if let Some(l) = attr(&e, "xml:lang") {
                        channel_lang = Some(l);
                    }
                    fields.push(Field::Other);
                    continue;
                }
                let local = n.rsplit(':').next().unwrap_or(n);
                if local == "item" || local == "entry" {
                    cur = Some(Item { language: attr(&e, "xml:lang"), ..Item::default() });
                    fields.push(Field::Other);
                    continue;
                }
                if local == "author" {
                    in_author += 1;
                }
                let mut f = field_of(n, cur.is_some(), in_author > 0);
                if f == Field::ChannelTitle && title_done {
                    // An <image><title> after the channel's own title.
                    f = Field::Other;
                }
                if let Some(item) = cur.as_mut() {
                    if f == Field::Link && item.link.is_none() {
                        if let Some(h) = attr(&e, "href") {
                            let rel = attr(&e, "rel").unwrap_or_default();
                            if rel.is_empty() || rel == "alternate" {
                                item.link = Some(h);
                            }
                        }
                    }
                    // Atom inline XHTML content: take the markup as it is.
                    if matches!(f, Field::Content | Field::Description) && attr(&e, "type").as_deref() == Some("xhtml") {
                        let end = e.to_end().into_owned();
                        let inner = reader.read_text(end.name()).map_err(|e| format!("{e} at byte {}", reader.error_position()))?;
                        let slot = if f == Field::Content { &mut item.content } else { &mut item.description };
                        slot.push_str(&inner.into_inner());
                        depth -= 1;
                        continue;
                    }
                }
                fields.push(f);
            }
            Event::Empty(e) => {
                let qn = e.name();
                let local = qn.as_ref().rsplit(':').next().unwrap_or(qn.as_ref());
                if let Some(item) = cur.as_mut() {
                    if local == "link" && item.link.is_none() {
                        let rel = attr(&e, "rel").unwrap_or_default();
                        if rel.is_empty() || rel == "alternate" {
                            item.link = attr(&e, "href");
                        }
                    }
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if fields.pop() == Some(Field::ChannelTitle) {
                    title_done = true;
                }
                let qn = e.name();
                let local = qn.as_ref().rsplit(':').next().unwrap_or(qn.as_ref());
                if local == "author" {
                    in_author = in_author.saturating_sub(1);
                }
                if (local == "item" || local == "entry") && cur.is_some() {
                    items.extend(cur.take());
                }
            }
            Event::Text(t) => push(&mut cur, &fields, &mut channel_title, &mut channel_lang, &t.xml10_content()),
            Event::CData(t) => {
                let raw = t.into_inner();
                push(&mut cur, &fields, &mut channel_title, &mut channel_lang, &raw);
            }
            Event::GeneralRef(r) => {
                let name: String = r.to_string();
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&name).map(String::from)
                };
                // Unknown (HTML) entities are kept as written: the HTML pass decodes them.
                let s = resolved.unwrap_or_else(|| format!("&{name};"));
                push(&mut cur, &fields, &mut channel_title, &mut channel_lang, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen || !is_feed {
        return Err("no <rss> or <feed> element".into());
    }
    if depth > 0 {
        return Err("the file ends inside an element (truncated)".into());
    }
    let source = (!channel_title.trim().is_empty()).then(|| channel_title.split_whitespace().collect::<Vec<_>>().join(" "));
    Ok(items
        .into_iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let body_html = [&it.content_encoded, &it.content, &it.description].into_iter().find(|s| !s.trim().is_empty())?;
            let body = html::fragment_text(body_html);
            if body.trim().is_empty() {
                return None;
            }
            let title = html::fragment_text(&it.title);
            let published = [&it.date_published, &it.date_updated].into_iter().find_map(|d| date::normalize(d));
            let meta = Meta {
                id: (!it.id.trim().is_empty()).then(|| it.id.trim().to_string()),
                title: (!title.is_empty()).then_some(title),
                published,
                url: it.link.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
                source: source.clone(),
                byline: (!it.author.trim().is_empty()).then(|| it.author.split_whitespace().collect::<Vec<_>>().join(" ")),
                language: it.language.or_else(|| channel_lang.clone()).map(|l| l.split('-').next().unwrap_or("").to_ascii_lowercase()),
                origin: Some(format!("{name}#item {}", i + 1)),
                ..Meta::default()
            };
            Some(RawDoc { meta, body })
        })
        .collect())
}

fn push(cur: &mut Option<Item>, fields: &[Field], channel_title: &mut String, channel_lang: &mut Option<String>, s: &str) {
    let Some(&f) = fields.last() else { return };
    match cur {
        Some(item) => {
            let slot = match f {
                Field::Title => &mut item.title,
                Field::Link => {
                    let l = item.link.get_or_insert_with(String::new);
                    l.push_str(s);
                    return;
                }
                Field::Id => &mut item.id,
                Field::Published => &mut item.date_published,
                Field::Updated => &mut item.date_updated,
                Field::Author => &mut item.author,
                Field::ContentEncoded => &mut item.content_encoded,
                Field::Content => &mut item.content,
                Field::Description => &mut item.description,
                _ => return,
            };
            slot.push_str(s);
        }
        None => match f {
            Field::ChannelTitle => channel_title.push_str(s),
            Field::ChannelLanguage if channel_lang.is_none() => *channel_lang = Some(s.trim().to_string()),
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel><title>Valley Post</title><language>en-us</language>
          <item><title>Dam opens</title><link>https://v.example/dam</link><pubDate>Tue, 04 Jul 2023 09:30:00 +0000</pubDate>
            <description>Short &amp; sweet.</description>
            <content:encoded><![CDATA[<p>The dam opened.</p><p>Water flowed &amp; fish swam.</p>]]></content:encoded></item>
          <item><title>Fair &amp; games</title><guid>id-2</guid><description>&lt;p&gt;The fair began.&lt;/p&gt;</description></item>
          </channel></rss>"#;
        let docs = parse(rss, "v.rss").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].body, "The dam opened.\n\nWater flowed & fish swam.");
        assert_eq!(docs[0].meta.published.as_deref(), Some("2023-07-04T09:30:00Z"));
        assert_eq!(docs[0].meta.url.as_deref(), Some("https://v.example/dam"));
        assert_eq!(docs[0].meta.source.as_deref(), Some("Valley Post"));
        assert_eq!(docs[0].meta.language.as_deref(), Some("en"));
        assert_eq!(docs[1].meta.title.as_deref(), Some("Fair & games"));
        assert_eq!(docs[1].body, "The fair began.");
        assert_eq!(docs[1].meta.origin.as_deref(), Some("v.rss#item 2"));
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Nord Blatt</title>
          <entry><title>Hafen</title><link rel="alternate" href="https://n.example/h"/><id>urn:1</id>
            <updated>2024-01-02T10:00:00Z</updated><author><name>Eva Kurz</name></author>
            <content type="html">&lt;p&gt;Der Hafen &amp;amp; die Stadt.&lt;/p&gt;</content></entry>
          <entry><title>Zwei</title><published>2024-01-03</published>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Erster.</p><p>Zweiter.</p></div></content></entry>
        </feed>"#;
        let docs = parse(atom, "n.atom").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].body, "Der Hafen & die Stadt.");
        assert_eq!(docs[0].meta.byline.as_deref(), Some("Eva Kurz"));
        assert_eq!(docs[0].meta.url.as_deref(), Some("https://n.example/h"));
        assert_eq!(docs[0].meta.published.as_deref(), Some("2024-01-02T10:00:00Z"));
        assert_eq!(docs[0].meta.language.as_deref(), Some("de"));
        assert_eq!(docs[1].body, "Erster.\n\nZweiter.");
    }

    #[test]
    fn malformed_feeds() {
        assert!(parse("<rss><channel><item><title>x</item></channel></rss>", "b").is_err());
        assert!(parse("<rss><channel><item><title>x</title>", "b").unwrap_err().contains("truncated"));
        assert!(parse("<html><body>no</body></html>", "b").unwrap_err().contains("not <rss>"));
    }
}
