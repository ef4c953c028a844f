//! Type0 (composite) fonts: the `/Encoding` CMap splits bytes into codes and
//! maps codes to CIDs; the descendant CIDFont (CIDFontType0 or 2) gives widths
//! by CID (`/W`, `/DW`) and, with `/CIDToGIDMap`, the glyph in the embedded
//! program. Chinese producers use Identity-H with ToUnicode, predefined CMaps
//! such as UniGB-UCS2-H or GBK-EUC-H with non-embedded STSong-Light, and
//! sometimes Identity-H with no ToUnicode at all.

use super::GlyphText;
use super::cmap::CMap;
use super::collection::{self, Collection};
use super::predefined::Predefined;
use super::widths::CidWidths;
use super::{MAX_FONT_STREAM, descriptor_number, font_program, has_font_program, true_type};
use crate::pdf::objects::{
    as_dict, get, get_array, get_dict, get_name, get_number, numbers, resolve,
};
use crate::pdf::salvage::SALVAGED;
use crate::pdf::stream::decoded;
use lopdf::{Dictionary, Document, Object};
use rustc_hash::FxHashMap as HashMap;

/// How codes map to CIDs.
#[derive(Debug)]
enum CidEncoding {
    /// Identity-H / Identity-V: two-byte codes, CID = code.
    Identity,
    /// A predefined CMap read as its character encoding.
    Predefined(Predefined),
    /// An embedded CMap stream (possibly extending a predefined one).
    Embedded(CMap, Option<Predefined>),
}

/// CID → glyph id in the embedded program (CIDFontType2 only).
#[derive(Debug)]
enum CidToGid {
    Identity,
    Table(Vec<u16>),
}

#[derive(Debug)]
pub struct CidFont {
    encoding: CidEncoding,
    encoding_name: String,
    pub vertical: bool,
    pub embedded: bool,
    pub descriptor_descent: Option<f32>,
    widths: CidWidths,
    default_width: f32,
    cid_to_gid: CidToGid,
    /// Glyph id → Unicode from the embedded program (loaded only without ToUnicode).
    glyph_unicode: HashMap<u16, char>,
    /// Glyph id → advance (1/1000 em) from the embedded program, loaded only
    /// when the descendant was salvaged from damaged bytes without its `/W`:
    /// the program's widths stand in for the lost ones.
    glyph_widths: Vec<f32>,
    collection: Option<Collection>,
}

/// A `/W` run longer than this is clipped (hostile files).
const MAX_W_RUN: u32 = 0x1_0000;

impl CidFont {
    pub fn load(doc: &Document, dict: &Dictionary, has_to_unicode: bool) -> CidFont {
        let descendant = get_array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| resolve(doc, o))
            .and_then(as_dict);
        let empty = Dictionary::new();
        let descendant = descendant.unwrap_or(&empty);

        let (encoding, encoding_name) = read_encoding(doc, dict);
        let vertical = match &encoding {
            CidEncoding::Identity => encoding_name.ends_with("-V"),
            CidEncoding::Predefined(p) => p.vertical,
            CidEncoding::Embedded(cmap, base) => {
                cmap.wmode == 1 || base.is_some_and(|b| b.vertical)
            }
        };
        let collection = get_dict(doc, descendant, b"CIDSystemInfo")
            .and_then(|info| get(doc, info, b"Ordering"))
            .and_then(|o| match o {
                Object::String(s, _) => Some(String::from_utf8_lossy(s).into_owned()),
                _ => None,
            })
            .and_then(|o| Collection::from_ordering(&o));
        let cid_to_gid = match get(doc, descendant, b"CIDToGIDMap") {
            Some(Object::Stream(s)) => decoded(s, MAX_FONT_STREAM)
                .map(|data| {
                    CidToGid::Table(
                        data.chunks_exact(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect(),
                    )
                })
                .unwrap_or(CidToGid::Identity),
            _ => CidToGid::Identity,
        };
        // Reading the program costs time and memory; only a font whose text
        // cannot come from ToUnicode or a predefined CMap needs it.
        let needs_program = !has_to_unicode && !matches!(encoding, CidEncoding::Predefined(_));
        let glyph_unicode = if needs_program {
            font_program(doc, descendant)
                .map(|data| true_type::glyph_to_unicode(&data))
                .unwrap_or_default()
        } else {
            HashMap::default()
        };
        let widths = read_widths(doc, descendant);
        let glyph_widths = if widths.is_empty() && descendant.has(SALVAGED) {
            font_program(doc, descendant)
                .and_then(|data| true_type::advance_widths(&data))
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        CidFont {
            encoding,
            encoding_name,
            vertical,
            embedded: has_font_program(doc, descendant),
            descriptor_descent: descriptor_number(doc, descendant, b"Descent"),
            widths,
            glyph_widths,
            default_width: get_number(doc, descendant, b"DW")
                .and_then(super::plausible_width)
                .unwrap_or(1000.0),
            cid_to_gid,
            glyph_unicode,
            collection,
        }
    }

    pub fn encoding_name(&self) -> String {
        self.encoding_name.clone()
    }

    pub fn code_len(&self, bytes: &[u8]) -> usize {
        match &self.encoding {
            CidEncoding::Identity => 2.min(bytes.len()).max(1),
            CidEncoding::Predefined(p) => p.code_len(bytes),
            CidEncoding::Embedded(cmap, base) => {
                if cmap.codespace.is_empty()
                    && let Some(base) = base
                {
                    return base.code_len(bytes);
                }
                cmap.code_len(bytes, 2)
            }
        }
    }

    /// Unicode text and advance (em) of one code. `mapped` is the ToUnicode answer.
    pub fn decode(
        &self,
        code: u32,
        code_bytes: &[u8],
        mapped: Option<GlyphText>,
    ) -> (Option<GlyphText>, f32) {
        let predefined = match &self.encoding {
            CidEncoding::Predefined(p) => Some(p),
            CidEncoding::Embedded(_, base) => base.as_ref(),
            CidEncoding::Identity => None,
        };
        let text = mapped.or_else(|| predefined.and_then(|p| p.unicode(code_bytes)));
        let cid = match &self.encoding {
            CidEncoding::Identity => Some(code),
            CidEncoding::Embedded(cmap, _) => cmap.cid(code),
            CidEncoding::Predefined(_) => None,
        }
        .or_else(|| predefined.and_then(|p| p.cid(text.as_deref())));
        let text = text.or_else(|| cid.and_then(|cid| self.unicode_of_cid(cid)));
        let width = cid
            .and_then(|cid| {
                self.widths.get(cid).or_else(|| {
                    self.gid(cid)
                        .and_then(|g| self.glyph_widths.get(usize::from(g)).copied())
                })
            })
            .unwrap_or_else(|| self.fallback_width(text.as_deref()));
        (text, width / 1000.0)
    }

    /// Without a ToUnicode: the embedded program's cmap, then the collection.
    fn gid(&self, cid: u32) -> Option<u16> {
        match &self.cid_to_gid {
            CidToGid::Identity => u16::try_from(cid).ok(),
            CidToGid::Table(table) => table.get(cid as usize).copied(),
        }
    }

    fn unicode_of_cid(&self, cid: u32) -> Option<GlyphText> {
        self.gid(cid)
            .and_then(|g| self.glyph_unicode.get(&g))
            .copied()
            .or_else(|| collection::cid_to_unicode(self.collection?, cid))
            .map(|c| GlyphText::from(c.encode_utf8(&mut [0; 4]) as &str))
    }

    /// A CID the `/W` array does not list takes `/DW`; a predefined CMap
    /// whose CID we could not find still prints ASCII at half width.
    fn fallback_width(&self, text: Option<&str>) -> f32 {
        if matches!(self.encoding, CidEncoding::Predefined(_)) && text.is_some_and(|t| t.is_ascii())
        {
            return 500.0;
        }
        self.default_width
    }
}

fn read_encoding(doc: &Document, dict: &Dictionary) -> (CidEncoding, String) {
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(name)) => {
            let name = String::from_utf8_lossy(name).into_owned();
            let encoding = match Predefined::from_name(&name) {
                Some(p) => CidEncoding::Predefined(p),
                None => CidEncoding::Identity,
            };
            (encoding, name)
        }
        Some(Object::Stream(stream)) => {
            let cmap = decoded(stream, MAX_FONT_STREAM)
                .map(|d| CMap::parse(&d))
                .unwrap_or_default();
            let name = get_name(doc, &stream.dict, b"CMapName")
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_else(|| "embedded CMap".to_string());
            let base = cmap
                .usecmap
                .as_deref()
                .and_then(Predefined::from_name)
                .or_else(|| match get(doc, &stream.dict, b"UseCMap") {
                    Some(Object::Name(n)) => Predefined::from_name(&String::from_utf8_lossy(n)),
                    _ => None,
                });
            if cmap.is_empty() && cmap.codespace.is_empty() && base.is_none() {
                return (CidEncoding::Identity, name);
            }
            (CidEncoding::Embedded(cmap, base), name)
        }
        _ => (CidEncoding::Identity, "Identity-H".to_string()),
    }
}

/// `/W`: `c [w1 w2 …]` gives widths of c, c+1, …; `c_first c_last w` one width for a run.
fn read_widths(doc: &Document, descendant: &Dictionary) -> CidWidths {
    let mut writes: Vec<(u32, u32, f32)> = Vec::new();
    let Some(items) = get_array(doc, descendant, b"W") else {
        return CidWidths::default();
    };
    let mut i = 0;
    while i < items.len() {
        let first = resolve(doc, &items[i]).and_then(crate::pdf::objects::number);
        let Some(first) = first.filter(|f| *f >= 0.0).map(|f| f as u32) else {
            i += 1;
            continue;
        };
        match items.get(i + 1).and_then(|o| resolve(doc, o)) {
            Some(Object::Array(run)) => {
                for (k, w) in numbers(doc, run)
                    .into_iter()
                    .enumerate()
                    .take(MAX_W_RUN as usize)
                {
                    if let Some(w) = super::plausible_width(w) {
                        let cid = first.saturating_add(k as u32);
                        writes.push((cid, cid, w));
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = crate::pdf::objects::number(last).unwrap_or(-1.0);
                let width = items
                    .get(i + 2)
                    .and_then(|o| resolve(doc, o))
                    .and_then(crate::pdf::objects::number);
                if let Some(width) = width.and_then(super::plausible_width)
                    && last >= first as f32
                {
                    let last = (last as u32).min(first.saturating_add(MAX_W_RUN));
                    writes.push((first, last, width));
                }
                i += 3;
            }
            None => break,
        }
    }
    CidWidths::from_writes(&writes)
}
