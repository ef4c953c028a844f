//! Loading only what the pages can reach. lopdf parses every object of a
//! file up front, and in a tagged file most of them are the structure tree
//! (one dictionary per paragraph, table cell and span), which budgetpdf
//! never reads: in `corpus/real2`, 36,000 of 43,000 objects.
//!
//! In: a file's bytes. Out: a lopdf `Document` holding every object that
//! can be reached from the trailer without passing through an entry
//! budgetpdf never reads ([`NOT_READ`]), each object equal to the one
//! lopdf's own parse gives; or `None` for any file that is not plain and
//! well-formed (encrypted, damaged cross-reference data, an object not
//! where the cross-reference data says, a stream whose `/Length` is wrong,
//! a reference to an object the file does not list), which lopdf then
//! reads with its repairs, as before.

mod syntax;
mod xref;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use syntax::Cursor;
use xref::Entry;

/// Entries whose values budgetpdf never reads: the structure tree and its
/// links from outlines, outlines, annotations, metadata streams, thumbnails,
/// forms, name trees, articles, private application data and the open
/// action. Nothing reached only through them is loaded.
const NOT_READ: &[&[u8]] = &[
    b"StructTreeRoot",
    b"ParentTree",
    b"SE",
    b"Outlines",
    b"Annots",
    b"Metadata",
    b"Thumb",
    b"AcroForm",
    b"Names",
    b"Dests",
    b"Threads",
    b"PieceInfo",
    b"OpenAction",
];

/// The objects of `bytes` that can be reached from its trailer, or `None`
/// when the file is to be left to lopdf.
pub fn reachable(bytes: &[u8], max_stream_bytes: usize) -> Option<Document> {
    let start = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let bytes = &bytes[start..];
    // lopdf refuses a header line that never ends.
    if !bytes.iter().any(|&b| b == b'\r' || b == b'\n') {
        return None;
    }
    let xref = xref::read(bytes, max_stream_bytes)?;
    if xref.trailer.has(b"Encrypt") || !every_header_in_place(bytes, &xref.entries) {
        return None;
    }
    let mut loader = Loader {
        bytes,
        entries: &xref.entries,
        max_stream_bytes,
        containers: FxHashMap::default(),
        depth: 0,
    };
    let mut objects = BTreeMap::new();
    let mut pending = Vec::new();
    entry_references(&xref.trailer, &mut pending);
    while let Some(id) = pending.pop() {
        if objects.contains_key(&id) {
            continue;
        }
        if let Some(object) = loader.load(id)? {
            references(&object, &mut pending);
            objects.insert(id, object);
        }
    }
    let mut doc = Document::new();
    doc.version = version(bytes);
    doc.max_id = xref.entries.keys().copied().max().unwrap_or(0);
    doc.trailer = xref.trailer;
    doc.objects = objects;
    Some(doc)
}

/// Whether each object the cross-reference data places in the file has
/// its own header there. lopdf files an object under the header it finds,
/// so in a file whose bytes moved (an object's number damaged, bytes cut
/// or inserted) an object no page reaches can take the place of one that
/// a page does; such a file is left to lopdf, as before.
fn every_header_in_place(bytes: &[u8], entries: &FxHashMap<u32, Entry>) -> bool {
    entries.iter().all(|(&number, entry)| match *entry {
        Entry::InFile { offset, generation } => {
            Cursor::at(bytes, offset).object_header() == Some((number, generation))
        }
        _ => true,
    })
}

/// The version the header names (`%PDF-1.7`), as lopdf reads it.
fn version(bytes: &[u8]) -> String {
    let digits = bytes[5..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    String::from_utf8_lossy(&bytes[5..5 + digits]).into_owned()
}

/// Pushes each object `object` refers to, but through [`NOT_READ`].
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(dict) => entry_references(dict, out),
        Object::Stream(stream) => entry_references(&stream.dict, out),
        _ => {}
    }
}

fn entry_references(dict: &Dictionary, out: &mut Vec<ObjectId>) {
    dict.iter()
        .filter(|(key, _)| !NOT_READ.contains(&key.as_slice()))
        .for_each(|(_, o)| references(o, out));
}

/// An object stream's decoded bytes and its members' offsets.
struct Container {
    data: Vec<u8>,
    members: FxHashMap<u32, usize>,
}

struct Loader<'a> {
    bytes: &'a [u8],
    entries: &'a FxHashMap<u32, Entry>,
    max_stream_bytes: usize,
    containers: FxHashMap<u32, Option<Container>>,
    /// Objects being read while another one is.
    depth: usize,
}

/// A stream's `/Length` in an object stream whose own `/Length` is
/// indirect is three deep; more is a loop.
const MAX_RESOLVING_DEPTH: usize = 4;

impl Loader<'_> {
    /// The object `id`: `Some(None)` when the file has no such object (a
    /// free entry or another generation, which lopdf does not give either),
    /// `None` when the file is to be left to lopdf.
    fn load(&mut self, id: ObjectId) -> Option<Option<Object>> {
        let entry = *self.entries.get(&id.0)?;
        let holds_it = match entry {
            Entry::InFile { generation, .. } => generation == id.1,
            Entry::InStream { .. } => id.1 == 0,
            Entry::Free => false,
        };
        if !holds_it {
            return Some(None);
        }
        // Only a `/Length` or an object stream is read while another object
        // is: deeper means a stream whose length or container is itself.
        if self.depth > MAX_RESOLVING_DEPTH {
            return None;
        }
        self.depth += 1;
        let object = match entry {
            Entry::InFile { offset, .. } => self.in_file(offset),
            Entry::InStream { container } => self.in_stream(container, id.0),
            Entry::Free => None,
        };
        self.depth -= 1;
        object.map(Some)
    }

    /// The object whose header is at `offset` (every header was found in
    /// its place before any object is read), a stream's `/Length` read from
    /// the object it refers to.
    fn in_file(&mut self, offset: usize) -> Option<Object> {
        let bytes = self.bytes;
        object_at(bytes, offset, &mut |id| match self.load(id)?? {
            Object::Integer(length) => Some(length),
            _ => None,
        })
    }

    fn in_stream(&mut self, container: u32, number: u32) -> Option<Object> {
        if !self.containers.contains_key(&container) {
            let decoded = self.container(container);
            self.containers.insert(container, decoded);
        }
        let Container { data, members } = self.containers.get(&container)?.as_ref()?;
        let mut cursor = Cursor::at(data, *members.get(&number)?);
        cursor.skip_space()?;
        cursor.object(0)
    }

    /// Decodes object stream `container` and reads its member table as
    /// lopdf does (a later entry for the same number wins).
    fn container(&mut self, container: u32) -> Option<Container> {
        let Entry::InFile {
            offset,
            generation: 0,
        } = *self.entries.get(&container)?
        else {
            return None;
        };
        let Object::Stream(stream) = self.in_file(offset)? else {
            return None;
        };
        // lopdf drops a container without an integer `/N`, members and all.
        let counted = stream.dict.get(b"N").and_then(Object::as_i64).is_ok();
        if !stream.dict.has_type(b"ObjStm") || !counted {
            return None;
        }
        let data = stream
            .get_plain_content_with_limit(self.max_stream_bytes)
            .ok()?;
        let first = usize::try_from(stream.dict.get(b"First").ok()?.as_i64().ok()?).ok()?;
        let table = std::str::from_utf8(data.get(..first)?).ok()?;
        let numbers: Vec<u32> = table
            .split(['\r', '\n'])
            .flat_map(|line| {
                line.split('%')
                    .next()
                    .unwrap_or_default()
                    .split_whitespace()
            })
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        if numbers.len() % 2 != 0 {
            return None;
        }
        let mut members = FxHashMap::default();
        for pair in numbers.chunks_exact(2) {
            let at = first.checked_add(usize::try_from(pair[1]).ok()?)?;
            if at >= data.len() {
                return None;
            }
            members.insert(pair[0], at);
        }
        Some(Container { data, members })
    }
}

/// The indirect object whose header `N G obj` is at `offset`, read
/// strictly; `length` gives the value of an indirect `/Length`.
fn object_at(
    bytes: &[u8],
    offset: usize,
    length: &mut dyn FnMut(ObjectId) -> Option<i64>,
) -> Option<Object> {
    let mut cursor = Cursor::at(bytes, offset);
    cursor.object_header()?;
    let object = if cursor.rest().starts_with(b"<<") {
        let dict = cursor.dictionary(0)?;
        let before = cursor.pos;
        cursor.skip_space()?;
        if cursor.rest().starts_with(b"stream") {
            let length = match dict.get(b"Length").ok()? {
                Object::Integer(n) => *n,
                Object::Reference(id) => length(*id)?,
                _ => return None,
            };
            let data = stream_data(&mut cursor, usize::try_from(length).ok()?)?;
            Object::Stream(Stream::new(dict, data.to_vec()))
        } else {
            cursor.pos = before;
            cursor.skip_space()?;
            Object::Dictionary(dict)
        }
    } else {
        cursor.object(0)?
    };
    cursor.skip_space()?;
    cursor.keyword(b"endobj").then_some(object)
}

/// A stream's `length` bytes after `stream`, blanks and an end of line,
/// which must be followed by `endstream` (a wrong `/Length` is left to
/// lopdf, which looks for the data's true end).
fn stream_data<'a>(cursor: &mut Cursor<'a>, length: usize) -> Option<&'a [u8]> {
    cursor.tag(b"stream");
    while cursor.byte(b' ') || cursor.byte(b'\t') {}
    cursor.end_of_line()?;
    let data = cursor.take(length)?;
    let _ = cursor.end_of_line();
    cursor.tag(b"endstream").then_some(data)
}

/// The object at `offset` when its `/Length`, if any, is written in it
/// (a cross-reference stream's must be).
fn plain_object_at(bytes: &[u8], offset: usize) -> Option<Object> {
    object_at(bytes, offset, &mut |_| None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file from objects, with a cross-reference table.
    fn file(objects: &[&str], trailer: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<</Size {} {trailer}>>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn only_what_the_pages_reach_is_loaded() {
        let bytes = file(
            &[
                "<</Type/Catalog/Pages 2 0 R/StructTreeRoot 4 0 R>>",
                "<</Type/Pages/Kids[3 0 R]/Count 1>>",
                "<</Type/Page/Parent 2 0 R/Contents 5 0 R>>",
                "<</Type/StructTreeRoot/K 3 0 R>>",
                "<</Length 6 0 R>>\nstream\nBT ET\nendstream",
                "5",
            ],
            "/Root 1 0 R",
        );
        let doc = reachable(&bytes, 1 << 20).unwrap();
        let ids: Vec<u32> = doc.objects.keys().map(|id| id.0).collect();
        assert_eq!(ids, [1, 2, 3, 5], "the structure tree is not loaded");
        let content = doc.get_object((5, 0)).unwrap().as_stream().unwrap();
        assert_eq!(content.content, b"BT ET");
        assert_eq!(
            doc.catalog().unwrap().get(b"Pages").unwrap(),
            &Object::Reference((2, 0))
        );
    }

    /// A file whose page tree root (2) is in an object stream (3) with the
    /// dictionary entries `container`, listed by a cross-reference stream.
    fn with_object_stream(container: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let catalog = out.len();
        out.extend_from_slice(b"1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n");
        let members = b"2 0 <</Type/Pages/Kids[]/Count 0>>";
        let stream = out.len();
        out.extend_from_slice(
            format!("3 0 obj <<{container}/Length {}>>stream\n", members.len()).as_bytes(),
        );
        out.extend_from_slice(members);
        out.extend_from_slice(b"\nendstream endobj\n");
        let xref = out.len();
        let mut rows = vec![0u8, 0, 0, 0];
        for (kind, field, index) in [(1, catalog, 0), (2, 3, 0), (1, stream, 0), (1, xref, 0)] {
            rows.extend_from_slice(&[kind, (field >> 8) as u8, field as u8, index]);
        }
        out.extend_from_slice(
            format!(
                "4 0 obj <</Type/XRef/Size 5/W[1 2 1]/Root 1 0 R/Length {}>>stream\n",
                rows.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&rows);
        out.extend_from_slice(format!("\nendstream endobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }

    #[test]
    fn a_member_of_an_object_stream_is_read_from_it() {
        let doc = reachable(&with_object_stream("/Type/ObjStm/N 1/First 4"), 1 << 20).unwrap();
        let pages = doc.get_dictionary((2, 0)).unwrap();
        assert_eq!(pages.get(b"Count").unwrap(), &Object::Integer(0));
        // lopdf drops a container whose /N is not an integer.
        assert!(reachable(&with_object_stream("/Type/ObjStm/First 4"), 1 << 20).is_none());
    }

    #[test]
    fn a_wrong_length_or_a_missing_object_is_left_to_lopdf() {
        let wrong_length = file(
            &[
                "<</Type/Catalog/Pages 2 0 R>>",
                "<</Length 99>>\nstream\nBT ET\nendstream",
            ],
            "/Root 1 0 R",
        );
        assert!(reachable(&wrong_length, 1 << 20).is_none());
        let missing = file(&["<</Type/Catalog/Pages 7 0 R>>"], "/Root 1 0 R");
        assert!(reachable(&missing, 1 << 20).is_none());
        let encrypted = file(&["<</Type/Catalog>>"], "/Root 1 0 R /Encrypt 1 0 R");
        assert!(reachable(&encrypted, 1 << 20).is_none());
    }
}
