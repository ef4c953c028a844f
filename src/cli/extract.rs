//! `budgetpdf extract INPUT... -o OUT`: the batch. Exit 0 when every document
//! was extracted, 1 when some failed (each listed), 2 on bad usage.

use budgetpdf::batch::{self, BatchOptions, manifest::Manifest, shard::Shard};
use std::path::PathBuf;
use std::time::Duration;

pub struct Args {
    pub inputs: Vec<String>,
    pub out: PathBuf,
    pub jobs: usize,
    pub timeout: u64,
    pub max_memory: Option<u64>,
    pub force: bool,
    pub shard: Option<String>,
    pub manifest: Option<PathBuf>,
    pub tables_out: Option<PathBuf>,
    pub quiet: bool,
    pub ocr: budgetpdf::OcrMode,
}

/// The most parallel workers a run starts.
const MAX_JOBS: usize = 256;

pub fn run(args: Args) -> i32 {
    let usage = |message: String| {
        eprintln!("budgetpdf: {message}");
        2
    };
    let inputs = match batch::inputs::collect(&args.inputs, &mut std::io::stdin().lock()) {
        Ok(i) if i.is_empty() => {
            return usage("no PDF files found in the inputs given; name files, directories holding *.pdf, globs, or - for a list on stdin".into());
        }
        Ok(i) => i,
        Err(e) => return usage(e),
    };
    let shard = match args.shard.as_deref().map(Shard::parse).transpose() {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let manifest = match args.manifest.as_deref().map(Manifest::read).transpose() {
        Ok(m) => m,
        Err(e) => return usage(e),
    };
    if let Some(m) = &manifest {
        let unmatched = m.unmatched(inputs.iter().map(|i| i.path.as_path()));
        if !unmatched.is_empty() {
            let shown: Vec<String> = unmatched
                .iter()
                .take(3)
                .map(|p| p.display().to_string())
                .collect();
            eprintln!(
                "budgetpdf: warning: {} manifest row(s) match no input, e.g. {}; manifest paths are matched to inputs after resolving them from the current directory",
                unmatched.len(),
                shown.join(", ")
            );
        }
    }
    for input in batch::inputs::renamed(&inputs) {
        eprintln!(
            "budgetpdf: {} has the same name as another input; its output is {}.json (the input whose path sorts first keeps the plain name)",
            input.path.display(),
            input.key
        );
    }
    // Threads beyond this only cost memory; a typo like --jobs 100000 must
    // not exhaust the machine.
    let jobs = args.jobs.min(MAX_JOBS);
    let workers = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let max_memory = match args.max_memory {
        Some(0) => None,
        Some(mb) => Some(mb as usize * 1024 * 1024),
        None => Some(budgetpdf::memory::default_budget(workers)),
    };
    let options = BatchOptions {
        out: args.out,
        jobs,
        timeout: (args.timeout > 0).then(|| Duration::from_secs(args.timeout)),
        max_memory,
        ocr: args.ocr,
        force: args.force,
        shard,
        manifest,
        progress: !args.quiet,
    };
    let outputs = batch::run::outputs(&inputs, &options);
    match batch::run(inputs, &options) {
        Ok(summary) => {
            eprint!("{}", summary.report());
            if let Some(dir) = &args.tables_out {
                // Exactly this run's documents: stale outputs of other runs
                // in OUT are left out.
                let written: Vec<_> = outputs.into_iter().filter(|p| p.exists()).collect();
                match budgetpdf::output::warehouse::export_files(written, dir) {
                    Ok(n) => eprintln!(
                        "budgetpdf: warehouse tables for {n} documents written to {}",
                        dir.display()
                    ),
                    Err(e) => {
                        eprintln!("budgetpdf: {e}");
                        return 1;
                    }
                }
            }
            i32::from(summary.failed > 0)
        }
        Err(e) => usage(e),
    }
}
