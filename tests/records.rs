//! Meaning against a person's reading of the documents: every table's kind
//! (tests/truth/table_kinds.json) and the income and expenditure totals of
//! every summary (tests/truth/totals.json), both read off the rendered pages
//! without budgetpdf.

use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn truth(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("tests/truth").join(name)).unwrap())
        .unwrap()
}

fn extract(file: &str) -> budgetpdf::output::DocumentJson {
    budgetpdf::extract(
        &std::fs::read(root().join("tests/corpus/real").join(file)).unwrap(),
        file,
    )
}

#[test]
fn every_table_has_the_kind_a_person_gave_it() {
    let kinds = truth("table_kinds.json");
    let mut wrong = Vec::new();
    let mut total = 0;
    for (file, tables) in kinds["files"].as_object().unwrap() {
        let doc = extract(file);
        for t in tables.as_array().unwrap() {
            total += 1;
            let first = t["first_page"].as_u64().unwrap() as u32;
            let want = t["kind"].as_str().unwrap();
            // The table whose body starts on that page (with that title when several do).
            let candidates: Vec<_> = doc
                .tables
                .iter()
                .filter(|x| x.pages.first() == Some(&first))
                .collect();
            let found = match t["title"].as_str() {
                Some(title) => candidates
                    .iter()
                    .find(|x| {
                        x.title
                            .as_deref()
                            .is_some_and(|f| f.ends_with(title) || title.ends_with(f))
                    })
                    .or(candidates.first()),
                None => candidates.iter().find(|x| x.title.is_none()),
            };
            match found {
                Some(x) if x.kind == want => {}
                Some(x) => wrong.push(format!(
                    "{file} p{first} {:?}: {} (truth {want})",
                    x.title, x.kind
                )),
                None => wrong.push(format!("{file} p{first} {:?}: no table", t["title"])),
            }
        }
    }
    assert!(total >= 110, "only {total} tables in the truth");
    assert!(
        wrong.is_empty(),
        "{} of {total} kinds wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn income_and_expenditure_totals_of_every_summary() {
    let totals = truth("totals.json");
    let files = totals["files"].as_object().unwrap();
    assert!(files.len() >= 10);
    for (file, t) in files {
        let doc = extract(file);
        let summary_id = doc
            .tables
            .iter()
            .find(|x| x.kind == "income_expenditure_summary")
            .map(|x| x.id.clone())
            .unwrap_or_else(|| panic!("{file}: no summary table"));
        for (truth_key, keys) in [
            ("income_total", ["income_total", "income_current_year"]),
            (
                "expenditure_total",
                ["expenditure_total", "expenditure_current_year"],
            ),
        ] {
            let want = t[truth_key]["printed"].as_str().unwrap();
            // 收入总计 when the summary prints one, else its 收入合计.
            let fact = keys
                .iter()
                .find_map(|k| {
                    doc.facts
                        .iter()
                        .find(|f| f.key == *k && f.table.as_deref() == Some(summary_id.as_str()))
                })
                .unwrap_or_else(|| panic!("{file}: no {truth_key} fact"));
            assert_eq!(fact.printed, want, "{file} {truth_key}");
            assert_eq!(fact.unit.as_deref(), t["unit"].as_str(), "{file} unit");
            let exact: rust_decimal::Decimal = want.replace(',', "").parse().unwrap();
            assert_eq!(fact.value, exact, "{file} {truth_key} as a decimal");
        }
        if let Some(current) = t["income_current_year"]["printed"].as_str() {
            let fact = doc
                .facts
                .iter()
                .find(|f| {
                    f.key == "income_current_year"
                        && f.table.as_deref() == Some(summary_id.as_str())
                })
                .unwrap_or_else(|| panic!("{file}: no income_current_year"));
            assert_eq!(fact.printed, current, "{file} income_current_year");
        }
    }
}
