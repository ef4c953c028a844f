//! Golden outputs guard every sample: a fresh extraction of samples/ must equal
//! golden/ (written by `budgetpdf golden update` and reviewed), and a changed
//! figure must be reported as exactly that table, row, column and values.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golden_check(golden: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budgetpdf"))
        .current_dir(root())
        .args(["golden", "check", "samples", "--golden"])
        .arg(golden)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn samples_match_their_golden_outputs() {
    let (code, stdout) = golden_check(&root().join("golden"));
    assert_eq!(
        code, 0,
        "golden check failed; if the change is intended run `budgetpdf golden update samples` and review the diff:\n{stdout}"
    );
    assert!(stdout.contains("10 documents checked"), "{stdout}");
}

#[test]
fn a_changed_figure_is_reported_by_table_row_and_column() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&root().join("golden"), copy.path());
    let file = copy
        .path()
        .join("generated/henan-mengjin-shebao-2024-dept-budget.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    // The expenditure table's third body row, sixth column (合计 of 社会保险经办机构).
    let table = doc["tables"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["kind"] == "expenditure")
        .unwrap();
    let (id, title) = (
        table["id"].as_str().unwrap().to_string(),
        table["title"].as_str().unwrap().to_string(),
    );
    let cell = &mut table["rows"][2]["cells"][5];
    let printed = cell.as_str().unwrap().to_string();
    *cell = serde_json::Value::String("9999.99".into());
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();

    let (code, stdout) = golden_check(copy.path());
    assert_eq!(code, 1, "{stdout}");
    let reported: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(reported.len(), 1, "exactly one difference:\n{stdout}");
    let line = reported[0];
    assert!(line.contains(&format!("{id} {title}")), "{line}");
    assert!(line.contains("row 3 社会保险经办机构"), "{line}");
    assert!(line.contains("column 6 合计"), "{line}");
    assert!(line.ends_with(&format!("9999.99 → {printed}")), "{line}");
    assert!(
        stdout.contains("henan-mengjin-shebao-2024-dept-budget.pdf: 1 difference"),
        "{stdout}"
    );
}
