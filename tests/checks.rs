//! The checks against documents' real mistakes: on the corpus every failed
//! check is a known publishing error (tests/truth/publishing_errors.json,
//! each confirmed on the page by a person) and every known error is reported
//! — no false alarms, nothing missed. Also: every check is well formed, and a
//! failure names its figures and pages.

mod support;

use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn failed_checks_are_exactly_the_known_publishing_errors() {
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/truth/publishing_errors.json")).unwrap(),
    )
    .unwrap();
    let known = truth["errors"].as_array().unwrap();
    let mut unexplained = Vec::new();
    let mut reported = vec![false; known.len()];
    let (mut passed, mut failed, mut skipped, mut rounding) = (0, 0, 0, 0);
    // A known entry says which outcome it must have: `fail` (the default) or
    // `rounding` (a total off by what rounding each figure allows).
    let expected = |k: &Value| k["status"].as_str().unwrap_or("fail").to_string();
    for (file, doc) in support::extract_corpus() {
        for check in &doc.checks {
            let status = match check.status {
                budgetpdf::checks::Status::Pass => {
                    passed += 1;
                    continue;
                }
                budgetpdf::checks::Status::Skipped => {
                    skipped += 1;
                    continue;
                }
                budgetpdf::checks::Status::Rounding => {
                    rounding += 1;
                    "rounding"
                }
                budgetpdf::checks::Status::Fail => {
                    failed += 1;
                    "fail"
                }
            };
            assert!(
                !check.pages.is_empty(),
                "a finding names its pages: {check:?}"
            );
            assert!(
                !check.values.is_empty(),
                "a finding names its figures: {check:?}"
            );
            assert!(
                check.difference.is_some()
                    || check.id.starts_with("narrative")
                    || check.id.starts_with("stated")
                    || check.id.starts_with("same")
                    || check.id.starts_with("summary"),
                "a finding on sums gives its difference: {check:?}"
            );
            let hit = known.iter().position(|k| {
                k["file"] == file.as_str()
                    && k["id"] == check.id
                    && check.message.contains(k["match"].as_str().unwrap())
                    && expected(k) == status
            });
            match (hit, status) {
                (Some(i), _) => reported[i] = true,
                (None, "fail") => {
                    unexplained.push(format!("{file}: {} {}", check.id, check.message))
                }
                // Rounding findings beyond the listed ones are not alarms.
                (None, _) => {}
            }
        }
    }
    eprintln!("corpus checks: {rounding} within rounding");
    eprintln!("corpus checks: {passed} passed, {failed} failed, {skipped} skipped");
    support::assert_findings_explained(&unexplained, known, &reported);
    assert!(
        passed > 200,
        "the corpus exercises the checks: {passed} passed"
    );
}

#[test]
fn every_documented_identity_runs_somewhere_in_the_corpus() {
    let docs = support::extract_corpus();
    for id in budgetpdf::checks::IDS {
        let ran = docs
            .iter()
            .flat_map(|(_, d)| &d.checks)
            .any(|c| c.id == id && c.status != budgetpdf::checks::Status::Skipped);
        assert!(ran, "check {id} never ran on the corpus");
    }
    // A check that cannot run says why instead of passing.
    let text_only = docs
        .iter()
        .find(|(f, _)| f == "js-party-office-2017-dept-budget-text.pdf")
        .unwrap();
    let summary = text_only
        .1
        .checks
        .iter()
        .find(|c| c.id == "summary_income_equals_expenditure")
        .unwrap();
    assert_eq!(summary.status, budgetpdf::checks::Status::Skipped);
    assert!(
        summary
            .message
            .contains("no income and expenditure summary")
    );
}
