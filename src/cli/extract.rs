//! `budgetpdf extract FILE... -o OUT`: one OUT/<stem>.json per input, also
//! for a document that fails (with `error` set). Exit 1 when any failed.

use std::path::{Path, PathBuf};

pub fn run(inputs: &[PathBuf], out_dir: &Path) -> i32 {
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        eprintln!(
            "budgetpdf: cannot create the output directory {}: {e}",
            out_dir.display()
        );
        return 2;
    }
    let files = super::expand_inputs(inputs);
    if files.is_empty() {
        eprintln!(
            "budgetpdf: no PDF files found in the inputs given; name files or directories holding *.pdf"
        );
        return 2;
    }
    let mut failed = 0;
    for file in &files {
        let name = file.to_string_lossy();
        let doc = match std::fs::read(file) {
            Ok(bytes) => budgetpdf::extract(&bytes, &name),
            Err(e) => {
                eprintln!("budgetpdf: cannot read {}: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        if let Some(e) = &doc.error {
            eprintln!("budgetpdf: {}: {} ({})", file.display(), e.message, e.kind);
            failed += 1;
        }
        let stem = file
            .file_stem()
            .map_or("document".into(), |s| s.to_string_lossy());
        let target = out_dir.join(format!("{stem}.json"));
        let json = serde_json::to_string_pretty(&doc).expect("the document serialises");
        if let Err(e) = std::fs::write(&target, json + "\n") {
            eprintln!("budgetpdf: cannot write {}: {e}", target.display());
            failed += 1;
        }
    }
    eprintln!("budgetpdf: {} documents, {} failed", files.len(), failed);
    i32::from(failed > 0)
}
