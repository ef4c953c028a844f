//! `budgetpdf debug FILE --page N --svg OUT.svg`: a picture of how the page was
//! read (glyph boxes, ruling lines, edges, cells, tables, title candidates,
//! and where continuations were joined or refused).

use budgetpdf::output::svg::page_svg;
use budgetpdf::table::TableSettings;
use std::path::Path;

pub fn run(path: &Path, page: u32, svg_out: &Path) -> i32 {
    let bytes = match super::read_file(path) {
        Ok(b) => b,
        Err(message) => {
            eprintln!("{message}");
            return 1;
        }
    };
    let options = budgetpdf::read_options(budgetpdf::OcrMode::Auto);
    let doc = match budgetpdf::pdf::read_with(&bytes, &options) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("budgetpdf: {}: {} ({})", path.display(), e.message, e.kind);
            return 1;
        }
    };
    let Some(p) = doc.pages.iter().find(|p| p.number == page) else {
        eprintln!(
            "budgetpdf: {}: there is no page {page}; the document has {} pages",
            path.display(),
            doc.pages.len()
        );
        return 2;
    };
    let notes = budgetpdf::table_notes(&doc, page);
    match std::fs::write(svg_out, page_svg(p, &TableSettings::default(), &notes)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("budgetpdf: cannot write {}: {e}", svg_out.display());
            1
        }
    }
}
