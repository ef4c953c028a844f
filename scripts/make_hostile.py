#!/usr/bin/env python3
"""Writes the hostile and damaged inputs of the fuzzing campaign's findings
into DIR, one of each class (scripts/hostile_batch.sh mixes them into a
batch; tests/hostile.rs builds the same classes in code):

  grid-book.pdf        25 pages of 300 x 300 ruled grids with a figure per cell
  grid-600.pdf         one 600 x 600 grid
  page-tree-loop.pdf   a page tree whose Kids contain the tree itself
  flate-bomb.pdf       a content stream inflating to 1 GB
  unknown-handler.pdf  encrypted with a security handler that is not /Standard
  wrong-length.pdf     a content stream whose /Length is wrong
  absurd-widths.pdf    a font with /Widths of 1e30
  cut-download.pdf     a real disclosure cut to 40% of its bytes
  pipe.pdf             a FIFO (a reader that opens it blocks forever)
  zero.pdf             a link to /dev/zero (a reader that reads it never ends)

Usage: python3 scripts/make_hostile.py DIR [REAL_PDF]
"""
import os, sys, zlib


def pdf(objects, trailer_extra=""):
    """A PDF from object bodies (object i + 1 is objects[i]); object 1 is the catalog."""
    buf = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(buf))
        buf += f"{i + 1} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(buf)
    buf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        buf += f"{o:010d} 00000 n \n".encode()
    buf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(buf)


def stream(data, extra=b"", length=None):
    n = len(data) if length is None else length
    return b"<< /Length %d %s>>\nstream\n" % (n, extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Total 1,234.50) Tj ET"


def one_page(content, font=FONT, kids_extra=b"", length=None, trailer_extra=""):
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R" + kids_extra + b"] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font,
        stream(content, length=length) if not isinstance(content, tuple) else stream(*content),
    ], trailer_extra)


def grid(n, pages, side):
    cell = (side - 20) / n
    parts = []
    for i in range(n + 1):
        at = 10 + i * cell
        parts.append(f"10 {at:.2f} m {side - 10} {at:.2f} l S")
        parts.append(f"{at:.2f} 10 m {at:.2f} {side - 10} l S")
    parts.append("BT /F1 4 Tf")
    for r in range(n):
        for c in range(n):
            parts.append(f"1 0 0 1 {10.3 + c * cell:.2f} {10.5 + r * cell:.2f} Tm ({(r * 7 + c) % 100}) Tj")
    parts.append("ET")
    content = zlib.compress("\n".join(parts).encode())
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        FONT,
    ]
    for _ in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] /Resources << /Font << /F1 3 0 R >> >> /Contents {4 + pages} 0 R >>".encode())
    objects.append(stream(content, b"/Filter /FlateDecode "))
    return pdf(objects)


def main(out, real=None):
    os.makedirs(out, exist_ok=True)
    files = {
        "grid-book.pdf": grid(300, 25, 3000),
        "grid-600.pdf": grid(600, 1, 6000),
        "page-tree-loop.pdf": one_page(TEXT, kids_extra=b" 2 0 R"),
        "flate-bomb.pdf": one_page((zlib.compress(b" " * (1 << 30), 9), b"/Filter /FlateDecode ")),
        "unknown-handler.pdf": pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            FONT,
            stream(TEXT),
            b"<< /Filter /Adobe.PubSec /V 4 /R 4 >>",
        ], "/Encrypt 6 0 R "),
        "wrong-length.pdf": one_page(TEXT, length=3),
        "absurd-widths.pdf": one_page(TEXT, font=b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" + b"1e30 " * 95 + b"] >>"),
    }
    if real:
        data = open(real, "rb").read()
        files["cut-download.pdf"] = data[: len(data) * 4 // 10]
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    for name, make in [("pipe.pdf", lambda p: os.mkfifo(p)), ("zero.pdf", lambda p: os.symlink("/dev/zero", p))]:
        path = os.path.join(out, name)
        if os.path.lexists(path):
            os.remove(path)
        make(path)
    print(f"{len(os.listdir(out))} hostile inputs in {out}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
