//! Truth tests independent of golden/: each generated sample's extraction
//! against the truth its generator laid out (samples/truth/*.json, written
//! from the generator's own model, never from budgetpdf) — every table's
//! title, pages, unit, header paths and every body cell, and the key facts.
//! The seed's own figures are asserted by name. These are the samples drawn
//! with every cell ruled; their borderless, three-line and header-ruled
//! variants are held to the same truth in `tests/rulings.rs`.

mod support;
use support::{page_numbers, strings};

use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn samples() -> Vec<(Value, budgetpdf::output::DocumentJson)> {
    let mut truths: Vec<PathBuf> = std::fs::read_dir(root().join("samples/truth"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    truths.sort();
    truths
        .into_iter()
        .map(|p| serde_json::from_str::<Value>(&std::fs::read_to_string(&p).unwrap()).unwrap())
        // Variants drawn without some rules name their ruling style.
        .filter(|truth| truth.get("rules").is_none())
        .map(|truth| {
            let file = truth["file"].as_str().unwrap().to_string();
            let bytes = std::fs::read(root().join("samples/generated").join(&file)).unwrap();
            (truth, budgetpdf::extract(&bytes, &file))
        })
        .collect()
}

#[test]
fn every_cell_of_every_generated_table() {
    let (mut right, mut total) = (0usize, 0usize);
    let mut report = Vec::new();
    for (truth, doc) in samples() {
        let file = truth["file"].as_str().unwrap();
        for t in truth["tables"].as_array().unwrap() {
            let title = t["title"].as_str().unwrap();
            let rows: Vec<Vec<String>> =
                t["rows"].as_array().unwrap().iter().map(strings).collect();
            let width = t["columns"].as_array().unwrap().len();
            let Some(found) = doc
                .tables
                .iter()
                .find(|x| x.title.as_deref() == Some(title))
            else {
                report.push(format!("{file}: table {title} not found"));
                total += rows.len() * width;
                continue;
            };
            let pages: Vec<u32> = page_numbers(&t["pages"]);
            if found.pages != pages {
                report.push(format!(
                    "{file}: {title}: pages {:?}, truth {pages:?}",
                    found.pages
                ));
            }
            if found.unit.as_deref() != t["unit"].as_str() {
                report.push(format!(
                    "{file}: {title}: unit {:?}, truth {}",
                    found.unit, t["unit"]
                ));
            }
            let columns: Vec<Vec<String>> = t["columns"]
                .as_array()
                .unwrap()
                .iter()
                .map(strings)
                .collect();
            if found.columns != columns {
                report.push(format!(
                    "{file}: {title}: columns {:?}\n    truth {:?}",
                    found.columns, columns
                ));
            }
            for (i, want) in rows.iter().enumerate() {
                let got = found
                    .rows
                    .get(i)
                    .map(|r| r.cells.clone())
                    .unwrap_or_default();
                for (c, w) in want.iter().enumerate() {
                    total += 1;
                    if got.get(c).map(|g| g.as_str()) == Some(w.as_str()) {
                        right += 1;
                    } else if report.len() < 400 {
                        report.push(format!(
                            "{file}: {title}: row {} col {}: {:?}, truth {w:?}",
                            i + 1,
                            c + 1,
                            got.get(c)
                        ));
                    }
                }
            }
            if found.rows.len() != rows.len() {
                report.push(format!(
                    "{file}: {title}: {} rows, truth {}",
                    found.rows.len(),
                    rows.len()
                ));
                total += found.rows.len().saturating_sub(rows.len()) * width;
            }
        }
    }
    let accuracy = right as f64 / total.max(1) as f64;
    eprintln!(
        "generated samples: {right}/{total} cells right ({:.2}%)",
        accuracy * 100.0
    );
    for line in &report {
        eprintln!("  {line}");
    }
    assert_eq!(
        right, total,
        "every cell of every generated table equals the truth"
    );
    assert!(total > 20_000);
}

/// Facts by the names budgetpdf and the generator share.
const SHARED_FACTS: [&str; 9] = [
    "income_total",
    "expenditure_total",
    "basic_expenditure",
    "project_expenditure",
    "personnel_expenditure",
    "public_expenditure",
    "three_public_total",
    "three_public_abroad",
    "three_public_reception",
];

#[test]
fn key_facts_match_the_generator() {
    let mut wrong = Vec::new();
    let mut compared = 0;
    for (truth, doc) in samples() {
        let file = truth["file"].as_str().unwrap();
        for key in SHARED_FACTS {
            let Some(want) = truth["facts"][key].as_str() else {
                continue;
            };
            let want: rust_decimal::Decimal = want.replace(',', "").parse().unwrap();
            let table_facts: Vec<_> = doc
                .facts
                .iter()
                .filter(|f| f.key == key && f.source == "table")
                .collect();
            if table_facts.is_empty() {
                continue;
            }
            compared += 1;
            for f in table_facts {
                if f.value.normalize() != want.normalize() {
                    wrong.push(format!(
                        "{file}: {key} = {} in {:?}, truth {want}",
                        f.printed, f.table
                    ));
                }
            }
        }
    }
    assert!(compared >= 20, "only {compared} facts compared");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_seed_sample_carries_the_seed_figures() {
    let (truth, doc) = samples()
        .into_iter()
        .find(|(t, _)| t["file"].as_str().unwrap().contains("mengjin-shebao"))
        .expect("the seed sample");
    let dec = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    // 收入总计 18786.35, from the extracted summary table.
    let income = doc
        .facts
        .iter()
        .find(|f| f.key == "income_total" && f.source == "table")
        .unwrap();
    assert_eq!(income.value, dec("18786.35"));
    assert_eq!(truth["facts"]["income_total"], "18786.35");
    // The 支出表 function rows.
    let spending = doc.tables.iter().find(|t| t.kind == "expenditure").unwrap();
    let leaves: Vec<String> = spending
        .records
        .iter()
        .filter(|r| r.code_level.as_deref() == Some("项"))
        .map(|r| r.amounts[0].printed.to_string())
        .collect();
    assert_eq!(
        leaves,
        ["6580.48", "40.07", "25.98", "12060.37", "27.66", "51.79"]
    );
    // The 17 basic-expenditure lines summing to 739.34.
    let basic = doc
        .tables
        .iter()
        .find(|t| t.kind == "general_public_basic_expenditure")
        .unwrap();
    let lines: Vec<_> = basic.records.iter().filter(|r| r.leaf).collect();
    assert_eq!(
        lines.len(),
        17,
        "{:?}",
        lines.iter().map(|r| &r.name).collect::<Vec<_>>()
    );
    let sum: rust_decimal::Decimal = lines.iter().map(|r| r.amounts[0].value).sum();
    assert_eq!(sum, dec("739.34"));
    // The 12 projects summing to 18047.01.
    let projects = doc
        .tables
        .iter()
        .find(|t| t.kind == "project_expenditure")
        .unwrap();
    // Project rows: named, neither a total nor the department's unit-code row.
    let named: Vec<_> = projects
        .records
        .iter()
        .filter(|r| {
            !r.total
                && !r.name.is_empty()
                && r.code_scheme != Some(budgetpdf::records::CodeScheme::Unit)
        })
        .collect();
    assert_eq!(
        named.len(),
        12,
        "{:?}",
        named.iter().map(|r| &r.name).collect::<Vec<_>>()
    );
    let sum: rust_decimal::Decimal = named.iter().map(|r| r.amounts[0].value).sum();
    assert_eq!(sum, dec("18047.01"));
}

#[test]
fn generated_documents_hold_together() {
    // The generator makes every identity hold; a failed check here is a false alarm.
    for (truth, doc) in samples() {
        let failed: Vec<String> = doc
            .checks
            .iter()
            .filter(|c| c.status == budgetpdf::checks::Status::Fail)
            .map(|c| format!("{} {}", c.id, c.message))
            .collect();
        assert!(
            failed.is_empty(),
            "{}: {}",
            truth["file"],
            failed.join("\n")
        );
        let passed = doc
            .checks
            .iter()
            .filter(|c| c.status == budgetpdf::checks::Status::Pass)
            .count();
        assert!(
            passed >= 25,
            "{}: only {passed} checks passed",
            truth["file"]
        );
    }
}
