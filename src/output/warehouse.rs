//! Warehouse tables: document JSONs in, tidy rows out — `documents`,
//! `tables`, `line_items` (one row per amount), `facts` and `checks` — each
//! written as NAME.ndjson, NAME.csv and NAME.parquet with the same columns.
//! Every row starts with the same document columns (and, below documents,
//! the same table columns), so any two tables join on `document_id` and
//! `table_id`. Documents are read one at a time (a batch passes exactly its
//! own outputs), so memory stays flat however many there are; rows come out
//! in the order of the documents' output paths. Amounts are exact: decimal
//! strings in NDJSON and CSV (load them as DECIMAL, not FLOAT), DECIMAL(38, 6)
//! in Parquet.

use super::parquet::{AMOUNT_SCALE, CHECK_SCALE, ColumnKind, ParquetSink, Schema};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Columns every table shares: which document a row belongs to. A document
/// is its content and its file name together (`document_id`); the same
/// content under two names is two documents, the same file twice is one.
#[derive(Serialize, Clone)]
pub struct DocumentKey {
    /// `SHA256[..12]/FILE`: short, readable, unique per document.
    pub document_id: String,
    pub document_sha256: String,
    pub file: String,
    pub entity: Option<String>,
    pub fiscal_year: Option<u16>,
    /// 预算 / 决算 (`budget`, `final_accounts`, …).
    pub document_kind: String,
    /// 部门 / 单位 (`department`, `unit`).
    pub document_scope: String,
}

const DOCUMENT_KEY: [(&str, ColumnKind); 7] = [
    ("document_id", ColumnKind::Text),
    ("document_sha256", ColumnKind::Text),
    ("file", ColumnKind::Text),
    ("entity", ColumnKind::Text),
    ("fiscal_year", ColumnKind::Integer),
    ("document_kind", ColumnKind::Text),
    ("document_scope", ColumnKind::Text),
];

/// Columns naming the table a row was read from.
#[derive(Serialize, Clone, Default)]
pub struct TableKey {
    pub table_id: Option<String>,
    pub table_kind: Option<String>,
    /// The printed label (公开01表, 预算05表).
    pub table_number: Option<String>,
    pub table_title: Option<String>,
}

const TABLE_KEY: [(&str, ColumnKind); 4] = [
    ("table_id", ColumnKind::Text),
    ("table_kind", ColumnKind::Text),
    ("table_number", ColumnKind::Text),
    ("table_title", ColumnKind::Text),
];

/// Concatenates column lists at compile time (key columns first).
const fn join<const A: usize, const B: usize, const N: usize>(
    a: [(&'static str, ColumnKind); A],
    b: [(&'static str, ColumnKind); B],
) -> [(&'static str, ColumnKind); N] {
    let mut out = [("", ColumnKind::Text); N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

#[derive(Serialize)]
pub struct DocumentRow<'a> {
    #[serde(flatten)]
    pub key: &'a DocumentKey,
    pub pages: u32,
    pub producer: Option<String>,
    pub creator: Option<String>,
    pub title: Option<String>,
    pub tables: usize,
    pub checks_failed: usize,
    pub error_kind: Option<String>,
    pub error_message: Option<String>,
    /// The harvester's manifest columns, as a JSON object.
    pub meta: String,
}

const DOCUMENT_COLUMNS: [(&str, ColumnKind); 16] = join(
    DOCUMENT_KEY,
    [
        ("pages", ColumnKind::Integer),
        ("producer", ColumnKind::Text),
        ("creator", ColumnKind::Text),
        ("title", ColumnKind::Text),
        ("tables", ColumnKind::Integer),
        ("checks_failed", ColumnKind::Integer),
        ("error_kind", ColumnKind::Text),
        ("error_message", ColumnKind::Text),
        ("meta", ColumnKind::Text),
    ],
);

#[derive(Serialize)]
pub struct TableRow<'a> {
    #[serde(flatten)]
    pub document: &'a DocumentKey,
    #[serde(flatten)]
    pub table: &'a TableKey,
    pub pages: String,
    pub unit: Option<String>,
    pub department: Option<String>,
    pub columns: usize,
    pub rows: usize,
}

const TABLE_COLUMNS: [(&str, ColumnKind); 16] = join(
    join::<7, 4, 11>(DOCUMENT_KEY, TABLE_KEY),
    [
        ("pages", ColumnKind::Text),
        ("unit", ColumnKind::Text),
        ("department", ColumnKind::Text),
        ("columns", ColumnKind::Integer),
        ("rows", ColumnKind::Integer),
    ],
);

/// One amount. Unique key: `line_item_id`, which is `document_id`,
/// `table_id`, `row` and `column_index` together.
#[derive(Serialize)]
pub struct LineItemRow<'a> {
    pub line_item_id: String,
    #[serde(flatten)]
    pub document: &'a DocumentKey,
    #[serde(flatten)]
    pub table: &'a TableKey,
    /// Index of the body row in the table's `rows`.
    pub row: usize,
    pub side: Option<String>,
    pub code: Option<String>,
    pub code_level: Option<String>,
    pub code_scheme: Option<String>,
    pub row_name: String,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub total: bool,
    pub leaf: bool,
    /// Index of the leaf column in the table's `columns`.
    pub column_index: usize,
    pub column_path: String,
    /// What the column stands for: `total`, `basic`, `project`, …
    pub column_role: Option<String>,
    pub value_yuan: Option<String>,
    pub value: String,
    pub value_printed: String,
    pub unit: Option<String>,
    pub page: u32,
}

const LINE_ITEM_COLUMNS: [(&str, ColumnKind); 30] = join(
    join::<1, 11, 12>(
        [("line_item_id", ColumnKind::Text)],
        join::<7, 4, 11>(DOCUMENT_KEY, TABLE_KEY),
    ),
    [
        ("row", ColumnKind::Integer),
        ("side", ColumnKind::Text),
        ("code", ColumnKind::Text),
        ("code_level", ColumnKind::Text),
        ("code_scheme", ColumnKind::Text),
        ("row_name", ColumnKind::Text),
        ("unit_code", ColumnKind::Text),
        ("unit_name", ColumnKind::Text),
        ("total", ColumnKind::Boolean),
        ("leaf", ColumnKind::Boolean),
        ("column_index", ColumnKind::Integer),
        ("column_path", ColumnKind::Text),
        ("column_role", ColumnKind::Text),
        ("value_yuan", ColumnKind::Decimal(AMOUNT_SCALE)),
        ("value", ColumnKind::Decimal(AMOUNT_SCALE)),
        ("value_printed", ColumnKind::Text),
        ("unit", ColumnKind::Text),
        ("page", ColumnKind::Integer),
    ],
);

/// One fact. Unique key: `fact_id` (`document_id` and the fact's index in
/// the document's `facts`).
#[derive(Serialize)]
pub struct FactRow<'a> {
    pub fact_id: String,
    #[serde(flatten)]
    pub document: &'a DocumentKey,
    #[serde(flatten)]
    pub table: &'a TableKey,
    pub key: String,
    pub value: String,
    pub unit: Option<String>,
    pub value_yuan: Option<String>,
    pub source: String,
    pub page: u32,
    pub column_path: Option<String>,
    pub text: String,
}

const FACT_COLUMNS: [(&str, ColumnKind); 20] = join(
    join::<1, 11, 12>(
        [("fact_id", ColumnKind::Text)],
        join::<7, 4, 11>(DOCUMENT_KEY, TABLE_KEY),
    ),
    [
        ("key", ColumnKind::Text),
        ("value", ColumnKind::Decimal(AMOUNT_SCALE)),
        ("unit", ColumnKind::Text),
        ("value_yuan", ColumnKind::Decimal(AMOUNT_SCALE)),
        ("source", ColumnKind::Text),
        ("page", ColumnKind::Integer),
        ("column_path", ColumnKind::Text),
        ("text", ColumnKind::Text),
    ],
);

/// One check. Unique key: `check_key` (`document_id` and the check's index
/// in the document's `checks`); `check_id` names the identity.
#[derive(Serialize)]
pub struct CheckRow<'a> {
    pub check_key: String,
    #[serde(flatten)]
    pub document: &'a DocumentKey,
    #[serde(flatten)]
    pub table: &'a TableKey,
    pub check_id: String,
    pub status: String,
    pub pages: String,
    pub message: String,
    /// The figures compared, as a JSON object.
    pub values: String,
    /// Stated minus computed for the worst comparison (exact decimal), if any.
    pub difference: Option<String>,
    /// The largest difference rounding allows for it.
    pub tolerance: Option<String>,
}

const CHECK_COLUMNS: [(&str, ColumnKind); 19] = join(
    join::<1, 11, 12>(
        [("check_key", ColumnKind::Text)],
        join::<7, 4, 11>(DOCUMENT_KEY, TABLE_KEY),
    ),
    [
        ("check_id", ColumnKind::Text),
        ("status", ColumnKind::Text),
        ("pages", ColumnKind::Text),
        ("message", ColumnKind::Text),
        ("values", ColumnKind::Text),
        ("difference", ColumnKind::Decimal(CHECK_SCALE)),
        ("tolerance", ColumnKind::Decimal(CHECK_SCALE)),
    ],
);

/// One output table, written as NDJSON, CSV and Parquet side by side.
struct Sink {
    ndjson: BufWriter<File>,
    csv: csv::Writer<BufWriter<File>>,
    parquet: ParquetSink,
    schema: Schema,
}

impl Sink {
    fn create(dir: &Path, name: &str, schema: Schema) -> std::io::Result<Sink> {
        let mut csv = csv::Writer::from_writer(BufWriter::new(File::create(
            dir.join(format!("{name}.csv")),
        )?));
        csv.write_record(schema.iter().map(|(column, _)| *column))?;
        Ok(Sink {
            ndjson: BufWriter::new(File::create(dir.join(format!("{name}.ndjson")))?),
            csv,
            parquet: ParquetSink::create(dir, name, schema)?,
            schema,
        })
    }

    /// Writes one row: NDJSON in the struct's field order, CSV and Parquet
    /// in the schema's (the same order; a unit test holds them together).
    fn write<T: Serialize>(&mut self, row: &T) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.ndjson, row).map_err(std::io::Error::other)?;
        self.ndjson.write_all(b"\n")?;
        let cells = self.cells(row)?;
        self.csv.write_record(cells.iter().map(csv_cell))?;
        self.parquet.write(cells)
    }

    /// The row's values in the schema's order (the struct's serialisation
    /// order, which a unit test holds to the schema).
    fn cells<T: Serialize>(&mut self, row: &T) -> std::io::Result<Vec<Value>> {
        let cells = super::cells::cells(row).map_err(std::io::Error::other)?;
        if cells.len() != self.schema.len() {
            return Err(std::io::Error::other("a row does not match its schema"));
        }
        Ok(cells)
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.ndjson.flush()?;
        self.csv.flush()?;
        self.parquet.finish()
    }
}

/// A CSV cell: strings as they are, null as empty, numbers and flags as JSON.
fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The warehouse tables of exactly these document outputs (a batch's own:
/// never a stale output of an earlier run, never one document twice).
pub fn export_files(mut files: Vec<PathBuf>, out_dir: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    files.sort();
    files.dedup();
    let io = |e: std::io::Error| {
        format!(
            "cannot write the warehouse tables in {}: {e}",
            out_dir.display()
        )
    };
    let mut sinks = Sinks {
        documents: Sink::create(out_dir, "documents", &DOCUMENT_COLUMNS).map_err(io)?,
        tables: Sink::create(out_dir, "tables", &TABLE_COLUMNS).map_err(io)?,
        items: Sink::create(out_dir, "line_items", &LINE_ITEM_COLUMNS).map_err(io)?,
        facts: Sink::create(out_dir, "facts", &FACT_COLUMNS).map_err(io)?,
        checks: Sink::create(out_dir, "checks", &CHECK_COLUMNS).map_err(io)?,
    };
    let mut count = 0;
    let mut seen = HashSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if doc["schema_version"] != super::SCHEMA_VERSION {
            continue;
        }
        // The same file (content and name) under two input roots is one document.
        let key = document_key(&doc);
        if !seen.insert(key.document_id.clone()) {
            eprintln!(
                "budgetpdf: {} is the same document as one already in the warehouse; it is loaded once",
                file.display()
            );
            continue;
        }
        write_document(&doc, key, &mut sinks).map_err(io)?;
        count += 1;
    }
    for sink in [
        sinks.documents,
        sinks.tables,
        sinks.items,
        sinks.facts,
        sinks.checks,
    ] {
        sink.finish().map_err(io)?;
    }
    Ok(count)
}

struct Sinks {
    documents: Sink,
    tables: Sink,
    items: Sink,
    facts: Sink,
    checks: Sink,
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn opt(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_default()
}

fn page_list(v: &Value) -> String {
    list(v)
        .iter()
        .filter_map(Value::as_u64)
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn path(v: &Value) -> String {
    list(v).iter().map(s).collect::<Vec<_>>().join(" / ")
}

fn document_key(doc: &Value) -> DocumentKey {
    let sha = s(&doc["source"]["sha256"]);
    let file = s(&doc["source"]["file"]);
    let info = &doc["document"];
    DocumentKey {
        document_id: format!("{}/{file}", sha.get(..12).unwrap_or(&sha)),
        document_sha256: sha,
        file,
        entity: opt(&info["entity"]),
        fiscal_year: info["fiscal_year"].as_u64().map(|y| y as u16),
        document_kind: s(&info["kind"]),
        document_scope: s(&info["scope"]),
    }
}

fn table_key(t: &Value) -> TableKey {
    TableKey {
        table_id: opt(&t["id"]),
        table_kind: opt(&t["kind"]),
        table_number: opt(&t["number"]),
        table_title: opt(&t["title"]),
    }
}

fn write_document(doc: &Value, key: DocumentKey, sinks: &mut Sinks) -> std::io::Result<()> {
    sinks.documents.write(&DocumentRow {
        key: &key,
        pages: doc["source"]["pages"].as_u64().unwrap_or(0) as u32,
        producer: opt(&doc["source"]["producer"]),
        creator: opt(&doc["source"]["creator"]),
        title: opt(&doc["document"]["title"]),
        tables: list(&doc["tables"]).len(),
        checks_failed: list(&doc["checks"])
            .iter()
            .filter(|c| c["status"] == "fail")
            .count(),
        error_kind: opt(&doc["error"]["kind"]),
        error_message: opt(&doc["error"]["message"]),
        meta: doc["source"]["meta"].to_string(),
    })?;
    for t in list(&doc["tables"]) {
        write_table(t, &key, sinks)?;
    }
    // Facts and checks carry the key of the table they name.
    let tables: HashMap<String, TableKey> = list(&doc["tables"])
        .iter()
        .map(|t| (s(&t["id"]), table_key(t)))
        .collect();
    let none = TableKey::default();
    let table_of = |v: &Value| v.as_str().and_then(|id| tables.get(id)).unwrap_or(&none);
    for (i, f) in list(&doc["facts"]).iter().enumerate() {
        sinks.facts.write(&FactRow {
            fact_id: format!("{}#f{i}", key.document_id),
            document: &key,
            table: table_of(&f["table"]),
            key: s(&f["key"]),
            value: s(&f["value"]),
            unit: opt(&f["unit"]),
            value_yuan: opt(&f["value_yuan"]),
            source: s(&f["source"]),
            page: f["page"].as_u64().unwrap_or(0) as u32,
            column_path: opt(&f["column"]),
            text: s(&f["text"]),
        })?;
    }
    for (i, c) in list(&doc["checks"]).iter().enumerate() {
        sinks.checks.write(&CheckRow {
            check_key: format!("{}#c{i}", key.document_id),
            document: &key,
            table: table_of(&c["table"]),
            check_id: s(&c["id"]),
            status: s(&c["status"]),
            pages: page_list(&c["pages"]),
            message: s(&c["message"]),
            values: c["values"].to_string(),
            difference: opt(&c["difference"]),
            tolerance: opt(&c["tolerance"]),
        })?;
    }
    Ok(())
}

fn write_table(t: &Value, document: &DocumentKey, sinks: &mut Sinks) -> std::io::Result<()> {
    let table = table_key(t);
    let unit = opt(&t["unit"]);
    let roles = list(&t["column_roles"]);
    sinks.tables.write(&TableRow {
        document,
        table: &table,
        pages: page_list(&t["pages"]),
        unit: unit.clone(),
        department: opt(&t["department"]),
        columns: list(&t["columns"]).len(),
        rows: list(&t["rows"]).len(),
    })?;
    let table_id = table.table_id.clone().unwrap_or_default();
    for r in list(&t["records"]) {
        let row = r["row"].as_u64().unwrap_or(0) as usize;
        for a in list(&r["amounts"]) {
            let column_index = a["column_index"].as_u64().unwrap_or(0) as usize;
            sinks.items.write(&LineItemRow {
                line_item_id: format!("{}#{table_id}.r{row}.c{column_index}", document.document_id),
                document,
                table: &table,
                row,
                side: opt(&r["side"]),
                code: opt(&r["code"]),
                code_level: opt(&r["code_level"]),
                code_scheme: opt(&r["code_scheme"]),
                row_name: s(&r["name"]),
                unit_code: opt(&r["unit"]),
                unit_name: opt(&r["unit_name"]),
                total: r["total"].as_bool().unwrap_or(false),
                leaf: r["leaf"].as_bool().unwrap_or(false),
                column_index,
                column_path: path(&a["column"]),
                column_role: roles.get(column_index).and_then(opt),
                value_yuan: opt(&a["value_yuan"]),
                value: s(&a["value"]),
                value_printed: s(&a["printed"]),
                unit: unit.clone(),
                page: r["page"].as_u64().unwrap_or(0) as u32,
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each schema lists its struct's fields in the order the struct
    /// serialises them (NDJSON's order is CSV's and Parquet's).
    fn assert_schema_matches<T: Serialize>(row: &T, schema: Schema) {
        let text = serde_json::to_string(row).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value.as_object().unwrap().len(), schema.len(), "{text}");
        let mut last = 0;
        for (column, _) in schema {
            let at = text
                .find(&format!("\"{column}\":"))
                .unwrap_or_else(|| panic!("{column} missing from {text}"));
            assert!(at >= last, "{column} out of order in {text}");
            last = at;
        }
    }

    fn document() -> DocumentKey {
        DocumentKey {
            document_id: "0123456789ab/a.pdf".into(),
            document_sha256: "0123456789abcdef".into(),
            file: "a.pdf".into(),
            entity: None,
            fiscal_year: Some(2026),
            document_kind: "budget".into(),
            document_scope: "department".into(),
        }
    }

    #[test]
    fn schemas_follow_the_rows() {
        let table = TableKey::default();
        let doc = document();
        assert_schema_matches(
            &DocumentRow {
                key: &doc,
                pages: 1,
                producer: None,
                creator: None,
                title: None,
                tables: 0,
                checks_failed: 0,
                error_kind: None,
                error_message: None,
                meta: "{}".into(),
            },
            &DOCUMENT_COLUMNS,
        );
        assert_schema_matches(
            &TableRow {
                document: &doc,
                table: &table,
                pages: "1".into(),
                unit: None,
                department: None,
                columns: 1,
                rows: 1,
            },
            &TABLE_COLUMNS,
        );
        assert_schema_matches(
            &LineItemRow {
                line_item_id: String::new(),
                document: &doc,
                table: &table,
                row: 0,
                side: None,
                code: None,
                code_level: None,
                code_scheme: None,
                row_name: String::new(),
                unit_code: None,
                unit_name: None,
                total: false,
                leaf: true,
                column_index: 0,
                column_path: String::new(),
                column_role: None,
                value_yuan: None,
                value: "1".into(),
                value_printed: "1".into(),
                unit: None,
                page: 1,
            },
            &LINE_ITEM_COLUMNS,
        );
        assert_schema_matches(
            &FactRow {
                fact_id: String::new(),
                document: &doc,
                table: &table,
                key: String::new(),
                value: "1".into(),
                unit: None,
                value_yuan: None,
                source: String::new(),
                page: 1,
                column_path: None,
                text: String::new(),
            },
            &FACT_COLUMNS,
        );
        assert_schema_matches(
            &CheckRow {
                check_key: String::new(),
                document: &doc,
                table: &table,
                check_id: String::new(),
                status: String::new(),
                pages: String::new(),
                message: String::new(),
                values: "{}".into(),
                difference: None,
                tolerance: None,
            },
            &CHECK_COLUMNS,
        );
    }
}
