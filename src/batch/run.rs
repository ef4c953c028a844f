//! Running a batch: shard and skip, extract in parallel, write atomically,
//! summarise.

use super::inputs::Input;
use super::manifest::Manifest;
use super::shard::Shard;
use super::summary::{Outcome, Summary};
use crate::extract::{ExtractOptions, extract_owned, failed, sha256_hex};
use crate::output::DocumentJson;
use crate::output::document::SourceJson;
use crate::{DocError, ErrorKind};
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use rayon::prelude::*;
use std::fmt::Write as FmtWrite;
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    pub timeout: Option<Duration>,
    /// Heap bytes allowed per document (see [`crate::memory`]).
    pub max_memory: Option<usize>,
    /// Which pages are read by OCR.
    pub ocr: crate::OcrMode,
    /// Redo inputs whose output is already up to date.
    pub force: bool,
    pub shard: Option<Shard>,
    pub manifest: Option<Manifest>,
    /// Draw a progress bar (only ever on a terminal).
    pub progress: bool,
}

/// The output file of an input.
pub fn output_path(out: &Path, input: &Input) -> PathBuf {
    out.join(format!("{}.json", input.key))
}

/// What an existing output records about its input, to decide on skipping.
#[derive(serde::Deserialize)]
struct Existing {
    tool: ExistingTool,
    source: ExistingSource,
    error: Option<ExistingError>,
}
#[derive(serde::Deserialize)]
struct ExistingTool {
    version: String,
}
#[derive(serde::Deserialize)]
struct ExistingSource {
    sha256: String,
}
#[derive(serde::Deserialize)]
struct ExistingError {
    kind: String,
    message: String,
}

fn up_to_date(target: &Path, sha256: &str) -> Option<Existing> {
    let text = std::fs::read_to_string(target).ok()?;
    let existing: Existing = serde_json::from_str(&text).ok()?;
    (existing.source.sha256 == sha256 && existing.tool.version == env!("CARGO_PKG_VERSION"))
        .then_some(existing)
}

/// Writes `bytes` to `target` through a temporary file in the same directory,
/// renamed into place, so readers never see a half-written file.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(target, |w| w.write_all(bytes))
}

/// [`write_atomically`] with the content written by `write` (through a
/// buffer), so a large output is never held in memory whole. The writer is
/// the buffer's concrete type: serde_json writes token by token, and each
/// write is then a copy, not a call through `dyn Write`.
pub fn write_atomically_with(
    target: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{file_name}{TEMP_MARK}{}", std::process::id()));
    let file = std::fs::File::create(&temp)?;
    let mut buffered = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
    write(&mut buffered)?;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    // On disk before it takes the output's name: a crash after the rename
    // never leaves an empty or partial output.
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temp, target)
}

/// Bytes written to an output at a time. A document's JSON is megabytes:
/// with `BufWriter`'s 8 KiB it took thousands of system calls, and each
/// costs far more than copying its bytes.
const WRITE_BUFFER: usize = 1 << 20;

/// What marks a temporary output: `.NAME.json.tmp-PID`.
const TEMP_MARK: &str = ".tmp-";

/// Removes temporary outputs under `out` left by runs that were killed (their
/// process is gone), so a rerun leaves no litter; a live run's are kept.
/// Returns how many were removed.
pub fn remove_stale_temporaries(out: &Path) -> usize {
    let mut removed = 0;
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = name
                .starts_with('.')
                .then(|| name.rsplit_once(TEMP_MARK))
                .flatten()
                .and_then(|(_, pid)| pid.parse::<u32>().ok());
            if pid.is_some_and(|pid| !process_alive(pid)) && std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// Whether a process runs (where /proc tells; elsewhere assume it does, so
/// nothing of a live run is removed).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn process(input: &Input, options: &BatchOptions) -> Outcome {
    let started = Instant::now();
    let target = output_path(&options.out, input);
    let outcome = |status, error: Option<&DocError>| Outcome {
        key: input.key.clone(),
        path: input.path.to_string_lossy().into_owned(),
        status,
        error_kind: error.map(|e| e.kind.to_string()),
        error: error.map(|e| e.message.clone()),
        seconds: started.elapsed().as_secs_f64(),
        failed_checks: Vec::new(),
        rounding_checks: Vec::new(),
        amounts_without_yuan: 0,
    };
    let doc = match super::read::open_input(&input.path) {
        Ok((bytes, file)) => {
            let sha = sha256_hex(&bytes);
            // A document already done is skipped, but one whose output
            // records an error still counts as failed (a rerun never hides a
            // failure), and one that timed out is tried again.
            if !options.force
                && let Some(existing) = up_to_date(&target, &sha)
                && existing.error.as_ref().is_none_or(|e| e.kind != "timeout")
            {
                let error = existing
                    .error
                    .map(|e| DocError::new(kind_from(&e.kind), e.message));
                let status = if error.is_some() { "failed" } else { "skipped" };
                return outcome(status, error.as_ref());
            }
            let extract_options = ExtractOptions {
                timeout: options.timeout,
                max_memory: options.max_memory,
                ocr: options.ocr,
                sha256: Some(sha),
                file: Some(std::sync::Arc::new(file)),
            };
            let name = input.name.clone();
            let crashed = source(input, &extract_options, bytes.len());
            // The bytes go to the extraction, which frees them once parsed.
            std::panic::catch_unwind(|| extract_owned(bytes, &name, &extract_options))
                .unwrap_or_else(|_| {
                    failed(
                        crashed,
                        DocError::new(ErrorKind::Internal, "budgetpdf crashed on this file; please report it with the file attached"),
                    )
                })
        }
        Err(error) => failed(
            SourceJson {
                file: input.name.clone(),
                ..SourceJson::default()
            },
            error,
        ),
    };
    let doc = with_meta(doc, input, options);
    let status = if doc.error.is_some() { "failed" } else { "ok" };
    let written = write_atomically_with(&target, |w| {
        crate::output::json::to_writer_pretty(&mut *w, &doc).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    });
    match written {
        Ok(()) => Outcome {
            failed_checks: check_ids(&doc.checks, crate::checks::Status::Fail),
            rounding_checks: check_ids(&doc.checks, crate::checks::Status::Rounding),
            amounts_without_yuan: doc.tables.iter().map(|t| t.amounts_without_yuan()).sum(),
            ..outcome(status, doc.error.as_ref())
        },
        Err(e) => {
            let error = DocError::new(
                ErrorKind::Internal,
                format!(
                    "the output {} could not be written ({e}); check free space and permissions",
                    target.display()
                ),
            );
            outcome("failed", Some(&error))
        }
    }
}

/// The source of a document whose extraction crashed.
fn source(input: &Input, options: &ExtractOptions, bytes: usize) -> SourceJson {
    SourceJson {
        file: input.name.clone(),
        sha256: options.sha256.clone().unwrap_or_default(),
        bytes: bytes as u64,
        ..SourceJson::default()
    }
}

fn with_meta(mut doc: DocumentJson, input: &Input, options: &BatchOptions) -> DocumentJson {
    if let Some(meta) = options
        .manifest
        .as_ref()
        .and_then(|m| m.meta_for(&input.path))
    {
        doc.source.meta = meta.clone();
    }
    doc
}

fn kind_from(text: &str) -> ErrorKind {
    match text {
        "encrypted" => ErrorKind::Encrypted,
        "no_text_layer" => ErrorKind::NoTextLayer,
        "unsupported" => ErrorKind::Unsupported,
        "too_large" => ErrorKind::TooLarge,
        "timeout" => ErrorKind::Timeout,
        "internal" => ErrorKind::Internal,
        "damaged" => ErrorKind::Damaged,
        _ => ErrorKind::Corrupt,
    }
}

fn progress_bar(len: usize, wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {rate}  ETA {eta}  {msg}")
    {
        bar.set_style(
            style.with_key("rate", |state: &ProgressState, w: &mut dyn FmtWrite| {
                let _ = w.write_str(&rate(state.per_sec()));
            }),
        );
    }
    bar
}

/// Files per second to one decimal ("20.6/s"): indicatif's own shows four.
fn rate(per_sec: f64) -> String {
    format!("{per_sec:.1}/s")
}

/// The outputs a batch over `inputs` writes (its shard's only).
pub fn outputs(inputs: &[Input], options: &BatchOptions) -> Vec<PathBuf> {
    inputs
        .iter()
        .filter(|i| options.shard.is_none_or(|s| s.takes(&i.key)))
        .map(|i| output_path(&options.out, i))
        .collect()
}

/// Runs the batch and returns its summary (also written to OUT/summary.json,
/// or OUT/summary.shard-K-of-N.json for one shard).
pub fn run(inputs: Vec<Input>, options: &BatchOptions) -> Result<Summary, String> {
    let inputs: Vec<Input> = match options.shard {
        Some(shard) => inputs.into_iter().filter(|i| shard.takes(&i.key)).collect(),
        None => inputs,
    };
    std::fs::create_dir_all(&options.out).map_err(|e| {
        format!(
            "cannot create the output directory {}: {e}",
            options.out.display()
        )
    })?;
    let removed = remove_stale_temporaries(&options.out);
    if removed > 0 {
        eprintln!(
            "budgetpdf: removed {removed} temporary file(s) left in {} by a run that was stopped",
            options.out.display()
        );
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let bar = progress_bar(inputs.len(), options.progress);
    let failures = Mutex::new(0usize);
    let outcomes: Vec<Outcome> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let outcome = process(input, options);
                if outcome.status == "failed" {
                    let mut n = failures.lock().unwrap_or_else(|e| e.into_inner());
                    *n += 1;
                    bar.set_message(format!("{n} failed"));
                }
                bar.inc(1);
                outcome
            })
            .collect()
    });
    bar.finish_and_clear();
    let summary = Summary::from_outcomes(outcomes);
    let json = serde_json::to_vec_pretty(&summary).map_err(|e| e.to_string())?;
    // Shards share OUT: each writes its own summary, and a run over the
    // whole harvest (gathering) writes summary.json.
    let name = match options.shard {
        Some(s) => format!("summary.shard-{}-of-{}.json", s.index, s.count),
        None => "summary.json".to_string(),
    };
    write_atomically(&options.out.join(name), &json)
        .map_err(|e| format!("cannot write the summary in {}: {e}", options.out.display()))?;
    Ok(summary)
}

/// The ids of the checks with this status, each once, in order.
fn check_ids(checks: &[crate::checks::Check], status: crate::checks::Status) -> Vec<String> {
    checks
        .iter()
        .filter(|c| c.status == status)
        .map(|c| c.id.to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_of_dead_runs_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        // PIDs are below 2^22 on Linux: this one cannot be running.
        let dead = sub.join(".x.json.tmp-4294967");
        let live = dir
            .path()
            .join(format!(".y.json.tmp-{}", std::process::id()));
        let output = dir.path().join("z.json");
        for f in [&dead, &live, &output] {
            std::fs::write(f, b"{}").unwrap();
        }
        assert_eq!(remove_stale_temporaries(dir.path()), 1);
        assert!(!dead.exists() && live.exists() && output.exists());
    }

    #[test]
    fn the_progress_rate_has_one_decimal() {
        assert_eq!(rate(20.6139), "20.6/s");
        assert_eq!(rate(0.04), "0.0/s");
    }
}
