#!/usr/bin/env python3
"""Regenerate budgetpdf's Unicode data tables.

Outputs (paths relative to the crate root):

  src/text/radicals_table.rs        CJK radical / CJK stroke -> equivalent
                                    unified ideograph (Rust source)
  src/pdf/font/data/adobe-gb1.bin   Adobe-GB1  CID -> Unicode (binary)
  src/pdf/font/data/adobe-cns1.bin  Adobe-CNS1 CID -> Unicode (binary)

Provenance
----------
* EquivalentUnifiedIdeograph.txt and CJKRadicals.txt come from the Unicode
  Character Database (Debian package `unicode-data`, /usr/share/unicode/).
  The UCD version is read from the first line of each file and written into
  the generated Rust header.  Unicode data files are distributed under the
  Unicode License (https://www.unicode.org/license.txt).
* The CID -> Unicode tables come from the Debian package `poppler-data`
  (/usr/share/poppler/cidToUnicode/Adobe-GB1 and Adobe-CNS1: one line per
  CID, starting at CID 0, holding the hex Unicode scalar value, "0000" or an
  empty line when the CID has no Unicode value).  poppler-data derives these
  files from Adobe's cmap-resources (https://github.com/adobe-type-tools/
  cmap-resources), which are licensed under the BSD-3-Clause licence.

How to rerun
------------
    apt-get install -y unicode-data poppler-data && python3 scripts/gen_unicode_tables.py

Options: --unicode-dir, --poppler-dir (input locations), --root (crate root,
default: the parent of this script's directory).  Only the Python 3 standard
library is used.  Output is deterministic for given inputs.

Binary format of the CID tables (all integers little-endian)
-----------------------------------------------------------
    offset 0   4 bytes  magic b"BPCU"
    offset 4   u32      n = number of CIDs (CIDs 0 ..= n-1)
    offset 8   u32      m = number of supplementary-plane entries
    offset 12  n x u16  BMP scalar value for each CID; 0x0000 = unmapped,
                        0xD800 (a surrogate, never a scalar) = "look the CID
                        up in the supplementary list"
    then       m x (u32 cid, u32 scalar), sorted by cid, for scalars > 0xFFFF
See src/pdf/font/collection.rs for the reader.
"""

import argparse
import hashlib
import os
import re
import struct
import subprocess
import sys

MAGIC = b"BPCU"
NON_BMP_MARK = 0xD800

# Ranges whose characters normalize.rs treats as radicals/strokes.  Every
# key of the generated table must fall inside one of them (normalize.rs
# checks these ranges before searching the table).
RADICAL_RANGES = [(0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0x31C0, 0x31EF)]

# CJK Unified Ideographs blocks (URO and extensions A..I).
UNIFIED_RANGES = [
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0x2CEB0, 0x2EBEF),
    (0x2EBF0, 0x2EE5F),
    (0x30000, 0x3134F),
    (0x31350, 0x323AF),
]


def in_ranges(cp, ranges):
    return any(lo <= cp <= hi for lo, hi in ranges)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ucd_header_name(path):
    """First line of a UCD file, e.g. 'EquivalentUnifiedIdeograph-15.0.0.txt'."""
    with open(path, encoding="utf-8") as f:
        first = f.readline().lstrip("#").strip()
    m = re.fullmatch(r"([A-Za-z]+)-(\d+\.\d+\.\d+)\.txt", first)
    if not m:
        sys.exit(f"{path}: cannot read the UCD version from header {first!r}")
    return first, m.group(2)


def dpkg_version(package):
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_equivalents(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            if len(fields) != 2:
                sys.exit(f"{path}:{lineno}: expected 2 fields: {raw!r}")
            src, dst = fields
            lo, _, hi = src.partition("..")
            lo = int(lo, 16)
            hi = int(hi, 16) if hi else lo
            dst = int(dst, 16)
            for cp in range(lo, hi + 1):
                if cp in table:
                    sys.exit(f"{path}:{lineno}: U+{cp:04X} listed twice")
                table[cp] = dst
    return table


def parse_cjk_radicals(path):
    """Returns {radical number string: (radical cp, ideograph cp)}."""
    rads = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            num, rad, ideo = [x.strip() for x in line.split(";")]
            rads[num] = (int(rad, 16) if rad else None, int(ideo, 16))
    return rads


def in_gb2312(cp):
    try:
        chr(cp).encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def override_candidates(rads):
    """Kangxi radicals whose equivalent ideograph is not in GB2312 and for
    which CJKRadicals.txt lists no simplified (primed) form.  These are the
    only radicals for which a GB font could plausibly draw the Kangxi code
    point in a simplified shape; normalize.rs reviews them by hand."""
    out = []
    for num, (rad, ideo) in rads.items():
        if num.endswith("'") or rad is None or not (0x2F00 <= rad <= 0x2FDF):
            continue
        if in_gb2312(ideo) or (num + "'") in rads:
            continue
        out.append((rad, ideo))
    return sorted(out)


def rust_char_comment(cp):
    c = chr(cp)
    return c if c.isprintable() else f"U+{cp:04X}"


def write_radicals(root, unicode_dir):
    eq_path = os.path.join(unicode_dir, "EquivalentUnifiedIdeograph.txt")
    rad_path = os.path.join(unicode_dir, "CJKRadicals.txt")
    eq_name, eq_ver = ucd_header_name(eq_path)
    rad_name, rad_ver = ucd_header_name(rad_path)
    table = parse_equivalents(eq_path)
    rads = parse_cjk_radicals(rad_path)

    for src, dst in table.items():
        if not in_ranges(src, RADICAL_RANGES):
            sys.exit(f"U+{src:04X} is outside the ranges normalize.rs checks")
        if not in_ranges(dst, UNIFIED_RANGES):
            sys.exit(f"U+{src:04X} -> U+{dst:04X} is not a unified ideograph")

    candidates = override_candidates(rads)
    lines = [
        "// @generated by scripts/gen_unicode_tables.py -- do not edit by hand.",
        "//",
        f"// Source: Unicode Character Database {eq_ver}, {eq_name}",
        f"//         (sha256 {sha256(eq_path)}),",
        f"//         Debian package unicode-data {dpkg_version('unicode-data')}.",
        "// Licence of the source data: Unicode License,",
        "// https://www.unicode.org/license.txt",
        "//",
        "// Every mapping of EquivalentUnifiedIdeograph.txt (CJK Radicals Supplement,",
        "// Kangxi Radicals, CJK Strokes) from a radical or stroke to the CJK unified",
        "// ideograph with a visually identical or near-identical glyph, sorted by",
        "// code point for binary search.",
        "//",
        f"// Review list (from {rad_name}, UCD {rad_ver}): Kangxi radicals whose",
        "// equivalent ideograph is outside GB2312 and that have no simplified",
        "// (primed) radical form. normalize.rs decides which, if any, get a",
        "// simplified-Chinese override:",
    ]
    for rad, ideo in candidates:
        lines.append(
            f"//   U+{rad:04X} {rust_char_comment(rad)} -> U+{ideo:04X} {rust_char_comment(ideo)}"
        )
    lines += [
        "",
        f"/// Radical or stroke -> equivalent unified ideograph ({len(table)} entries).",
        "pub(super) static RADICAL_TO_IDEOGRAPH: &[(u32, u32)] = &[",
    ]
    # Pad the entries so that the trailing comments line up the way rustfmt
    # aligns them; the output is then stable under `rustfmt --edition 2024`.
    entries = [(f"(0x{s:04X}, 0x{table[s]:04X}),", s) for s in sorted(table)]
    width = max(len(e) for e, _ in entries)
    for entry, src in entries:
        dst = table[src]
        lines.append(
            f"    {entry:<{width}} // {rust_char_comment(src)} -> {rust_char_comment(dst)}"
        )
    lines += ["];", ""]
    out = os.path.join(root, "src", "text", "radicals_table.rs")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
    print(f"{out}: {len(table)} entries (UCD {eq_ver})")
    print("  override review list: " + " ".join(chr(r) + chr(i) for r, i in candidates))


def parse_cid_to_unicode(path):
    values = []
    with open(path, encoding="ascii") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line:
                values.append(0)
                continue
            if not re.fullmatch(r"[0-9A-Fa-f]{4,6}", line):
                sys.exit(f"{path}:{lineno}: unexpected value {line!r}")
            cp = int(line, 16)
            if 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
                sys.exit(f"{path}:{lineno}: not a Unicode scalar value: {line}")
            values.append(cp)
    return values


def write_cid_table(root, poppler_dir, ordering, filename):
    src = os.path.join(poppler_dir, "cidToUnicode", ordering)
    values = parse_cid_to_unicode(src)
    bmp = bytearray()
    supp = []
    for cid, cp in enumerate(values):
        if cp > 0xFFFF:
            bmp += struct.pack("<H", NON_BMP_MARK)
            supp.append((cid, cp))
        else:
            bmp += struct.pack("<H", cp)
    data = bytearray(MAGIC)
    data += struct.pack("<II", len(values), len(supp))
    data += bmp
    for cid, cp in supp:
        data += struct.pack("<II", cid, cp)
    out = os.path.join(root, "src", "pdf", "font", "data", filename)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(data)
    mapped = sum(1 for v in values if v)
    print(
        f"{out}: {len(values)} CIDs, {mapped} mapped, {len(supp)} supplementary-plane, "
        f"{len(data)} bytes (from {src}, sha256 {sha256(src)[:16]}...)"
    )


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unicode-dir", default="/usr/share/unicode")
    ap.add_argument("--poppler-dir", default="/usr/share/poppler")
    ap.add_argument("--root", default=os.path.dirname(here))
    args = ap.parse_args()

    write_radicals(args.root, args.unicode_dir)
    write_cid_table(args.root, args.poppler_dir, "Adobe-GB1", "adobe-gb1.bin")
    write_cid_table(args.root, args.poppler_dir, "Adobe-CNS1", "adobe-cns1.bin")
    print(f"poppler-data {dpkg_version('poppler-data')}")


if __name__ == "__main__":
    main()
