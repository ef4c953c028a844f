//! CID ↔ Unicode for the Adobe character collections used by Chinese fonts:
//! Adobe-GB1 (simplified Chinese) and Adobe-CNS1 (traditional Chinese).
//!
//! What it is for:
//!
//! * **CID → Unicode.** A Type0 font with an `Identity-H`/`Identity-V`
//!   encoding and no `/ToUnicode` CMap gives only CIDs. When its
//!   `/CIDSystemInfo` names one of these collections, the collection's
//!   standard CID → Unicode mapping recovers the text
//!   ([`cid_to_unicode`]).
//! * **Unicode → CID.** Predefined CMaps such as `UniGB-UCS2-H` or
//!   `UniGB-UTF16-H` encode Unicode directly, so the text is known; the CID
//!   is needed only to look up the glyph width in the font's `/W` array
//!   ([`unicode_to_cid`], which returns the lowest CID for a character, e.g.
//!   the proportional Latin glyphs rather than the full-width ones).
//!
//! Provenance: `data/adobe-gb1.bin` and `data/adobe-cns1.bin` are generated
//! by `scripts/gen_unicode_tables.py` from poppler-data 0.4.12
//! (`/usr/share/poppler/cidToUnicode/Adobe-GB1` and `Adobe-CNS1`), which is
//! derived from Adobe's cmap-resources (BSD-3-Clause licence,
//! <https://github.com/adobe-type-tools/cmap-resources>). Adobe-GB1 covers
//! CIDs 0–30283 (supplement 5), Adobe-CNS1 CIDs 0–19155 (supplement 6).
//! Regenerate with
//! `apt-get install -y unicode-data poppler-data && python3 scripts/gen_unicode_tables.py`.
//!
//! Data format (little-endian): magic `b"BPCU"`, `u32` CID count `n`, `u32`
//! count `m` of supplementary-plane entries, then `n` × `u16` (the BMP
//! scalar value of each CID; 0 = unmapped, 0xD800 = see the supplementary
//! list), then `m` × (`u32` CID, `u32` scalar value) sorted by CID.

use std::sync::OnceLock;

/// An Adobe CID character collection with Chinese glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Collection {
    /// Adobe-GB1: simplified Chinese (GB 2312, GBK, GB 18030).
    Gb1,
    /// Adobe-CNS1: traditional Chinese (Big Five, CNS 11643).
    Cns1,
}

impl Collection {
    /// Recognises a `/CIDSystemInfo` ordering (`"GB1"`, `"CNS1"`) or a
    /// registry-ordering pair (`"Adobe-GB1"`, `"Adobe-CNS1"`).
    pub fn from_ordering(registry_ordering: &str) -> Option<Collection> {
        match registry_ordering {
            "GB1" | "Adobe-GB1" => Some(Collection::Gb1),
            "CNS1" | "Adobe-CNS1" => Some(Collection::Cns1),
            _ => None,
        }
    }

    fn table(self) -> &'static Table {
        static GB1: Table = Table::new(include_bytes!("data/adobe-gb1.bin"));
        static CNS1: Table = Table::new(include_bytes!("data/adobe-cns1.bin"));
        match self {
            Collection::Gb1 => &GB1,
            Collection::Cns1 => &CNS1,
        }
    }
}

/// The Unicode character of `cid` in `collection`, or `None` when the CID
/// is out of range or has no Unicode value.
pub fn cid_to_unicode(collection: Collection, cid: u32) -> Option<char> {
    collection.table().get(cid)
}

/// The lowest CID in `collection` whose Unicode value is `c`.
pub fn unicode_to_cid(collection: Collection, c: char) -> Option<u32> {
    let inverse = collection.table().inverse();
    inverse
        .binary_search_by_key(&(c as u32), |&(u, _)| u)
        .ok()
        .map(|i| inverse[i].1)
}

const MAGIC: &[u8; 4] = b"BPCU";
const HEADER: usize = 12;
const NON_BMP: u16 = 0xD800;

struct Table {
    data: &'static [u8],
    cids: u32,
    /// Byte offset of the supplementary-plane list.
    supplementary: usize,
    /// (Unicode scalar, lowest CID), sorted by scalar; built on first use.
    inverse: OnceLock<Vec<(u32, u32)>>,
}

const fn read_u32(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

impl Table {
    /// Validates the header at compile time (the tables are `static`).
    const fn new(data: &'static [u8]) -> Table {
        assert!(data.len() >= HEADER);
        assert!(
            data[0] == MAGIC[0]
                && data[1] == MAGIC[1]
                && data[2] == MAGIC[2]
                && data[3] == MAGIC[3]
        );
        let cids = read_u32(data, 4);
        let supp_count = read_u32(data, 8) as usize;
        let supplementary = HEADER + 2 * cids as usize;
        assert!(data.len() == supplementary + 8 * supp_count);
        Table {
            data,
            cids,
            supplementary,
            inverse: OnceLock::new(),
        }
    }

    fn get(&self, cid: u32) -> Option<char> {
        if cid >= self.cids {
            return None;
        }
        let at = HEADER + 2 * cid as usize;
        match u16::from_le_bytes([self.data[at], self.data[at + 1]]) {
            0 => None,
            NON_BMP => self.get_supplementary(cid),
            u => char::from_u32(u32::from(u)),
        }
    }

    #[cold]
    fn get_supplementary(&self, cid: u32) -> Option<char> {
        let entries = &self.data[self.supplementary..];
        let (mut lo, mut hi) = (0, entries.len() / 8);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let at = mid * 8;
            match read_u32(entries, at).cmp(&cid) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return char::from_u32(read_u32(entries, at + 4)),
            }
        }
        None
    }

    fn inverse(&self) -> &[(u32, u32)] {
        self.inverse.get_or_init(|| {
            let mut inv: Vec<(u32, u32)> = (0..self.cids)
                .filter_map(|cid| self.get(cid).map(|c| (c as u32, cid)))
                .collect();
            // Sorting (scalar, cid) pairs puts the lowest CID first for each
            // scalar; keep only that one.
            inv.sort_unstable();
            inv.dedup_by_key(|&mut (u, _)| u);
            inv.shrink_to_fit();
            inv
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_ordering() {
        assert_eq!(Collection::from_ordering("GB1"), Some(Collection::Gb1));
        assert_eq!(
            Collection::from_ordering("Adobe-GB1"),
            Some(Collection::Gb1)
        );
        assert_eq!(Collection::from_ordering("CNS1"), Some(Collection::Cns1));
        assert_eq!(
            Collection::from_ordering("Adobe-CNS1"),
            Some(Collection::Cns1)
        );
        assert_eq!(Collection::from_ordering("Japan1"), None);
        assert_eq!(Collection::from_ordering("Identity"), None);
    }

    #[test]
    fn gb1_cid_to_unicode() {
        let gb = Collection::Gb1;
        assert_eq!(cid_to_unicode(gb, 0), None); // .notdef
        assert_eq!(cid_to_unicode(gb, 1), Some(' '));
        assert_eq!(cid_to_unicode(gb, 34), Some('A'));
        assert_eq!(cid_to_unicode(gb, 4559), Some('中'));
        assert_eq!(cid_to_unicode(gb, 1980), Some('户'));
        assert_eq!(cid_to_unicode(gb, 30283), Some('\u{A4C6}')); // last CID
        assert_eq!(cid_to_unicode(gb, 22050), Some('\u{200CC}')); // non-BMP
        assert_eq!(cid_to_unicode(gb, 30284), None);
        assert_eq!(cid_to_unicode(gb, u32::MAX), None);
    }

    #[test]
    fn gb1_unicode_to_cid() {
        let gb = Collection::Gb1;
        assert_eq!(unicode_to_cid(gb, ' '), Some(1));
        assert_eq!(unicode_to_cid(gb, 'A'), Some(34));
        assert_eq!(unicode_to_cid(gb, '中'), Some(4559));
        assert_eq!(unicode_to_cid(gb, '\u{200CC}'), Some(22050));
        assert_eq!(unicode_to_cid(gb, '\u{E000}'), None);
    }

    #[test]
    fn cns1_both_directions() {
        let cns = Collection::Cns1;
        assert_eq!(cid_to_unicode(cns, 0), None);
        assert_eq!(cid_to_unicode(cns, 1), Some(' '));
        assert_eq!(cid_to_unicode(cns, 34), Some('A'));
        assert_eq!(cid_to_unicode(cns, 661), Some('中'));
        assert_eq!(cid_to_unicode(cns, 13681), Some('A')); // a second 'A'
        assert_eq!(cid_to_unicode(cns, 14000), Some('\u{200CC}')); // non-BMP
        assert_eq!(cid_to_unicode(cns, 19156), None);
        // Lowest CID wins: 'A' is CID 34 and 13681, ' ' is CID 1 and 13648.
        assert_eq!(unicode_to_cid(cns, 'A'), Some(34));
        assert_eq!(unicode_to_cid(cns, ' '), Some(1));
        assert_eq!(unicode_to_cid(cns, '中'), Some(661));
        assert_eq!(unicode_to_cid(cns, '\u{200CC}'), Some(14000));
    }

    #[test]
    fn round_trip_lowest_cid() {
        for collection in [Collection::Gb1, Collection::Cns1] {
            let table = collection.table();
            for cid in 0..table.cids {
                if let Some(c) = cid_to_unicode(collection, cid) {
                    let lowest = unicode_to_cid(collection, c).unwrap();
                    assert!(lowest <= cid);
                    assert_eq!(cid_to_unicode(collection, lowest), Some(c));
                }
            }
        }
    }
}
