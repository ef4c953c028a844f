//! Single-byte base encodings of simple fonts: Standard, WinAnsi, MacRoman,
//! MacExpert, Symbol, ZapfDingbats (tables from the `pdf_encoding` crate) and
//! PDFDocEncoding (below), with `/Differences` applied on top.

use pdf_encoding::Encoding;

/// A simple font's code → Unicode table.
#[derive(Debug, Clone)]
pub struct SimpleEncoding {
    table: Vec<Option<String>>,
}

/// A named base encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    PdfDoc,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            b"PDFDocEncoding" => BaseEncoding::PdfDoc,
            _ => return None,
        })
    }

    fn lookup(self, code: u8) -> Option<char> {
        let encoding = match self {
            BaseEncoding::Standard => Encoding::AdobeStandard,
            BaseEncoding::WinAnsi => Encoding::WinAnsiEncoding,
            BaseEncoding::MacRoman => Encoding::MacRomanEncoding,
            BaseEncoding::MacExpert => Encoding::AdobeExpert,
            BaseEncoding::Symbol => Encoding::AdobeSymbol,
            BaseEncoding::ZapfDingbats => Encoding::AdobeZdingbat,
            BaseEncoding::PdfDoc => return pdf_doc_char(code),
        };
        encoding.forward_map()?.get(code)
    }
}

impl SimpleEncoding {
    pub fn new(base: BaseEncoding) -> Self {
        let table = (0..=255u8)
            .map(|code| base.lookup(code).map(String::from))
            .collect();
        SimpleEncoding { table }
    }

    /// Overrides one code with a glyph's Unicode text (from `/Differences`).
    pub fn set(&mut self, code: u8, text: Option<String>) {
        self.table[usize::from(code)] = text;
    }

    pub fn get(&self, code: u8) -> Option<&str> {
        self.table[usize::from(code)].as_deref()
    }
}

/// PDFDocEncoding: Latin-1 apart from 0x18–0x1F and 0x80–0x9F (ISO 32000-1, Annex D).
pub fn pdf_doc_char(code: u8) -> Option<char> {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 32] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}',
    ];
    match code {
        0x18..=0x1F => Some(LOW[usize::from(code - 0x18)]),
        0x80..=0x9F => Some(HIGH[usize::from(code - 0x80)]).filter(|&c| c != '\u{FFFD}'),
        0xA0 => Some('€'),
        0xAD => None,
        0x7F => None,
        _ => Some(char::from(code)),
    }
}

/// Decodes a PDF text string (document info, names): UTF-16 with BOM, UTF-8
/// with BOM, or PDFDocEncoding; GBK is tried for raw bytes that are neither,
/// because Chinese producers write font and author names as raw GBK.
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.is_ascii() {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    if let Some(s) = encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(bytes) {
        return s.into_owned();
    }
    bytes.iter().filter_map(|&b| pdf_doc_char(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_encodings() {
        let win = SimpleEncoding::new(BaseEncoding::WinAnsi);
        assert_eq!(win.get(0x80), Some("€"));
        assert_eq!(win.get(0x97), Some("—"));
        assert_eq!(win.get(0xE9), Some("é"));
        let mac = SimpleEncoding::new(BaseEncoding::MacRoman);
        assert_eq!(mac.get(0x8E), Some("é"));
        let std = SimpleEncoding::new(BaseEncoding::Standard);
        assert_eq!(std.get(0x27), Some("’"));
        assert_eq!(pdf_doc_char(0x84), Some('—'));
    }

    #[test]
    fn text_strings_in_any_encoding() {
        assert_eq!(decode_text_string(b"\xFE\xFF\x4E\x2D"), "中");
        assert_eq!(decode_text_string(b"\xCB\xCE\xCC\xE5"), "宋体");
        assert_eq!(decode_text_string("宋体".as_bytes()), "宋体");
        assert_eq!(decode_text_string(b"WPS"), "WPS");
    }
}
