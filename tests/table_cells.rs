//! Cell-by-cell truth: tables read off the rendered pages by a person
//! (tests/truth/cells/*.json, five producers), compared with what
//! `budgetpdf::extract` finds — title, unit, pages, header paths and every
//! body cell. At least 99.5% of all cells must be exactly right.

use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Header paths without empty headings (an empty header cell has no text).
fn paths(v: &Value) -> Vec<Vec<String>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| strings(p).into_iter().filter(|s| !s.is_empty()).collect())
        .collect()
}

#[test]
fn tables_match_what_a_person_read_cell_by_cell() {
    let mut truth_files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/truth/cells"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    truth_files.sort();
    assert!(truth_files.len() >= 6);
    let mut docs: HashMap<String, budgetpdf::output::DocumentJson> = HashMap::new();
    let (mut right, mut total) = (0usize, 0usize);
    let mut report = Vec::new();
    let mut producers = std::collections::BTreeSet::new();
    for path in &truth_files {
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let file = truth["file"].as_str().unwrap().to_string();
        let doc = docs.entry(file.clone()).or_insert_with(|| {
            let pdf = root().join("tests/corpus/real").join(&file);
            budgetpdf::extract(&std::fs::read(&pdf).unwrap(), &file)
        });
        producers.insert(doc.source.creator.clone().unwrap_or_default());
        let pages: Vec<u32> = truth["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_u64().unwrap() as u32)
            .collect();
        let title = truth["title"].as_str().unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(table) = doc.tables.iter().find(|t| {
            t.pages.first() == pages.first()
                && (t.title.as_deref() == Some(title) || printed_title(t) == title)
        }) else {
            let found: Vec<_> = doc
                .tables
                .iter()
                .filter(|t| t.pages.contains(&pages[0]))
                .map(|t| (&t.title, &t.pages))
                .collect();
            report.push(format!(
                "{name}: no table titled {title} on page {}; found {found:?}",
                pages[0]
            ));
            total += truth["rows"].as_array().unwrap().len()
                * truth["columns"].as_array().unwrap().len();
            continue;
        };
        if table.pages != pages {
            report.push(format!("{name}: pages {:?}, truth {pages:?}", table.pages));
        }
        if table.unit.as_deref() != truth["unit"].as_str() {
            report.push(format!(
                "{name}: unit {:?}, truth {:?}",
                table.unit, truth["unit"]
            ));
        }
        if table.columns != paths(&truth["columns"]) {
            report.push(format!(
                "{name}: columns {:?}\n   truth {:?}",
                table.columns,
                paths(&truth["columns"])
            ));
        }
        let truth_rows: Vec<Vec<String>> = truth["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(strings)
            .collect();
        let width = truth_rows.first().map_or(0, Vec::len);
        for (i, expected) in truth_rows.iter().enumerate() {
            let got = table
                .rows
                .get(i)
                .map(|r| r.cells.clone())
                .unwrap_or_default();
            for (c, want) in expected.iter().enumerate() {
                total += 1;
                match got.get(c) {
                    Some(have) if have == want => right += 1,
                    have => report.push(format!(
                        "{name}: row {} col {}: {:?}, truth {:?}",
                        i + 1,
                        c + 1,
                        have,
                        want
                    )),
                }
            }
        }
        if table.rows.len() != truth_rows.len() {
            report.push(format!(
                "{name}: {} rows, truth {}",
                table.rows.len(),
                truth_rows.len()
            ));
            total += table.rows.len().saturating_sub(truth_rows.len()) * width;
        }
    }
    let accuracy = right as f64 / total.max(1) as f64;
    eprintln!(
        "cells: {right}/{total} exactly right ({:.2}%)",
        accuracy * 100.0
    );
    for line in &report {
        eprintln!("  {line}");
    }
    assert!(producers.len() >= 3, "producers: {producers:?}");
    assert!(
        accuracy >= 0.995,
        "cell accuracy {:.4} below 99.5%",
        accuracy
    );
}

/// The title as printed: the table-number label (kept apart in `number`)
/// and the name, joined as the page prints them ("公开11表：…").
fn printed_title(t: &budgetpdf::output::document::TableJson) -> String {
    let name = t.title.clone().unwrap_or_default();
    match &t.number {
        Some(n) => format!("{n}：{name}"),
        None => name,
    }
}
