//! What each leaf column holds, from its header path and its values: a part
//! of a function code (类 / 款 / 项), a whole code, the row's name, an amount,
//! or other text. Two-sided summary tables (收入 | 支出) also get each
//! column's side.

use super::CodeScheme;
use crate::layout::join::without_whitespace;
use crate::table::header::is_figure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 0 = 类, 1 = 款, 2 = 项.
    CodePart(u8),
    Code(Option<CodeScheme>),
    Name,
    /// The 预算单位 a row belongs to, in a column of its own beside the name.
    UnitName,
    Amount,
    Text,
}

/// Least share of a column's filled cells that must be figures for the column
/// to be an amount column.
const FIGURE_SHARE: f32 = 0.6;

fn header_text(path: &[String]) -> String {
    path.concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn scheme_from_header(header: &str) -> Option<CodeScheme> {
    if header.contains("功能") {
        Some(CodeScheme::Function)
    } else if header.contains("经济") && header.contains("政府") {
        Some(CodeScheme::EconomicGovernment)
    } else if header.contains("经济") {
        Some(CodeScheme::EconomicDepartment)
    } else if header.contains("单位") && (header.contains("编码") || header.contains("代码"))
    {
        Some(CodeScheme::Unit)
    } else {
        None
    }
}

fn is_code_like(text: &str) -> bool {
    let t = text.trim();
    (3..=9).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// Header words of columns that hold numbers but not money: line and
/// column numbers, serial numbers, years, quantities and head counts.
const LABEL_WORDS: [&str; 10] = [
    "行次",
    "栏次",
    "序号",
    "年度",
    "数量",
    "人数",
    "编制数",
    "计量单位",
    "指标值",
    "单价",
];

/// A column of years (2021, 2022年) holds labels, not amounts.
fn is_year(text: &str) -> bool {
    let t = text.trim().trim_end_matches('年');
    t.len() == 4 && t.starts_with("20") && t.chars().all(|c| c.is_ascii_digit())
}

/// Words that make an all-blank column an amount column.
const AMOUNT_WORDS: [&str; 14] = [
    "补助",
    "结转",
    "合计",
    "小计",
    "金额",
    "预算数",
    "决算数",
    "费",
    "支出",
    "收入",
    "经费",
    "资金",
    "拨款",
    "结余",
];

/// Each leaf column's role, from its header path and the rows' cells.
pub fn roles<R: AsRef<[S]>, S: AsRef<str>>(columns: &[Vec<String>], rows: &[R]) -> Vec<Role> {
    let mut roles: Vec<Role> = columns
        .iter()
        .enumerate()
        .map(|(c, path)| {
            let header = header_text(path);
            let last: String = path
                .last()
                .map(|s| without_whitespace(s))
                .unwrap_or_default();
            let values: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.as_ref().get(c))
                .map(|s| s.as_ref().trim())
                .filter(|s| !s.is_empty())
                .collect();
            let share = |f: &dyn Fn(&str) -> bool| {
                if values.is_empty() {
                    0.0
                } else {
                    values.iter().filter(|v| f(v)).count() as f32 / values.len() as f32
                }
            };
            let figures = share(&|v| is_figure(v) || matches!(v, "-" | "—" | "－"));
            let codes = share(&is_code_like);
            let names_a_code =
                header.contains("编码") || header.contains("代码") || header.contains("编号");
            match last.as_str() {
                "类" => return Role::CodePart(0),
                "款" => return Role::CodePart(1),
                "项" => return Role::CodePart(2),
                _ => {}
            }
            let labels_by_header = LABEL_WORDS.iter().any(|w| last.contains(w));
            let years = !values.is_empty() && share(&is_year) >= 0.8;
            if (labels_by_header || years) && !names_a_code {
                return Role::Text;
            }
            let names_a_classification =
                last.ends_with("科目") && !last.contains("名称") && codes >= 0.5;
            if names_a_code
                || names_a_classification
                || (codes >= 0.8 && !values.is_empty() && !header.contains("金额"))
            {
                Role::Code(scheme_from_header(&header))
            } else if figures >= FIGURE_SHARE
                || (values.is_empty()
                    && AMOUNT_WORDS.iter().any(|w| last.contains(w))
                    && !last.contains("名称"))
            {
                Role::Amount
            } else if header.contains("名称")
                || last == "项目"
                || last == "科目"
                || last.ends_with("项目") && !last.contains("支出")
            {
                Role::Name
            } else {
                Role::Text
            }
        })
        .collect();
    if !roles.contains(&Role::Name)
        && let Some(first_text) = roles.iter().position(|r| *r == Role::Text)
    {
        roles[first_text] = Role::Name;
    }
    // A 预算单位 column beside the row names holds the unit each block is for.
    let names = roles.iter().filter(|r| **r == Role::Name).count();
    for (c, path) in columns.iter().enumerate() {
        let last = path.last().map(String::as_str).unwrap_or("");
        let unit_column = matches!(last, "预算单位" | "单位名称" | "预算单位名称" | "单位");
        if unit_column
            && matches!(roles[c], Role::Name | Role::Text)
            && (names >= 2 || roles[c] == Role::Text)
        {
            roles[c] = Role::UnitName;
        }
    }
    roles
}

/// Sides of a two-sided summary table: each column's first heading says 收入
/// or 支出; None when the table is not two-sided.
pub fn sides(columns: &[Vec<String>]) -> Option<Vec<&'static str>> {
    let side = |path: &Vec<String>| {
        let top = path.first().map(String::as_str).unwrap_or("");
        if top.contains("收入") {
            Some("income")
        } else if top.contains("支出") {
            Some("expenditure")
        } else {
            None
        }
    };
    let all: Option<Vec<&'static str>> = columns.iter().map(side).collect();
    all.filter(|s| s.contains(&"income") && s.contains(&"expenditure"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roles_from_headers_and_values() {
        let columns = vec![
            p(&["项目", "功能分类科目编码", "类"]),
            p(&["项目", "功能分类科目编码", "款"]),
            p(&["项目", "功能分类科目编码", "项"]),
            p(&["项目", "功能分类科目名称"]),
            p(&["收入预算", "合计"]),
            p(&["收入预算", "事业收入"]),
        ];
        let rows = vec![
            p(&["204", "06", "01", "行政运行", "16726725.44", ""]),
            p(&["合计", "", "", "", "12345678.90", ""]),
        ];
        assert_eq!(
            roles(&columns, &rows),
            vec![
                Role::CodePart(0),
                Role::CodePart(1),
                Role::CodePart(2),
                Role::Name,
                Role::Amount,
                Role::Amount
            ]
        );
        let summary = vec![
            p(&["本年收入", "项目"]),
            p(&["本年收入", "预算数"]),
            p(&["本年支出", "项目"]),
            p(&["本年支出", "预算数"]),
        ];
        assert_eq!(
            sides(&summary).unwrap(),
            vec!["income", "income", "expenditure", "expenditure"]
        );
        assert!(sides(&columns).is_none());
    }

    #[test]
    fn numbers_that_are_not_money_are_labels() {
        let columns = vec![
            p(&["序号"]),
            p(&["项目名称"]),
            p(&["年度"]),
            p(&["数量"]),
            p(&["预算金额"]),
        ];
        let rows = vec![
            p(&["1", "办公设备", "2026年", "12", "3.50"]),
            p(&["2", "车辆", "2026年", "1", "20.00"]),
        ];
        assert_eq!(
            roles(&columns, &rows),
            vec![Role::Text, Role::Name, Role::Text, Role::Text, Role::Amount]
        );
    }
}
