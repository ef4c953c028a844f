//! OCR of scanned pages: a page's image in, the same glyphs and ruling lines
//! a text layer would give out, so the table, record and check stages read a
//! scan as they read any page (they are the test: a scanned table whose
//! totals add up was read right).
//!
//! - [`scale`]: very fine scans halved;
//! - [`binarize`]: Otsu's threshold between ink and paper;
//! - [`deskew`]: the skew found from the rows of ink, and undone;
//! - [`rules`]: ruling lines found in the pixels, then whitened for the engine;
//! - [`words`]: Tesseract's words back as glyphs in page space;
//! - [`cells`]: each cell's figure read again alone, scaled up;
//! - [`lexicon`]: one-character slips in the words of disclosures put right.
//!
//! The engine is Tesseract 5 with its `chi_sim` model, run as the
//! `tesseract` command (one process per page, `--psm 6`, hOCR with
//! character boxes out): no C
//! library to link or build, the Debian package is all it needs, and a
//! missing engine is a message, not a build failure.

pub mod binarize;
pub mod cells;
pub mod deskew;
pub mod lexicon;
pub mod rules;
pub mod scale;
pub mod words;

use crate::pdf::image::GreyImage;
use crate::pdf::{BBox, Line, Page, ScanReader};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A rule is at least this long (points): longer than a character's stroke,
/// a large bold title's included (a one-row table's short rules are lost).
const MIN_RULE_PT: f32 = 25.0;
/// A shorter rule is taken only where it closes a grid's cells, running
/// from one of its rules to another (see [`rules::closing_rules`]).
const MIN_SHORT_RULE_PT: f32 = 8.0;
/// A short rule meets the grid's rules this closely (points).
const SHORT_RULE_REACH_PT: f32 = 1.0;
/// Rules this close (points) meet.
const RULE_REACH_PT: f32 = 3.0;
/// A band of ink thicker than this (points) is a filled area, not a rule.
const MAX_RULE_THICKNESS_PT: f32 = 2.5;

/// How to tell the user to get OCR.
pub const HOW_TO_ENABLE: &str = "install Tesseract with its Chinese model (apt-get install tesseract-ocr tesseract-ocr-chi-sim, or run scripts/setup.sh)";

/// Tesseract, found on the PATH with its `chi_sim` model.
#[derive(Debug, Clone)]
pub struct Tesseract {
    program: String,
}

impl Tesseract {
    /// Finds `tesseract` (or `$BUDGETPDF_TESSERACT`) and checks that it has
    /// the Chinese model.
    pub fn find() -> Result<Tesseract, String> {
        let program = std::env::var("BUDGETPDF_TESSERACT").unwrap_or_else(|_| "tesseract".into());
        let out = Command::new(&program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("`{program}` could not be run ({e}); {HOW_TO_ENABLE}"))?;
        let langs = String::from_utf8_lossy(&out.stdout);
        for model in ["chi_sim", "eng"] {
            if !langs.lines().any(|l| l.trim() == model) {
                return Err(format!("`{program}` has no {model} model; {HOW_TO_ENABLE}"));
            }
        }
        Ok(Tesseract { program })
    }

    /// Tesseract's readings of grey images at `dpi`, each `(image, digits
    /// only)`, side by side (each engine process uses one core), each image
    /// written once; the engine is stopped at `deadline`.
    fn readings(
        &self,
        images: &[&GreyImage],
        jobs: &[(usize, bool)],
        dpi: u32,
        deadline: Option<Instant>,
    ) -> Result<Vec<String>, String> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let paths: Vec<std::path::PathBuf> = images
            .iter()
            .map(|_| {
                std::env::temp_dir().join(format!(
                    "budgetpdf-ocr-{}-{}.pgm",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                ))
            })
            .collect();
        let written: Result<(), String> = paths
            .iter()
            .zip(images)
            .try_for_each(|(path, image)| write_pgm(path, image));
        let result = written.and_then(|()| {
            std::thread::scope(|scope| {
                let running: Vec<_> = jobs
                    .iter()
                    .map(|&(image, digits)| {
                        let path = &paths[image];
                        scope.spawn(move || self.hocr(path, dpi, digits, deadline))
                    })
                    .collect();
                running
                    .into_iter()
                    .map(|r| {
                        r.join()
                            .unwrap_or_else(|_| Err("an OCR reading crashed".to_string()))
                    })
                    .collect()
            })
        });
        if std::env::var_os("BUDGETPDF_KEEP_OCR_IMAGES").is_none() {
            for path in &paths {
                let _ = std::fs::remove_file(path);
            }
        }
        result
    }

    /// Tesseract's hOCR, with character boxes, of the image at `path`, read
    /// as Chinese text or, with `digits_only`, as figures.
    fn hocr(
        &self,
        path: &std::path::Path,
        dpi: u32,
        digits_only: bool,
        deadline: Option<Instant>,
    ) -> Result<String, String> {
        let (status, stdout) = Command::new(&self.program)
            .arg(path)
            .arg("stdout")
            .args(if digits_only {
                ["-l", "eng", "-c", "tessedit_char_whitelist=0123456789,.-"]
            } else {
                ["-l", "chi_sim", "-c", "tessedit_char_whitelist="]
            })
            .args(["--psm", "6", "--dpi"])
            .arg(dpi.to_string())
            .args(["-c", "hocr_char_boxes=1", "hocr"])
            // Pages are read in parallel by the caller's jobs.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())
            .and_then(|child| output_until(child, deadline))?;
        if !status.success() {
            return Err(format!("tesseract exited with {status}"));
        }
        Ok(String::from_utf8_lossy(&stdout).into_owned())
    }
}

/// The child's exit status and standard output, or an error once
/// `deadline` passes (the child is killed: a page must not outlive its
/// document's time limit).
fn output_until(
    mut child: std::process::Child,
    deadline: Option<Instant>,
) -> Result<(std::process::ExitStatus, Vec<u8>), String> {
    let mut stdout = child.stdout.take().ok_or("no output from tesseract")?;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut out);
        out
    });
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let out = reader.join().unwrap_or_default();
            return Ok((status, out));
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("the time limit ran out while the OCR engine read the page".to_string());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn write_pgm(path: &std::path::Path, image: &GreyImage) -> Result<(), String> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| e.to_string())?);
    write!(file, "P5\n{} {}\n255\n", image.width, image.height).map_err(|e| e.to_string())?;
    file.write_all(&image.pixels).map_err(|e| e.to_string())?;
    file.flush().map_err(|e| e.to_string())
}

impl ScanReader for Tesseract {
    fn read_scan(
        &self,
        image: &GreyImage,
        placed: BBox,
        page: &mut Page,
        deadline: Option<Instant>,
    ) -> Result<(), String> {
        let mut px_per_pt = image.width as f32 / (placed.x1 - placed.x0).max(1.0);
        let halved;
        let image = if px_per_pt > scale::MAX_PX_PER_PT {
            halved = scale::halve(image);
            px_per_pt /= 2.0;
            &halved
        } else {
            image
        };
        let threshold = binarize::otsu_threshold(image);
        let (upright, _angle) = deskew::deskew(image, threshold);
        let thickness = ((MAX_RULE_THICKNESS_PT * px_per_pt) as usize).max(2);
        let long_enough = (MIN_RULE_PT * px_per_pt) as usize;
        let mut by_length = rules::rules_at_lengths(
            &upright,
            threshold,
            &[long_enough, (MIN_SHORT_RULE_PT * px_per_pt) as usize],
            thickness,
        )
        .into_iter();
        let (long, short) = (
            by_length.next().unwrap_or_default(),
            by_length.next().unwrap_or_default(),
        );
        let mut found = rules::grid_rules(long, (RULE_REACH_PT * px_per_pt).ceil() as usize);
        let short = short
            .into_iter()
            .filter(|r| r.to + 1 - r.from < long_enough)
            .collect();
        let closing = rules::closing_rules(
            &upright,
            threshold,
            &found,
            short,
            (SHORT_RULE_REACH_PT * px_per_pt).ceil() as usize,
        );
        found.extend(closing);
        let to_page = |x: f32, y: f32| {
            (
                placed.x0 + x / px_per_pt,
                placed.top + y * (placed.bottom - placed.top) / image.height as f32,
            )
        };
        page.lines
            .extend(found.iter().map(|r| rule_line(r, &to_page, px_per_pt)));
        let dpi = (px_per_pt * 72.0).round() as u32;
        let erased = rules::erase(&upright, &found);
        let cells = cells::cell_boxes(&found);
        // On the page with its rules whitened: a cell's ink reaches its rules.
        let parts = cells::compose(&erased, &cells, threshold, px_per_pt);
        let mut images = vec![&erased];
        images.extend(parts.iter().map(|(image, _)| image));
        let mut jobs = vec![(0, false), (0, true)];
        jobs.extend((1..images.len()).map(|i| (i, true)));
        let mut read = self.readings(&images, &jobs, dpi, deadline)?.into_iter();
        let (hocr, digits) = (
            read.next().unwrap_or_default(),
            read.next().unwrap_or_default(),
        );
        let by_cell: Vec<(usize, words::Word)> = read
            .zip(&parts)
            .flat_map(|(hocr, (_, slots))| cells::read_back(words::parse_hocr(&hocr), slots))
            .collect();
        let barriers: Vec<words::Barrier> = found
            .iter()
            .filter(|r| !r.horizontal)
            .map(|r| words::Barrier {
                x: (r.across_from + r.across_to) as f32 / 2.0,
                top: r.from as f32,
                bottom: r.to as f32,
            })
            .collect();
        let read = words::prefer_figures(
            words::join_figures(words::parse_hocr(&hocr), &barriers),
            words::join_figures(words::parse_hocr(&digits), &barriers),
        );
        let read = cells::prefer_cells(read, &cells, by_cell);
        let read = words::correct_lines(read, lexicon::correct);
        page.glyphs = words::glyphs(&read, to_page);
        Ok(())
    }
}

/// A rule as a stroked line along its middle, in page space.
fn rule_line(r: &rules::Rule, to_page: &impl Fn(f32, f32) -> (f32, f32), px_per_pt: f32) -> Line {
    let middle = (r.across_from + r.across_to) as f32 / 2.0 + 0.5;
    let (a, b) = if r.horizontal {
        (
            to_page(r.from as f32, middle),
            to_page(r.to as f32 + 1.0, middle),
        )
    } else {
        (
            to_page(middle, r.from as f32),
            to_page(middle, r.to as f32 + 1.0),
        )
    };
    Line {
        x0: a.0,
        y0: a.1,
        x1: b.0,
        y1: b.1,
        width: ((r.across_to - r.across_from + 1) as f32 / px_per_pt).max(0.5),
    }
}
