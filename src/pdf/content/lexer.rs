//! A forgiving tokenizer for content streams: bytes in, operands and operators out.
//!
//! Content streams in the wild hold junk (truncated strings, stray bytes,
//! binary inline images); the lexer never fails, it skips what it cannot read.
//! Operands are collected until an operator keyword arrives, as PDF's postfix
//! syntax requires.
//!
//! A page runs to tens of thousands of operations, so an operation's operands
//! cost no allocation: each [`Operand`] is a plain copyable value that borrows
//! the stream's bytes, and what had to be decoded (hex strings, escapes) or
//! grouped (arrays) lives in [`Operands`]' buffers, reused from one operation
//! to the next.

/// One operand of a content-stream operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand<'a> {
    Number(f32),
    Name(Bytes<'a>),
    String(Bytes<'a>),
    /// Its items are [`Operands::array`]'s.
    Array(Span),
    /// Dictionaries (marked-content properties, inline image headers) are not
    /// needed by the interpreter; their contents are skipped.
    Dict,
    Bool(bool),
    Null,
}

/// The bytes of a name or string: the stream's own when they needed no
/// decoding (most do not), else a span of [`Operands`]' decoded bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bytes<'a> {
    Stream(&'a [u8]),
    Decoded(Span),
}

/// A run of one of [`Operands`]' buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn of(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            len: (end - start) as u32,
        }
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

impl Operand<'_> {
    pub fn as_f32(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// The operands of one operation, and the buffers their decoded bytes and
/// array items live in. Cleared by each [`Lexer::next_operation`].
#[derive(Debug, Default)]
pub struct Operands<'a> {
    list: Vec<Operand<'a>>,
    /// Items of the operation's arrays, each array's contiguous.
    items: Vec<Operand<'a>>,
    /// Items of the arrays being read (an array inside an array keeps its
    /// outer one's items here until both are complete).
    pending: Vec<Operand<'a>>,
    /// Bytes of the names and strings that had to be decoded.
    decoded: Vec<u8>,
}

impl<'a> Operands<'a> {
    pub fn new() -> Self {
        Operands::default()
    }

    fn clear(&mut self) {
        self.list.clear();
        self.items.clear();
        self.pending.clear();
        self.decoded.clear();
    }

    /// The bytes of a name or string of this operation.
    pub fn bytes<'s>(&'s self, bytes: Bytes<'a>) -> &'s [u8]
    where
        'a: 's,
    {
        match bytes {
            Bytes::Stream(b) => b,
            Bytes::Decoded(span) => self.decoded.get(span.range()).unwrap_or_default(),
        }
    }

    /// The items of an array of this operation.
    pub fn array(&self, span: Span) -> &[Operand<'a>] {
        self.items.get(span.range()).unwrap_or_default()
    }

    /// The operand's bytes when it is a string.
    pub fn string(&self, operand: Option<&Operand<'a>>) -> Option<&[u8]> {
        match operand {
            Some(Operand::String(b)) => Some(self.bytes(*b)),
            _ => None,
        }
    }

    /// The operand's bytes when it is a name.
    pub fn name(&self, operand: Option<&Operand<'a>>) -> Option<&[u8]> {
        match operand {
            Some(Operand::Name(b)) => Some(self.bytes(*b)),
            _ => None,
        }
    }

    /// Keeps an operand unless the operator already has [`MAX_OPERANDS`].
    #[inline]
    fn push(&mut self, operand: Operand<'a>) {
        if self.list.len() < MAX_OPERANDS {
            self.list.push(operand);
        }
    }

    /// Bytes decoded from here on form a name's or string's value.
    fn decoding(&self) -> usize {
        self.decoded.len()
    }

    fn decoded_since(&self, start: usize) -> Bytes<'a> {
        Bytes::Decoded(Span::of(start, self.decoded.len()))
    }
}

impl<'a> std::ops::Deref for Operands<'a> {
    type Target = [Operand<'a>];

    fn deref(&self) -> &[Operand<'a>] {
        &self.list
    }
}

/// Bounds that keep hostile streams cheap.
const MAX_NESTING: usize = 32;
const MAX_OPERANDS: usize = 4096;

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

fn is_regular(b: u8) -> bool {
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
            } else if b == b'/' {
                let name = self.read_name(operands);
                operands.push(name);
            } else if is_regular(b) {
                let word = self.read_word();
                match word {
                    b"true" => operands.push(Operand::Bool(true)),
                    b"false" => operands.push(Operand::Bool(false)),
                    b"null" => operands.push(Operand::Null),
                    _ => return Some(word),
                }
            } else if let Some(operand) = self.read_operand(0, operands) {
                operands.push(operand);
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
        let start = operands.decoding();
        decode_name(raw, &mut operands.decoded);
        Operand::Name(operands.decoded_since(start))
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
                let start = operands.decoding();
                self.read_hex_string(&mut operands.decoded);
                Some(Operand::String(operands.decoded_since(start)))
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
        let first = operands.pending.len();
        let room = |operands: &Operands| operands.pending.len() - first < MAX_OPERANDS;
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
                    let item = match self.read_word() {
                        b"true" => Operand::Bool(true),
                        b"false" => Operand::Bool(false),
                        b"null" => Operand::Null,
                        _ => {
                            self.pos = save;
                            break;
                        }
                    };
                    if room(operands) {
                        operands.pending.push(item);
                    }
                }
                Some(_) => {
                    let before = self.pos;
                    if let Some(item) = self.read_operand(depth + 1, operands)
                        && room(operands)
                    {
                        operands.pending.push(item);
                    }
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
        let start = operands.items.len();
        operands.items.extend(operands.pending.drain(first..));
        Span::of(start, operands.items.len())
    }

    fn read_literal_string(&mut self, operands: &mut Operands<'a>) -> Bytes<'a> {
        self.pos += 1;
        if let Some(plain) = self.plain_literal_string() {
            return Bytes::Stream(plain);
        }
        let start = operands.decoding();
        let out = &mut operands.decoded;
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
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((value & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        operands.decoded_since(start)
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

    fn skip_dict(&mut self, depth: usize, operands: &mut Operands<'a>) {
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

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
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
        i += 1;
        let mut scale = 1.0;
        let mut places = 0;
        while let Some(&c) = word.get(i).filter(|c| c.is_ascii_digit()) {
            places += 1;
            scale = FRACTION_SCALES.get(places).copied().unwrap_or(scale / 10.0);
            frac += f64::from(c - b'0') * scale;
            digits += 1;
            i += 1;
        }
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
    fn garbage_never_hangs() {
        let junk: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        let got = ops(&junk);
        assert!(got.len() < 5000);
        let _ = ops(b"[[[[[[(unterminated");
        let _ = ops(b"<<<<<< /a");
    }
}
