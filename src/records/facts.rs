//! The document's key figures, read from the tables: totals from the summary,
//! income and expenditure tables, 基本/项目 and 人员/公用 splits, the 三公
//! costs and their parts, 机关运行经费 and 政府采购. Each fact names the table
//! and page it came from and keeps the printed figure.

use super::column_role::year_heading;
use super::{Amount, Record};
use crate::model::document::TableJson;
pub use crate::model::fact::Fact;
use rust_decimal::Decimal;

use crate::layout::join::without_whitespace as squeeze;

fn fact(key: &str, table: &TableJson, record: &Record, amount: &Amount) -> Fact {
    Fact {
        key: key.to_string(),
        value: amount.value,
        unit: table.unit.clone(),
        value_yuan: amount.value_yuan,
        source: "table".to_string(),
        page: record.page,
        text: format!("{} / {}", record.name, amount.column.join(" / ")),
        printed: amount.printed.to_string(),
        table: Some(table.id.clone()),
        column: Some(amount.column.join(" / ")),
    }
}

/// A figure the table prints only in parts (Shenzhen's 三公 总计 split by
/// fund): their exact sum, the fact saying so.
fn summed_fact(key: &str, table: &TableJson, record: &Record, parts: &[&Amount]) -> Option<Fact> {
    if parts.is_empty() {
        return None;
    }
    let value: Decimal = parts.iter().map(|a| a.value).sum();
    let value_yuan = parts.iter().map(|a| a.value_yuan).sum::<Option<Decimal>>();
    let columns: Vec<String> = parts.iter().map(|a| a.column.join(" / ")).collect();
    Some(Fact {
        key: key.to_string(),
        value,
        unit: table.unit.clone(),
        value_yuan,
        source: "table".to_string(),
        page: record.page,
        text: format!(
            "{} / the sum of {} (the table prints no total for it)",
            record.name,
            columns.join(" + ")
        ),
        printed: parts
            .iter()
            .map(|a| a.printed.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
        table: Some(table.id.clone()),
        column: Some(columns.join(" + ")),
    })
}

/// The amount whose column header (any level) contains `word`; `leaf_only`
/// matches the last level only.
fn column<'a>(record: &'a Record, word: &str, leaf_only: bool) -> Option<&'a Amount> {
    record.amounts.iter().find(|a| {
        if leaf_only {
            a.column.last().is_some_and(|h| squeeze(h).contains(word))
        } else {
            a.column.iter().any(|h| squeeze(h).contains(word))
        }
    })
}

/// A table with a 上年结转 / 结转下年 column totals more than the year's own
/// income or spending: its 合计 is the 总计 of the summary.
fn carries_over(table: &TableJson) -> bool {
    table
        .columns
        .iter()
        .flatten()
        .any(|h| h.contains("结转") || h.contains("结余"))
}

/// The year's own total in a table that also carries over: the 合计 under a
/// 本年 heading ("本年收入 / 合计").
fn this_year(record: &Record) -> Option<&Amount> {
    record.amounts.iter().find(|a| {
        a.column.iter().any(|h| h.contains("本年"))
            && a.column.last().is_some_and(|h| {
                let h = squeeze(h);
                h.contains("合计") || h.contains("小计")
            })
    })
}

/// The table's total row: the first 合计/总计 record, or where the table
/// opens with the department's own row over its units' blocks (Shenzhen),
/// that row.
fn total_row(records: &[Record]) -> Option<&Record> {
    records.iter().find(|r| r.total).or_else(|| {
        records
            .iter()
            .find(|r| !r.amounts.is_empty())
            .filter(|r| r.code.is_none() && r.unit_name.is_some())
    })
}

/// The "合计" amount of a row: a column headed 合计 or 小计, else the first amount.
fn total_amount(record: &Record) -> Option<&Amount> {
    column(record, "总计", true)
        .or_else(|| column(record, "合计", true))
        .or_else(|| column(record, "小计", true))
        .or_else(|| column(record, "金额", true))
        .or(record.amounts.first())
}

/// The table with only this year's columns: a table that prints last year
/// beside this year (2025年预算数 | 2026年预算数, 上年 | 当年 | 增减变化情况)
/// keeps the latest year's group, never the prior year or the change.
fn current_year_only(table: &TableJson) -> TableJson {
    let year_of = |path: &[String]| path.iter().find_map(|h| year_heading(h));
    let latest = table.columns.iter().filter_map(|p| year_of(p)).max();
    let keep = |path: &[String]| {
        let past = path.iter().any(|h| {
            h.contains("上年") || h.contains("增减") || h.contains("变化") || h.contains("比较")
        });
        !past && (latest.is_none() || year_of(path).is_none() || year_of(path) == latest)
    };
    let mut out = table.clone();
    for r in &mut out.records {
        r.amounts.retain(|a| keep(&a.column));
    }
    out
}

/// The 三公 total, wherever the template prints it: a row named “三公”经费
/// (a table of 行政经费 and 三公 rows), a 三公 column's 合计 or 小计 (a table
/// that adds 会议费 and 培训费 beside it), or the table's 合计 when nothing
/// else shares the table.
fn three_public_total(table: &TableJson) -> Option<(&Record, &Amount)> {
    if let Some(r) = table
        .records
        .iter()
        .find(|r| squeeze(&r.name).contains("三公") && !r.amounts.is_empty())
    {
        return total_amount(r).map(|a| (r, a));
    }
    let r = latest_year_row(table)?;
    // A 三公 column's total: "“三公”经费合计", "…预算总额", or 小计 under it.
    let subtotal = r.amounts.iter().find(|a| {
        let leaf = a.column.last().map(|h| squeeze(h)).unwrap_or_default();
        let under = a.column.iter().any(|h| h.contains("三公"));
        let totals = ["合计", "小计", "总额", "总计"];
        under
            && (totals.iter().any(|w| leaf.contains(w))
                && (leaf.contains("三公") || totals.contains(&leaf.as_str())))
    });
    if let Some(a) = subtotal {
        return Some((r, a));
    }
    let shared = table.columns.iter().flatten().any(|h| {
        ["会议", "培训", "行政经费", "机关运行", "机构运转"]
            .iter()
            .any(|w| h.contains(w))
    });
    if shared {
        return None;
    }
    // A table of 三公 items as rows under a 合计 row.
    if r.total {
        return total_amount(r).map(|a| (r, a));
    }
    column(r, "合计", true).map(|a| (r, a))
}

/// The first row with amounts, or where the table prints one row per year
/// (年度: 2025年 | 2026年 | 增减变化金额), the latest year's row.
fn latest_year_row(table: &TableJson) -> Option<&Record> {
    let year = |r: &Record| r.attributes.values().find_map(year_heading);
    let with_amounts = || table.records.iter().filter(|r| !r.amounts.is_empty());
    // The first row of the latest year: the department's block comes first.
    let rows: Vec<(u32, &Record)> = with_amounts()
        .filter_map(|r| year(r).map(|y| (y, r)))
        .collect();
    let latest = rows.iter().map(|(y, _)| *y).max();
    rows.into_iter()
        .find(|(y, _)| Some(*y) == latest)
        .map(|(_, r)| r)
        .or_else(|| with_amounts().next())
}

/// The totals of a two-sided summary. 总计 is the grand total and 本年收入合计
/// the year's own; a template without a 总计 row prints its grand total as
/// 收入合计 / 支出合计 (Fujian, Jiangsu) or a bare 合计 (Chongqing, at the top),
/// which then stands for both.
fn summary_facts(table: &TableJson, prefix: &str, push: &mut impl FnMut(Fact)) {
    let sides = [("income", "收入"), ("expenditure", "支出")];
    for (side, word) in sides {
        let rows: Vec<(&Record, String)> = table
            .records
            .iter()
            .filter(|r| r.side.as_deref() == Some(side) && !r.amounts.is_empty())
            .map(|r| (r, squeeze(&r.name)))
            .collect();
        let grand = rows
            .iter()
            .find(|(_, n)| n.contains(&format!("{word}总计")) || n == "总计");
        let this_year = rows
            .iter()
            .find(|(_, n)| n.contains(&format!("本年{word}合计")));
        let plain = rows
            .iter()
            .find(|(_, n)| *n == format!("{word}合计") || n == "合计");
        let (total, current) = match (grand, this_year, plain) {
            (Some(g), y, p) => (Some(g), y.or(p)),
            (None, y, Some(p)) => (Some(p), y.or(Some(p))),
            (None, y, None) => (None, y),
        };
        for (key, row) in [("total", total), ("current_year", current)] {
            if let Some((r, _)) = row
                && let Some(a) = r.amounts.first()
            {
                push(fact(&format!("{prefix}{side}_{key}"), table, r, a));
            }
        }
    }
}

pub fn table_facts(tables: &[TableJson]) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    let mut push = |f: Fact| {
        if !out.iter().any(|g| g.key == f.key && g.table == f.table) {
            out.push(f);
        }
    };
    for table in tables {
        let records = &table.records;
        match table.kind.as_str() {
            "income_expenditure_summary" | "fiscal_appropriation_summary" => {
                let prefix = if table.kind == "fiscal_appropriation_summary" {
                    "fiscal_"
                } else {
                    ""
                };
                summary_facts(table, prefix, &mut push);
            }
            "income" => {
                if let Some(r) = total_row(records)
                    && let Some(a) = total_amount(r)
                {
                    let key = if carries_over(table) {
                        "income_total"
                    } else {
                        "income_current_year"
                    };
                    push(fact(key, table, r, a));
                    if carries_over(table)
                        && let Some(current) = this_year(r)
                    {
                        push(fact("income_current_year", table, r, current));
                    }
                }
            }
            "expenditure" => {
                if let Some(r) = total_row(records) {
                    if let Some(a) = total_amount(r) {
                        let key = if carries_over(table) {
                            "expenditure_total"
                        } else {
                            "expenditure_current_year"
                        };
                        push(fact(key, table, r, a));
                        if carries_over(table)
                            && let Some(current) = this_year(r)
                        {
                            push(fact("expenditure_current_year", table, r, current));
                        }
                    }
                    if let Some(a) = column(r, "基本支出", false) {
                        push(fact("basic_expenditure", table, r, a));
                    }
                    if let Some(a) = column(r, "项目支出", false) {
                        push(fact("project_expenditure", table, r, a));
                    }
                }
            }
            "general_public_expenditure" => {
                // The general public budget's own split, which the narrative
                // often states ("一般公共预算…其中：基本支出…").
                if let Some(r) = total_row(records) {
                    if let Some(a) = column(r, "基本支出", false) {
                        push(fact("general_public_basic_expenditure", table, r, a));
                    }
                    if let Some(a) = column(r, "项目支出", false) {
                        push(fact("general_public_project_expenditure", table, r, a));
                    }
                }
            }
            "general_public_basic_expenditure" | "fiscal_appropriation_basic_expenditure" => {
                if let Some(r) = total_row(records) {
                    if let Some(a) = column(r, "人员经费", false) {
                        push(fact("personnel_expenditure", table, r, a));
                    }
                    if let Some(a) = column(r, "公用经费", false) {
                        push(fact("public_expenditure", table, r, a));
                    }
                }
            }
            "three_public_costs" => {
                let current = current_year_only(table);
                let Some(r) = current.records.iter().find(|r| !r.amounts.is_empty()) else {
                    continue;
                };
                let parts = [
                    ("three_public_abroad", "出国"),
                    ("three_public_reception", "接待"),
                    ("vehicle_purchase", "购置费"),
                    ("vehicle_operation", "运行费"),
                    ("operating_costs", "机关运行经费"),
                    ("meeting_costs", "会议费"),
                    ("training_costs", "培训费"),
                ];
                for (key, word) in parts {
                    if let Some(a) = column(r, word, true) {
                        push(fact(key, table, r, a));
                    }
                }
                let vehicles = r.amounts.iter().find(|a| {
                    a.column.iter().any(|h| squeeze(h).contains("公务用车"))
                        && a.column.last().is_some_and(|h| {
                            let h = squeeze(h);
                            h.contains("小计") || h.contains("公务用车")
                        })
                });
                if let Some(a) = vehicles {
                    push(fact("three_public_vehicles", table, r, a));
                }
                if let Some((row, a)) = three_public_total(&current) {
                    push(fact("three_public_total", table, row, a));
                } else if let Some(row) = latest_year_row(&current) {
                    // 总计 printed per fund (一般公共预算 | 政府性基金 | 国有资本).
                    let by_fund: Vec<&Amount> = row
                        .amounts
                        .iter()
                        .filter(|a| {
                            a.column.len() >= 2
                                && matches!(squeeze(&a.column[0]).as_str(), "总计" | "合计")
                        })
                        .collect();
                    if by_fund.len() >= 2
                        && let Some(f) = summed_fact("three_public_total", table, row, &by_fund)
                    {
                        push(f);
                    }
                }
            }
            "operating_costs" => {
                if let Some(r) = total_row(records)
                    && let Some(a) = total_amount(r)
                {
                    push(fact("operating_costs", table, r, a));
                }
            }
            "government_procurement" => {
                if let Some(r) = total_row(records)
                    && let Some(a) = total_amount(r)
                {
                    push(fact("procurement_total", table, r, a));
                }
            }
            _ => {}
        }
    }
    out
}
