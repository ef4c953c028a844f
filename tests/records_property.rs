//! Records carry nothing the grid does not.
//!
//! On the corpus: every amount of every record is the very string in its grid
//! cell, and the records of each coded table re-sum to the 合计 row as the grid
//! prints it. On generated tables (proptest): records of any well-formed
//! 类/款/项 table pass every identity check, and changing one printed figure
//! makes the checks fail and name it.

mod support;

use budgetpdf::checks::Status;
use budgetpdf::output::document::{RowJson, TableJson};
use budgetpdf::records::amount::parse_amount;
use proptest::prelude::*;
use rust_decimal::Decimal;

#[test]
fn record_amounts_are_grid_cells_and_resum_to_printed_totals() {
    let mut resummed = 0;
    for (file, doc) in support::extract_corpus() {
        let failing: Vec<&str> = doc
            .checks
            .iter()
            .filter(|c| c.status == Status::Fail)
            .filter_map(|c| c.table.as_deref())
            .collect();
        for table in &doc.tables {
            for record in &table.records {
                for a in &record.amounts {
                    let cell = &table.rows[record.row].cells[a.column_index];
                    assert_eq!(
                        cell.trim(),
                        a.printed,
                        "{file} {}: record amount differs from its cell",
                        table.id
                    );
                    assert_eq!(parse_amount(cell), Some(a.value));
                }
            }
            if failing.contains(&table.id.as_str()) {
                continue;
            }
            // The grid's own 合计 row (read from the strings) against Σ leaf records.
            let Some(total_row) = table
                .rows
                .iter()
                .position(|r| r.cells.iter().any(|c| c.replace(' ', "") == "合计"))
            else {
                continue;
            };
            let coded: Vec<_> = table
                .records
                .iter()
                .filter(|r| r.code.is_some() && !r.total && r.side.is_none())
                .collect();
            let leaves: Vec<_> = coded
                .iter()
                .filter(|r| {
                    let code = r.code.as_deref().unwrap();
                    !coded.iter().any(|o| {
                        o.code
                            .as_deref()
                            .is_some_and(|c| c.len() > code.len() && c.starts_with(code))
                    })
                })
                .collect();
            if leaves.is_empty() {
                continue;
            }
            for (c, printed) in table.rows[total_row].cells.iter().enumerate() {
                let Some(total) = parse_amount(printed).filter(|_| !printed.trim().is_empty())
                else {
                    continue;
                };
                let values: Vec<Decimal> = leaves
                    .iter()
                    .filter_map(|r| {
                        r.amounts
                            .iter()
                            .find(|a| a.column_index == c)
                            .map(|a| a.value)
                    })
                    .collect();
                if values.is_empty() {
                    continue;
                }
                let sum: Decimal = values.iter().sum();
                assert_eq!(
                    sum, total,
                    "{file} {} column {c}: Σ leaf records ≠ printed 合计",
                    table.id
                );
                resummed += 1;
            }
        }
    }
    assert!(resummed >= 40, "only {resummed} columns re-summed");
}

/// A well-formed function-classified table: 类 rows over 款 rows over 项 rows,
/// two amount columns (合计 = 基本 + 项目), a 合计 row, amounts in 元 with cents.
fn table_from(leaves: &[Vec<(u32, u32)>]) -> TableJson {
    let mut rows = Vec::new();
    let mut total = (Decimal::ZERO, Decimal::ZERO);
    let fmt = |d: Decimal| format!("{:.2}", d);
    for (k, kuan) in leaves.iter().enumerate() {
        let class = format!("2{:02}", k + 1);
        let sums: Vec<(Decimal, Decimal)> = kuan
            .iter()
            .map(|&(b, p)| (Decimal::new(b.into(), 2), Decimal::new(p.into(), 2)))
            .collect();
        let (cb, cp) = sums.iter().fold((Decimal::ZERO, Decimal::ZERO), |a, s| {
            (a.0 + s.0, a.1 + s.1)
        });
        rows.push(vec![
            class.clone(),
            String::new(),
            String::new(),
            format!("类{k}"),
            fmt(cb + cp),
            fmt(cb),
            fmt(cp),
        ]);
        rows.push(vec![
            class.clone(),
            "01".into(),
            String::new(),
            format!("款{k}"),
            fmt(cb + cp),
            fmt(cb),
            fmt(cp),
        ]);
        for (x, (b, p)) in sums.iter().enumerate() {
            rows.push(vec![
                class.clone(),
                "01".into(),
                format!("{:02}", x + 1),
                format!("项{k}{x}"),
                fmt(b + p),
                fmt(*b),
                fmt(*p),
            ]);
        }
        total = (total.0 + cb, total.1 + cp);
    }
    rows.push(vec![
        "合计".into(),
        String::new(),
        String::new(),
        String::new(),
        fmt(total.0 + total.1),
        fmt(total.0),
        fmt(total.1),
    ]);
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    TableJson {
        id: "t1".into(),
        kind: "expenditure".into(),
        title: Some("部门支出预算表".into()),
        number: None,
        title_source: None,
        pages: vec![1],
        unit: Some("元".into()),
        department: None,
        columns: vec![
            path(&["科目编码", "类"]),
            path(&["科目编码", "款"]),
            path(&["科目编码", "项"]),
            path(&["科目名称"]),
            path(&["合计"]),
            path(&["基本支出"]),
            path(&["项目支出"]),
        ],
        rows: rows
            .into_iter()
            .map(|cells| RowJson {
                page: 1,
                cells: cells.into_iter().map(Into::into).collect(),
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

fn check(table: &TableJson) -> Vec<budgetpdf::checks::Check> {
    let mut t = table.clone();
    t.records = budgetpdf::records::rows::records(&t);
    budgetpdf::checks::tables::check_table(&t)
}

proptest! {
    #[test]
    fn well_formed_tables_pass_and_one_changed_figure_fails(
        leaves in prop::collection::vec(prop::collection::vec((0u32..10_000_000, 0u32..10_000_000), 1..5), 1..5),
        pick in any::<prop::sample::Index>(),
        delta in 100u32..100_000,
    ) {
        let table = table_from(&leaves);
        let checks = check(&table);
        prop_assert!(checks.len() >= 3);
        prop_assert!(checks.iter().all(|c| c.status == Status::Pass), "{checks:?}");

        // Change one leaf figure in the 基本支出 column by at least 1.00 (far
        // beyond what rounding allows): the table no longer holds together.
        let leaf_rows: Vec<usize> = table.rows.iter().enumerate().filter(|(_, r)| !r.cells[2].is_empty()).map(|(i, _)| i).collect();
        let row = leaf_rows[pick.index(leaf_rows.len())];
        let mut broken = table.clone();
        let old = parse_amount(&broken.rows[row].cells[5]).unwrap();
        broken.rows[row].cells[5] = format!("{:.2}", old + Decimal::new(delta.into(), 2)).into();
        let checks = check(&broken);
        let failed: Vec<&str> = checks.iter().filter(|c| c.status == Status::Fail).map(|c| c.id.as_str()).collect();
        prop_assert!(failed.contains(&"total_equals_leaves"), "{failed:?}");
        prop_assert!(failed.contains(&"parent_equals_children"), "{failed:?}");
        prop_assert!(failed.contains(&"total_column_equals_parts"), "{failed:?}");

        // A change of one cent is what rounding each figure allows: reported
        // as `rounding`, never passed and never an alarm.
        let mut nudged = table.clone();
        nudged.rows[row].cells[5] = format!("{:.2}", old + Decimal::new(1, 2)).into();
        let checks = check(&nudged);
        let total = checks.iter().find(|c| c.id == "total_equals_leaves").unwrap();
        prop_assert_eq!(total.status, Status::Rounding);
        prop_assert_eq!(total.difference, Some(Decimal::new(-1, 2)));
    }
}
