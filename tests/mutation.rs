//! Mutation test: thousands of damaged copies of the real corpus files
//! (truncated, bytes flipped, objects deleted, streams corrupted, garbage
//! inserted) run through the whole extraction must each give a document or a
//! typed error — never a panic (caught or not), a hang or runaway memory.
//! Memory is measured by the library's counting allocator (per thread).
//!
//! `BUDGETPDF_MUTANTS=N` sets the number of mutants per file (default 160).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "support/mutate.rs"]
mod mutate;
use mutate::{KINDS, Rng, mutate};

/// Counts each thread's heap bytes (the library's allocator), to measure
/// each mutant's peak.
#[global_allocator]
static ALLOCATOR: budgetpdf::memory::CountingAllocator = budgetpdf::memory::CountingAllocator;

fn corpus() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus {} is needed: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    files
}

#[test]
fn damaged_files_never_panic_hang_or_balloon() {
    let per_file: usize = std::env::var("BUDGETPDF_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(160);
    let files = corpus();
    assert!(files.len() >= 10, "expected the real corpus");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut errors, mut slowest) = (0usize, 0usize, Duration::ZERO);
    let mut worst_memory = 0usize;
    for file in &files {
        let original = std::fs::read(file).unwrap();
        for i in 0..per_file {
            let mutant = mutate(&original, i, &mut rng);
            let baseline = budgetpdf::memory::thread_bytes();
            budgetpdf::memory::reset_peak();
            let started = Instant::now();
            // The whole pipeline, not only the reader: tables, records and
            // checks must survive whatever the reader lets through.
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                budgetpdf::extract(&mutant, "mutant.pdf")
            }));
            let elapsed = started.elapsed();
            let grown = budgetpdf::memory::peak_growth(baseline);
            let name = file.file_name().unwrap().to_string_lossy();
            match outcome {
                Ok(doc) => match &doc.error {
                    None => ok += 1,
                    Some(e) if e.kind == budgetpdf::ErrorKind::Internal => {
                        panic!(
                            "mutant {i} of {name} (kind {}) crashed a stage: {}",
                            i % KINDS,
                            e.message
                        )
                    }
                    Some(_) => errors += 1,
                },
                Err(_) => panic!("mutant {i} of {name} (kind {}) panicked", i % KINDS),
            }
            assert!(
                elapsed < Duration::from_secs(10),
                "mutant {i} of {name} took {elapsed:?}"
            );
            assert!(
                grown < 512 * 1024 * 1024,
                "mutant {i} of {name} used {grown} bytes"
            );
            slowest = slowest.max(elapsed);
            worst_memory = worst_memory.max(grown);
        }
    }
    eprintln!(
        "{} mutants: {ok} read, {errors} typed errors; slowest {slowest:?}; most memory {} MB",
        ok + errors,
        worst_memory / (1024 * 1024)
    );
    assert_eq!(ok + errors, files.len() * per_file);
}
