//! A book longer than `memory::LONG_DOCUMENT_PAGES` packs what its pages
//! leave (grid cells, kept glyphs) while the rest is read: every figure of
//! every page's ruled table must still read as printed.

mod support;

use budgetpdf::memory::LONG_DOCUMENT_PAGES;
use support::{PdfBuilder, helvetica};

const COLUMNS: usize = 4;
const BODY_ROWS: usize = 3;

/// The figure printed in body row `row`, column `col` of page `page`.
fn figure(page: usize, row: usize, col: usize) -> String {
    format!("{}.{col:02}", page * 10 + row)
}

/// A ruled table: a header row (Item, A, B, C) and three body rows.
fn page_content(page: usize) -> Vec<u8> {
    let (left, top, width, height) = (72.0, 770.0, 100.0, 20.0);
    let rows = BODY_ROWS + 1;
    let mut content = String::from("0.5 w\n");
    for r in 0..=rows {
        let y = top - height * r as f32;
        let right = left + width * COLUMNS as f32;
        content += &format!("{left} {y} m {right} {y} l S\n");
    }
    for c in 0..=COLUMNS {
        let x = left + width * c as f32;
        let bottom = top - height * rows as f32;
        content += &format!("{x} {top} m {x} {bottom} l S\n");
    }
    for r in 0..rows {
        for c in 0..COLUMNS {
            let text = match (r, c) {
                (0, 0) => "Item".to_string(),
                (0, c) => ["A", "B", "C"][c - 1].to_string(),
                (r, 0) => format!("R{r}"),
                (r, c) => figure(page, r, c),
            };
            let (x, y) = (
                left + width * c as f32 + 5.0,
                top - height * (r + 1) as f32 + 6.0,
            );
            content += &format!("BT /F1 9 Tf {x} {y} Td ({text}) Tj ET\n");
        }
    }
    content.into_bytes()
}

#[test]
fn a_long_books_tables_read_as_printed() {
    let pages = LONG_DOCUMENT_PAGES + 2;
    let mut builder = PdfBuilder::new();
    builder.resource("Font", "F1", helvetica());
    let contents: Vec<Vec<u8>> = (1..=pages).map(page_content).collect();
    let pdf = builder.finish_pages(&contents);
    let doc = budgetpdf::extract(&pdf, "long.pdf");
    assert!(doc.error.is_none(), "{:?}", doc.error);
    let rows: Vec<(u32, Vec<&str>)> = doc
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| r.cells.first().is_some_and(|c| c.starts_with('R')))
        .map(|r| (r.page, r.cells.iter().map(|c| c.as_str()).collect()))
        .collect();
    assert_eq!(rows.len(), pages * BODY_ROWS);
    for (i, (page, cells)) in rows.iter().enumerate() {
        let (p, r) = (i / BODY_ROWS + 1, i % BODY_ROWS + 1);
        assert_eq!(*page as usize, p);
        let expected: Vec<String> = std::iter::once(format!("R{r}"))
            .chain((1..COLUMNS).map(|c| figure(p, r, c)))
            .collect();
        assert_eq!(*cells, expected, "page {p}, row {r}");
    }
}
