//! Streams left in the file. lopdf copies each stream's bytes out of the
//! file as it parses, so at its peak a long book is held twice: the file,
//! and its streams inside lopdf's objects. A large file whose handle is at
//! hand is parsed with its streams' contents left out ([`parse`]); each such
//! stream keeps its place in the file (`Stream::start_position`), and is
//! read from the file each time a reader asks for its bytes
//! ([`raw_content`]), while the document's pages are read
//! ([`ReadingFrom`]).
//!
//! In: the file's bytes while parsing, then the open file. Out: the same
//! lopdf `Document` as a plain parse gives, but for the contents left out,
//! and each stream's raw bytes on demand. Where a stream cannot be found
//! again in the bytes (a damaged file), the file is parsed again the plain
//! way: leaving streams out never changes what is read.

use lopdf::{Document, LoadOptions, Object, ObjectId, Stream, xref::XrefEntry};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::fs::File;
use std::sync::Arc;

/// Streams shorter than this stay in memory: the bookkeeping and the read
/// would cost more than their bytes.
const MIN_LEFT_OUT_BYTES: usize = 1024;

/// How far past an object's start its stream's data may begin: a stream's
/// dictionary is short (a form's inline resources are the longest seen).
const MAX_DICTIONARY_BYTES: usize = 1 << 20;

/// Bytes compared at each end of a stream to recognise it.
const EDGE: usize = 16;

/// What recognises a stream's bytes: their length, their first and last
/// bytes (cheap to compare first) and the CRC-32 of them all. Where a
/// stream is sought, the position is fixed by the file's syntax; this tells
/// a wrong candidate (a dictionary that says "stream" in a string) and a
/// file changed since it was parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: usize,
    head: [u8; EDGE],
    tail: [u8; EDGE],
    crc: u32,
}

impl Fingerprint {
    fn of(bytes: &[u8]) -> Fingerprint {
        let mut head = [0; EDGE];
        let mut tail = [0; EDGE];
        let n = bytes.len().min(EDGE);
        head[..n].copy_from_slice(&bytes[..n]);
        tail[..n].copy_from_slice(&bytes[bytes.len() - n..]);
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        Fingerprint {
            len: bytes.len(),
            head,
            tail,
            crc: crc.sum(),
        }
    }
}

thread_local! {
    /// The streams [`leave_out_content`] emptied during the parse running on
    /// this thread. lopdf's object filter is a plain function, so this is
    /// its only way out (lopdf parses on the calling thread: its `rayon`
    /// feature is off).
    static LEFT_OUT: RefCell<Vec<(ObjectId, Fingerprint)>> = const { RefCell::new(Vec::new()) };
}

/// lopdf's object filter: empties a stream's content, noting what it was.
/// lopdf keeps a top-level object as changed in place, but an object-stream
/// member as returned, so objects other than streams (streams are never
/// members) are returned whole.
fn leave_out_content(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let Object::Stream(stream) = object else {
        return Some((id, object.clone()));
    };
    let structural = stream.dict.has_type(b"ObjStm") || stream.dict.has_type(b"XRef");
    if !structural && stream.content.len() >= MIN_LEFT_OUT_BYTES {
        let content = std::mem::take(&mut stream.content);
        LEFT_OUT.with(|left| left.borrow_mut().push((id, Fingerprint::of(&content))));
    }
    Some((id, Object::Null))
}

/// Parses `bytes` leaving large streams' contents in the file. Gives the
/// document and where each stream left out lies, or `None` for where when
/// the file was parsed the plain way (a stream was not found again, or the
/// page tree did not load: lopdf rebuilds a damaged file's table only when
/// no filter is set).
pub fn parse(bytes: &[u8], options: LoadOptions) -> lopdf::Result<(Document, Option<Placements>)> {
    LEFT_OUT.with(|left| left.borrow_mut().clear());
    let filtered = LoadOptions {
        filter: Some(leave_out_content),
        ..options.clone()
    };
    let parsed = Document::load_mem_with_options(bytes, filtered);
    let left_out = LEFT_OUT.with(|left| std::mem::take(&mut *left.borrow_mut()));
    if let Ok(mut doc) = parsed
        && page_tree_loaded(&doc)
        && let Some(placements) = locate(&mut doc, bytes, &left_out)
    {
        return Ok((doc, Some(placements)));
    }
    Ok((Document::load_mem_with_options(bytes, options)?, None))
}

/// Whether the catalog leads to a page tree root with `/Kids` (what lopdf
/// checks before rebuilding a damaged file's cross-reference table).
fn page_tree_loaded(doc: &Document) -> bool {
    doc.catalog()
        .and_then(|catalog| catalog.get(b"Pages"))
        .and_then(Object::as_reference)
        .and_then(|root| doc.get_dictionary(root))
        .and_then(|root| root.get_deref(b"Kids", doc))
        .and_then(Object::as_array)
        .is_ok()
}

/// Where each stream left out lies in the file: its first byte, and what
/// its bytes look like.
pub type Placements = FxHashMap<usize, Fingerprint>;

/// Finds each stream left out in `bytes`, and notes in the stream where it
/// lies; `None` if one is not found.
fn locate(
    doc: &mut Document,
    bytes: &[u8],
    left_out: &[(ObjectId, Fingerprint)],
) -> Option<Placements> {
    // Offsets count from the header, as lopdf reads them.
    let header = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let file = &bytes[header..];
    // lopdf's own positions (a stream whose indirect /Length did not
    // resolve) would read as left out: only ours remain.
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            stream.start_position = None;
        }
    }
    let mut placements = Placements::default();
    placements.reserve(left_out.len());
    for &(id, fingerprint) in left_out {
        let Some(&XrefEntry::Normal { offset, generation }) = doc.reference_table.get(id.0) else {
            return None;
        };
        if generation != id.1 {
            return None;
        }
        let start = header + data_start(file, offset as usize, fingerprint)?;
        let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else {
            return None;
        };
        // An id met twice (a damaged table) or a stream not left out.
        if stream.start_position.is_some() || !stream.content.is_empty() {
            return None;
        }
        stream.start_position = Some(start);
        placements.insert(start, fingerprint);
    }
    // A stream emptied but not noted (were lopdf ever to parse on other
    // threads than this one, which holds the notes) would read as empty.
    let unnoted = doc.objects.values().any(|object| match object {
        Object::Stream(s) => {
            s.content.is_empty()
                && s.start_position.is_none()
                && s.dict
                    .get(b"Length")
                    .and_then(Object::as_i64)
                    .is_ok_and(|n| n >= MIN_LEFT_OUT_BYTES as i64)
        }
        _ => false,
    });
    (!unnoted).then_some(placements)
}

/// The first place after `object_start` where a `stream` keyword and its end
/// of line are followed by bytes with `fingerprint`.
fn data_start(file: &[u8], object_start: usize, fingerprint: Fingerprint) -> Option<usize> {
    let end = file
        .len()
        .min(object_start.saturating_add(MAX_DICTIONARY_BYTES));
    let window = file.get(object_start..end)?;
    let mut from = 0;
    while let Some(found) = find(&window[from..], b"stream") {
        let keyword_end = object_start + from + found + b"stream".len();
        from += found + 1;
        let Some(start) = after_end_of_line(file, keyword_end) else {
            continue;
        };
        let data = file.get(start..start.checked_add(fingerprint.len)?);
        if data.is_some_and(|data| Fingerprint::of(data) == fingerprint) {
            return Some(start);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where data begins after a `stream` keyword ending at `at`: past spaces
/// and one end of line (CR LF, LF or a lone CR).
fn after_end_of_line(file: &[u8], mut at: usize) -> Option<usize> {
    while matches!(file.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    match (file.get(at), file.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => Some(at + 2),
        (Some(b'\n' | b'\r'), _) => Some(at + 1),
        _ => None,
    }
}

/// The streams a document left in its file, and the file to read them from.
pub struct LeftInFile {
    file: Arc<File>,
    placements: Placements,
    /// Why a stream could not be read back, the first time it happened.
    failure: Option<String>,
}

impl LeftInFile {
    pub fn new(file: Arc<File>, placements: Placements) -> LeftInFile {
        LeftInFile {
            file,
            placements,
            failure: None,
        }
    }

    /// How many streams were left in the file.
    pub fn len(&self) -> usize {
        self.placements.len()
    }

    /// The bytes of the stream left in the file whose data starts at `start`.
    fn read(&mut self, start: usize) -> Result<Vec<u8>, String> {
        let Some(&fingerprint) = self.placements.get(&start) else {
            return Err(self.failed(
                "a stream left in the file has no place noted (a bug of budgetpdf; please report it with the file attached)".to_string(),
            ));
        };
        let mut content = vec![0; fingerprint.len];
        let read = read_exact_at(&self.file, &mut content, start as u64);
        let why = match read {
            Err(e) => format!(
                "reading a stream from the file again failed ({e}); check that the file was not shortened or rewritten while it was read, and run again (`extract --force` redoes a document whose failure was recorded)"
            ),
            Ok(()) if Fingerprint::of(&content) != fingerprint => {
                "the file changed while it was read (a stream's bytes are no longer those parsed); run again once the file is complete and left alone (`extract --force` redoes a document whose failure was recorded)".to_string()
            }
            Ok(()) => return Ok(content),
        };
        Err(self.failed(why))
    }

    /// Notes `why` as the failure, if it is the first, and gives it back.
    fn failed(&mut self, why: String) -> String {
        self.failure.get_or_insert_with(|| why.clone());
        why
    }
}

/// Reads `buf.len()` bytes at `offset`, leaving the file's own position
/// alone (the caller may share the handle).
#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_exact_at(mut file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

thread_local! {
    /// The file whose streams the document being read on this thread left
    /// in it (see [`ReadingFrom`]).
    static READING_FROM: RefCell<Option<LeftInFile>> = const { RefCell::new(None) };
}

/// While this lives, streams left in the file are read from `LeftInFile` on
/// this thread. The readers of stream bytes (fonts, forms, images) see the
/// document only, so the file rides beside it here rather than through
/// every reader's arguments; a document is read on one thread.
pub struct ReadingFrom {
    previous: Option<LeftInFile>,
    /// Dropped on the thread it was made on, whose state it restores.
    not_sent: std::marker::PhantomData<*const ()>,
}

impl ReadingFrom {
    pub fn new(left: LeftInFile) -> ReadingFrom {
        let previous = READING_FROM.with(|cell| cell.borrow_mut().replace(left));
        ReadingFrom {
            previous,
            not_sent: std::marker::PhantomData,
        }
    }
}

impl ReadingFrom {
    /// Why a stream could not be read back from the file, if one could not:
    /// what was read since is not the document parsed.
    pub fn failure(&self) -> Option<String> {
        READING_FROM.with(|cell| cell.borrow().as_ref()?.failure.clone())
    }
}

impl Drop for ReadingFrom {
    fn drop(&mut self) {
        let previous = self.previous.take();
        READING_FROM.with(|cell| *cell.borrow_mut() = previous);
    }
}

/// A stream's raw (still encoded) bytes: its content, or, when it was left
/// in the file, its bytes read from the file now. An error says why the
/// file could not give them back.
pub fn raw_content(stream: &Stream) -> Result<Cow<'_, [u8]>, String> {
    let (true, Some(start)) = (stream.content.is_empty(), stream.start_position) else {
        return Ok(Cow::Borrowed(&stream.content));
    };
    // While a file is read, only streams left out keep a position; with no
    // file, a position is lopdf's own (a stream it could not read).
    let read = READING_FROM.with(|cell| match cell.try_borrow_mut() {
        Ok(mut left) => left.as_mut().map(|left| left.read(start)),
        Err(_) => Some(Err(
            "a stream was asked for while another was read from the file (a bug of budgetpdf; please report it)".to_string(),
        )),
    });
    match read {
        Some(bytes) => bytes.map(Cow::Owned),
        None => Ok(Cow::Borrowed(&stream.content)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &[u8] = b"0123456789abcdefghij-the-stream-data-ABCDEFGHIJ0123456789";

    fn object(dictionary: &str, end_of_line: &str) -> Vec<u8> {
        let mut file = format!("7 0 obj\n<< {dictionary} >>\nstream{end_of_line}").into_bytes();
        file.extend_from_slice(DATA);
        file.extend_from_slice(b"\nendstream\nendobj\n");
        file
    }

    #[test]
    fn the_data_is_found_after_each_kind_of_end_of_line() {
        for end_of_line in ["\r\n", "\n", "\r", " \n"] {
            let file = object("/Length 58", end_of_line);
            let start = data_start(&file, 0, Fingerprint::of(DATA)).unwrap();
            assert_eq!(&file[start..start + DATA.len()], DATA, "{end_of_line:?}");
        }
    }

    #[test]
    fn a_dictionary_that_says_stream_does_not_mislead() {
        let file = object("/Title (a stream\nof words) /Length 58", "\n");
        let start = data_start(&file, 0, Fingerprint::of(DATA)).unwrap();
        assert_eq!(&file[start..start + DATA.len()], DATA);
    }

    #[test]
    fn other_bytes_are_not_taken_for_the_stream() {
        let file = object("/Length 58", "\n");
        let mut other = DATA.to_vec();
        other[DATA.len() - 1] = b'X';
        assert_eq!(data_start(&file, 0, Fingerprint::of(&other)), None);
        // The same bytes, but not where the keyword puts a stream's start.
        assert_eq!(data_start(&file, 0, Fingerprint::of(&DATA[1..])), None);
    }

    #[test]
    fn a_fingerprint_tells_a_change_anywhere() {
        assert_eq!(Fingerprint::of(b"abc"), Fingerprint::of(b"abc"));
        assert_ne!(Fingerprint::of(b"abc"), Fingerprint::of(b"abd"));
        for at in [0, DATA.len() / 2, DATA.len() - 1] {
            let mut changed = DATA.to_vec();
            changed[at] = b'#';
            assert_ne!(Fingerprint::of(DATA), Fingerprint::of(&changed), "{at}");
        }
    }

    #[test]
    fn a_stream_without_a_file_reads_its_own_content() {
        let mut stream = Stream::new(lopdf::Dictionary::new(), b"BT ET".to_vec());
        assert_eq!(raw_content(&stream).unwrap().as_ref(), b"BT ET");
        // Left out, but no file is being read on this thread: nothing made up.
        stream.content.clear();
        stream.start_position = Some(10);
        assert_eq!(raw_content(&stream).unwrap().as_ref(), b"");
    }
}
