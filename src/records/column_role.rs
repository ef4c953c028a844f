//! What an amount column stands for, whatever the publisher called it: the
//! table's total (合计 / 支出预算 / 本年支出合计 / 预算数), its 基本支出 or
//! 项目支出 part, 人员经费 or 公用经费, a fund (一般公共预算, 政府性基金 …),
//! the previous year, a change. Header paths in, one role per leaf column out
//! (null for columns that hold no amounts), so an analyst finds "the total
//! column" of any table with one filter.

use crate::layout::join::without_whitespace as squeeze;
use crate::model::record::{ColumnRole, Record};

/// Words that name a total however it is printed: these say "the whole of
/// what the column's parents name", not what kind of money it is.
const TOTAL_WORDS: [&str; 14] = [
    "合计",
    "总计",
    "小计",
    "总额",
    "金额",
    "数额",
    "预算数",
    "决算数",
    "执行数",
    "支出预算",
    "收入预算",
    "本年支出",
    "本年收入",
    "年预算",
];

/// Whole headings that say only "the amount", a side or the current year.
const PLAIN_HEADINGS: [&str; 10] = [
    "收入", "支出", "收支", "项目", "预算", "决算", "当年", "本年", "本期", "数",
];

/// The specific role a header element names, most specific words first
/// (人员经费 before 基本支出: "基本支出—人员经费" is personnel).
fn specific_role(element: &str) -> Option<ColumnRole> {
    let rules: [(&[&str], ColumnRole); 16] = [
        (
            &["增减", "增长", "变动", "比上年", "同比"],
            ColumnRole::Change,
        ),
        (&["上年结转", "结转", "结余"], ColumnRole::Carryover),
        (&["上年", "去年"], ColumnRole::PreviousYear),
        (&["人员经费", "人员支出", "工资福利"], ColumnRole::Personnel),
        (&["公用经费", "公用支出", "日常公用"], ColumnRole::Public),
        (&["基本支出"], ColumnRole::Basic),
        (&["项目支出"], ColumnRole::Project),
        (&["政府性基金"], ColumnRole::GovernmentFund),
        (&["国有资本"], ColumnRole::StateCapital),
        (&["财政专户"], ColumnRole::SpecialAccount),
        (
            &["一般公共预算", "财政拨款", "财政补助"],
            ColumnRole::GeneralBudget,
        ),
        (&["事业收入"], ColumnRole::BusinessIncome),
        (&["经营收入", "经营支出"], ColumnRole::Operating),
        (&["附属单位"], ColumnRole::Subsidiary),
        (&["上级补助", "上缴上级"], ColumnRole::Superior),
        (&["其他收入", "其他资金"], ColumnRole::OtherIncome),
    ];
    rules
        .iter()
        .find(|(words, _)| words.iter().any(|w| element.contains(w)))
        .map(|(_, role)| *role)
}

/// A header element that only says "total" or names a side or a year.
fn is_total_like(element: &str) -> bool {
    let e = element.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年');
    e.is_empty()
        || TOTAL_WORDS.iter().any(|w| e.contains(w))
        || PLAIN_HEADINGS.contains(&e)
        || e.starts_with("其中")
}

/// The year a header element opens with ("2025年预算数" → 2025).
pub(crate) fn year_heading(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    (digits.len() == 4 && text[4..].starts_with('年'))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The year a header path is about, if a heading names one.
fn year_of(path: &[String]) -> Option<u32> {
    path.iter().find_map(|h| year_heading(h.trim()))
}

/// The role of one header path taken alone: its deepest element naming a
/// role, else `total` when every element only says total, else `other`.
fn path_role(path: &[String]) -> ColumnRole {
    let elements: Vec<String> = path.iter().map(|e| squeeze(e)).collect();
    // The table's only amount column (after its shared headings) is its total.
    if elements.is_empty() {
        return ColumnRole::Total;
    }
    if let Some(role) = elements.iter().rev().find_map(|e| specific_role(e)) {
        return role;
    }
    if elements.iter().all(|e| is_total_like(e)) {
        ColumnRole::Total
    } else {
        ColumnRole::Other
    }
}

/// The side ("income" / "expenditure") of each column's amounts, if any.
fn amount_sides(n: usize, records: &[Record]) -> Vec<Option<&str>> {
    let mut sides = vec![None; n];
    for r in records {
        for a in &r.amounts {
            if let Some(slot) = sides.get_mut(a.column_index) {
                *slot = slot.or(r.side.as_deref());
            }
        }
    }
    sides
}

/// How many top headings column `c` shares with every amount column on its
/// side: a heading over them all names the table (一般公共预算支出 over 合计 |
/// 基本支出 | 项目支出), not a part of it, so its 合计 is the total.
fn shared_heading(
    columns: &[Vec<String>],
    amount_columns: &[bool],
    sides: &[Option<&str>],
    c: usize,
) -> usize {
    let peers: Vec<&Vec<String>> = columns
        .iter()
        .enumerate()
        .filter(|(i, _)| amount_columns[*i] && sides[*i] == sides[c])
        .map(|(_, p)| p)
        .collect();
    let path = &columns[c];
    (0..path.len())
        .take_while(|&depth| {
            peers
                .iter()
                .all(|p| p.get(depth).map(|h| squeeze(h)) == Some(squeeze(&path[depth])))
        })
        .count()
}

/// Roles of a table's leaf columns; null where no record has an amount.
/// Context across columns: where years head the columns, the earlier years
/// are `previous_year`; where 决算数 stands beside 预算数, the latter is `budget`.
pub fn column_roles(columns: &[Vec<String>], records: &[Record]) -> Vec<Option<ColumnRole>> {
    let mut amount_columns = vec![false; columns.len()];
    for a in records.iter().flat_map(|r| r.amounts.iter()) {
        if let Some(slot) = amount_columns.get_mut(a.column_index) {
            *slot = true;
        }
    }
    let latest_year = columns
        .iter()
        .zip(&amount_columns)
        .filter(|(_, a)| **a)
        .filter_map(|(p, _)| year_of(p))
        .max();
    let has_final = columns
        .iter()
        .zip(&amount_columns)
        .any(|(p, a)| *a && squeeze(&p.concat()).contains("决算数"));
    let sides = amount_sides(columns.len(), records);
    columns
        .iter()
        .enumerate()
        .zip(&amount_columns)
        .map(|((c, path), is_amount)| {
            is_amount.then(|| {
                let shared = shared_heading(columns, &amount_columns, &sides, c);
                let role = path_role(&path[shared..]);
                let text = squeeze(&path.concat());
                match role {
                    ColumnRole::Total if year_of(path).is_some_and(|y| Some(y) < latest_year) => {
                        ColumnRole::PreviousYear
                    }
                    ColumnRole::Total if has_final && text.contains("预算数") => {
                        ColumnRole::Budget
                    }
                    other => other,
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::Amount;
    use rust_decimal::Decimal;

    fn path(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    /// One record with an amount in every column.
    fn all_amounts(n: usize) -> Vec<Record> {
        vec![Record {
            page: 1,
            row: 0,
            side: None,
            code: None,
            code_level: None,
            code_scheme: None,
            code_other: None,
            name: "合计".into(),
            total: true,
            unit: None,
            unit_name: None,
            leaf: false,
            attributes: Default::default(),
            amounts: (0..n)
                .map(|c| Amount {
                    column: Default::default(),
                    column_index: c,
                    printed: "1".into(),
                    value: Decimal::ONE,
                    value_yuan: None,
                    confidence: None,
                })
                .collect(),
        }]
    }

    fn roles(columns: &[&[&str]]) -> Vec<Option<ColumnRole>> {
        let columns: Vec<Vec<String>> = columns.iter().map(|p| path(p)).collect();
        column_roles(&columns, &all_amounts(columns.len()))
    }

    #[test]
    fn the_total_column_is_found_whatever_it_is_called() {
        for name in [
            &["合计"][..],
            &["支出预算"],
            &["本年支出合计"],
            &["预算数"],
            &["总 计"],
        ] {
            assert_eq!(roles(&[name]), vec![Some(ColumnRole::Total)], "{name:?}");
        }
        assert_eq!(
            roles(&[&["本年收入", "合计"]]),
            vec![Some(ColumnRole::Total)]
        );
    }

    #[test]
    fn parts_are_named_by_their_deepest_specific_heading() {
        let r = roles(&[
            &["合计"],
            &["基本支出", "小计"],
            &["基本支出", "人员经费"],
            &["基本支出", "公用经费"],
            &["项目支出"],
            &["一般公共预算拨款", "合计"],
            &["政府性基金预算"],
        ]);
        use ColumnRole::*;
        let want = [
            Total,
            Basic,
            Personnel,
            Public,
            Project,
            GeneralBudget,
            GovernmentFund,
        ];
        assert_eq!(r, want.map(Some).to_vec());
    }

    #[test]
    fn a_heading_over_every_amount_column_names_the_table_not_a_part() {
        use ColumnRole::*;
        assert_eq!(
            roles(&[
                &["一般公共预算支出", "合计"],
                &["一般公共预算支出", "基本支出"],
                &["一般公共预算支出", "项目支出"],
            ]),
            vec![Some(Total), Some(Basic), Some(Project)]
        );
        assert_eq!(roles(&[&["机关运行经费支出"]]), vec![Some(Total)]);
    }

    #[test]
    fn earlier_years_and_budgets_beside_final_accounts_are_told_apart() {
        use ColumnRole::*;
        assert_eq!(
            roles(&[&["2025年预算数"], &["2026年预算数"], &["增减额"]]),
            vec![Some(PreviousYear), Some(Total), Some(Change)]
        );
        assert_eq!(
            roles(&[&["年初预算数"], &["决算数"]]),
            vec![Some(Budget), Some(Total)]
        );
    }

    #[test]
    fn columns_without_amounts_have_no_role() {
        let columns = vec![path(&["科目名称"]), path(&["合计"])];
        let mut records = all_amounts(2);
        records[0].amounts.remove(0);
        assert_eq!(
            column_roles(&columns, &records),
            vec![None, Some(ColumnRole::Total)]
        );
    }
}
