//! What a table is, from its title and header structure together, by the
//! data in `kinds.json` (first match wins), so a province's new title variant
//! is a data entry, not code. Titles are compared without whitespace, ordinal
//! prefixes or the department's name in front.

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct Rule {
    kind: String,
    all: Vec<String>,
    #[serde(default)]
    none: Vec<String>,
    #[serde(default)]
    header_any: Vec<String>,
    /// Applies to a title without 表 too (目录).
    #[serde(default)]
    bare_title: bool,
}

/// A kind read from the header alone, for a table printed without a title.
#[derive(Debug, Deserialize)]
struct HeaderRule {
    kind: String,
    header_any: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Rules {
    kinds: Vec<Rule>,
    #[serde(default)]
    untitled: Vec<HeaderRule>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(include_str!("kinds.json")).expect("kinds.json is valid")
    })
}

/// Every kind the rules can give, plus "other".
pub fn all_kinds() -> Vec<&'static str> {
    let mut kinds: Vec<&str> = rules().kinds.iter().map(|r| r.kind.as_str()).collect();
    kinds.push("other");
    kinds.dedup();
    kinds
}

/// The kind of a table with this title and these header paths.
pub fn classify(title: Option<&str>, columns: &[Vec<String>]) -> &'static str {
    let headers: String = columns.iter().flatten().map(String::as_str).collect();
    let title: String = title
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let by_title = rules().kinds.iter().find(|r| {
        r.all.iter().all(|w| title.contains(w.as_str()))
            && !r.none.iter().any(|w| title.contains(w.as_str()))
            && (r.header_any.is_empty()
                || r.header_any.iter().any(|w| headers.contains(w.as_str())))
            && (title.contains('表') || (r.bare_title && !title.is_empty()))
    });
    if let Some(rule) = by_title {
        return rule.kind.as_str();
    }
    if title.contains('表') {
        return "other";
    }
    // No title naming a table: the header alone may say what it is.
    rules()
        .untitled
        .iter()
        .find(|r| r.header_any.iter().any(|w| headers.contains(w.as_str())))
        .map_or("other", |r| r.kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_three_provinces() {
        let none: &[Vec<String>] = &[];
        for (title, kind) in [
            ("2024年部门收支预算表", "income_expenditure_summary"),
            ("2026年部门财务收支预算总表", "income_expenditure_summary"),
            ("收支预算总表", "income_expenditure_summary"),
            ("收入支出决算总表", "income_expenditure_summary"),
            ("2026年部门收入预算总表", "income"),
            ("支出决算表", "expenditure"),
            ("财政拨款收支预算总表", "fiscal_appropriation_summary"),
            ("财政拨款收入支出决算总表", "fiscal_appropriation_summary"),
            ("财政拨款支出预算表", "fiscal_appropriation_expenditure"),
            (
                "财政拨款基本支出预算表",
                "fiscal_appropriation_basic_expenditure",
            ),
            (
                "一般公共预算财政拨款基本支出决算表",
                "general_public_basic_expenditure",
            ),
            (
                "一般公共预算财政拨款支出决算表",
                "general_public_expenditure",
            ),
            (
                "政府性基金预算财政拨款收入支出决算表",
                "government_fund_expenditure",
            ),
            (
                "2026年部门一般公共预算支出功能分类预算表",
                "general_public_expenditure",
            ),
            (
                "一般公共预算基本支出预算表（经济科目）",
                "general_public_basic_expenditure",
            ),
            ("支出经济分类汇总表", "expenditure_economic_classification"),
            (
                "2026年部门“三公”经费和机关运行经费预算表",
                "three_public_costs",
            ),
            ("政府性基金预算支出预算表", "government_fund_expenditure"),
            ("国有资本经营预算支出预算表", "state_capital_expenditure"),
            ("行政（事业）单位机构运转经费预算表", "operating_costs"),
            ("一般公共预算机关运行经费支出预算表", "operating_costs"),
            ("项目支出预算表", "project_expenditure"),
            ("2017年政府采购预算表", "government_procurement"),
            (
                "部门（单位）整体绩效目标表",
                "department_performance_targets",
            ),
            ("部门预算项目绩效目标表", "project_performance_targets"),
            ("某区司法局主要职能", "other"),
        ] {
            assert_eq!(classify(Some(title), none), kind, "{title}");
        }
        assert_eq!(classify(None, none), "other");
    }
}
