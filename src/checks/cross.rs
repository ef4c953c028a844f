//! Identities across tables and text: the summary balances; the same key
//! figure agrees wherever a table gives it; each figure the narrative states
//! agrees with the tables at the precision it is printed with; stated
//! percentages equal part / whole (or the change) at their printed precision.

use super::{Check, Status};
use crate::layout::join::without_whitespace;
use crate::model::document::TableJson;
use crate::records::amount::{printed_scale, yuan_per_unit};
use crate::records::facts::Fact;
use crate::records::narrative::PercentClaim;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

fn round(v: Decimal, scale: u32) -> Decimal {
    v.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero)
}

pub fn summary_balance(tables: &[TableJson], facts: &[Fact]) -> Vec<Check> {
    let id = "summary_income_equals_expenditure";
    let Some(summary) = tables
        .iter()
        .find(|t| t.kind == "income_expenditure_summary")
    else {
        return vec![Check::new(
            id,
            Status::Skipped,
            "no income and expenditure summary table (收支总表) was found",
        )];
    };
    let get = |key: &str| {
        facts
            .iter()
            .find(|f| f.key == key && f.table.as_deref() == Some(summary.id.as_str()))
    };
    // 收入总计 = 支出总计; a summary without 总计 rows balances its 合计 rows.
    let pair = match (get("income_total"), get("expenditure_total")) {
        (Some(i), Some(e)) => Some((i, e)),
        _ => get("income_current_year").zip(get("expenditure_current_year")),
    };
    let Some((income, spending)) = pair else {
        return vec![
            Check::new(
                id,
                Status::Skipped,
                format!(
                    "the summary table {} has no 收入总计 and 支出总计 rows that could be read",
                    summary.id
                ),
            )
            .table(&summary.id),
        ];
    };
    let status = if income.value == spending.value {
        Status::Pass
    } else {
        Status::Fail
    };
    let message = format!(
        "{} {} {} {} {} ({} {})",
        income.text.split(" / ").next().unwrap_or("收入总计"),
        income.printed,
        if status == Status::Pass { "=" } else { "≠" },
        spending.text.split(" / ").next().unwrap_or("支出总计"),
        spending.printed,
        summary.title.as_deref().unwrap_or(""),
        summary.id
    );
    vec![
        Check::new(id, status, message)
            .value("income_total", income.value)
            .value("expenditure_total", spending.value)
            .pages(vec![income.page, spending.page])
            .table(&summary.id),
    ]
}

/// How far a table's printed total may stray from the exact figure when the
/// publisher added up its rounded rows: half a printed unit per leaf row
/// (and one for the total itself), in 元.
fn rounding_reach(tables: &[TableJson], fact: &Fact) -> Decimal {
    let leaves = tables
        .iter()
        .find(|t| Some(&t.id) == fact.table.as_ref())
        .map_or(0, |t| t.records.iter().filter(|r| r.leaf).count());
    let per = fact
        .unit
        .as_deref()
        .and_then(yuan_per_unit)
        .unwrap_or(Decimal::ONE);
    let scale = fact.value.scale().max(printed_scale(&fact.printed));
    super::half_unit(scale) * per * Decimal::from(leaves as u64 + 1)
}

pub fn same_figures(tables: &[TableJson], facts: &[Fact]) -> Vec<Check> {
    let mut by_key: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
    for f in facts
        .iter()
        .filter(|f| f.source == "table" && f.value_yuan.is_some())
    {
        by_key.entry(f.key.as_str()).or_default().push(f);
    }
    let mut out = Vec::new();
    for (key, list) in by_key {
        if list.len() < 2 {
            continue;
        }
        let first = list[0];
        let disagree: Vec<&&Fact> = list
            .iter()
            .filter(|f| f.value_yuan != first.value_yuan)
            .collect();
        let mut status = Status::Pass;
        let mut worst: Option<(Decimal, Decimal)> = None;
        for f in &disagree {
            let difference =
                f.value_yuan.unwrap_or_default() - first.value_yuan.unwrap_or_default();
            let tolerance = rounding_reach(tables, f) + rounding_reach(tables, first);
            let this = if difference.abs() <= tolerance {
                Status::Rounding
            } else {
                Status::Fail
            };
            if this == Status::Fail || status == Status::Pass {
                status = this;
                worst = Some((difference, tolerance));
            }
        }
        let describe = |f: &Fact| {
            format!(
                "{} {} in {} (page {})",
                f.printed,
                f.unit.as_deref().unwrap_or(""),
                f.table.as_deref().unwrap_or("?"),
                f.page
            )
        };
        let message = format!(
            "{key}: {}",
            list.iter()
                .map(|f| describe(f))
                .collect::<Vec<_>>()
                .join(if status == Status::Pass {
                    " = "
                } else {
                    " vs "
                })
        );
        let mut check = Check::new("same_figure_across_tables", status, message)
            .pages(list.iter().map(|f| f.page).collect());
        if let Some((difference, tolerance)) = worst {
            check.difference = Some(difference);
            check.tolerance = Some(tolerance);
        }
        for f in &list {
            check = check.value(
                format!("{key} {}", f.table.as_deref().unwrap_or("?")),
                f.value_yuan.unwrap_or_default(),
            );
        }
        out.push(check);
    }
    out
}

/// A table figure: its amount in 元, as printed, its page and its table.
type TableFigure = (Decimal, String, u32, String);

/// The table figures a narrative fact should equal, looked up by key: a
/// fact of the same key from a table, or for `function:CODE` the 合计 of
/// that code's row in the expenditure tables. Built once per document, so
/// the comparison grows with the facts, not with facts × records.
struct TableFigures {
    by_key: BTreeMap<String, Vec<TableFigure>>,
    by_code: BTreeMap<String, Vec<TableFigure>>,
}

impl TableFigures {
    fn new(tables: &[TableJson], facts: &[Fact]) -> Self {
        let mut by_code: BTreeMap<String, Vec<TableFigure>> = BTreeMap::new();
        let kinds = [
            "general_public_expenditure",
            "fiscal_appropriation_expenditure",
            "expenditure",
        ];
        for kind in kinds {
            for t in tables.iter().filter(|t| t.kind == kind) {
                for r in &t.records {
                    if let Some(code) = r.code.as_deref()
                        && let Some(a) = r.amounts.first()
                        && let Some(y) = a.value_yuan
                    {
                        by_code.entry(code.to_string()).or_default().push((
                            y,
                            a.printed.to_string(),
                            r.page,
                            t.id.clone(),
                        ));
                    }
                }
            }
        }
        let mut by_key: BTreeMap<String, Vec<TableFigure>> = BTreeMap::new();
        for f in facts.iter().filter(|f| f.source == "table") {
            if let Some(y) = f.value_yuan {
                by_key.entry(f.key.clone()).or_default().push((
                    y,
                    f.printed.clone(),
                    f.page,
                    f.table.clone().unwrap_or_default(),
                ));
            }
        }
        TableFigures { by_key, by_code }
    }

    fn of(&self, key: &str) -> Vec<TableFigure> {
        let found = match key.strip_prefix("function:") {
            Some(code) => self.by_code.get(code),
            None => self.by_key.get(key),
        };
        found.cloned().unwrap_or_default()
    }
}

pub fn narrative_vs_tables(tables: &[TableJson], facts: &[Fact]) -> Vec<Check> {
    let id = "narrative_equals_table";
    let figures = TableFigures::new(tables, facts);
    let mut out = Vec::new();
    for n in facts
        .iter()
        .filter(|f| f.source == "narrative" && f.key != "vehicles")
    {
        let unit = n.unit.as_deref().unwrap_or("");
        let Some(per) = yuan_per_unit(unit) else {
            continue;
        };
        // A split the text gives may be the whole budget's or the general
        // public budget's (the paragraph says which, the sentence often not).
        let mut candidates = figures.of(&n.key);
        if let Some(alternate) = match n.key.as_str() {
            "basic_expenditure" => Some("general_public_basic_expenditure"),
            "project_expenditure" => Some("general_public_project_expenditure"),
            _ => None,
        } {
            candidates.extend(figures.of(alternate));
        }
        let Some(first) = candidates.first() else {
            out.push(
                Check::new(
                    id,
                    Status::Skipped,
                    format!(
                        "{}: the text states {} {} (page {}) but no table gives this figure",
                        n.key, n.printed, unit, n.page
                    ),
                )
                .value("narrative", n.value)
                .pages(vec![n.page]),
            );
            continue;
        };
        let scale = printed_scale(&n.printed);
        let matching = candidates
            .iter()
            .find(|(y, ..)| round(*y / per, scale) == n.value);
        let (status, shown) = match matching {
            Some(m) => (Status::Pass, m),
            None => (Status::Fail, first),
        };
        let (yuan, printed, page, table) = shown;
        let message = format!(
            "{}: the text says {} {} (page {}), table {} gives {} (page {}) = {} {}",
            n.key,
            n.printed,
            unit,
            n.page,
            table,
            printed,
            page,
            round(*yuan / per, scale.max(2)).normalize(),
            unit
        );
        out.push(
            Check::new(id, status, message)
                .value("narrative", n.value)
                .value("table_yuan", *yuan)
                .pages(vec![n.page, *page])
                .table(table),
        );
    }
    out
}

/// Half a unit in the last printed place: how far a rounded figure may be from the truth.
fn half_ulp(v: Decimal) -> Decimal {
    Decimal::new(5, v.scale() + 1)
}

/// The range a ratio can take when part and whole are themselves rounded
/// figures (a narrative prints 万元 to two places while the percentage was
/// worked out from exact amounts): no false alarm for a rounding difference.
fn ratio_range(c: &PercentClaim) -> Option<(Decimal, Decimal)> {
    let (ep, ew) = (half_ulp(c.part), half_ulp(c.whole));
    let low_whole = c.whole - ew;
    if low_whole <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::from(100);
    let (lo, hi) = ((c.part - ep) / (c.whole + ew), (c.part + ep) / low_whole);
    Some(match c.kind {
        "change" => ((lo - Decimal::ONE) * hundred, (hi - Decimal::ONE) * hundred),
        _ => (lo * hundred, hi * hundred),
    })
}

pub fn percentages(claims: &[PercentClaim]) -> Vec<Check> {
    let id = "stated_percentage";
    claims
        .iter()
        .map(|c| {
            let Ok(printed) = c.printed.parse::<Decimal>() else {
                return Check::new(
                    id,
                    Status::Skipped,
                    format!("unreadable percentage {} (page {})", c.printed, c.page),
                );
            };
            let Some((lo, hi)) = ratio_range(c) else {
                return Check::new(
                    id,
                    Status::Skipped,
                    format!("{}% of zero cannot be checked (page {})", c.printed, c.page),
                )
                .pages(vec![c.page]);
            };
            let ratio = match c.kind {
                "change" => (c.part - c.whole) / c.whole,
                _ => c.part / c.whole,
            } * Decimal::from(100);
            let stated = if c.decrease { -printed } else { printed };
            let e = half_ulp(printed);
            let status = if stated + e >= lo && stated - e <= hi {
                Status::Pass
            } else {
                Status::Fail
            };
            let what = match c.kind {
                "change" => format!("change from {} to {}", c.whole, c.part),
                _ => format!("{} of {}", c.part, c.whole),
            };
            let said = if c.kind == "change" {
                format!("{}{}%", if c.decrease { "−" } else { "+" }, c.printed)
            } else {
                format!("{}%", c.printed)
            };
            Check::new(
                id,
                status,
                format!(
                    "stated {said} for {what}; the figures give {}% (page {})",
                    round(ratio, 2).normalize(),
                    c.page
                ),
            )
            .value("stated", stated)
            .value("computed", round(ratio, 4))
            .pages(vec![c.page])
        })
        .collect()
}

/// The summary's expenditure rows by function class (一般公共服务支出,
/// 教育支出, …) against the 类 rows of the expenditure table: the same
/// figure printed twice.
pub fn summary_classes(tables: &[TableJson]) -> Vec<Check> {
    let id = "summary_classes_equal_expenditure_table";
    let (Some(summary), Some(spending)) = (
        tables
            .iter()
            .find(|t| t.kind == "income_expenditure_summary"),
        tables.iter().find(|t| t.kind == "expenditure"),
    ) else {
        return Vec::new();
    };
    let classes: Vec<_> = spending
        .records
        .iter()
        .filter(|r| {
            r.code_level.as_deref() == Some("类") && r.unit.is_none() && r.unit_name.is_none()
        })
        .collect();
    let mut check = Check::new(id, Status::Pass, "").table(&summary.id);
    let (mut compared, mut findings, mut pages) = (0, Vec::new(), Vec::new());
    for row in summary
        .records
        .iter()
        .filter(|r| r.side.as_deref() == Some("expenditure"))
    {
        let name = without_whitespace(&row.name);
        let name = name.trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十、.．（）()".contains(c)
        });
        let Some(class) = classes.iter().find(|c| without_whitespace(&c.name) == name) else {
            continue;
        };
        let (Some(stated), Some(other)) = (row.amounts.first(), class.amounts.first()) else {
            continue;
        };
        compared += 1;
        let scale = stated.value.scale().max(other.value.scale());
        let (status, difference, tolerance) = super::judge(stated.value, other.value, 1, scale);
        check.outcome(status, difference, tolerance);
        if status != Status::Pass {
            findings.push(format!(
                "{name}: {} in {} (page {}) vs {} in {} (page {})",
                stated.printed, summary.id, row.page, other.printed, spending.id, class.page
            ));
            check = check
                .value(format!("{name} {}", summary.id), stated.value)
                .value(format!("{name} {}", spending.id), other.value);
            pages.extend([row.page, class.page]);
        }
    }
    if compared == 0 {
        return Vec::new();
    }
    check = check.pages(if pages.is_empty() {
        vec![summary.pages[0], spending.pages[0]]
    } else {
        pages
    });
    check.message = if findings.is_empty() {
        format!(
            "each of {compared} function classes in the summary {} equals its 类 row in {}",
            summary.id, spending.id
        )
    } else {
        findings.join("; ")
    };
    vec![check]
}
