#!/usr/bin/env python3
"""Lays out the seed document and its siblings as PDFs and writes the truth.

    python3 generate.py [--only STEM ...] [--keep-work]

For each model (seed_model.json and the siblings built from siblings.py into
models/): check its identities, lay it out by its route (office: python-docx +
openpyxl + LibreOffice; reportlab), join the parts with pypdf under fixed
metadata, find the pages each table's body is on by searching the final PDF's
text (pdftotext), and write samples/generated/<stem>.pdf and
samples/truth/<stem>.json. The truth comes from the model, never from budgetpdf.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

from pypdf import PdfReader, PdfWriter  # noqa: E402
from pypdf.generic import ArrayObject, ByteStringObject, NameObject  # noqa: E402

import build_model  # noqa: E402
import checks  # noqa: E402
import siblings  # noqa: E402
from layout import RULINGS  # noqa: E402
from model import body_rows, dump_model, grid, header_paths, load_model, ncols, resolve_header  # noqa: E402

OUT_PDF = os.path.join(ROOT, "samples", "generated")
OUT_TRUTH = os.path.join(ROOT, "samples", "truth")
FIXED_DATE = "D:20240220093000+08'00'"


def page_texts(pdf):
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("\f")
    if pages and pages[-1].strip() == "":
        pages = pages[:-1]
    return [re.sub(r"\s+", "", p) for p in pages]


def n_pages(pdf):
    return len(PdfReader(pdf).pages)


def table_pages(model, parts, route):
    """1-based pages (in the final PDF) of each table's body, by title search."""
    offset = n_pages(parts[0])
    tables = model["tables"]
    if route in ("office", "html"):
        texts = page_texts(parts[1])
        starts = []
        for t in tables:
            title = re.sub(r"\s+", "", t["title"])
            # the title opens the page; some producers draw the 部门名称 line first
            hits = [i for i, tx in enumerate(texts) if title in tx[:len(title) + 60] and i not in starts]
            if not hits:
                raise RuntimeError(f"{model['stem']}: title {title} not found at the top of any page")
            starts.append(hits[0])
        if starts != sorted(starts) or starts[0] != 0:
            raise RuntimeError(f"{model['stem']}: tables out of order: {starts}")
        bounds = starts + [len(texts)]
        spans = [(bounds[i], bounds[i + 1]) for i in range(len(tables))]
    else:
        texts, spans, at = [], [], 0
        for p in parts[1:]:
            tx = page_texts(p)
            texts += tx
            spans.append((at, at + len(tx)))
            at += len(tx)
    result = []
    for t, (a, b) in zip(tables, spans):
        pages = list(range(a, b))
        # every page holds something of this table, and every body row shows up
        content = "".join(texts[a:b])
        if re.sub(r"\s+", "", t["title"]) not in texts[a][:len(t["title"]) + 60]:
            raise RuntimeError(f"{model['stem']}: {t['title']} does not open its first page")
        for i in pages:
            heads = [c for line in grid(resolve_header(model, t), ncols(t)) for c in line if c and c.text]
            cells = [x for r in body_rows(t) for x in r if x]
            probe = [c.text[:4] for c in heads] + [x[:4] for x in cells]
            if not any(pr in texts[i] for pr in probe):
                raise RuntimeError(f"{model['stem']}: page {offset + i + 1} has nothing of {t['title']}")
        # nothing clipped: every character the model prints is in the pages' text
        from collections import Counter
        want = Counter()
        for line in grid(resolve_header(model, t), ncols(t)) + grid(t["body"], ncols(t)):
            for c in line:
                if c is not None:
                    want.update(re.sub(r"\s+", "", c.text))
        have = Counter(content)
        missing = {ch: n - have[ch] for ch, n in want.items() if have[ch] < n}
        if missing:
            raise RuntimeError(f"{model['stem']}: {t['title']}: characters missing from its pages (clipped?): {missing}")
        for r in body_rows(t):
            probes = [x[:4] for x in r if x]
            if not any(pr in content for pr in probes):
                raise RuntimeError(f"{model['stem']}: row {r} of {t['title']} not found in its pages")
        result.append([offset + i + 1 for i in pages])
    return result


def finalize(model, parts, out):
    w = PdfWriter()
    for p in parts:
        w.append(PdfReader(p))
    route = model["route"]
    producer = {"office": "LibreOffice 7.4", "reportlab": "ReportLab PDF Library - www.reportlab.com",
                "html": "Skia/PDF"}[route]
    creator = {"office": "Writer", "reportlab": "Microsoft Office Word", "html": "Chromium"}[route]
    w.add_metadata({"/Title": model["title"], "/Author": "财政局", "/Creator": creator, "/Producer": producer,
                    "/CreationDate": FIXED_DATE, "/ModDate": FIXED_DATE})
    ident = hashlib.md5(model["stem"].encode()).digest()
    w._ID = ArrayObject([ByteStringObject(ident), ByteStringObject(ident)])
    with open(out, "wb") as f:
        w.write(f)


def truth(model, pages):
    tables = []
    for t, pg in zip(model["tables"], pages):
        tables.append({
            "title": re.sub(r"\s+", "", t["title"]),
            "role": t["role"],
            "unit": t.get("unit"),
            "pages": pg,
            "columns": header_paths(model, t),
            "rows": body_rows(t),
            "notes": t.get("notes", []),
        })
    return {
        "_about": "Written by scripts/gen_samples/generate.py from the generator's own model "
                  f"({model['_model_path']}), never from budgetpdf. Rows: body rows only, one string per leaf column, "
                  "a span's text in its top-left cell and \"\" elsewhere, all-empty rows omitted. columns: header path "
                  "per leaf column (empty list: the table has no column header). pages: 1-based physical pages of the "
                  "table's column header and body. facts: decimal strings in the table unit, trailing zeros dropped.",
        "file": model["stem"] + ".pdf",
        "title": model["title"],
        "entity": model["entity"],
        "fiscal_year": model["fiscal_year"],
        "kind": model["kind"],
        "scope": model["scope"],
        "route": model["route"],
        **({"rules": model["style"]["rules"]} if model.get("style", {}).get("rules", "grid") != "grid" else {}),
        "tables": tables,
        "facts": model["facts"],
    }


def dump_truth(obj, path):
    """JSON with one row / one column path per line."""
    s = json.dumps(obj, ensure_ascii=False, indent=1)
    # collapse innermost string arrays onto one line
    s = re.sub(r"\[\n\s+((?:\"(?:[^\"\\]|\\.)*\",?\n\s+)*\"(?:[^\"\\]|\\.)*\")\n\s+\]",
               lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", s)
    s = re.sub(r"\[\n\s+((?:\d+,\n\s+)*\d+)\n\s+\]", lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", s)
    with open(path, "w", encoding="utf-8") as f:
        f.write(s + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", help="stems to generate")
    ap.add_argument("--keep-work", action="store_true")
    os.makedirs(OUT_PDF, exist_ok=True)
    os.makedirs(OUT_TRUTH, exist_ok=True)
    os.makedirs(os.path.join(HERE, "models"), exist_ok=True)

    ap.add_argument("--rulings", nargs="*", choices=sorted(RULINGS), default=sorted(RULINGS),
                    help="ruling styles to draw each document in (default: all)")
    args = ap.parse_args()
    paths = [os.path.join(HERE, "seed_model.json")]
    for spec in siblings.specs():
        p = os.path.join(HERE, "models", spec["stem"] + ".json")
        dump_model(build_model.build(spec), p)
        paths.append(p)

    work = tempfile.mkdtemp(prefix="gen_samples_")
    profile = os.path.join(work, "lo_profile")
    try:
        for path, rules in ((p, r) for p in paths for r in sorted(args.rulings, key=list(RULINGS).index)):
            model = load_model(path)
            model["_model_path"] = os.path.relpath(path, ROOT)
            model["stem"] += RULINGS[rules]
            model.setdefault("style", {})["rules"] = rules
            stem = model["stem"]
            if args.only and stem not in args.only:
                continue
            checks.check(model)
            if stem.startswith("henan-mengjin-shebao"):
                checks.check_seed(model)
            wd = os.path.join(work, stem)
            if model["route"] == "office":
                import render_office
                parts = render_office.render(model, wd, profile)
            elif model["route"] == "html":
                import render_html
                parts = render_html.render(model, wd)
            else:
                import render_reportlab
                parts = render_reportlab.render(model, wd)
            out = os.path.join(OUT_PDF, stem + ".pdf")
            finalize(model, parts, out)
            pages = table_pages(model, parts, model["route"])
            if n_pages(out) != pages[-1][-1]:
                raise RuntimeError(f"{stem}: {n_pages(out)} pages, tables end on {pages[-1][-1]}")
            dump_truth(truth(model, pages), os.path.join(OUT_TRUTH, stem + ".json"))
            print(f"{stem}: {n_pages(out)} pages, {os.path.getsize(out)} bytes, tables on "
                  + ", ".join(f"{t['id']}:{p[0]}" + (f"-{p[-1]}" if len(p) > 1 else "") for t, p in zip(model["tables"], pages)))
    finally:
        if args.keep_work:
            print("work files in", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
