//! Objects lopdf could not parse, read leniently as other readers do: the
//! file's bytes at an object's cross-reference offset in, the object out with
//! every entry that still parses (a dictionary entry broken by a damaged byte
//! is dropped, the rest kept; a stream keeps its data up to `endstream`).
//! A salvaged dictionary carries [`SALVAGED`], so a font read from it knows
//! its widths may be gone.

use super::content::lexer::{is_delimiter, is_whitespace as is_space, octal_escape};
use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Key set on every salvaged dictionary.
pub const SALVAGED: &[u8] = b"BudgetpdfSalvaged";

/// Nesting deeper than this is not a disclosure's (hostile bytes).
const MAX_DEPTH: usize = 32;
/// Objects larger than this are not salvaged (a stream is cut at it).
const MAX_OBJECT_BYTES: usize = 64 << 20;

/// What salvaging found: objects listed in use that lopdf could not parse,
/// and how many of them were read in part.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Salvage {
    pub unreadable: usize,
    pub salvaged: usize,
}

/// Reads leniently each object the cross-reference table lists at an offset
/// that lopdf could not parse, and puts what it reads into `doc`. Objects in
/// a damaged object stream are counted, not salvaged (their bytes are
/// compressed with the stream).
pub fn salvage_objects(doc: &mut Document, bytes: &[u8]) -> Salvage {
    let mut found = Salvage::default();
    let missing: Vec<(ObjectId, Option<u32>)> = doc
        .reference_table
        .entries
        .iter()
        .filter_map(|(&id, entry)| match *entry {
            XrefEntry::Normal { offset, generation } => Some(((id, generation), Some(offset)))
                .filter(|(oid, _)| !doc.objects.contains_key(oid)),
            XrefEntry::Compressed { .. } => {
                Some(((id, 0), None)).filter(|(oid, _)| !doc.objects.contains_key(oid))
            }
            _ => None,
        })
        .collect();
    for (id, offset) in missing {
        let object = offset.and_then(|o| object_at(bytes, o as usize, id));
        if doc.was_encrypted() {
            // lopdf takes the encryption dictionary out once it has
            // decrypted; other objects' strings would be read undecrypted,
            // so they are counted, not salvaged.
            if !object.as_ref().is_some_and(is_encryption_dictionary) {
                found.unreadable += 1;
            }
            continue;
        }
        found.unreadable += 1;
        if let Some(object) = object {
            doc.objects.insert(id, object);
            found.salvaged += 1;
        }
    }
    found
}

fn is_encryption_dictionary(object: &Object) -> bool {
    object
        .as_dict()
        .is_ok_and(|d| d.has(b"Filter") && d.has(b"O") && d.has(b"U"))
}

/// The object `id` whose header `N G obj` starts at `offset`.
fn object_at(bytes: &[u8], offset: usize, id: ObjectId) -> Option<Object> {
    let mut p = Parser {
        bytes: bytes.get(offset..)?,
        pos: 0,
    };
    let (number, generation) = (p.integer()?, p.integer()?);
    if number != i64::from(id.0) || generation != i64::from(id.1) || !p.keyword(b"obj") {
        return None;
    }
    let object = p.value(0)?;
    let Object::Dictionary(mut dict) = object else {
        return Some(object);
    };
    dict.set(SALVAGED, true);
    p.skip_space();
    if !p.keyword(b"stream") {
        return Some(Object::Dictionary(dict));
    }
    let data = p.stream_data();
    dict.set("Length", data.len() as i64);
    Some(Object::Stream(Stream::new(dict, data.to_vec())))
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn rest(&self) -> &[u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A bare word (digits, letters, `.`, signs) up to a delimiter or space.
    fn word(&mut self) -> &[u8] {
        self.skip_space();
        let start = self.pos.min(self.bytes.len());
        self.pos = start;
        while self
            .peek()
            .is_some_and(|b| !is_space(b) && !is_delimiter(b))
        {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    fn integer(&mut self) -> Option<i64> {
        std::str::from_utf8(self.word()).ok()?.parse().ok()
    }

    fn keyword(&mut self, word: &[u8]) -> bool {
        let at = self.pos;
        if self.word() == word {
            true
        } else {
            self.pos = at;
            false
        }
    }

    /// Any object; `None` when the bytes here are not one (damage).
    fn value(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match self.peek()? {
            b'/' => self.name().map(Object::Name),
            b'<' if self.rest().starts_with(b"<<") => {
                self.pos += 2;
                Some(Object::Dictionary(self.dictionary(depth)))
            }
            b'<' => self.hex_string(),
            b'(' => self.literal_string(),
            b'[' => self.array(depth),
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number_or_reference(),
            _ => match self.word() {
                b"true" => Some(Object::Boolean(true)),
                b"false" => Some(Object::Boolean(false)),
                b"null" => Some(Object::Null),
                _ => None,
            },
        }
    }

    fn name(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| !is_space(b) && !is_delimiter(b))
        {
            self.pos += 1;
        }
        let raw = self.bytes.get(start..self.pos).unwrap_or_default();
        let mut name = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let hex = (raw[i] == b'#')
                .then(|| raw.get(i + 1..i + 3))
                .flatten()
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(b) => {
                    name.push(b);
                    i += 3;
                }
                None => {
                    name.push(raw[i]);
                    i += 1;
                }
            }
        }
        Some(name)
    }

    /// A dictionary's entries up to `>>`; a broken entry is skipped up to the
    /// next key at this level.
    fn dictionary(&mut self, depth: usize) -> Dictionary {
        let mut dict = Dictionary::new();
        loop {
            self.skip_space();
            let rest = self.rest();
            if rest.is_empty() || rest.starts_with(b"endobj") || rest.starts_with(b"stream") {
                return dict;
            }
            if rest.starts_with(b">>") {
                self.pos += 2;
                return dict;
            }
            if rest[0] == b'/'
                && let Some(key) = self.name()
            {
                let at = self.pos;
                match self.value(depth + 1) {
                    Some(value) => dict.set(key, value),
                    None => {
                        self.pos = self.pos.max(at + 1).min(self.bytes.len());
                        self.resync();
                    }
                }
                continue;
            }
            self.pos += 1;
            self.resync();
        }
    }

    /// Skips damaged bytes up to the next key (`/`) or the end of the
    /// dictionary (`>>`) outside brackets opened here.
    fn resync(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            let rest = self.rest();
            if depth == 0 && (b == b'/' || rest.starts_with(b">>") || rest.starts_with(b"endobj")) {
                return;
            }
            match b {
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'<' if rest.starts_with(b"<<") => {
                    depth += 1;
                    self.pos += 1;
                }
                b'>' if rest.starts_with(b">>") => {
                    depth = depth.saturating_sub(1);
                    self.pos += 1;
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn array(&mut self, depth: usize) -> Option<Object> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(Object::Array(items));
                }
                _ => items.push(self.value(depth + 1)?),
            }
        }
    }

    fn number_or_reference(&mut self) -> Option<Object> {
        let word = std::str::from_utf8(self.word()).ok()?.to_string();
        if let Ok(n) = word.parse::<i64>() {
            // `N G R` is a reference.
            let at = self.pos;
            if let Some(generation) = self.integer()
                && self.keyword(b"R")
                && let (Ok(n), Ok(generation)) = (u32::try_from(n), u16::try_from(generation))
            {
                return Some(Object::Reference((n, generation)));
            }
            self.pos = at;
            return Some(Object::Integer(n));
        }
        word.parse::<f32>()
            .ok()
            .filter(|r| r.is_finite())
            .map(Object::Real)
    }

    fn hex_string(&mut self) -> Option<Object> {
        self.pos += 1;
        let mut digits = Vec::new();
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'>' => break,
                b if b.is_ascii_hexdigit() => digits.push(b),
                b if is_space(b) => {}
                _ => return None,
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        let bytes = digits
            .chunks(2)
            .filter_map(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
            .collect();
        Some(Object::String(bytes, StringFormat::Hexadecimal))
    }

    fn literal_string(&mut self) -> Option<Object> {
        self.pos += 1;
        let (mut out, mut open) = (Vec::new(), 1usize);
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'\\' => {
                    let e = self.peek()?;
                    self.pos += 1;
                    out.push(match e {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 8,
                        b'f' => 12,
                        b'0'..=b'7' => {
                            let (byte, used) = octal_escape(e, self.rest());
                            self.pos += used;
                            byte
                        }
                        other => other,
                    });
                }
                b'(' => {
                    open += 1;
                    out.push(b);
                }
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Some(Object::String(out, StringFormat::Literal));
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
    }

    /// A stream's data: after the end of line that follows `stream`, up to
    /// `endstream` (its /Length is not trusted in a damaged object).
    fn stream_data(&mut self) -> &[u8] {
        if self.rest().starts_with(b"\r\n") {
            self.pos += 2;
        } else if matches!(self.peek(), Some(b'\n' | b'\r')) {
            self.pos += 1;
        }
        let rest = self.rest();
        let rest = &rest[..rest.len().min(MAX_OBJECT_BYTES)];
        let end = rest
            .windows(9)
            .position(|w| w == b"endstream")
            .unwrap_or(rest.len());
        let mut data = &rest[..end];
        for eol in [b"\r\n".as_slice(), b"\n", b"\r"] {
            if let Some(trimmed) = data.strip_suffix(eol) {
                data = trimmed;
                break;
            }
        }
        data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Option<Object> {
        object_at(text, 0, (7, 0))
    }

    #[test]
    fn a_broken_entry_is_dropped_and_the_rest_kept() {
        let object = parse(b"7 0 obj\n<</BaseFont/LNUHNF+SimSun/DW 1000/FontDescriptor 14 0 R/W{11 38 500]/Subtype/CIDFontType2>>\nendobj").unwrap();
        let dict = object.as_dict().unwrap();
        assert_eq!(dict.get(b"DW").unwrap(), &Object::Integer(1000));
        assert_eq!(
            dict.get(b"FontDescriptor").unwrap(),
            &Object::Reference((14, 0))
        );
        assert_eq!(
            dict.get(b"Subtype").unwrap().as_name().unwrap(),
            b"CIDFontType2"
        );
        assert!(dict.get(b"W").is_err());
        assert!(dict.has(SALVAGED));
    }

    #[test]
    fn a_stream_keeps_its_data_up_to_endstream() {
        let object = parse(
            b"7 0 obj <</Length 999 /Filter [/Bogus}>> stream\r\nBT (x) Tj ET\r\nendstream endobj",
        )
        .unwrap();
        let Object::Stream(stream) = object else {
            panic!("a stream")
        };
        assert_eq!(stream.content, b"BT (x) Tj ET");
        assert_eq!(stream.dict.get(b"Length").unwrap(), &Object::Integer(12));
    }

    #[test]
    fn strings_names_and_nesting_parse() {
        let object = parse(
            b"7 0 obj <</A (a\\(b\\)c) /B <4142> /C#20D [1 2.5 /X <</Y null>>] /E true>> endobj",
        )
        .unwrap();
        let dict = object.as_dict().unwrap();
        assert_eq!(dict.get(b"A").unwrap().as_str().unwrap(), b"a(b)c");
        assert_eq!(dict.get(b"B").unwrap().as_str().unwrap(), b"AB");
        assert_eq!(dict.get(b"C D").unwrap().as_array().unwrap().len(), 4);
        assert_eq!(dict.get(b"E").unwrap(), &Object::Boolean(true));
    }

    #[test]
    fn another_objects_header_or_garbage_is_refused() {
        assert!(parse(b"8 0 obj <</A 1>> endobj").is_none());
        assert!(parse(b"\xff\xfe garbage").is_none());
        assert!(parse(b"").is_none());
        // Deep nesting ends without overflowing the stack.
        let deep = [b"7 0 obj ".as_slice(), &[b'['; 10_000]].concat();
        assert!(parse(&deep).is_none());
    }

    proptest::proptest! {
        /// Any bytes after a valid header: an object or none, never a panic.
        #[test]
        fn any_bytes_are_read_or_refused(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let bytes = [b"7 0 obj <</A ".as_slice(), &tail].concat();
            let _ = parse(&bytes);
        }
    }
}
