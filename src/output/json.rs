//! Pretty JSON, byte for byte as `serde_json::to_writer_pretty` writes it
//! (two spaces a level, `": "` after keys), faster: each line break and its
//! indentation is one write, where serde_json's formatter writes the
//! indentation a level at a time. A document's JSON is a million short
//! lines, and the indentation was a third of the cost of writing it.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Writes `value` as pretty JSON.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, Pretty::default());
    value.serialize(&mut serializer)
}

/// [`to_writer_pretty`] into a string.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    to_writer_pretty(&mut out, value)?;
    // serde_json writes valid UTF-8 only.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// A comma, a line break and the indentation of the deepest level written in
/// one piece; deeper levels write the rest a level at a time.
const BREAK: &[u8] = b",\n                                                                ";
const INDENT: &[u8] = b"  ";

#[derive(Debug, Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the current indentation.
    fn break_line<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        let width = self.depth * INDENT.len();
        let whole = 2 + width;
        if whole <= BREAK.len() {
            return writer.write_all(&BREAK[from..whole]);
        }
        writer.write_all(&BREAK[from..])?;
        for _ in 0..(whole - BREAK.len()) / INDENT.len() {
            writer.write_all(INDENT)?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.break_line(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.break_line(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.break_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// A value nested `depth` levels, alternating objects and arrays, with
    /// empty ones, escapes and numbers along the way.
    fn nested(depth: usize) -> Value {
        let mut v = json!({"leaf": "a\"b\\c\n合计", "n": -1.5, "empty": [], "none": {}});
        for level in 0..depth {
            v = if level % 2 == 0 {
                json!([level, v, null, true, "x"])
            } else {
                json!({"k": v, "z": [], "s": "値"})
            };
        }
        v
    }

    #[test]
    fn writes_what_serde_json_pretty_writes_at_every_depth() {
        // Beyond the piece written at once (32 levels) too.
        for depth in [0, 1, 2, 5, 31, 32, 33, 40, 70] {
            let value = nested(depth);
            let ours = to_string_pretty(&value).unwrap();
            let theirs = serde_json::to_string_pretty(&value).unwrap();
            assert_eq!(ours, theirs, "at depth {depth}");
        }
        for value in [
            json!([]),
            json!({}),
            json!("s"),
            json!(1),
            json!([[]]),
            json!([{}]),
        ] {
            assert_eq!(
                to_string_pretty(&value).unwrap(),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }
}
