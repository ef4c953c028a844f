//! The `budgetpdf` command line; the work is done by the library and `cli`.

mod cli;

/// Counts each worker's heap bytes, so a document past its memory budget
/// (`--max-memory`) ends as `too_large` instead of taking the batch down.
#[global_allocator]
static ALLOCATOR: budgetpdf::memory::CountingAllocator = budgetpdf::memory::CountingAllocator;

fn main() {
    budgetpdf::memory::CountingAllocator::installed();
    std::process::exit(cli::run());
}
