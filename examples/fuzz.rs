//! The fuzzing campaign: damaged copies of seed PDFs (tests/support/mutate.rs)
//! run through the whole extraction for a set time, each under a time limit
//! and a memory budget. Seeds in, a report and the inputs worth keeping out:
//!
//! - a panic, an `internal` error, a run past the time limit + 2 s, or a peak
//!   above the memory budget is a finding, saved as `OUT/findings/*.pdf`;
//! - a mutant that reads clean but lost a page or half its tables compared
//!   with its seed is a silent loss, saved as `OUT/silent/*.pdf`;
//! - the input being run is always in `OUT/current.pdf`, so a hang that the
//!   watchdog stops (exit status 3) can be replayed.
//!
//! Usage: cargo run --release --example fuzz -- [--minutes N] [--out DIR]
//!        [--timeout SECS] [--memory-mb MB] [--seed N] SEED_DIR...
//! (scripts/fuzz.sh runs it on samples/ and tests/corpus/real.)

#[path = "../tests/support/mutate.rs"]
mod mutate;

use mutate::{KINDS, Rng, mutate};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Counts each thread's heap bytes, to measure each input's peak.
#[global_allocator]
static ALLOCATOR: budgetpdf::memory::CountingAllocator = budgetpdf::memory::CountingAllocator;

/// When the current input started (ms since the campaign began; 0 = idle),
/// for the watchdog.
static STARTED_MS: AtomicU64 = AtomicU64::new(0);

struct Options {
    minutes: f64,
    out: PathBuf,
    timeout: Duration,
    memory: usize,
    seed: u64,
    seeds: Vec<PathBuf>,
}

fn options() -> Options {
    let mut o = Options {
        minutes: 60.0,
        out: PathBuf::from("target/fuzz"),
        timeout: Duration::from_secs(10),
        memory: 2048 * 1024 * 1024,
        seed: 0x9E37_79B9_7F4A_7C15,
        seeds: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--minutes" => o.minutes = value().parse().unwrap_or(o.minutes),
            "--out" => o.out = PathBuf::from(value()),
            "--timeout" => o.timeout = Duration::from_secs(value().parse().unwrap_or(10)),
            "--memory-mb" => o.memory = value().parse::<usize>().unwrap_or(2048) * 1024 * 1024,
            "--seed" => o.seed = value().parse().unwrap_or(o.seed),
            dir => o.seeds.push(PathBuf::from(dir)),
        }
    }
    o
}

fn pdfs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            pdfs_under(&p, out);
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

/// A seed and what its clean reading gives, to judge its mutants by.
struct Seed {
    name: String,
    bytes: Vec<u8>,
    pages: u32,
    tables: usize,
}

fn save(dir: &Path, name: &str, bytes: &[u8]) {
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(name), bytes);
}

fn main() {
    budgetpdf::memory::CountingAllocator::installed();
    let o = options();
    let mut files = Vec::new();
    for dir in &o.seeds {
        pdfs_under(dir, &mut files);
    }
    files.sort();
    if files.is_empty() {
        eprintln!("fuzz: no seed PDFs; pass directories, e.g. samples tests/corpus/real");
        std::process::exit(2);
    }
    let seeds: Vec<Seed> = files
        .iter()
        .filter_map(|f| {
            let bytes = std::fs::read(f).ok()?;
            let doc = budgetpdf::extract(&bytes, "seed.pdf");
            let name = f.file_stem()?.to_string_lossy().into_owned();
            doc.error.is_none().then_some(Seed {
                name,
                pages: doc.source.pages,
                tables: doc.tables.len(),
                bytes,
            })
        })
        .collect();
    let _ = std::fs::create_dir_all(&o.out);
    let began = Instant::now();
    let hang_after = o.timeout + Duration::from_secs(50);
    let current = o.out.join("current.pdf");
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let started = STARTED_MS.load(Ordering::Relaxed);
            let now = began.elapsed().as_millis() as u64;
            if started > 0 && now.saturating_sub(started) > hang_after.as_millis() as u64 {
                eprintln!("fuzz: HANG: an input ran over {hang_after:?}; it is in current.pdf");
                std::process::exit(3);
            }
        }
    });
    let mut rng = Rng(o.seed);
    let (mut runs, mut clean) = (0u64, 0u64);
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    let mut findings: Vec<String> = Vec::new();
    let mut silent = 0u64;
    let (mut slowest, mut most_memory) = (Duration::ZERO, 0usize);
    let deadline = Duration::from_secs_f64(o.minutes * 60.0);
    while began.elapsed() < deadline {
        let seed = &seeds[rng.below(seeds.len())];
        let kind = rng.below(KINDS);
        let mutant = mutate(&seed.bytes, kind, &mut rng);
        let _ = std::fs::write(&current, &mutant);
        let baseline = budgetpdf::memory::thread_bytes();
        budgetpdf::memory::reset_peak();
        STARTED_MS.store(began.elapsed().as_millis().max(1) as u64, Ordering::Relaxed);
        let started = Instant::now();
        let options = budgetpdf::ExtractOptions {
            timeout: Some(o.timeout),
            max_memory: Some(o.memory),
            // The campaign is about reading PDFs; OCR runs another program.
            ocr: budgetpdf::OcrMode::Never,
            sha256: None,
            file: None,
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            budgetpdf::extract_with(&mutant, "mutant.pdf", &options)
        }));
        let took = started.elapsed();
        STARTED_MS.store(0, Ordering::Relaxed);
        let memory = budgetpdf::memory::peak_growth(baseline);
        runs += 1;
        slowest = slowest.max(took);
        most_memory = most_memory.max(memory);
        let id = format!("{}-k{kind}-{runs}", seed.name);
        let finding = match &outcome {
            Err(_) => Some("panic".to_string()),
            Ok(doc) => match &doc.error {
                Some(e) if e.kind == budgetpdf::ErrorKind::Internal => {
                    Some(format!("internal: {}", e.message))
                }
                _ if took > o.timeout + Duration::from_secs(2) => Some(format!("slow: {took:?}")),
                _ if memory > o.memory => Some(format!("memory: {} MB", memory >> 20)),
                _ => None,
            },
        };
        if let Some(what) = finding {
            save(&o.out.join("findings"), &format!("{id}.pdf"), &mutant);
            findings.push(format!("{id}: {what}"));
        }
        if let Ok(doc) = &outcome {
            let verdict = doc
                .error
                .as_ref()
                .map_or("ok".to_string(), |e| e.kind.to_string());
            *kinds.entry(verdict).or_default() += 1;
            if doc.error.is_none() {
                clean += 1;
                let lost_page = doc.source.pages < seed.pages;
                let lost_tables = doc.tables.len() * 2 < seed.tables;
                if lost_page || lost_tables {
                    silent += 1;
                    save(&o.out.join("silent"), &format!("{id}.pdf"), &mutant);
                }
            }
        }
    }
    let _ = std::fs::remove_file(&current);
    let report = format!(
        "{runs} inputs from {} seeds in {:.1} min: {clean} read clean; verdicts {kinds:?}\n\
         findings (panic, internal, over time, over memory): {}\n\
         silent losses (clean but a page or half the tables lost): {silent}\n\
         slowest {slowest:?} (limit {:?} + 2 s), most memory {} MB (budget {} MB)\n{}",
        seeds.len(),
        began.elapsed().as_secs_f64() / 60.0,
        findings.len(),
        o.timeout,
        most_memory >> 20,
        o.memory >> 20,
        findings.join("\n")
    );
    println!("{report}");
    let _ = std::fs::write(o.out.join("report.txt"), &report);
    std::process::exit(i32::from(!findings.is_empty()));
}
