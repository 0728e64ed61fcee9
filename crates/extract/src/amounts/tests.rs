//! Amount tagger tests.
use super::*;
use crate::time::TimeTagger;
use newsgraph_core::Meta;

/// Run times then amounts on `text` (published 2023-06-30).
fn amounts(
    text: &str,
) -> Vec<(
    String,
    f64,
    Option<f64>,
    Option<String>,
    Option<String>,
    Option<String>,
)> {
    let mut doc = Doc::new(
        Meta {
            published: Some("2023-06-30".into()),
            ..Meta::default()
        },
        text.to_string(),
    );
    TimeTagger::new().process(&mut doc);
    AmountTagger::new().process(&mut doc);
    doc.amounts
        .iter()
        .map(|a| {
            (
                a.span.text(&doc.text).to_string(),
                a.value,
                a.high,
                a.unit.clone(),
                a.currency.clone(),
                a.qualifier.clone(),
            )
        })
        .collect()
}

fn one(
    text: &str,
) -> (
    String,
    f64,
    Option<f64>,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    let all = amounts(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn counted_nouns() {
    let a = one("The traffic amounted to 300 million unique visitors.");
    assert_eq!(
        (a.0.as_str(), a.1, a.3),
        ("300 million unique visitors", 3e8, s("unique visitors"))
    );
    let a = one("They took control of facilities in two Russian cities, officials said.");
    assert_eq!(
        (a.0.as_str(), a.1, a.3),
        ("two Russian cities", 2.0, s("cities"))
    );
    let a = one("Imagery showed two planes linked to Prigozhin.");
    assert_eq!((a.0.as_str(), a.1, a.3), ("two planes", 2.0, s("planes")));
    let a = one("Police detained 926,000 protesters.");
    assert_eq!((a.1, a.3), (926000.0, s("protesters")));
    let a = one("A dozen state-run media outlets closed.");
    assert_eq!((a.1, a.3), (12.0, s("state-run media outlets")));
}

#[test]
fn money_and_percent() {
    let a = one("The firm raised $4.2 billion in debt.");
    assert_eq!(
        (a.0.as_str(), a.1, a.4.as_deref()),
        ("$4.2 billion", 4.2e9, Some("USD"))
    );
    let a = one("It paid £3m for the site.");
    assert_eq!((a.1, a.4.as_deref()), (3e6, Some("GBP")));
    let a = one("A fund of €1.2 billion was set up.");
    assert_eq!((a.1, a.4.as_deref()), (1.2e9, Some("EUR")));
    let a = one("The phone comes in at Rs 42,900 in India.");
    assert_eq!((a.0.as_str(), a.1, a.4.as_deref()), ("Rs 42,900", 42900.0, Some("INR")));
    let a = one("It costs Rs. 500 in Delhi.");
    assert_eq!((a.1, a.4.as_deref()), (500.0, Some("INR")));
    let a = one("Losses reached 1 trillion rubles.");
    assert_eq!((a.1, a.4.as_deref()), (1e12, Some("RUB")));
    let a = one("Revenue rose 1.5bn.");
    assert_eq!(a.1, 1.5e9);
    let a = one("Unemployment fell 1.57 percent.");
    assert_eq!((a.1, a.3.as_deref()), (1.57, Some("percent")));
    let a = one("Turnout was 40%.");
    assert_eq!(
        (a.0.as_str(), a.1, a.3.as_deref()),
        ("40%", 40.0, Some("percent"))
    );
    let a = one("The deal is worth US$5 million.");
    assert_eq!((a.1, a.4.as_deref()), (5e6, Some("USD")));
    // Scales and units joined by hyphens.
    let a = one("The 1.2-billion-yuan telescope opened.");
    assert_eq!((a.0.as_str(), a.1, a.4.as_deref()), ("1.2-billion-yuan", 1.2e9, Some("CNY")));
    let a = one("It cost $23-million to build.");
    assert_eq!((a.1, a.4.as_deref()), (2.3e7, Some("USD")));
    let a = one("They built a 20-mile line.");
    assert_eq!((a.0.as_str(), a.1, a.3.as_deref()), ("20-mile line", 20.0, Some("mile line")));
}

#[test]
fn ranges_and_qualifiers() {
    let a = one("Between 200 and 300 soldiers crossed.");
    assert_eq!(
        (a.1, a.2, a.3.as_deref()),
        (200.0, Some(300.0), Some("soldiers"))
    );
    let a = one("Each cost 5-10 dollars.");
    assert_eq!((a.1, a.2, a.4.as_deref()), (5.0, Some(10.0), Some("USD")));
    let a = one("It would cost $1-2 billion.");
    assert_eq!((a.1, a.2), (1e9, Some(2e9)));
    let a = one("About 300 people gathered.");
    assert_eq!((a.1, a.5.as_deref()), (300.0, Some("about")));
    let a = one("More than 1,000 people fled.");
    assert_eq!(
        (a.1, a.5.as_deref(), a.3.as_deref()),
        (1000.0, Some("more than"), Some("people"))
    );
    let a = one("At least 12 soldiers died.");
    assert_eq!((a.1, a.5.as_deref()), (12.0, Some("at least")));
    let a = one("Nearly 40 percent agreed.");
    assert_eq!(
        (a.1, a.5.as_deref(), a.3.as_deref()),
        (40.0, Some("nearly"), Some("percent"))
    );
    let a = one("They spent millions of dollars.");
    assert_eq!(
        (a.1, a.4.as_deref(), a.5.as_deref()),
        (1e6, Some("USD"), Some("millions of"))
    );
    let a = one("He read dozens of papers ranging from law to art.");
    assert_eq!((a.1, a.3.as_deref()), (12.0, Some("papers")));
    let a = one("Tens of thousands of people marched.");
    assert_eq!((a.1, a.3.as_deref()), (10000.0, Some("people")));
}

#[test]
fn ages_are_amounts_of_years() {
    let a = one("A 45-year-old man was arrested.");
    assert_eq!((a.0.as_str(), a.1, a.3), ("45-year-old", 45.0, s("years old")));
    let a = one("The suspect, aged 45, was arrested.");
    assert_eq!((a.0.as_str(), a.1, a.3), ("aged 45", 45.0, s("years old")));
    let a = one("Her baby is three months old.");
    assert_eq!((a.0.as_str(), a.1, a.3), ("three months old", 3.0, s("months old")));
}

#[test]
fn other_multipliers_and_energy_units() {
    let a = one("He visited 13 other states.");
    assert_eq!((a.0.as_str(), a.1, a.3), ("13 other states", 13.0, s("states")));
    let a = one("It used 300,000 times more computing power.");
    assert_eq!((a.1, a.3), (300000.0, s("times")));
    let a = one("The effort consumed 2.8 gigawatt-hours of electricity.");
    assert_eq!((a.0.as_str(), a.3), ("2.8 gigawatt-hours", s("gigawatt-hours")));
    // "hours" after a power unit is no time.
    let a = one("Data centres use 200 terawatt hours a year.");
    assert_eq!((a.0.as_str(), a.3), ("200 terawatt hours", s("terawatt hours")));
}

#[test]
fn not_amounts() {
    for text in [
        "It happened in 2021 and again on June 5.",
        "He finished 3rd in the race.",
        "He flew a Boeing 737 to Minsk.",
        "The meeting starts at 3 p.m. on Tuesday.",
        "The G7 met for two days.",
        "She is the first woman to do so.",
        "One of them left.",
    ] {
        assert!(amounts(text).is_empty(), "{text}: {:?}", amounts(text));
    }
}

#[test]
fn participles_and_pos_tags() {
    let a = one("Police arrested two armed suspects.");
    assert_eq!(
        (a.0.as_str(), a.3.as_deref()),
        ("two armed suspects", Some("armed suspects"))
    );
    let a = one("Two planes landed there.");
    assert_eq!(a.3.as_deref(), Some("planes"));
    // With tags, the phrase ends at its last noun: "visitors", not "visitors online".
    use newsgraph_core::{
        tagsets::{id_of, XPOS},
        Span, TokenTags,
    };
    let text = "Sites drew 300 million unique visitors online.";
    let mut doc = Doc::new(Meta::default(), text.into());
    doc.tokens = [
        (0, 5),
        (6, 10),
        (11, 14),
        (15, 22),
        (23, 29),
        (30, 38),
        (39, 45),
        (45, 46),
    ]
    .iter()
    .map(|&(a, b)| Span::new(a, b))
    .collect();
    let tags = ["NNS", "VBD", "CD", "CD", "JJ", "NNS", "RB", "."];
    doc.tags = tags
        .iter()
        .map(|t| TokenTags {
            xpos: id_of(&XPOS, t).unwrap(),
            ..TokenTags::default()
        })
        .collect();
    AmountTagger::new().process(&mut doc);
    assert_eq!(doc.amounts.len(), 1);
    assert_eq!(doc.amounts[0].unit.as_deref(), Some("unique visitors"));
    assert_eq!(doc.amounts[0].value, 3e8);
}

#[test]
fn two_plural_nouns_joined_by_and_are_one_unit_with_tags() {
    use newsgraph_core::{
        tagsets::{id_of, XPOS},
        Span, TokenTags,
    };
    let text = "There are 50 countries and territories.";
    let mut doc = Doc::new(Meta::default(), text.into());
    doc.tokens = [(0, 5), (6, 9), (10, 12), (13, 22), (23, 26), (27, 38), (38, 39)].iter().map(|&(a, b)| Span::new(a, b)).collect();
    let tags = ["EX", "VBP", "CD", "NNS", "CC", "NNS", "."];
    doc.tags = tags.iter().map(|t| TokenTags { xpos: id_of(&XPOS, t).unwrap(), ..TokenTags::default() }).collect();
    AmountTagger::new().process(&mut doc);
    assert_eq!(doc.amounts.len(), 1);
    assert_eq!(doc.amounts[0].unit.as_deref(), Some("countries and territories"));
}

#[test]
fn a_fraction_of_a_group_is_a_share() {
    let a = amounts("More than half the inmates were sick, and two-thirds of voters agreed.");
    assert_eq!(a.len(), 2, "{a:?}");
    assert_eq!((a[0].0.as_str(), a[0].1, a[0].3.as_deref(), a[0].5.as_deref()), ("More than half the inmates", 0.5, Some("inmates"), Some("more than")));
    assert_eq!((a[1].0.as_str(), a[1].3.as_deref()), ("two-thirds of voters", Some("voters")));
    assert!((a[1].1 - 2.0 / 3.0).abs() < 1e-9);
    // No group, a named one, or a time: no share (and "two-thirds" is never 2 thirds).
    for text in ["He paid two-thirds.", "Half of Oz voted.", "In the first half, he scored.", "It took half an hour."] {
        assert!(amounts(text).is_empty(), "{text}: {:?}", amounts(text));
    }
}

#[test]
fn a_rate_keeps_what_it_is_counted_per() {
    let got = amounts("The rate rose to 25.9 new cases per 100,000 people, with 3 beds per 1,000 residents.");
    let units: Vec<(String, Option<String>)> = got.into_iter().map(|a| (a.0, a.3)).collect();
    assert_eq!(
        units,
        [
            ("25.9 new cases per 100,000 people".to_string(), Some("new cases per 100,000 people".to_string())),
            ("3 beds per 1,000 residents".to_string(), Some("beds per 1,000 residents".to_string())),
        ]
    );
}

#[test]
fn temperatures_keep_the_degree_sign_and_scale() {
    let got = amounts("It warmed by 1.43°C, against a goal of 1.5 °C; Phoenix hit 95°F on a 45° slope.");
    let units: Vec<(String, f64, Option<String>)> = got.into_iter().map(|a| (a.0, a.1, a.3)).collect();
    assert_eq!(
        units,
        [
            ("1.43°C".to_string(), 1.43, s("°C")),
            ("1.5 °C".to_string(), 1.5, s("°C")),
            ("95°F".to_string(), 95.0, s("°F")),
            ("45°".to_string(), 45.0, s("°")),
        ]
    );
}
