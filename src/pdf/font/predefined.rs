//! Predefined CMaps named by `/Encoding` without a stream (ISO 32000-1, 9.7.5.2):
//! the encodings of non-embedded STSong-Light / MSung-Light and of older Word
//! and Distiller output. Each is read as the character encoding it is built on
//! (UCS-2, UTF-16, GBK, GB 18030, Big5, Shift_JIS, EUC-KR), which gives Unicode
//! directly; the CID, needed only to look up widths, comes from the
//! character collection (see [`super::collection`]).

use super::GlyphText;
use super::collection::{self, Collection};

/// The byte encoding underneath a predefined CMap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Two bytes per code, the code is a UCS-2 value (Uni*-UCS2-*).
    Ucs2,
    /// UTF-16BE, two or four bytes (Uni*-UTF16-*).
    Utf16,
    /// One byte 00–80, else two (GBK-EUC, GBKp-EUC, GB-EUC, GBpc-EUC).
    Gbk,
    /// One, two or four bytes (GBK2K).
    Gb18030,
    /// One byte 00–80, else two (B5pc, ETen-B5, ETenms-B5, HKscs-B5).
    Big5,
    /// Shift_JIS (90ms-RKSJ, 90pv-RKSJ).
    ShiftJis,
    /// EUC-KR / UHC (KSC-EUC, KSCms-UHC).
    EucKr,
}

/// A recognised predefined CMap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Predefined {
    pub scheme: Scheme,
    pub collection: Option<Collection>,
    pub vertical: bool,
}

impl Predefined {
    /// Recognises a predefined CMap by name; `None` for names we do not know
    /// (and for Identity-H/V, which the caller treats separately).
    pub fn from_name(name: &str) -> Option<Predefined> {
        let (stem, vertical) = match name.rsplit_once('-') {
            Some((stem, "H")) => (stem, false),
            Some((stem, "V")) => (stem, true),
            _ => return None,
        };
        let (scheme, collection) = match stem {
            "UniGB-UCS2" => (Scheme::Ucs2, Some(Collection::Gb1)),
            "UniGB-UTF16" => (Scheme::Utf16, Some(Collection::Gb1)),
            "UniCNS-UCS2" => (Scheme::Ucs2, Some(Collection::Cns1)),
            "UniCNS-UTF16" => (Scheme::Utf16, Some(Collection::Cns1)),
            "UniJIS-UCS2" | "UniKS-UCS2" => (Scheme::Ucs2, None),
            "UniJIS-UTF16" | "UniKS-UTF16" => (Scheme::Utf16, None),
            "GBK-EUC" | "GBKp-EUC" | "GB-EUC" | "GBpc-EUC" | "GBT-EUC" | "GBTpc-EUC" => {
                (Scheme::Gbk, Some(Collection::Gb1))
            }
            "GBK2K" => (Scheme::Gb18030, Some(Collection::Gb1)),
            "B5pc" | "ETen-B5" | "ETenms-B5" | "HKscs-B5" | "CNS-EUC" => {
                (Scheme::Big5, Some(Collection::Cns1))
            }
            "90ms-RKSJ" | "90pv-RKSJ" | "83pv-RKSJ" => (Scheme::ShiftJis, None),
            "KSC-EUC" | "KSCms-UHC" | "KSCpc-EUC" => (Scheme::EucKr, None),
            _ => return None,
        };
        Some(Predefined {
            scheme,
            collection,
            vertical,
        })
    }

    /// Length in bytes of the code at the start of `bytes` (at least 1).
    pub fn code_len(&self, bytes: &[u8]) -> usize {
        let first = bytes.first().copied().unwrap_or(0);
        let len = match self.scheme {
            Scheme::Ucs2 => 2,
            Scheme::Utf16 => {
                let unit = u16::from_be_bytes([first, bytes.get(1).copied().unwrap_or(0)]);
                if (0xD800..0xDC00).contains(&unit) {
                    4
                } else {
                    2
                }
            }
            Scheme::Gbk | Scheme::Big5 | Scheme::EucKr => {
                if first <= 0x80 {
                    1
                } else {
                    2
                }
            }
            Scheme::Gb18030 => match (first, bytes.get(1)) {
                (0..=0x80, _) => 1,
                (_, Some(0x30..=0x39)) => 4,
                _ => 2,
            },
            Scheme::ShiftJis => match first {
                0x81..=0x9F | 0xE0..=0xFC => 2,
                _ => 1,
            },
        };
        len.min(bytes.len()).max(1)
    }

    /// The Unicode text of one code.
    pub fn unicode(&self, code: &[u8]) -> Option<GlyphText> {
        let decoded = match self.scheme {
            Scheme::Ucs2 | Scheme::Utf16 => {
                let units: Vec<u16> = code
                    .chunks(2)
                    .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
                    .collect();
                String::from_utf16(&units).ok()
            }
            Scheme::Gbk => decode_with(encoding_rs::GBK, code),
            Scheme::Gb18030 => decode_with(encoding_rs::GB18030, code),
            Scheme::Big5 => decode_with(encoding_rs::BIG5, code),
            Scheme::ShiftJis => decode_with(encoding_rs::SHIFT_JIS, code),
            Scheme::EucKr => decode_with(encoding_rs::EUC_KR, code),
        }?;
        (!decoded.is_empty()).then(|| decoded.into())
    }

    /// The CID of the code, for width lookup: the collection's lowest CID for
    /// the character (the proportional forms that `/W` arrays describe).
    pub fn cid(&self, unicode: Option<&str>) -> Option<u32> {
        let collection = self.collection?;
        let c = unicode?.chars().next()?;
        collection::unicode_to_cid(collection, c)
    }
}

fn decode_with(encoding: &'static encoding_rs::Encoding, code: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(code)
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ucs2_and_gbk() {
        let ucs2 = Predefined::from_name("UniGB-UCS2-H").unwrap();
        assert_eq!(ucs2.code_len(&[0x4E, 0x2D, 0]), 2);
        assert_eq!(ucs2.unicode(&[0x4E, 0x2D]).as_deref(), Some("中"));
        let gbk = Predefined::from_name("GBK-EUC-H").unwrap();
        assert_eq!(gbk.code_len(b"1\xD6\xD0"), 1);
        assert_eq!(gbk.code_len(b"\xD6\xD0"), 2);
        assert_eq!(gbk.unicode(b"\xD6\xD0").as_deref(), Some("中"));
        assert!(Predefined::from_name("UniGB-UCS2-V").unwrap().vertical);
    }

    #[test]
    fn utf16_surrogates_and_big5() {
        let utf16 = Predefined::from_name("UniGB-UTF16-H").unwrap();
        assert_eq!(utf16.code_len(&[0xD8, 0x40, 0xDC, 0x00]), 4);
        assert_eq!(
            utf16.unicode(&[0xD8, 0x40, 0xDC, 0x00]).as_deref(),
            Some("\u{20000}")
        );
        let big5 = Predefined::from_name("ETenms-B5-H").unwrap();
        assert_eq!(big5.unicode(b"\xA4\xA4").as_deref(), Some("中"));
        assert_eq!(Predefined::from_name("Identity-H"), None);
    }
}
