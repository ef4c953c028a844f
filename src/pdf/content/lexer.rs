//! A forgiving tokenizer for content streams: bytes in, operands and operators out.
//!
//! Content streams in the wild hold junk (truncated strings, stray bytes,
//! binary inline images); the lexer never fails, it skips what it cannot read.
//! Operands are collected until an operator keyword arrives, as PDF's postfix
//! syntax requires.
//!
//! Operands go into [`Operands`], whose buffers the lexer fills.

use super::operands::{Bytes, Operand, Operands, Span};

/// Arrays nested deeper than this are skipped.
const MAX_NESTING: usize = 32;

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

/// Each byte's class, looked up once per byte (the lexer's inner loops ask
/// it for every byte of every stream).
const WHITESPACE: u8 = 1;
const DELIMITER: u8 = 2;
const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let whitespace = b" \t\r\n\x0c\0";
    let mut i = 0;
    while i < whitespace.len() {
        class[whitespace[i] as usize] = WHITESPACE;
        i += 1;
    }
    let delimiters = b"()<>[]{}/%";
    let mut i = 0;
    while i < delimiters.len() {
        class[delimiters[i] as usize] = DELIMITER;
        i += 1;
    }
    class
};

pub(crate) fn is_whitespace(b: u8) -> bool {
    CLASS[usize::from(b)] == WHITESPACE
}

pub(crate) fn is_delimiter(b: u8) -> bool {
    CLASS[usize::from(b)] == DELIMITER
}

pub(crate) fn is_regular(b: u8) -> bool {
    CLASS[usize::from(b)] == 0
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// Reads operands into `operands` (cleared first) and returns the next
    /// operator, or `None` at the end of the stream.
    pub fn next_operation(&mut self, operands: &mut Operands<'a>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            self.skip_whitespace_and_comments();
            let b = *self.data.get(self.pos)?;
            // Numbers and names are most operands: read first, without the
            // general path's `Option` and nesting.
            if is_number_start(b) {
                let number = self.read_number();
                operands.push(number);
            } else if is_regular(b) {
                let word = self.read_word();
                match word {
                    b"true" => operands.push(Operand::Bool(true)),
                    b"false" => operands.push(Operand::Bool(false)),
                    b"null" => operands.push(Operand::Null),
                    _ => return Some(word),
                }
            } else {
                let mark = operands.mark();
                match self.read_operand(0, operands) {
                    Some(operand) => operands.push_read_since(operand, mark),
                    None => operands.discard_since(mark),
                }
            }
        }
    }

    /// Skips inline image data after `ID`, up to and including the `EI` keyword.
    pub fn skip_inline_image(&mut self) {
        // One whitespace byte follows ID; then binary data up to "EI" that stands
        // alone between whitespace. Binary data can contain "EI" by chance, so
        // require whitespace on both sides.
        self.pos += 1;
        let data = self.data;
        while self.pos + 1 < data.len() {
            if data[self.pos] == b'E'
                && data[self.pos + 1] == b'I'
                && (self.pos == 0 || is_whitespace(data[self.pos - 1]))
                && data.get(self.pos + 2).is_none_or(|&b| is_whitespace(b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = data.len();
    }

    fn skip_whitespace_and_comments(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A number (an unreadable one, such as "-", is null).
    #[inline]
    fn read_number(&mut self) -> Operand<'a> {
        if let Some((value, end)) = plain_number(self.data, self.pos) {
            self.pos = end;
            return Operand::Number(value);
        }
        parse_number(self.read_word()).map_or(Operand::Null, Operand::Number)
    }

    /// A name, at its `/`.
    #[inline]
    fn read_name(&mut self, operands: &mut Operands<'a>) -> Operand<'a> {
        self.pos += 1;
        let raw = self.read_word();
        if !raw.contains(&b'#') {
            return Operand::Name(Bytes::Stream(raw));
        }
        let mark = operands.mark();
        decode_name(raw, operands.decoded_mut());
        Operand::Name(operands.decoded_since(mark))
    }

    fn read_word(&mut self) -> &'a [u8] {
        let data: &'a [u8] = self.data;
        let start = self.pos.min(data.len());
        let len = data[start..]
            .iter()
            .position(|&b| !is_regular(b))
            .unwrap_or(data.len() - start);
        self.pos = start + len;
        &data[start..self.pos]
    }

    fn read_operand(&mut self, depth: usize, operands: &mut Operands<'a>) -> Option<Operand<'a>> {
        let b = *self.data.get(self.pos)?;
        match b {
            b'/' => Some(self.read_name(operands)),
            b'(' => Some(Operand::String(self.read_literal_string(operands))),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dict(depth, operands);
                Some(Operand::Dict)
            }
            b'<' => {
                let mark = operands.mark();
                self.read_hex_string(operands.decoded_mut());
                Some(Operand::String(operands.decoded_since(mark)))
            }
            b'[' => Some(Operand::Array(self.read_array(depth, operands))),
            c if is_number_start(c) => Some(self.read_number()),
            _ => {
                // A stray delimiter (')', ']', '>', '{', '}'): skip it.
                self.pos += 1;
                None
            }
        }
    }

    /// An array, at its `[`: its items are read onto `pending`, then moved
    /// together onto `items`.
    fn read_array(&mut self, depth: usize, operands: &mut Operands<'a>) -> Span {
        self.pos += 1;
        let first = operands.begin_array();
        loop {
            self.skip_whitespace_and_comments();
            match self.data.get(self.pos) {
                None => break,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) if depth >= MAX_NESTING => {
                    self.pos += 1;
                }
                Some(&c) if is_regular(c) && !is_number_start(c) => {
                    // An operator inside an array means the array was never
                    // closed: stop here and let the operator be read.
                    let save = self.pos;
                    let mark = operands.mark();
                    let item = match self.read_word() {
                        b"true" => Operand::Bool(true),
                        b"false" => Operand::Bool(false),
                        b"null" => Operand::Null,
                        _ => {
                            self.pos = save;
                            break;
                        }
                    };
                    operands.push_item(first, item, mark);
                }
                Some(_) => {
                    let before = self.pos;
                    let mark = operands.mark();
                    match self.read_operand(depth + 1, operands) {
                        Some(item) => operands.push_item(first, item, mark),
                        None => operands.discard_since(mark),
                    }
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
        operands.end_array(first)
    }

    fn read_literal_string(&mut self, operands: &mut Operands<'a>) -> Bytes<'a> {
        self.pos += 1;
        if let Some(plain) = self.plain_literal_string() {
            return Bytes::Stream(plain);
        }
        let mark = operands.mark();
        let out = operands.decoded_mut();
        let mut depth = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let (byte, used) = octal_escape(e, &self.data[self.pos..]);
                            self.pos += used;
                            out.push(byte);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        operands.decoded_since(mark)
    }

    /// A literal string without escapes, read as it stands (its bytes are its
    /// value), with the position past its closing parenthesis; none when it
    /// holds a backslash and must be decoded.
    fn plain_literal_string(&mut self) -> Option<&'a [u8]> {
        let start = self.pos;
        let mut depth = 1usize;
        for (i, &b) in self.data[start..].iter().enumerate() {
            match b {
                b'\\' => return None,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = start + i + 1;
                        return Some(&self.data[start..start + i]);
                    }
                }
                _ => {}
            }
        }
        // Unterminated: the rest of the stream is the string.
        self.pos = self.data.len();
        Some(&self.data[start..])
    }

    /// A hex string, at its `<`, decoded onto `out`.
    fn read_hex_string(&mut self, out: &mut Vec<u8>) {
        self.pos += 1;
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_value(b) else { continue };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
    }

    /// Skips a dictionary, at its `<<`; nothing of it is kept.
    fn skip_dict(&mut self, depth: usize, operands: &mut Operands<'a>) {
        let mark = operands.mark();
        self.skip_dict_contents(depth, operands);
        operands.discard_since(mark);
    }

    fn skip_dict_contents(&mut self, depth: usize, operands: &mut Operands<'a>) {
        self.pos += 2;
        loop {
            self.skip_whitespace_and_comments();
            match self.data.get(self.pos) {
                None => return,
                Some(b'>') => {
                    self.pos += 1;
                    if self.data.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                    }
                    return;
                }
                Some(&c) if is_regular(c) && !is_number_start(c) => {
                    self.read_word();
                }
                Some(_) => {
                    let before = self.pos;
                    if depth < MAX_NESTING {
                        self.read_operand(depth + 1, operands);
                    }
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
    }
}

fn is_number_start(b: u8) -> bool {
    b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.'
}

pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The byte an octal escape `\ddd` stands for, from its first digit and
/// the bytes after it, and how many of those it takes (up to two more
/// digits; a value over 255 wraps, as the specification says to ignore
/// the overflow).
pub(crate) fn octal_escape(first: u8, after: &[u8]) -> (u8, usize) {
    let more = after
        .iter()
        .take(2)
        .take_while(|d| (b'0'..=b'7').contains(d))
        .count();
    let value = after[..more]
        .iter()
        .fold(u16::from(first - b'0'), |v, &d| v * 8 + u16::from(d - b'0'));
    (value as u8, more)
}

/// Names may hold `#xx` escapes: the decoded name is written onto `out`.
fn decode_name(raw: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && i + 2 < raw.len()
            && let (Some(h), Some(l)) = (hex_value(raw[i + 1]), hex_value(raw[i + 2]))
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
}

/// 10⁻ᵏ as dividing by ten k times reaches it, which is how numbers have
/// always been read (not always the nearest double to 10⁻ᵏ: the table keeps
/// every coordinate bit for bit as before, without a division per digit).
const FRACTION_SCALES: [f64; 24] = {
    let mut scales = [1.0f64; 24];
    let mut k = 1;
    while k < scales.len() {
        scales[k] = scales[k - 1] / 10.0;
        k += 1;
    }
    scales
};

/// The integer part's digits a `u64` holds exactly as the `f64` sum
/// [`parse_number`] builds (every partial sum below 2⁵³).
const EXACT_INTEGER_DIGITS: usize = 15;

/// Reads the common number, `[-]digits[.digits]` ending where the word ends,
/// in one pass over its bytes: its value (bit for bit what [`parse_number`]
/// makes of it) and the position past it. Anything else (a second sign or
/// dot, a long integer part, a letter after the digits, no digit at all) is
/// left to the lenient path.
#[inline]
fn plain_number(data: &[u8], start: usize) -> Option<(f32, usize)> {
    let mut i = start;
    let negative = data.get(i) == Some(&b'-');
    if negative {
        i += 1;
    }
    let int_start = i;
    let mut int: u64 = 0;
    while let Some(&c) = data.get(i).filter(|c| c.is_ascii_digit()) {
        int = int * 10 + u64::from(c - b'0');
        i += 1;
    }
    let int_digits = i - int_start;
    if int_digits > EXACT_INTEGER_DIGITS {
        return None;
    }
    let (mut frac, mut frac_digits) = (0.0, 0);
    if data.get(i) == Some(&b'.') {
        (frac, frac_digits, i) = fraction(data, i + 1);
        if frac_digits >= FRACTION_SCALES.len() {
            return None;
        }
    }
    if int_digits + frac_digits == 0 || data.get(i).is_some_and(|&b| is_regular(b)) {
        return None;
    }
    let v = (int as f64 + frac) as f32;
    Some((if negative { -v } else { v }, i))
}

/// The digits from `start` read as a fraction (the sum of each digit times
/// its power of ten, in order), with how many there were and where they end.
fn fraction(bytes: &[u8], start: usize) -> (f64, usize, usize) {
    let (mut sum, mut scale, mut places) = (0.0f64, 1.0f64, 0);
    let mut i = start;
    while let Some(&c) = bytes.get(i).filter(|c| c.is_ascii_digit()) {
        places += 1;
        scale = FRACTION_SCALES.get(places).copied().unwrap_or(scale / 10.0);
        sum += f64::from(c - b'0') * scale;
        i += 1;
    }
    (sum, places, i)
}

/// Parses PDF numbers leniently: "-.5", "+3", "1.2.3" (read as 1.2), "--5" (as -5).
fn parse_number(word: &[u8]) -> Option<f32> {
    let mut i = 0;
    let mut negative = false;
    while let Some(&c) = word.get(i) {
        match c {
            b'-' => negative = !negative,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut int: f64 = 0.0;
    let mut digits = 0;
    while let Some(&c) = word.get(i).filter(|c| c.is_ascii_digit()) {
        int = int * 10.0 + f64::from(c - b'0');
        digits += 1;
        i += 1;
    }
    let seen_dot = word.get(i) == Some(&b'.');
    let mut frac: f64 = 0.0;
    if seen_dot {
        let places;
        (frac, places, _) = fraction(word, i + 1);
        digits += places;
    }
    if digits == 0 && !seen_dot {
        return None;
    }
    let v = (int + frac) as f32;
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operand with its bytes and items resolved, to compare.
    #[derive(Debug, PartialEq)]
    enum Item {
        Number(f32),
        Name(Vec<u8>),
        String(Vec<u8>),
        Array(Vec<Item>),
        Dict,
        Bool(bool),
        Null,
    }

    fn item(operands: &Operands, operand: &Operand) -> Item {
        match *operand {
            Operand::Number(n) => Item::Number(n),
            Operand::Name(b) => Item::Name(operands.bytes(b).to_vec()),
            Operand::String(b) => Item::String(operands.bytes(b).to_vec()),
            Operand::Array(span) => Item::Array(
                operands
                    .array(span)
                    .iter()
                    .map(|o| item(operands, o))
                    .collect(),
            ),
            Operand::Dict => Item::Dict,
            Operand::Bool(b) => Item::Bool(b),
            Operand::Null => Item::Null,
        }
    }

    fn items(operands: &Operands) -> Vec<Item> {
        operands.iter().map(|o| item(operands, o)).collect()
    }

    fn ops(src: &[u8]) -> Vec<(String, Vec<Item>)> {
        let mut lexer = Lexer::new(src);
        let mut operands = Operands::new();
        let mut out = Vec::new();
        while let Some(op) = lexer.next_operation(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), items(&operands)));
        }
        out
    }

    #[test]
    fn reads_operands_and_operators() {
        let got = ops(b"BT /F1 12 Tf (a\\(b\\)) Tj [<0041> -250 (c)] TJ ET");
        assert_eq!(got[1].0, "Tf");
        assert_eq!(
            got[1].1,
            vec![Item::Name(b"F1".to_vec()), Item::Number(12.0)]
        );
        assert_eq!(got[2].1, vec![Item::String(b"a(b)".to_vec())]);
        assert_eq!(
            got[3].1,
            vec![Item::Array(vec![
                Item::String(vec![0, 0x41]),
                Item::Number(-250.0),
                Item::String(b"c".to_vec()),
            ])]
        );
        assert_eq!(got[4].0, "ET");
    }

    #[test]
    fn arrays_inside_arrays_keep_their_items_apart() {
        let got = ops(b"[1 [<41> [2 3] (b)] 4 true] [5] x");
        assert_eq!(
            got[0].1,
            vec![
                Item::Array(vec![
                    Item::Number(1.0),
                    Item::Array(vec![
                        Item::String(b"A".to_vec()),
                        Item::Array(vec![Item::Number(2.0), Item::Number(3.0)]),
                        Item::String(b"b".to_vec()),
                    ]),
                    Item::Number(4.0),
                    Item::Bool(true),
                ]),
                Item::Array(vec![Item::Number(5.0)]),
            ]
        );
    }

    #[test]
    fn plain_strings_and_names_borrow_the_stream() {
        let src = b"/F1 1 Tf (a(b)c) Tj (a\\)b) Tj /A#42 Do (open";
        let mut lexer = Lexer::new(src);
        let mut operands = Operands::new();
        let mut first = Vec::new();
        while lexer.next_operation(&mut operands).is_some() {
            first.push(operands[0]);
        }
        assert!(matches!(first[0], Operand::Name(Bytes::Stream(b"F1"))));
        assert!(matches!(first[1], Operand::String(Bytes::Stream(b"a(b)c"))));
        assert!(matches!(first[2], Operand::String(Bytes::Decoded(_))));
        assert!(matches!(first[3], Operand::Name(Bytes::Decoded(_))));
        assert_eq!(
            ops(b"(a\\)b) Tj /A#42 Do")
                .into_iter()
                .map(|(_, o)| o)
                .collect::<Vec<_>>(),
            vec![
                vec![Item::String(b"a)b".to_vec())],
                vec![Item::Name(b"AB".to_vec())]
            ]
        );
        assert_eq!(lexer_rest(b"(open"), vec![Item::String(b"open".to_vec())]);
    }

    fn lexer_rest(src: &[u8]) -> Vec<Item> {
        let mut lexer = Lexer::new(src);
        let mut operands = Operands::new();
        assert_eq!(lexer.next_operation(&mut operands), None);
        items(&operands)
    }

    #[test]
    fn octal_escapes_and_lenient_numbers() {
        let got = ops(b"(\\101\\12) Tj -.5 +3 1.2.3 --4 Td");
        assert_eq!(got[0].1, vec![Item::String(vec![b'A', b'\n'])]);
        assert_eq!(
            got[1].1,
            vec![
                Item::Number(-0.5),
                Item::Number(3.0),
                Item::Number(1.2),
                Item::Number(4.0)
            ]
        );
    }

    #[test]
    fn skips_marked_content_dicts_and_inline_images() {
        let mut lexer = Lexer::new(b"/P <</MCID 0 /A [1 2]>> BDC BI /W 1 ID \x00EI\xff EI Q");
        let mut operands = Operands::new();
        assert_eq!(lexer.next_operation(&mut operands), Some(&b"BDC"[..]));
        assert_eq!(operands.len(), 2);
        assert_eq!(lexer.next_operation(&mut operands), Some(&b"BI"[..]));
        assert_eq!(lexer.next_operation(&mut operands), Some(&b"ID"[..]));
        lexer.skip_inline_image();
        assert_eq!(lexer.next_operation(&mut operands), Some(&b"Q"[..]));
    }

    #[test]
    fn numbers_read_as_dividing_by_ten_per_digit_reads_them() {
        // The old reading, a division per fractional digit, bit for bit.
        fn by_division(digits: &str) -> f32 {
            let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
            let int = int
                .bytes()
                .fold(0.0f64, |v, c| v * 10.0 + f64::from(c - b'0'));
            let mut scale = 1.0f64;
            let mut sum = 0.0f64;
            for c in frac.bytes() {
                scale /= 10.0;
                sum += f64::from(c - b'0') * scale;
            }
            (int + sum) as f32
        }
        for text in [
            "0.1",
            "72.504",
            "595.2756",
            "0.000001",
            "841.89",
            "123456.789012",
            "0.1234567890123456789012345678",
            "3.3333333333333333333333333333333",
            "999999.99999999999999999999999999999",
        ] {
            assert_eq!(
                parse_number(text.as_bytes()).map(f32::to_bits),
                Some(by_division(text).to_bits()),
                "{text}"
            );
        }
    }

    #[test]
    fn the_one_pass_reading_agrees_with_the_lenient_one() {
        let cases = [
            "0",
            "-0",
            "7",
            "-.5",
            ".5",
            "5.",
            "-",
            ".",
            "+3",
            "--5",
            "1.2.3",
            "12a",
            "595.2756",
            "-841.89",
            "0.000001",
            "123456789012345",
            "1234567890123456",
            "999999999999999.999",
            "0.12345678901234567890123",
            "0.123456789012345678901234",
        ];
        for text in cases {
            let read = plain_number(text.as_bytes(), 0);
            if let Some((value, end)) = read {
                assert_eq!(end, text.len(), "{text}");
                assert_eq!(
                    Some(value.to_bits()),
                    parse_number(text.as_bytes()).map(f32::to_bits),
                    "{text}"
                );
            }
        }
        // What the fast path must leave to the lenient one.
        for text in [
            "+3",
            "--5",
            "1.2.3",
            "12a",
            "-",
            "1234567890123456",
            "0.123456789012345678901234",
        ] {
            assert_eq!(plain_number(text.as_bytes(), 0), None, "{text}");
        }
        // It stops where the word does.
        assert_eq!(plain_number(b"12.5 0 Td", 0), Some((12.5, 4)));
        assert_eq!(plain_number(b"3]", 0), Some((3.0, 1)));
    }

    proptest::proptest! {
        #[test]
        fn plain_numbers_read_as_the_lenient_path_reads_them(
            text in "-?[0-9]{0,17}(\\.[0-9]{0,26})?"
        ) {
            let digits = text.trim_start_matches('-');
            let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
            let plain = int.len() <= EXACT_INTEGER_DIGITS
                && frac.len() < FRACTION_SCALES.len()
                && int.len() + frac.len() > 0;
            let read = plain_number(text.as_bytes(), 0);
            proptest::prop_assert_eq!(read.is_some(), plain);
            if let Some((value, end)) = read {
                proptest::prop_assert_eq!(end, text.len());
                proptest::prop_assert_eq!(
                    Some(value.to_bits()),
                    parse_number(text.as_bytes()).map(f32::to_bits)
                );
            }
        }
    }

    #[test]
    fn what_is_thrown_away_leaves_nothing_in_the_buffers() {
        // Operands past the limit: only the kept ones' bytes stay.
        let mut src = b"<41> ".repeat(5000);
        src.extend_from_slice(b"Tj");
        let mut lexer = Lexer::new(&src);
        let mut operands = Operands::new();
        assert_eq!(lexer.next_operation(&mut operands), Some(&b"Tj"[..]));
        assert_eq!(operands.len(), 4096);
        assert_eq!(operands.buffered(), 4096);
        // Array items past the limit, and their arrays' items.
        let mut src = b"[".to_vec();
        src.extend_from_slice(&b"[<4142> 1] ".repeat(5000));
        src.extend_from_slice(b"] x");
        let mut lexer = Lexer::new(&src);
        assert_eq!(lexer.next_operation(&mut operands), Some(&b"x"[..]));
        let Operand::Array(outer) = operands[0] else {
            panic!("an array");
        };
        assert_eq!(operands.array(outer).len(), 4096);
        assert_eq!(operands.buffered(), 4096 + 4096 * 2 + 4096 * 2);
        // A dictionary's contents.
        let mut lexer = Lexer::new(b"/P << /A <4142> /B [1 (2) [3]] >> BDC");
        assert_eq!(lexer.next_operation(&mut operands), Some(&b"BDC"[..]));
        assert_eq!(operands.len(), 2);
        assert_eq!(operands.buffered(), 0);
    }

    #[test]
    fn garbage_never_hangs() {
        let junk: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        let got = ops(&junk);
        assert!(got.len() < 5000);
        let _ = ops(b"[[[[[[(unterminated");
        let _ = ops(b"<<<<<< /a");
    }
}
