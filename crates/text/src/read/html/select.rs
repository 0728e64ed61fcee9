//! Choosing the article among the blocks: a readability-style score (paragraph length and
//! commas credited to the containers above each paragraph, weighted by tag and class/id,
//! discounted by link density), then the best container plus its siblings that look like
//! content, then dropping link-heavy lists and boxes inside it.

use super::blocks::{Blocks, Kind, NO_PARENT};
use super::patterns::TEASER_STARTS;

/// Indices of the blocks that form the article, in document order.
pub fn select(b: &mut Blocks) -> Vec<usize> {
    b.drop_boilerplate(0.3);
    if b.blocks.is_empty() {
        return Vec::new();
    }
    score(b);
    let Some(top) = best(b) else {
        return (0..b.blocks.len()).filter(|&i| keep_block(b, i)).collect();
    };
    let roots = with_siblings(b, top);
    let core = best_single(b);
    let mut inside = vec![false; b.els.len()];
    // Mark every element under a chosen root (parents precede children in the arena).
    for (i, el) in b.els.iter().enumerate() {
        if roots.contains(&(i as u32)) || (el.parent != NO_PARENT && inside[el.parent as usize]) {
            inside[i] = true;
        }
    }
    let mut junk = junk_elements(b, &inside);
    // The best-scoring container and its ancestors hold the article: never junk.
    let mut e = core.unwrap_or(NO_PARENT);
    while e != NO_PARENT {
        junk[e as usize] = false;
        e = b.els[e as usize].parent;
    }
    let kept: Vec<bool> = (0..b.blocks.len())
        .map(|i| {
            let owner = b.blocks[i].owner as usize;
            inside[owner] && !under_junk(b, owner, &junk, &roots) && keep_block(b, i)
        })
        .collect();
    // A heading only stays when the block right after it is kept: headings of teaser boxes
    // and comment sections lose the boxes they announced.
    (0..b.blocks.len())
        .filter(|&i| kept[i] && (b.blocks[i].kind != Kind::Heading || kept.get(i + 1).copied().unwrap_or(false)))
        .collect()
}

fn link_density(chars: u32, link: u32) -> f32 {
    if chars == 0 {
        0.0
    } else {
        link as f32 / chars as f32
    }
}

fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "section" => 5.0,
        "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn score(b: &mut Blocks) {
    let mut initialised = vec![false; b.els.len()];
    for bl in &b.blocks {
        if bl.chars < 25 || bl.kind == Kind::Heading {
            continue;
        }
        if link_density(bl.chars, bl.link_chars) > 0.5 {
            continue;
        }
        let commas = bl.text.chars().filter(|c| matches!(c, ',' | '،' | '，' | '、')).count() as f32;
        let s = 1.0 + commas + (bl.chars as f32 / 100.0).min(3.0);
        // The owner acts as the paragraph; credit its ancestors, less with each level.
        let mut e = b.els[bl.owner as usize].parent;
        let mut level = 0;
        while e != NO_PARENT && level < 5 {
            let el = &mut b.els[e as usize];
            if !initialised[e as usize] {
                initialised[e as usize] = true;
                el.score = tag_weight(el.tag) + el.class_weight + if el.article_hint { 25.0 } else { 0.0 };
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            el.score += s / div;
            e = el.parent;
            level += 1;
        }
    }
    for (i, el) in b.els.iter_mut().enumerate() {
        if initialised[i] {
            el.score *= 1.0 - link_density(el.chars, el.link_chars);
        }
    }
}

/// The element with the highest score.
fn best_single(b: &Blocks) -> Option<u32> {
    let mut top: Option<u32> = None;
    for (i, el) in b.els.iter().enumerate() {
        if el.score > 0.0 && top.is_none_or(|t| el.score > b.els[t as usize].score) {
            top = Some(i as u32);
        }
    }
    top
}

/// The best container: the top-scoring element, widened to wrappers around it.
fn best(b: &Blocks) -> Option<u32> {
    let mut top = best_single(b)?;
    // Climb while the parent holds much the same text (a wrapper) or scores close to the top.
    loop {
        let el = &b.els[top as usize];
        let p = el.parent;
        if p == NO_PARENT {
            break;
        }
        let parent = &b.els[p as usize];
        if matches!(parent.tag, "body" | "html") {
            break;
        }
        let wrapper = parent.chars as f32 <= el.chars as f32 * 1.15;
        if wrapper || parent.score >= el.score * 0.9 {
            top = p;
        } else {
            break;
        }
    }
    Some(top)
}

/// The top candidate plus siblings that carry content.
fn with_siblings(b: &Blocks, top: u32) -> Vec<u32> {
    let t = &b.els[top as usize];
    let parent = t.parent;
    if parent == NO_PARENT {
        return vec![top];
    }
    let threshold = (t.score * 0.2).max(10.0);
    // Elements whose blocks all sit directly in them (a paragraph-like element).
    let mut nested = vec![false; b.els.len()];
    let mut own_sentence = vec![false; b.els.len()];
    for bl in &b.blocks {
        let p = b.els[bl.owner as usize].parent;
        if p != NO_PARENT {
            nested[p as usize] = true;
        }
        if bl.text.contains(". ") || bl.text.ends_with('.') {
            own_sentence[bl.owner as usize] = true;
        }
    }
    let mut roots = Vec::new();
    for (i, el) in b.els.iter().enumerate() {
        if el.parent != parent {
            continue;
        }
        let i = i as u32;
        if i == top {
            roots.push(i);
            continue;
        }
        let ld = link_density(el.chars, el.link_chars);
        let own_text_para = el.tag == "p" || !nested[i as usize];
        let ok = el.score >= threshold && el.class_weight >= 0.0
            || (own_text_para && el.chars > 80 && ld < 0.25)
            || (own_text_para && el.chars > 0 && ld == 0.0 && el.class_weight >= 0.0 && own_sentence[i as usize]);
        if ok {
            roots.push(i);
        }
    }
    roots
}

/// Elements inside the article that are link lists or boxes of teasers.
fn junk_elements(b: &Blocks, inside: &[bool]) -> Vec<bool> {
    b.els
        .iter()
        .enumerate()
        .map(|(i, el)| {
            if !inside[i] || el.chars == 0 {
                return false;
            }
            let ld = link_density(el.chars, el.link_chars);
            match el.tag {
                "ul" | "ol" | "dl" => ld > 0.5,
                "div" | "section" | "table" | "aside" | "form" | "figure" => {
                    ld > 0.5 || (el.class_weight < 0.0 && ld > 0.2)
                }
                _ => false,
            }
        })
        .collect()
}

fn under_junk(b: &Blocks, owner: usize, junk: &[bool], roots: &[u32]) -> bool {
    let mut e = owner as u32;
    while e != NO_PARENT {
        // The chosen containers themselves are never junk.
        if roots.contains(&e) {
            return false;
        }
        if junk[e as usize] {
            return true;
        }
        e = b.els[e as usize].parent;
    }
    false
}

/// Single blocks that are mostly links and short (a "read more" link, a tag row).
fn keep_block(b: &Blocks, i: usize) -> bool {
    let bl = &b.blocks[i];
    let ld = link_density(bl.chars, bl.link_chars);
    if bl.chars <= 60 {
        let lower = bl.text.to_lowercase();
        if TEASER_STARTS.iter().any(|t| lower.starts_with(t)) {
            return false;
        }
    }
    !(ld > 0.6 && bl.chars < 200) || bl.kind == Kind::Heading && ld < 1.0
}

#[cfg(test)]
mod tests {
    use super::super::blocks::build;
    use super::*;
    use scraper::Html;

    fn article(html: &str) -> Vec<String> {
        let mut b = build(&Html::parse_document(html), true);
        select(&mut b).into_iter().map(|i| b.blocks[i].text.clone()).collect()
    }

    #[test]
    fn picks_the_dense_container_over_link_lists() {
        let html = r#"<body><div class="top"><a href="/a">Politics</a> <a href="/b">Sports, news</a></div>
            <div class="wrap"><div class="story">
              <p>The city council approved the budget on Tuesday, after a long debate, by seven votes to two.</p>
              <p>Opponents said the plan, which raises fees, would hurt small shops, cafes and markets.</p>
              <p>The mayor, who backed it, said the money would repair roads, bridges and schools.</p>
            </div>
            <div class="more"><ul><li><a href="/x">Another story about the council, budget, roads</a></li>
              <li><a href="/y">Yet another story, with many words in it, linked</a></li></ul></div></div>
            <div class="bottom">Imprint, contact, terms of use, and more</div></body>"#;
        let got = article(html);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].starts_with("The city council"));
        assert!(got[2].starts_with("The mayor"));
    }
}
