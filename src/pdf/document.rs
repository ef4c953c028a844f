//! Opening a PDF and reading every page: bytes in, each [`Page`] handed to
//! the caller as it is read ([`read_pages`], so a long book never holds every
//! page at once) or all of them in a [`PdfDocument`] ([`read_with`]), with a
//! [`ReadSummary`] of what reading met and lost.
//!
//! lopdf parses the file, recovering a damaged cross-reference table by
//! scanning, and decrypts files "protected" by an owner password only. The page
//! tree is walked with inherited `/Resources`, `/MediaBox`, `/CropBox` and
//! `/Rotate`; each page's content runs through the interpreter into a
//! [`PageBuilder`], which maps user space to page space (top-left origin, y
//! down, rotation applied). A large file whose handle is given is parsed
//! with its streams left in the file, read back as the pages need them
//! ([`deferred`]).

use super::content::interpreter::Incidents;
use super::content::path::Path;
use super::content::{Device, FontCache, GlyphPaint, Interpreter, Limits, PathPaint};
use super::deferred::{self, LeftInFile, ReadingFrom};
use super::font::encoding::decode_text_string;
use super::geometry::{BBox, Matrix};
use super::image::GreyImage;
use super::objects::{as_dict, get, get_dict, numbers, resolve};
use super::page::{Glyph, Image, Line, Page, Rect};
use super::salvage::{Salvage, salvage_objects};
use super::stream::{StreamError, decoded_checked};
use crate::error::{DiagCode, Diagnostic, DocError, ErrorKind};
use lopdf::{Dictionary, Document, Object, ObjectId};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// Options for reading a document.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this are refused as `too_large`.
    pub max_file_bytes: usize,
    pub limits: Limits,
    /// How pages that are images (scans) are read; none: they are not.
    pub ocr: Option<Ocr>,
    /// The file the bytes were read from, still open. A file of at least
    /// [`ReadOptions::leave_streams_from_bytes`] is then parsed without its
    /// streams' contents, which are read from this file when a page needs
    /// them: a long book is not held twice (its file, and its streams).
    pub file: Option<std::sync::Arc<std::fs::File>>,
    /// The file size from which streams are left in the file (see `file`).
    pub leave_streams_from_bytes: usize,
    /// Parse every object of the file (lopdf), not only those the pages
    /// reach ([`super::load`]): slower, but a damaged object no page
    /// reaches is then counted among the unreadable ones too.
    pub parse_every_object: bool,
}

/// Pages read between reports of memory (see [`crate::memory::trace`]).
const TRACE_PAGES_EVERY: usize = 500;

/// A file this large is a book of hundreds of pages; below it, holding the
/// streams costs less than reading them again.
pub const LEAVE_STREAMS_FROM_BYTES: usize = 8 << 20;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_bytes: 512 * 1024 * 1024,
            limits: Limits::default(),
            ocr: None,
            file: None,
            leave_streams_from_bytes: LEAVE_STREAMS_FROM_BYTES,
            parse_every_object: false,
        }
    }
}

/// Reads the text and rules of a page that is an image (a scan). The reader
/// calls it; [`crate::ocr`] implements it.
pub trait ScanReader: Send + Sync {
    /// Adds to `page` the glyphs and ruling lines read from `image`, which is
    /// painted over `placed` (page space), giving up at `deadline`.
    fn read_scan(
        &self,
        image: &GreyImage,
        placed: BBox,
        page: &mut Page,
        deadline: Option<std::time::Instant>,
    ) -> Result<(), String>;
}

/// Which pages are read from their image.
#[derive(Clone)]
pub struct Ocr {
    pub reader: std::sync::Arc<dyn ScanReader>,
    /// Every page painted over by an image, even one with a text layer (the
    /// text layer is replaced); otherwise only pages without text.
    pub always: bool,
}

impl std::fmt::Debug for Ocr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ocr").field("always", &self.always).finish()
    }
}

/// An image covering less than this share of its page is not a scan of it.
const SCAN_MIN_AREA_SHARE: f32 = 0.4;

/// The document information dictionary's useful entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocInfo {
    pub producer: Option<String>,
    pub creator: Option<String>,
    pub title: Option<String>,
}

/// A font as reported in outputs and diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FontInfo {
    pub name: String,
    pub kind: &'static str,
    pub encoding: String,
    pub embedded: bool,
    pub glyphs: u64,
    pub unmapped: u64,
    /// Its character map (ToUnicode) is damaged.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub damaged_map: bool,
    /// Glyphs read as characters no disclosure uses.
    #[serde(skip_serializing_if = "is_zero")]
    pub unlikely: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Everything the reading engine extracted from one file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PdfDocument {
    pub info: DocInfo,
    pub pages: Vec<Page>,
    pub fonts: Vec<FontInfo>,
    pub diagnostics: Vec<Diagnostic>,
    /// What reading lost (pages missing from the page tree, content streams
    /// that could not be decoded): a document that lost content is damaged,
    /// even though what was read is kept.
    pub lost: Vec<String>,
}

/// What reading a file gives besides its pages: [`PdfDocument`] without
/// `pages`, and how many pages were handed over.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReadSummary {
    pub info: DocInfo,
    pub page_count: usize,
    /// Pages whose text was read from their image (OCR).
    pub ocr_pages: Vec<u32>,
    pub fonts: Vec<FontInfo>,
    pub diagnostics: Vec<Diagnostic>,
    /// As [`PdfDocument::lost`].
    pub lost: Vec<String>,
    /// How many streams were left in the file at parsing and read from it
    /// as the pages needed them (see [`ReadOptions::file`]).
    pub streams_left_in_file: usize,
}

/// Whether pages had text, counted as they go by: whether the document is a
/// scan is decided when the pages are gone.
#[derive(Debug, Default)]
struct TextLayer {
    pages_with_text: usize,
    /// Pages that paint images and no glyph.
    image_only: Vec<u32>,
}

impl TextLayer {
    fn count(&mut self, page: &Page) {
        if !page.glyphs.is_empty() {
            self.pages_with_text += 1;
        } else if !page.images.is_empty() {
            self.image_only.push(page.number);
        }
    }
    fn none(&self) -> bool {
        self.pages_with_text == 0
    }
}

/// Reads a PDF with default options.
pub fn read(bytes: &[u8]) -> Result<PdfDocument, DocError> {
    read_with(bytes, &ReadOptions::default())
}

/// Reads a PDF: every page's glyphs and graphics, or a typed error.
pub fn read_with(bytes: &[u8], options: &ReadOptions) -> Result<PdfDocument, DocError> {
    let mut pages = Vec::new();
    let summary = read_pages(bytes, options, &mut |page| {
        pages.push(page);
        Ok(())
    })?;
    Ok(PdfDocument {
        info: summary.info,
        pages,
        fonts: summary.fonts,
        diagnostics: summary.diagnostics,
        lost: summary.lost,
    })
}

/// Reads a PDF and hands each page to `on_page` as soon as it is read, in
/// page order; an error from `on_page` (the caller's time or memory ran out)
/// ends reading with that error. Memory stays that of one page plus what
/// the caller keeps.
/// Bytes given by value are freed once the file is parsed: a long book's
/// pages are read without its file held beside them.
pub fn read_pages<'a>(
    bytes: impl Into<Cow<'a, [u8]>>,
    options: &ReadOptions,
    on_page: &mut dyn FnMut(Page) -> Result<(), DocError>,
) -> Result<ReadSummary, DocError> {
    let bytes = bytes.into();
    if bytes.len() > options.max_file_bytes {
        return Err(DocError::new(
            ErrorKind::TooLarge,
            format!(
                "the file is {} bytes, more than the limit of {} bytes; raise the limit if the file is genuine",
                bytes.len(),
                options.max_file_bytes
            ),
        ));
    }
    let (mut doc, salvage, left_in_file) = open(&bytes, options)?;
    let streams_left_in_file = left_in_file.as_ref().map_or(0, LeftInFile::len);
    crate::memory::trace(|| format!("parsed, {streams_left_in_file} streams left in the file"));
    // Streams left in the file are read from it until the pages are read.
    let reading_from = left_in_file.map(ReadingFrom::new);
    drop(bytes);
    let PageList {
        ids: page_ids,
        from_tree,
        looped,
    } = page_ids(&doc);
    if page_ids.is_empty() {
        return Err(DocError::new(
            ErrorKind::Corrupt,
            "no pages could be found: the page tree is missing or damaged beyond repair",
        ));
    }
    // The file's bytes, and what parsing it left, go back before a long
    // book's pages start to grow (not at the 100th page).
    crate::memory::return_free_pages_if_long(page_ids.len());
    let mut out = ReadSummary {
        info: doc_info(&doc),
        page_count: page_ids.len(),
        streams_left_in_file,
        ..ReadSummary::default()
    };
    let mut layer = TextLayer::default();
    if looped {
        out.diagnostics.push(Diagnostic::warning(
            DiagCode::PageTreeLoop,
            None,
            format!(
                "the page tree refers back to its own nodes (a loop); each node was read once, giving {} pages",
                page_ids.len()
            ),
        ));
    }
    if doc.xref_recovery.is_some() {
        out.diagnostics.push(Diagnostic::warning(
            DiagCode::XrefRepaired,
            None,
            "the cross-reference table was damaged and was rebuilt by scanning the file; check the output against the document",
        ));
    }
    if !from_tree {
        out.lost.push(format!(
            "the page tree is missing or damaged ({} pages were found by scanning the file; where the tree is lost they are in the order of their object numbers, which may not be the printed order)",
            page_ids.len()
        ));
    }
    if let Some(declared) = declared_page_count(&doc)
        && declared > page_ids.len()
    {
        out.lost.push(format!(
            "only {} of the {declared} pages the document declares could be found",
            page_ids.len()
        ));
    }
    if salvage.unreadable > 0 {
        let partly = if salvage.salvaged > 0 {
            format!(", {} of them were read in part", salvage.salvaged)
        } else {
            String::new()
        };
        out.lost.push(format!(
            "{} object(s) could not be parsed (their bytes are damaged){partly}, so what refers to them may be missing or misplaced",
            salvage.unreadable
        ));
    }
    // What every page met, totalled.
    let mut total = Incidents::default();
    let mut pages_missing = Vec::new();
    let mut fonts = FontCache::default();
    let mut needed = StillNeeded::of(&doc, &page_ids, references(&doc));
    for (index, &page_id) in page_ids.iter().enumerate() {
        let number = index as u32 + 1;
        let (mut page, incidents) = read_page(&doc, page_id, number, &mut fonts, options);
        if let Some(ocr) = &options.ocr {
            match read_scan(&doc, &mut page, ocr, options.limits.deadline) {
                Ok(true) => out.ocr_pages.push(number),
                Ok(false) => {}
                Err(why) => out.diagnostics.push(Diagnostic::warning(
                    DiagCode::OcrFailed,
                    Some(number),
                    format!("the page is an image, and reading its text failed: {why}"),
                )),
            }
        }
        if let Some(why) = reading_from.as_ref().and_then(ReadingFrom::failure) {
            return Err(DocError::new(
                ErrorKind::Corrupt,
                format!("at page {number}: {why}"),
            ));
        }
        if incidents.timed_out || past_deadline(options) {
            return Err(timeout_error(number, page_ids.len()));
        }
        total.add_counts(&incidents);
        if total.content_bytes > options.limits.max_document_content_bytes {
            return Err(DocError::new(
                ErrorKind::TooLarge,
                format!(
                    "the pages' content inflates to more than {} MB (stopped at page {number} of {}); a disclosure needs a few MB, so the file is hostile or broken",
                    options.limits.max_document_content_bytes >> 20,
                    page_ids.len()
                ),
            ));
        }
        if let Some(budget) = options.limits.budget
            && (incidents.over_budget || budget.exceeded().is_some())
        {
            return Err(over_budget_error(budget.max_bytes, number, page_ids.len()));
        }
        report_incidents(&incidents, number, &mut out.diagnostics);
        if incidents.page_missing {
            pages_missing.push(number);
        }
        layer.count(&page);
        on_page(page)?;
        needed.release(&mut doc, page_id);
        for font in fonts.take_loaded() {
            needed.release_font(&mut doc, font);
        }
        for object in needed.drain_dropped() {
            fonts.retire(object);
        }
        // A long book frees its pages' objects as it goes, while what the
        // pages leave grows: the freed memory goes back from the first
        // pages on, not only once the book has proved long.
        if index % TRACE_PAGES_EVERY == 0 {
            crate::memory::trace(|| format!("page {number} read"));
        }
        if index % crate::memory::RETURN_FREE_PAGES_EVERY == 0 {
            crate::memory::return_free_pages_if_long(page_ids.len());
        }
    }
    let Incidents {
        streams_missing: missing,
        streams_undecodable: undecodable,
        streams_too_large: too_large,
        streams_cut_short: cut_short,
        text_without_font: fontless,
        text_with_fallback_font: substituted,
        unknown_operators: unknown_ops,
        ..
    } = total;
    if missing > 0 {
        out.lost.push(format!(
            "{missing} content stream(s) the pages refer to are not in the file"
        ));
    }
    if undecodable > 0 {
        out.lost.push(format!(
            "{undecodable} content stream(s) could not be decoded, so their text and rules are missing"
        ));
    }
    if !pages_missing.is_empty() {
        out.lost.push(format!(
            "{} page(s) are not in the file, only their place in the page tree (pages {})",
            pages_missing.len(),
            page_ranges(&pages_missing)
        ));
    }
    if unknown_ops > 0 {
        out.lost.push(format!(
            "{unknown_ops} operator(s) in the page content are not PDF's (its bytes are damaged), so what they drew may be missing"
        ));
    }
    if substituted > 0 {
        out.diagnostics.push(Diagnostic::warning(
            DiagCode::FontSubstituted,
            None,
            format!(
                "{substituted} text string(s) use a font that is missing from the file or unreadable; they were read with a standard font (figures and Latin letters are right; check them)"
            ),
        ));
    }
    if cut_short > 0 {
        out.lost.push(format!(
            "{cut_short} content stream(s) break off partway (their compressed data is damaged or cut short), so what follows the break is missing"
        ));
    }
    if too_large > 0 {
        // Nothing else to read: the file is a decompression bomb, not a scan.
        if layer.none() {
            return Err(DocError::new(
                ErrorKind::TooLarge,
                format!(
                    "{too_large} stream(s) inflate beyond the limit of {} bytes (a decompression bomb?) and nothing else has text; raise the limit only if the file is genuine",
                    options.limits.max_stream_bytes
                ),
            ));
        }
        out.lost.push(format!(
            "{too_large} stream(s) inflate beyond the limit of {} bytes and were skipped",
            options.limits.max_stream_bytes
        ));
    }
    if fontless > 0 {
        out.lost.push(format!(
            "{fontless} text string(s) were drawn with a font that is missing from the file or unreadable, so their text is missing"
        ));
    }
    out.fonts = font_infos(&fonts);
    report_fonts(&out.fonts, &mut out.diagnostics);
    // Glyphs no source maps to Unicode are lost text.
    let glyphs: u64 = out.fonts.iter().map(|f| f.glyphs).sum();
    let unmapped: u64 = out.fonts.iter().map(|f| f.unmapped).sum();
    if unmapped * LOST_GLYPH_SHARE > glyphs && unmapped > 0 {
        out.lost.push(format!(
            "{unmapped} of {glyphs} glyphs could not be read as text (their fonts or character maps are damaged, missing or unusable)"
        ));
    } else if let Some(font) = font_with_many(&out.fonts, |f| f.unmapped) {
        // One font with many unreadable glyphs (its character map damaged)
        // loses the text it draws, however little of the document that is;
        // no real disclosure has a font with even one.
        out.lost.push(format!(
            "font {} could not be read as text for {} of its {} glyphs (its character map is damaged or unusable)",
            font.name, font.unmapped, font.glyphs
        ));
    }
    // A character map read into Hangul or private-use characters is damaged
    // however cleanly its stream decoded (no disclosure prints them).
    if let Some(font) = font_with_many(&out.fonts, |f| f.unlikely) {
        out.lost.push(format!(
            "font {} reads as characters no disclosure uses (Hangul, private use…) for {} of its {} glyphs: its character map is damaged",
            font.name, font.unlikely, font.glyphs
        ));
    }
    for font in out.fonts.iter().filter(|f| f.damaged_map && f.glyphs > 0) {
        out.lost.push(format!(
            "the character map of font {} is damaged, so the text of its {} glyphs may be wrong",
            font.name, font.glyphs
        ));
    }
    // No text at all because of what was lost is damage, not a scan.
    if !out.lost.is_empty() && layer.none() {
        return Err(DocError::new(
            ErrorKind::Damaged,
            format!(
                "the file was read only in part, and no text could be read: {}; download it again or check it against the original",
                out.lost.join("; ")
            ),
        ));
    }
    check_text_layer(&layer, &mut out)?;
    Ok(out)
}

/// The first font with 20 or more glyphs of a kind (`count`) making up over
/// a tenth of its own.
fn font_with_many(fonts: &[FontInfo], count: impl Fn(&FontInfo) -> u64) -> Option<&FontInfo> {
    fonts
        .iter()
        .find(|f| count(f) >= MIN_LOST_FONT_GLYPHS && count(f) * 10 > f.glyphs)
}

/// Reads a page's text from the image covering it, when the page has no
/// text layer (or always, if asked). `Ok(true)` when it was read.
fn read_scan(
    doc: &Document,
    page: &mut Page,
    ocr: &Ocr,
    deadline: Option<std::time::Instant>,
) -> Result<bool, String> {
    if !page.glyphs.is_empty() && !ocr.always {
        return Ok(false);
    }
    let area = |b: &BBox| b.width().max(0.0) * b.height().max(0.0);
    let page_area = page.width * page.height;
    let Some((placed, id)) = page
        .images
        .iter()
        .filter(|i| area(&i.bbox) >= SCAN_MIN_AREA_SHARE * page_area)
        .filter_map(|i| Some((i.bbox, i.object?)))
        .max_by(|a, b| area(&a.0).total_cmp(&area(&b.0)))
    else {
        return Ok(false);
    };
    let image = super::image::grey_image(doc, id)?;
    page.glyphs.clear();
    ocr.reader.read_scan(&image, placed, page, deadline)?;
    Ok(true)
}

/// Page numbers as ranges: [6, 7, 8, 10] → "6–8, 10".
fn page_ranges(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut start = 0;
    for i in 0..pages.len() {
        let run_ends = i + 1 == pages.len() || pages[i + 1] != pages[i] + 1;
        if run_ends {
            out.push(if i == start {
                pages[i].to_string()
            } else {
                format!("{}–{}", pages[start], pages[i])
            });
            start = i + 1;
        }
    }
    out.join(", ")
}

fn past_deadline(options: &ReadOptions) -> bool {
    options
        .limits
        .deadline
        .is_some_and(|d| std::time::Instant::now() >= d)
}

fn over_budget_error(max: usize, page: u32, pages: usize) -> DocError {
    DocError::new(
        ErrorKind::TooLarge,
        format!(
            "the document needed more than the memory budget of {} MB while reading and laying out the pages (stopped at page {page} of {pages}); raise --max-memory if the file is genuine",
            max >> 20
        ),
    )
}

fn timeout_error(page: u32, pages: usize) -> DocError {
    DocError::new(
        ErrorKind::Timeout,
        format!(
            "the time limit ran out while reading and laying out the pages (stopped at page {page} of {pages}); raise --timeout if the file is genuinely large"
        ),
    )
}

/// The /Filter of the file's encryption dictionary (Standard for passwords).
fn security_handler(doc: &Document) -> Option<Vec<u8>> {
    let encrypt = resolve(doc, doc.trailer.get(b"Encrypt").ok()?).and_then(as_dict)?;
    match encrypt.get(b"Filter").ok()? {
        Object::Name(name) => Some(name.clone()),
        _ => None,
    }
}

fn unsupported_security(filter: &[u8]) -> DocError {
    DocError::new(
        ErrorKind::Unsupported,
        format!(
            "the file is encrypted with the security handler /{}, which budgetpdf cannot open (only password encryption, /Standard, is supported); ask the publisher for an unprotected copy",
            String::from_utf8_lossy(filter)
        ),
    )
}

/// Parses the file, salvaging what it can of objects lopdf could not parse.
/// A well-formed file is read by [`load`](super::load): only the objects the
/// pages can reach, the rest left unparsed. A large file whose handle is
/// given is parsed with its streams left in the file ([`deferred`]); the
/// streams are then read from the file.
fn open(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Document, Salvage, Option<LeftInFile>), DocError> {
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(DocError::new(
            ErrorKind::Corrupt,
            "this is not a PDF: no %PDF- header in the first kilobyte; check that the download is complete and is not an HTML error page",
        ));
    }
    let load = lopdf::LoadOptions {
        max_decompressed_size: Some(options.limits.max_stream_bytes),
        ..lopdf::LoadOptions::default()
    };
    let file = options
        .file
        .as_ref()
        .filter(|_| bytes.len() >= options.leave_streams_from_bytes)
        .cloned();
    let parsed = match file {
        Some(_) => deferred::parse(bytes, load),
        None => match reached_only(bytes, options) {
            Some(doc) => Ok((doc, None)),
            None => Document::load_mem_with_options(bytes, load).map(|doc| (doc, None)),
        },
    };
    let (mut doc, placements) = parsed.map_err(|e| match e {
        lopdf::Error::UnsupportedSecurityHandler(filter) => unsupported_security(&filter),
        e => DocError::new(
            ErrorKind::Corrupt,
            format!("the file could not be parsed as a PDF ({e}); it may be truncated or damaged — download it again"),
        ),
    })?;
    if let Some(filter) = security_handler(&doc)
        && filter != b"Standard"
    {
        return Err(unsupported_security(&filter));
    }
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(DocError::new(
            ErrorKind::Encrypted,
            "the file is encrypted and needs a user password to open; ask the publisher for an unprotected copy",
        ));
    }
    // A document read by `load` lists no cross-reference table here: it
    // was read only if every object the pages reach parsed.
    let salvage = salvage_objects(&mut doc, bytes);
    let left_in_file = file
        .zip(placements)
        .map(|(file, placements)| LeftInFile::new(file, placements));
    Ok((doc, salvage, left_in_file))
}

/// The objects the pages reach ([`super::load`]), unless every object is
/// to be parsed or the file is left to lopdf (not plain and well-formed,
/// or its page tree not whole).
fn reached_only(bytes: &[u8], options: &ReadOptions) -> Option<Document> {
    if options.parse_every_object {
        return None;
    }
    super::load::reachable(bytes, options.limits.max_stream_bytes).filter(page_tree_is_whole)
}

/// More than one glyph in this many unreadable means text was lost (a
/// damaged font or character map; no real disclosure has a single one).
const LOST_GLYPH_SHARE: u64 = 20;

/// A font with at least this many unreadable glyphs, over a tenth of its
/// own, has lost text (fewer may be a symbol font's bullets).
const MIN_LOST_FONT_GLYPHS: u64 = 20;

/// The page count the page tree's root declares (/Count), if readable.
fn declared_page_count(doc: &Document) -> Option<usize> {
    let pages = doc.catalog().ok()?.get(b"Pages").ok()?;
    let pages = match pages {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let count = as_dict(pages)?.get(b"Count").ok()?.as_i64().ok()?;
    usize::try_from(count).ok()
}

/// The pages found: in page-tree order, whether the page tree held them
/// (false: the tree is lost and the pages were found by scanning objects),
/// and whether the tree met one of its nodes twice (a loop).
struct PageList {
    ids: Vec<ObjectId>,
    from_tree: bool,
    looped: bool,
}

/// Walks the page tree depth first, reading each node once: a tree whose
/// Kids lead back to an ancestor is not a source of endless pages. A kid
/// whose object is missing counts as a page (its loss is reported later).
fn walk_page_tree(doc: &Document) -> (Vec<ObjectId>, bool) {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|o| o.as_reference().ok());
    let (mut pages, mut seen, mut looped) = (Vec::new(), HashSet::new(), false);
    let mut stack: Vec<ObjectId> = root.into_iter().collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            looped = true;
            continue;
        }
        let kids = doc.get_dictionary(id).ok().and_then(|node| {
            let is_node = node.has_type(b"Pages") || node.get(b"Kids").is_ok();
            is_node.then(
                || match node.get(b"Kids").ok().and_then(|k| resolve(doc, k)) {
                    Some(Object::Array(kids)) => kids
                        .iter()
                        .filter_map(|k| k.as_reference().ok())
                        .collect::<Vec<_>>(),
                    _ => Vec::new(),
                },
            )
        });
        match kids {
            Some(kids) => stack.extend(kids.into_iter().rev()),
            None if Some(id) != root => pages.push(id),
            None => {}
        }
    }
    (pages, looped)
}

/// Whether the page tree leads to pages, each of them present.
fn page_tree_is_whole(doc: &Document) -> bool {
    all_present(doc, &walk_page_tree(doc).0)
}

fn all_present(doc: &Document, pages: &[ObjectId]) -> bool {
    !pages.is_empty() && pages.iter().all(|id| doc.get_dictionary(*id).is_ok())
}

/// Page object ids in order. When the page tree is unreadable, pages found by
/// scanning the objects for `/Type /Page` are used, in object order.
fn page_ids(doc: &Document) -> PageList {
    let (ids, looped) = walk_page_tree(doc);
    // Page objects outside a whole tree are pages deleted by an edit, not
    // pages lost; only a tree with lost nodes takes them in (and only then
    // are the file's objects scanned for pages).
    let tree_is_whole = all_present(doc, &ids);
    let orphans: Vec<ObjectId> = if tree_is_whole {
        Vec::new()
    } else {
        let reached: HashSet<ObjectId> = ids.iter().copied().collect();
        doc.objects
            .iter()
            .filter(|(id, o)| {
                !reached.contains(id) && as_dict(o).is_some_and(|d| d.has_type(b"Page"))
            })
            .map(|(id, _)| *id)
            .collect()
    };
    if tree_is_whole || (orphans.is_empty() && !ids.is_empty()) {
        return PageList {
            ids,
            from_tree: true,
            looped,
        };
    }
    PageList {
        ids: with_orphans(doc, &ids, orphans),
        from_tree: false,
        looped,
    }
}

/// The pages of a damaged tree (nodes lost with a damaged object stream)
/// with the page objects it no longer reaches: each lost node gives way to
/// the orphans naming it as /Parent, and the rest follow, each group in the
/// order of their object numbers.
fn with_orphans(doc: &Document, tree: &[ObjectId], orphans: Vec<ObjectId>) -> Vec<ObjectId> {
    let parent = |id: &ObjectId| {
        doc.get_dictionary(*id)
            .ok()
            .and_then(|d| d.get(b"Parent").ok())
            .and_then(|p| p.as_reference().ok())
    };
    let mut placed: HashSet<ObjectId> = HashSet::new();
    let mut out = Vec::with_capacity(tree.len() + orphans.len());
    for &id in tree {
        if doc.get_dictionary(id).is_ok() {
            out.push(id);
            continue;
        }
        let children: Vec<ObjectId> = orphans
            .iter()
            .copied()
            .filter(|o| parent(o) == Some(id))
            .collect();
        if children.is_empty() {
            out.push(id);
        }
        placed.extend(children.iter().copied());
        out.extend(children);
    }
    out.extend(orphans.into_iter().filter(|o| !placed.contains(o)));
    out
}

fn doc_info(doc: &Document) -> DocInfo {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(as_dict);
    let text = |key: &[u8]| -> Option<String> {
        match get(doc, info?, key)? {
            Object::String(s, _) => {
                let t = decode_text_string(s).trim().to_string();
                (!t.is_empty()).then_some(t)
            }
            _ => None,
        }
    };
    DocInfo {
        producer: text(b"Producer"),
        creator: text(b"Creator"),
        title: text(b"Title"),
    }
}

/// Depth bound on the `/Parent` chain (cycles in broken files).
const MAX_TREE_DEPTH: usize = 64;

/// A page attribute, inherited from the nearest ancestor that has it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..MAX_TREE_DEPTH {
        if let Some(v) = get(doc, node, key) {
            return Some(v);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    None
}

fn page_box(doc: &Document, page: &Dictionary, key: &[u8]) -> Option<BBox> {
    let Object::Array(items) = inherited(doc, page, key)? else {
        return None;
    };
    match numbers(doc, items).as_slice() {
        &[a, b, c, d] => {
            let bbox = BBox::from_corners(a, b, c, d);
            (bbox.width() > 1.0 && bbox.height() > 1.0 && bbox.is_finite()).then_some(bbox)
        }
        _ => None,
    }
}

/// What the reading still needs of the document, so that the rest is
/// dropped as the pages go: a long book's memory does not hold every page to
/// the end.
///
/// The objects only pages read (their dictionaries and content streams) are
/// dropped after the last page that reads them; one anything else refers to
/// (a form, an annotation, an outline pointing at a page) is kept. A font's
/// program and character map go once the font is loaded. A dropped object
/// takes with it what nothing left in the document refers to: the page's
/// resources, fonts, forms and images once no page left names them. Nothing
/// is read from the document but through references from the pages, so
/// what no object refers to is never read again.
struct StillNeeded {
    pages_left: FxHashMap<ObjectId, usize>,
    page_objects: FxHashMap<ObjectId, Vec<ObjectId>>,
    /// How many references the file's objects hold to each, as written.
    written: References,
    /// How many of them the objects still in the document hold.
    held: References,
    /// Objects dropped since [`StillNeeded::drain_dropped`] last asked.
    dropped: Vec<ObjectId>,
}

impl StillNeeded {
    fn of(doc: &Document, page_ids: &[ObjectId], references: References) -> StillNeeded {
        let mut pages_left: FxHashMap<ObjectId, usize> = FxHashMap::default();
        let mut page_objects = FxHashMap::default();
        for &page_id in page_ids {
            let mut objects = doc.get_page_contents(page_id);
            // The page's own dictionary, listed in its parent's /Kids (a page
            // listed twice is read twice).
            objects.push(page_id);
            for &id in &objects {
                *pages_left.entry(id).or_default() += 1;
            }
            page_objects.insert(page_id, objects);
        }
        // References from anywhere, the pages' /Contents and /Kids included:
        // an object is the pages' alone when the pages account for all of them.
        pages_left.retain(|id, pages| references.get(id).copied().unwrap_or(0) <= *pages);
        StillNeeded {
            pages_left,
            page_objects,
            held: references.clone(),
            written: references,
            dropped: Vec::new(),
        }
    }

    /// The objects dropped from the document since the last call (the list
    /// keeps its room for the next page).
    fn drain_dropped(&mut self) -> impl Iterator<Item = ObjectId> + '_ {
        self.dropped.drain(..)
    }

    /// Counts `page_id` read, dropping the objects no page still needs.
    fn release(&mut self, doc: &mut Document, page_id: ObjectId) {
        let Some(objects) = self.page_objects.get(&page_id) else {
            return;
        };
        let mut done = Vec::new();
        for id in objects {
            if let Some(left) = self.pages_left.get_mut(id) {
                *left -= 1;
                if *left == 0 {
                    done.push(*id);
                }
            }
        }
        for id in done {
            self.drop_object(doc, id);
        }
    }

    /// Removes an object from the document, and with it each object that
    /// nothing left in the document refers to any more.
    fn drop_object(&mut self, doc: &mut Document, id: ObjectId) {
        let mut pending = vec![id];
        while let Some(id) = pending.pop() {
            let Some(object) = doc.objects.remove(&id) else {
                continue;
            };
            self.dropped.push(id);
            for_each_reference(&object, &mut |referred| {
                if let Some(held) = self.held.get_mut(&referred).filter(|h| **h > 0) {
                    *held -= 1;
                    if *held == 0 {
                        pending.push(referred);
                    }
                }
            });
        }
    }

    /// A font's program and character map are read once, when the font is
    /// loaded into the cache; they are dropped from the document then, when
    /// nothing else can reach them (each link from the font to the stream
    /// is the only reference to what it points at), so that a long book's
    /// memory does not hold every font program to the end.
    fn release_font(&mut self, doc: &mut Document, font: ObjectId) {
        let only = |id: &ObjectId| self.written.get(id) == Some(&1);
        let reference = |doc: &Document, dict: ObjectId, key: &[u8]| {
            let dict = doc.get_dictionary(dict).ok()?;
            dict.get(key).ok()?.as_reference().ok().filter(only)
        };
        let mut streams: Vec<ObjectId> = reference(doc, font, b"ToUnicode").into_iter().collect();
        let descendant = doc
            .get_dictionary(font)
            .ok()
            .and_then(|d| d.get(b"DescendantFonts").ok())
            .and_then(|a| a.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|d| d.as_reference().ok())
            .filter(only);
        for holder in std::iter::once(font).chain(descendant) {
            if let Some(descriptor) = reference(doc, holder, b"FontDescriptor") {
                for key in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                    streams.extend(reference(doc, descriptor, key));
                }
            }
        }
        for id in streams {
            self.drop_object(doc, id);
        }
    }
}

/// How many references to each object the document holds, from anywhere.
type References = FxHashMap<ObjectId, usize>;

fn references(doc: &Document) -> References {
    let mut counts = References::default();
    for object in doc.objects.values() {
        for_each_reference(object, &mut |id| *counts.entry(id).or_default() += 1);
    }
    counts
}

/// Calls `visit` with each reference in `object`, once per occurrence.
fn for_each_reference(object: &Object, visit: &mut impl FnMut(ObjectId)) {
    match object {
        Object::Reference(id) => visit(*id),
        Object::Array(items) => items.iter().for_each(|o| for_each_reference(o, visit)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| for_each_reference(o, visit)),
        Object::Stream(stream) => stream
            .dict
            .iter()
            .for_each(|(_, o)| for_each_reference(o, visit)),
        _ => {}
    }
}

fn read_page(
    doc: &Document,
    page_id: ObjectId,
    number: u32,
    fonts: &mut FontCache,
    options: &ReadOptions,
) -> (Page, Incidents) {
    let empty = Dictionary::new();
    let found = doc.get_dictionary(page_id).ok();
    let dict = found.unwrap_or(&empty);
    // Boxes are in user space with y up; BBox keeps min/max whatever the names.
    let media = page_box(doc, dict, b"MediaBox").unwrap_or(BBox {
        x0: 0.0,
        top: 0.0,
        x1: 612.0,
        bottom: 792.0,
    });
    let crop = page_box(doc, dict, b"CropBox").unwrap_or(media);
    let rotate = inherited(doc, dict, b"Rotate")
        .and_then(super::objects::number)
        .map_or(0, |r| (((r as i64 / 90) % 4 + 4) % 4 * 90) as u16);
    let mut builder = PageBuilder::new(number, crop, rotate);
    let resources = inherited(doc, dict, b"Resources").and_then(as_dict);
    let mut incidents = Incidents::default();
    let mut content = Vec::new();
    for stream_id in doc.get_page_contents(page_id) {
        let Ok(Object::Stream(stream)) = doc.get_object(stream_id) else {
            incidents.streams_missing += 1;
            continue;
        };
        match decoded_checked(stream, options.limits.max_stream_bytes) {
            Ok(decoded) => {
                incidents.streams_cut_short += u32::from(decoded.cut_short);
                // Most pages have one stream: it is taken, not copied.
                if content.is_empty() {
                    content = decoded.data;
                } else {
                    content.extend_from_slice(&decoded.data);
                }
                content.push(b'\n');
            }
            Err(StreamError::TooLarge { .. }) => incidents.streams_too_large += 1,
            Err(StreamError::Undecodable(_)) => incidents.streams_undecodable += 1,
        }
    }
    incidents.content_bytes = content.len();
    builder.expect_glyphs(content.len() / CONTENT_BYTES_PER_GLYPH);
    let mut interpreter = Interpreter::new(doc, fonts, &mut builder, &options.limits);
    interpreter.run(&content, resources);
    let mut page_incidents = interpreter.incidents.clone();
    page_incidents.add_counts(&incidents);
    page_incidents.page_missing = found.is_none();
    (builder.finish(), page_incidents)
}

/// Content bytes a shown glyph takes, a little fewer than budget tables
/// spend (a positioning operator and a two-byte code in hex): the glyphs
/// a page's content will show, seldom fewer.
const CONTENT_BYTES_PER_GLYPH: usize = 24;
/// A bound on the room made ahead, whatever the content holds.
const MAX_EXPECTED_GLYPHS: usize = 1 << 16;

fn report_incidents(incidents: &Incidents, page: u32, diagnostics: &mut Vec<Diagnostic>) {
    let page = Some(page);
    if incidents.operator_limit {
        diagnostics.push(Diagnostic::warning(
            DiagCode::LimitReached,
            page,
            "the page has more content operators than the limit; the rest of the page was skipped",
        ));
    }
    if incidents.path_limit {
        diagnostics.push(Diagnostic::warning(
            DiagCode::LimitReached,
            page,
            "the page paints more path segments than the limit (max_path_segments); the rest of its drawing was skipped",
        ));
    }
    if incidents.glyph_limit {
        diagnostics.push(Diagnostic::warning(
            DiagCode::LimitReached,
            page,
            "the page has more glyphs than the limit; the rest were skipped",
        ));
    }
    if incidents.form_depth_limit || incidents.form_cycle {
        diagnostics.push(Diagnostic::warning(
            DiagCode::LimitReached,
            page,
            "form XObjects nest too deeply or refer to themselves; the inner ones were skipped",
        ));
    }
    if incidents.streams_too_large > 0 {
        diagnostics.push(Diagnostic::warning(
            DiagCode::StreamTooLarge,
            page,
            format!(
                "{} content stream(s) would decompress beyond the size limit (a decompression bomb?) and were skipped",
                incidents.streams_too_large
            ),
        ));
    }
    if incidents.streams_undecodable > 0 {
        diagnostics.push(Diagnostic::warning(
            DiagCode::StreamUndecodable,
            page,
            format!(
                "{} content stream(s) could not be decompressed and were skipped",
                incidents.streams_undecodable
            ),
        ));
    }
}

fn font_infos(fonts: &FontCache) -> Vec<FontInfo> {
    fonts
        .identities
        .iter()
        .enumerate()
        .map(|(i, f)| FontInfo {
            name: f.name.clone(),
            kind: f.kind.as_str(),
            encoding: f.encoding.clone(),
            embedded: f.embedded,
            glyphs: fonts.counts[i].shown,
            unmapped: fonts.counts[i].unmapped,
            damaged_map: f.damaged_map,
            unlikely: fonts.counts[i].unlikely,
        })
        .collect()
}

fn report_fonts(fonts: &[FontInfo], diagnostics: &mut Vec<Diagnostic>) {
    for (id, font) in fonts.iter().enumerate() {
        if font.unmapped > 0 {
            diagnostics.push(Diagnostic::warning(
                DiagCode::UnmappedGlyphs,
                None,
                format!(
                    "font {id} '{}' ({} {}): {} of {} glyphs could not be mapped to Unicode and appear as U+FFFD",
                    font.name, font.kind, font.encoding, font.unmapped, font.glyphs
                ),
            ));
        }
    }
}

/// Pages with images and no glyphs are scans. A document with no text at all
/// is an error (`no_text_layer`); a few scanned pages are diagnostics.
fn check_text_layer(layer: &TextLayer, doc: &mut ReadSummary) -> Result<(), DocError> {
    if layer.none() {
        let message = if layer.image_only.is_empty() {
            "no page has any text; the file may be blank or draw its text as vector outlines — run OCR on it first"
                .to_string()
        } else {
            format!(
                "no page has a text layer ({} of {} pages are images only: a scan); run OCR on it first",
                layer.image_only.len(),
                doc.page_count
            )
        };
        return Err(DocError::new(ErrorKind::NoTextLayer, message));
    }
    for &page in &layer.image_only {
        doc.diagnostics.push(Diagnostic::warning(
            DiagCode::NoTextLayer,
            Some(page),
            "the page is an image without a text layer (a scan); its content is not extracted",
        ));
    }
    Ok(())
}

/// A [`Device`] that collects what is painted, in page space.
pub struct PageBuilder {
    page: Page,
    /// User space → page space.
    to_page: Matrix,
    /// A painted subpath's corners in page space, kept for the next one.
    points: Vec<(f32, f32)>,
}

impl PageBuilder {
    pub fn new(number: u32, crop: BBox, rotate: u16) -> Self {
        // In user space, `crop` holds y-up coordinates: x0..x1, top = min y, bottom = max y.
        let flip = Matrix::new(1.0, 0.0, 0.0, -1.0, -crop.x0, crop.bottom);
        let (w, h) = (crop.width(), crop.height());
        let rotation = match rotate {
            90 => Matrix::new(0.0, 1.0, -1.0, 0.0, h, 0.0),
            180 => Matrix::new(-1.0, 0.0, 0.0, -1.0, w, h),
            270 => Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, w),
            _ => Matrix::IDENTITY,
        };
        let (width, height) = if rotate % 180 == 90 { (h, w) } else { (w, h) };
        PageBuilder {
            page: Page {
                number,
                width,
                height,
                rotate,
                ..Page::default()
            },
            to_page: flip.then(&rotation),
            points: Vec::new(),
        }
    }

    /// Makes room for about `count` glyphs at once, rather than growing a
    /// page's list (its largest) a doubling at a time.
    pub fn expect_glyphs(&mut self, count: usize) {
        self.page.glyphs.reserve(count.min(MAX_EXPECTED_GLYPHS));
    }

    pub fn finish(mut self) -> Page {
        // Room made ahead and not filled (a page of drawings) goes back.
        if self.page.glyphs.capacity() > 2 * self.page.glyphs.len() {
            self.page.glyphs.shrink_to_fit();
        }
        self.page
    }

    fn to_page(&self, p: (f32, f32)) -> (f32, f32) {
        self.to_page.apply(p.0, p.1)
    }

    /// Glyphs whose baseline origin lies outside the page are dropped, as viewers
    /// do not show them; a glyph merely cut by the edge is kept (poppler's rule).
    fn on_page(&self, (x, y): (f32, f32), advance: f32) -> bool {
        x + advance.max(0.0) >= 0.0 && x <= self.page.width && y >= 0.0 && y <= self.page.height
    }

    fn add_rect(&mut self, bbox: BBox, paint: &PathPaint) {
        self.page.rects.push(Rect {
            bbox,
            stroke: paint.stroke,
            fill: paint.fill,
            line_width: paint.line_width,
            fill_rgb: paint.fill_rgb,
        });
    }
}

/// Writing direction from the glyph's baseline vector in page space.
fn direction(dx: f32, dy: f32) -> u16 {
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 { 0 } else { 180 }
    } else if dy > 0.0 {
        90
    } else {
        270
    }
}

/// Points of a closed polygon that all lie on its bounding box's edges, with
/// edges axis-aligned: the shape is that box.
fn as_axis_aligned_rect(points: &[(f32, f32)]) -> Option<BBox> {
    if !(4..=5).contains(&points.len()) {
        return None;
    }
    let bbox = BBox::from_points(points);
    const EPS: f32 = 0.01;
    let on_edge = |&(x, y): &(f32, f32)| {
        ((x - bbox.x0).abs() < EPS || (x - bbox.x1).abs() < EPS)
            && ((y - bbox.top).abs() < EPS || (y - bbox.bottom).abs() < EPS)
    };
    let ring: Vec<(f32, f32)> = points.to_vec();
    let consecutive_axis_aligned = ring
        .iter()
        .zip(ring.iter().cycle().skip(1))
        .all(|(a, b)| (a.0 - b.0).abs() < EPS || (a.1 - b.1).abs() < EPS);
    (points.iter().all(on_edge) && consecutive_axis_aligned).then_some(bbox)
}

impl Device for PageBuilder {
    fn glyph(&mut self, glyph: &GlyphPaint) {
        let m = glyph.trm.then(&self.to_page);
        let (d, w) = (glyph.descent, glyph.width.max(0.0));
        let corners = if glyph.vertical {
            [(-0.5, -1.0), (0.5, -1.0), (0.5, 0.0), (-0.5, 0.0)]
        } else {
            [(0.0, d), (w, d), (w, d + 1.0), (0.0, d + 1.0)]
        };
        let bbox = BBox::from_points(&corners.map(|(x, y)| m.apply(x, y)));
        let origin = m.apply(0.0, 0.0);
        if !bbox.is_finite() || !self.on_page(origin, bbox.width()) {
            return;
        }
        let (dx, dy) = if glyph.vertical {
            (-m.c, -m.d)
        } else {
            (m.a, m.b)
        };
        let size = (m.c * m.c + m.d * m.d).sqrt();
        self.page.glyphs.push(Glyph {
            text: glyph.text.unwrap_or("\u{FFFD}").into(),
            bbox,
            origin,
            size,
            font: glyph.font,
            direction: direction(dx, dy),
            invisible: glyph.invisible,
            confidence: None,
        });
    }

    fn path(&mut self, path: Path<'_>, paint: &PathPaint) {
        let line_width = paint.line_width;
        // One buffer for every subpath's corners (a ruled page paints thousands).
        let mut points = std::mem::take(&mut self.points);
        for sp in path.subpaths() {
            points.clear();
            points.extend(sp.points().map(|p| self.to_page(p)));
            let has_curves = sp.segments.iter().any(|s| s.curve);
            let closed_ring = sp.closed || points.first() == points.last();
            let ring = if points.len() == 5 && points.first() == points.last() {
                &points[..4]
            } else {
                &points[..]
            };
            if !has_curves
                && (closed_ring || paint.fill)
                && let Some(bbox) = as_axis_aligned_rect(ring)
            {
                self.add_rect(bbox, paint);
                continue;
            }
            if paint.stroke {
                for (a, b) in sp.straight_segments() {
                    let (a, b) = (self.to_page(a), self.to_page(b));
                    if a != b {
                        self.page.lines.push(Line {
                            x0: a.0,
                            y0: a.1,
                            x1: b.0,
                            y1: b.1,
                            width: line_width,
                        });
                    }
                }
            } else if paint.fill && !has_curves && points.len() >= 3 {
                // A filled polygon that is not a rectangle: keep its box when it
                // is thin, as producers draw rules that way.
                let bbox = BBox::from_points(&points);
                if bbox.width().min(bbox.height()) < 2.0 {
                    self.add_rect(bbox, paint);
                }
            }
        }
        self.points = points;
    }

    fn image(&mut self, ctm: &Matrix, object: Option<ObjectId>) {
        let m = ctm.then(&self.to_page);
        let points: Vec<(f32, f32)> = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
            .iter()
            .map(|&(x, y)| m.apply(x, y))
            .collect();
        let bbox = BBox::from_points(&points);
        if bbox.is_finite() {
            self.page.images.push(Image { bbox, object });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_stream_is_dropped_after_the_last_page_that_reads_it() {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.7");
        let stream =
            |doc: &mut Document| doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        // Pages 1 and 2 share a stream; page 3 has its own, which a form
        // XObject of page 1 also draws.
        let (shared, own) = (stream(&mut doc), stream(&mut doc));
        let page = |doc: &mut Document, contents: Vec<Object>| {
            doc.add_object(dictionary! { "Type" => "Page", "Contents" => contents })
        };
        let p1 = page(&mut doc, vec![shared.into()]);
        let p2 = page(&mut doc, vec![shared.into()]);
        let p3 = page(&mut doc, vec![own.into()]);
        doc.add_object(dictionary! { "XObject" => dictionary! { "Fm0" => own } });
        let mut uses = StillNeeded::of(&doc, &[p1, p2, p3], references(&doc));
        uses.release(&mut doc, p1);
        assert!(doc.objects.contains_key(&shared));
        uses.release(&mut doc, p2);
        assert!(!doc.objects.contains_key(&shared));
        uses.release(&mut doc, p3);
        assert!(doc.objects.contains_key(&own));
    }

    #[test]
    fn a_pages_dictionary_is_dropped_after_its_last_reading_unless_referred_to_elsewhere() {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.7");
        let page = |doc: &mut Document| doc.add_object(dictionary! { "Type" => "Page" });
        let (p1, p2, p3) = (page(&mut doc), page(&mut doc), page(&mut doc));
        // A damaged tree lists page 2 twice; an outline points at page 3.
        let kids: Vec<Object> = vec![p1.into(), p2.into(), p2.into(), p3.into()];
        doc.add_object(dictionary! { "Type" => "Pages", "Kids" => kids });
        doc.add_object(dictionary! { "Dest" => vec![p3.into(), "Fit".into()] });
        let mut uses = StillNeeded::of(&doc, &[p1, p2, p2, p3], references(&doc));
        uses.release(&mut doc, p1);
        assert!(!doc.objects.contains_key(&p1));
        uses.release(&mut doc, p2);
        assert!(doc.objects.contains_key(&p2), "page 2 is read once more");
        uses.release(&mut doc, p2);
        assert!(!doc.objects.contains_key(&p2));
        uses.release(&mut doc, p3);
        assert!(doc.objects.contains_key(&p3));
    }

    #[test]
    fn what_only_dropped_pages_referred_to_goes_with_them() {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.7");
        // Page 1 has a font of its own; both pages draw one form, which a
        // second font only an outline names is kept from.
        let descriptor = doc.add_object(dictionary! { "Type" => "FontDescriptor" });
        let own = doc.add_object(dictionary! { "Type" => "Font", "FontDescriptor" => descriptor });
        let form = doc.add_object(Stream::new(dictionary! { "Subtype" => "Form" }, vec![]));
        let named = doc.add_object(dictionary! { "Type" => "Font" });
        let resources = |font: Option<ObjectId>| {
            let mut r = dictionary! { "XObject" => dictionary! { "Fm0" => form } };
            if let Some(font) = font {
                r.set("Font", dictionary! { "F1" => font, "F2" => named });
            }
            r
        };
        let p1 =
            doc.add_object(dictionary! { "Type" => "Page", "Resources" => resources(Some(own)) });
        let p2 = doc.add_object(dictionary! { "Type" => "Page", "Resources" => resources(None) });
        doc.add_object(dictionary! { "Type" => "Pages", "Kids" => vec![p1.into(), p2.into()] });
        doc.add_object(dictionary! { "Outlines" => named });
        let mut uses = StillNeeded::of(&doc, &[p1, p2], references(&doc));
        uses.release(&mut doc, p1);
        let mut dropped: Vec<_> = uses.drain_dropped().collect();
        dropped.sort();
        assert_eq!(dropped, [descriptor, own, p1], "told, to retire the font");
        for gone in [p1, own, descriptor] {
            assert!(
                !doc.objects.contains_key(&gone),
                "{gone:?} went with page 1"
            );
        }
        assert!(
            doc.objects.contains_key(&form),
            "page 2 still draws the form"
        );
        assert!(
            doc.objects.contains_key(&named),
            "an outline names the font"
        );
        uses.release(&mut doc, p2);
        assert!(!doc.objects.contains_key(&form));
        assert!(doc.objects.contains_key(&named));
    }

    #[test]
    fn a_fonts_program_is_dropped_once_the_font_is_loaded_unless_shared() {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.7");
        let stream = |doc: &mut Document| doc.add_object(Stream::new(dictionary! {}, vec![0; 64]));
        // A composite font: its map, its descendant's descriptor and program.
        let (program, map) = (stream(&mut doc), stream(&mut doc));
        let descriptor = doc.add_object(dictionary! { "FontFile2" => program });
        let descendant = doc.add_object(dictionary! { "FontDescriptor" => descriptor });
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "ToUnicode" => map, "DescendantFonts" => vec![descendant.into()],
        });
        // Two simple fonts sharing one descriptor.
        let shared_program = stream(&mut doc);
        let shared = doc.add_object(dictionary! { "FontFile" => shared_program });
        let first = doc.add_object(dictionary! { "Type" => "Font", "FontDescriptor" => shared });
        doc.add_object(dictionary! { "Type" => "Font", "FontDescriptor" => shared });
        let mut uses = StillNeeded::of(&doc, &[], references(&doc));
        uses.release_font(&mut doc, font);
        assert!(!doc.objects.contains_key(&program));
        assert!(!doc.objects.contains_key(&map));
        uses.release_font(&mut doc, first);
        assert!(doc.objects.contains_key(&shared_program));
    }

    /// Page 1's font leaves the cache with page 1 (nothing left can name
    /// it); the report still gives its name and what it showed.
    #[test]
    fn a_font_gone_with_its_pages_is_still_reported() {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        for (base, text) in [("Helvetica", "(ab) Tj"), ("Courier", "(c) Tj")] {
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => base,
                "Encoding" => "WinAnsiEncoding",
            });
            let content = format!("BT /F1 12 Tf 72 720 Td {text} ET");
            let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
            kids.push(Object::from(doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            })));
        }
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Count" => 2, "Kids" => kids }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let read = read(&bytes).unwrap();
        let fonts: Vec<(&str, u64)> = read.fonts.iter().map(|f| (&f.name[..], f.glyphs)).collect();
        assert_eq!(fonts, [("Helvetica", 2), ("Courier", 1)]);
    }

    #[test]
    fn missing_pages_are_named_as_ranges() {
        assert_eq!(page_ranges(&[6, 7, 8, 10]), "6–8, 10");
        assert_eq!(page_ranges(&[3]), "3");
    }

    #[test]
    fn page_space_is_top_left_and_rotated() {
        let crop = BBox::from_corners(0.0, 0.0, 600.0, 800.0);
        let upright = PageBuilder::new(1, crop, 0);
        assert_eq!(upright.to_page((10.0, 790.0)), (10.0, 10.0));
        let rotated = PageBuilder::new(1, crop, 90);
        assert_eq!((rotated.page.width, rotated.page.height), (800.0, 600.0));
        // The top-left corner of the unrotated page is now at the top right.
        assert_eq!(rotated.to_page((0.0, 800.0)), (800.0, 0.0));
    }

    #[test]
    fn rectangles_are_recognised_in_any_winding() {
        let r = as_axis_aligned_rect(&[(0.0, 0.0), (0.0, 5.0), (10.0, 5.0), (10.0, 0.0)]).unwrap();
        assert_eq!((r.x1, r.bottom), (10.0, 5.0));
        assert!(
            as_axis_aligned_rect(&[(0.0, 0.0), (5.0, 5.0), (10.0, 0.0), (5.0, -5.0)]).is_none()
        );
    }

    #[test]
    fn not_a_pdf_is_corrupt() {
        let err = read(b"<html>error</html>").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Corrupt);
    }
}
