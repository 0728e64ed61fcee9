//! Amounts: numbers with what they count, normalised.
//!
//! [`AmountTagger`] fills `Doc::amounts` with numbers written in digits or words ("926,000",
//! "1.5bn", "300 million", "two", "a dozen", "tens of thousands"), money with its ISO 4217
//! currency ("$4.2 billion" → 4200000000 USD, "£3m", "1 trillion rubles"), percentages
//! (unit `percent`), ranges ("between 200 and 300", "5-10": `value` and `high`),
//! approximation qualifiers ("about", "more than", "nearly" in `qualifier`) and the counted
//! noun as the unit ("300 million unique visitors" → "unique visitors"), with what a rate is
//! counted per ("25.9 new cases per 100,000 people" → "new cases per 100,000 people").
//!
//! The unit rule: the words after the number up to the first function word, verb-like word
//! or punctuation (at most four), minus capitalised modifiers in front of a lowercase noun
//! ("two Russian cities" → "cities"); with POS tags, only adjective and noun tags are taken
//! (participles too when a noun follows; two plural nouns joined by "and": "50 countries
//! and territories"). Scales and units may be joined by hyphens ("$23-million",
//! "1.2-billion-yuan", "a 20-mile line").
//! A fraction of a group is a share: "more than half the inmates" → 0.5 inmates,
//! "two-thirds of voters" → 0.667 voters (not of a name, and nothing without a group).
//! Ages are amounts in years, months, weeks or days ("a 45-year-old" → 45, unit "years
//! old"; "aged 45"), not counts of the noun after them. Numbers inside time expressions
//! (run [`crate::time::TimeTagger`] first), ordinals, model and list numbers ("Boeing 737",
//! "No. 1") and clock times are not amounts. This module does not convert units or
//! currencies.

mod tables;

use newsgraph_core::{Amount, Doc, Span, Stage};

use crate::time::lexicon::{Key, Lex, Unit};
use crate::time::words::{Kind, Scan};
use tables::{abbreviation, DOLLAR_PREFIXES, NAMES, QUALIFIERS, STOP, SYMBOLS, VAGUE};

/// The amount tagger stage (stateless; tables are static).
#[derive(Debug, Default, Clone)]
pub struct AmountTagger;

impl AmountTagger {
    /// A tagger.
    pub fn new() -> Self {
        AmountTagger
    }

    /// Tag `text`, skipping numbers inside `times` (byte spans, sorted).
    pub fn tag_text(&self, text: &str, times: &[Span]) -> Vec<Amount> {
        let scan = Scan::new(text);
        Finder {
            s: &scan,
            xpos: None,
        }
        .run(times)
    }
}

impl Stage for AmountTagger {
    fn name(&self) -> &'static str {
        "amounts"
    }

    fn process(&self, doc: &mut Doc) {
        let scan = Scan::new(&doc.text);
        let xpos = crate::time::aligned_xpos(doc, &scan);
        let mut times: Vec<Span> = doc.times.iter().map(|t| t.span).collect();
        times.sort();
        doc.amounts = Finder {
            s: &scan,
            xpos: xpos.as_deref(),
        }
        .run(&times);
    }
}

struct Finder<'a> {
    s: &'a Scan<'a>,
    xpos: Option<&'a [&'static str]>,
}

/// A parsed number: token end, value, and whether a scale word or suffix was seen.
struct Num {
    end: usize,
    value: f64,
    scaled: bool,
}

impl<'a> Finder<'a> {
    fn run(&self, times: &[Span]) -> Vec<Amount> {
        let s = self.s;
        let n = s.toks.len();
        let mut out = Vec::new();
        let mut ti = 0;
        let mut i = 0;
        while i < n {
            let t = s.toks[i];
            while ti < times.len() && times[ti].end <= t.start {
                ti += 1;
            }
            let in_time =
                |a: u32, b: u32| ti < times.len() && times[ti].start < b && a < times[ti].end;
            if in_time(t.start, t.end) {
                i += 1;
                continue;
            }
            // Cheap filter: amounts start with a digit, a number word, a symbol or a qualifier.
            let next_num = s.toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num);
            let cand = match (t.kind, t.lex) {
                (Kind::Num, _) => true,
                (_, Lex::Num(_) | Lex::Key(Key::Approx) | Lex::Key(Key::AmountCue)) => true,
                (_, Lex::Key(Key::A)) => {
                    matches!(s.lex(i + 1), Lex::Num(12) | Lex::Scale(_)) || s.is(i + 1, "estimated")
                }
                (Kind::Punct, _) => next_num && SYMBOLS.iter().any(|(sym, _)| *sym == s.raw(i)),
                (Kind::Word, _) => {
                    t.cap
                        && ((s.raw(i + 1) == "$" && s.glued(i + 1))
                            || (t.end - t.start == 3 && next_num)
                            || abbreviation(s.raw(i)).is_some())
                }
            } || self.fraction(i).is_some();
            if cand {
                if let Some((end, a)) = self.amount_at(i) {
                    if !in_time(a.span.start, a.span.end) {
                        out.push(a);
                        i = end;
                        continue;
                    }
                }
            }
            i += 1;
        }
        out
    }

    fn amount_at(&self, i: usize) -> Option<(usize, Amount)> {
        let s = self.s;
        let start = i;
        let mut j = i;
        // Qualifier
        let mut qualifier = None;
        for q in QUALIFIERS {
            if q.iter().enumerate().all(|(k, w)| s.is(j + k, w)) {
                qualifier = Some(q.join(" "));
                j += q.len();
                break;
            }
        }
        if let Some((value, e)) = self.fraction(j) {
            return self.share(start, e, value, qualifier);
        }
        let mut range_between = false;
        if qualifier.is_none() && s.is(j, "between") {
            range_between = true;
            j += 1;
        }
        // Currency before the number
        let mut currency = self.currency_prefix(j).map(|(c, e)| {
            j = e;
            c
        });
        let first = self.number(j)?;
        if qualifier.is_none() && !range_between && currency.is_none() && j != i {
            return None;
        }
        if let Some((first_tok, end, unit)) = self.age(j, &first) {
            let span = Span { start: s.toks[first_tok.min(start)].start, end: s.toks[end - 1].end };
            return Some((end, Amount { span, value: first.value, high: None, unit: Some(unit), currency: None, qualifier }));
        }
        if self.excluded(j, &first) {
            return None;
        }
        let mut value = first.value;
        let mut high = None;
        let mut k = first.end;
        let mut vague_of = false;
        // Vague magnitude: "tens of thousands", "hundreds of"
        if let Some(v) = VAGUE.iter().find(|(w, _)| s.is(j, w)).map(|x| x.1) {
            let _ = v;
            vague_of = true;
        }
        // Range
        let sep = s.low(k);
        if (range_between && sep == "and")
            || (!range_between
                && (sep == "to" || (sep == "-" && s.glued(k) && s.glued(k + 1)) || sep == "–"))
        {
            let mut k2 = k + 1;
            if currency.is_some() {
                if let Some((_, e)) = self.currency_prefix(k2) {
                    k2 = e;
                }
            }
            if let Some(second) = self.number(k2) {
                if second.value >= value || second.scaled {
                    let mut lo = value;
                    if second.scaled && !first.scaled && second.value > 0.0 {
                        // "$1-2 billion": the scale applies to both ends.
                        let scale = scale_of(second.value, self.s, k2);
                        lo *= scale;
                    }
                    value = lo;
                    high = Some(second.value);
                    k = second.end;
                }
            }
        } else if range_between {
            return None;
        }
        // "500-metre", "a 20-mile line", "1.2-billion-yuan": the unit joined by a hyphen.
        if high.is_none() && s.raw(k) == "-" && s.glued(k) && s.glued(k + 1) && s.toks.get(k + 1).is_some_and(|t| t.kind == Kind::Word) {
            k += 1;
        }
        // Currency or percent after the number
        let mut unit: Option<String> = None;
        let after = s.low(k);
        if after == "%"
            || after == "percent"
            || after == "pct"
            || (after == "per" && s.is(k + 1, "cent"))
        {
            k += if after == "per" { 2 } else { 1 };
            if s.is(k, "percentage") && s.is(k + 1, "points") {
                k += 2;
            }
            unit = Some("percent".into());
        } else if matches!(after, "°" | "º") {
            // "1.43°C", "95 °F", "a 45° angle": the degree sign and its scale letter.
            k += 1;
            let scale = s.raw(k);
            if s.glued(k) && matches!(scale, "C" | "F" | "K") {
                k += 1;
                unit = Some(format!("°{scale}"));
            } else {
                unit = Some("°".into());
            }
        } else if after == "percentage" && s.is(k + 1, "point") | s.is(k + 1, "points") {
            k += 2;
            unit = Some("percentage points".into());
        } else if let Some(code) = NAMES.iter().find(|(w, _)| *w == after).map(|x| x.1) {
            if currency.is_none() && (after != "pounds" || self.money_context(k)) {
                currency = Some(code.to_string());
                k += 1;
                if s.is(k, "sterling") {
                    k += 1;
                }
            }
        }
        // "millions of dollars"
        if unit.is_none() && currency.is_none() && vague_of && s.is(k, "of") {
            if let Some(code) = NAMES
                .iter()
                .find(|(w, _)| *w == s.low(k + 1) && w.len() > 3)
                .map(|x| x.1)
            {
                currency = Some(code.to_string());
                k += 2;
            }
        }
        if unit.is_none() && currency.is_none() {
            let mut u = k;
            if (vague_of || matches!(s.low(k), "of")) && s.is(k, "of") && (vague_of || first.scaled)
            {
                u = k + 1;
            }
            // "13 other states": the noun after "other" is what is counted.
            if s.is(u, "other") && self.counted_noun(u + 1).is_some() {
                u += 1;
            }
            if let Some((words_end, mut text)) = self.counted_noun(u) {
                k = words_end;
                // A rate: "25.9 new cases per 100,000 people", "3 beds per 1,000 residents".
                if s.is(k, "per") {
                    let per_number = |j: usize| !s.raw(j).is_empty() && s.raw(j).bytes().all(|b| b.is_ascii_digit() || b == b',');
                    let j = if per_number(k + 1) { k + 2 } else { k + 1 };
                    if let Some((end, per)) = self.counted_noun(j) {
                        let number = if j == k + 2 { format!("{} ", s.raw(k + 1)) } else { String::new() };
                        text = format!("{text} per {number}{per}");
                        k = end;
                    }
                }
                unit = Some(text);
            }
        }
        // Bare "one" or a bare small number word without a unit is too often a pronoun
        // or part of an idiom.
        if unit.is_none() && currency.is_none() && s.toks[j].kind == Kind::Word && !first.scaled {
            return None;
        }
        let span = Span {
            start: s.toks[start].start,
            end: s.toks[k - 1].end,
        };
        let qualifier = qualifier.or_else(|| vague_of.then(|| s.low(j).to_string() + " of"));
        Some((
            k,
            Amount {
                span,
                value,
                high,
                unit,
                currency,
                qualifier,
            },
        ))
    }

    fn money_context(&self, k: usize) -> bool {
        // "pounds" is money after a scale word or before "sterling"; weight otherwise.
        let s = self.s;
        s.is(k + 1, "sterling") || (k > 0 && matches!(s.lex(k - 1), Lex::Scale(_)))
    }

    /// A currency written before the number: "$", "US$", "£", "USD", "Rs.".
    fn currency_prefix(&self, j: usize) -> Option<(String, usize)> {
        let s = self.s;
        let raw = s.raw(j);
        if let Some(code) = DOLLAR_PREFIXES.iter().find(|(p, _)| *p == raw).map(|x| x.1) {
            if s.raw(j + 1) == "$" && s.glued(j + 1) {
                return Some((code.to_string(), j + 2));
            }
        }
        if let Some(code) = SYMBOLS.iter().find(|(p, _)| *p == raw).map(|x| x.1) {
            return Some((code.to_string(), j + 1));
        }
        if let Some(code) = abbreviation(raw) {
            // "Rs." may come as one token or two.
            let num = if s.raw(j + 1) == "." { j + 2 } else { j + 1 };
            if s.toks.get(num).is_some_and(|t| t.kind == Kind::Num) {
                return Some((code.to_string(), num));
            }
        }
        if raw.len() == 3
            && raw.bytes().all(|b| b.is_ascii_uppercase())
            && s.toks.get(j + 1).is_some_and(|t| t.kind == Kind::Num)
        {
            if let Some(code) = NAMES
                .iter()
                .find(|(w, _)| w.len() == 3 && *w == s.low(j))
                .map(|x| x.1)
            {
                return Some((code.to_string(), j + 1));
            }
        }
        None
    }

    /// A number at `j`: digits with an optional scale ("4.2 billion", "1.5bn", "3m"), number
    /// words ("twenty-five", "three hundred", "a dozen"), vague magnitudes ("tens of
    /// thousands").
    fn number(&self, j: usize) -> Option<Num> {
        let s = self.s;
        let t = *s.toks.get(j)?;
        let (mut value, mut end) = match (t.kind, t.lex) {
            (Kind::Num, _) => {
                let raw = s.raw(j);
                // "1,000" grouping: every group after the first has three digits.
                if raw.contains(',')
                    && raw
                        .split(',')
                        .skip(1)
                        .any(|g| g.len() != 3 && !g.contains('.'))
                {
                    return None;
                }
                (crate::time::words::num_value(raw)?, j + 1)
            }
            (_, Lex::Num(n)) => {
                let (v, e) = words_number(s, j, n)?;
                (v, e)
            }
            (_, Lex::Key(Key::A)) => match s.lex(j + 1) {
                Lex::Num(12) => (12.0, j + 2),
                Lex::Scale(sc) if s.low(j + 1).len() > 2 => (sc as f64, j + 2),
                _ => return None,
            },
            _ => {
                let w = s.low(j);
                let base = VAGUE.iter().find(|(v, _)| *v == w)?.1;
                // "tens of thousands", "hundreds of millions"
                if s.is(j + 1, "of") {
                    if let Some(next) = VAGUE.iter().find(|(v, _)| *v == s.low(j + 2)).map(|x| x.1)
                    {
                        if next >= 1e3 {
                            return Some(Num {
                                end: j + 3,
                                value: base * next,
                                scaled: true,
                            });
                        }
                    }
                    if base < 12.0 || !s.toks.get(j + 2).is_some_and(|t| t.kind == Kind::Word) {
                        return None;
                    }
                    return Some(Num {
                        end: j + 1,
                        value: base,
                        scaled: true,
                    });
                }
                return None;
            }
        };
        let mut scaled = false;
        // "$23-million", "1.2-billion-yuan": a scale word joined by a hyphen.
        if s.raw(end) == "-" && s.glued(end) && s.glued(end + 1) && s.low(end + 1).len() > 3 && matches!(s.lex(end + 1), Lex::Scale(_)) {
            end += 1;
        }
        // Scale: glued suffix ("1.5bn", "3m") or a following scale word.
        while let Lex::Scale(sc) = s.lex(end) {
            // Short scales ("m", "bn", "k") only when glued: "3m", "1.5bn"; "3 m" may be metres.
            if s.low(end).len() <= 3 && !s.glued(end) {
                break;
            }
            value *= sc as f64;
            scaled = true;
            end += 1;
        }
        Some(Num { end, value, scaled })
    }

    /// Numbers that are not amounts: ordinals, ages, model names, clock times, list numbers.
    fn excluded(&self, j: usize, num: &Num) -> bool {
        let s = self.s;
        let t = s.toks[j];
        let next = s.low(num.end);
        if t.kind == Kind::Num {
            // "3rd", "G7", "F-16", "COVID-19", "3:30"
            if matches!(next, "st" | "nd" | "rd" | "th") && s.glued(num.end) {
                return true;
            }
            if j > 0 && s.glued(j) {
                let p = s.raw(j - 1);
                if s.toks[j - 1].kind == Kind::Word && !s.lex(j - 1).eq(&Lex::Key(Key::A)) {
                    return true;
                }
                if matches!(p, "-" | "/" | ":" | "#" | ".")
                    && j >= 2
                    && s.toks[j - 2].kind != Kind::Punct
                {
                    return true;
                }
            }
            if matches!(next, ":" | "/") && s.glued(num.end) {
                return true;
            }
            // "Boeing 737", "Article 5", "No. 1"
            if j > 0
                && s.toks[j - 1].kind == Kind::Word
                && s.toks[j - 1].cap
                && s.same_sent(j - 1, j)
                && !matches!(s.lex(j - 1), Lex::Month(_) | Lex::Key(_))
                && j != 1
                && s.same_sent(j - 2, j - 1)
                && !STOP.contains(&s.low(j - 1))
                && !matches!(s.low(j - 1), "between" | "exactly")
                && abbreviation(s.raw(j - 1)).is_none()
                && !num.scaled
            {
                return true;
            }
            if j > 0 && s.raw(j - 1) == "." && j >= 2 && s.is(j - 2, "no") {
                return true;
            }
        }
        // "ages 55 to 65": a range of ages is left alone.
        j > 0 && s.low(j - 1) == "ages"
    }

    /// An age: "aged 45", "age 45", "a 45-year-old", "45 years old", "a three-month-old":
    /// (first token, end token, unit "years old" / "months old" / …). An age is an amount of
    /// its own: the number of years, not a count of the noun after it.
    fn age(&self, j: usize, num: &Num) -> Option<(usize, usize, String)> {
        let s = self.s;
        if j > 0 && matches!(s.low(j - 1), "aged" | "age") && s.same_sent(j - 1, j) {
            return Some((j - 1, num.end, "years old".into()));
        }
        let unit = |k: usize| match s.lex(k) {
            Lex::Unit(Unit::Year, _) => Some("years old"),
            Lex::Unit(Unit::Month, _) => Some("months old"),
            Lex::Unit(Unit::Week, _) => Some("weeks old"),
            Lex::Unit(Unit::Day, _) => Some("days old"),
            _ => None,
        };
        if s.hyphen(num.end) && s.hyphen(num.end + 2) && s.is(num.end + 3, "old") {
            return unit(num.end + 1).map(|u| (j, num.end + 4, u.to_string()));
        }
        if s.is(num.end + 1, "old") {
            return unit(num.end).map(|u| (j, num.end + 2, u.to_string()));
        }
        None
    }

    /// The counted noun phrase starting at `u`: (end token, unit text).
    /// A fraction word at `j`: "half", "a third", "two-thirds", "three quarters" (value,
    /// end).
    fn fraction(&self, j: usize) -> Option<(f64, usize)> {
        let s = self.s;
        if s.is(j, "half") {
            return Some((0.5, j + 1));
        }
        let numerator = match s.low(j) {
            "a" | "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            _ => return None,
        };
        let mut k = j + 1;
        if s.raw(k) == "-" && s.glued(k) && s.glued(k + 1) {
            k += 1;
        }
        let denominator = match s.low(k) {
            "third" | "thirds" => 3.0,
            "quarter" | "quarters" => 4.0,
            "fifth" | "fifths" => 5.0,
            _ => return None,
        };
        (numerator < denominator).then_some((numerator / denominator, k + 1))
    }

    /// "more than half the inmates", "two-thirds of voters", "a third of the staff": a
    /// fraction of the group named after it (the value is the share, the unit the group).
    /// Without a group there is no amount ("the first half", "two-thirds" alone).
    fn share(&self, start: usize, e: usize, value: f64, qualifier: Option<String>) -> Option<(usize, Amount)> {
        let s = self.s;
        let mut u = e;
        if s.is(u, "of") {
            u += 1;
        }
        if matches!(s.low(u), "the" | "its" | "their" | "his" | "her" | "these" | "those" | "all") {
            u += 1;
        }
        let (end, unit) = self.counted_noun(u)?;
        // A share of a named one is no count ("half of Donald Trump's supporters", "half of
        // Oz"); a plural name is a group ("half of Americans").
        let named = (u..end).any(|k| s.toks[k].cap) && !(end == u + 1 && unit.ends_with('s'));
        if named {
            return None;
        }
        let span = Span { start: s.toks[start].start, end: s.toks[end - 1].end };
        Some((end, Amount { span, value, high: None, unit: Some(unit), currency: None, qualifier }))
    }

    fn counted_noun(&self, u: usize) -> Option<(usize, String)> {
        let s = self.s;
        let mut k = u;
        let mut words: Vec<usize> = Vec::new();
        while k < s.toks.len() && words.len() < 4 && s.same_sent(u, k) {
            let t = s.toks[k];
            if t.kind != Kind::Word {
                // "state-run", "long-range": hyphenated modifiers stay inside.
                if s.hyphen(k)
                    && !words.is_empty()
                    && s.toks.get(k + 1).is_some_and(|n| n.kind == Kind::Word)
                {
                    k += 1;
                    continue;
                }
                break;
            }
            if k > u && t.space_before && !words.is_empty() && !s.glued(k) && s.hyphen(k - 1) {
                // already handled
            }
            let w = s.low(k);
            // "50 countries and territories": two plural nouns joined by "and" are one unit
            // (with tags only, to tell them from "5 people and their dogs").
            if w == "and" && words.len() == 1 {
                if let Some(tags) = self.xpos {
                    let plural = |i: usize| tags.get(i).copied() == Some("NNS");
                    if plural(k - 1) && plural(k + 1) && s.same_sent(k, k + 1) {
                        words.push(k);
                        k += 1;
                        continue;
                    }
                }
            }
            // "terawatt hours", "kilowatt-hours": a time unit after a power unit is an
            // energy unit.
            let energy = matches!(t.lex, Lex::Unit(..)) && words.last().is_some_and(|&p| crate::time::lexicon::is_power_unit(s.low(p)));
            if !energy && STOP.contains(&w)
                || !energy && matches!(
                    t.lex,
                    Lex::Num(_)
                        | Lex::Scale(_)
                        | Lex::Month(_)
                        | Lex::Weekday(..)
                        | Lex::DayPart(_)
                        | Lex::Unit(..)
                )
                || !energy && matches!(t.lex, Lex::Key(Key::Deictic | Key::Ref))
            {
                break;
            }
            if let Some(&prev) = words.last() {
                let pw = s.low(prev);
                // A participle after a plural noun starts a new clause ("papers ranging"),
                // a name after a participle a new phrase ("supporting Donald Trump").
                if self.xpos.is_none()
                    && w.ends_with("ing")
                    && w.len() > 5
                    && pw.ends_with('s')
                    && !pw.ends_with("ss")
                {
                    break;
                }
                if t.cap && pw.ends_with("ing") {
                    break;
                }
            }
            if let Some(tags) = self.xpos {
                let tag = tags.get(k).copied().unwrap_or("_");
                if !matches!(
                    tag,
                    // A participle stays when a noun follows ("30,000 contracted teaching
                    // staff"): trailing non-nouns are trimmed below.
                    "NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "JJR" | "VBG" | "VBN" | "HYPH"
                ) {
                    break;
                }
            } else if crate::time::tense::PAST_WORDS.contains(&w) {
                break;
            } else if w.len() > 4 && (w.ends_with("ed") || w.ends_with("ly")) && !t.cap {
                // A participle is an adjective when a noun follows ("two armed suspects"),
                // a verb otherwise ("two planes landed").
                let next = s.toks.get(k + 1);
                let nw = s.low(k + 1);
                let noun_follows = next
                    .is_some_and(|n| n.kind == Kind::Word && !n.cap && s.same_sent(k, k + 1))
                    && !STOP.contains(&nw)
                    && !nw.ends_with("ed")
                    && !nw.ends_with("ly")
                    && !crate::time::tense::PAST_WORDS.contains(&nw);
                if !noun_follows || w.ends_with("ly") {
                    break;
                }
            }
            words.push(k);
            k += 1;
        }
        // The phrase ends at its last noun-like word: trim trailing words that the tagger says
        // are adjectives or gerunds.
        if let Some(tags) = self.xpos {
            while let Some(&last) = words.last() {
                if matches!(
                    tags.get(last).copied().unwrap_or("_"),
                    "NN" | "NNS" | "NNPS" | "NNP"
                ) {
                    break;
                }
                words.pop();
            }
        }
        let &last = words.last()?;
        // Drop capitalised modifiers before a lowercase head ("Russian cities" → "cities").
        let mut first = 0;
        while first + 1 < words.len() && s.toks[words[first]].cap && !s.toks[words[first + 1]].cap {
            first += 1;
        }
        while first + 1 < words.len() && s.toks[words[first]].cap {
            first += 1;
        }
        let a = s.toks[words[first]].start as usize;
        let b = s.toks[last].end as usize;
        Some((last + 1, s.text[a..b].to_string()))
    }
}

/// The scale multiplier a number carries ("2 billion" → 1e9), for ranges like "$1-2 billion".
fn scale_of(_value: f64, s: &Scan, k: usize) -> f64 {
    let mut m = 1.0;
    let mut e = k + 1;
    while let Lex::Scale(sc) = s.lex(e) {
        m *= sc as f64;
        e += 1;
    }
    m
}

/// Number words: "two", "twenty-five", "three hundred", "two million".
fn words_number(s: &Scan, j: usize, n: u32) -> Option<(f64, usize)> {
    let mut v = n as f64;
    let mut e = j + 1;
    if (20..100).contains(&n) && n.is_multiple_of(10) {
        let k = if s.hyphen(e) { e + 1 } else { e };
        if let Lex::Num(u @ 1..=9) = s.lex(k) {
            v += u as f64;
            e = k + 1;
        }
    }
    if s.is(j, "dozen") {
        return None;
    }
    if let Lex::Scale(100) = s.lex(e) {
        v *= 100.0;
        e += 1;
        let k = if s.is(e, "and") { e + 1 } else { e };
        if let Lex::Num(t) = s.lex(k) {
            if t < 100 && !s.is(k, "dozen") {
                let (add, e2) = words_number(s, k, t)?;
                if add < 100.0 {
                    v += add;
                    e = e2;
                }
            }
        }
    }
    Some((v, e))
}

#[cfg(test)]
mod tests;
