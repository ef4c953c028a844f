#!/usr/bin/env python3
"""How well a scan was read: the document JSON of the original (its text
layer is the truth) against that of its scan (make_scans.py). Tables are
paired by their pages and order; within a pair, rows by position. Prints
tables found and amount cells exactly right.

Usage: compare_scan.py ORIGINAL.json SCAN.json [--verbose]
"""
import json
import re
import sys

AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?$")


def is_amount(text):
    t = text.strip()
    return bool(AMOUNT.match(t)) and any(c.isdigit() for c in t) and not re.match(r"^\d{1,2}$", t)


def main():
    truth = json.load(open(sys.argv[1]))
    scan = json.load(open(sys.argv[2]))
    verbose = "--verbose" in sys.argv
    found = 0
    cells = right = 0
    by_pages = {}
    for t in scan["tables"]:
        by_pages.setdefault(tuple(t["pages"][:1]), []).append(t)
    for t in truth["tables"]:
        candidates = by_pages.get(tuple(t["pages"][:1]), [])
        match = candidates.pop(0) if candidates else None
        if match:
            found += 1
        for r, row in enumerate(t["rows"]):
            other = match["rows"][r]["cells"] if match and r < len(match["rows"]) else []
            for c, cell in enumerate(row["cells"]):
                if not is_amount(cell):
                    continue
                cells += 1
                got = other[c] if c < len(other) else None
                if got is not None and got.replace(" ", "") == cell.replace(" ", ""):
                    right += 1
                elif verbose:
                    print(f"  {t['id']} p{row['page']} r{r} c{c}: {cell!r} read {got!r}")
    tables = len(truth["tables"])
    print(f"tables {found}/{tables}  amount cells {right}/{cells} "
          f"({100.0 * right / max(cells, 1):.1f}%)")


if __name__ == "__main__":
    main()
