//! Command-line parsing and dispatch. Each subcommand lives in its own file
//! and only formats what the library returns.

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
    }
}

/// Reads a file, or explains why not, naming it.
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("budgetpdf: cannot read {}: {e}", path.display()))
}
