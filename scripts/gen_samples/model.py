"""The document model shared by every layout route.

A model is a dict (stored as JSON, see seed_model.json) with the document's
identity, its narrative blocks and its tables. A table's header and body are
lists of rows in HTML table semantics: a cell is a string or
{"t": text, "cs": columns, "rs": rows, "va": "top"}; positions covered by a
span from an earlier row are skipped. `grid()` expands that into a full
rectangle of Cell objects, which the renderers and the truth writer share.
"""

import json
from decimal import Decimal


class Cell:
    __slots__ = ("text", "rs", "cs", "origin", "va")

    def __init__(self, text, rs=1, cs=1, origin=True, va=None):
        self.text, self.rs, self.cs, self.origin, self.va = text, rs, cs, origin, va


def _parse(c):
    if isinstance(c, str):
        return c, 1, 1, None
    return c.get("t", ""), c.get("rs", 1), c.get("cs", 1), c.get("va")


def grid(rows, ncols):
    """Expand HTML-style rows into a list of rows of Cell (None where covered)."""
    out = []
    covered = {}  # (r, c) -> True
    for r, row in enumerate(rows):
        line = [None] * ncols
        it = iter(row)
        c = 0
        for cell in it:
            while c < ncols and (r, c) in covered:
                c += 1
            if c >= ncols:
                raise ValueError(f"row {r}: too many cells: {row}")
            text, rs, cs, va = _parse(cell)
            if c + cs > ncols:
                raise ValueError(f"row {r}: span past the last column: {row}")
            line[c] = Cell(text, rs, cs, True, va)
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        covered[(r + dr, c + dc)] = True
            c += cs
        while c < ncols and (r, c) in covered:
            c += 1
        if c != ncols:
            raise ValueError(f"row {r}: {c} columns, expected {ncols}: {row}")
        out.append(line)
    for (r, c) in covered:
        if r >= len(rows):
            raise ValueError(f"a row span runs past the last row (row {r})")
    return out


def resolve_header(model, table):
    h = table["header"]
    if isinstance(h, str) and h.startswith("@"):
        return model["shared_headers"][h[1:]]
    return h


def ncols(table):
    return len(table["widths"])


def header_paths(model, table):
    """Header path of each leaf column: texts top to bottom, a cell spanning
    rows appears once, empty texts skipped."""
    n = ncols(table)
    g = grid(resolve_header(model, table), n)
    paths = [[] for _ in range(n)]
    for r, line in enumerate(g):
        for c, cell in enumerate(line):
            if cell is None:
                continue
            for dc in range(cell.cs):
                if cell.text:
                    paths[c + dc].append(cell.text)
    return paths


def body_rows(table):
    """Rows as the extractor reports them: text in the top-left cell of a
    span, "" elsewhere; rows whose every cell is empty dropped."""
    n = ncols(table)
    g = grid(table["body"], n)
    rows = []
    for line in g:
        row = [cell.text if cell is not None else "" for cell in line]
        if any(x != "" for x in row):
            rows.append(row)
    return rows


def dec(s):
    """A printed amount as a Decimal ('' and '-' are zero)."""
    s = s.replace(",", "").strip()
    if s in ("", "-", "—"):
        return Decimal(0)
    return Decimal(s)


def fact_str(d):
    """Facts as canonical decimal strings: no exponent, no trailing zeros."""
    d = Decimal(d)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    s = format(d.normalize(), "f")
    return s


# ---------------------------------------------------------------- JSON layout

def _dumps_compact(v):
    return json.dumps(v, ensure_ascii=False)


def dump_model(model, path):
    """Write a model as JSON with one table row per line (readable diffs)."""
    lines = ["{"]
    keys = list(model.keys())
    for i, k in enumerate(keys):
        v = model[k]
        comma = "," if i < len(keys) - 1 else ""
        if k == "tables":
            lines.append(f'"tables": [')
            for ti, t in enumerate(v):
                lines.append("  {")
                tk = list(t.keys())
                for j, kk in enumerate(tk):
                    c2 = "," if j < len(tk) - 1 else ""
                    vv = t[kk]
                    if kk in ("header", "body") and isinstance(vv, list):
                        if not vv:
                            lines.append(f'   "{kk}": []{c2}')
                            continue
                        lines.append(f'   "{kk}": [')
                        for ri, row in enumerate(vv):
                            c3 = "," if ri < len(vv) - 1 else ""
                            lines.append("    " + _dumps_compact(row) + c3)
                        lines.append(f"   ]{c2}")
                    else:
                        lines.append(f'   "{kk}": {_dumps_compact(vv)}{c2}')
                lines.append("  }" + ("," if ti < len(v) - 1 else ""))
            lines.append("]" + comma)
        elif k == "narrative":
            lines.append('"narrative": [')
            for bi, b in enumerate(v):
                lines.append("  " + _dumps_compact(b) + ("," if bi < len(v) - 1 else ""))
            lines.append("]" + comma)
        elif k == "shared_headers":
            lines.append('"shared_headers": {')
            sk = list(v.keys())
            for si, name in enumerate(sk):
                lines.append(f'  "{name}": [')
                rows = v[name]
                for ri, row in enumerate(rows):
                    lines.append("    " + _dumps_compact(row) + ("," if ri < len(rows) - 1 else ""))
                lines.append("  ]" + ("," if si < len(sk) - 1 else ""))
            lines.append("}" + comma)
        else:
            lines.append(f'"{k}": {json.dumps(v, ensure_ascii=False, indent=1) if isinstance(v, (dict, list)) else _dumps_compact(v)}{comma}')
    lines.append("}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def load_model(path):
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
    for t in m["tables"]:
        grid(resolve_header(m, t), ncols(t))
        grid(t["body"], ncols(t))
    return m
