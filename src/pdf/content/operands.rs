//! The operands of one content-stream operation, as the [`super::lexer`]
//! reads them and the interpreter (and the CMap parser) takes them.
//!
//! A page runs to tens of thousands of operations, so an operation's operands
//! cost no allocation: each [`Operand`] is a plain copyable value that borrows
//! the stream's bytes, and what had to be decoded (hex strings, escapes) or
//! grouped (arrays) lives in [`Operands`]' buffers, kept from one operation to
//! the next. What the lexer reads and then throws away (an operand past the
//! limit, a dictionary's contents) is taken out of the buffers at once, so
//! the buffers hold no more than the operands kept.

/// Most operands an operation keeps, and most items an array keeps: bounds
/// that keep hostile streams cheap.
pub const MAX_OPERANDS: usize = 4096;

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

impl Operand<'_> {
    pub fn as_f32(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
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
    start: usize,
    end: usize,
}

/// Where the buffers stood before an operand was read: what lies past it
/// is that operand's, to take out when it is thrown away.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    items: usize,
    decoded: usize,
}

/// The operands of one operation, and the buffers their decoded bytes and
/// array items live in. Cleared by each [`super::lexer::Lexer::next_operation`].
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

    /// The bytes of a name or string of this operation.
    pub fn bytes<'s>(&'s self, bytes: Bytes<'s>) -> &'s [u8] {
        match bytes {
            Bytes::Stream(b) => b,
            Bytes::Decoded(span) => self.decoded.get(span.start..span.end).unwrap_or_default(),
        }
    }

    /// The items of an array of this operation.
    pub fn array(&self, span: Span) -> &[Operand<'a>] {
        self.items.get(span.start..span.end).unwrap_or_default()
    }

    /// The bytes of the `i`th operand when it is a string.
    pub fn string_at(&self, i: usize) -> Option<&[u8]> {
        match self.list.get(i) {
            Some(Operand::String(b)) => Some(self.bytes(*b)),
            _ => None,
        }
    }

    /// The bytes of the `i`th operand when it is a name.
    pub fn name_at(&self, i: usize) -> Option<&[u8]> {
        match self.list.get(i) {
            Some(Operand::Name(b)) => Some(self.bytes(*b)),
            _ => None,
        }
    }

    pub(super) fn clear(&mut self) {
        self.list.clear();
        self.items.clear();
        self.pending.clear();
        self.decoded.clear();
    }

    /// Bytes and items held in the buffers.
    #[cfg(test)]
    pub(super) fn buffered(&self) -> usize {
        self.items.len() + self.pending.len() + self.decoded.len()
    }

    pub(super) fn mark(&self) -> Mark {
        Mark {
            items: self.items.len(),
            decoded: self.decoded.len(),
        }
    }

    /// Takes out what was read since `mark` (an operand thrown away).
    pub(super) fn discard_since(&mut self, mark: Mark) {
        self.items.truncate(mark.items);
        self.decoded.truncate(mark.decoded);
    }

    /// Keeps an operand that holds nothing in the buffers (a number, a
    /// boolean, null), unless the operation already has [`MAX_OPERANDS`].
    pub(super) fn push(&mut self, operand: Operand<'a>) {
        if self.list.len() < MAX_OPERANDS {
            self.list.push(operand);
        }
    }

    /// Keeps an operand read since `mark`, unless the operation already has
    /// [`MAX_OPERANDS`]: then what it put in the buffers is taken out.
    pub(super) fn push_read_since(&mut self, operand: Operand<'a>, mark: Mark) {
        if self.list.len() < MAX_OPERANDS {
            self.list.push(operand);
        } else {
            self.discard_since(mark);
        }
    }

    /// The buffer a name's or string's decoded bytes are written onto.
    pub(super) fn decoded_mut(&mut self) -> &mut Vec<u8> {
        &mut self.decoded
    }

    /// The bytes decoded since `mark`, as a value.
    pub(super) fn decoded_since(&self, mark: Mark) -> Bytes<'a> {
        Bytes::Decoded(Span {
            start: mark.decoded,
            end: self.decoded.len(),
        })
    }

    /// An array begins: its items gather from here on.
    pub(super) fn begin_array(&self) -> usize {
        self.pending.len()
    }

    /// Keeps an item of the array begun at `first`, read since `mark`,
    /// unless the array already has [`MAX_OPERANDS`].
    pub(super) fn push_item(&mut self, first: usize, item: Operand<'a>, mark: Mark) {
        if self.pending.len() - first < MAX_OPERANDS {
            self.pending.push(item);
        } else {
            self.discard_since(mark);
        }
    }

    /// The array begun at `first` is complete: its items move together to
    /// where [`Operands::array`] finds them.
    pub(super) fn end_array(&mut self, first: usize) -> Span {
        let start = self.items.len();
        self.items.extend(self.pending.drain(first..));
        Span {
            start,
            end: self.items.len(),
        }
    }
}

impl<'a> std::ops::Deref for Operands<'a> {
    type Target = [Operand<'a>];

    fn deref(&self) -> &[Operand<'a>] {
        &self.list
    }
}
