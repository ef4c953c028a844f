//! CMap programs: the `ToUnicode` streams that map character codes to Unicode
//! (bfchar, bfrange — including ranges onto arrays —, multi-byte codespaces,
//! UTF-16 surrogate pairs) and embedded encoding CMaps that map codes to CIDs
//! (cidchar, cidrange). Text in, a [`CMap`] out; malformed entries are skipped.

use super::GlyphText;
use crate::pdf::content::lexer::Lexer;
use crate::pdf::content::operands::{Operand, Operands};
use rustc_hash::FxHashMap as HashMap;

/// A range of codes of one byte length, e.g. `<8140> <FEFE>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodespaceRange {
    pub low: u32,
    pub high: u32,
    pub len: u8,
}

/// Where a range of codes maps to.
#[derive(Debug, Clone)]
enum RangeTarget {
    /// The first code maps to this UTF-16 sequence; each next code increments its last unit.
    Incrementing(Vec<u16>),
    /// One string per code.
    Array(Vec<GlyphText>),
    /// Code-to-CID: the first code maps to this CID, and so on.
    Cid(u32),
}

#[derive(Debug, Clone)]
struct CodeRange {
    low: u32,
    high: u32,
    target: RangeTarget,
}

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    pub codespace: Vec<CodespaceRange>,
    /// The name of a CMap this one extends (`usecmap`), e.g. `UniGB-UCS2-H`.
    pub usecmap: Option<String>,
    /// 1 for vertical writing.
    pub wmode: u8,
    chars: HashMap<u32, GlyphText>,
    cid_chars: HashMap<u32, u32>,
    ranges: Vec<CodeRange>,
}

/// Ranges wider than this are clipped: no real CMap needs more, and a hostile
/// one must not make lookups or memory explode.
const MAX_RANGE_SPAN: u32 = 0x1_0000;
const MAX_ENTRIES: usize = 200_000;

impl CMap {
    /// Parses a CMap program. Never fails: what cannot be read is left out.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data);
        let mut operands = Operands::new();
        while let Some(op) = lexer.next_operation(&mut operands) {
            match op {
                b"endcodespacerange" => cmap.add_codespace(&operands),
                b"endbfchar" => cmap.add_bfchars(&operands),
                b"endbfrange" => cmap.add_bfranges(&operands),
                b"endcidchar" => cmap.add_cidchars(&operands),
                b"endcidrange" => cmap.add_cidranges(&operands),
                b"usecmap" => {
                    if let Some(n) = operands
                        .len()
                        .checked_sub(1)
                        .and_then(|i| operands.name_at(i))
                    {
                        cmap.usecmap = Some(String::from_utf8_lossy(n).into_owned());
                    }
                }
                b"def" => {
                    if let [Operand::Name(key), Operand::Number(v)] = *operands
                        && operands.bytes(key) == b"WMode"
                    {
                        cmap.wmode = v as u8;
                    }
                }
                _ => {}
            }
            if cmap.ranges.len() + cmap.chars.len() + cmap.cid_chars.len() > MAX_ENTRIES {
                break;
            }
        }
        cmap.ranges.sort_by_key(|r| r.low);
        cmap
    }

    /// True when the CMap maps nothing.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.cid_chars.is_empty() && self.ranges.is_empty()
    }

    /// Length in bytes of the code starting at `bytes`, by the codespace ranges.
    /// Falls back to `default_len` when no range matches.
    pub fn code_len(&self, bytes: &[u8], default_len: usize) -> usize {
        for len in 1..=4usize {
            if bytes.len() < len {
                break;
            }
            let code = code_value(&bytes[..len]);
            if self
                .codespace
                .iter()
                .any(|r| usize::from(r.len) == len && r.low <= code && code <= r.high)
            {
                return len;
            }
        }
        default_len.min(bytes.len()).max(1)
    }

    /// The Unicode text mapped to `code`, if any.
    pub fn unicode(&self, code: u32) -> Option<GlyphText> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        let range = self.find_range(code)?;
        let offset = code - range.low;
        match &range.target {
            RangeTarget::Incrementing(units) => {
                let mut units = units.clone();
                let last = units.last_mut()?;
                *last = last.wrapping_add(offset as u16);
                Some(String::from_utf16_lossy(&units).into())
            }
            RangeTarget::Array(items) => items.get(offset as usize).cloned(),
            RangeTarget::Cid(_) => None,
        }
    }

    /// The CID mapped to `code`, if any (encoding CMaps).
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(&cid) = self.cid_chars.get(&code) {
            return Some(cid);
        }
        let range = self.find_range(code)?;
        match range.target {
            RangeTarget::Cid(first) => Some(first.saturating_add(code - range.low)),
            _ => None,
        }
    }

    fn find_range(&self, code: u32) -> Option<&CodeRange> {
        // Ranges are sorted by `low`; the candidates are those starting at or before `code`.
        let end = self.ranges.partition_point(|r| r.low <= code);
        self.ranges[..end]
            .iter()
            .rev()
            .take(64)
            .find(|r| code <= r.high)
    }

    fn add_codespace(&mut self, operands: &Operands) {
        for pair in operands.chunks_exact(2) {
            if let [Operand::String(lo), Operand::String(hi)] = *pair
                && let (lo, hi) = (operands.bytes(lo), operands.bytes(hi))
                && !lo.is_empty()
                && lo.len() <= 4
                && lo.len() == hi.len()
            {
                self.codespace.push(CodespaceRange {
                    low: code_value(lo),
                    high: code_value(hi),
                    len: lo.len() as u8,
                });
            }
        }
    }

    fn add_bfchars(&mut self, operands: &Operands) {
        for pair in operands.chunks_exact(2) {
            let [Operand::String(src), dst] = *pair else {
                continue;
            };
            if let Some(text) = destination_text(operands, &dst) {
                self.chars.insert(code_value(operands.bytes(src)), text);
            }
        }
    }

    fn add_bfranges(&mut self, operands: &Operands) {
        for triple in operands.chunks_exact(3) {
            let [Operand::String(lo), Operand::String(hi), dst] = *triple else {
                continue;
            };
            let (low, high) = (
                code_value(operands.bytes(lo)),
                code_value(operands.bytes(hi)),
            );
            if high < low {
                continue;
            }
            let high = high.min(low.saturating_add(MAX_RANGE_SPAN));
            let target = match dst {
                Operand::String(bytes) => {
                    RangeTarget::Incrementing(utf16_units(operands.bytes(bytes)))
                }
                Operand::Array(items) => RangeTarget::Array(
                    operands
                        .array(items)
                        .iter()
                        .map(|i| destination_text(operands, i).unwrap_or_default())
                        .collect(),
                ),
                _ => continue,
            };
            self.ranges.push(CodeRange { low, high, target });
        }
    }

    fn add_cidchars(&mut self, operands: &Operands) {
        for pair in operands.chunks_exact(2) {
            if let [Operand::String(src), Operand::Number(cid)] = *pair
                && cid >= 0.0
            {
                self.cid_chars
                    .insert(code_value(operands.bytes(src)), cid as u32);
            }
        }
    }

    fn add_cidranges(&mut self, operands: &Operands) {
        for triple in operands.chunks_exact(3) {
            if let [
                Operand::String(lo),
                Operand::String(hi),
                Operand::Number(cid),
            ] = *triple
                && cid >= 0.0
            {
                let (low, high) = (
                    code_value(operands.bytes(lo)),
                    code_value(operands.bytes(hi)),
                );
                if high >= low {
                    self.ranges.push(CodeRange {
                        low,
                        high: high.min(low.saturating_add(MAX_RANGE_SPAN)),
                        target: RangeTarget::Cid(cid as u32),
                    });
                }
            }
        }
    }
}

/// Big-endian value of up to four code bytes.
pub fn code_value(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        // Some producers write one-byte destinations; read them as Latin-1.
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
        .collect()
}

/// A bfchar/bfrange destination: UTF-16BE bytes, or (rarely) a glyph name.
fn destination_text(operands: &Operands, dst: &Operand) -> Option<GlyphText> {
    match *dst {
        Operand::String(bytes) => {
            Some(String::from_utf16_lossy(&utf16_units(operands.bytes(bytes))).into())
        }
        Operand::Name(name) => super::glyph_names::glyph_name_to_unicode(&String::from_utf8_lossy(
            operands.bytes(name),
        ))
        .map(GlyphText::from),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = br"/CIDInit /ProcSet findresource begin
12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <D840DC00>
<0011> <006600660069>
endbfchar
2 beginbfrange
<0020> <0022> <4E00>
<0030> <0032> [<95E8> <8F66> <6C11>]
endbfrange
endcmap";

    #[test]
    fn bfchar_bfrange_arrays_and_surrogates() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(cmap.unicode(3).as_deref(), Some(" "));
        assert_eq!(cmap.unicode(0x10).as_deref(), Some("\u{20000}"));
        assert_eq!(cmap.unicode(0x11).as_deref(), Some("ffi"));
        assert_eq!(cmap.unicode(0x21).as_deref(), Some("\u{4E01}"));
        assert_eq!(cmap.unicode(0x32).as_deref(), Some("民"));
        assert_eq!(cmap.unicode(0x33), None);
        assert_eq!(cmap.code_len(&[0, 3], 1), 2);
    }

    #[test]
    fn mixed_codespace_lengths() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange \
              1 begincidrange <8140> <8142> 100 endcidrange 1 begincidchar <41> 34 endcidchar",
        );
        assert_eq!(cmap.code_len(&[0x41, 0x81], 2), 1);
        assert_eq!(cmap.code_len(&[0x81, 0x41], 1), 2);
        assert_eq!(cmap.cid(0x8142), Some(102));
        assert_eq!(cmap.cid(0x41), Some(34));
    }

    #[test]
    fn hostile_ranges_are_clipped() {
        let cmap = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(cmap.unicode(1).as_deref(), Some("B"));
        assert_eq!(cmap.unicode(0x0200_0000), None);
    }
}
