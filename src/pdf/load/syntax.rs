//! PDF object syntax, read strictly: bytes in, a lopdf `Object` out, or
//! `None` wherever the bytes are anything but plain, well-formed syntax.
//!
//! Each accepted form gives exactly the object lopdf's own parser gives for
//! it (`tests/lazy_load.rs` compares them object by object on every real
//! document). Everything lopdf would read in its own lenient way (a name
//! cut by a stray `#`, a number run into a word, a minus sign inside a
//! fraction, a comment with no end of line) is refused, and the caller
//! then leaves the whole file to lopdf: being strict here never changes
//! what is read, only who reads it.

use crate::pdf::content::lexer::{hex_value, is_regular, is_whitespace, octal_escape};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// Nesting this deep is left to lopdf (its own bound is 100).
const MAX_DEPTH: usize = 64;
/// Parentheses nested this deep in a string are left to lopdf (its bound
/// is 100).
const MAX_BRACKETS: usize = 64;

/// A cursor over a file's (or an object stream's) bytes.
pub struct Cursor<'a> {
    bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn at(bytes: &'a [u8], pos: usize) -> Cursor<'a> {
        Cursor { bytes, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// White space and comments; `None` for a comment the file ends in
    /// (lopdf wants its end of line).
    pub fn skip_space(&mut self) -> Option<()> {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                let line = self.rest().iter().position(|&b| b == b'\n' || b == b'\r')?;
                self.pos += line;
            } else {
                break;
            }
        }
        Some(())
    }

    /// Moves past `b` if it is here.
    pub fn byte(&mut self, b: u8) -> bool {
        self.tag(&[b])
    }

    /// Moves past `word` if it is here (whatever follows it, as lopdf's
    /// `tag`; see [`Cursor::keyword`] for a word that must end).
    pub fn tag(&mut self, word: &[u8]) -> bool {
        let here = self.rest().starts_with(word);
        self.pos += if here { word.len() } else { 0 };
        here
    }

    /// The next `len` bytes, moved past.
    pub fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let taken = self.rest().get(..len)?;
        self.pos += len;
        Some(taken)
    }

    /// What `read` reads, or `None` with the cursor left where it was.
    pub fn attempt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let at = self.pos;
        let read = read(self);
        if read.is_none() {
            self.pos = at;
        }
        read
    }

    /// Moves past spaces (the character, not white space).
    pub fn spaces(&mut self) {
        self.pos += self.rest().iter().take_while(|&&b| b == b' ').count();
    }

    /// An end of line: CR LF, LF or CR.
    pub fn end_of_line(&mut self) -> Option<()> {
        self.pos += match self.rest() {
            [b'\r', b'\n', ..] => 2,
            [b'\n' | b'\r', ..] => 1,
            _ => return None,
        };
        Some(())
    }

    /// `word` here, ending where a regular character cannot continue it.
    pub fn keyword(&mut self, word: &[u8]) -> bool {
        let ends = self.rest().get(word.len()).is_none_or(|&b| !is_regular(b));
        ends && self.tag(word)
    }

    /// Moves past a run of ASCII digits; how many there were.
    fn skip_digits(&mut self) -> usize {
        let digits = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.pos += digits;
        digits
    }

    /// A run of ASCII digits as an unsigned number.
    pub fn unsigned(&mut self) -> Option<u64> {
        self.attempt(|cursor| {
            let start = cursor.pos;
            (cursor.skip_digits() > 0).then_some(())?;
            cursor.bytes[start..cursor.pos]
                .iter()
                .try_fold(0u64, |v, &d| {
                    v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
                })
        })
    }

    /// An indirect object's header, `N G obj`, and the space after it.
    pub fn object_header(&mut self) -> Option<ObjectId> {
        self.skip_space()?;
        let number = u32::try_from(self.unsigned()?).ok()?;
        self.skip_space()?;
        let generation = u16::try_from(self.unsigned()?).ok()?;
        self.skip_space()?;
        if !self.keyword(b"obj") {
            return None;
        }
        self.skip_space()?;
        Some((number, generation))
    }

    /// One object and the space after it.
    pub fn object(&mut self, depth: usize) -> Option<Object> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let object = match self.peek()? {
            b'/' => Object::Name(self.name()?),
            b'(' => Object::String(self.literal_string()?, StringFormat::Literal),
            b'<' if self.rest().starts_with(b"<<") => Object::Dictionary(self.dictionary(depth)?),
            b'<' => Object::String(self.hex_string()?, StringFormat::Hexadecimal),
            b'[' => self.array(depth)?,
            b'0'..=b'9' => self.reference().map_or_else(|| self.number(), Some)?,
            b'+' | b'-' | b'.' => self.number()?,
            _ if self.keyword(b"null") => Object::Null,
            _ if self.keyword(b"true") => Object::Boolean(true),
            _ if self.keyword(b"false") => Object::Boolean(false),
            _ => return None,
        };
        self.skip_space()?;
        Some(object)
    }

    /// A dictionary, `<<` to `>>`, without the space after it.
    pub fn dictionary(&mut self, depth: usize) -> Option<Dictionary> {
        self.pos += 2;
        self.skip_space()?;
        let mut dict = Dictionary::new();
        loop {
            match self.peek()? {
                b'>' if self.rest().starts_with(b">>") => {
                    self.pos += 2;
                    return Some(dict);
                }
                b'/' => {
                    let key = self.name()?;
                    self.skip_space()?;
                    let value = self.object(depth + 1)?;
                    dict.set(key, value);
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Object> {
        self.pos += 1;
        self.skip_space()?;
        let mut items = Vec::new();
        loop {
            if self.peek()? == b']' {
                self.pos += 1;
                return Some(Object::Array(items));
            }
            items.push(self.object(depth + 1)?);
        }
    }

    /// `/Name`, each `#` followed by two hexadecimal digits standing for
    /// one byte.
    fn name(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let run = self.rest().iter().take_while(|&&b| is_regular(b)).count();
        let raw = &self.rest()[..run];
        self.pos += run;
        let mut name = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' {
                let high = hex_value(*raw.get(i + 1)?)?;
                let low = hex_value(*raw.get(i + 2)?)?;
                name.push(high << 4 | low);
                i += 3;
            } else {
                name.push(raw[i]);
                i += 1;
            }
        }
        Some(name)
    }

    /// `N G R`, or `None` (with the cursor where it was) when the digits
    /// here are a number.
    fn reference(&mut self) -> Option<Object> {
        self.attempt(|cursor| {
            let number = u32::try_from(cursor.unsigned()?).ok()?;
            cursor.skip_space()?;
            let generation = u16::try_from(cursor.unsigned()?).ok()?;
            cursor.skip_space()?;
            cursor
                .keyword(b"R")
                .then_some(Object::Reference((number, generation)))
        })
    }

    /// An integer or a real; a number run into a word is refused.
    fn number(&mut self) -> Option<Object> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let whole = self.skip_digits();
        let mut fraction = None;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            fraction = Some(self.skip_digits());
        }
        if self.peek().is_some_and(is_regular) {
            return None;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
        match fraction {
            None if whole > 0 => text.parse::<i64>().ok().map(Object::Integer),
            Some(digits) if whole + digits > 0 => text.parse::<f32>().ok().map(Object::Real),
            _ => None,
        }
    }

    fn hex_string(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut high = None;
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'>' => break,
                b if is_whitespace(b) => {}
                b => {
                    let digit = hex_value(b)?;
                    match high.take() {
                        None => high = Some(digit),
                        Some(h) => out.push(h << 4 | digit),
                    }
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Some(out)
    }

    /// `(…)`: escapes decoded, an unescaped end of line read as `\n`, a
    /// backslash before an end of line dropped with it, balanced
    /// parentheses kept.
    fn literal_string(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut open = 1usize;
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'\\' => self.escape(&mut out)?,
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'(' => {
                    open += 1;
                    if open > MAX_BRACKETS {
                        return None;
                    }
                    out.push(b);
                }
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Some(out);
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Option<()> {
        let e = self.peek()?;
        self.pos += 1;
        match e {
            b'0'..=b'7' => {
                let (byte, used) = octal_escape(e, self.rest());
                self.pos += used;
                out.push(byte);
            }
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            other => out.push(other),
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Option<Object> {
        let mut cursor = Cursor::at(text, 0);
        let object = cursor.object(0)?;
        (cursor.pos == text.len()).then_some(object)
    }

    #[test]
    fn plain_objects_parse() {
        let dict = parse(b"<</A (a\\(b\\)c\\101\\\nd) /B <41 4> /C#20D [1 -2.5 .5 +3 4. /X 7 0 R null] /E true>>").unwrap();
        let dict = dict.as_dict().unwrap();
        assert_eq!(dict.get(b"A").unwrap().as_str().unwrap(), b"a(b)cAd");
        assert_eq!(dict.get(b"B").unwrap().as_str().unwrap(), b"A@");
        let items = dict.get(b"C D").unwrap().as_array().unwrap();
        assert_eq!(
            items,
            &vec![
                Object::Integer(1),
                Object::Real(-2.5),
                Object::Real(0.5),
                Object::Integer(3),
                Object::Real(4.0),
                Object::Name(b"X".to_vec()),
                Object::Reference((7, 0)),
                Object::Null,
            ]
        );
        assert_eq!(dict.get(b"E").unwrap(), &Object::Boolean(true));
    }

    #[test]
    fn octal_escapes_take_up_to_three_digits_and_wrap() {
        assert_eq!(
            parse(b"(\\0a\\101\\1012\\777)").unwrap().as_str().unwrap(),
            b"\0aAA2\xff"
        );
    }

    #[test]
    fn an_end_of_line_in_a_string_is_a_newline() {
        assert_eq!(parse(b"(a\r\nb\rc)").unwrap().as_str().unwrap(), b"a\nb\nc");
    }

    #[test]
    fn what_lopdf_reads_leniently_is_refused() {
        for text in [
            &b"/A#4"[..],
            b"12abc",
            b"0.00-41",
            b"1 0 RG",
            b"nullx",
            b"<</A 1",
            b"(open",
            b"<4G>",
            b"[1 2",
            b"% no end of line",
            b"1..2",
        ] {
            assert_eq!(parse(text), None, "{}", String::from_utf8_lossy(text));
        }
        let deep = [&[b'['; 200][..], &[b']'; 200][..]].concat();
        assert_eq!(parse(&deep), None);
    }

    #[test]
    fn digits_not_followed_by_a_reference_are_numbers() {
        let items = parse(b"[1 0 2 0 R 3]").unwrap();
        let expected = vec![
            Object::Integer(1),
            Object::Integer(0),
            Object::Reference((2, 0)),
            Object::Integer(3),
        ];
        assert_eq!(items.as_array().unwrap(), &expected);
    }

    proptest::proptest! {
        /// Any bytes: an object or none, never a panic.
        #[test]
        fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = parse(&bytes);
        }
    }
}
