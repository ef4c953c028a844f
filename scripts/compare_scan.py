#!/usr/bin/env python3
"""How well a scan was read: the document JSON of the original (its text
layer is the truth) against that of its scan (make_scans.py). Tables are
paired by their first page (the scan's table there sharing most
figures with the original's). An amount cell is right when the
paired table has the same figure in the same column (each figure of the scan
counts once); rows may be split or joined differently, so they are not
paired. Prints tables found and amount cells exactly right.

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
        figures = {c.replace(" ", "") for row in t["rows"] for c in row["cells"] if is_amount(c)}
        shared = lambda s: sum(c.replace(" ", "") in figures for row in s["rows"] for c in row["cells"])
        match = max(candidates, key=shared) if candidates else None
        if match:
            candidates.remove(match)
        if match:
            found += 1
        # The scan's figures, by column, each usable once.
        pool = {}
        for row in (match or {}).get("rows", []):
            for c, cell in enumerate(row["cells"]):
                key = (c, cell.replace(" ", ""))
                pool[key] = pool.get(key, 0) + 1
        for r, row in enumerate(t["rows"]):
            for c, cell in enumerate(row["cells"]):
                if not is_amount(cell):
                    continue
                cells += 1
                key = (c, cell.replace(" ", ""))
                if pool.get(key, 0) > 0:
                    pool[key] -= 1
                    right += 1
                elif verbose:
                    print(f"  {t['id']} p{row['page']} r{r} c{c}: {cell!r} not read")
    tables = len(truth["tables"])
    print(f"tables {found}/{tables}  amount cells {right}/{cells} "
          f"({100.0 * right / max(cells, 1):.1f}%)")


if __name__ == "__main__":
    main()
