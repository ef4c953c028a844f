//! A row struct in, its field values out, in the order it serialises them
//! (flattened fields included) — what CSV and Parquet need, without building
//! a JSON object keyed by name per row (the warehouse writes ~100,000 rows per
//! 40 documents; a map per row made allocation its main cost).

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap, SerializeStruct};
use serde_json::Value;
use std::fmt;

/// Why a value could not be taken apart into cells.
#[derive(Debug)]
pub struct CellError(String);

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CellError {}

impl ser::Error for CellError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CellError(msg.to_string())
    }
}

/// The values of a struct's fields, in serialisation order.
pub fn cells<T: Serialize>(row: &T) -> Result<Vec<Value>, CellError> {
    let mut out = Vec::new();
    row.serialize(Cells { out: &mut out })?;
    Ok(out)
}

struct Cells<'a> {
    out: &'a mut Vec<Value>,
}

fn not_a_row<T>() -> Result<T, CellError> {
    Err(CellError("a warehouse row must be a struct".into()))
}

impl<'a> SerializeStruct for Cells<'a> {
    type Ok = ();
    type Error = CellError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _key: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        let v = serde_json::to_value(value).map_err(|e| CellError(e.to_string()))?;
        self.out.push(v);
        Ok(())
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

/// `#[serde(flatten)]` makes a struct serialise as a map: keys are skipped,
/// values kept in order.
impl<'a> SerializeMap for Cells<'a> {
    type Ok = ();
    type Error = CellError;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, _key: &T) -> Result<(), CellError> {
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), CellError> {
        let v = serde_json::to_value(value).map_err(|e| CellError(e.to_string()))?;
        self.out.push(v);
        Ok(())
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

impl<'a> ser::Serializer for Cells<'a> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), CellError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CellError> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, CellError> {
        Ok(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_i8(self, _: i8) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_i16(self, _: i16) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_i32(self, _: i32) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_i64(self, _: i64) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_u8(self, _: u8) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_u16(self, _: u16) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_u32(self, _: u32) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_u64(self, _: u64) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_f32(self, _: f32) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_f64(self, _: f64) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_char(self, _: char) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_str(self, _: &str) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_none(self) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_unit(self) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        not_a_row()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, CellError> {
        not_a_row()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CellError> {
        not_a_row()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, CellError> {
        not_a_row()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, CellError> {
        not_a_row()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, CellError> {
        not_a_row()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Inner {
        b: Option<String>,
        c: u32,
    }

    #[derive(Serialize)]
    struct Row<'a> {
        a: &'a str,
        #[serde(flatten)]
        inner: &'a Inner,
        d: bool,
    }

    #[test]
    fn fields_come_out_in_order_with_flattened_ones_in_place() {
        let inner = Inner { b: None, c: 7 };
        let row = Row {
            a: "x",
            inner: &inner,
            d: true,
        };
        assert_eq!(
            cells(&row).unwrap(),
            vec![json!("x"), Value::Null, json!(7), json!(true)]
        );
        assert!(cells(&3).is_err());
    }
}
