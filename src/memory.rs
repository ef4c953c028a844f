//! A memory budget per document. The binary installs [`CountingAllocator`],
//! which counts the heap bytes each thread holds (a document is read on one
//! worker thread from start to end); the stages compare the growth since the
//! document began with its [`Budget`] wherever they check the deadline, and
//! a document past it ends as `too_large` while the batch goes on. In a
//! program that does not install the allocator, nothing is counted and no
//! budget is enforced.

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

thread_local! {
    /// Heap bytes allocated minus freed by this thread (frees of another
    /// thread's memory make it drift, which only matters across documents,
    /// and each document measures from its own baseline).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The most `LIVE` has been since [`reset_peak`].
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// mimalloc (faster than the system allocator on the many small
/// allocations of glyphs, lines and cells), counting each thread's live bytes.
pub struct CountingAllocator;

fn add(delta: isize) {
    // During thread teardown the counter may be gone: then nothing is counted.
    let _ = LIVE.try_with(|c| {
        let now = c.get().wrapping_add(delta);
        c.set(now);
        if delta > 0 {
            let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
        }
    });
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}

impl CountingAllocator {
    /// Says that the allocator is installed (the binary calls it first
    /// thing), so budgets are enforced.
    pub fn installed() {
        INSTALLED.store(true, Ordering::Relaxed);
    }
}

/// Returns the pages this thread's heap no longer uses to the system, now
/// rather than when mimalloc gets round to it. A long document frees its
/// parsed objects a page at a time while the pages' digests grow: without
/// it, freed pages stay resident between the two (a 5,171-page book peaked
/// 15–18 MB higher). Nothing when the counting allocator is not installed.
pub fn return_free_pages() {
    if INSTALLED.load(Ordering::Relaxed) {
        // SAFETY: mimalloc is the global allocator (the binary installed
        // it); collecting only releases memory no live block uses.
        unsafe { libmimalloc_sys::mi_collect(true) };
    }
}

/// A document this long returns the memory it has freed to the system as
/// it goes: every [`RETURN_FREE_PAGES_EVERY`] pages read, once its pages are
/// read and once they are turned into tables. Department budgets run to a
/// few hundred pages and cost tens of megabytes: returning memory there only
/// costs time (the next document faults it back in).
pub const LONG_DOCUMENT_PAGES: usize = 1000;

/// Pages read between returns of freed memory, in a long document.
pub const RETURN_FREE_PAGES_EVERY: usize = 100;

/// Returns the freed memory of a document of `pages` pages, when it is long.
pub fn return_free_pages_if_long(pages: usize) {
    if pages >= LONG_DOCUMENT_PAGES {
        return_free_pages();
    }
}

/// The heap bytes this thread holds, as counted.
pub fn thread_bytes() -> isize {
    LIVE.try_with(Cell::get).unwrap_or(0)
}

/// Starts measuring this thread's peak afresh (see [`peak_growth`]).
pub fn reset_peak() {
    let _ = PEAK.try_with(|p| p.set(thread_bytes()));
}

/// How far this thread's heap rose above `baseline` since [`reset_peak`]
/// (what a test or the fuzzing campaign holds each input to).
pub fn peak_growth(baseline: isize) -> usize {
    PEAK.try_with(Cell::get)
        .unwrap_or(0)
        .wrapping_sub(baseline)
        .max(0) as usize
}

/// The environment variable that has [`trace`] report each stage's memory.
pub const TRACE_VARIABLE: &str = "BUDGETPDF_TRACE_MEMORY";

/// With `BUDGETPDF_TRACE_MEMORY` set, writes to standard error what this
/// thread's heap holds at `stage` of a document, beside the process's
/// resident set and its peak (from `/proc/self/status`, where there is one):
/// where a long book's memory goes, stage by stage, without a profiler.
pub fn trace(stage: impl FnOnce() -> String) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os(TRACE_VARIABLE).is_some()) {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kilobytes = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
    };
    let megabytes =
        |kb: Option<u64>| kb.map_or("?".to_string(), |kb| format!("{:.1}", kb as f64 / 1024.0));
    eprintln!(
        "budgetpdf memory: {}: heap {:.1} MB, resident {} MB, peak resident {} MB",
        stage(),
        thread_bytes() as f64 / (1 << 20) as f64,
        megabytes(kilobytes("VmRSS:")),
        megabytes(kilobytes("VmHWM:")),
    );
}

/// A document's memory budget: its thread's count when it began, and the
/// growth allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    baseline: isize,
    pub max_bytes: usize,
}

impl Budget {
    /// A budget of `max_bytes` from now, on this thread; `None` when the
    /// counting allocator is not installed.
    pub fn starting_now(max_bytes: usize) -> Option<Budget> {
        INSTALLED.load(Ordering::Relaxed).then(|| Budget {
            baseline: thread_bytes(),
            max_bytes,
        })
    }

    /// The bytes grown since the start, when over the budget.
    pub fn exceeded(&self) -> Option<usize> {
        let grown = thread_bytes().wrapping_sub(self.baseline).max(0) as usize;
        (grown > self.max_bytes).then_some(grown)
    }
}

/// The default budget per document: three quarters of the machine's memory
/// shared by `jobs` workers, at most 4 GiB (a real disclosure needs about
/// 100 MB) and at least 256 MiB.
pub fn default_budget(jobs: usize) -> usize {
    const GIB: usize = 1 << 30;
    let total = total_memory().unwrap_or(8 * GIB);
    (total / 4 * 3 / jobs.max(1)).clamp(GIB / 4, 4 * GIB)
}

/// The machine's memory, from /proc/meminfo where there is one.
fn total_memory() -> Option<usize> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_budget_shares_the_machine_within_bounds() {
        let one = default_budget(1);
        assert!((1 << 28..=4 << 30).contains(&one));
        assert!(default_budget(64) <= one);
        assert!(default_budget(1_000_000) >= 1 << 28);
    }

    #[test]
    fn without_the_allocator_no_budget_is_kept() {
        // The unit tests do not install the counting allocator.
        assert_eq!(Budget::starting_now(1), None);
    }
}
