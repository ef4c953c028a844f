//! Executes a page's content stream: the graphics-state stack and CTM, text
//! objects and text state, text showing (Tj, TJ, ', "), path construction and
//! painting, images, and Form XObjects with their own `/Matrix` and
//! `/Resources` (recursion bounded, cycles refused). Marked content and inline
//! image data are passed over. What is painted goes to a [`Device`].

use super::device::{Device, GlyphPaint, PathPaint};
use super::lexer::Lexer;
use super::operands::{Operand, Operands};
use super::path::PathBuilder;
use super::shown::{Shown, ShownMemo};
use super::state::{GraphicsState, rgb_from_components};
use crate::pdf::font::{Font, FontIdentity};
use crate::pdf::geometry::Matrix;
use crate::pdf::objects::{
    as_dict, get, get_array, get_dict, get_name, numbers, reference_id, resolve,
};
use crate::pdf::page::FontId;
use crate::pdf::stream::{StreamError, decoded_checked};
use lopdf::{Dictionary, Document, Object, ObjectId};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Bounds on the work one page may cause.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest decompressed size of one stream.
    pub max_stream_bytes: usize,
    /// Most decompressed page content (streams and forms) of one document:
    /// thousands of streams each under the per-stream limit still add up.
    pub max_document_content_bytes: usize,
    /// Deepest nesting of Form XObjects.
    pub max_form_depth: usize,
    /// Most operators executed on one page, forms included.
    pub max_operators: usize,
    /// Most glyphs kept on one page.
    pub max_glyphs: usize,
    /// Most path segments painted on one page (rules, boxes, drawings): a
    /// dense real page has a few thousand; more only cost time and memory.
    pub max_path_segments: usize,
    /// When set, interpretation stops once this instant has passed.
    pub deadline: Option<std::time::Instant>,
    /// When set, interpretation stops once the document's heap grows past it.
    pub budget: Option<crate::memory::Budget>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stream_bytes: 64 * 1024 * 1024,
            max_document_content_bytes: 1024 * 1024 * 1024,
            max_form_depth: 12,
            max_operators: 5_000_000,
            max_glyphs: 500_000,
            max_path_segments: 1_000_000,
            deadline: None,
            budget: None,
        }
    }
}

/// How one font's glyphs were read.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlyphCounts {
    /// Glyphs shown.
    pub shown: u64,
    /// Glyphs that no source could map.
    pub unmapped: u64,
    /// Glyphs read as characters no disclosure uses (Hangul, private use…):
    /// the mark of a damaged character map.
    pub unlikely: u64,
}

/// Fonts loaded once per document and shared by its pages, until no page
/// left can name them (see [`FontCache::retire`]).
#[derive(Debug, Default)]
pub struct FontCache {
    /// The fonts, by id: `None` once retired.
    fonts: Vec<Option<Arc<Font>>>,
    /// What each font is, by id, retired or not (for the font report).
    pub identities: Vec<FontIdentity>,
    by_object: HashMap<ObjectId, FontId>,
    /// What each font's glyphs were read as, by font id.
    pub counts: Vec<GlyphCounts>,
    /// The stand-in for fonts missing from the file or unreadable.
    fallback: Option<FontId>,
    /// Font objects loaded since [`FontCache::take_loaded`] last asked.
    loaded: Vec<ObjectId>,
}

impl FontCache {
    fn font_for(&mut self, doc: &Document, fonts: &Dictionary, name: &[u8]) -> Option<FontId> {
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry
            && let Some(&font_id) = self.by_object.get(id)
        {
            return Some(font_id);
        }
        let dict = as_dict(resolve(doc, entry)?)?;
        let font_id = self.add(Font::load(doc, dict));
        if let Object::Reference(id) = entry {
            self.by_object.insert(*id, font_id);
            self.loaded.push(*id);
        }
        Some(font_id)
    }

    /// The font objects loaded (and cached by reference) since the last
    /// call: they will not be read from the document again.
    pub fn take_loaded(&mut self) -> Vec<ObjectId> {
        std::mem::take(&mut self.loaded)
    }

    /// A standard font (Helvetica, WinAnsi) standing in for one that is
    /// missing or unreadable, as other readers do: single-byte text (figures,
    /// Latin) reads right with it; anything else is not shown (see `show`).
    fn fallback_font(&mut self, doc: &Document) -> FontId {
        if let Some(id) = self.fallback {
            return id;
        }
        let mut dict = Dictionary::new();
        for (key, value) in [
            ("Type", "Font"),
            ("Subtype", "Type1"),
            ("BaseFont", "Helvetica"),
            ("Encoding", "WinAnsiEncoding"),
        ] {
            dict.set(key, Object::Name(value.as_bytes().to_vec()));
        }
        let font_id = self.add(Font::load(doc, &dict));
        self.fallback = Some(font_id);
        font_id
    }

    fn add(&mut self, font: Font) -> FontId {
        let font_id = self.fonts.len() as FontId;
        self.identities.push(font.identity());
        self.fonts.push(Some(Arc::new(font)));
        self.counts.push(GlyphCounts::default());
        font_id
    }

    /// The font `id`, unless retired.
    pub fn font(&self, id: FontId) -> Option<&Arc<Font>> {
        self.fonts.get(id as usize)?.as_ref()
    }

    /// Frees the font loaded from the dictionary `object`, which has left the
    /// document: no page still to be read can name it. A book of many
    /// documents bound together would otherwise hold every document's fonts
    /// (their widths and character maps) to its end. Its identity and counts
    /// stay for the report.
    pub fn retire(&mut self, object: ObjectId) {
        if let Some(id) = self.by_object.remove(&object) {
            self.fonts[id as usize] = None;
        }
    }
}

/// Problems met while interpreting, reported as diagnostics by the caller.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Incidents {
    pub operator_limit: bool,
    pub glyph_limit: bool,
    /// Paths beyond `max_path_segments` were not painted.
    pub path_limit: bool,
    pub form_depth_limit: bool,
    pub form_cycle: bool,
    pub streams_too_large: u32,
    pub streams_undecodable: u32,
    /// Content streams the page refers to that are not in the file.
    pub streams_missing: u32,
    /// Content streams whose compressed data breaks off partway.
    pub streams_cut_short: u32,
    /// Text strings shown while no usable font was set (the font named is
    /// missing from the file or could not be read): their text is lost.
    pub text_without_font: u32,
    /// Text strings read with the stand-in font (their own font is missing
    /// or unreadable, but they are plain single-byte text).
    pub text_with_fallback_font: u32,
    /// The page's own object is not in the file (only its place in the
    /// page tree is): the whole page is lost.
    pub page_missing: bool,
    pub timed_out: bool,
    /// The document's heap grew past its memory budget.
    pub over_budget: bool,
    /// Operators PDF does not define, met outside BX … EX (damaged bytes).
    pub unknown_operators: u32,
    /// Bytes of decompressed content the page's streams gave.
    pub content_bytes: usize,
}

impl Incidents {
    /// Adds the counts of `other` (streams, text, operators, content bytes),
    /// to total a page's or a document's; the flags stay as they are.
    pub fn add_counts(&mut self, other: &Incidents) {
        self.streams_too_large += other.streams_too_large;
        self.streams_undecodable += other.streams_undecodable;
        self.streams_missing += other.streams_missing;
        self.streams_cut_short += other.streams_cut_short;
        self.text_without_font += other.text_without_font;
        self.text_with_fallback_font += other.text_with_fallback_font;
        self.unknown_operators += other.unknown_operators;
        self.content_bytes = self.content_bytes.saturating_add(other.content_bytes);
    }
}

/// Every operator PDF 2.0 defines (those not acted on are known all the same).
const OPERATORS: [&[u8]; 73] = [
    b"w", b"J", b"j", b"M", b"d", b"ri", b"i", b"gs", b"q", b"Q", b"cm", b"m", b"l", b"c", b"v",
    b"y", b"h", b"re", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n", b"W", b"W*",
    b"BT", b"ET", b"Tc", b"Tw", b"Tz", b"TL", b"Tf", b"Tr", b"Ts", b"Td", b"TD", b"Tm", b"T*",
    b"Tj", b"TJ", b"'", b"\"", b"d0", b"d1", b"CS", b"cs", b"SC", b"SCN", b"sc", b"scn", b"G",
    b"g", b"RG", b"rg", b"K", b"k", b"sh", b"BI", b"ID", b"EI", b"Do", b"MP", b"DP", b"BMC",
    b"BDC", b"EMC", b"BX", b"EX",
];

/// How often (in operators) the deadline is looked at.
const DEADLINE_CHECK_INTERVAL: usize = 4096;

pub struct Interpreter<'a, D: Device> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    device: &'a mut D,
    limits: &'a Limits,
    gs: GraphicsState,
    stack: Vec<GraphicsState>,
    tm: Matrix,
    tlm: Matrix,
    path: PathBuilder,
    pending_clip: bool,
    forms: Vec<ObjectId>,
    operators: usize,
    glyphs: usize,
    /// Path segments painted on this page so far.
    segments: usize,
    /// What each font's codes showed on this page, by font id.
    memos: Vec<ShownMemo>,
    /// The font each `Tf` name picked under each resource dictionary: some
    /// producers select the font again for every glyph.
    selected: Vec<(Option<&'a Dictionary>, Vec<u8>, FontId)>,
    /// Depth of BX … EX sections, where unknown operators are allowed.
    compatibility: u32,
    pub incidents: Incidents,
}

/// Deepest `q` nesting kept; deeper saves are ignored (hostile streams).
const MAX_STATE_STACK: usize = 256;

impl<'a, D: Device> Interpreter<'a, D> {
    pub fn new(
        doc: &'a Document,
        fonts: &'a mut FontCache,
        device: &'a mut D,
        limits: &'a Limits,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            device,
            limits,
            gs: GraphicsState::default(),
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: PathBuilder::default(),
            pending_clip: false,
            forms: Vec::new(),
            operators: 0,
            glyphs: 0,
            segments: 0,
            memos: Vec::new(),
            selected: Vec::new(),
            compatibility: 0,
            incidents: Incidents::default(),
        }
    }

    /// Runs a content stream with the given resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        let mut lexer = Lexer::new(content);
        let mut operands = Operands::new();
        while let Some(op) = lexer.next_operation(&mut operands) {
            self.operators += 1;
            if self.operators > self.limits.max_operators {
                self.incidents.operator_limit = true;
                return;
            }
            if self.operators % DEADLINE_CHECK_INTERVAL == 0
                && self
                    .limits
                    .deadline
                    .is_some_and(|d| std::time::Instant::now() >= d)
            {
                self.incidents.timed_out = true;
                return;
            }
            if self.operators % DEADLINE_CHECK_INTERVAL == 0
                && self.limits.budget.is_some_and(|b| b.exceeded().is_some())
            {
                self.incidents.over_budget = true;
                return;
            }
            if op == b"ID" {
                lexer.skip_inline_image();
                // The image's placement is the unit square under the CTM.
                self.device.image(&self.gs.ctm, None);
                continue;
            }
            self.execute(op, &operands, resources);
        }
    }

    /// The font a `Tf` names in `resources`, or the standard stand-in when
    /// it is missing or unreadable.
    fn select_font(&mut self, name: &[u8], resources: Option<&'a Dictionary>) -> FontId {
        let same_resources = |r: Option<&Dictionary>| match (r, resources) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if let Some(&(_, _, id)) = self
            .selected
            .iter()
            .find(|(r, n, _)| same_resources(*r) && n.as_slice() == name)
        {
            return id;
        }
        let font = resources
            .and_then(|r| get_dict(self.doc, r, b"Font"))
            .and_then(|fonts| self.fonts.font_for(self.doc, fonts, name));
        let id = font.unwrap_or_else(|| self.fonts.fallback_font(self.doc));
        self.selected.push((resources, name.to_vec(), id));
        id
    }

    fn execute(&mut self, op: &[u8], args: &Operands, resources: Option<&'a Dictionary>) {
        let n = |i: usize| {
            args.get(i)
                .and_then(Operand::as_f32)
                .filter(|v| v.is_finite())
        };
        match op {
            // Graphics state.
            b"q" if self.stack.len() < MAX_STATE_STACK => self.stack.push(self.gs.clone()),
            b"Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            b"cm" => {
                if let Some(m) = matrix_from(args) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            b"w" => {
                if let Some(w) = n(0) {
                    self.gs.line_width = w.abs();
                }
            }
            b"g" | b"rg" | b"k" => self.gs.fill_rgb = colour_of(args),
            b"G" | b"RG" | b"K" => self.gs.stroke_rgb = colour_of(args),
            b"sc" | b"scn" => self.gs.fill_rgb = colour_of(args),
            b"SC" | b"SCN" => self.gs.stroke_rgb = colour_of(args),
            b"cs" => self.gs.fill_rgb = [0.0; 3],
            b"CS" => self.gs.stroke_rgb = [0.0; 3],

            // Path construction.
            b"m" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    self.path.move_to(self.gs.ctm.apply(x, y));
                }
            }
            b"l" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    self.path.line_to(self.gs.ctm.apply(x, y));
                }
            }
            b"c" => {
                if let (Some(x), Some(y)) = (n(4), n(5)) {
                    self.path.curve_to(self.gs.ctm.apply(x, y));
                }
            }
            b"v" | b"y" => {
                if let (Some(x), Some(y)) = (n(2), n(3)) {
                    self.path.curve_to(self.gs.ctm.apply(x, y));
                }
            }
            b"h" => self.path.close(),
            b"re" => {
                if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                    let ctm = self.gs.ctm;
                    self.path.rect([
                        ctm.apply(x, y),
                        ctm.apply(x + w, y),
                        ctm.apply(x + w, y + h),
                        ctm.apply(x, y + h),
                    ]);
                }
            }

            // Path painting.
            b"S" => self.paint(true, false),
            b"s" => {
                self.path.close();
                self.paint(true, false);
            }
            b"f" | b"F" | b"f*" => self.paint(false, true),
            b"B" | b"B*" => self.paint(true, true),
            b"b" | b"b*" => {
                self.path.close();
                self.paint(true, true);
            }
            b"n" => {
                self.path.clear();
                self.pending_clip = false;
            }
            b"W" | b"W*" => self.pending_clip = true,

            // Text objects and state.
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tc" => self.set_text(n(0), |t, v| t.char_spacing = v),
            b"Tw" => self.set_text(n(0), |t, v| t.word_spacing = v),
            b"Tz" => self.set_text(n(0), |t, v| t.horizontal_scale = v / 100.0),
            b"TL" => self.set_text(n(0), |t, v| t.leading = v),
            b"Ts" => self.set_text(n(0), |t, v| t.rise = v),
            b"Tr" => self.set_text(n(0), |t, v| t.render_mode = v.clamp(0.0, 7.0) as u8),
            b"Tf" => {
                if let Some(size) = n(1) {
                    self.gs.text.size = size;
                }
                if let Some(name) = args.name_at(0) {
                    self.gs.text.font = Some(self.select_font(name, resources));
                }
            }
            b"Td" => {
                if let (Some(tx), Some(ty)) = (n(0), n(1)) {
                    self.next_line(tx, ty);
                }
            }
            b"TD" => {
                if let (Some(tx), Some(ty)) = (n(0), n(1)) {
                    self.gs.text.leading = -ty;
                    self.next_line(tx, ty);
                }
            }
            b"Tm" => {
                if let Some(m) = matrix_from(args) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.text.leading),

            // Text showing.
            b"Tj" => {
                if let Some(s) = args.string_at(0) {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.text.leading);
                if let Some(s) = args.string_at(0) {
                    self.show(s);
                }
            }
            b"\"" => {
                if let (Some(aw), Some(ac)) = (n(0), n(1)) {
                    self.gs.text.word_spacing = aw;
                    self.gs.text.char_spacing = ac;
                }
                self.next_line(0.0, -self.gs.text.leading);
                if let Some(s) = args.string_at(2) {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = args.first() {
                    for item in args.array(*items) {
                        match item {
                            Operand::String(s) => self.show(args.bytes(*s)),
                            Operand::Number(adjust) if adjust.is_finite() => self.adjust(*adjust),
                            _ => {}
                        }
                    }
                }
            }

            // XObjects.
            b"Do" => {
                if let Some(name) = args.name_at(0) {
                    self.do_xobject(name, resources);
                }
            }
            b"BX" => self.compatibility += 1,
            b"EX" => self.compatibility = self.compatibility.saturating_sub(1),
            // An operator PDF does not define, outside BX … EX, means the
            // stream's bytes were damaged (a flipped byte turns `re` into `rf`).
            other if self.compatibility == 0 && !OPERATORS.contains(&other) => {
                self.incidents.unknown_operators += 1;
            }
            _ => {}
        }
    }

    fn set_text(
        &mut self,
        value: Option<f32>,
        set: impl FnOnce(&mut super::state::TextState, f32),
    ) {
        if let Some(v) = value {
            set(&mut self.gs.text, v);
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn paint(&mut self, stroke: bool, fill: bool) {
        // A clipping path (W n) is not painted; W followed by a painting
        // operator paints as usual.
        self.pending_clip = false;
        if self.path.is_empty() {
            return;
        }
        let segments = self.path.weight();
        if self.segments + segments > self.limits.max_path_segments {
            self.incidents.path_limit = true;
            self.path.clear();
            return;
        }
        self.segments += segments;
        let paint = PathPaint {
            stroke,
            fill,
            line_width: self.gs.line_width * self.gs.ctm.scale(),
            fill_rgb: if fill {
                self.gs.fill_rgb
            } else {
                self.gs.stroke_rgb
            },
        };
        self.device.path(self.path.path(), &paint);
        self.path.clear();
    }

    /// A TJ number: move back by `adjust`/1000 of the font size.
    fn adjust(&mut self, adjust: f32) {
        let ts = &self.gs.text;
        let amount = -adjust / 1000.0 * ts.size;
        let vertical = self.current_font().is_some_and(|f| f.vertical);
        let m = if vertical {
            Matrix::translate(0.0, amount)
        } else {
            Matrix::translate(amount * ts.horizontal_scale, 0.0)
        };
        self.tm = m.then(&self.tm);
    }

    fn current_font(&self) -> Option<&Arc<Font>> {
        self.fonts.font(self.gs.text.font?)
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font_id) = self.gs.text.font else {
            if !bytes.is_empty() {
                self.incidents.text_without_font += 1;
            }
            return;
        };
        let Some(font) = self.fonts.font(font_id).cloned() else {
            return;
        };
        if self.fonts.fallback == Some(font_id) {
            // Bytes of a missing font read as plain text only when they are
            // printable single-byte characters; a two-byte CJK string would
            // come out as garbage, so it is counted as lost instead.
            if bytes.iter().all(|b| (0x20..0x7F).contains(b)) {
                self.incidents.text_with_fallback_font += 1;
            } else {
                self.incidents.text_without_font += 1;
                return;
            }
        }
        let font_index = font_id as usize;
        if self.memos.len() <= font_index {
            self.memos.resize_with(font_index + 1, ShownMemo::default);
        }
        // Out of `self` while glyphs are emitted, and put back after.
        let mut memo = std::mem::take(&mut self.memos[font_index]);
        let ts = self.gs.text.clone();
        let invisible = ts.render_mode == 3 || ts.render_mode == 7;
        for code in font.codes(bytes) {
            let shown = memo.get(&font, code);
            // Text space → user space, with size, horizontal scale and rise.
            let size_matrix = Matrix::new(
                ts.size * ts.horizontal_scale,
                0.0,
                0.0,
                ts.size,
                0.0,
                ts.rise,
            );
            let trm = size_matrix.then(&self.tm).then(&self.gs.ctm);
            self.emit_glyph(&font, font_id, shown, trm, invisible);
            // Word spacing (Tw) applies to the one-byte code 32.
            let spacing = ts.char_spacing + if code == [32] { ts.word_spacing } else { 0.0 };
            let advance = if font.vertical {
                Matrix::translate(0.0, -ts.size + spacing)
            } else {
                Matrix::translate((shown.width * ts.size + spacing) * ts.horizontal_scale, 0.0)
            };
            self.tm = advance.then(&self.tm);
        }
        self.memos[font_index] = memo;
    }

    fn emit_glyph(
        &mut self,
        font: &Font,
        font_id: FontId,
        shown: &Shown,
        trm: Matrix,
        invisible: bool,
    ) {
        if self.glyphs >= self.limits.max_glyphs {
            self.incidents.glyph_limit = true;
            return;
        }
        if !trm.is_finite() {
            return;
        }
        self.glyphs += 1;
        let slot = font_id as usize;
        let counts = &mut self.fonts.counts[slot];
        counts.shown += 1;
        if shown.text.is_none() {
            counts.unmapped += 1;
        } else if shown.unlikely {
            counts.unlikely += 1;
        }
        self.device.glyph(&GlyphPaint {
            text: shown.text.as_deref(),
            font: font_id,
            trm,
            width: shown.width,
            descent: font.descent,
            vertical: font.vertical,
            invisible,
        });
    }

    fn do_xobject(&mut self, name: &[u8], resources: Option<&'a Dictionary>) {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| get_dict(doc, r, b"XObject")) else {
            return;
        };
        let Ok(entry) = xobjects.get(name) else {
            return;
        };
        let Some(Object::Stream(stream)) = resolve(doc, entry) else {
            // Named in the resources but not in the file: lost content.
            if matches!(entry, Object::Reference(_)) {
                self.incidents.streams_missing += 1;
            }
            return;
        };
        let id = reference_id(xobjects, name);
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => self.device.image(&self.gs.ctm, id),
            Some(b"Form") => {
                if self.forms.len() >= self.limits.max_form_depth {
                    self.incidents.form_depth_limit = true;
                    return;
                }
                if id.is_some_and(|id| self.forms.contains(&id)) {
                    self.incidents.form_cycle = true;
                    return;
                }
                let content = match decoded_checked(stream, self.limits.max_stream_bytes) {
                    Ok(d) => {
                        self.incidents.streams_cut_short += u32::from(d.cut_short);
                        self.incidents.content_bytes += d.data.len();
                        d.data
                    }
                    Err(StreamError::TooLarge { .. }) => {
                        self.incidents.streams_too_large += 1;
                        return;
                    }
                    Err(StreamError::Undecodable(_)) => {
                        self.incidents.streams_undecodable += 1;
                        return;
                    }
                };
                let form_matrix = get_array(doc, &stream.dict, b"Matrix")
                    .and_then(|a| match numbers(doc, a).as_slice() {
                        &[a, b, c, d, e, f] => Some(Matrix::new(a, b, c, d, e, f)),
                        _ => None,
                    })
                    .unwrap_or(Matrix::IDENTITY);
                let form_resources = match get(doc, &stream.dict, b"Resources") {
                    Some(obj) => as_dict(obj).or(resources),
                    None => resources,
                };
                let saved = self.gs.clone();
                let saved_depth = self.stack.len();
                self.gs.ctm = form_matrix.then(&self.gs.ctm);
                self.forms.push(id.unwrap_or((0, 0)));
                self.run(&content, form_resources);
                self.forms.pop();
                self.stack.truncate(saved_depth);
                self.gs = saved;
            }
            _ => {}
        }
    }
}

/// The first `N` numbers among the operands and how many there were, up
/// to `N` (read without collecting them: tables set a colour and a matrix
/// for every cell, some producers a matrix for every glyph).
fn leading_numbers<const N: usize>(args: &[Operand]) -> ([f32; N], usize) {
    let mut v = [0.0f32; N];
    let mut n = 0;
    for x in args.iter().filter_map(Operand::as_f32).take(N) {
        v[n] = x;
        n += 1;
    }
    (v, n)
}

/// The colour a colour operator's numbers give. Five places: a count
/// beyond four (no colour space read here) still shows as such.
fn colour_of(args: &[Operand]) -> [f32; 3] {
    let (v, n) = leading_numbers::<5>(args);
    rgb_from_components(&v[..n])
}

/// The matrix of a `cm` or `Tm`: exactly six numbers among the operands
/// (a seventh place tells more from six).
fn matrix_from(args: &[Operand]) -> Option<Matrix> {
    let m = match leading_numbers::<7>(args) {
        ([a, b, c, d, e, f, _], 6) => Matrix::new(a, b, c, d, e, f),
        _ => return None,
    };
    m.is_finite().then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn a_retired_font_is_freed_and_still_reported() {
        let mut doc = Document::with_version("1.7");
        let object = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let resources = dictionary! { "F1" => object };
        let mut cache = FontCache::default();
        let id = cache.font_for(&doc, &resources, b"F1").unwrap();
        assert_eq!(cache.font_for(&doc, &resources, b"F1"), Some(id));
        let font = Arc::downgrade(cache.font(id).unwrap());
        cache.retire(object);
        assert!(cache.font(id).is_none());
        assert!(font.upgrade().is_none(), "its tables are freed");
        assert_eq!(cache.identities[id as usize].name, "Helvetica");
        // Named again (which a dropped object cannot be), it is loaded afresh.
        let again = cache.font_for(&doc, &resources, b"F1").unwrap();
        assert_ne!(again, id);
        assert!(cache.font(again).is_some());
    }
}
