"""Office route: tables as a spreadsheet (openpyxl), the narrative as a
word-processor document (python-docx), both converted to PDF by LibreOffice
headless, as a budget office using an office suite would make them."""

import os
import shutil
import subprocess

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak

from layout import TableLayout, Metrics, col_align

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Cm

THIN = Side(style="thin", color="000000")
MEDIUM = Side(style="medium", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NONE = Border()
INCH = 72.0


def _metrics(font):
    # Line pitch per point of font size as LibreOffice lays these fonts out.
    return Metrics(pitch=1.45 if font.startswith("Noto") else 1.06)


def build_xlsx(model, path, style):
    font_name = style.get("table_font", "AR PL UMing CN")
    title_font = style.get("title_font", font_name)
    size = style.get("table_size", 9)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = style.get("author", "财政局")
    for t in model["tables"]:
        ws = wb.create_sheet(title=f"表{t['id']}")
        L = TableLayout(model, t, size, _metrics(font_name))
        n = L.n
        for c, w in enumerate(L.widths_units):
            ws.column_dimensions[get_column_letter(c + 1)].width = w
        r = 1
        # title
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        cell = ws.cell(r, 1, t["title"])
        cell.font = Font(name=title_font, size=16, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[r].height = L.title_h
        r += 1
        if t.get("org") or t.get("unit"):
            half = max(1, n // 2)
            if t.get("org"):
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=half)
                c0 = ws.cell(r, 1, t["org"])
                c0.font = Font(name=font_name, size=10)
                c0.alignment = Alignment(horizontal="left", vertical="bottom")
            if t.get("unit"):
                if n > half:
                    ws.merge_cells(start_row=r, start_column=half + 1, end_row=r, end_column=n)
                c1 = ws.cell(r, half + 1, t.get("unit_line") or "单位：" + t["unit"])
                c1.font = Font(name=font_name, size=10)
                c1.alignment = Alignment(horizontal="right", vertical="bottom")
            ws.row_dimensions[r].height = L.org_h
            r += 1
        first_header = r

        rules = style.get("rules", "grid")

        def border(header, i, count):
            """The cell's rules for the document's ruling style (see layout.RULINGS)."""
            if rules == "grid" or (rules == "header" and header):
                return BOX
            if rules == "three_line":
                # 三线表: a rule over the header, one under it, one under the body.
                top = MEDIUM if header and i == 0 else None
                bottom = (THIN if header else MEDIUM) if i == count - 1 else None
                return Border(top=top, bottom=bottom)
            return NONE

        def put(rows_grid, heights, start, header):
            for i, line in enumerate(rows_grid):
                rr = start + i
                ws.row_dimensions[rr].height = heights[i]
                for c, cellm in enumerate(line):
                    x = ws.cell(rr, c + 1)
                    x.border = border(header, i, len(rows_grid))
                    if cellm is None:
                        continue
                    if cellm.text != "":
                        x.value = cellm.text
                    x.font = Font(name=font_name, size=size, bold=False)
                    al = col_align(t, c, cellm.text, header)
                    va = cellm.va or "center"
                    x.alignment = Alignment(horizontal=al, vertical=va, wrap_text=True)
                    x.number_format = "@"
                    if cellm.rs > 1 or cellm.cs > 1:
                        ws.merge_cells(start_row=rr, start_column=c + 1,
                                       end_row=rr + cellm.rs - 1, end_column=c + cellm.cs)
            # borders on covered cells are set above (merged cells keep them)

        put(L.header, L.header_h, r, True)
        r += len(L.header)
        last_header = r - 1
        body_start = r
        put(L.body, L.body_h, r, False)
        r += len(L.body)
        for k, note in enumerate(L.notes):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            x = ws.cell(r, 1, note)
            x.font = Font(name=font_name, size=size)
            x.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
            ws.row_dimensions[r].height = L.note_h[k]
            r += 1
        for b in L.breaks:
            ws.row_breaks.append(Break(id=body_start + b - 1))
        if L.header:
            ws.print_title_rows = f"{first_header}:{last_header}"
        ps = ws.page_setup
        ps.orientation = L.orientation
        ps.paperSize = ws.PAPERSIZE_A4
        ps.scale = int(L.scale * 100)
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.print_options.horizontalCentered = True
        m = ws.page_margins
        m.left, m.right = L.margins[0] / INCH, L.margins[1] / INCH
        m.top, m.bottom = L.margins[2] / INCH, L.margins[3] / INCH
        m.header = m.footer = 0.1
        ws.sheet_view.showGridLines = False
    wb.save(path)


# ------------------------------------------------------------------ narrative

def _east_asian(run, name):
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(k), name)


def _para(d, text, font, size, align=None, bold=False, indent=True, before=0, after=0, line=None):
    p = d.add_paragraph()
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    if indent:
        pf.first_line_indent = Pt(size * 2)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if line:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    _east_asian(run, font)
    return p


def _page_break(d):
    p = d.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)


def _page_number_footer(section, font):
    section.different_first_page_header_footer = True
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("— ")
    _east_asian(r, font)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    rr = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    rr.append(t)
    fld.append(rr)
    p._p.append(fld)
    r2 = p.add_run(" —")
    _east_asian(r2, font)


def build_docx(model, path, style):
    body = style.get("body_font", "AR PL UMing CN")
    head = style.get("heading_font", "Noto Sans CJK SC")
    title = style.get("title_font", head)
    kai = style.get("kai_font", "AR PL UKai CN")
    size = style.get("body_size", 15)
    line = style.get("line_spacing", 27)
    d = docx.Document()
    d.core_properties.author = style.get("author", "财政局")
    d.core_properties.title = model["title"]
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.8)
    sec.top_margin, sec.bottom_margin = Cm(3.0), Cm(2.6)
    _page_number_footer(sec, body)
    normal = d.styles["Normal"]
    normal.font.size = Pt(size)
    first_part = True
    for b in model["narrative"]:
        ty = b["type"]
        if ty == "cover":
            for _ in range(6):
                _para(d, "", body, size, indent=False)
            for ln in b["lines"]:
                _para(d, ln, title, 26, WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, after=10)
            for ln in b.get("sub", []):
                _para(d, ln, body, 16, WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=160)
            _page_break(d)
        elif ty == "toc":
            _para(d, b.get("title", "目录"), head, 20, WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=18)
            for text, level in b["entries"]:
                p = _para(d, text, head if level == 0 else body, size if level == 0 else size - 1,
                          indent=False, line=line)
                p.paragraph_format.left_indent = Pt(0 if level == 0 else size * 2)
        elif ty == "part":
            _page_break(d)
            for ln in b["lines"]:
                _para(d, ln, head, 18, WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=6)
            _para(d, "", body, size, indent=False)
        elif ty == "h2":
            _para(d, b["text"], head, size, indent=True, line=line)
        elif ty == "h3":
            _para(d, b["text"], kai, size, indent=True, line=line, bold=True)
        elif ty == "p":
            p = _para(d, b["text"], body, size, WD_ALIGN_PARAGRAPH.JUSTIFY, line=line)
        elif ty == "annex":
            _page_break(d)
            for _ in range(8):
                _para(d, "", body, size, indent=False)
            _para(d, b["text"], head, 22, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        else:
            raise ValueError(ty)
    d.save(path)


def soffice(paths, outdir, profile):
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", outdir] + list(paths)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    outs = [os.path.join(outdir, os.path.splitext(os.path.basename(p))[0] + ".pdf") for p in paths]
    for o in outs:
        if not os.path.exists(o):
            raise RuntimeError(f"LibreOffice made no {o}")
    return outs


def render(model, workdir, profile):
    """Returns the list of part PDFs in document order."""
    style = model.get("style", {})
    os.makedirs(workdir, exist_ok=True)
    dx = os.path.join(workdir, "narrative.docx")
    xl = os.path.join(workdir, "tables.xlsx")
    build_docx(model, dx, style)
    build_xlsx(model, xl, style)
    return soffice([dx, xl], workdir, profile)
