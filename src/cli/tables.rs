//! `budgetpdf tables FILE`: each table (title, pages, unit, header paths, rows)
//! readably, or as CSV or JSON.

use budgetpdf::output::document::TableJson;
use std::io::Write;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Csv,
    Json,
}

pub fn run(path: &Path, format: Format) -> i32 {
    let bytes = match super::read_file(path) {
        Ok(b) => b,
        Err(message) => {
            eprintln!("{message}");
            return 1;
        }
    };
    let doc = budgetpdf::extract(&bytes, &path.to_string_lossy());
    if let Some(e) = &doc.error {
        eprintln!("budgetpdf: {}: {} ({})", path.display(), e.message, e.kind);
        return 1;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match format {
        Format::Text => doc.tables.iter().try_for_each(|t| write_text(&mut out, t)),
        Format::Csv => doc.tables.iter().try_for_each(|t| write_csv(&mut out, t)),
        Format::Json => serde_json::to_writer_pretty(&mut out, &doc.tables)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
    };
    match result.and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("budgetpdf: cannot write output: {e}");
            1
        }
    }
}

fn write_text(out: &mut impl Write, t: &TableJson) -> std::io::Result<()> {
    let pages: Vec<String> = t.pages.iter().map(u32::to_string).collect();
    writeln!(
        out,
        "== {} [{}] {} — pages {} — unit {}",
        t.id,
        t.kind,
        t.title.as_deref().unwrap_or("(untitled)"),
        pages.join(","),
        t.unit.as_deref().unwrap_or("?")
    )?;
    for (i, path) in t.columns.iter().enumerate() {
        writeln!(out, "  col {}: {}", i + 1, path.join(" / "))?;
    }
    for row in &t.rows {
        writeln!(out, "  p{:<3} | {}", row.page, row.cells.join(" | "))?;
    }
    writeln!(out)
}

/// One CSV block per table: a comment line with the title, the header paths
/// joined by " / ", then the rows (RFC 4180 quoting).
fn write_csv(out: &mut impl Write, t: &TableJson) -> std::io::Result<()> {
    writeln!(out, "# {} {}", t.id, t.title.as_deref().unwrap_or(""))?;
    let header: Vec<String> = t.columns.iter().map(|p| p.join(" / ")).collect();
    writeln!(out, "page,{}", csv_line(&header))?;
    for row in &t.rows {
        writeln!(out, "{},{}", row.page, csv_line(&row.cells))?;
    }
    writeln!(out)
}

pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    fields
        .iter()
        .map(|f| {
            let f = f.as_ref();
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}
