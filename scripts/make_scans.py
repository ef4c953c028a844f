#!/usr/bin/env python3
"""Scanned copies of PDFs, for the OCR tests: every page rendered to grey at
DPI (pdftoppm), turned by a slight skew, sprinkled with noise, saved as JPEG
and wrapped, one image per page, in a PDF with no text layer (the page keeps
its size in points). What a county office's print-and-scan makes.

Usage: make_scans.py --dpi 300 [--skew 0.6] [--noise 0.01] [--pages 1-5] IN.pdf OUT.pdf
Needs: pdftoppm (poppler-utils), Pillow.
"""
import argparse
import io
import random
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

from make_hostile import pdf, stream  # the same plain PDF writer


def render(pdf, dpi, first, last, out_dir):
    args = ["pdftoppm", "-r", str(dpi), "-gray", "-png"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    subprocess.run(args + [str(pdf), str(out_dir / "p")], check=True)
    return sorted(out_dir.glob("p-*.png"))


def scan(png, skew, noise, rng):
    image = Image.open(png).convert("L")
    image = image.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.4))
    pixels = image.load()
    width, height = image.size
    for _ in range(int(width * height * noise)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 60, 200, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue(), width, height


def write_pdf(pages, dpi, out):
    """pages: (jpeg bytes, width px, height px); one page per image."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    tree = add(None)
    kids = []
    for jpeg, width, height in pages:
        w_pt, h_pt = width * 72.0 / dpi, height * 72.0 / dpi
        image = add(stream(jpeg, (
            f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
            f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode ").encode()))
        content = add(stream(f"q {w_pt:.2f} 0 0 {h_pt:.2f} 0 0 cm /Im0 Do Q".encode()))
        kids.append(add(
            (f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {w_pt:.2f} {h_pt:.2f}] "
             f"/Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>").encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids ["
                         + " ".join(f"{k} 0 R" for k in kids) + "] >>").encode()
    Path(out).write_bytes(pdf(objects))

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--skew", type=float, default=0.6,
                        help="degrees; each page turns by a random angle up to this, either way")
    parser.add_argument("--noise", type=float, default=0.002, help="share of pixels flipped")
    parser.add_argument("--pages", default="", help="FIRST-LAST")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("input")
    parser.add_argument("output")
    a = parser.parse_args()
    first, last = (a.pages.split("-") + [""])[:2] if a.pages else ("", "")
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        pngs = render(a.input, a.dpi, first, last, Path(tmp))
        pages = [scan(p, rng.uniform(-a.skew, a.skew), a.noise, rng) for p in pngs]
    write_pdf(pages, a.dpi, a.output)


if __name__ == "__main__":
    main()
