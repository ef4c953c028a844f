//! The cross-reference data of a well-formed file: its bytes in, where each
//! object lies and the newest trailer out. Tables (`xref`) and
//! cross-reference streams are read, and each `/Prev` section before them,
//! a newer section's entry winning as in lopdf, with a hybrid file's
//! hidden cross-reference stream (`/XRefStm`). Anything else (an offset
//! that points nowhere, a damaged section) is `None`, and lopdf, which can
//! rebuild a damaged table, reads the file.

use super::syntax::Cursor;
use lopdf::{Dictionary, Object};
use rustc_hash::FxHashMap;

/// Where an object lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Deleted by an update (it hides what older sections say).
    Free,
    /// At this offset, with this generation.
    InFile { offset: usize, generation: u16 },
    /// A member of this object stream.
    InStream { container: u32 },
}

pub struct CrossReference {
    pub entries: FxHashMap<u32, Entry>,
    /// The newest trailer, without `/Prev` (lopdf removes it too).
    pub trailer: Dictionary,
}

/// More sections than this in a `/Prev` chain is not a real file's.
const MAX_SECTIONS: usize = 256;

/// The cross-reference data of `bytes` (which start at `%PDF-`).
pub fn read(bytes: &[u8], max_stream_bytes: usize) -> Option<CrossReference> {
    let mut offset = start(bytes)?;
    let mut entries = FxHashMap::default();
    let mut newest = None;
    for _ in 0..MAX_SECTIONS {
        let (section, mut trailer) = section_at(bytes, offset, max_stream_bytes)?;
        for (id, entry) in section {
            entries.entry(id).or_insert(entry);
        }
        trailer.remove(b"XRefStm");
        let prev = trailer.remove(b"Prev");
        if newest.is_none() {
            newest = Some(trailer);
        }
        match prev {
            None => {
                return Some(CrossReference {
                    entries,
                    trailer: newest?,
                });
            }
            Some(Object::Integer(prev)) => offset = usize::try_from(prev).ok()?,
            Some(_) => return None,
        }
    }
    None
}

/// The offset `startxref` gives, found as lopdf finds it: the last
/// `%%EOF` in the file's last kilobyte, the last `startxref` just before.
fn start(bytes: &[u8]) -> Option<usize> {
    let end = bytes
        .iter()
        .rposition(|&b| !b" \t\n\r\0\x0C".contains(&b))
        .map_or(0, |p| p + 1);
    let eof = rfind(bytes, b"%%EOF", end.saturating_sub(1024), end)?;
    let keyword = rfind(bytes, b"startxref", eof.checked_sub(25)?, eof)?;
    let mut cursor = Cursor::at(bytes, keyword + b"startxref".len());
    cursor.skip_whitespace();
    let offset = usize::try_from(cursor.unsigned()?).ok()?;
    cursor.skip_whitespace();
    (cursor.pos == eof).then_some(offset)
}

fn rfind(bytes: &[u8], pattern: &[u8], from: usize, to: usize) -> Option<usize> {
    bytes
        .get(from..to)?
        .windows(pattern.len())
        .rposition(|w| w == pattern)
        .map(|p| from + p)
}

/// One section's entries (a number listed twice: the later entry).
type Section = FxHashMap<u32, Entry>;

fn section_at(
    bytes: &[u8],
    offset: usize,
    max_stream_bytes: usize,
) -> Option<(Section, Dictionary)> {
    let mut cursor = Cursor::at(bytes, offset);
    if cursor.keyword(b"xref") {
        let (mut section, trailer) = table(cursor)?;
        if let Ok(at) = trailer.get(b"XRefStm") {
            let at = usize::try_from(at.as_i64().ok()?).ok()?;
            let (hidden, _) = stream(bytes, at, max_stream_bytes)?;
            merge_hybrid(&mut section, hidden);
        }
        Some((section, trailer))
    } else {
        stream(bytes, offset, max_stream_bytes)
    }
}

/// A hybrid file's table comes with a cross-reference stream
/// (`/XRefStm`) whose entries take the place of the table's free ones,
/// which hide objects in object streams from readers of tables only.
fn merge_hybrid(table: &mut Section, stream: Section) {
    for (id, entry) in stream {
        match table.get(&id) {
            Some(Entry::InFile { .. } | Entry::InStream { .. }) => {}
            _ => {
                table.insert(id, entry);
            }
        }
    }
}

/// A table: subsections of `start count` and fixed entries, then the
/// trailer.
fn table(mut cursor: Cursor) -> Option<(Section, Dictionary)> {
    let mut section = Section::default();
    loop {
        cursor.skip_whitespace();
        if cursor.keyword(b"trailer") {
            break;
        }
        let first = u32::try_from(cursor.unsigned()?).ok()?;
        cursor.skip_whitespace();
        let count = u32::try_from(cursor.unsigned()?).ok()?;
        for index in 0..count {
            cursor.skip_whitespace();
            let offset = usize::try_from(cursor.unsigned()?).ok()?;
            cursor.skip_whitespace();
            // A free entry's generation may be out of range (65536).
            let generation = cursor.unsigned()?;
            cursor.skip_whitespace();
            let id = first.checked_add(index)?;
            let entry = if cursor.keyword(b"n") {
                let generation = u16::try_from(generation).ok()?;
                Entry::InFile { offset, generation }
            } else if cursor.keyword(b"f") {
                Entry::Free
            } else {
                return None;
            };
            section.insert(id, entry);
        }
    }
    cursor.skip_whitespace();
    if !cursor.rest().starts_with(b"<<") {
        return None;
    }
    let trailer = cursor.dictionary(0)?;
    if trailer.get(b"Size").and_then(Object::as_i64).is_err() {
        return None;
    }
    Some((section, trailer))
}

/// A cross-reference stream: `/W` field widths over `/Index` ranges.
fn stream(bytes: &[u8], offset: usize, max_stream_bytes: usize) -> Option<(Section, Dictionary)> {
    let (_, object) = super::plain_object_at(bytes, offset)?;
    let Object::Stream(stream) = object else {
        return None;
    };
    if !stream.dict.has_type(b"XRef") {
        return None;
    }
    let data = stream.get_plain_content_with_limit(max_stream_bytes).ok()?;
    let dict = stream.dict;
    let integers = |key: &[u8]| -> Option<Vec<i64>> {
        dict.get(key)
            .ok()?
            .as_array()
            .ok()?
            .iter()
            .map(|o| o.as_i64().ok())
            .collect()
    };
    let size = dict.get(b"Size").and_then(Object::as_i64).ok()?;
    let widths: Vec<usize> = integers(b"W")?
        .into_iter()
        .map(|w| usize::try_from(w).ok().filter(|w| *w <= 8))
        .collect::<Option<_>>()?;
    let [w1, w2, w3] = widths[..] else {
        return None;
    };
    let ranges = if dict.has(b"Index") {
        integers(b"Index")?
    } else {
        vec![0, size]
    };
    // lopdf refuses rows narrower than three bytes.
    let row = w1 + w2 + w3;
    if row < 3 || ranges.len() % 2 != 0 {
        return None;
    }
    let mut section = Section::default();
    let mut rows = data.chunks_exact(row);
    for range in ranges.chunks_exact(2) {
        let first = u32::try_from(range[0]).ok()?;
        for index in 0..u32::try_from(range[1]).ok()? {
            let fields = rows.next()?;
            let field = |from: usize, width: usize| {
                fields[from..from + width]
                    .iter()
                    .fold(0u64, |v, &b| v << 8 | u64::from(b))
            };
            let kind = if w1 == 0 { 1 } else { field(0, w1) };
            let (second, third) = (field(w1, w2), field(w1 + w2, w3));
            let entry = match kind {
                0 => Entry::Free,
                1 => Entry::InFile {
                    offset: usize::try_from(second).ok()?,
                    generation: u16::try_from(third).ok()?,
                },
                2 => Entry::InStream {
                    container: u32::try_from(second).ok()?,
                },
                _ => return None,
            };
            section.insert(first.checked_add(index)?, entry);
        }
    }
    Some((section, dict))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_and_its_update_read_newest_first() {
        let body = b"%PDF-1.4\n1 0 obj <<>> endobj\n";
        let first_xref = body.len();
        let mut file = body.to_vec();
        file.extend_from_slice(
            b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2/Root 1 0 R>>\n",
        );
        let second_xref = file.len();
        file.extend_from_slice(
            format!("xref\n1 1\n0000000000 00001 f \ntrailer\n<</Size 2/Root 1 0 R/Prev {first_xref}>>\nstartxref\n{second_xref}\n%%EOF\n")
                .as_bytes(),
        );
        let xref = read(&file, 1 << 20).unwrap();
        assert_eq!(xref.entries[&1], Entry::Free, "the newer section wins");
        assert_eq!(
            xref.entries[&0],
            Entry::Free,
            "entries only the older section has are kept"
        );
        assert!(!xref.trailer.has(b"Prev"));
    }

    #[test]
    fn an_unreadable_hidden_stream_or_a_wrong_offset_is_left_to_lopdf() {
        let hybrid = b"%PDF-1.5\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1/XRefStm 5>>\nstartxref\n9\n%%EOF";
        assert!(read(hybrid, 1 << 20).is_none());
        let wrong =
            b"%PDF-1.5\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1>>\nstartxref\n12\n%%EOF";
        assert!(read(wrong, 1 << 20).is_none());
    }
}
