#!/usr/bin/env python3
"""Validates a batch's outputs against the JSON schemas in schema/ and loads
the warehouse tables into DuckDB to check them against the documents.

Usage: python3 scripts/validate_outputs.py OUT_DIR TABLES_DIR
Needs: pip install jsonschema duckdb   (scripts/setup.sh installs them)

Checks:
  1. every OUT_DIR/**/*.json document validates against schema/document.schema.json;
  2. every row of TABLES_DIR/NAME.ndjson validates against schema/NAME.schema.json;
  3. DuckDB reads every TABLES_DIR/NAME.parquet with no column list, with as many
     rows as NAME.ndjson, amounts typed DECIMAL, and `line_item_id`, `fact_id`,
     `check_key` unique;
  4. exact decimals: per document, DuckDB's SUM(value_yuan) over line_items.parquet
     equals the sum of the document JSON's amounts in Python's Decimal;
  5. per document, in DuckDB, the sum of the leaf line items in the `total` column
     (column_role) of the expenditure table (支出总表) equals the document's own
     expenditure fact (本年支出合计, else 总计): exactly, or within what the
     rounding of the printed figures allows; a document whose checks already
     report that table or the fact's table inconsistent is listed, not failed.
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
    parquet = lambda name: f"'{tables_dir / (name + '.parquet')}'"
    for name, key in [("documents", "document_id"), ("tables", None), ("line_items", "line_item_id"), ("facts", "fact_id"), ("checks", "check_key")]:
        (rows,) = con.execute(f"SELECT count(*) FROM {parquet(name)}").fetchone()
        ndjson_rows = sum(1 for _ in (tables_dir / f"{name}.ndjson").open())
        if rows != ndjson_rows:
            failures.append(f"{name}.parquet has {rows} rows, {name}.ndjson {ndjson_rows}")
        if key:
            (distinct,) = con.execute(f"SELECT count(DISTINCT {key}) FROM {parquet(name)}").fetchone()
            if distinct != rows:
                failures.append(f"{name}: {key} is not unique ({distinct} distinct of {rows})")
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {parquet('line_items')})").fetchall())
    for column in ("value_yuan", "value"):
        if not types.get(column, "").startswith("DECIMAL"):
            failures.append(f"line_items.parquet {column} is {types.get(column)}, not DECIMAL")
    print(f"parquet: row counts equal NDJSON, keys unique, amounts {types.get('value_yuan')}")

    # 4. Exact decimals: DuckDB's sums over Parquet against Decimal sums of the JSON.
    sums = dict(con.execute(f"SELECT document_sha256, SUM(value_yuan) FROM {parquet('line_items')} GROUP BY 1").fetchall())
    exact = 0
    for sha, doc in docs.items():
        want = sum((Decimal(a["value_yuan"]) for t in doc["tables"] for r in t["records"] for a in r["amounts"] if a["value_yuan"] is not None), Decimal(0))
        got = sums.get(sha)
        if (got is None and want != 0) or (got is not None and Decimal(got) != want):
            failures.append(f"{doc['source']['file']}: DuckDB SUM(value_yuan) {got} != JSON sum {want}")
        else:
            exact += 1
    print(f"{exact} documents: DuckDB SUM over Parquet equals the exact sum of the JSON amounts")

    # 5. Σ leaf line items of the expenditure table's total column = the expenditure fact.
    rows = con.execute(f"""
        WITH leaves AS (
            SELECT document_sha256, table_id, SUM(value_yuan) AS summed, count(*) AS terms,
                   max(length(value_printed) - coalesce(nullif(strpos(value_printed, '.'), 0), length(value_printed))) AS decimals,
                   max(round(value_yuan / nullif(value, 0))) AS yuan_per_unit
            FROM {parquet('line_items')}
            WHERE table_kind = 'expenditure' AND leaf AND column_role = 'total' AND value_yuan IS NOT NULL
            GROUP BY ALL),
        stated AS (
            SELECT document_sha256, table_id AS fact_table, value_yuan AS stated,
                   row_number() OVER (PARTITION BY document_sha256 ORDER BY key = 'expenditure_current_year' DESC, fact_id) AS pick
            FROM {parquet('facts')}
            WHERE key IN ('expenditure_current_year', 'expenditure_total') AND source = 'table' AND value_yuan IS NOT NULL)
        SELECT s.document_sha256, s.fact_table, s.stated, l.table_id, l.summed, l.terms, l.decimals, l.yuan_per_unit
        FROM stated s JOIN leaves l USING (document_sha256)
        WHERE s.pick = 1 ORDER BY 1, 4""").fetchall()
    compared = 0
    for sha, fact_table, stated, table, summed, terms, decimals, per_unit in rows:
        doc = docs[sha]
        name = f"{doc['source']['file']} {table}"
        compared += 1
        difference = Decimal(summed) - Decimal(stated)
        step = Decimal(1).scaleb(-int(decimals or 0)) * Decimal(int(per_unit or 1))
        tolerance = step / 2 * (terms + 1)
        if difference == 0:
            print(f"  {name}: Σ {terms} leaf items = {stated} (exact)")
        elif abs(difference) <= tolerance:
            print(f"  {name}: Σ {terms} leaf items {summed} vs {stated}: rounding ({difference}, allowed {tolerance})")
        elif any(c["status"] == "fail" and c["table"] in (table, fact_table) for c in doc["checks"]):
            print(f"  {name}: Σ {summed} vs {stated}: the document's own checks report this table inconsistent")
        else:
            failures.append(f"{name}: Σ leaf line items {summed} != expenditure fact {stated} (from {fact_table})")
    print(f"{compared} document totals compared with DuckDB sums")
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
