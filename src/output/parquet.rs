//! Parquet files of the warehouse tables: rows (as the JSON objects NDJSON
//! gets) in, `NAME.parquet` out, with a typed schema so a query engine needs
//! no column list — text as UTF-8, counts as INT64, flags as BOOLEAN and
//! amounts as DECIMAL(38, scale), exact (never a float). Rows are buffered and
//! written in row groups of [`ROW_GROUP`] rows, so memory stays flat.

use parquet::basic::Compression;
use parquet::data_type::{
    BoolType, ByteArray, ByteArrayType, FixedLenByteArray, FixedLenByteArrayType, Int64Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use rust_decimal::Decimal;
use serde_json::Value;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

/// Rows per row group: large enough for fast scans, small enough that a
/// buffered group of line items stays about ten megabytes.
pub const ROW_GROUP: usize = 32_768;

/// Digits after the decimal point of amount columns. Printed amounts have
/// at most 4 (万元 to the yuan); a figure with more is refused, never rounded.
pub const AMOUNT_SCALE: u32 = 6;

/// Digits after the decimal point of check differences and tolerances
/// (half a unit of a percentage printed to 0.01% divided among terms).
pub const CHECK_SCALE: u32 = 12;

/// The type of one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Integer,
    Boolean,
    /// An exact figure with this many decimals, a decimal string in the JSON rows.
    Decimal(u32),
}

/// A table's columns, in the order the rows serialise them.
pub type Schema = &'static [(&'static str, ColumnKind)];

/// One Parquet file being written.
pub struct ParquetSink {
    writer: SerializedFileWriter<File>,
    schema: Schema,
    /// The current row group, column by column, already typed (compact:
    /// no JSON values are kept).
    columns: Vec<Buffer>,
    rows: usize,
}

/// One column's values of the row group being filled, and which are null.
struct Buffer {
    values: Values,
    defined: Vec<i16>,
    /// The last text pushed: document and table columns repeat on every
    /// line item, and a repeat shares its bytes instead of copying them.
    last_text: Option<ByteArray>,
}

enum Values {
    Text(Vec<ByteArray>),
    Integer(Vec<i64>),
    Boolean(Vec<bool>),
    Decimal(Vec<FixedLenByteArray>),
}

impl Buffer {
    fn new(kind: ColumnKind) -> Buffer {
        let values = match kind {
            ColumnKind::Text => Values::Text(Vec::new()),
            ColumnKind::Integer => Values::Integer(Vec::new()),
            ColumnKind::Boolean => Values::Boolean(Vec::new()),
            ColumnKind::Decimal(_) => Values::Decimal(Vec::new()),
        };
        Buffer {
            values,
            defined: Vec::new(),
            last_text: None,
        }
    }

    /// Appends one cell; a value of the wrong type is an error, never a guess.
    fn push(&mut self, column: &str, kind: ColumnKind, cell: Value) -> io::Result<()> {
        self.defined.push(i16::from(!cell.is_null()));
        let wrong = || other(format!("column {column}: {cell} is not of its type"));
        match (&mut self.values, &cell) {
            (_, Value::Null) => {}
            (Values::Text(v), Value::String(s)) => {
                let text = match &self.last_text {
                    Some(last) if last.data() == s.as_bytes() => last.clone(),
                    _ => ByteArray::from(s.as_bytes().to_vec()),
                };
                self.last_text = Some(text.clone());
                v.push(text);
            }
            (Values::Text(v), c) => v.push(c.to_string().as_bytes().into()),
            (Values::Integer(v), c) => v.push(c.as_i64().ok_or_else(wrong)?),
            (Values::Boolean(v), c) => v.push(c.as_bool().ok_or_else(wrong)?),
            (Values::Decimal(v), c) => {
                let ColumnKind::Decimal(scale) = kind else {
                    return Err(wrong());
                };
                v.push(decimal_bytes(column, c, scale)?.to_vec().into())
            }
        }
        Ok(())
    }
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

fn message_type(name: &str, schema: Schema) -> String {
    let fields: String = schema
        .iter()
        .map(|(column, kind)| match kind {
            ColumnKind::Text => format!("OPTIONAL BYTE_ARRAY {column} (UTF8);\n"),
            ColumnKind::Integer => format!("OPTIONAL INT64 {column};\n"),
            ColumnKind::Boolean => format!("OPTIONAL BOOLEAN {column};\n"),
            ColumnKind::Decimal(scale) => {
                format!("OPTIONAL FIXED_LEN_BYTE_ARRAY (16) {column} (DECIMAL(38, {scale}));\n")
            }
        })
        .collect();
    format!("message {name} {{\n{fields}}}")
}

impl ParquetSink {
    pub fn create(dir: &Path, name: &str, schema: Schema) -> io::Result<ParquetSink> {
        let parsed = parse_message_type(&message_type(name, schema)).map_err(other)?;
        // Min/max per row group (what engines prune on), not per page: page
        // statistics cost time and buy nothing at these sizes.
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_statistics_enabled(parquet::file::properties::EnabledStatistics::Chunk)
            .build();
        let file = File::create(dir.join(format!("{name}.parquet")))?;
        let writer =
            SerializedFileWriter::new(file, Arc::new(parsed), Arc::new(props)).map_err(other)?;
        Ok(ParquetSink {
            writer,
            schema,
            columns: schema.iter().map(|(_, kind)| Buffer::new(*kind)).collect(),
            rows: 0,
        })
    }

    /// Adds one row: its cells in the schema's order.
    pub fn write(&mut self, cells: Vec<Value>) -> io::Result<()> {
        if cells.len() != self.schema.len() {
            return Err(other(format!(
                "a row of {} cells for {} columns",
                cells.len(),
                self.schema.len()
            )));
        }
        for ((buffer, (column, kind)), cell) in self.columns.iter_mut().zip(self.schema).zip(cells)
        {
            buffer.push(column, *kind, cell)?;
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.flush_group()?;
        self.writer.close().map_err(other)?;
        Ok(())
    }

    fn flush_group(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        self.rows = 0;
        let columns: Vec<Buffer> = self
            .schema
            .iter()
            .map(|(_, kind)| Buffer::new(*kind))
            .collect();
        let columns = std::mem::replace(&mut self.columns, columns);
        let mut group = self.writer.next_row_group().map_err(other)?;
        let mut buffers = columns.into_iter();
        while let Some(mut column) = group.next_column().map_err(other)? {
            let Some(buffer) = buffers.next() else {
                return Err(other("more Parquet columns than buffered"));
            };
            let levels = Some(buffer.defined.as_slice());
            let written = match &buffer.values {
                Values::Text(v) => column.typed::<ByteArrayType>().write_batch(v, levels, None),
                Values::Integer(v) => column.typed::<Int64Type>().write_batch(v, levels, None),
                Values::Boolean(v) => column.typed::<BoolType>().write_batch(v, levels, None),
                Values::Decimal(v) => column
                    .typed::<FixedLenByteArrayType>()
                    .write_batch(v, levels, None),
            };
            written.map_err(other)?;
            column.close().map_err(other)?;
        }
        group.close().map_err(other)?;
        Ok(())
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The 16-byte big-endian unscaled value of a decimal string at `scale`;
/// a figure with more decimals is an error, not rounded.
pub fn decimal_bytes(column: &str, v: &Value, scale: u32) -> io::Result<[u8; 16]> {
    let printed = text(v);
    let d: Decimal = printed.parse().map_err(|e| {
        other(format!(
            "column {column}: {printed:?} is not a decimal ({e})"
        ))
    })?;
    let d = d.normalize();
    if d.scale() > scale {
        return Err(other(format!(
            "column {column}: {printed} has more than {scale} decimals"
        )));
    }
    let unscaled = d.mantissa() * 10i128.pow(scale - d.scale());
    Ok(unscaled.to_be_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decimals_are_scaled_exactly_and_never_rounded() {
        let b = decimal_bytes("v", &json!("28849.38"), 6).unwrap();
        assert_eq!(i128::from_be_bytes(b), 28_849_380_000);
        let b = decimal_bytes("v", &json!("-0.5"), 6).unwrap();
        assert_eq!(i128::from_be_bytes(b), -500_000);
        assert!(decimal_bytes("v", &json!("0.1234567"), 6).is_err());
        assert!(decimal_bytes("v", &json!("abc"), 6).is_err());
    }

    #[test]
    fn a_file_is_written_with_its_schema_and_rows() {
        const SCHEMA: Schema = &[
            ("name", ColumnKind::Text),
            ("n", ColumnKind::Integer),
            ("flag", ColumnKind::Boolean),
            ("amount", ColumnKind::Decimal(AMOUNT_SCALE)),
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut sink = ParquetSink::create(dir.path(), "t", SCHEMA).unwrap();
        sink.write(vec![json!("a"), json!(1), json!(true), json!("1.25")])
            .unwrap();
        sink.write(vec![Value::Null; 4]).unwrap();
        assert!(sink.write(vec![Value::Null; 3]).is_err());
        sink.finish().unwrap();
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let reader =
            SerializedFileReader::new(File::open(dir.path().join("t.parquet")).unwrap()).unwrap();
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows(), 2);
        let columns: Vec<String> = meta
            .file_metadata()
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(columns, ["name", "n", "flag", "amount"]);
    }
}
