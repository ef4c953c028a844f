"""Second route: reportlab draws the narrative and the tables itself (platypus
tables with spans, wrapped cells and the header repeated on every page).

style.font = "ttf": an embedded TrueType subset of a CJK font (AR PL UMing CN);
style.font = "cid": the non-embedded Adobe CID font STSong-Light, which
reportlab writes as a Type0 font with the predefined CMap UniGB-UCS2-H.
"""

import os

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from layout import col_align, effective_widths
from model import grid, ncols, resolve_header

rl_config.invariant = 1  # fixed dates and file identifier

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def fonts(style):
    if style.get("font") == "cid":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light", "STSong-Light"
    path = style.get("font_file", "/usr/share/fonts/truetype/arphic/uming.ttc")
    pdfmetrics.registerFont(TTFont("UMingCN", path, subfontIndex=style.get("font_index", 0)))
    kai = "/usr/share/fonts/truetype/arphic/ukai.ttc"
    if os.path.exists(kai):
        pdfmetrics.registerFont(TTFont("UKaiCN", kai, subfontIndex=0))
        return "UMingCN", "UKaiCN"
    return "UMingCN", "UMingCN"


def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _meta(canvas, doc, title):
    canvas.setTitle(title)
    canvas.setAuthor("财政局")
    canvas.setCreator("Microsoft Office Word")


def narrative_pdf(model, path, body, head):
    size = 13
    P = ParagraphStyle("p", fontName=body, fontSize=size, leading=24, firstLineIndent=2 * size,
                       alignment=TA_JUSTIFY, wordWrap="CJK")
    H2 = ParagraphStyle("h2", parent=P, fontName=head)
    H3 = ParagraphStyle("h3", parent=P, fontName=head)
    PART = ParagraphStyle("part", fontName=head, fontSize=17, leading=30, alignment=TA_CENTER, wordWrap="CJK")
    COVER = ParagraphStyle("cover", fontName=head, fontSize=26, leading=44, alignment=TA_CENTER, wordWrap="CJK")
    TOC0 = ParagraphStyle("toc0", fontName=head, fontSize=size, leading=24, wordWrap="CJK")
    TOC1 = ParagraphStyle("toc1", parent=TOC0, fontName=body, leftIndent=2 * size)
    story = []
    for b in model["narrative"]:
        ty = b["type"]
        if ty == "cover":
            story.append(Spacer(1, 200))
            for ln in b["lines"]:
                story.append(Paragraph(_esc(ln), COVER))
            story.append(PageBreak())
        elif ty == "toc":
            story.append(Paragraph(b.get("title", "目录"), PART))
            story.append(Spacer(1, 12))
            for text, level in b["entries"]:
                story.append(Paragraph(_esc(text), TOC0 if level == 0 else TOC1))
        elif ty == "part":
            story.append(PageBreak())
            for ln in b["lines"]:
                story.append(Paragraph(_esc(ln), PART))
            story.append(Spacer(1, 14))
        elif ty == "h2":
            story.append(Paragraph(_esc(b["text"]), H2))
        elif ty == "h3":
            story.append(Paragraph(_esc(b["text"]), H3))
        elif ty == "p":
            story.append(Paragraph(_esc(b["text"]), P))
        elif ty == "annex":
            story.append(PageBreak())
            story.append(Spacer(1, 220))
            story.append(Paragraph(_esc(b["text"]), PART))
    title = model["title"]

    def later(canvas, doc):
        _meta(canvas, doc, title)
        canvas.saveState()
        canvas.setFont(body, 10.5)
        canvas.drawCentredString(A4[0] / 2, 36, f"— {doc.page} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=76, rightMargin=76, topMargin=80, bottomMargin=70,
                            title=title, author="财政局", creator="Microsoft Office Word")
    doc.build(story, onFirstPage=lambda c, d: _meta(c, d, title), onLaterPages=later)


def rule_commands(rules, header_rows):
    """TableStyle rules for the document's ruling style (see layout.RULINGS)."""
    black = colors.black
    if rules == "grid":
        return [("GRID", (0, 0), (-1, -1), 0.5, black)]
    if rules == "header":
        return [("GRID", (0, 0), (-1, header_rows - 1), 0.5, black)] if header_rows else []
    if rules == "three_line":
        cmds = [("LINEABOVE", (0, 0), (-1, 0), 1.0, black), ("LINEBELOW", (0, -1), (-1, -1), 1.0, black)]
        if header_rows:
            cmds.append(("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.5, black))
        return cmds
    return []


def table_pdf(model, t, path, body, head, size=8.5):
    n = ncols(t)
    orient = t.get("orientation", "portrait")
    ps = landscape(A4) if orient == "landscape" else A4
    lm = rm = 30
    avail = ps[0] - lm - rm
    raw = [w * 7.0 for w in effective_widths(model, t, size)]
    scale = min(1.0, avail / sum(raw))
    cw = [w * scale for w in raw]
    lead = size * 1.22
    hdr = grid(resolve_header(model, t), n) if t["header"] else []
    bod = grid(t["body"], n)
    styles = {}

    def para(text, al, bold=False):
        key = (al, bold)
        if key not in styles:
            styles[key] = ParagraphStyle(f"c{len(styles)}", fontName=head if bold else body, fontSize=size,
                                         leading=lead, alignment=ALIGN[al], wordWrap="CJK")
        return Paragraph(_esc(text), styles[key])

    data, cmds = [], rule_commands(model.get("style", {}).get("rules", "grid"), len(hdr)) + [
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                      ("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
                      ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for ri, line in enumerate(hdr + bod):
        is_h = ri < len(hdr)
        row = []
        for c, cell in enumerate(line):
            if cell is None:
                row.append("")
                continue
            row.append(para(cell.text, col_align(t, c, cell.text, is_h)) if cell.text else "")
            if cell.rs > 1 or cell.cs > 1:
                cmds.append(("SPAN", (c, ri), (c + cell.cs - 1, ri + cell.rs - 1)))
            if cell.va == "top":
                cmds.append(("VALIGN", (c, ri), (c, ri), "TOP"))
        data.append(row)
    T = Table(data, colWidths=cw, repeatRows=len(hdr), style=TableStyle(cmds), splitInRow=1)
    TITLE = ParagraphStyle("title", fontName=head, fontSize=16, leading=24, alignment=TA_CENTER, wordWrap="CJK")
    story = [Paragraph(_esc(t["title"]), TITLE), Spacer(1, 6)]
    if t.get("org") or t.get("unit"):
        L = ParagraphStyle("org", fontName=body, fontSize=10, leading=13, alignment=TA_LEFT, wordWrap="CJK")
        Rt = ParagraphStyle("unit", parent=L, alignment=TA_RIGHT)
        line = Table([[Paragraph(_esc(t.get("org") or ""), L),
                       Paragraph(_esc(t.get("unit_line") or ("单位：" + t["unit"] if t.get("unit") else "")), Rt)]],
                     colWidths=[sum(cw) * 0.6, sum(cw) * 0.4],
                     style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(line)
    story.append(T)
    for note in t.get("notes", []):
        story.append(Spacer(1, 4))
        story.append(Paragraph(_esc(note), ParagraphStyle("note", fontName=body, fontSize=size, leading=lead,
                                                          wordWrap="CJK")))
    title = model["title"]
    doc = SimpleDocTemplate(path, pagesize=ps, leftMargin=lm, rightMargin=rm, topMargin=30, bottomMargin=30,
                            title=title, author="财政局", creator="Microsoft Office Excel")
    doc.build(story, onFirstPage=lambda c, d: _meta(c, d, title), onLaterPages=lambda c, d: _meta(c, d, title))


def render(model, workdir):
    os.makedirs(workdir, exist_ok=True)
    body, head = fonts(model.get("style", {}))
    parts = [os.path.join(workdir, "narrative.pdf")]
    narrative_pdf(model, parts[0], body, head)
    for t in model["tables"]:
        p = os.path.join(workdir, f"table{t['id']:02d}.pdf")
        table_pdf(model, t, p, body, body)
        parts.append(p)
    return parts
