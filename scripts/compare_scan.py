#!/usr/bin/env python3
"""How well a scan was read: the document JSON of the original (its text
layer is the truth) against that of its scan (make_scans.py). Tables are
paired on their first page, the pairs sharing most figures first. An amount cell is right when the
paired table has the same figure in the same column (each figure of the scan
counts once); rows may be split or joined differently, so they are not
paired. Prints tables found and amount cells exactly right.

Usage: compare_scan.py ORIGINAL.json SCAN.json [--verbose]
"""
import json
from collections import Counter
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
    def figures(table):
        return [c.replace(" ", "") for row in table["rows"] for c in row["cells"] if is_amount(c)]

    # Pairs on one first page, most figures shared first.
    pairs = []
    for ti, t in enumerate(truth["tables"]):
        wanted = Counter(figures(t))
        for si, s in enumerate(scan["tables"]):
            if s["pages"][:1] == t["pages"][:1]:
                shared = sum((wanted & Counter(figures(s))).values())
                pairs.append((-shared, ti, si))
    match = {}
    used = set()
    for _, ti, si in sorted(pairs):
        if ti not in match and si not in used:
            match[ti] = si
            used.add(si)
    found = len(match)
    cells = right = 0
    for ti, t in enumerate(truth["tables"]):
        pool = {}
        if ti in match:
            for row in scan["tables"][match[ti]]["rows"]:
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
