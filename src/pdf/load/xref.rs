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

/// More entries than this in a section is no disclosure's (the largest
/// seen lists 16,000 objects): such a file is left to lopdf rather than
/// listed twice.
const MAX_ENTRIES: u64 = 1 << 20;

/// The cross-reference data of `bytes` (which start at `%PDF-`).
pub fn read(bytes: &[u8], max_stream_bytes: usize) -> Option<CrossReference> {
    let mut offset = start(bytes)?;
    let mut entries = FxHashMap::default();
    let mut newest = None;
    let mut seen = Vec::new();
    for _ in 0..MAX_SECTIONS {
        // A `/Prev` back to a section already read is a loop (lopdf ends
        // the chain there; this reader leaves such a file to it).
        if seen.contains(&offset) {
            return None;
        }
        seen.push(offset);
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

/// The offset `startxref` gives, found and read as lopdf does: the last
/// `%%EOF` in the file's last kilobyte, the last `startxref` in the 25
/// bytes before it, then exactly `startxref`, an optional space, an end of
/// line, the number between spaces, an end of line and `%%EOF`.
fn start(bytes: &[u8]) -> Option<usize> {
    let end = bytes
        .iter()
        .rposition(|&b| !b" \t\n\r\0\x0C".contains(&b))
        .map_or(0, |p| p + 1);
    let eof = rfind(bytes, b"%%EOF", end.saturating_sub(1024), end).filter(|&e| e > 25)?;
    let keyword = rfind(bytes, b"startxref", eof - 25, eof)?;
    let mut cursor = Cursor::at(bytes, keyword + b"startxref".len());
    cursor.byte(b' ');
    cursor.end_of_line()?;
    cursor.spaces();
    let offset = usize::try_from(cursor.unsigned()?).ok()?;
    cursor.spaces();
    cursor.end_of_line()?;
    cursor.rest().starts_with(b"%%EOF").then_some(offset)
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
    if cursor.tag(b"xref") {
        let (mut section, trailer) = table(cursor)?;
        if let Ok(at) = trailer.get(b"XRefStm") {
            let at = usize::try_from(at.as_i64().ok()?).ok()?;
            let (hidden, _) = stream(bytes, at, max_stream_bytes)?;
            merge_hybrid(&mut section, hidden);
        }
        Some((section, trailer))
    } else {
        // lopdf would merge a further stream here too; no producer seen
        // writes one.
        stream(bytes, offset, max_stream_bytes).filter(|(_, trailer)| !trailer.has(b"XRefStm"))
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

/// A table, in lopdf's grammar: `xref`, then subsections of `first count`
/// each followed by its entries `oooooooooo ggggg n` (as many as follow,
/// whatever the count says), then `trailer` and its dictionary. Where
/// lopdf's grammar fails, lopdf rebuilds the table by scanning the file,
/// so anything else is refused.
fn table(mut cursor: Cursor) -> Option<(Section, Dictionary)> {
    cursor.byte(b' ');
    cursor.end_of_line()?;
    let mut section = Section::default();
    let mut subsections = 0;
    while let Some(first) = subsection_header(&mut cursor) {
        subsections += 1;
        let mut index = 0u32;
        while let Some((offset, generation, in_use)) = table_entry(&mut cursor) {
            let id = first.checked_add(index)?;
            index += 1;
            if section.len() as u64 >= MAX_ENTRIES {
                return None;
            }
            let entry = if in_use {
                // lopdf skips an entry whose generation is out of range.
                let generation = u16::try_from(generation).ok()?;
                Entry::InFile {
                    offset: offset as usize,
                    generation,
                }
            } else {
                Entry::Free
            };
            section.insert(id, entry);
        }
    }
    if subsections == 0 {
        return None;
    }
    cursor.skip_space()?;
    if !cursor.tag(b"trailer") {
        return None;
    }
    cursor.skip_space()?;
    if !cursor.rest().starts_with(b"<<") {
        return None;
    }
    let trailer = cursor.dictionary(0)?;
    if trailer.get(b"Size").and_then(Object::as_i64).is_err() {
        return None;
    }
    Some((section, trailer))
}

/// `first count`, an optional space and an end of line; the cursor stays
/// put when there is none.
fn subsection_header(cursor: &mut Cursor) -> Option<u32> {
    cursor.attempt(|cursor| {
        let first = u32::try_from(cursor.unsigned()?).ok()?;
        cursor.byte(b' ').then_some(())?;
        u32::try_from(cursor.unsigned()?).ok()?;
        cursor.byte(b' ');
        cursor.end_of_line()?;
        Some(first)
    })
}

/// One entry, `offset generation n|f` and its end (` \r`, ` \n`, `\r\n`,
/// or a bare `\n` or `\r`); the cursor stays put when there is none.
fn table_entry(cursor: &mut Cursor) -> Option<(u32, u32, bool)> {
    cursor.attempt(|cursor| {
        let offset = u32::try_from(cursor.unsigned()?).ok()?;
        cursor.byte(b' ').then_some(())?;
        let generation = u32::try_from(cursor.unsigned()?).ok()?;
        cursor.byte(b' ').then_some(())?;
        let in_use = if cursor.byte(b'n') {
            true
        } else if cursor.byte(b'f') {
            false
        } else {
            return None;
        };
        let rest = cursor.rest();
        cursor.pos += match rest {
            [b' ', b'\r' | b'\n', ..] | [b'\r', b'\n', ..] => 2,
            [b'\n' | b'\r', ..] => 1,
            _ => return None,
        };
        Some((offset, generation, in_use))
    })
}

/// The integers of the array `key` of `dict`.
fn integers_of(dict: &Dictionary, key: &[u8]) -> Option<Vec<i64>> {
    dict.get(key)
        .ok()?
        .as_array()
        .ok()?
        .iter()
        .map(|o| o.as_i64().ok())
        .collect()
}

/// A cross-reference stream: `/W` field widths over `/Index` ranges.
fn stream(bytes: &[u8], offset: usize, max_stream_bytes: usize) -> Option<(Section, Dictionary)> {
    let Object::Stream(stream) = super::plain_object_at(bytes, offset)? else {
        return None;
    };
    let dict = &stream.dict;
    let size = dict.get(b"Size").and_then(Object::as_i64).ok()?;
    let ranges = if dict.has(b"Index") {
        integers_of(dict, b"Index")?
    } else {
        vec![0, size]
    };
    if !dict.has_type(b"XRef") || ranges.len() % 2 != 0 {
        return None;
    }
    let listed = ranges.chunks_exact(2).try_fold(0u64, |total, range| {
        total.checked_add(u64::try_from(range[1]).ok()?)
    })?;
    if listed > MAX_ENTRIES || u64::try_from(size).ok()? > MAX_ENTRIES {
        return None;
    }
    let widths: Vec<usize> = integers_of(dict, b"W")?
        .into_iter()
        .map(|w| usize::try_from(w).ok().filter(|w| *w <= 8))
        .collect::<Option<_>>()?;
    // lopdf refuses rows narrower than three bytes.
    let [w1, w2, w3] = widths[..] else {
        return None;
    };
    let row = w1 + w2 + w3;
    if row < 3 {
        return None;
    }
    let data = stream.get_plain_content_with_limit(max_stream_bytes).ok()?;
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
    Some((section, stream.dict))
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

    /// A file with one object, the table `table` (written from `xref` to
    /// the trailer's end) and `ending` between the offset and `%%EOF`.
    fn with_table(table: &str, startxref: &str) -> Vec<u8> {
        let mut file = b"%PDF-1.4\n1 0 obj <<>> endobj\n".to_vec();
        let at = file.len();
        file.extend_from_slice(table.as_bytes());
        file.extend_from_slice(startxref.replace("AT", &at.to_string()).as_bytes());
        file
    }

    const TABLE: &str =
        "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2>>\n";

    #[test]
    fn a_plain_table_is_read() {
        let xref = read(&with_table(TABLE, "startxref\nAT\n%%EOF\n"), 1 << 20).unwrap();
        assert_eq!(
            xref.entries[&1],
            Entry::InFile {
                offset: 9,
                generation: 0
            }
        );
        // Entries of 19 bytes (a bare end of line) are read as lopdf reads them.
        let short = TABLE.replace(" \n", "\n");
        assert!(read(&with_table(&short, "startxref\nAT\n%%EOF"), 1 << 20).is_some());
    }

    #[test]
    fn what_lopdf_rebuilds_by_scanning_is_left_to_it() {
        let cases = [
            (TABLE.to_string(), "startxref\nAT\n\n%%EOF"),
            (TABLE.to_string(), "startxref AT %%EOF"),
            (
                TABLE.replace("0000000009 00000", "0000000009  00000"),
                "startxref\nAT\n%%EOF",
            ),
            (TABLE.replace(" \n", " \r\n"), "startxref\nAT\n%%EOF"),
            (TABLE.replace("xref\n", "xref\n\n"), "startxref\nAT\n%%EOF"),
            (TABLE.replace("0 2\n", "0 2  \n"), "startxref\nAT\n%%EOF"),
            (
                "xref\ntrailer\n<</Size 2>>\n".to_string(),
                "startxref\nAT\n%%EOF",
            ),
        ];
        for (table, ending) in cases {
            let file = with_table(&table, ending);
            assert!(
                read(&file, 1 << 20).is_none(),
                "{}",
                String::from_utf8_lossy(&file)
            );
        }
    }

    #[test]
    fn a_prev_chain_that_loops_is_left_to_lopdf_at_once() {
        let looping = TABLE.replace("<</Size 2>>", "<</Size 2/Prev AT>>");
        let mut file = b"%PDF-1.4\n1 0 obj <<>> endobj\n".to_vec();
        let at = file.len();
        file.extend_from_slice(looping.replace("AT", &at.to_string()).as_bytes());
        file.extend_from_slice(format!("startxref\n{at}\n%%EOF").as_bytes());
        assert!(read(&file, 1 << 20).is_none());
    }

    #[test]
    fn a_stream_section_with_a_further_hidden_stream_is_left_to_lopdf() {
        let stream = |extra: &str| {
            let mut file = b"%PDF-1.5\n".to_vec();
            let at = file.len();
            file.extend_from_slice(
                format!("1 0 obj <</Type/XRef/Size 2/W[1 1 1]/Length 6{extra}>>stream\n")
                    .as_bytes(),
            );
            file.extend_from_slice(&[0, 0, 0, 1, at as u8, 0]);
            file.extend_from_slice(
                format!("\nendstream endobj\nstartxref\n{at}\n%%EOF").as_bytes(),
            );
            file
        };
        let plain = read(&stream(""), 1 << 20).unwrap();
        assert_eq!(plain.entries[&0], Entry::Free);
        assert!(read(&stream("/XRefStm 9"), 1 << 20).is_none());
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
