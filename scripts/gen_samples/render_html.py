"""Third route: the document as HTML (tables with rowspan/colspan, <thead>
repeated on every printed page, named landscape pages) printed to PDF by
headless Chromium, whose Skia backend writes Type0 fonts (CIDFontType2 for
TrueType, CIDFontType0 for CFF) with Identity-H and a ToUnicode CMap."""

import html
import os
import shutil
import subprocess

from layout import col_align, effective_widths
from model import grid, ncols, resolve_header

CSS = """
@page { size: A4 portrait; margin: 16mm 12mm 14mm 12mm; }
@page land { size: A4 landscape; margin: 12mm 10mm 12mm 10mm; }
body { font-family: "%(body)s"; font-size: 10.5pt; margin: 0; }
.cover { break-after: page; text-align: center; padding-top: 70mm; }
.cover h1 { font-family: "%(head)s"; font-size: 26pt; font-weight: normal; line-height: 1.6; margin: 0; }
.toc { break-after: page; }
.toc h2 { font-weight: normal; text-align: center; font-family: "%(head)s"; font-size: 18pt; }
.toc p { margin: 0; line-height: 2.0; font-size: 13pt; }
.toc p.l1 { padding-left: 2em; font-family: "%(body)s"; }
.toc p.l0 { font-family: "%(head)s"; }
.part { break-before: page; text-align: center; font-family: "%(head)s"; font-size: 17pt; line-height: 1.8; margin-bottom: 1em; }
p.t { text-indent: 2em; line-height: 1.9; font-size: 13pt; margin: 0; text-align: justify; }
p.h2 { text-indent: 2em; line-height: 1.9; font-size: 13pt; margin: 0; font-family: "%(head)s"; }
p.h3 { text-indent: 2em; line-height: 1.9; font-size: 13pt; margin: 0; font-family: "%(head)s"; }
.annex { break-before: page; text-align: center; padding-top: 90mm; font-family: "%(head)s"; font-size: 20pt; }
section.tbl { break-before: page; }
section.tbl.land { page: land; }
section.tbl:first-child { break-before: auto; }
h2.tt { font-weight: normal; text-align: center; font-family: "%(head)s"; font-size: 16pt; margin: 0 0 4pt 0; }
.org { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 2pt; }
table.g { border-collapse: collapse; table-layout: fixed; font-size: %(size)spt; line-height: 1.25; }
table.g td, table.g th { border: 0.6pt solid #000; padding: 1.5pt 2pt; word-break: break-all; overflow-wrap: anywhere; }
table.g th { font-weight: normal; text-align: center; vertical-align: middle; }
table.g td { vertical-align: middle; }
table.g td.top { vertical-align: top; }
table.g tr { break-inside: avoid; }
table.g.none td, table.g.none th, table.g.header td, table.g.three_line td, table.g.three_line th { border: none; }
table.g.three_line thead tr:first-child th { border-top: 1pt solid #000; }
table.g.three_line thead { border-bottom: 0.6pt solid #000; }
table.g.three_line tbody tr:last-child td { border-bottom: 1pt solid #000; }
.note { font-size: %(size)spt; margin-top: 4pt; }
"""


def _e(s):
    return html.escape(s, quote=False)


def narrative_html(model, style):
    out = []
    for b in model["narrative"]:
        ty = b["type"]
        if ty == "cover":
            out.append('<div class="cover"><h1>' + "<br>".join(_e(x) for x in b["lines"]) + "</h1></div>")
        elif ty == "toc":
            out.append('<div class="toc"><h2>' + _e(b.get("title", "目录")) + "</h2>")
            for text, level in b["entries"]:
                out.append(f'<p class="l{level}">{_e(text)}</p>')
            out.append("</div>")
        elif ty == "part":
            out.append('<div class="part">' + "<br>".join(_e(x) for x in b["lines"]) + "</div>")
        elif ty == "h2":
            out.append(f'<p class="h2">{_e(b["text"])}</p>')
        elif ty == "h3":
            out.append(f'<p class="h3">{_e(b["text"])}</p>')
        elif ty == "p":
            out.append(f'<p class="t">{_e(b["text"])}</p>')
        elif ty == "annex":
            out.append(f'<div class="annex">{_e(b["text"])}</div>')
    return out


def table_html(model, t, size):
    n = ncols(t)
    land = t.get("orientation") == "landscape"
    avail = (297 - 20 if land else 210 - 24) / 25.4 * 72
    w = [x * 7.0 for x in effective_widths(model, t, size)]
    sc = min(1.0, avail / sum(w))
    w = [x * sc for x in w]
    out = [f'<section class="tbl{" land" if land else ""}">', f'<h2 class="tt">{_e(t["title"])}</h2>']
    if t.get("org") or t.get("unit"):
        unit = t.get("unit_line") or ("单位：" + t["unit"] if t.get("unit") else "")
        out.append(f'<div class="org" style="width:{sum(w):.1f}pt"><span>{_e(t.get("org") or "")}</span><span>{_e(unit)}</span></div>')
    rules = model.get("style", {}).get("rules", "grid")
    out.append(f'<table class="g {rules}" style="width:{sum(w):.1f}pt"><colgroup>' +
               "".join(f'<col style="width:{x:.2f}pt">' for x in w) + "</colgroup>")
    hdr = grid(resolve_header(model, t), n) if t["header"] else []
    if hdr:
        out.append("<thead>")
        for line in hdr:
            out.append("<tr>" + "".join(
                f'<th{_span(c)}>{_e(c.text)}</th>' for c in line if c is not None) + "</tr>")
        out.append("</thead>")
    out.append("<tbody>")
    for line in grid(t["body"], n):
        cells = []
        for ci, c in enumerate(line):
            if c is None:
                continue
            al = col_align(t, ci, c.text)
            cls = ' class="top"' if (c.va == "top" or c.rs > 1) else ""
            cells.append(f'<td{_span(c)}{cls} style="text-align:{al}">{_e(c.text)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    for note in t.get("notes", []):
        out.append(f'<div class="note" style="width:{sum(w):.1f}pt">{_e(note)}</div>')
    out.append("</section>")
    return out


def _span(c):
    s = ""
    if c.rs > 1:
        s += f' rowspan="{c.rs}"'
    if c.cs > 1:
        s += f' colspan="{c.cs}"'
    return s


def page(body, style):
    css = CSS % {"body": style.get("body_font", "AR PL UMing CN"), "head": style.get("heading_font", "Noto Sans CJK SC"),
                 "size": style.get("table_size", 8.5)}
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + "</title><style>" + css +
            "</style></head><body>" + "\n".join(body) + "</body></html>")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    raise RuntimeError("no chromium: apt-get install -y chromium")


def print_pdf(src, dst, workdir):
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           "--print-to-pdf-no-header", f"--user-data-dir={os.path.join(workdir, 'chrome_profile')}",
           "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
           f"--print-to-pdf={dst}", "file://" + src]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    if not os.path.exists(dst):
        raise RuntimeError(f"chromium made no {dst}")


def render(model, workdir):
    os.makedirs(workdir, exist_ok=True)
    style = model.get("style", {})
    size = style.get("table_size", 8.5)
    parts = []
    for name, body in (("narrative", narrative_html(model, style)),
                       ("tables", [x for t in model["tables"] for x in table_html(model, t, size)])):
        src = os.path.join(workdir, name + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(page(body, style))
        dst = os.path.join(workdir, name + ".pdf")
        print_pdf(src, dst, workdir)
        parts.append(dst)
    return parts
