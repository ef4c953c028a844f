//! Tables drawn without rules, or with only some (issue 14): every
//! generated sample is also drawn borderless, as a 三线表 (rules over and
//! under the header and under the body) and with a ruled header over an
//! unruled body (`scripts/gen_samples`, `--rulings`). Each variant is read
//! against the same generator truth as its ruled original, and its checks
//! against the original's: a check that fails on a variant must be about a
//! table the variant misread (the generator makes every identity hold).

mod support;
use support::{page_numbers, strings};

use budgetpdf::checks::Status;
use budgetpdf::output::DocumentJson;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each variant's truth and extraction, with the ruled original's extraction.
struct Variant {
    rules: String,
    truth: Value,
    doc: DocumentJson,
    ruled: DocumentJson,
}

fn extract(file: &str) -> DocumentJson {
    let bytes = std::fs::read(root().join("samples/generated").join(file)).unwrap();
    budgetpdf::extract(&bytes, file)
}

fn variants() -> Vec<Variant> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("samples/truth"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let truths: Vec<Value> = paths
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    let mut ruled: BTreeMap<String, DocumentJson> = BTreeMap::new();
    let mut out = Vec::new();
    for truth in &truths {
        let Some(rules) = truth.get("rules").and_then(Value::as_str) else {
            continue;
        };
        // The original: the truth with the same title, drawn ruled.
        let original = truths
            .iter()
            .find(|t| t.get("rules").is_none() && t["title"] == truth["title"])
            .expect("every variant has a ruled original");
        let original_file = original["file"].as_str().unwrap().to_string();
        let ruled_doc = ruled
            .entry(original_file.clone())
            .or_insert_with(|| extract(&original_file))
            .clone();
        out.push(Variant {
            rules: rules.to_string(),
            doc: extract(truth["file"].as_str().unwrap()),
            truth: truth.clone(),
            ruled: ruled_doc,
        });
    }
    out
}

/// Per table of a variant's truth: found, header paths right, cells right
/// of cells, and the id budgetpdf gave the table.
struct Score {
    found: bool,
    columns_right: bool,
    right: usize,
    cells: usize,
    id: Option<String>,
}

fn score(v: &Variant) -> Vec<Score> {
    v.truth["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let rows: Vec<Vec<String>> =
                t["rows"].as_array().unwrap().iter().map(strings).collect();
            let columns: Vec<Vec<String>> = t["columns"]
                .as_array()
                .unwrap()
                .iter()
                .map(strings)
                .collect();
            let cells = rows.iter().map(Vec::len).sum::<usize>();
            let title = t["title"].as_str().unwrap();
            let Some(found) = v
                .doc
                .tables
                .iter()
                .find(|x| x.title.as_deref() == Some(title))
            else {
                return Score {
                    found: false,
                    columns_right: false,
                    right: 0,
                    cells,
                    id: None,
                };
            };
            let right = rows
                .iter()
                .enumerate()
                .map(|(i, want)| {
                    let got = found
                        .rows
                        .get(i)
                        .map(|r| r.cells.clone())
                        .unwrap_or_default();
                    want.iter()
                        .enumerate()
                        .filter(|(c, w)| got.get(*c).map(|g| g.as_str()) == Some(w.as_str()))
                        .count()
                })
                .sum();
            Score {
                found: true,
                columns_right: found.columns == columns,
                right,
                // Rows read where the truth has none count against.
                cells: cells + found.rows.len().saturating_sub(rows.len()) * columns.len(),
                id: Some(found.id.clone()),
            }
        })
        .collect()
}

/// The floors each ruling style is held to: tables found, header paths
/// right, cells right over the financial tables (1–12 of the template) and
/// over all tables (with the performance-target forms, 13 and 14, read
/// worst without rules). Every ruling style is held to every cell.
const FLOORS: (f64, f64, f64, f64) = (1.0, 1.0, 1.0, 1.0);

#[test]
fn every_ruling_style_is_read_against_the_truth() {
    let variants = variants();
    assert_eq!(variants.len(), 18, "six samples in three ruling styles");
    let mut by_style: BTreeMap<String, [usize; 7]> = BTreeMap::new();
    for v in &variants {
        let s = by_style.entry(v.rules.clone()).or_default();
        let scores = score(v);
        // Each document's figures, the forms (tables 13 and 14) apart.
        let sum = |ts: &[Score]| {
            ts.iter()
                .fold((0, 0), |a, t| (a.0 + t.right, a.1 + t.cells))
        };
        let (all, forms) = (sum(&scores), sum(scores.get(12..).unwrap_or(&[])));
        eprintln!(
            "  {}: cells right {}/{}, in tables 13-14 {}/{}",
            v.truth["file"], all.0, all.1, forms.0, forms.1
        );
        for (k, t) in scores.iter().enumerate() {
            s[0] += usize::from(t.found);
            s[1] += 1;
            s[2] += usize::from(t.columns_right);
            if k < 12 {
                s[3] += t.right;
                s[4] += t.cells;
            }
            s[5] += t.right;
            s[6] += t.cells;
        }
    }
    let mut failures = Vec::new();
    for (rules, s) in &by_style {
        let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
        let got = (
            share(s[0], s[1]),
            share(s[2], s[1]),
            share(s[3], s[4]),
            share(s[5], s[6]),
        );
        eprintln!(
            "{rules}: tables found {}/{}, header paths right {}/{}, cells right {}/{} in tables 1-12, {}/{} in all",
            s[0], s[1], s[2], s[1], s[3], s[4], s[5], s[6]
        );
        let f = FLOORS;
        if got.0 < f.0 || got.1 < f.1 || got.2 < f.2 || got.3 < f.3 {
            failures.push(format!("{rules}: {got:?} under {f:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_check_fails_on_a_variant_only_where_a_table_was_misread() {
    let mut unexplained = Vec::new();
    let mut failed = 0;
    for v in variants() {
        let misread: Vec<String> = score(&v)
            .into_iter()
            .filter(|t| !t.columns_right || t.right < t.cells)
            .filter_map(|t| t.id)
            .collect();
        for c in v.doc.checks.iter().filter(|c| c.status == Status::Fail) {
            failed += 1;
            let explained = c.table.as_ref().is_some_and(|t| misread.contains(t))
                // A figure compared across tables: either may be misread.
                || (c.table.is_none() && !misread.is_empty());
            if !explained {
                unexplained.push(format!("{}: {} {}", v.truth["file"], c.id, c.message));
            }
        }
        // What the ruled original passes, the variant mostly passes too.
        let passed =
            |d: &DocumentJson| d.checks.iter().filter(|c| c.status == Status::Pass).count();
        assert!(
            passed(&v.doc) + 9 >= passed(&v.ruled),
            "{}: {} checks pass, the ruled original {}",
            v.truth["file"],
            passed(&v.doc),
            passed(&v.ruled)
        );
    }
    eprintln!("{failed} checks failed on the variants, each on a misread table");
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
}

#[test]
fn a_ruled_table_continued_on_unruled_pages_is_one_table() {
    // Header-ruled variants repeat the ruled header on each page over an
    // unruled body; borderless ones repeat an unruled header. Either way the
    // multi-page tables must come out as one, over the truth's pages.
    for v in variants() {
        for t in v.truth["tables"].as_array().unwrap() {
            let pages: Vec<u32> = page_numbers(&t["pages"]);
            if pages.len() < 2
                || t["columns"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|c| c.as_array().unwrap().is_empty())
            {
                continue;
            }
            let title = t["title"].as_str().unwrap();
            let found: Vec<_> = v
                .doc
                .tables
                .iter()
                .filter(|x| x.title.as_deref() == Some(title))
                .collect();
            if let Some(first) = found.first()
                && t["role"] != "project_performance_targets"
            {
                assert_eq!(first.pages, pages, "{}: {title}", v.truth["file"]);
            }
        }
    }
}

#[test]
fn continuations_merge_across_ruling_styles() {
    // tests/fixtures/rulings/mixed-rulings.pdf, made with qpdf from the wenlv sample
    // (W) and its borderless variant (B):
    //   qpdf --empty --pages W 12 B 13-14 W 19 B 20-21 B 12 W 13-14 -- mixed-rulings.pdf
    // A ruled first page continued on unruled pages, and the reverse: each
    // table is one, over its three pages, with every cell of the truth.
    let bytes = std::fs::read(root().join("tests/fixtures/rulings/mixed-rulings.pdf")).unwrap();
    let doc = budgetpdf::extract(&bytes, "mixed-rulings.pdf");
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("samples/truth/henan-mengjin-wenlv-2024-dept-budget.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let tables = truth["tables"].as_array().unwrap();
    let expected = [
        (&tables[2], [1, 2, 3]),
        (&tables[6], [4, 5, 6]),
        (&tables[2], [7, 8, 9]),
    ];
    assert_eq!(doc.tables.len(), expected.len());
    for (got, (want, pages)) in doc.tables.iter().zip(expected) {
        assert_eq!(got.pages, pages);
        let columns: Vec<Vec<String>> = want["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(strings)
            .collect();
        assert_eq!(got.columns, columns);
        let rows: Vec<Vec<String>> = want["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(strings)
            .collect();
        let read: Vec<Vec<String>> = got
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(read, rows, "pages {pages:?}");
    }
}
