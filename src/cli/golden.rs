//! `budgetpdf golden check|update DIR [--golden GOLDEN]`: re-extract every PDF
//! under DIR and compare with (or rewrite) the golden document JSONs, which
//! mirror DIR's tree under GOLDEN (default: ./golden).

use budgetpdf::batch::inputs::{self, Input};
use budgetpdf::output::golden::diff;
use std::path::{Path, PathBuf};

fn fresh(input: &Input) -> Result<String, String> {
    let bytes = std::fs::read(&input.path)
        .map_err(|e| format!("cannot read {}: {e}", input.path.display()))?;
    let doc = budgetpdf::extract(&bytes, &input.name);
    serde_json::to_string_pretty(&doc)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

fn collect(dir: &Path) -> Result<Vec<Input>, i32> {
    match inputs::collect(&[dir.to_string_lossy().into_owned()], &mut std::io::empty()) {
        Ok(list) if !list.is_empty() => Ok(list),
        Ok(_) => {
            eprintln!("budgetpdf: no PDF files under {}", dir.display());
            Err(2)
        }
        Err(e) => {
            eprintln!("budgetpdf: {e}");
            Err(2)
        }
    }
}

/// Rewrites the golden files; prints which changed.
pub fn update(dir: &Path, golden: &Path) -> i32 {
    let list = match collect(dir) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut changed = 0;
    for input in &list {
        let target = golden.join(format!("{}.json", input.key));
        let json = match fresh(input) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("budgetpdf: {e}");
                return 1;
            }
        };
        if std::fs::read_to_string(&target).ok().as_deref() != Some(json.as_str()) {
            changed += 1;
            println!("updated {}", target.display());
            if let Err(e) = budgetpdf::batch::run::write_atomically(&target, json.as_bytes()) {
                eprintln!("budgetpdf: cannot write {}: {e}", target.display());
                return 1;
            }
        }
    }
    println!(
        "{} golden files, {changed} updated; review them (git diff) before committing",
        list.len()
    );
    0
}

/// Compares fresh extractions with the golden files; exit 1 on any difference.
pub fn check(dir: &Path, golden: &Path) -> i32 {
    let list = match collect(dir) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut failing = 0;
    for input in &list {
        let target: PathBuf = golden.join(format!("{}.json", input.key));
        let Ok(old_text) = std::fs::read_to_string(&target) else {
            println!(
                "{}: no golden file {}; run `budgetpdf golden update`",
                input.name,
                target.display()
            );
            failing += 1;
            continue;
        };
        let new_text = match fresh(input) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("budgetpdf: {e}");
                return 1;
            }
        };
        if old_text == new_text {
            continue;
        }
        failing += 1;
        let (Ok(old), Ok(new)) = (
            serde_json::from_str(&old_text),
            serde_json::from_str(&new_text),
        ) else {
            println!(
                "{}: the golden file {} is not valid JSON",
                input.name,
                target.display()
            );
            continue;
        };
        let differences = diff(&old, &new);
        println!("{}: {} difference(s)", input.name, differences.len().max(1));
        if differences.is_empty() {
            println!(
                "  (fields outside tables, facts, checks and sections differ; compare the files)"
            );
        }
        for d in differences.iter().take(50) {
            println!("  {d}");
        }
        if differences.len() > 50 {
            println!("  … and {} more", differences.len() - 50);
        }
    }
    println!(
        "{} documents checked against {}: {} differ",
        list.len(),
        golden.display(),
        failing
    );
    i32::from(failing > 0)
}
