//! A sample with a planted publishing error: a ruled 项目支出预算表 whose 合计
//! row is printed 100.00 above the sum of its project rows. The whole pipeline
//! (reading, tables, records, checks) must report it as `fail` with the
//! difference, while the same table printed correctly passes and a 合计 off
//! by one cent is `rounding`. The PDF is written here, object by object, with
//! the non-embedded STSong-Light font over UniGB-UCS2-H that Chinese
//! producers use.

mod support;

use budgetpdf::checks::Status;
use lopdf::{Object, dictionary};
use rust_decimal::Decimal;
use support::PdfBuilder;

fn stsong() -> Object {
    // CIDs 1..95 are the half-width ASCII glyphs of Adobe-GB1.
    let widths: Vec<Object> = vec![1.into(), vec![Object::Integer(500); 95].into()];
    Object::Dictionary(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType0",
            "BaseFont" => "STSong-Light",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("GB1"),
                "Supplement" => 2,
            },
            "DW" => 1000,
            "W" => widths,
        })],
    })
}

/// A text-showing operation at (x, y) in UCS-2.
fn show(x: f32, y: f32, size: f32, text: &str) -> String {
    let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("BT /F1 {size} Tf {x} {y} Td <{hex}> Tj ET\n")
}

/// The page: title, unit line and a ruled grid of 科目编码 | 项目名称 | 金额
/// with a 合计 row printed as `total` over three projects of 100.00 each.
fn project_table(total: &str) -> Vec<u8> {
    let xs = [60.0f32, 160.0, 400.0, 520.0];
    let top = 700.0f32;
    let row_h = 24.0f32;
    let rows: Vec<[&str; 3]> = vec![
        ["科目编码", "项目名称", "金额"],
        ["", "合计", total],
        ["2080101", "行政运行", "100.00"],
        ["2080102", "一般行政管理事务", "100.00"],
        ["2080199", "其他人力资源和社会保障管理事务支出", "100.00"],
    ];
    let mut content = String::new();
    content.push_str(&show(180.0, 760.0, 16.0, "2024年项目支出预算表"));
    content.push_str(&show(440.0, 715.0, 10.0, "单位：万元"));
    content.push_str("0.5 w\n");
    for r in 0..=rows.len() {
        let y = top - row_h * r as f32;
        content.push_str(&format!("{} {y} m {} {y} l S\n", xs[0], xs[3]));
    }
    let bottom = top - row_h * rows.len() as f32;
    for x in xs {
        content.push_str(&format!("{x} {top} m {x} {bottom} l S\n"));
    }
    for (r, cells) in rows.iter().enumerate() {
        let y = top - row_h * (r as f32 + 1.0) + 8.0;
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                content.push_str(&show(xs[c] + 4.0, y, 9.0, text));
            }
        }
    }
    let mut pdf = PdfBuilder::new();
    let font = pdf.add(stsong());
    pdf.resource("Font", "F1", font);
    pdf.finish(content.as_bytes())
}

fn total_check(total: &str) -> budgetpdf::checks::Check {
    let doc = budgetpdf::extract(&project_table(total), "planted.pdf");
    assert!(doc.error.is_none(), "{:?}", doc.error);
    let table = doc
        .tables
        .iter()
        .find(|t| t.kind == "project_expenditure")
        .unwrap_or_else(|| panic!("no project table in {:?}", doc.tables));
    assert_eq!(table.unit.as_deref(), Some("万元"));
    doc.checks
        .into_iter()
        .find(|c| c.id == "total_equals_leaves" && c.table.as_deref() == Some("t1"))
        .expect("the 合计 row is checked against its leaves")
}

#[test]
fn a_total_100_above_its_rows_fails_with_its_difference() {
    let check = total_check("400.00");
    assert_eq!(check.status, Status::Fail, "{check:?}");
    assert_eq!(check.difference, Some(Decimal::new(10000, 2)));
    assert!(check.message.contains("400.00") && check.message.contains("300.00"));
    assert!(!check.pages.is_empty());
}

#[test]
fn the_same_table_printed_right_passes_and_a_cent_is_rounding() {
    assert_eq!(total_check("300.00").status, Status::Pass);
    let cent = total_check("300.01");
    assert_eq!(cent.status, Status::Rounding, "{cent:?}");
    assert_eq!(cent.difference, Some(Decimal::new(1, 2)));
}
