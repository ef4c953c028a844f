#!/usr/bin/env python3
"""Cell accuracy of `budgetpdf tables` against pdfplumber, on the hand-read truth.

Purpose
    tests/truth/cells/*.json hold tables that a person read off the rendered
    pages (body rows only, one string per leaf column). For every truth file
    this script scores two extractors against it:

    (a) budgetpdf: `target/release/budgetpdf tables FILE --format json`, the
        table whose title equals the truth's title and whose pages start at
        the truth's first page (the same pairing as tests/table_cells.rs);
    (b) pdfplumber: `page.find_tables(table_settings={"vertical_strategy":
        "lines", "horizontal_strategy": "lines"})` on the truth's first page,
        keeping the table whose cells best overlap the truth; for a truth
        table spanning several pages, the topmost table of each following
        truth page is appended.

    Score = cells exactly equal / truth cells. A missing row counts all its
    truth cells wrong; an extra row adds one wrong cell per truth column to
    the denominator (as in tests/table_cells.rs). The script reports, it
    does not gate: it exits 0 once it has run.

How pdfplumber's output is made comparable (generous in alignment, strict
in comparison)
    * `table.extract()` gives None for the cells a merged cell covers; None
      becomes "" -- our contract puts a spanning cell's text in its leftmost /
      top cell and "" in the rest, which is exactly where pdfplumber puts it.
    * Each cell's whitespace is normalised the way our contract says:
      the lines of a wrapped cell are joined with no space when the
      character on either side is CJK (the same ranges as
      src/layout/join.rs), else with one space; whitespace touching a CJK
      character is removed; runs of whitespace become one space; ends are
      stripped. budgetpdf's cells are NOT normalised: it must honour the
      contract itself.
    * Rows left entirely empty are dropped (ours omits them).
    * Header rows: pdfplumber returns title, header and body rows alike. The
      body is taken to start at the row that makes the most truth cells agree
      (the earliest on ties) -- i.e. the first row equal to, or best matching,
      the truth's first body row when the rows after it follow along. Header
      rows that a continuation page repeats are skipped the same way.
    * Columns: pdfplumber splits a grid at every ruling it sees, so a table
      drawn by Word often comes back with more grid columns than leaf
      columns (text in one, "" / None in its neighbours). Truth columns are
      therefore mapped to pdfplumber columns by an order-preserving
      assignment that maximises the number of equal cells (a dynamic
      programme, like a sequence alignment). budgetpdf gets no such help:
      its column i is compared with truth column i. For reference the
      table also shows pdfplumber scored positionally ("pos."): same row
      alignment, grid column i against truth column i.
    * Cell comparison itself is exact string equality after the above.

Timing
    Wall clock of budgetpdf (`tables --format json` over each distinct truth
    PDF; the command reads whole documents and has no page option) and of
    pdfplumber (open + find_tables + extract on the truth pages only), with
    per-page figures so the two can be set side by side.

Usage
    pip install pdfplumber
    cargo build --release            # the script also tries this itself
    python3 scripts/compare_pdfplumber.py [--corpus DIR] [--show N]

    --corpus DIR   where the truth's PDFs are (default ../shared/corpus/real)
    --show N       mismatches listed per table and tool (default 5)
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import time
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "budgetpdf"
TRUTH = ROOT / "tests" / "truth" / "cells"
SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

# Same ranges as src/layout/join.rs::is_cjk.
CJK_RANGES = [
    (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF), (0x20000, 0x3134F),
]
CJK_CLASS = "".join(f"{chr(a)}-{chr(b)}" for a, b in CJK_RANGES)
WS_BEFORE_CJK = re.compile(rf"\s+(?=[{CJK_CLASS}])")
WS_AFTER_CJK = re.compile(rf"(?<=[{CJK_CLASS}])\s+")
WS_RUN = re.compile(r"\s+")


def is_cjk(c):
    o = ord(c)
    return any(a <= o <= b for a, b in CJK_RANGES)


def shown(text):
    """Display width: wide (CJK) characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text, width):
    """Left-justify by display width."""
    return text + " " * max(0, width - shown(text))


def norm(cell):
    """One pdfplumber cell, normalised to the row/cell contract."""
    if cell is None:
        return ""
    out = ""
    for line in re.split(r"\r\n|\r|\n", cell):
        line = line.strip()
        if not line:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(line[0])):
            out += " "
        out += line
    out = WS_BEFORE_CJK.sub("", out)
    out = WS_AFTER_CJK.sub("", out)
    return WS_RUN.sub(" ", out).strip()


def norm_rows(rows):
    rows = [[norm(c) for c in r] for r in rows]
    return [r for r in rows if any(r)]


def cell(row, j):
    return row[j] if j is not None and j < len(row) else None


def map_columns(truth, body):
    """Order-preserving map truth column -> body column maximising equal cells.

    Returns (mapping list, matched cell count over the overlapping rows)."""
    n = min(len(truth), len(body))
    t_w = len(truth[0]) if truth else 0
    p_w = max((len(r) for r in body[:n]), default=0)
    if n == 0 or p_w == 0:
        return [None] * t_w, 0
    w = [[sum(1 for k in range(n) if truth[k][i] == cell(body[k], j)) for j in range(p_w)]
         for i in range(t_w)]
    best = [[0] * (p_w + 1) for _ in range(t_w + 1)]
    for i in range(1, t_w + 1):
        for j in range(1, p_w + 1):
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + w[i - 1][j - 1])
    mapping = [None] * t_w
    i, j = t_w, p_w
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j - 1] + w[i - 1][j - 1] and w[i - 1][j - 1] > 0:
            mapping[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return mapping, best[t_w][p_w]


def align(truth, rows):
    """Best body start in pdfplumber rows: (start, mapping, matched)."""
    best = (0, [None] * (len(truth[0]) if truth else 0), -1)
    for s in range(len(rows)):
        mapping, matched = map_columns(truth, rows[s:])
        if matched > best[2]:
            best = (s, mapping, matched)
    return best


def score(truth, body, mapping=None):
    """(right, total, mismatches) -- strict, cell by cell, row i vs truth row i."""
    width = len(truth[0]) if truth else 0
    if mapping is None:
        mapping = list(range(width))
    right, total, bad = 0, 0, []
    for i, want_row in enumerate(truth):
        got_row = body[i] if i < len(body) else None
        for c, want in enumerate(want_row):
            total += 1
            have = cell(got_row, mapping[c]) if got_row is not None else None
            if have == want:
                right += 1
            else:
                bad.append(f"row {i + 1} col {c + 1}: {have!r}, truth {want!r}")
    if len(body) != len(truth):
        bad.append(f"{len(body)} rows, truth {len(truth)}")
        total += max(0, len(body) - len(truth)) * width
    return right, total, bad


def budgetpdf_tables(pdf, cache, timing):
    if pdf not in cache:
        t0 = time.perf_counter()
        out = subprocess.run([str(BIN), "tables", str(pdf), "--format", "json"], capture_output=True)
        timing["budgetpdf"] += time.perf_counter() - t0
        try:
            cache[pdf] = json.loads(out.stdout.decode("utf-8"))
        except ValueError:
            print(f"budgetpdf failed on {pdf.name}: {out.stderr.decode('utf-8', 'replace')[-300:]}", file=sys.stderr)
            cache[pdf] = []
    return cache[pdf]


def pdfplumber_body(pdfplumber, pdf_path, pages, truth, timing):
    """(body rows, column mapping, creator, note) for pdfplumber on the truth pages."""
    t0 = time.perf_counter()
    with pdfplumber.open(str(pdf_path)) as pdf:
        creator = (pdf.metadata or {}).get("Creator") or (pdf.metadata or {}).get("Producer") or "?"
        first = pdf.pages[pages[0] - 1]
        candidates = [norm_rows(t.extract()) for t in first.find_tables(table_settings=SETTINGS)]
        following = []
        for p in pages[1:]:
            found = pdf.pages[p - 1].find_tables(table_settings=SETTINGS)
            found = sorted(found, key=lambda t: t.bbox[1])
            following.append(norm_rows(found[0].extract()) if found else [])
    timing["pdfplumber"] += time.perf_counter() - t0
    timing["pdfplumber_pages"] += len(pages)
    if not candidates:
        return [], None, creator, f"no table on page {pages[0]}"
    scored = [(align(truth, rows), rows) for rows in candidates]
    best = max(range(len(scored)), key=lambda i: scored[i][0][2])
    (start, _, _), rows = scored[best]
    header = rows[:start]
    body = rows[start:]
    for more in following:
        k = 0
        while k < len(more) and more[k] in header:
            k += 1
        body += more[k:]
    mapping, _ = map_columns(truth, body)
    note = f"table {best + 1} of {len(candidates)} on page {pages[0]}, {start} leading rows skipped"
    return body, mapping, creator, note


def main():
    ap = argparse.ArgumentParser(description="budgetpdf vs pdfplumber cell accuracy on tests/truth/cells")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "real"))
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus)
    try:
        import pdfplumber
    except ImportError:
        print("pdfplumber is missing: pip install pdfplumber", file=sys.stderr)
        return 2
    build = subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, capture_output=True)
    if build.returncode != 0:
        print("warning: cargo build --release failed; using the existing binary", file=sys.stderr)
    if not BIN.exists():
        print(f"no binary at {BIN}", file=sys.stderr)
        return 2

    timing = {"budgetpdf": 0.0, "pdfplumber": 0.0, "pdfplumber_pages": 0}
    cache, doc_pages = {}, {}
    results = []
    for path in sorted(TRUTH.glob("*.json")):
        truth = json.loads(path.read_text())
        pdf = corpus / truth["file"]
        pages = truth["pages"]
        rows = truth["rows"]
        # budgetpdf
        tables = budgetpdf_tables(pdf, cache, timing)
        ours = next((t for t in tables if t.get("title") == truth["title"]
                     and (t.get("pages") or [None])[0] == pages[0]), None)
        if ours is None:
            found = [(t.get("title"), t.get("pages")) for t in tables if pages[0] in (t.get("pages") or [])]
            b = (0, len(rows) * len(truth["columns"]),
                 [f"no table titled {truth['title']!r} starting on page {pages[0]}; found {found}"])
            b_missing = True
        else:
            b = score(rows, [r["cells"] for r in ours["rows"]])
            b_missing = False
        # pdfplumber
        body, mapping, creator, note = pdfplumber_body(pdfplumber, pdf, pages, rows, timing)
        if mapping is None:
            p = p_pos = (0, len(rows) * len(truth["columns"]), [note])
        else:
            p, p_pos = score(rows, body, mapping), score(rows, body)
        if pdf not in doc_pages:
            with pdfplumber.open(str(pdf)) as d:
                doc_pages[pdf] = len(d.pages)
        results.append((path.stem, creator, len(rows) * len(truth["columns"]), b, p, note, b_missing, p_pos))

    name_w = max(len(r[0]) for r in results)
    prod_w = max(max(shown(r[1]) for r in results), len("producer"))
    print(f"{'truth file':<{name_w}}  {pad('producer', prod_w)}  {'cells':>5}  {'budgetpdf':>9}  {'pdfplumber':>10}  {'(pos.)':>8}")
    tb = [0, 0]
    tp = [0, 0]
    tq = [0, 0]
    truth_cells = 0
    for name, creator, cells, b, p, _, _, q in results:
        truth_cells += cells
        tb[0] += b[0]; tb[1] += b[1]
        tp[0] += p[0]; tp[1] += p[1]
        tq[0] += q[0]; tq[1] += q[1]
        print(f"{name:<{name_w}}  {pad(creator, prod_w)}  {cells:>5}  {b[0] / max(b[1], 1):>9.2%}  {p[0] / max(p[1], 1):>10.2%}  {q[0] / max(q[1], 1):>8.2%}")
    print(f"{'total':<{name_w}}  {pad('', prod_w)}  {truth_cells:>5}  {tb[0] / max(tb[1], 1):>9.2%}  {tp[0] / max(tp[1], 1):>10.2%}  {tq[0] / max(tq[1], 1):>8.2%}")
    print(f"  budgetpdf: {tb[0]}/{tb[1]} cells exactly right; pdfplumber: {tp[0]}/{tp[1]}"
          " (denominators include extra rows)")
    missing = [r[0] for r in results if r[6]]
    print(f"  truth tables budgetpdf found nothing for: {', '.join(missing) if missing else 'none'}")

    print("\nmismatches (first %d per table and tool):" % args.show)
    for name, _, _, b, p, note, _, _ in results:
        if not b[2] and not p[2]:
            continue
        print(f"{name}:")
        for tool, res in (("budgetpdf", b), ("pdfplumber", p)):
            if not res[2]:
                continue
            extra = f" [{note}]" if tool == "pdfplumber" else ""
            print(f"  {tool} ({len(res[2])} issues){extra}:")
            for line in res[2][:args.show]:
                print(f"    {line}")

    n_docs = len(cache)
    doc_pages_total = sum(doc_pages.values())
    print("\nwall clock:")
    print(f"  budgetpdf tables --format json: {timing['budgetpdf']:.2f} s for {n_docs} whole documents"
          f" ({doc_pages_total} pages, {1000 * timing['budgetpdf'] / max(doc_pages_total, 1):.1f} ms/page)")
    print(f"  pdfplumber find_tables+extract: {timing['pdfplumber']:.2f} s for {timing['pdfplumber_pages']} truth pages"
          f" ({1000 * timing['pdfplumber'] / max(timing['pdfplumber_pages'], 1):.1f} ms/page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
