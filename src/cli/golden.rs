//! `budgetpdf golden check|update DIR [--golden GOLDEN]`: re-extract every PDF
//! under DIR and compare with (or rewrite) the golden document JSONs, which
//! mirror DIR's tree under GOLDEN (default: ./golden).

use budgetpdf::batch::inputs::{self, Input};
use budgetpdf::output::golden::diff;
use std::path::{Path, PathBuf};

/// A path as the user typed it, quoted for a POSIX shell only when needed,
/// so a printed command can be pasted back as it is.
fn shell_word(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@%=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The exact command that rewrites these golden files, naming the DIR and
/// --golden the user gave (not absolutised), so a hint can be copied and run.
fn update_command(dir: &Path, golden: &Path) -> String {
    format!(
        "budgetpdf golden update {} --golden {}",
        shell_word(dir),
        shell_word(golden)
    )
}

/// One document's JSON exactly as `golden update` writes it, so check and
/// update agree byte for byte.
fn fresh(input: &Input) -> Result<String, String> {
    let bytes = std::fs::read(&input.path)
        .map_err(|e| format!("cannot read {}: {e}", input.path.display()))?;
    let doc = budgetpdf::extract(&bytes, &input.name);
    budgetpdf::output::json::to_string_pretty(&doc)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

/// The PDFs under DIR, or the exit code after saying why there are none, so
/// an empty or mistyped DIR is not a silent success.
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

/// Rewrites the golden files and prints which changed, so the user knows
/// what to review before committing.
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
        "{} golden files, {changed} updated; review them (`git diff -- {}`) before committing",
        list.len(),
        shell_word(golden)
    );
    0
}

/// Compares fresh extractions with the golden files and prints each
/// difference, so a change in behaviour is reviewed; exit 1 on any.
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
                "{}: no golden file {}; run `{}`",
                input.name,
                target.display(),
                update_command(dir, golden)
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
                "{}: the golden file {} is not valid JSON; rewrite the golden files with `{}`",
                input.name,
                target.display(),
                update_command(dir, golden)
            );
            continue;
        };
        let differences = diff(&old, &new);
        println!("{}: {} difference(s)", input.name, differences.len().max(1));
        if differences.is_empty() {
            println!(
                "  (fields outside tables, facts, checks and sections differ; see them with `{}` then `git diff -- {}`)",
                update_command(dir, golden),
                shell_word(&target)
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
    if failing > 0 {
        println!(
            "if the changes are intended, run `{}` and review the result",
            update_command(dir, golden)
        );
    }
    i32::from(failing > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_update_command_keeps_paths_as_typed_and_quotes_only_when_needed() {
        assert_eq!(
            update_command(Path::new("samples"), Path::new("../my golden")),
            "budgetpdf golden update samples --golden '../my golden'"
        );
        assert_eq!(shell_word(Path::new("预算/2024")), "预算/2024");
        assert_eq!(shell_word(Path::new("it's")), r"'it'\''s'");
    }
}
