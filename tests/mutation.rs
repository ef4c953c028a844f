//! Mutation test: thousands of damaged copies of the real corpus files
//! (truncated, bytes flipped, objects deleted, streams corrupted, garbage
//! inserted) run through the whole extraction must each give a document or a
//! typed error — never a panic (caught or not), a hang or runaway memory. Memory is measured by a counting allocator, which is
//! why this file holds a single test (tests in one binary share the allocator).
//!
//! `BUDGETPDF_MUTANTS=N` sets the number of mutants per file (default 160).

use std::alloc::{GlobalAlloc, Layout, System};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// One damaged copy of `original`; the kind of damage cycles with `i`.
fn mutate(original: &[u8], i: usize, rng: &mut Rng) -> Vec<u8> {
    let mut data = original.to_vec();
    match i % 6 {
        0 => data.truncate(rng.below(data.len())),
        1 => {
            for _ in 0..1 + rng.below(64) {
                let at = rng.below(data.len());
                data[at] ^= 1 << rng.below(8);
            }
        }
        2 => {
            // Delete one indirect object.
            let starts = find_all(&data, b" obj");
            if let Some(&start) = starts.get(rng.below(starts.len())) {
                let end = data[start..]
                    .windows(6)
                    .position(|w| w == b"endobj")
                    .map_or(data.len(), |p| start + p + 6);
                data.drain(start.saturating_sub(4)..end);
            }
        }
        3 => {
            // Overwrite bytes inside a stream.
            let starts = find_all(&data, b"stream");
            if let Some(&start) = starts.get(rng.below(starts.len())) {
                for _ in 0..1 + rng.below(200) {
                    let at = (start + 8 + rng.below(2000)).min(data.len() - 1);
                    data[at] = rng.next() as u8;
                }
            }
        }
        4 => {
            // Zero a range.
            let at = rng.below(data.len());
            let len = rng.below(4096).min(data.len() - at);
            data[at..at + len].fill(0);
        }
        _ => {
            // Insert garbage, including PDF-looking tokens.
            let at = rng.below(data.len());
            let junk: &[u8] = match rng.below(4) {
                0 => b"<< /Type /Page /Contents 9999 0 R >>",
                1 => b"[[[[[[[[[[[[[[[[(((((((",
                2 => b"1 0 obj 1 0 R endobj",
                _ => b"\xff\xfe\x00\x00stream\r\nendstream",
            };
            data.splice(at..at, junk.iter().copied());
        }
    }
    data
}

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
            let baseline = CURRENT.load(Ordering::Relaxed);
            PEAK.store(baseline, Ordering::Relaxed);
            let started = Instant::now();
            // The whole pipeline, not only the reader: tables, records and
            // checks must survive whatever the reader lets through.
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                budgetpdf::extract(&mutant, "mutant.pdf")
            }));
            let elapsed = started.elapsed();
            let grown = PEAK.load(Ordering::Relaxed).saturating_sub(baseline);
            let name = file.file_name().unwrap().to_string_lossy();
            match outcome {
                Ok(doc) => match &doc.error {
                    None => ok += 1,
                    Some(e) if e.kind == budgetpdf::ErrorKind::Internal => {
                        panic!(
                            "mutant {i} of {name} (kind {}) crashed a stage: {}",
                            i % 6,
                            e.message
                        )
                    }
                    Some(_) => errors += 1,
                },
                Err(_) => panic!("mutant {i} of {name} (kind {}) panicked", i % 6),
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
