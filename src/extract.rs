//! The whole pipeline in one call: PDF bytes in, [`DocumentJson`] out.
//! pdf → layout → contents pages → tables → outline and sections.
//! Never panics on input: a document that cannot be read comes back with
//! `error` set and everything else empty.

use crate::layout::{LayoutSettings, TextLine, lines_of, text_lines};
use crate::model::document::{
    DocumentInfoJson, DocumentJson, RowJson, SCHEMA_VERSION, SourceJson, TableJson, ToolJson,
};
use crate::pack::Packable;
use crate::pdf::{self, Page, PdfDocument};
use crate::table::{self, Table, TableSettings};
use crate::{DocError, ErrorKind, checks, records, segment};
use sha2::{Digest, Sha256};
use std::borrow::Cow;

/// Extracts a document. `file_name` is recorded in `source.file`: a relative
/// path as given (without `.` and `..` parts), an absolute one by its base name
/// only, so outputs never hold absolute paths.
///
/// ```no_run
/// let bytes = std::fs::read("budget.pdf").unwrap();
/// let doc = budgetpdf::extract(&bytes, "budget.pdf");
/// for table in &doc.tables {
///     println!("{:?} on pages {:?}: {} rows", table.title, table.pages, table.rows.len());
/// }
/// println!("{}", serde_json::to_string_pretty(&doc).unwrap());
/// ```
pub fn extract(bytes: &[u8], file_name: &str) -> DocumentJson {
    extract_with(bytes, file_name, &ExtractOptions::default())
}

/// Options of [`extract_with`].
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Give up on a document after this long (error kind `timeout`).
    pub timeout: Option<std::time::Duration>,
    /// Give up on a document whose heap grows past this many bytes (error
    /// kind `too_large`); enforced where the counting allocator of
    /// [`memory`](crate::memory) is installed, as in the `budgetpdf` binary.
    pub max_memory: Option<usize>,
    /// Which pages are read by OCR (see [`crate::ocr`]).
    pub ocr: OcrMode,
    /// The input's SHA-256 (hex) when the caller has it already (the batch
    /// hashes each input to skip those done): the input is hashed once.
    pub sha256: Option<String>,
    /// The file the bytes were read from, still open: a large file's
    /// streams are then read from it as pages need them, not held from
    /// parsing on (see [`pdf::ReadOptions::file`]).
    pub file: Option<std::sync::Arc<std::fs::File>>,
}

/// Which pages are read from their image by OCR.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OcrMode {
    /// Pages that are images without a text layer (scans).
    #[default]
    Auto,
    /// Every page painted over by an image, its text layer replaced.
    Always,
    /// None: a scan is reported as `no_text_layer`.
    Never,
}

/// Reading options with the OCR engine `mode` asks for, when it is
/// installed (for commands that read pages without extracting).
pub fn read_options(mode: OcrMode) -> pdf::ReadOptions {
    pdf::ReadOptions {
        ocr: ocr_for(mode),
        ..pdf::ReadOptions::default()
    }
}

/// How pages are read by OCR in `mode` (none for `never`).
fn ocr_for(mode: OcrMode) -> Option<pdf::Ocr> {
    (mode != OcrMode::Never).then(|| pdf::Ocr {
        reader: std::sync::Arc::new(EngineWhenNeeded),
        always: mode == OcrMode::Always,
    })
}

/// The OCR engine, looked for once per process, the first time a page
/// needs it (pages with a text layer never start a program; a page that is
/// only an image, such as a picture cover, does under `auto`).
fn ocr_engine() -> &'static Result<crate::ocr::Tesseract, String> {
    static ENGINE: std::sync::OnceLock<Result<crate::ocr::Tesseract, String>> =
        std::sync::OnceLock::new();
    ENGINE.get_or_init(crate::ocr::Tesseract::find)
}

/// The OCR engine, found when a page first needs it.
struct EngineWhenNeeded;

impl pdf::ScanReader for EngineWhenNeeded {
    fn read_scan(
        &self,
        image: &pdf::image::GreyImage,
        placed: pdf::BBox,
        page: &mut Page,
        deadline: Option<std::time::Instant>,
    ) -> Result<(), String> {
        pdf::ScanReader::read_scan(ocr_engine().as_ref()?, image, placed, page, deadline)
    }
}

/// [`extract`] with options (a time limit).
pub fn extract_with(bytes: &[u8], file_name: &str, options: &ExtractOptions) -> DocumentJson {
    extract_from(Cow::Borrowed(bytes), file_name, options)
}

/// [`extract_with`] taking the file's bytes, freed as soon as the file is
/// parsed (a batch's peak memory is then not the file plus its pages).
pub fn extract_owned(bytes: Vec<u8>, file_name: &str, options: &ExtractOptions) -> DocumentJson {
    extract_from(Cow::Owned(bytes), file_name, options)
}

fn extract_from(bytes: Cow<'_, [u8]>, file_name: &str, options: &ExtractOptions) -> DocumentJson {
    let mut read_options = pdf::ReadOptions::default();
    let bounds = Bounds {
        deadline: options.timeout.map(|t| std::time::Instant::now() + t),
        memory: options
            .max_memory
            .and_then(crate::memory::Budget::starting_now),
    };
    read_options.limits.deadline = bounds.deadline;
    read_options.limits.budget = bounds.memory;
    read_options.ocr = ocr_for(options.ocr);
    read_options.file = options.file.clone();
    let source = SourceJson {
        file: recorded_name(file_name),
        sha256: options.sha256.clone().unwrap_or_else(|| sha256_hex(&bytes)),
        bytes: bytes.len() as u64,
        ..SourceJson::default()
    };
    // Each page is laid out and searched for grids as soon as it is read, and
    // dropped: a long book costs the memory of its largest page plus what
    // the pages leave (lines and grids).
    let settings = TableSettings::default();
    let mut digests: Vec<PageDigest> = Vec::new();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf::read_pages(bytes, &read_options, &mut |page| {
            bounds.check(|| {
                format!(
                    "while laying out text and finding tables (at page {})",
                    page.number
                )
            })?;
            digests.push(digest(page, &settings));
            pack_if_long(&mut digests);
            Ok(())
        })
    }))
    .unwrap_or_else(|panic| {
        Err(DocError::new(
            ErrorKind::Internal,
            format!(
                "budgetpdf crashed reading this file ({}); please report it with the file attached",
                panic_message(&panic)
            ),
        ))
    });
    let summary = match outcome {
        Ok(summary) => summary,
        Err(mut error) => {
            if error.kind == ErrorKind::NoTextLayer
                && options.ocr != OcrMode::Never
                && let Err(why) = ocr_engine()
            {
                error.message = format!("{}; OCR is not available: {why}", error.message);
            }
            return failed(source, error);
        }
    };
    // The later stages are pure computation on plain structs; a panic there is a
    // bug of ours, reported as `internal` for this document only.
    let failed_source = source.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        from_pages(summary, digests, source.clone(), &bounds)
            .unwrap_or_else(|error| failed(source, error))
    }))
    .unwrap_or_else(|panic| {
        failed(
            failed_source,
            DocError::new(
                ErrorKind::Internal,
                format!(
                    "budgetpdf crashed analysing this file ({}); please report it with the file attached",
                    panic_message(&panic)
                ),
            ),
        )
    })
}

/// The output for a document that could not be read.
pub fn failed(source: SourceJson, error: DocError) -> DocumentJson {
    DocumentJson {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: ToolJson::default(),
        source,
        document: DocumentInfoJson::default(),
        sections: Vec::new(),
        tables: Vec::new(),
        facts: Vec::new(),
        checks: Vec::new(),
        diagnostics: Vec::new(),
        error: Some(error),
    }
}

/// The time limit and memory budget of one document, checked by every stage
/// (per page while finding tables, per table while reading records, per
/// family of checks).
struct Bounds {
    deadline: Option<std::time::Instant>,
    memory: Option<crate::memory::Budget>,
}

impl Bounds {
    fn keep_going(&self) -> bool {
        let late = self
            .deadline
            .is_some_and(|d| std::time::Instant::now() >= d);
        let over = self.memory.is_some_and(|m| m.exceeded().is_some());
        !late && !over
    }

    /// `Ok` while within bounds; else a `timeout` or `too_large` error
    /// saying how far the work got.
    fn check(&self, reached: impl FnOnce() -> String) -> Result<(), DocError> {
        if self.keep_going() {
            Ok(())
        } else {
            Err(self.ran_out(&reached()))
        }
    }

    fn ran_out(&self, reached: &str) -> DocError {
        match self.memory {
            Some(m) if m.exceeded().is_some() => DocError::new(
                ErrorKind::TooLarge,
                format!(
                    "the document needed more than the memory budget of {} MB {reached}; raise --max-memory if the file is genuine",
                    m.max_bytes >> 20
                ),
            ),
            _ => DocError::new(
                ErrorKind::Timeout,
                format!(
                    "the time limit ran out {reached}; raise --timeout if the file is genuinely large"
                ),
            ),
        }
    }
}

fn from_pages(
    doc: pdf::ReadSummary,
    pages: Vec<PageDigest>,
    mut source: SourceJson,
    bounds: &Bounds,
) -> Result<DocumentJson, DocError> {
    source.pages = doc.page_count as u32;
    source.ocr = doc.ocr_pages.clone();
    source.producer = doc.info.producer.clone();
    source.creator = doc.info.creator.clone();
    let layout = LayoutSettings::default();
    crate::memory::trace(|| "pages read".to_string());
    let heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    // What the pages left behind goes back before the tables are merged.
    crate::memory::return_free_pages_if_long(heights.len());
    let Found {
        all_lines,
        contents,
        search,
        rest,
    } = find_document_tables(pages, &|| bounds.keep_going());
    if let Some(page) = search.stopped_at_page {
        bounds.check(|| {
            format!(
                "while finding tables (at page {page} of {})",
                doc.page_count
            )
        })?;
    }
    crate::memory::trace(|| "tables found".to_string());
    let tables = search.tables;
    let entity_hint = segment::identity::entity_from_name_lines(&all_lines);
    let year_hint = segment::identity::year_from_text(&all_lines);
    // Pages without tables keep the lines already built.
    let outside: Vec<Vec<TextLine>> = rest
        .into_iter()
        .zip(all_lines)
        .map(|(p, lines)| {
            if !tables.iter().any(|t| t.pages.contains(&p.number)) {
                lines
            } else if let Some(kept) = p.kept {
                lines_outside_tables(&kept.into_page(), &tables, &layout)
            } else {
                p.outside_grids.into_vec()
            }
        })
        .collect();
    bounds.check(|| "while dividing the text into sections".to_string())?;
    let outline = segment::outline(&outside, &heights, &contents);
    let mut id = outline.identity;
    // Without a cover (Beijing's annex-only books), forms and dates name them.
    if id.entity.is_none() {
        id.entity = entity_hint;
    }
    if id.fiscal_year.is_none() {
        id.fiscal_year = year_hint;
    }
    let mut tables: Vec<TableJson> = tables
        .into_iter()
        .enumerate()
        .map(|(i, t)| table_json(i, t))
        .collect();
    // The pages' digests are gone, turned into tables.
    crate::memory::return_free_pages_if_long(heights.len());
    // A long book's records are kept in no more room than they need; a
    // shorter document's are done before it matters.
    let long = heights.len() >= crate::memory::LONG_DOCUMENT_PAGES;
    let count = tables.len();
    for t in &mut tables {
        bounds.check(|| format!("while reading the rows of table {} of {count}", t.id))?;
        t.kind = records::kinds::classify(t.title.as_deref(), &t.columns).to_string();
        t.records = records::rows::records(t);
        if long {
            t.records
                .iter_mut()
                .for_each(records::Record::shrink_to_fit);
            t.records.shrink_to_fit();
        }
        t.column_roles = records::column_role::column_roles(&t.columns, &t.records);
    }
    crate::memory::trace(|| "records built".to_string());
    // A document that lost content is not a success: what was read is
    // kept, and the error says what was lost.
    let damage = (!doc.lost.is_empty()).then(|| {
        DocError::new(
            ErrorKind::Damaged,
            format!(
                "the file was read only in part: {}; download it again or check it against the original",
                doc.lost.join("; ")
            ),
        )
    });
    let mut diagnostics = doc.diagnostics;
    diagnostics.extend(search.pages_over_limit.iter().map(|&(page, cells)| {
        crate::error::Diagnostic::warning(
            crate::error::DiagCode::LimitReached,
            Some(page),
            format!(
                "the page has {cells} ruled cells, more than the limit of {} (max_cells_per_page); it was not read for tables",
                TableSettings::default().max_cells_per_page
            ),
        )
    }));
    diagnostics.extend(tables.iter().filter_map(unit_missing));
    bounds.check(|| "while reading the key figures".to_string())?;
    let mut facts = records::facts::table_facts(&tables);
    let (narrative, claims) =
        records::narrative::narrative_facts_until(&outline.sections, id.entity.as_deref(), &|| {
            bounds.keep_going()
        })
        .ok_or_else(|| bounds.ran_out("while reading figures from the narrative"))?;
    facts.extend(narrative);
    let checks = checks::run(&tables, &facts, &claims, &|| bounds.keep_going())
        .map_err(|family| bounds.ran_out(&format!("while checking {family}")))?;
    crate::memory::trace(|| "checks run".to_string());
    let mut source = source;
    if let Some((confirmed, unconfirmed)) = checks::ocr_tally(&tables, &checks) {
        source.ocr_confirmed = Some(confirmed);
        source.ocr_unconfirmed = Some(unconfirmed);
    }
    Ok(DocumentJson {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: ToolJson::default(),
        source,
        document: DocumentInfoJson {
            title: id.title,
            entity: id.entity,
            fiscal_year: id.fiscal_year,
            kind: id.kind,
            scope: id.scope,
            toc_pages: contents.pages.clone(),
        },
        sections: outline.sections,
        tables,
        facts,
        checks,
        diagnostics,
        error: damage,
    })
}

/// A table with amounts but no unit: a warning, since its amounts cannot be
/// given in 元 (the warehouse's value_yuan stays empty for them).
fn unit_missing(table: &TableJson) -> Option<crate::error::Diagnostic> {
    let amounts = table.amounts_without_yuan();
    (table.unit.is_none() && amounts > 0).then(|| {
        crate::error::Diagnostic::warning(
            crate::error::DiagCode::UnitMissing,
            table.pages.first().copied(),
            format!(
                "table {} ({}) has {amounts} amounts but no unit (单位：…) was found near it; their value_yuan is null",
                table.id,
                table.title.as_deref().unwrap_or("untitled")
            ),
        )
    })
}

/// What the pipeline keeps of a page after reading it. The page itself (its
/// glyphs and graphics, most of a document's memory) is dropped, unless a
/// grid on it may end in no table: then the text outside the tables that
/// remain is found again from its glyphs.
struct PageDigest {
    lines: Packable<TextLine>,
    candidates: table::PageCandidates,
    rest: PageRest,
    height: f32,
}

/// A long book packs what its pages leave (a third of its room) until its
/// tables are found: the pages' lines, their grids' cells, and the glyphs of
/// pages kept for the text outside their tables; its first pages' once it
/// proves long, each next page's as it comes. A shorter document's are kept
/// as they are: packing costs time, and they cost little memory.
fn pack_if_long(digests: &mut [PageDigest]) {
    let newest = digests.len().saturating_sub(1);
    let unpacked = match digests.len().cmp(&crate::memory::LONG_DOCUMENT_PAGES) {
        std::cmp::Ordering::Less => &mut [],
        std::cmp::Ordering::Equal => &mut digests[..],
        std::cmp::Ordering::Greater => &mut digests[newest..],
    };
    for d in unpacked {
        d.lines.pack();
        d.rest.outside_grids.pack();
        d.candidates.pack();
        if let Some(kept) = &mut d.rest.kept {
            kept.glyphs.pack();
        }
    }
}

/// What a page keeps for the text outside its tables.
struct PageRest {
    number: u32,
    /// Lines of the glyphs outside every grid found (by their centres): the
    /// page's text outside tables when each of its grids is a table's.
    outside_grids: Packable<TextLine>,
    kept: Option<KeptPage>,
}

/// A page kept for the text outside its tables: its glyphs only (packed in
/// a long book, see [`pack_if_long`]) and what they are placed on.
struct KeptPage {
    page: Page,
    glyphs: Packable<pdf::Glyph>,
}

impl KeptPage {
    fn into_page(self) -> Page {
        Page {
            glyphs: self.glyphs.into_vec(),
            ..self.page
        }
    }
}

/// Lays out a page, finds its grids, and keeps what later stages need.
fn digest(page: Page, settings: &TableSettings) -> PageDigest {
    let mut lines = text_lines(&page, &settings.layout);
    let mut candidates = table::page_candidates(&page, &lines, settings);
    let boxes: Vec<pdf::BBox> = candidates.grid_boxes().collect();
    let mut outside_grids = if boxes.is_empty() {
        Vec::new()
    } else {
        let outside = glyphs_outside_boxes(&page, &boxes);
        candidates
            .outside_lines_of(&outside)
            .unwrap_or_else(|| lines_of(&page, outside, &settings.layout))
    };
    // Indices into the page's glyphs mean nothing once it is dropped; the
    // rest is kept to the end, in no more room than it needs.
    for line in lines.iter_mut().chain(outside_grids.iter_mut()) {
        line.glyphs = Vec::new();
        line.text.shrink_to_fit();
    }
    lines.shrink_to_fit();
    outside_grids.shrink_to_fit();
    candidates.shrink_to_fit();
    let height = page.height;
    let number = page.number;
    // A page kept for the text outside its tables needs its glyphs only.
    let kept = candidates.may_drop_a_grid().then(|| {
        let mut glyphs = page.glyphs;
        glyphs.shrink_to_fit();
        KeptPage {
            glyphs: Packable::Open(glyphs),
            page: Page {
                glyphs: Vec::new(),
                lines: Vec::new(),
                rects: Vec::new(),
                images: Vec::new(),
                ..page
            },
        }
    });
    PageDigest {
        lines: Packable::Open(lines),
        candidates,
        height,
        rest: PageRest {
            number,
            outside_grids: Packable::Open(outside_grids),
            kept,
        },
    }
}

/// What the table stage found, with the lines and contents it used.
struct Found {
    all_lines: Vec<Vec<TextLine>>,
    contents: segment::toc::Contents,
    search: table::TableSearch,
    rest: Vec<PageRest>,
}

/// Contents pages, running headers and footers, then the tables.
fn find_document_tables(pages: Vec<PageDigest>, keep_going: &dyn Fn() -> bool) -> Found {
    let heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    let mut all_lines = Vec::with_capacity(pages.len());
    let mut candidates = Vec::with_capacity(pages.len());
    let mut rest = Vec::with_capacity(pages.len());
    for page in pages {
        all_lines.push(page.lines.into_vec());
        candidates.push(page.candidates);
        rest.push(page.rest);
    }
    let contents = segment::toc::find(&all_lines, &heights);
    // A page that is mostly contents is never read for tables (WPS draws some
    // contents as ruled grids).
    let skip: Vec<u32> = contents
        .share
        .iter()
        .enumerate()
        .filter(|(_, s)| **s >= 0.5)
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let furniture = furniture_boxes(&all_lines, &heights);
    let search = table::find_tables(candidates, &skip, &furniture, keep_going);
    Found {
        all_lines,
        contents,
        search,
        rest,
    }
}

/// For `debug`: each table on `page` with its title, where the title came
/// from and its label, and every continuation joined or refused there.
pub fn table_notes(doc: &PdfDocument, page: u32) -> Vec<String> {
    let settings = TableSettings::default();
    let pages = doc
        .pages
        .iter()
        .map(|p| digest(p.clone(), &settings))
        .collect();
    let found = find_document_tables(pages, &|| true);
    let mut notes = Vec::new();
    for (i, t) in found.search.tables.iter().enumerate() {
        if !t.pages.contains(&page) && !t.pages.contains(&(page + 1)) {
            continue;
        }
        notes.push(format!(
            "t{} pages {:?}: title {:?} ({}), label {:?}",
            i + 1,
            t.pages,
            t.title.as_deref().unwrap_or("none"),
            t.title_source.map_or("none", title_source_name),
            t.number.as_deref().unwrap_or("none"),
        ));
        let here = format!("page {page} ");
        let next = format!("page {} ", page + 1);
        notes.extend(
            t.decisions
                .iter()
                .filter(|d| d.starts_with(&here) || d.starts_with(&next) || t.pages[0] == page)
                .map(|d| format!("  {d}")),
        );
    }
    if found.contents.pages.contains(&page) {
        notes.push("this page is part of the contents (目录)".to_string());
    }
    notes
}

/// Each page's running header and footer boxes.
fn furniture_boxes(lines: &[Vec<TextLine>], heights: &[f32]) -> Vec<Vec<pdf::BBox>> {
    let found = segment::furniture::find(lines, heights);
    lines
        .iter()
        .enumerate()
        .map(|(i, page)| {
            page.iter()
                .enumerate()
                .filter(|(j, _)| found.contains(&(i, *j)))
                .map(|(_, l)| l.bbox)
                .collect()
        })
        .collect()
}

fn lines_outside_tables(page: &Page, tables: &[Table], layout: &LayoutSettings) -> Vec<TextLine> {
    let regions: Vec<_> = tables
        .iter()
        .flat_map(|t| t.regions.iter())
        .filter(|(p, _)| *p == page.number)
        .map(|(_, b)| *b)
        .collect();
    lines_outside_boxes(page, &regions, layout)
}

/// The lines of the glyphs whose centres lie outside every box.
fn lines_outside_boxes(
    page: &Page,
    regions: &[pdf::BBox],
    layout: &LayoutSettings,
) -> Vec<TextLine> {
    lines_of(page, glyphs_outside_boxes(page, regions), layout)
}

/// The page's glyphs whose centres lie outside every box, in page order.
fn glyphs_outside_boxes(page: &Page, regions: &[pdf::BBox]) -> Vec<usize> {
    (0..page.glyphs.len())
        .filter(|&i| {
            let (x, y) = page.glyphs[i].bbox.center();
            !regions
                .iter()
                .any(|b| x >= b.x0 && x <= b.x1 && y >= b.top && y <= b.bottom)
        })
        .collect()
}

fn table_json(index: usize, t: Table) -> TableJson {
    TableJson {
        id: format!("t{}", index + 1),
        kind: "other".to_string(),
        number: t.number,
        title: t.title,
        title_source: t.title_source.map(|s| title_source_name(s).to_string()),
        pages: t.pages,
        unit: t.unit,
        department: t.department,
        columns: t.columns,
        columns_numbers: t.column_numbers,
        column_roles: Vec::new(),
        rows: t
            .rows
            .into_iter()
            .map(|r| RowJson {
                page: r.page,
                cells: r.cells,
                // Kept only where OCR read the row.
                confidence: if r.confidence.iter().any(Option::is_some) {
                    r.confidence
                } else {
                    Vec::new()
                },
            })
            .collect(),
        notes: t.notes,
        from_alignment: t.from_alignment,
        records: Vec::new(),
    }
}

fn title_source_name(source: table::context::TitleSource) -> &'static str {
    use table::context::TitleSource::*;
    match source {
        Printed => "printed",
        InGrid => "in_grid",
        Sentence => "sentence",
        Contents => "contents",
    }
}

fn recorded_name(name: &str) -> String {
    let parts: Vec<&str> = name
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    let absolute = name.starts_with(['/', '\\']) || name.get(1..2) == Some(":");
    match (absolute, parts.last()) {
        (true, Some(last)) => last.to_string(),
        _ => parts.join("/"),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_names_are_never_absolute() {
        assert_eq!(recorded_name("/home/user/x.pdf"), "x.pdf");
        assert_eq!(recorded_name("C:\\data\\x.pdf"), "x.pdf");
        assert_eq!(recorded_name("sub/../x.pdf"), "sub/x.pdf");
        assert_eq!(recorded_name("sub/x.pdf"), "sub/x.pdf");
    }
}
