#!/usr/bin/env python3
"""Compares budgetpdf's document JSON with the generator's truth (a report
for people; the truth is never written from budgetpdf's output).

    budgetpdf extract --out /tmp/bp samples/generated/
    python3 scripts/gen_samples/compare_truth.py /tmp/bp samples/truth
"""

import json
import os
import sys
from decimal import Decimal, InvalidOperation


def num(s):
    try:
        return Decimal(str(s).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def compare(doc, truth, out):
    n_bad = 0
    for k in ("title", "entity", "fiscal_year", "kind", "scope"):
        if doc["document"].get(k) != truth[k]:
            out.append(f"  document.{k}: truth {truth[k]!r} / budgetpdf {doc['document'].get(k)!r}")
            n_bad += 1
    got = doc["tables"]
    by_title = {}
    for t in got:
        by_title.setdefault(t.get("title"), []).append(t)
    for i, tt in enumerate(truth["tables"]):
        cands = by_title.get(tt["title"], [])
        name = f"table {i + 1} {tt['title']}"
        if not cands:
            out.append(f"  {name}: not found (budgetpdf titles: {[t.get('title') for t in got]})")
            n_bad += 1
            continue
        g = cands.pop(0)
        if g.get("pages") != tt["pages"]:
            out.append(f"  {name}: pages truth {tt['pages']} / budgetpdf {g.get('pages')}")
            n_bad += 1
        if g.get("unit") != tt["unit"]:
            out.append(f"  {name}: unit truth {tt['unit']!r} / budgetpdf {g.get('unit')!r}")
            n_bad += 1
        if g.get("columns") != tt["columns"]:
            nc = max(len(g.get("columns", [])), len(tt["columns"]))
            diffs = []
            for c in range(nc):
                a = tt["columns"][c] if c < len(tt["columns"]) else None
                b = g["columns"][c] if c < len(g.get("columns", [])) else None
                if a != b:
                    diffs.append(f"col {c + 1}: truth {a} / budgetpdf {b}")
            out.append(f"  {name}: {len(diffs)} header paths differ: " + "; ".join(diffs[:6]) + (" …" if len(diffs) > 6 else ""))
            n_bad += 1
        grows = [r["cells"] for r in g.get("rows", [])]
        trows = tt["rows"]
        if grows != trows:
            diffs = []
            for r in range(max(len(grows), len(trows))):
                a = trows[r] if r < len(trows) else None
                b = grows[r] if r < len(grows) else None
                if a != b:
                    if a is None or b is None or len(a) != len(b):
                        diffs.append(f"row {r + 1}: truth {a} / budgetpdf {b}")
                    else:
                        cells = [f"col {c + 1} {a[c]!r}→{b[c]!r}" for c in range(len(a)) if a[c] != b[c]]
                        diffs.append(f"row {r + 1}: " + ", ".join(cells))
            out.append(f"  {name}: rows truth {len(trows)} / budgetpdf {len(grows)}, {len(diffs)} differ:")
            for d in diffs[:8]:
                out.append("      " + d)
            if len(diffs) > 8:
                out.append(f"      … {len(diffs) - 8} more")
            n_bad += 1
    extra = [t.get("title") for ts in by_title.values() for t in ts]
    if extra:
        out.append(f"  extra tables in budgetpdf: {extra}")
        n_bad += 1
    facts = {}
    for f in doc.get("facts", []):
        facts.setdefault(f["key"], set()).add(num(f.get("value")))
    for k, v in truth["facts"].items():
        if k in facts and facts[k] != {num(v)}:
            out.append(f"  fact {k}: truth {v} / budgetpdf {sorted(str(x) for x in facts[k])}")
            n_bad += 1
    return n_bad


def main():
    bp, truth_dir = sys.argv[1], sys.argv[2]
    total = 0
    for name in sorted(os.listdir(truth_dir)):
        if not name.endswith(".json"):
            continue
        truth = json.load(open(os.path.join(truth_dir, name), encoding="utf-8"))
        path = os.path.join(bp, name)
        out = []
        if not os.path.exists(path):
            print(f"{name}: no budgetpdf output")
            continue
        n = compare(json.load(open(path, encoding="utf-8")), truth, out)
        print(f"{name}: {n} differences")
        print("\n".join(out))
        total += n
    print(f"total differences: {total}")


if __name__ == "__main__":
    main()
