//! Parquet files of the warehouse tables: rows (as the JSON objects NDJSON
//! gets) in, `NAME.parquet` out, with a typed schema so a query engine needs
//! no column list — text as UTF-8, counts as INT64, flags as BOOLEAN and
//! amounts as DECIMAL(38, scale), exact (never a float). Rows are buffered and
//! written in row groups of [`ROW_GROUP`] rows, so memory stays flat.

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, FixedLenByteArrayType, Int64Type};
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
/// buffered group of line items stays a few tens of megabytes.
pub const ROW_GROUP: usize = 65_536;

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
    rows: Vec<Value>,
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
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let file = File::create(dir.join(format!("{name}.parquet")))?;
        let writer =
            SerializedFileWriter::new(file, Arc::new(parsed), Arc::new(props)).map_err(other)?;
        Ok(ParquetSink {
            writer,
            schema,
            rows: Vec::new(),
        })
    }

    /// Adds one row (a JSON object with the schema's keys).
    pub fn write(&mut self, row: Value) -> io::Result<()> {
        self.rows.push(row);
        if self.rows.len() >= ROW_GROUP {
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
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let mut group = self.writer.next_row_group().map_err(other)?;
        let mut index = 0;
        while let Some(mut column) = group.next_column().map_err(other)? {
            let (name, kind) = self.schema[index];
            let cells: Vec<&Value> = rows.iter().map(|r| &r[name]).collect();
            let levels: Vec<i16> = cells.iter().map(|v| i16::from(!v.is_null())).collect();
            let present = cells.iter().filter(|v| !v.is_null());
            let written = match kind {
                ColumnKind::Text => {
                    let values: Vec<ByteArray> =
                        present.map(|v| text(v).into_bytes().into()).collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, Some(&levels), None)
                }
                ColumnKind::Integer => {
                    let values: Vec<i64> = present.map(|v| v.as_i64().unwrap_or(0)).collect();
                    column
                        .typed::<Int64Type>()
                        .write_batch(&values, Some(&levels), None)
                }
                ColumnKind::Boolean => {
                    let values: Vec<bool> = present.map(|v| v.as_bool().unwrap_or(false)).collect();
                    column
                        .typed::<BoolType>()
                        .write_batch(&values, Some(&levels), None)
                }
                ColumnKind::Decimal(scale) => {
                    let values = present
                        .map(|v| decimal_bytes(name, v, scale).map(|b| b.to_vec().into()))
                        .collect::<io::Result<Vec<_>>>()?;
                    column.typed::<FixedLenByteArrayType>().write_batch(
                        &values,
                        Some(&levels),
                        None,
                    )
                }
            };
            written.map_err(other)?;
            column.close().map_err(other)?;
            index += 1;
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
        sink.write(json!({"name": "a", "n": 1, "flag": true, "amount": "1.25"}))
            .unwrap();
        sink.write(json!({"name": null, "n": null, "flag": null, "amount": null}))
            .unwrap();
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
