"""Route-independent table layout: column widths in points, row heights,
alignment and page breaks that never cut a vertically merged cell (unless a
merged block is taller than a page)."""

import re

from model import grid, resolve_header, ncols
from textfit import n_lines

NUM_RE = re.compile(r"^-?[\d,]*\d(\.\d+)?$")
AMOUNT_RE = re.compile(r"^-?[\d,]*\d\.\d+$")
# Ruling styles a document's tables are drawn in (style["rules"]), and the
# stem suffix of each variant: every cell ruled (the default); no rules at all;
# 三线表 (a rule over the header, one under it, one under the body); the
# header ruled over an unruled body.
RULINGS = {"grid": "", "none": "-borderless", "three_line": "-three-line", "header": "-header-ruled"}
PAGE = {"portrait": (595.28, 841.89), "landscape": (841.89, 595.28)}


def col_align(table, col, text, header=False):
    if header:
        return "center"
    al = table.get("align")
    if al and al[col] and not AMOUNT_RE.match(text):
        return al[col]
    if AMOUNT_RE.match(text) or text in ("-", "—") or text.endswith("%") and NUM_RE.match(text[:-1].lstrip("≥≤")):
        return "right"
    if NUM_RE.match(text):
        return "center"
    if text in ("合计", "总计", "小计"):
        return "center"
    return "left"


def effective_widths(model, table, size, font_pad=4.0):
    """Column widths in sheet units (7 pt each): the model's widths, widened
    where an amount would not fit on one line (amounts never wrap)."""
    from textfit import char_width
    widths = list(table["widths"])
    body = grid(table["body"], ncols(table))
    for line in body:
        for c, cell in enumerate(line):
            if cell is None or cell.cs != 1 or not AMOUNT_RE.match(cell.text):
                continue
            need = (sum(char_width(ch, size) for ch in cell.text) + font_pad) / 7.0
            if need > widths[c]:
                widths[c] = round(need + 0.05, 2)
    return widths


class Metrics:
    """Font metrics of a route: line pitch per point of size, cell padding."""

    def __init__(self, pitch=1.06, pad_x=1.5, pad_y=4.0, min_h=16.0, slack=1.12):
        self.pitch, self.pad_x, self.pad_y, self.min_h = pitch, pad_x, pad_y, min_h
        self.slack = slack

    def height(self, text, width, size):
        lines = n_lines(text, width - 2 * self.pad_x, size)
        if lines > 1:
            # line-breaking rules (no line starts with a closing mark) and
            # glyph widths push text onto more lines than the estimate
            lines = int(lines * self.slack + 0.999)
        return max(self.min_h, lines * size * self.pitch + self.pad_y)


def row_heights(rows_grid, widths_pt, size, metrics):
    """Heights of rows so every cell's text fits (spans share their rows)."""
    n = len(rows_grid)
    h = [metrics.min_h] * n
    multi = []
    for r, line in enumerate(rows_grid):
        for c, cell in enumerate(line):
            if cell is None:
                continue
            w = sum(widths_pt[c:c + cell.cs])
            need = metrics.height(cell.text, w, size)
            if cell.rs == 1:
                h[r] = max(h[r], need)
            else:
                multi.append((r, cell.rs, need))
    for r, rs, need in multi:
        have = sum(h[r:r + rs])
        if have < need:
            extra = (need - have) / rs
            for k in range(r, r + rs):
                h[k] += extra
    return [round(x + 0.49) for x in h]


def blocks(rows_grid):
    """Maximal runs of rows tied together by vertical spans: [(start, end)]."""
    n = len(rows_grid)
    reach = list(range(n))
    for r, line in enumerate(rows_grid):
        for cell in line:
            if cell is not None and cell.rs > 1:
                reach[r] = max(reach[r], r + cell.rs - 1)
    out, r = [], 0
    while r < n:
        end = reach[r]
        k = r
        while k <= end:
            end = max(end, reach[k])
            k += 1
        out.append((r, end))
        r = end + 1
    return out


def page_breaks(body_h, body_grid, first_avail, next_avail):
    """Indices of body rows that start a new page."""
    breaks = []
    avail = first_avail
    used = 0.0
    for (a, b) in blocks(body_grid):
        bh = sum(body_h[a:b + 1])
        if used + bh <= avail:
            used += bh
            continue
        if bh <= next_avail and used > 0:
            breaks.append(a)
            avail, used = next_avail, bh
            continue
        # a block taller than a page (or the first block): break inside it
        for r in range(a, b + 1):
            if used + body_h[r] > avail and used > 0:
                breaks.append(r)
                avail, used = next_avail, 0.0
            used += body_h[r]
    return breaks


class TableLayout:
    def __init__(self, model, table, size, metrics, margins=(28.0, 28.0, 34.0, 34.0),
                 title_h=34.0, org_h=20.0, note_size=None):
        self.table = table
        self.orientation = table.get("orientation", "portrait")
        self.page_w, self.page_h = PAGE[self.orientation]
        self.margins = margins  # left, right, top, bottom
        self.n = ncols(table)
        self.size = size
        self.header = grid(resolve_header(model, table), self.n)
        self.body = grid(table["body"], self.n)
        avail_w = self.page_w - margins[0] - margins[1]
        self.widths_units = effective_widths(model, table, size)
        raw = [w * 7.0 for w in self.widths_units]
        self.scale = min(1.0, avail_w / sum(raw))
        self.widths_pt = raw  # unscaled (the office route scales the whole sheet)
        self.header_h = row_heights(self.header, raw, size, metrics) if self.header else []
        self.body_h = row_heights(self.body, raw, size, metrics)
        ns = note_size or size
        self.notes = table.get("notes", [])
        self.note_h = [round(metrics.height(t, sum(raw), ns) + 2) for t in self.notes]
        self.title_h, self.org_h = title_h, org_h
        avail_h = (self.page_h - margins[2] - margins[3]) / self.scale * 0.97
        top = title_h + (org_h if table.get("org") or table.get("unit") else 0) + sum(self.header_h)
        self.breaks = page_breaks(self.body_h, self.body, avail_h - top, avail_h - sum(self.header_h))
