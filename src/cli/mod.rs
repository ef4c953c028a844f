//! Command-line parsing and dispatch. Each subcommand lives in its own file
//! and only formats what the library returns.

mod debug;
mod extract;
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
    /// Extract every document to OUT/<name>.json (document JSON, schema version 1).
    Extract {
        /// PDF files or directories (searched recursively for *.pdf).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Draw how a page was read (glyphs, ruling lines, edges, cells, tables) as SVG.
    Debug {
        file: PathBuf,
        /// The page to draw (1-based).
        #[arg(long)]
        page: u32,
        /// Where to write the SVG.
        #[arg(long)]
        svg: PathBuf,
    },
    /// Print each table: title, pages, header paths and rows.
    Tables {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: tables::Format,
    },
    /// Print each page's text in reading order, pages separated by form feeds.
    Text {
        /// The PDF to read.
        file: PathBuf,
        /// Only this page (1-based).
        #[arg(long)]
        page: Option<u32>,
        /// Print the glyphs and graphics of the page(s) as JSON, for debugging.
        #[arg(long)]
        json: bool,
    },
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
        Command::Extract { inputs, out } => extract::run(&inputs, &out),
        Command::Tables { file, format } => tables::run(&file, format),
        Command::Debug { file, page, svg } => debug::run(&file, page, &svg),
    }
}

/// Reads a file, or explains why not, naming it.
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("budgetpdf: cannot read {}: {e}", path.display()))
}

/// Files named directly, and *.pdf files found recursively in directories, sorted.
fn expand_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            collect_pdfs(input, &mut out);
        } else {
            out.push(input.clone());
        }
    }
    out
}

fn collect_pdfs(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_pdfs(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            out.push(path);
        }
    }
}
