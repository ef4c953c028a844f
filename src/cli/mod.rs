//! Command-line parsing and dispatch. Each subcommand lives in its own file
//! and only formats what the library returns.

mod debug;
mod extract;
mod golden;
mod tables;
mod text;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "budgetpdf",
    version,
    about = "Chinese government budget disclosure PDFs into clean, validated data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents to OUT (one document JSON per input, mirroring the input tree).
    Extract {
        /// PDF files, directories (searched recursively for *.pdf), globs, or - to read paths from stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Output directory.
        #[arg(short, long)]
        out: PathBuf,
        /// Parallel workers [default: all cores].
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Seconds allowed per document (0: no limit).
        #[arg(long, default_value_t = 120)]
        timeout: u64,
        /// Heap megabytes allowed per document before it ends as too_large
        /// (0: no limit) [default: 3/4 of the machine's memory shared by the jobs, at most 4096].
        #[arg(long, value_name = "MB")]
        max_memory: Option<u64>,
        /// Redo documents whose output is already up to date.
        #[arg(long)]
        force: bool,
        /// Take only shard K of N (0-based), e.g. --shard 3/16.
        #[arg(long)]
        shard: Option<String>,
        /// CSV with a `path` column and any others, carried into source.meta.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Also write the warehouse tables (documents, tables, line_items, facts, checks) as Parquet, NDJSON and CSV to this directory.
        #[arg(long)]
        tables_out: Option<PathBuf>,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Which pages to read by OCR (Tesseract with chi_sim): auto = pages that are images without text (scans); always = every page covered by an image; never.
        #[arg(long, value_enum, default_value_t = budgetpdf::OcrMode::Auto)]
        ocr: budgetpdf::OcrMode,
    },
    /// Draw how a page was read (glyphs, ruling lines, edges, cells, tables) as SVG.
    Debug {
        /// The PDF to read, or - to read it from standard input.
        file: PathBuf,
        /// The page to draw (1-based).
        #[arg(long)]
        page: u32,
        /// Where to write the SVG.
        #[arg(long)]
        svg: PathBuf,
    },
    /// Compare fresh extractions with golden outputs, or rewrite them.
    Golden {
        #[command(subcommand)]
        action: GoldenAction,
    },
    /// Print each table: title, pages, header paths and rows.
    Tables {
        /// The PDF to read, or - to read it from standard input.
        file: PathBuf,
        /// text: for reading; csv: one block per table; json: the tables as in the document JSON.
        #[arg(long, value_enum, default_value = "text")]
        format: tables::Format,
    },
    /// Print each page's text in reading order, pages separated by form feeds.
    Text {
        /// The PDF to read, or - to read it from standard input.
        file: PathBuf,
        /// Only this page (1-based).
        #[arg(long)]
        page: Option<u32>,
        /// Print the glyphs and graphics of the page(s) as JSON, for debugging.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum GoldenAction {
    /// Re-extract every PDF under DIR and report differences from the golden files.
    Check(GoldenArgs),
    /// Re-extract every PDF under DIR and rewrite the golden files.
    Update(GoldenArgs),
}

#[derive(clap::Args)]
struct GoldenArgs {
    /// The directory of PDFs the golden files were made from (e.g. samples).
    dir: PathBuf,
    /// Where the golden files are (they mirror DIR's tree).
    #[arg(long, default_value = "golden")]
    golden: PathBuf,
}

/// Exit status: 0 success, 1 a document could not be read, 2 bad usage.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Text { file, page, json } => text::run(&file, page, json),
        Command::Extract {
            inputs,
            out,
            jobs,
            timeout,
            max_memory,
            force,
            shard,
            manifest,
            tables_out,
            quiet,
            ocr,
        } => extract::run(extract::Args {
            inputs,
            out,
            jobs: jobs.unwrap_or(0),
            timeout,
            max_memory,
            force,
            shard,
            manifest,
            tables_out,
            quiet,
            ocr,
        }),
        Command::Tables { file, format } => tables::run(&file, format),
        Command::Debug { file, page, svg } => debug::run(&file, page, &svg),
        Command::Golden { action } => match action {
            GoldenAction::Check(a) => golden::check(&a.dir, &a.golden),
            GoldenAction::Update(a) => golden::update(&a.dir, &a.golden),
        },
    }
}

/// Reads a file, or explains why not, naming it.
/// The bytes of FILE, or of standard input when FILE is `-` (a PDF piped in).
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let limit = budgetpdf::batch::read::max_file_bytes();
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin(), limit + 1),
            &mut bytes,
        )
        .map_err(|e| format!("budgetpdf: cannot read the PDF from standard input: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(format!(
                "budgetpdf: the PDF on standard input is larger than the limit of {limit} bytes"
            ));
        }
        return Ok(bytes);
    }
    budgetpdf::batch::read::read_input(path).map_err(|e| {
        format!(
            "budgetpdf: cannot read {}: {}; check the path (or pass - to read the PDF from standard input)",
            path.display(),
            e.message
        )
    })
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every argument of every command says what it is for in `--help`.
    #[test]
    fn every_argument_has_help() {
        fn walk(command: &clap::Command, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() {
                    missing.push(format!("{} {}", command.get_name(), arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:?}");
    }
}
