//! Scans read by OCR. A sample's pages are rendered to grey JPEG at 300 and
//! 150 dpi, turned by up to 0.6° and sprinkled with noise, and wrapped in a
//! PDF without text (scripts/make_scans.py: pdftoppm and Pillow, which
//! scripts/setup.sh installs with Tesseract). The scan's document JSON is
//! judged against the sample's own (its text layer is the truth): tables
//! found, and amount cells read exactly. A document with a text layer reads
//! the same with OCR on or off.

mod support;

use budgetpdf::model::check::Status;
use budgetpdf::output::DocumentJson;
use budgetpdf::{ExtractOptions, OcrMode};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A scan of `pdf` at `dpi`, made in `dir`.
fn scan(pdf: &Path, dpi: u32, dir: &Path) -> Vec<u8> {
    let out = dir.join(format!("scan-{dpi}.pdf"));
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/make_scans.py");
    let made = Command::new(support::python())
        .arg(&script)
        .args(["--dpi", &dpi.to_string()])
        .arg(pdf)
        .arg(&out)
        .output()
        .expect("python runs");
    assert!(
        made.status.success(),
        "make_scans.py failed (run scripts/setup.sh: it installs poppler-utils, Tesseract and Pillow): {}",
        String::from_utf8_lossy(&made.stderr)
    );
    std::fs::read(out).unwrap()
}

fn is_amount(text: &str) -> bool {
    let t = text.trim();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
        && digits > 2
        || (t.contains('.') && digits > 0 && t.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// How a scan's tables were read against the original's.
struct Score {
    found: usize,
    tables: usize,
    right: usize,
    cells: usize,
    /// For each scan table, the original table it was paired with.
    paired: HashMap<String, usize>,
}

/// The amount-like cells of a table, without spaces.
fn figures(t: &budgetpdf::output::document::TableJson) -> Vec<String> {
    t.rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|c| is_amount(c))
        .map(|c| c.replace(' ', ""))
        .collect()
}

/// Tables pair on their first page, the pairs sharing most figures first;
/// a figure is right when the paired table has it in the same column (rows
/// may split differently, so they are not paired).
fn score(truth: &DocumentJson, scan: &DocumentJson) -> Score {
    let mut pairs = Vec::new();
    for (ti, t) in truth.tables.iter().enumerate() {
        let wanted = figures(t);
        for (si, s) in scan.tables.iter().enumerate() {
            if s.pages.first() == t.pages.first() {
                // Figures in common, each as often as both print it.
                let mut left = wanted.clone();
                let shared = figures(s)
                    .iter()
                    .filter(|f| {
                        left.iter()
                            .position(|w| w == *f)
                            .map(|i| left.swap_remove(i))
                            .is_some()
                    })
                    .count();
                pairs.push((std::cmp::Reverse(shared), ti, si));
            }
        }
    }
    pairs.sort();
    let mut matched: HashMap<usize, usize> = HashMap::new();
    for (_, ti, si) in pairs {
        if !matched.contains_key(&ti) && !matched.values().any(|&s| s == si) {
            matched.insert(ti, si);
        }
    }
    let (mut right, mut cells) = (0, 0);
    for (ti, t) in truth.tables.iter().enumerate() {
        let mut pool: HashMap<(usize, String), usize> = HashMap::new();
        for row in matched
            .get(&ti)
            .map_or(&[][..], |&si| &scan.tables[si].rows[..])
        {
            for (c, cell) in row.cells.iter().enumerate() {
                *pool.entry((c, cell.replace(' ', ""))).or_default() += 1;
            }
        }
        for row in &t.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                if !is_amount(cell) {
                    continue;
                }
                cells += 1;
                if let Some(n) = pool.get_mut(&(c, cell.replace(' ', "")))
                    && *n > 0
                {
                    *n -= 1;
                    right += 1;
                }
            }
        }
    }
    Score {
        found: matched.len(),
        tables: truth.tables.len(),
        right,
        cells,
        paired: matched
            .iter()
            .map(|(&ti, &si)| (scan.tables[si].id.clone(), ti))
            .collect(),
    }
}

/// Every identity that fails on the scan either fails in the original too
/// (the publisher's figures disagree), or names the cells it compared (and
/// rows printed among them but left out), one of which was misread: the
/// original has no row with its code and its figure in that column.
/// Returns how many failed for a misread cell, and the others. Returns how many failed for a misreading.
fn failures_name_misread_cells(
    truth: &DocumentJson,
    scan: &DocumentJson,
    score: &Score,
) -> (usize, Vec<String>) {
    let (mut named, mut unexplained) = (0, Vec::new());
    for check in scan.checks.iter().filter(|c| c.status == Status::Fail) {
        let Some(original) = check.table.as_ref().and_then(|t| score.paired.get(t)) else {
            continue;
        };
        let original = &truth.tables[*original];
        let fails_there = truth.checks.iter().any(|c| {
            c.id == check.id
                && c.status == Status::Fail
                && c.table.as_deref() == Some(original.id.as_str())
        });
        if fails_there {
            continue;
        }
        // Read right: the original has a row with that code and that figure
        // in that column.
        let read_right = |cell: &budgetpdf::model::check::CheckCell| {
            original.records.iter().any(|r| {
                r.code.as_deref() == cell.code.as_deref()
                    && r.amounts.iter().any(|a| {
                        a.column_index == cell.column
                            && a.printed.replace(' ', "") == cell.printed.replace(' ', "")
                    })
            })
        };
        let misread = check.cells.iter().any(|c| !read_right(c));
        if misread {
            named += 1;
        } else {
            unexplained.push(format!("{}: {} {:?}", check.id, check.message, check.cells));
        }
    }
    (named, unexplained)
}

/// Every figure OCR read keeps its confidence, and the identities confirm
/// some: `ocr_confirmed` + `ocr_unconfirmed` counts them all.
fn figures_keep_their_confidence(scan: &DocumentJson) {
    let read: Vec<_> = scan
        .tables
        .iter()
        .flat_map(|t| t.records.iter())
        .flat_map(|r| r.amounts.iter())
        .filter(|a| !a.printed.trim().is_empty())
        .collect();
    assert!(read.iter().all(|a| a.confidence.is_some()));
    let confirmed = scan.source.ocr_confirmed.expect("ocr_confirmed");
    let unconfirmed = scan.source.ocr_unconfirmed.expect("ocr_unconfirmed");
    assert_eq!(confirmed + unconfirmed, read.len());
    assert!(
        confirmed * 5 > read.len(),
        "{confirmed} of {} figures confirmed",
        read.len()
    );
}

/// The 14 pages of a tables-only sample, scanned at 300 and 150 dpi: every
/// page read by OCR, nine tables in ten found, 97% / 95% of its figures read
/// exactly (it reads 98.3% / 97.6%; over the four samples 99.3% / 97.4%, the
/// README's table), every failing identity explained, every figure with its
/// confidence.
#[test]
fn scans_of_a_sample_give_its_tables_and_figures() {
    let sample = samples_dir().join("js-party-office-2017-dept-budget-tables.pdf");
    let truth = budgetpdf::extract(&std::fs::read(&sample).unwrap(), "sample.pdf");
    let dir = tempfile::tempdir().unwrap();
    for (dpi, least_figures) in [(300, 0.97), (150, 0.95)] {
        let bytes = scan(&sample, dpi, dir.path());
        let read = budgetpdf::extract(&bytes, "scan.pdf");
        assert!(read.error.is_none(), "{dpi} dpi: {:?}", read.error);
        let pages: Vec<u32> = (1..=read.source.pages).collect();
        assert_eq!(read.source.ocr, pages, "{dpi} dpi: every page is OCR'd");
        let score = score(&truth, &read);
        let (found, tables, right, cells) = (score.found, score.tables, score.right, score.cells);
        let (misread, unexplained) = failures_name_misread_cells(&truth, &read, &score);
        eprintln!(
            "{dpi} dpi: tables {found}/{tables}, amount cells {right}/{cells}, \
             {misread} identities fail for a misread cell, {} name none",
            unexplained.len()
        );
        // At 150 dpi a misread header can change which columns an identity
        // sums (its cells all read right): one such is allowed there.
        let allowed = if dpi >= 300 { 0 } else { 1 };
        assert!(
            unexplained.len() <= allowed,
            "{dpi} dpi: identities failing on the scan but not in the original name no misread cell: {unexplained:#?}"
        );
        figures_keep_their_confidence(&read);
        assert!(
            found * 10 >= tables * 9,
            "{dpi} dpi: {found} of {tables} tables"
        );
        assert!(
            right as f64 >= least_figures * cells as f64,
            "{dpi} dpi: {right} of {cells} figures"
        );
    }
}

/// Pages with a text layer are never OCR'd: every sample reads byte for
/// byte the same with OCR on (auto) and off.
#[test]
fn a_text_layer_reads_the_same_with_ocr_on_or_off() {
    let mut samples: Vec<PathBuf> = std::fs::read_dir(samples_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    samples.sort();
    assert!(samples.len() >= 4);
    for path in samples {
        let bytes = std::fs::read(&path).unwrap();
        let with = |ocr| {
            let options = ExtractOptions {
                ocr,
                ..ExtractOptions::default()
            };
            serde_json::to_string(&budgetpdf::extract_with(&bytes, "s.pdf", &options)).unwrap()
        };
        assert_eq!(
            with(OcrMode::Auto),
            with(OcrMode::Never),
            "{}",
            path.display()
        );
    }
}

/// OCR keeps the document's time limit: the engine is stopped when the
/// deadline passes, and the scan ends as `timeout` within the limit + 2 s.
#[test]
fn ocr_keeps_the_time_limit() {
    let sample = samples_dir().join("js-party-office-2017-dept-budget-tables.pdf");
    let dir = tempfile::tempdir().unwrap();
    let bytes = scan(&sample, 300, dir.path());
    let options = ExtractOptions {
        timeout: Some(std::time::Duration::from_millis(1500)),
        ..ExtractOptions::default()
    };
    let started = std::time::Instant::now();
    let read = budgetpdf::extract_with(&bytes, "scan.pdf", &options);
    let took = started.elapsed();
    assert_eq!(
        read.error.as_ref().map(|e| e.kind),
        Some(budgetpdf::ErrorKind::Timeout),
        "{:?}",
        read.error
    );
    assert!(
        took < std::time::Duration::from_millis(3500),
        "took {took:?}"
    );
}
