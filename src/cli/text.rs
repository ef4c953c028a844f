//! `budgetpdf text FILE`: each page's text, or with `--json` its glyphs and graphics.

use budgetpdf::layout::page_text;
use budgetpdf::pdf;
use std::io::Write;
use std::path::Path;

pub fn run(path: &Path, only_page: Option<u32>, json: bool) -> i32 {
    let bytes = match super::read_file(path) {
        Ok(b) => b,
        Err(message) => {
            eprintln!("{message}");
            return 1;
        }
    };
    let doc = match pdf::read_with(&bytes, &budgetpdf::read_options(budgetpdf::OcrMode::Auto)) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("budgetpdf: {}: {} ({})", path.display(), e.message, e.kind);
            return 1;
        }
    };
    if let Some(n) = only_page
        && (n == 0 || n as usize > doc.pages.len())
    {
        eprintln!(
            "budgetpdf: {}: there is no page {n}; the document has {} pages",
            path.display(),
            doc.pages.len()
        );
        return 2;
    }
    let pages: Vec<&pdf::Page> = doc
        .pages
        .iter()
        .filter(|p| only_page.is_none_or(|n| p.number == n))
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = if json {
        serde_json::to_writer_pretty(&mut out, &pages)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
    } else {
        write_text(&mut out, &pages)
    };
    for d in &doc.diagnostics {
        let page = d.page.map(|p| format!(" page {p}")).unwrap_or_default();
        eprintln!("budgetpdf: {}{page}: {}", path.display(), d.message);
    }
    match result.and_then(|_| out.flush()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("budgetpdf: cannot write output: {e}");
            1
        }
    }
}

fn write_text(out: &mut impl Write, pages: &[&pdf::Page]) -> std::io::Result<()> {
    for page in pages {
        writeln!(out, "{}", page_text(page))?;
        out.write_all(b"\x0c")?;
    }
    Ok(())
}
