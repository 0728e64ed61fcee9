//! Render a text with overlapping highlighted spans as properly nested HTML. Spans are given
//! in code points (the analysis offsets); a span that crosses the end of an enclosing one is
//! closed and reopened around it, and only its first fragment carries the anchor `id`. All
//! text is escaped; the tags come from the caller (built by this crate, never from input).
//! It does not decide what to highlight: `layers` does.

use std::collections::BTreeSet;

use crate::html::esc_into;

/// A highlighted span.
#[derive(Debug, Clone)]
pub struct Mark {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Element name (`span`, `a`).
    pub tag: &'static str,
    /// Attributes after the element name, already escaped (`class="x" title="y"`), without `id`.
    pub attrs: String,
    /// Anchor id put on the first fragment only.
    pub id: Option<String>,
}

/// `text` with `marks` applied, escaped. Marks out of range or empty are ignored.
pub fn render(text: &str, marks: &[Mark]) -> String {
    // Byte offset of each code point, plus the end.
    let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let n = bytes.len() - 1;
    let mut order: Vec<usize> = (0..marks.len()).filter(|&i| marks[i].start < marks[i].end && marks[i].end <= n).collect();
    // Outer marks first at the same start, so they enclose the inner ones.
    order.sort_by(|&a, &b| marks[a].start.cmp(&marks[b].start).then(marks[b].end.cmp(&marks[a].end)).then(a.cmp(&b)));
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, n]);
    for &i in &order {
        cuts.insert(marks[i].start);
        cuts.insert(marks[i].end);
    }
    let mut out = String::with_capacity(text.len() * 2 + marks.len() * 48);
    let mut stack: Vec<usize> = Vec::new();
    let mut opened = vec![false; marks.len()];
    let mut next = 0; // index into `order`
    let cuts: Vec<usize> = cuts.into_iter().collect();
    for (k, &pos) in cuts.iter().enumerate() {
        // Close what ends here; marks above it that go on are closed and reopened.
        if let Some(low) = stack.iter().position(|&m| marks[m].end == pos) {
            let popped: Vec<usize> = stack.drain(low..).collect();
            for &m in popped.iter().rev() {
                close(&mut out, &marks[m]);
            }
            for m in popped.into_iter().filter(|&m| marks[m].end > pos) {
                open(&mut out, &marks[m], &mut opened[m]);
                stack.push(m);
            }
        }
        while next < order.len() && marks[order[next]].start == pos {
            let m = order[next];
            open(&mut out, &marks[m], &mut opened[m]);
            stack.push(m);
            next += 1;
        }
        if let Some(&to) = cuts.get(k + 1) {
            esc_into(&mut out, &text[bytes[pos]..bytes[to]]);
        }
    }
    for &m in stack.iter().rev() {
        close(&mut out, &marks[m]);
    }
    out
}

fn open(out: &mut String, m: &Mark, opened: &mut bool) {
    out.push('<');
    out.push_str(m.tag);
    if let (false, Some(id)) = (*opened, &m.id) {
        out.push_str(" id=\"");
        esc_into(out, id);
        out.push('"');
    }
    if !m.attrs.is_empty() {
        out.push(' ');
        out.push_str(&m.attrs);
    }
    out.push('>');
    *opened = true;
}

fn close(out: &mut String, m: &Mark) {
    out.push_str("</");
    out.push_str(m.tag);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, class: &str, id: Option<&str>) -> Mark {
        Mark { start, end, tag: "span", attrs: format!("class=\"{class}\""), id: id.map(str::to_string) }
    }

    #[test]
    fn nested_marks_nest() {
        let html = render("Putin said hi", &[mark(0, 13, "q", Some("a1")), mark(0, 5, "e", None)]);
        assert_eq!(html, "<span id=\"a1\" class=\"q\"><span class=\"e\">Putin</span> said hi</span>");
    }

    #[test]
    fn crossing_marks_are_split_and_the_id_stays_on_the_first_fragment() {
        let html = render("abcdef", &[mark(0, 4, "x", Some("x1")), mark(2, 6, "y", Some("y1"))]);
        assert_eq!(
            html,
            "<span id=\"x1\" class=\"x\">ab<span id=\"y1\" class=\"y\">cd</span></span><span class=\"y\">ef</span>"
        );
    }

    #[test]
    fn text_is_escaped_and_offsets_are_code_points() {
        let html = render("é<script>x</script>", &[mark(0, 1, "e", None)]);
        assert_eq!(html, "<span class=\"e\">é</span>&lt;script&gt;x&lt;/script&gt;");
    }

    #[test]
    fn out_of_range_and_empty_marks_are_ignored() {
        assert_eq!(render("abc", &[mark(1, 9, "x", None), mark(2, 2, "y", None)]), "abc");
        assert_eq!(render("", &[]), "");
    }

    #[test]
    fn marks_ending_together_close_in_order() {
        let html = render("abc", &[mark(0, 3, "o", None), mark(1, 3, "i", None)]);
        assert_eq!(html, "<span class=\"o\">a<span class=\"i\">bc</span></span>");
    }
}
