//! A real warehouse: a corpus run with `--tables-out`, its outputs validated
//! against the JSON schemas in schema/, and line_items loaded into DuckDB,
//! where a SQL sum per document must equal the document's own total
//! (scripts/validate_outputs.py; needs `pip install jsonschema duckdb`, which
//! scripts/setup.sh does).

use std::path::PathBuf;
use std::process::Command;

#[test]
fn corpus_outputs_fit_the_schemas_and_duckdb_sums_match() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let tables = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_budgetpdf"))
        .args(["extract", "-q"])
        .arg(root.join("tests/corpus/real"))
        .arg("-o")
        .arg(out.path())
        .arg("--tables-out")
        .arg(tables.path())
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["documents", "tables", "line_items", "facts", "checks"] {
        for ext in ["ndjson", "csv"] {
            assert!(
                tables.path().join(format!("{name}.{ext}")).exists(),
                "{name}.{ext}"
            );
        }
    }
    let output = Command::new("python3")
        .arg(root.join("scripts/validate_outputs.py"))
        .arg(out.path())
        .arg(tables.path())
        .output()
        .expect("python3 is needed: run scripts/setup.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "the Python packages are missing: run scripts/setup.sh (pip install jsonschema duckdb)\n{stderr}"
    );
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let compared: usize = stdout
        .lines()
        .find(|l| l.ends_with("document totals compared with DuckDB sums"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(compared >= 8, "{stdout}");
}
