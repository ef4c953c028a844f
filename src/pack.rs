//! Packed bytes for what a long book keeps until its tables are found (its
//! pages' lines, grid cells and kept glyphs): numbers as LEB128 varints,
//! floats by their bits, texts by length and bytes. A cell packs into about
//! 30 bytes where it takes 80 in memory, and unpacks to exactly what was
//! packed.
//!
//! In: values, one at a time, through a [`Packer`]. Out: the bytes, read
//! back in the same order through an [`Unpacker`]. A type that packs
//! implements [`Pack`]; a list of them is kept as [`Packed`], or as
//! [`Packable`] until it is known whether to pack it. The bytes are the
//! program's own, never a file's: reading past their end is a bug in the
//! code that packed them.

/// Writes values into bytes.
#[derive(Debug, Default)]
pub struct Packer {
    bytes: Vec<u8>,
}

impl Packer {
    pub fn usize(&mut self, mut value: usize) {
        while value >= 0x80 {
            self.bytes.push(value as u8 | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub fn f32(&mut self, value: f32) {
        self.bytes.extend_from_slice(&value.to_bits().to_le_bytes());
    }

    pub fn str(&mut self, text: &str) {
        self.usize(text.len());
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub fn option_u8(&mut self, value: Option<u8>) {
        self.usize(value.map_or(0, |v| usize::from(v) + 1));
    }

    /// The bytes, in no more room than they need.
    pub fn finish(self) -> Box<[u8]> {
        self.bytes.into_boxed_slice()
    }
}

/// A value that packs into bytes and reads back exactly.
pub trait Pack: Sized {
    fn pack(&self, packer: &mut Packer);
    fn unpack(unpacker: &mut Unpacker<'_>) -> Self;
}

/// A list of values packed into bytes: its length, then each value.
#[derive(Debug, Clone)]
pub struct Packed<T> {
    bytes: Box<[u8]>,
    of: std::marker::PhantomData<T>,
}

impl<T: Pack> Packed<T> {
    pub fn new(items: &[T]) -> Self {
        let mut packer = Packer::default();
        packer.usize(items.len());
        items.iter().for_each(|item| item.pack(&mut packer));
        Packed {
            bytes: packer.finish(),
            of: std::marker::PhantomData,
        }
    }

    pub fn unpack(&self) -> Vec<T> {
        let mut unpacker = Unpacker::new(&self.bytes);
        let count = unpacker.usize();
        let items = (0..count).map(|_| T::unpack(&mut unpacker)).collect();
        debug_assert!(
            unpacker.is_done(),
            "bytes left over: not written by Packed::new"
        );
        items
    }
}

/// A list kept as it is until a long book packs it (see [`Packed`]).
#[derive(Debug, Clone)]
pub enum Packable<T> {
    Open(Vec<T>),
    Packed(Packed<T>),
}

impl<T: Pack> Packable<T> {
    /// Packs the list, unless it is packed already.
    pub fn pack(&mut self) {
        if let Packable::Open(items) = self {
            let packed = Packed::new(items);
            *self = Packable::Packed(packed);
        }
    }

    /// The list, unpacked if it was packed.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Packable::Open(items) => items,
            Packable::Packed(packed) => packed.unpack(),
        }
    }
}

/// Reads values back from a [`Packer`]'s bytes, in the order written.
#[derive(Debug)]
pub struct Unpacker<'a> {
    bytes: &'a [u8],
}

const PACKED_BY_US: &str = "packed bytes end early: they were not written by the matching packer";

impl<'a> Unpacker<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Unpacker { bytes }
    }

    pub fn usize(&mut self) -> usize {
        let mut value = 0usize;
        let mut shift = 0;
        loop {
            let (&byte, rest) = self.bytes.split_first().expect(PACKED_BY_US);
            self.bytes = rest;
            value |= usize::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }

    pub fn f32(&mut self) -> f32 {
        let (bits, rest) = self.bytes.split_first_chunk::<4>().expect(PACKED_BY_US);
        self.bytes = rest;
        f32::from_bits(u32::from_le_bytes(*bits))
    }

    pub fn str(&mut self) -> &'a str {
        let len = self.usize();
        let (text, rest) = self.bytes.split_at_checked(len).expect(PACKED_BY_US);
        self.bytes = rest;
        std::str::from_utf8(text).expect(PACKED_BY_US)
    }

    pub fn option_u8(&mut self) -> Option<u8> {
        match self.usize() {
            0 => None,
            v => Some(u8::try_from(v - 1).expect(PACKED_BY_US)),
        }
    }

    /// Whether every byte has been read.
    pub fn is_done(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever is packed reads back the same, floats bit for bit, and
        /// nothing is left over.
        #[test]
        fn values_read_back_as_packed(
            values in proptest::collection::vec(
                (any::<usize>(), any::<u32>(), ".{0,40}", any::<Option<u8>>()),
                0..20,
            )
        ) {
            let mut packer = Packer::default();
            for (n, bits, text, byte) in &values {
                packer.usize(*n);
                packer.f32(f32::from_bits(*bits));
                packer.str(text);
                packer.option_u8(*byte);
            }
            let bytes = packer.finish();
            let mut unpacker = Unpacker::new(&bytes);
            for (n, bits, text, byte) in &values {
                prop_assert_eq!(unpacker.usize(), *n);
                prop_assert_eq!(unpacker.f32().to_bits(), *bits);
                prop_assert_eq!(unpacker.str(), text.as_str());
                prop_assert_eq!(unpacker.option_u8(), *byte);
            }
            prop_assert!(unpacker.is_done());
        }
    }

    #[test]
    fn small_numbers_take_a_byte() {
        let mut packer = Packer::default();
        packer.usize(127);
        packer.usize(128);
        packer.option_u8(None);
        assert_eq!(&packer.finish()[..], [127, 0x80, 1, 0]);
    }
}
