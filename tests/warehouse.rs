//! A real warehouse: a corpus run with `--tables-out`, its outputs validated
//! against the JSON schemas in schema/, and the Parquet files read by DuckDB
//! with no column list, where sums are exact decimals and, per document, the
//! leaf line items of the expenditure table's total column add up to the
//! document's expenditure fact (scripts/validate_outputs.py; needs jsonschema
//! and duckdb, which scripts/setup.sh installs into target/test-venv).

mod support;

use std::path::PathBuf;
use std::process::Command;
use support::python;

#[test]
fn corpus_outputs_fit_the_schemas_and_duckdb_sums_match() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let tables = tempfile::tempdir().unwrap();
    // The national corpus, when ../shared is beside the repository.
    let real2 = root.join("../shared/corpus/real2");
    if !real2.is_dir() {
        eprintln!("skipped the 40 documents of ../shared/corpus/real2: ../shared is absent");
    }
    let status = Command::new(env!("CARGO_BIN_EXE_budgetpdf"))
        .args(["extract", "-q"])
        .arg(root.join("tests/corpus/real"))
        .args(real2.is_dir().then_some(&real2))
        .arg("-o")
        .arg(out.path())
        .arg("--tables-out")
        .arg(tables.path())
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["documents", "tables", "line_items", "facts", "checks"] {
        for ext in ["ndjson", "csv", "parquet"] {
            assert!(
                tables.path().join(format!("{name}.{ext}")).exists(),
                "{name}.{ext}"
            );
        }
    }
    let output = Command::new(python())
        .arg(root.join("scripts/validate_outputs.py"))
        .arg(out.path())
        .arg(tables.path())
        .output()
        .expect("Python with jsonschema and duckdb is needed: run scripts/setup.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "the Python packages are missing: run scripts/setup.sh (it installs jsonschema and duckdb into target/test-venv)\n{stderr}"
    );
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let compared: usize = stdout
        .lines()
        .find(|l| l.ends_with("document totals compared with DuckDB sums"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // Documents whose expenditure table has coded leaf rows: 5 of the 13
    // Shanghai and Jiangsu files, 28 of the 40 national ones.
    let (least, documents) = if real2.is_dir() { (33, 53) } else { (5, 13) };
    assert!(compared >= least, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{documents} documents: DuckDB SUM over Parquet equals"
        )),
        "{stdout}"
    );
}
