//! Body rows → records: the code joined from 类/款/项 columns (carried down
//! when a row prints only its lower parts) or read whole, its level and
//! scheme, the row's name, its amounts in the table's unit and in 元, and its
//! other text cells as attributes (filled down where an indicator table merges
//! cells). A two-sided summary row gives one record per side.

use super::amount::{parse_amount, yuan_per_unit};
use super::columns::{Role, roles, sides};
use super::{Amount, Attributes, CodeScheme, Record};
use crate::model::document::TableJson;
use crate::table::header::are_column_numbers;
use compact_str::CompactString;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::layout::join::without_whitespace as squeeze;

/// A 合计 / 总计 / 小计 row, by its label.
pub fn is_total_label(name: &str) -> bool {
    let n = squeeze(name);
    n.contains("合计") || n.contains("总计") || n == "小计"
}

fn scheme_of(code: &str, hint: Option<CodeScheme>) -> Option<CodeScheme> {
    hint.or(match code.chars().next() {
        Some('2') => Some(CodeScheme::Function),
        Some('3') => Some(CodeScheme::EconomicDepartment),
        Some('5') => Some(CodeScheme::EconomicGovernment),
        _ => None,
    })
}

fn level_of(code: &str, scheme: Option<CodeScheme>) -> Option<&'static str> {
    match (scheme, code.len()) {
        (Some(CodeScheme::Unit), _) => None,
        (_, 3) => Some("类"),
        (_, 5) => Some("款"),
        (Some(CodeScheme::Function) | None, 7) => Some("项"),
        _ => None,
    }
}

fn digits_only(text: &str) -> Option<String> {
    let t = squeeze(text);
    (!t.is_empty() && t.chars().all(|c| c.is_ascii_digit())).then_some(t)
}

/// Per column group, what carries from one row to the next.
#[derive(Default)]
struct GroupState {
    carried: [Option<String>; 3],
    previous_text: BTreeMap<usize, String>,
    /// The last whole code read from a code column, to expand short ones.
    last_code: Option<String>,
}

/// Records of one table.
pub fn records(table: &TableJson) -> Vec<Record> {
    let rows: Vec<&[CompactString]> = table.rows.iter().map(|r| &r.cells[..]).collect();
    let roles = roles(&table.columns, &rows);
    let groups: Vec<(Option<&'static str>, Vec<usize>)> = match sides(&table.columns) {
        Some(s) => ["income", "expenditure"]
            .iter()
            .flat_map(|side| {
                let cols: Vec<usize> = (0..roles.len()).filter(|&c| s[c] == *side).collect();
                let side_roles: Vec<Role> = cols.iter().map(|&c| roles[c]).collect();
                repeated_groups(&side_roles)
                    .into_iter()
                    .map(|g| (Some(*side), g.into_iter().map(|i| cols[i]).collect()))
                    .collect::<Vec<_>>()
            })
            .collect(),
        None => repeated_groups(&roles)
            .into_iter()
            .map(|g| (None, g))
            .collect(),
    };
    let mut states: Vec<GroupState> = groups.iter().map(|_| GroupState::default()).collect();
    // Each header path once, shared by its column's amounts.
    let headers: Vec<Arc<[String]>> = table.columns.iter().map(|c| Arc::from(&c[..])).collect();
    let mut out = Vec::new();
    for r in 0..table.rows.len() {
        // A column-number row (栏次 1 2 3, ** 1 2) printed under the header
        // on a continuation page is not data.
        let cells: Vec<&str> = table.rows[r]
            .cells
            .iter()
            .map(CompactString::as_str)
            .collect();
        if are_column_numbers(&cells) {
            continue;
        }
        let mut candidates: Vec<Option<Record>> = groups
            .iter()
            .zip(states.iter_mut())
            .map(|((side, cols), state)| {
                group_record(table, &headers, &roles, r, *side, cols, state)
            })
            .collect();
        merge_spanning_labels(&mut candidates);
        out.extend(candidates.into_iter().flatten());
    }
    mark_units(&mut out);
    mark_leaves(&mut out);
    out
}

/// Rows printed after a unit's row (311, then 311001, or a row naming the
/// unit in a 预算单位 column) belong to that unit.
fn mark_units(records: &mut [Record]) {
    let mut current: Option<CompactString> = None;
    let mut current_name: Option<CompactString> = None;
    for r in records.iter_mut() {
        if r.code_scheme == Some(CodeScheme::Unit) {
            current = r.code.clone();
        } else if r.code.is_none() && r.unit_name.is_some() {
            current_name = r.unit_name.clone();
        } else if r.code.is_some() {
            r.unit = current.clone();
            if r.unit_name.is_none() {
                r.unit_name = current_name.clone();
            }
        }
    }
}

/// Coded records that no other record of the same side and unit block
/// extends. Unit rows are subtotals, never leaves.
fn mark_leaves(records: &mut [Record]) {
    type Key = (
        Option<CompactString>,
        Option<CompactString>,
        Option<CompactString>,
        Option<String>,
        CompactString,
    );
    let codes: Vec<Key> = records
        .iter()
        .filter(|r| r.code_scheme != Some(CodeScheme::Unit))
        .filter_map(|r| {
            r.code.clone().map(|c| {
                let block = other_class(r).map(str::to_string);
                (
                    r.side.clone(),
                    r.unit.clone(),
                    r.unit_name.clone(),
                    block,
                    c,
                )
            })
        })
        .collect();
    for r in records.iter_mut() {
        let block = other_class(r).map(str::to_string);
        let extended = |code: &str| {
            codes.iter().any(|(side, unit, unit_name, other, c)| {
                *side == r.side
                    && *unit == r.unit
                    && *unit_name == r.unit_name
                    && same_block(other.as_deref(), block.as_deref())
                    && c.len() > code.len()
                    && c.starts_with(code)
            })
        };
        // A row under a unit code that names a project (its unit named in a
        // column of its own) is a project, not the unit's subtotal.
        let project_of_unit = r.unit_name.is_some() && !is_organisation(&r.name);
        r.leaf = !r.total
            && (r.code_scheme != Some(CodeScheme::Unit) || project_of_unit)
            && r.code.as_deref().is_some_and(|c| !extended(c));
    }
}

/// The 类 of a row's second code (501 of 50101): where a table prints a
/// 部门 and a 政府 economic code side by side, each 政府 类 heads a block that
/// repeats the 部门 codes (301 under 501, 301 again under 505).
pub fn other_class(record: &Record) -> Option<&str> {
    record.code_other.as_deref().and_then(|c| c.get(..3))
}

/// Two rows' second-code classes put them in the same block: equal, or one
/// of them printed without a second code.
pub fn same_block(a: Option<&str>, b: Option<&str>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// A label spanning into the next column group ("支出合计" over the name and
/// amount columns of one group, its figure in the next) belongs to the group
/// holding the figure.
fn merge_spanning_labels(candidates: &mut [Option<Record>]) {
    for g in 1..candidates.len() {
        let (before, after) = candidates.split_at_mut(g);
        let (Some(prev), Some(next)) = (before[g - 1].as_ref(), after[0].as_mut()) else {
            continue;
        };
        let prev_blank = prev.amounts.iter().all(|a| a.printed.is_empty());
        if next.name.is_empty() && next.code.is_none() && prev_blank && prev.side == next.side {
            next.name = prev.name.clone();
            next.total = prev.total;
            before[g - 1] = None;
        }
    }
}

fn group_record(
    table: &TableJson,
    headers: &[Arc<[String]>],
    roles: &[Role],
    r: usize,
    side: Option<&'static str>,
    cols: &[usize],
    state: &mut GroupState,
) -> Option<Record> {
    let row = &table.rows[r];
    let per_yuan = table.unit.as_deref().and_then(yuan_per_unit);
    let fill_down = table.kind.ends_with("performance_targets");
    let cell = |c: usize| row.cells.get(c).map(|s| s.trim()).unwrap_or("");
    let mut parts: [Option<String>; 3] = [None, None, None];
    let mut codes: Vec<(String, Option<CodeScheme>)> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut name = String::new();
    let mut attributes = Attributes::default();
    let mut unit_name = None;
    // Room for every amount column at once: growing the list would leave a
    // long book's records with spare room, or copies to shrink them.
    let amount_columns = cols.iter().filter(|&&c| matches!(roles[c], Role::Amount));
    let mut amounts = Vec::with_capacity(amount_columns.count());
    let (mut seen_class, mut second_code) = (false, false);
    let mut other_parts: Vec<String> = Vec::new();
    for &c in cols {
        let text = cell(c);
        if second_code && matches!(roles[c], Role::CodePart(_)) {
            if let Some(d) = digits_only(text) {
                other_parts.push(d);
            }
            continue;
        }
        match roles[c] {
            // A second 类 column starts a second code (政府预算经济分类 beside
            // 部门预算经济分类); it is kept as `code_other`.
            Role::CodePart(0) if seen_class => {
                second_code = true;
                if let Some(d) = digits_only(text) {
                    other_parts.push(d);
                }
            }
            Role::CodePart(_) if second_code => {}
            Role::CodePart(level) => {
                seen_class |= level == 0;
                match digits_only(text) {
                    // Spreadsheets drop leading zeros ("2" for 款 02); a part has a fixed width.
                    Some(d) => {
                        parts[usize::from(level)] = Some(pad(&d, if level == 0 { 3 } else { 2 }))
                    }
                    None if !text.is_empty() => labels.push(text.to_string()),
                    None => {}
                }
            }
            Role::Code(hint) => match digits_only(text) {
                Some(d) => codes.push((d, hint)),
                None if !text.is_empty() => labels.push(text.to_string()),
                None => {}
            },
            Role::Name => {
                if name.is_empty() {
                    name = text.to_string();
                }
            }
            Role::UnitName => {
                if !text.is_empty() {
                    unit_name = Some(text.to_string());
                }
            }
            Role::Amount => {
                if let Some(value) = parse_amount(text) {
                    amounts.push(Amount {
                        column: headers[c].clone(),
                        column_index: c,
                        printed: text.into(),
                        value,
                        value_yuan: per_yuan.and_then(|k| value.checked_mul(k)),
                        confidence: row.confidence.get(c).copied().flatten(),
                    });
                } else if !text.is_empty() {
                    attributes.insert(header_key(&table.columns[c]), text);
                }
            }
            Role::Text => {
                let mut value = text.to_string();
                if value.is_empty() && fill_down {
                    value = state.previous_text.get(&c).cloned().unwrap_or_default();
                }
                if !value.is_empty() {
                    state.previous_text.insert(c, value.clone());
                    attributes.insert(header_key(&table.columns[c]), value);
                }
            }
        }
    }
    // A unit code printed in the name column ("311" over its projects): the
    // row is the unit's subtotal, named by the unit column beside it.
    if codes.is_empty()
        && parts.iter().all(Option::is_none)
        && let Some(d) = digits_only(&name).filter(|d| d.len() >= 3)
    {
        codes.push((d, Some(CodeScheme::Unit)));
        name = attributes.values().next().unwrap_or_default().to_string();
    }
    if let Some((first, _)) = codes.first_mut() {
        *first = expand_short_code(first, state.last_code.as_deref());
        state.last_code = Some(first.clone());
    }
    let code =
        joined_code(&mut state.carried, &parts).or_else(|| codes.first().map(|(d, _)| d.clone()));
    let hint = codes.first().and_then(|(_, h)| *h).or(parts
        .iter()
        .any(Option::is_some)
        .then_some(CodeScheme::Function));
    if name.is_empty() {
        name = labels.first().cloned().unwrap_or_default();
    }
    // A row naming only its unit is that unit's subtotal row.
    if name.is_empty() && code.is_none() {
        name = unit_name.clone().unwrap_or_default();
    }
    if name.is_empty() && code.is_none() && amounts.iter().all(|a| a.printed.is_empty()) {
        return None;
    }
    let scheme = code.as_deref().and_then(|c| scheme_of(c, hint)).map(|s| {
        if code.as_deref().is_some_and(|c| is_unit_code(c, &name)) {
            CodeScheme::Unit
        } else {
            s
        }
    });
    Some(Record {
        page: row.page,
        row: r,
        side: side.map(CompactString::from),
        code_level: code
            .as_deref()
            .and_then(|c| level_of(c, scheme))
            .map(CompactString::from),
        code_scheme: scheme,
        code_other: codes
            .get(1)
            .map(|(d, _)| CompactString::from(d.as_str()))
            .or_else(|| (!other_parts.is_empty()).then(|| other_parts.concat().into())),
        total: is_total_label(&name) || labels.iter().any(|l| is_total_label(l)),
        leaf: false,
        unit: None,
        unit_name: unit_name.map(CompactString::from),
        code: code.map(CompactString::from),
        name: name.into(),
        attributes,
        amounts,
    })
}

/// Organisations end in these; classification items (…支出, …费) do not.
const ORGANISATION_SUFFIXES: [&str; 24] = [
    "中心",
    "局",
    "委员会",
    "办公室",
    "办公厅",
    "院",
    "所",
    "站",
    "队",
    "学校",
    "中学",
    "小学",
    "幼儿园",
    "医院",
    "政府",
    "街道",
    "办事处",
    "部",
    "厅",
    "协会",
    "馆",
    "处",
    "委",
    "社",
];

/// A unit code (311 department, 311001 unit) rather than a classification
/// code: six digits, or three digits naming an organisation.
fn is_organisation(name: &str) -> bool {
    let name = name.trim();
    ORGANISATION_SUFFIXES.iter().any(|s| name.ends_with(s))
}

fn is_unit_code(code: &str, name: &str) -> bool {
    let name = name.trim();
    code.len() == 6 || (code.len() == 3 && ORGANISATION_SUFFIXES.iter().any(|s| name.ends_with(s)))
}

fn pad(digits: &str, width: usize) -> String {
    format!("{digits:0>width$}")
}

fn header_key(path: &[String]) -> String {
    path.last().cloned().unwrap_or_default()
}

/// Column groups printed side by side (code, name, amounts | code, name,
/// amounts): a new group starts where a code or name column follows an amount.
fn repeated_groups(roles: &[Role]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
    for (c, role) in roles.iter().enumerate() {
        let starts_row = matches!(role, Role::Code(_) | Role::CodePart(0) | Role::Name);
        let after_amount = c > 0 && roles[c - 1] == Role::Amount;
        if starts_row && after_amount {
            groups.push(Vec::new());
        }
        if let Some(g) = groups.last_mut() {
            g.push(c);
        }
    }
    groups
}

/// 类/款/项 parts joined; a row printing only 款 and 项 takes the 类 above it.
/// A 款 or 项 code printed short under its parent ("10" under 201 is 20110;
/// "01" under 20110 is 2011001): a 2-digit code extends the last class (a
/// 3-digit row, or the class of a 7-digit row before it), or the last 款.
fn expand_short_code(code: &str, last: Option<&str>) -> String {
    match (code.len(), last) {
        (2, Some(prev)) if prev.len() == 5 => format!("{prev}{code}"),
        (2, Some(prev)) if prev.len() == 3 || prev.len() == 7 => format!("{}{code}", &prev[..3]),
        _ => code.to_string(),
    }
}

fn joined_code(carried: &mut [Option<String>; 3], parts: &[Option<String>; 3]) -> Option<String> {
    let deepest = parts.iter().rposition(Option::is_some)?;
    for level in 0..=deepest {
        if let Some(p) = &parts[level] {
            carried[level] = Some(p.clone());
        }
    }
    for slot in carried.iter_mut().skip(deepest + 1) {
        *slot = None;
    }
    let mut code = String::new();
    for part in carried.iter().take(deepest + 1) {
        code.push_str(part.as_deref()?);
    }
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::RowJson;

    fn table(columns: &[&[&str]], rows: &[&[&str]], unit: &str) -> TableJson {
        TableJson {
            id: "t1".into(),
            kind: "income".into(),
            title: None,
            number: None,
            title_source: None,
            pages: vec![1],
            unit: Some(unit.into()),
            department: None,
            columns: columns
                .iter()
                .map(|p| p.iter().map(|s| s.to_string()).collect())
                .collect(),
            rows: rows
                .iter()
                .map(|r| RowJson {
                    page: 1,
                    cells: r.iter().map(|s| CompactString::from(*s)).collect(),
                    confidence: vec![],
                })
                .collect(),
            columns_numbers: vec![],
            column_roles: vec![],
            notes: vec![],
            from_alignment: false,
            records: vec![],
        }
    }

    #[test]
    fn side_by_side_groups_give_separate_records() {
        let t = table(
            &[
                &["科目编码"],
                &["科目名称"],
                &["决算数"],
                &["科目编码"],
                &["科目名称"],
                &["决算数"],
            ],
            &[&[
                "301",
                "工资福利支出",
                "10.00",
                "302",
                "商品和服务支出",
                "5.00",
            ]],
            "万元",
        );
        let recs = records(&t);
        assert_eq!(recs.len(), 2);
        assert_eq!(
            (recs[0].code.as_deref(), recs[1].code.as_deref()),
            (Some("301"), Some("302"))
        );
        assert_eq!(recs[1].amounts[0].printed, "5.00");
    }

    #[test]
    fn codes_join_and_carry_down() {
        let t = table(
            &[&["类"], &["款"], &["项"], &["科目名称"], &["合计"]],
            &[
                &["208", "", "", "社会保障和就业支出", "100.00"],
                &["", "5", "", "行政事业单位养老支出", "100.00"],
                &["", "", "05", "机关事业单位基本养老保险缴费支出", "100.00"],
                &["合计", "", "", "", "100.00"],
            ],
            "万元",
        );
        let recs = records(&t);
        assert_eq!(recs[0].code.as_deref(), Some("208"));
        assert_eq!(recs[1].code.as_deref(), Some("20805"));
        assert_eq!(recs[2].code.as_deref(), Some("2080505"));
        assert_eq!(recs[2].code_level.as_deref(), Some("项"));
        assert!(recs[2].leaf && !recs[1].leaf && !recs[3].leaf);
        assert_eq!(
            recs[2].amounts[0].value_yuan,
            Some(rust_decimal::Decimal::from(1_000_000))
        );
        assert!(recs[3].total);
        assert_eq!(recs[3].name, "合计");
    }

    #[test]
    fn short_codes_units_and_second_code_blocks() {
        // 款 codes printed short under their 类; 7-digit 项 codes whole.
        assert_eq!(expand_short_code("10", Some("201")), "20110");
        assert_eq!(expand_short_code("03", Some("2011002")), "20103");
        assert_eq!(expand_short_code("01", Some("20110")), "2011001");
        assert_eq!(expand_short_code("2011001", Some("20110")), "2011001");
        // Rows repeated under each 政府 class are separate blocks.
        let t = table(
            &[
                &["部门经济科目编码", "类"],
                &["部门经济科目编码", "款"],
                &["科目名称"],
                &["政府经济科目编码", "类"],
                &["政府经济科目编码", "款"],
                &["金额"],
            ],
            &[
                &["301", "", "工资福利支出", "501", "", "10.00"],
                &["301", "01", "基本工资", "501", "01", "10.00"],
                &["301", "", "工资福利支出", "505", "", "5.00"],
                &["301", "01", "基本工资", "505", "01", "5.00"],
            ],
            "万元",
        );
        let rs = records(&t);
        assert_eq!(rs[1].code_other.as_deref(), Some("50101"));
        assert_eq!(other_class(&rs[3]), Some("505"));
        assert!(
            !rs[0].leaf && rs[1].leaf && !rs[2].leaf && rs[3].leaf,
            "{rs:?}"
        );
        // A column-number row is not data.
        let t = table(
            &[&["项目"], &["合计"], &["基本支出"]],
            &[&["栏次", "1", "2"], &["合计", "3.00", "3.00"]],
            "万元",
        );
        assert_eq!(records(&t).len(), 1);
    }
}
