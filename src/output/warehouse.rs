//! Warehouse tables: document JSONs in, tidy rows out — `documents`,
//! `tables`, `line_items` (one row per amount), `facts` and `checks` — each
//! written as NAME.ndjson and NAME.csv with the same columns. Documents are
//! read one at a time (a batch passes exactly its own outputs), so memory stays flat however
//! many there are; rows come out in the order of the documents' output paths.
//! Amounts are exact decimal strings (load them as DECIMAL, not FLOAT).

use serde::Serialize;
use serde_json::Value;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Serialize)]
pub struct DocumentRow {
    pub document_sha256: String,
    pub file: String,
    pub pages: u32,
    pub producer: Option<String>,
    pub creator: Option<String>,
    pub title: Option<String>,
    pub entity: Option<String>,
    pub fiscal_year: Option<u16>,
    pub kind: String,
    pub scope: String,
    pub tables: usize,
    pub checks_failed: usize,
    pub error_kind: Option<String>,
    pub error_message: Option<String>,
    /// The harvester's manifest columns, as a JSON object.
    pub meta: String,
}

#[derive(Serialize)]
pub struct TableRow {
    pub document_sha256: String,
    pub table_id: String,
    pub table_kind: String,
    pub title: Option<String>,
    pub pages: String,
    pub unit: Option<String>,
    pub department: Option<String>,
    pub columns: usize,
    pub rows: usize,
}

#[derive(Serialize)]
pub struct LineItemRow {
    pub document_sha256: String,
    pub entity: Option<String>,
    pub fiscal_year: Option<u16>,
    pub table_id: String,
    pub table_kind: String,
    pub row: usize,
    pub side: Option<String>,
    pub code: Option<String>,
    pub code_level: Option<String>,
    pub code_scheme: Option<String>,
    pub row_name: String,
    pub total: bool,
    pub leaf: bool,
    pub column_path: String,
    pub value_yuan: Option<String>,
    pub value: String,
    pub value_printed: String,
    pub unit: Option<String>,
    pub page: u32,
}

#[derive(Serialize)]
pub struct FactRow {
    pub document_sha256: String,
    pub key: String,
    pub value: String,
    pub unit: Option<String>,
    pub value_yuan: Option<String>,
    pub source: String,
    pub page: u32,
    pub table_id: Option<String>,
    pub column_path: Option<String>,
    pub text: String,
}

#[derive(Serialize)]
pub struct CheckRow {
    pub document_sha256: String,
    pub check_id: String,
    pub status: String,
    pub table_id: Option<String>,
    pub pages: String,
    pub message: String,
    /// The figures compared, as a JSON object.
    pub values: String,
    /// Stated minus computed for the worst comparison (exact decimal), if any.
    pub difference: Option<String>,
    /// The largest difference rounding allows for it.
    pub tolerance: Option<String>,
}

/// One output table, written as NDJSON and CSV side by side.
struct Sink {
    ndjson: BufWriter<File>,
    csv: csv::Writer<BufWriter<File>>,
}

impl Sink {
    fn create(dir: &Path, name: &str) -> std::io::Result<Sink> {
        Ok(Sink {
            ndjson: BufWriter::new(File::create(dir.join(format!("{name}.ndjson")))?),
            csv: csv::Writer::from_writer(BufWriter::new(File::create(
                dir.join(format!("{name}.csv")),
            )?)),
        })
    }

    fn write<T: Serialize>(&mut self, row: &T) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.ndjson, row).map_err(std::io::Error::other)?;
        self.ndjson.write_all(b"\n")?;
        self.csv.serialize(row).map_err(std::io::Error::other)
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.ndjson.flush()?;
        self.csv.flush()
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
        documents: Sink::create(out_dir, "documents").map_err(io)?,
        tables: Sink::create(out_dir, "tables").map_err(io)?,
        items: Sink::create(out_dir, "line_items").map_err(io)?,
        facts: Sink::create(out_dir, "facts").map_err(io)?,
        checks: Sink::create(out_dir, "checks").map_err(io)?,
    };
    let mut count = 0;
    for file in &files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if doc["schema_version"] != super::SCHEMA_VERSION {
            continue;
        }
        write_document(&doc, &mut sinks).map_err(io)?;
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

fn write_document(doc: &Value, sinks: &mut Sinks) -> std::io::Result<()> {
    let sha = s(&doc["source"]["sha256"]);
    let info = &doc["document"];
    let entity = opt(&info["entity"]);
    let year = info["fiscal_year"].as_u64().map(|y| y as u16);
    sinks.documents.write(&DocumentRow {
        document_sha256: sha.clone(),
        file: s(&doc["source"]["file"]),
        pages: doc["source"]["pages"].as_u64().unwrap_or(0) as u32,
        producer: opt(&doc["source"]["producer"]),
        creator: opt(&doc["source"]["creator"]),
        title: opt(&info["title"]),
        entity: entity.clone(),
        fiscal_year: year,
        kind: s(&info["kind"]),
        scope: s(&info["scope"]),
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
        let (id, kind, unit) = (s(&t["id"]), s(&t["kind"]), opt(&t["unit"]));
        sinks.tables.write(&TableRow {
            document_sha256: sha.clone(),
            table_id: id.clone(),
            table_kind: kind.clone(),
            title: opt(&t["title"]),
            pages: page_list(&t["pages"]),
            unit: unit.clone(),
            department: opt(&t["department"]),
            columns: list(&t["columns"]).len(),
            rows: list(&t["rows"]).len(),
        })?;
        for r in list(&t["records"]) {
            for a in list(&r["amounts"]) {
                sinks.items.write(&LineItemRow {
                    document_sha256: sha.clone(),
                    entity: entity.clone(),
                    fiscal_year: year,
                    table_id: id.clone(),
                    table_kind: kind.clone(),
                    row: r["row"].as_u64().unwrap_or(0) as usize,
                    side: opt(&r["side"]),
                    code: opt(&r["code"]),
                    code_level: opt(&r["code_level"]),
                    code_scheme: opt(&r["code_scheme"]),
                    row_name: s(&r["name"]),
                    total: r["total"].as_bool().unwrap_or(false),
                    leaf: r["leaf"].as_bool().unwrap_or(false),
                    column_path: path(&a["column"]),
                    value_yuan: opt(&a["value_yuan"]),
                    value: s(&a["value"]),
                    value_printed: s(&a["printed"]),
                    unit: unit.clone(),
                    page: r["page"].as_u64().unwrap_or(0) as u32,
                })?;
            }
        }
    }
    for f in list(&doc["facts"]) {
        sinks.facts.write(&FactRow {
            document_sha256: sha.clone(),
            key: s(&f["key"]),
            value: s(&f["value"]),
            unit: opt(&f["unit"]),
            value_yuan: opt(&f["value_yuan"]),
            source: s(&f["source"]),
            page: f["page"].as_u64().unwrap_or(0) as u32,
            table_id: opt(&f["table"]),
            column_path: opt(&f["column"]),
            text: s(&f["text"]),
        })?;
    }
    for c in list(&doc["checks"]) {
        sinks.checks.write(&CheckRow {
            document_sha256: sha.clone(),
            check_id: s(&c["id"]),
            status: s(&c["status"]),
            table_id: opt(&c["table"]),
            pages: page_list(&c["pages"]),
            message: s(&c["message"]),
            values: c["values"].to_string(),
            difference: opt(&c["difference"]),
            tolerance: opt(&c["tolerance"]),
        })?;
    }
    Ok(())
}
