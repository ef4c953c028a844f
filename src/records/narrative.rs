//! Figures stated in the 情况说明 sentences: totals ("收入总计2468.10万元"),
//! splits ("基本支出246.81万元"), 三公 and 机关运行经费, 政府采购, vehicles
//! ("共有车辆3辆"), per-function amounts with their codes
//! ("公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元" and the
//! "2026年预算安排…万元" restated after it), and stated percentages — shares
//! ("基本支出246.81万元，占10.00%") and changes ("执行数为A万元，…预算安排B万元，
//! 比…增加P%") — as claims for the checks.

use super::amount::{parse_amount, yuan_per_unit};
use super::facts::Fact;
use crate::segment::Section;
use regex::Regex;
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::OnceLock;

/// A percentage the text states, with the figures it is stated of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PercentClaim {
    /// "share" (part / whole) or "change" ((new − old) / old).
    pub kind: &'static str,
    #[serde(with = "rust_decimal::serde::str")]
    pub part: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub whole: Decimal,
    /// As printed, e.g. "3.94".
    pub printed: String,
    /// For changes: whether the text says it fell (减少 / 下降).
    pub decrease: bool,
    pub page: u32,
    pub text: String,
}

/// Words that make a sentence about a part of the budget.
const PART_WORDS: [&str; 11] = [
    "类）",
    "款）",
    "项）",
    "类)",
    "款)",
    "项)",
    "一般公共预算",
    "政府性基金",
    "财政拨款支出",
    "财政拨款收支",
    "国有资本",
];

/// Words that make the figure after them a change from last year.
const CHANGE_WORDS: [&str; 8] = [
    "增加", "减少", "增长", "下降", "降低", "增减", "压减", "节约",
];

/// An economic class named with its code: （303）, (505).
fn econ_class_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"[（(][35]0[0-9][）)]").expect("a valid pattern"))
}

/// Where the sentence holding `at` starts: after the last 。 before it.
fn sentence_start(text: &str, at: usize) -> usize {
    text[..at].rfind('。').map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    })
}

const NUM: &str = r"([0-9][0-9,]*(?:\.[0-9]+)?)[ \t\r\n]*(亿元|万元|元)";

fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("{NUM}", NUM)).expect("a valid pattern")
}

/// (fact key, pattern, words that must not come just before the match).
fn fact_patterns() -> &'static Vec<(&'static str, Regex, &'static [&'static str])> {
    static P: OnceLock<Vec<(&'static str, Regex, &'static [&'static str])>> = OnceLock::new();
    P.get_or_init(|| {
        let not_parts: &'static [&'static str] = &[
            "拨款", "事业", "经营", "其他", "补助", "上缴", "基金", "资本", "专户",
        ];
        let not_spending: &'static [&'static str] = &[
            "拨款",
            "基本",
            "项目",
            "经费",
            "公共预算",
            "基金",
            "资本",
            "采购",
        ];
        vec![
            ("income_total", re(r"收入总计(?:数|为|是)?{NUM}"), not_parts),
            // "收入预算X万元" states the whole income, carry-over included.
            ("income_total", re(r"收入预算(?:数|为|是)?{NUM}"), not_parts),
            (
                "income_current_year",
                re(r"收入合计(?:数|为|是)?{NUM}"),
                not_parts,
            ),
            (
                "expenditure_total",
                re(r"支出总计(?:数|为|是)?{NUM}"),
                not_spending,
            ),
            (
                "expenditure_total",
                re(r"支出预算(?:数|为|是)?{NUM}"),
                not_spending,
            ),
            (
                "expenditure_current_year",
                re(r"支出合计(?:数|为|是)?{NUM}"),
                not_spending,
            ),
            (
                "basic_expenditure",
                re(r"基本支出[^0-9，。；、]*?{NUM}"),
                &["公共预算", "拨款"],
            ),
            (
                "project_expenditure",
                re(r"项目支出[^0-9，。；、]*?{NUM}"),
                &["公共预算", "拨款"],
            ),
            (
                "personnel_expenditure",
                re(r"人员经费[^0-9，。；、]*?{NUM}"),
                &[],
            ),
            (
                "public_expenditure",
                re(r"公用经费[^0-9，。；、]*?{NUM}"),
                &[],
            ),
            (
                "three_public_total",
                re(r"“?三公”?经费[^0-9，。；、比]*?{NUM}"),
                &[],
            ),
            (
                "operating_costs",
                re(r"(?:机关运行经费|机构运转经费)[^0-9，。；、比]*?{NUM}"),
                &[],
            ),
            (
                "procurement_total",
                re(r"政府采购预算[^0-9，。；、比]*?{NUM}"),
                &[],
            ),
        ]
    })
}

fn function_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re(r"[（(]([0-9]{3})类[）)][^（(]*?[（(]([0-9]{2})款[）)][^（(]*?[（(]([0-9]{2})项[）)][ \t\r\n]*{NUM}"))
}

fn restated_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re(r"[0-9]{4}年(?:预算安排|预算数为|预算为){NUM}"))
}

fn change_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        re(r"执行数为{NUM}[^。]*?预算安排{NUM}[^。%]*?(增加|增长|减少|下降)([0-9]+(?:\.[0-9]+)?)%")
    })
}

fn share_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re(r"{NUM}[，,][ \t\r\n]*占(?:比)?([0-9]+(?:\.[0-9]+)?)%"))
}

fn amount_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re("{NUM}"))
}

fn vehicles_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"共有(?:车辆|公务用车)([0-9]+)辆").expect("a valid pattern"))
}

/// A section's text as one string: wrapped lines rejoined.
fn prose(section: &Section) -> String {
    section.text.replace('\n', "")
}

fn narrative_fact(key: String, printed: &str, unit: &str, page: u32, text: &str) -> Option<Fact> {
    let value = parse_amount(printed)?;
    Some(Fact {
        key,
        value,
        unit: Some(unit.to_string()),
        value_yuan: yuan_per_unit(unit).and_then(|k| value.checked_mul(k)),
        source: "narrative".to_string(),
        page,
        text: text.chars().take(120).collect(),
        printed: printed.to_string(),
        table: None,
        column: None,
    })
}

fn sentence_around(text: &str, start: usize) -> &str {
    let from = text[..start]
        .rfind(['。', '；'])
        .map_or(0, |i| i + '。'.len_utf8());
    let to = text[start..].find('。').map_or(text.len(), |i| start + i);
    &text[from..to]
}

/// The organisation a sentence is about, when it opens with one
/// ("市建筑工务署本级预算…", "…管理中心预算…").
fn subject_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^[^，。；：:,]{2,60}?(?:本级|中心|局|委员会|办公室|办公厅|院|所|站|队|馆|校|处|署|厅|部)(?:[（(][^）)]{1,20}[）)]|本级)?(?:[0-9]{4}年)?(?:部门)?预算")
            .expect("a valid pattern")
    })
}

/// A sentence about one of the department's units (its 本级, a centre),
/// not the department: its figures are the unit's. `entity` is the
/// document's own name, when known.
fn about_a_unit(sentence: &str, entity: Option<&str>) -> bool {
    let Some(m) = subject_re().find(sentence.trim_start()) else {
        return false;
    };
    let subject = m.as_str();
    if subject.contains("本级") {
        return true;
    }
    let name = subject
        .trim_end_matches("预算")
        .trim_end_matches("部门")
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '年');
    // The department's own sentence names it, or the tail of its name
    // ("市建筑工务署" for 深圳市建筑工务署); a longer or other name is a unit.
    entity.is_some_and(|e| !e.contains(name))
}

pub fn narrative_facts(
    sections: &[Section],
    entity: Option<&str>,
) -> (Vec<Fact>, Vec<PercentClaim>) {
    narrative_facts_until(sections, entity, &|| true).unwrap_or_default()
}

/// Sections longer than this (in bytes; the longest real one is about
/// 18,000) are not read for figures.
const MAX_PROSE_BYTES: usize = 300_000;

/// [`narrative_facts`], or `None` once `keep_going` says stop (checked per
/// section and per match: a hostile file's "narrative" can be megabytes).
pub fn narrative_facts_until(
    sections: &[Section],
    entity: Option<&str>,
    keep_going: &dyn Fn() -> bool,
) -> Option<(Vec<Fact>, Vec<PercentClaim>)> {
    let past = || !keep_going();
    let mut facts = Vec::new();
    let mut claims = Vec::new();
    for section in sections {
        if past() {
            return None;
        }
        // Narrative sections run to a few thousand characters; one of
        // megabytes is the text of tables or a hostile file, not prose.
        if section.text.len() > MAX_PROSE_BYTES {
            continue;
        }
        let text = prose(section);
        let page = section.page;
        for (key, pattern, not_after) in fact_patterns() {
            for caps in pattern.captures_iter(&text) {
                if past() {
                    return None;
                }
                let m = caps.get(0).expect("whole match");
                let before: String = text[..m.start()]
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if not_after.iter().any(|w| before.contains(w)) {
                    continue;
                }
                // "基本支出增加5,372.73万元", "较上年总体降低38.17万元": a
                // change, not a level.
                let gap = &text[m.start()..caps.get(1).map_or(m.end(), |g| g.start())];
                if CHANGE_WORDS.iter().any(|w| gap.contains(w)) {
                    continue;
                }
                let sentence = sentence_around(&text, m.start());
                if about_a_unit(sentence, entity) {
                    continue;
                }
                // "对个人和家庭的补助（303）…其中：人员经费…": a figure in a
                // sentence about one economic class is that class's.
                let before_in_sentence = &text[sentence_start(&text, m.start())..m.start()];
                if econ_class_re().is_match(before_in_sentence) {
                    continue;
                }
                // A sentence about one 类 / 款 / 项, or about one fund (一般公共
                // 预算, 政府性基金, 财政拨款), states that part's figures, not the
                // document's.
                let heading = section.path.last().map(String::as_str).unwrap_or("");
                let about_a_part = PART_WORDS
                    .iter()
                    .any(|w| sentence.contains(w) || heading.contains(w));
                if about_a_part && !key.starts_with("three_public") && *key != "operating_costs" {
                    continue;
                }
                facts.extend(narrative_fact(
                    key.to_string(),
                    &caps[1],
                    &caps[2],
                    page,
                    sentence,
                ));
            }
        }
        for caps in vehicles_re().captures_iter(&text) {
            let m = caps.get(0).expect("whole match");
            facts.extend(narrative_fact(
                "vehicles".into(),
                &caps[1],
                "辆",
                page,
                sentence_around(&text, m.start()),
            ));
        }
        function_facts(&text, page, &mut facts, &mut claims);
        share_claims(&text, page, &mut claims);
    }
    Some((facts, claims))
}

/// Per-function amounts, their restatements, and change percentages.
fn function_facts(text: &str, page: u32, facts: &mut Vec<Fact>, claims: &mut Vec<PercentClaim>) {
    let heads: Vec<regex::Captures> = function_re().captures_iter(text).collect();
    for (i, caps) in heads.iter().enumerate() {
        let m = caps.get(0).expect("whole match");
        let code = format!("{}{}{}", &caps[1], &caps[2], &caps[3]);
        let key = format!("function:{code}");
        let end = heads
            .get(i + 1)
            .map_or(text.len(), |n| n.get(0).expect("match").start());
        let span = &text[m.start()..end];
        facts.extend(narrative_fact(key.clone(), &caps[4], &caps[5], page, span));
        for r in restated_re().captures_iter(span) {
            facts.extend(narrative_fact(key.clone(), &r[1], &r[2], page, span));
        }
        for c in change_re().captures_iter(span) {
            let (Some(old), Some(new)) = (parse_amount(&c[1]), parse_amount(&c[3])) else {
                continue;
            };
            claims.push(PercentClaim {
                kind: "change",
                part: new,
                whole: old,
                printed: c[6].to_string(),
                decrease: matches!(&c[5], "减少" | "下降"),
                page,
                text: span.chars().take(160).collect(),
            });
        }
    }
}

/// "…支出合计X万元，其中：基本支出Y万元，占P%": Y / X.
fn share_claims(text: &str, page: u32, claims: &mut Vec<PercentClaim>) {
    for sentence in text.split('。') {
        let Some(split) = sentence.find("其中") else {
            continue;
        };
        let whole = amount_re()
            .captures_iter(&sentence[..split])
            .last()
            .and_then(|c| parse_amount(&c[1]));
        let Some(whole) = whole else { continue };
        for c in share_re().captures_iter(&sentence[split..]) {
            let Some(part) = parse_amount(&c[1]) else {
                continue;
            };
            claims.push(PercentClaim {
                kind: "share",
                part,
                whole,
                printed: c[3].to_string(),
                decrease: false,
                page,
                text: sentence.chars().take(160).collect(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(text: &str) -> Section {
        Section {
            path: vec![],
            page: 3,
            text: text.to_string(),
        }
    }

    #[test]
    fn totals_shares_and_functions() {
        let (facts, claims) = narrative_facts(
            &[section(
                "区某中心2024年支出合计2468.10万元，其中：基本支出246.81万元，占10.00%；项目支出2221.29万元，占90.00%。\n\
             收入总计2468.10万元，其中：财政拨款收入2468.10万元。共有车辆3辆。",
            )],
            None,
        );
        let get = |k: &str| {
            facts
                .iter()
                .find(|f| f.key == k)
                .map(|f| f.printed.as_str())
        };
        assert_eq!(get("expenditure_current_year"), Some("2468.10"));
        assert_eq!(get("basic_expenditure"), Some("246.81"));
        assert_eq!(get("project_expenditure"), Some("2221.29"));
        assert_eq!(get("income_total"), Some("2468.10"));
        assert_eq!(get("vehicles"), Some("3"));
        assert_eq!(
            facts.iter().filter(|f| f.key == "income_total").count(),
            1,
            "财政拨款收入 is not the total"
        );
        let (facts, _) = narrative_facts(&[section("财政拨款收入支出总计9746.50万元。")], None);
        assert!(
            facts.is_empty(),
            "a fiscal appropriation total is not the document's: {facts:?}"
        );
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].printed, "10.00");

        let (facts, claims) = narrative_facts(
            &[section(
                "12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。主要用于：住房公积金\n。2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%。",
            )],
            None,
        );
        let f: Vec<_> = facts
            .iter()
            .filter(|f| f.key == "function:2210201")
            .map(|f| f.printed.as_str())
            .collect();
        assert_eq!(f, vec!["208.8", "201.50"]);
        assert_eq!(claims[0].kind, "change");
        assert_eq!(claims[0].whole.to_string(), "198.34");
    }

    #[test]
    fn changes_units_and_classes_are_not_document_facts() {
        let text = "2026年支出比2025年增加6,276.54万元，主要是基本支出减少5,372.73万元，项目支出增加11,649.28万元。\
             某市某局（本级）预算63,051.28万元，包括公用经费1,387.62万元、项目支出54,693.88万元。\
             某市某局管理中心预算5,504.42万元，包括项目支出4,067.81万元。\
             对个人和家庭的补助（303）100万元，其中：人员经费38.06万元。\
             某市某局预算70,000.00万元，包括项目支出60,000.00万元。";
        let (facts, _) = narrative_facts(&[section(text)], Some("某市某局"));
        let projects: Vec<&str> = facts
            .iter()
            .filter(|f| f.key == "project_expenditure")
            .map(|f| f.printed.as_str())
            .collect();
        assert_eq!(projects, vec!["60,000.00"], "{facts:?}");
        assert!(!facts.iter().any(|f| f.key == "basic_expenditure"));
        assert!(!facts.iter().any(|f| f.key == "personnel_expenditure"));
        // 收入预算 states the whole income, carry-over included.
        let (facts, _) = narrative_facts(&[section("2026年收入预算99,230.46万元。")], None);
        assert_eq!(facts[0].key, "income_total");
    }
}
