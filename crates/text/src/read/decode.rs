//! Bytes to text: BOM, declared charset (HTML `<meta>`, XML declaration), UTF-8, and a
//! Windows-1252 fallback for legacy news files; binary data is refused. It does not guess
//! arbitrary legacy encodings (Cyrillic, CJK) without a declaration: those are reported as
//! undecodable rather than turned into mojibake.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Why bytes could not become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeProblem {
    /// NUL bytes or many control characters.
    Binary,
    /// Not UTF-8, nothing declared, and not plausibly Windows-1252.
    Undecodable,
}

/// Which kind of declaration to look for in the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    /// No in-band declaration (plain text, JSONL).
    None,
    /// HTML `<meta charset>` / `http-equiv` (and an XML declaration, for XHTML).
    Html,
    /// XML declaration `<?xml ... encoding="..."?>`.
    Xml,
}

/// How many leading bytes the binary check and declaration scans look at.
const SNIFF: usize = 8192;
/// HTML pages put `<meta charset>` late surprisingly often (after big inline scripts).
const HTML_DECL_SCAN: usize = 32 * 1024;

/// True when the bytes look binary: a NUL byte, or more than 10% control characters other
/// than tab, line feed, form feed, carriage return and escape, in the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    controls * 10 > head.len()
}

/// Decode a whole document. UTF-8 wins whenever the bytes are valid UTF-8 (pages often
/// declare a charset they do not use); otherwise the BOM, then the declaration, then a
/// Windows-1252 guess.
pub fn decode(bytes: &[u8], declared: Declared) -> Result<Cow<'_, str>, DecodeProblem> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text);
    }
    if looks_binary(bytes) {
        return Err(DecodeProblem::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    let declared = match declared {
        Declared::None => None,
        Declared::Html => html_charset(&bytes[..bytes.len().min(HTML_DECL_SCAN)]).or_else(|| xml_encoding(bytes)),
        Declared::Xml => xml_encoding(bytes),
    };
    match declared {
        Some(enc) if enc != UTF_8 => return Ok(enc.decode_without_bom_handling(bytes).0),
        _ => {}
    }
    // UTF-8 with a few stray bytes (declared or not): keep it as UTF-8.
    if mostly_utf8(bytes) {
        return Ok(String::from_utf8_lossy(bytes));
    }
    if plausible_windows_1252(bytes) {
        return Ok(WINDOWS_1252.decode_without_bom_handling(bytes).0);
    }
    Err(DecodeProblem::Undecodable)
}

/// Valid multi-byte sequences outnumber invalid bytes at least 4 to 1.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                good += rest[..valid].iter().filter(|b| **b >= 0xC0).count();
                bad += 1;
                let skip = e.error_len().unwrap_or(rest.len() - valid);
                rest = &rest[valid + skip..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    good > 0 && good >= bad * 4
}

/// Windows-1252 news text: few high bytes (accented letters and smart punctuation in
/// mostly-ASCII text), none of the five unassigned code points, and high bytes next to
/// letters or spaces rather than in long runs (which would mean another encoding or noise).
fn plausible_windows_1252(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if high == 0 || high * 5 > bytes.len() {
        return false;
    }
    if bytes.iter().any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)) {
        return false;
    }
    // Runs of 3+ high bytes are rare in Western European text.
    let mut run = 0;
    let mut long_runs = 0;
    for &b in bytes {
        if b >= 0x80 {
            run += 1;
            if run == 3 {
                long_runs += 1;
            }
        } else {
            run = 0;
        }
    }
    long_runs * 20 <= high
}

/// The charset of `<meta charset="...">` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">`. A page may declare several; the first one that names a
/// known encoding wins.
fn html_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + pos + b"charset".len();
        from = at;
        // Only inside a <meta ...> tag.
        let tag_start = lower[..at].iter().rposition(|&b| b == b'<');
        let Some(ts) = tag_start else { continue };
        if !lower[ts..].starts_with(b"<meta") {
            continue;
        }
        let rest = &lower[at..];
        let rest = skip_ws(rest);
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = skip_ws(rest);
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/')).unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            return Some(enc);
        }
    }
    None
}

/// The encoding named by an XML declaration at the start of the document.
fn xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let start = memchr::memmem::find(head, b"<?xml")?;
    let end = memchr::memmem::find(&head[start..], b"?>")? + start;
    let decl = &head[start..end];
    let pos = memchr::memmem::find(decl, b"encoding")? + b"encoding".len();
    let rest = skip_ws(&decl[pos..]);
    let rest = skip_ws(rest.strip_prefix(b"=")?);
    let quote = *rest.first()?;
    let rest = &rest[1..];
    let end = rest.iter().position(|&b| b == quote)?;
    Encoding::for_label(&rest[..end])
}

fn skip_ws(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_borrowed() {
        let s = "Caf\u{e9} \u{201c}ok\u{201d}".as_bytes();
        assert!(matches!(decode(s, Declared::None), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn windows_1252_smart_quotes_and_accents() {
        let bytes = b"The caf\xe9 owner said \x93we are open\x94 on Monday \x96 as usual.";
        let text = decode(bytes, Declared::None).unwrap();
        assert_eq!(text, "The caf\u{e9} owner said \u{201c}we are open\u{201d} on Monday \u{2013} as usual.");
    }

    #[test]
    fn declared_latin1_in_html_meta() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Z\xfcrich</p></body></html>";
        let text = decode(bytes, Declared::Html).unwrap();
        assert!(text.contains("Z\u{fc}rich"));
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcc\xee\xf1\xea\xe2\xe0</p>";
        assert!(decode(bytes, Declared::Html).unwrap().contains("\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}"));
    }

    #[test]
    fn xml_declaration_and_bom() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>S\xe3o Paulo</title></rss>";
        assert!(decode(bytes, Declared::Xml).unwrap().contains("S\u{e3}o Paulo"));
        let bytes = b"\xef\xbb\xbfHello";
        assert_eq!(decode(bytes, Declared::None).unwrap(), "Hello");
        let utf16: Vec<u8> = [0xFF, 0xFE, b'H', 0, b'i', 0].to_vec();
        assert_eq!(decode(&utf16, Declared::None).unwrap(), "Hi");
    }

    #[test]
    fn binary_and_garbage_refused() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00binary", Declared::None), Err(DecodeProblem::Binary));
        let garbage: Vec<u8> = (0..400u32).map(|i| 0x80 + ((i * 37 + 11) % 0x7f) as u8).collect();
        assert_eq!(decode(&garbage, Declared::None), Err(DecodeProblem::Undecodable));
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes = "Gr\u{fc}\u{df}e aus K\u{f6}ln, sch\u{f6}n und gr\u{fc}n. ".repeat(3).into_bytes();
        bytes.push(0xE9);
        let text = decode(&bytes, Declared::None).unwrap();
        assert!(text.contains("K\u{f6}ln"));
    }
}
