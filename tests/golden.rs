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
    let expected = format!("{} documents checked", sample_pdfs());
    assert!(stdout.contains(&expected), "{stdout}");
}

/// The files under `dir`, at any depth, whose extension is `ext`.
fn files_under(dir: PathBuf, ext: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                files.push(p);
            }
        }
    }
    files
}

/// How many PDFs samples/ holds (the ruled samples and their variants).
fn sample_pdfs() -> usize {
    files_under(root().join("samples"), "pdf").len()
}

/// The expenditure table of one generated sample, which the tests below edit
/// in a copy of golden/.
const SAMPLE: &str = "generated/henan-mengjin-shebao-2024-dept-budget";

/// A copy of golden/ (so tests can edit it) and the path of SAMPLE's file in it.
fn golden_copy() -> (tempfile::TempDir, PathBuf) {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&root().join("golden"), copy.path());
    let file = copy.path().join(format!("{SAMPLE}.json"));
    (copy, file)
}

/// Reads a golden file, lets `edit` change it, and writes it back.
fn edit_golden(file: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    edit(&mut doc);
    std::fs::write(file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

/// The expenditure table of a document.
fn expenditure(doc: &mut serde_json::Value) -> &mut serde_json::Value {
    doc["tables"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["kind"] == "expenditure")
        .unwrap()
}

/// The reported differences: check's indented lines.
fn reported(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("  ")).collect()
}

#[test]
fn a_changed_figure_is_reported_by_table_row_and_column() {
    // The expenditure table's rows[2], cells[5] (合计 of 社会保险经办机构).
    let (row, col) = (2, 5);
    let (copy, file) = golden_copy();
    let mut seen = (String::new(), String::new(), String::new());
    edit_golden(&file, |doc| {
        let table = expenditure(doc);
        seen.0 = format!(
            "{} {}",
            table["id"].as_str().unwrap(),
            table["title"].as_str().unwrap()
        );
        let cell = &mut table["rows"][row]["cells"][col];
        seen.1 = cell.as_str().unwrap().to_string();
        *cell = serde_json::Value::String("9999.99".into());
        seen.2 = table["columns"][col]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("/");
    });
    let (name, printed, header) = seen;

    let (code, stdout) = golden_check(copy.path());
    assert_eq!(code, 1, "{stdout}");
    let lines = reported(&stdout);
    assert_eq!(lines.len(), 1, "exactly one difference:\n{stdout}");
    let line = lines[0];
    assert!(
        line.contains(&format!(
            "{name} / rows[{row}] 社会保险经办机构 / cells[{col}] {header}: "
        )),
        "{line}"
    );
    assert_eq!(header, "合计");
    assert!(line.ends_with(&format!("9999.99 → {printed}")), "{line}");
    assert!(
        stdout.contains(&format!("{SAMPLE}.pdf: 1 difference")),
        "{stdout}"
    );
}

#[test]
fn a_row_deleted_from_the_golden_file_is_one_inserted_row() {
    let row = 2;
    let (copy, file) = golden_copy();
    let mut seen = (String::new(), Vec::new());
    edit_golden(&file, |doc| {
        let table = expenditure(doc);
        seen.0 = format!(
            "{} {}",
            table["id"].as_str().unwrap(),
            table["title"].as_str().unwrap()
        );
        let rows = table["rows"].as_array_mut().unwrap();
        assert!(rows.len() > row + 1 && rows[row] != rows[row + 1] && rows[row] != rows[row - 1]);
        let removed = rows.remove(row);
        seen.1 = removed["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| match c.as_str().unwrap() {
                "" => "\"\"".to_string(), // empty cells are shown, as ""
                text => text.to_string(),
            })
            .collect();
    });
    let (name, cells) = seen;

    let (code, stdout) = golden_check(copy.path());
    assert_eq!(code, 1, "{stdout}");
    let lines = reported(&stdout);
    assert_eq!(lines.len(), 1, "exactly one difference:\n{stdout}");
    let line = lines[0];
    assert!(
        line.contains(&format!(
            "{name} / row inserted at new rows[{row}] 社会保险经办机构: "
        )),
        "{line}"
    );
    assert!(
        line.ends_with(&cells.join(" | ")),
        "the inserted row's cells: {line}"
    );
    assert!(
        stdout.contains(&format!("{SAMPLE}.pdf: 1 difference")),
        "{stdout}"
    );
}

#[test]
fn the_missing_golden_hint_names_dir_and_golden_as_typed() {
    // Run from a scratch directory so both DIR and GOLDEN can be typed relative.
    let scratch = tempfile::tempdir().unwrap();
    copy_dir(&root().join("samples"), &scratch.path().join("my-pdfs"));
    let out = Command::new(env!("CARGO_BIN_EXE_budgetpdf"))
        .current_dir(scratch.path())
        .args(["golden", "check", "my-pdfs", "--golden", "not-yet"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let hint = "run `budgetpdf golden update my-pdfs --golden not-yet`";
    let missing: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("no golden file"))
        .collect();
    assert_eq!(
        missing.len(),
        sample_pdfs(),
        "one line per sample:\n{stdout}"
    );
    assert!(missing.iter().all(|l| l.ends_with(hint)), "{stdout}");
    assert!(
        !stdout.contains(&scratch.path().display().to_string()),
        "paths as typed:\n{stdout}"
    );
}

/// Every golden file reads back into the library's document type and writes
/// out byte for byte the same: the type holds everything the JSON says.
#[test]
fn golden_files_read_back_into_the_document_type_unchanged() {
    let files = files_under(root().join("golden"), "json");
    assert_eq!(files.len(), sample_pdfs(), "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: budgetpdf::output::DocumentJson = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not read back: {e}", file.display()));
        assert!(!doc.tables.is_empty(), "{}", file.display());
        let again = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        assert!(again == text, "{} changed on a round trip", file.display());
    }
}
