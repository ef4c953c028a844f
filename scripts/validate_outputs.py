#!/usr/bin/env python3
"""Validates a batch's outputs against the JSON schemas in schema/ and loads
the warehouse tables into DuckDB to check them against the documents.

Usage: python3 scripts/validate_outputs.py OUT_DIR TABLES_DIR
Needs: pip install jsonschema duckdb   (scripts/setup.sh installs them)

Checks:
  1. every OUT_DIR/**/*.json document validates against schema/document.schema.json;
  2. every row of TABLES_DIR/NAME.ndjson validates against schema/NAME.schema.json;
  3. in DuckDB, per document, the SQL sum of the leaf line items in the column a
     table's total fact was read from equals that fact's value in the document's
     own JSON (exact DECIMAL arithmetic) — for every table no check found inconsistent.
Prints what it compared; exits 1 on any failure.
"""
import json, pathlib, sys
from decimal import Decimal

import duckdb
import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent


def schema(name):
    return json.loads((ROOT / "schema" / f"{name}.schema.json").read_text())


def main(out_dir, tables_dir):
    out_dir, tables_dir = pathlib.Path(out_dir), pathlib.Path(tables_dir)
    failures = []
    doc_validator = jsonschema.Draft202012Validator(schema("document"))
    docs = {}
    for path in sorted(out_dir.rglob("*.json")):
        if path.name == "summary.json":
            continue
        doc = json.loads(path.read_text())
        for err in doc_validator.iter_errors(doc):
            failures.append(f"{path}: {err.json_path}: {err.message}")
        docs[doc["source"]["sha256"]] = doc
    print(f"{len(docs)} documents validated against schema/document.schema.json")
    for name in ["documents", "tables", "line_items", "facts", "checks"]:
        validator = jsonschema.Draft202012Validator(schema(name))
        rows = 0
        for line in (tables_dir / f"{name}.ndjson").read_text().splitlines():
            rows += 1
            for err in validator.iter_errors(json.loads(line)):
                failures.append(f"{name}.ndjson row {rows}: {err.json_path}: {err.message}")
        print(f"{name}: {rows} rows validated")

    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE line_items AS SELECT * FROM read_json('{tables_dir / 'line_items.ndjson'}', format='newline_delimited', "
        "columns={document_sha256:'VARCHAR', table_id:'VARCHAR', table_kind:'VARCHAR', leaf:'BOOLEAN', column_path:'VARCHAR', value_yuan:'DECIMAL(20,2)', side:'VARCHAR'})"
    )
    compared = 0
    for sha, doc in docs.items():
        # Tables a check found inconsistent are reported, not summed.
        broken = {c["table"] for c in doc["checks"] if c["status"] == "fail"}
        for fact in doc["facts"]:
            if fact["source"] != "table" or fact["key"] not in ("expenditure_total", "expenditure_current_year", "income_total", "income_current_year"):
                continue
            if fact["table"] in broken:
                continue
            table = next(t for t in doc["tables"] if t["id"] == fact["table"])
            if table["kind"] not in ("income", "expenditure") or fact["value_yuan"] is None:
                continue
            if not any(r["leaf"] for r in table["records"]):
                continue
            (total,) = con.execute(
                "SELECT SUM(value_yuan) FROM line_items WHERE document_sha256 = ? AND table_id = ? AND leaf AND column_path = ?",
                [sha, fact["table"], fact["column"]],
            ).fetchone()
            compared += 1
            want = Decimal(fact["value_yuan"])
            if total is None or Decimal(total) != want:
                failures.append(f"{doc['source']['file']} {fact['table']} {fact['key']}: SQL sum {total} != document {want}")
            else:
                print(f"  {doc['source']['file']} {fact['table']} {fact['key']}: SQL sum {total} = document total")
    print(f"{compared} document totals compared with DuckDB sums")
    if compared == 0:
        failures.append("no document total could be compared")
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
