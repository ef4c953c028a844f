#!/usr/bin/env python3
"""Character agreement of `budgetpdf text` with poppler's `pdftotext`, per page.

For every page, the non-space characters of both outputs are compared as
multisets: agreement = |common| / max(|ours|, |theirs|). Radicals that poppler
leaves unmapped (⻔ for 门) are mapped through the same Unicode table budgetpdf
uses (src/text/radicals_table.rs) before comparing, as the issue allows.

Usage: python3 scripts/compare_pdftotext.py [PDF or DIR ...]   (default: ../shared/corpus/real)
Needs: poppler-utils (pdftotext) and a release build (cargo build --release).
Prints one line per file (pages, worst page, overall) and exits 1 if any page
is below 99.5%.
"""
import collections, pathlib, re, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "budgetpdf"
THRESHOLD = 0.995


def radical_table():
    path = ROOT / "src" / "text" / "radicals_table.rs"
    table = {}
    if path.exists():
        for a, b in re.findall(r"\(0x([0-9A-Fa-f]+),\s*0x([0-9A-Fa-f]+)\)", path.read_text()):
            table[int(a, 16)] = int(b, 16)
    return table


def pages(text):
    parts = text.split("\f")
    if parts and parts[-1].strip() == "":
        parts = parts[:-1]
    return parts


def counts(text, table):
    return collections.Counter(chr(table.get(ord(c), ord(c))) for c in text if not c.isspace())


def compare(pdf, table):
    ours = subprocess.run([str(BIN), "text", str(pdf)], capture_output=True).stdout.decode("utf-8", "replace")
    theirs = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True).stdout.decode("utf-8", "replace")
    ours_pages, theirs_pages = pages(ours), pages(theirs)
    n = max(len(ours_pages), len(theirs_pages))
    results = []
    for i in range(n):
        a = counts(ours_pages[i] if i < len(ours_pages) else "", table)
        b = counts(theirs_pages[i] if i < len(theirs_pages) else "", table)
        total = max(sum(a.values()), sum(b.values()))
        common = sum((a & b).values())
        results.append((i + 1, common / total if total else 1.0, a - b, b - a, common, total))
    return results


def main():
    args = sys.argv[1:] or [str(ROOT.parent / "shared" / "corpus" / "real")]
    files = []
    for arg in args:
        p = pathlib.Path(arg)
        files += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    table = radical_table()
    failed = False
    grand_common = grand_total = 0
    for pdf in files:
        results = compare(pdf, table)
        worst = min(results, key=lambda r: r[1])
        common = sum(r[4] for r in results)
        total = sum(r[5] for r in results)
        grand_common += common
        grand_total += total
        print(f"{pdf.name}: {len(results)} pages, overall {common / max(total, 1):.4%}, worst page {worst[0]} {worst[1]:.4%}")
        for page, score, extra, missing, _, _ in results:
            if score < THRESHOLD:
                failed = True
                print(f"  page {page}: {score:.4%}  only ours: {''.join(extra.elements())[:80]!r}  only pdftotext: {''.join(missing.elements())[:80]!r}")
    print(f"all files: {grand_common / max(grand_total, 1):.4%} of {grand_total} characters agree")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
