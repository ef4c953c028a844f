//! The checks on the 40 national documents (`../shared/corpus/real2`): every
//! failing finding is a publishing error a reviewer confirmed on the page
//! (tests/truth/publishing_errors_real2.json) or one of the listed open
//! misreadings; every confirmed error is reported with its status (`fail`,
//! or `rounding` for a difference within what rounding allows); every
//! finding on a sum gives its difference and tolerance. Counts are printed
//! (`--nocapture`).

mod support;

use budgetpdf::checks::Status;
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Rounding => "rounding",
        Status::Fail => "fail",
        Status::Skipped => "skipped",
    }
}

#[test]
fn national_findings_are_confirmed_errors_or_listed_misreadings() {
    let corpus = root().join("../shared/corpus/real2");
    if !corpus.is_dir() {
        eprintln!("skipped: ../shared/corpus/real2 is absent");
        return;
    }
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/truth/publishing_errors_real2.json")).unwrap(),
    )
    .unwrap();
    let errors = truth["errors"].as_array().unwrap();
    let misreadings = truth["known_misreadings"].as_array().unwrap();
    let matches = |k: &Value, file: &str, id: &str, message: &str| {
        k["file"] == file && k["id"] == id && message.contains(k["match"].as_str().unwrap())
    };
    let mut reported = vec![false; errors.len()];
    let mut unexplained = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = budgetpdf::extract(&std::fs::read(path).unwrap(), &file);
        for check in &doc.checks {
            let status = status_name(check.status);
            *counts.entry(status).or_insert(0) += 1;
            if matches!(check.status, Status::Pass | Status::Skipped) {
                continue;
            }
            assert!(!check.pages.is_empty(), "{file}: no pages: {check:?}");
            assert!(!check.values.is_empty(), "{file}: no figures: {check:?}");
            let on_sums = !matches!(
                check.id.as_str(),
                "narrative_equals_table"
                    | "stated_percentage"
                    | "summary_income_equals_expenditure"
            );
            if on_sums {
                assert!(
                    check.difference.is_some() && check.tolerance.is_some(),
                    "{file}: a finding on sums gives difference and tolerance: {check:?}"
                );
            }
            let hit = errors.iter().position(|k| {
                matches(k, &file, &check.id, &check.message)
                    && k["status"].as_str().unwrap_or("fail") == status
            });
            if let Some(i) = hit {
                reported[i] = true;
                continue;
            }
            let listed = misreadings
                .iter()
                .any(|k| matches(k, &file, &check.id, &check.message));
            if check.status == Status::Fail && !listed {
                unexplained.push(format!("{file}: {} {}", check.id, check.message));
            }
        }
    }
    eprintln!("national checks: {counts:?}");
    support::assert_findings_explained(&unexplained, errors, &reported);
}
