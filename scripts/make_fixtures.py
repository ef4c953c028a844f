#!/usr/bin/env python3
"""Build the tiny, hand-assembled PDF fixtures in tests/fixtures/ and their
expected text in tests/fixtures/expected.json.

Each fixture exercises exactly one text-encoding mechanism found in Chinese
government budget PDFs (STSong + UniGB-UCS2-H, GBK-EUC-H, Identity-H with and
without ToUnicode, Adobe-GB1 collection lookup, WinAnsi, Differences, Type3,
Form XObjects on a rotated page, AES-256 encryption, damaged files, image-only
pages). The PDFs are written object by object by the small writer below, so we
control every byte; the expected text comes from this script's own model of
what it wrote (never from running budgetpdf).

The outputs are committed: the Rust tests (tests/encodings.rs) never need
Python. Rerun only to change a fixture:

    apt-get install -y fonts-wqy-microhei fonts-dejavu-core poppler-data qpdf
    pip install fonttools cryptography
    python3 scripts/make_fixtures.py          # from the crate root, or anywhere

(Built with fontTools 4.68 and Debian 12's fonts; another fontTools or font
version may change the embedded subsets' bytes, not the expected text.)

Inputs read:
  /usr/share/fonts/truetype/wqy/wqy-microhei.ttc   (fonts-wqy-microhei) CJK TrueType
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf  (fonts-dejavu-core)  Latin TrueType
  /usr/share/poppler/cidToUnicode/Adobe-GB1        (poppler-data)       CID -> Unicode
  ../shared/corpus/real/sh-putuo-gov-office-2025-dept-budget.pdf (for truncated.pdf;
      if absent, the committed truncated.pdf is kept as it is)
qpdf is used only to check the results (qpdf --check), not to write them.

Output is deterministic: no timestamps, fixed /ID, fixed subset tags, fixed
encryption salts and IVs (so the encrypted fixtures are NOT secure, by design).
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zlib

from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures")
CJK_TTF = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
LATIN_TTF = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
GB1_CID2UNI = "/usr/share/poppler/cidToUnicode/Adobe-GB1"
CORPUS_PDF = os.path.join(
    os.path.dirname(ROOT), "shared", "corpus", "real", "sh-putuo-gov-office-2025-dept-budget.pdf"
)

PAGE_W, PAGE_H = 595, 842  # A4 portrait MediaBox

# The text every CJK fixture shows.
TITLE = "2024年部门收支预算表"
TOTAL = "收入总计 18,786.35"
UNIT = "（单位：万元）"


# ----------------------------------------------------------------------------
# A tiny PDF object model and writer
# ----------------------------------------------------------------------------


class Name(str):
    pass


class Ref:
    def __init__(self, num):
        self.num = num


class Str:
    """A PDF string. hex=True writes <..>, otherwise a literal (..)."""

    def __init__(self, data, hex=True):
        self.data = data if isinstance(data, bytes) else data.encode("latin-1")
        self.hex = hex


class Stream:
    def __init__(self, d, data, compress=True):
        self.d = dict(d)
        self.data = data
        self.compress = compress


def fmt_num(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    s = ("%.4f" % v).rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def literal_string(data):
    out = bytearray(b"(")
    for b in data:
        if b in (0x5C, 0x28, 0x29):
            out += b"\\" + bytes([b])
        elif b < 0x20 or b == 0x7F:
            out += b"\\%03o" % b
        else:
            out.append(b)
    out += b")"
    return bytes(out)


def pdf_string_bytes(data, hex=True):
    return b"<" + data.hex().upper().encode() + b">" if hex else literal_string(data)


class Encryptor:
    """PDF 2.0 standard security handler, V5 R6, AES-256 (what
    `qpdf --encrypt USER OWNER 256 --` writes), with fixed salts and IVs."""

    def __init__(self, user_pw, owner_pw, seed):
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        self._Cipher, self._alg, self._modes = Cipher, algorithms, modes
        rnd = lambda tag, n: hashlib.sha512((seed + tag).encode()).digest()[:n]
        self.key = rnd("filekey", 32)
        upw = user_pw.encode("utf-8")[:127]
        opw = owner_pw.encode("utf-8")[:127]
        uvs, uks = rnd("uvs", 8), rnd("uks", 8)
        ovs, oks = rnd("ovs", 8), rnd("oks", 8)
        self.U = self._hash(upw, uvs, b"") + uvs + uks
        self.UE = self._cbc(self._hash(upw, uks, b""), b"\0" * 16, self.key)
        self.O = self._hash(opw, ovs, self.U) + ovs + oks
        self.OE = self._cbc(self._hash(opw, oks, self.U), b"\0" * 16, self.key)
        self.P = -4
        perms = (self.P & 0xFFFFFFFF).to_bytes(4, "little") + b"\xff\xff\xff\xff" + b"Tadb" + rnd("perms", 4)
        self.Perms = self._ecb(self.key, perms)
        self._iv_counter = 0
        self._seed = seed

    def _cbc(self, key, iv, data):
        e = self._Cipher(self._alg.AES(key), self._modes.CBC(iv)).encryptor()
        return e.update(data) + e.finalize()

    def _ecb(self, key, data):
        e = self._Cipher(self._alg.AES(key), self._modes.ECB()).encryptor()
        return e.update(data) + e.finalize()

    def _hash(self, pw, salt, udata):
        # ISO 32000-2, algorithm 2.B
        k = hashlib.sha256(pw + salt + udata).digest()
        i = 0
        while True:
            k1 = (pw + k + udata) * 64
            e = self._cbc(k[:16], k[16:32], k1)
            m = sum(e[:16]) % 3
            k = [hashlib.sha256, hashlib.sha384, hashlib.sha512][m](e).digest()
            i += 1
            if i >= 64 and e[-1] <= i - 32:
                break
        return k[:32]

    def encrypt(self, data):
        self._iv_counter += 1
        iv = hashlib.sha256(("%s-iv-%d" % (self._seed, self._iv_counter)).encode()).digest()[:16]
        pad = 16 - len(data) % 16
        return iv + self._cbc(self.key, iv, data + bytes([pad]) * pad)

    def dict(self):
        return {
            "Filter": Name("Standard"),
            "V": 5,
            "R": 6,
            "Length": 256,
            "CF": {"StdCF": {"AuthEvent": Name("DocOpen"), "CFM": Name("AESV3"), "Length": 32}},
            "StmF": Name("StdCF"),
            "StrF": Name("StdCF"),
            "O": Str(self.O),
            "U": Str(self.U),
            "OE": Str(self.OE),
            "UE": Str(self.UE),
            "Perms": Str(self.Perms),
            "P": self.P,
            "EncryptMetadata": True,
        }


class PdfWriter:
    def __init__(self):
        self.objs = [None]  # 1-based

    def reserve(self):
        self.objs.append(None)
        return Ref(len(self.objs) - 1)

    def set(self, ref, obj):
        self.objs[ref.num] = obj
        return ref

    def add(self, obj):
        return self.set(self.reserve(), obj)

    def ser(self, o, enc=None):
        if isinstance(o, Name):
            out = "/"
            for ch in o:
                c = ord(ch)
                out += ch if 0x21 <= c <= 0x7E and ch not in "#()<>[]{}/%" else "#%02X" % c
            return out.encode()
        if isinstance(o, Ref):
            return b"%d 0 R" % o.num
        if isinstance(o, Str):
            data = enc.encrypt(o.data) if enc else o.data
            return pdf_string_bytes(data, o.hex or enc is not None)
        if isinstance(o, (bool, int, float)):
            return fmt_num(o).encode()
        if o is None:
            return b"null"
        if isinstance(o, (list, tuple)):
            return b"[" + b" ".join(self.ser(x, enc) for x in o) + b"]"
        if isinstance(o, dict):
            parts = [self.ser(Name(k)) + b" " + self.ser(v, enc) for k, v in o.items()]
            return b"<<" + b" ".join(parts) + b">>"
        raise TypeError(o)

    def write(self, path, root, file_id_seed, encrypt=None):
        enc_ref = None
        if encrypt:
            enc_ref = self.add(encrypt.dict())
        buf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = [0] * len(self.objs)
        for num in range(1, len(self.objs)):
            o = self.objs[num]
            assert o is not None, "object %d never set" % num
            e = encrypt if (encrypt and num != enc_ref.num) else None
            offsets[num] = len(buf)
            buf += b"%d 0 obj\n" % num
            if isinstance(o, Stream):
                data = o.data
                d = dict(o.d)
                if o.compress:
                    data = zlib.compress(data, 9)
                    d["Filter"] = Name("FlateDecode")
                if e:
                    data = e.encrypt(data)
                d["Length"] = len(data)
                buf += self.ser(d, e) + b"\nstream\n" + data + b"\nendstream"
            else:
                buf += self.ser(o, e)
            buf += b"\nendobj\n"
        xref = len(buf)
        buf += b"xref\n0 %d\n" % len(self.objs)
        buf += b"0000000000 65535 f \n"
        for num in range(1, len(self.objs)):
            buf += b"%010d 00000 n \n" % offsets[num]
        fid = hashlib.md5(file_id_seed.encode()).digest()
        trailer = {"Size": len(self.objs), "Root": root, "ID": [Str(fid), Str(fid)]}
        if enc_ref:
            trailer["Encrypt"] = enc_ref
        buf += b"trailer\n" + self.ser(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref
        with open(path, "wb") as f:
            f.write(bytes(buf))
        return bytes(buf)


def simple_document(w, pages):
    """pages: list of (content_bytes, resources_dict, extra_page_entries)."""
    pages_ref = w.reserve()
    kids = []
    for content, resources, extra in pages:
        c = w.add(Stream({}, content))
        page = {"Type": Name("Page"), "Parent": pages_ref, "MediaBox": [0, 0, PAGE_W, PAGE_H],
                "Resources": resources, "Contents": c}
        page.update(extra or {})
        kids.append(w.add(page))
    w.set(pages_ref, {"Type": Name("Pages"), "Kids": kids, "Count": len(kids)})
    return w.add({"Type": Name("Catalog"), "Pages": pages_ref})


# ----------------------------------------------------------------------------
# Fonts: each one knows how to encode Unicode text into codes, and each code's
# horizontal advance in 1/1000 em (the model the expected geometry comes from)
# ----------------------------------------------------------------------------


class Font:
    hex = True

    def encode(self, text):
        """-> list of (code_bytes, width_1000)"""
        raise NotImplementedError


def load_gb1_cid2uni():
    table = {}
    with open(GB1_CID2UNI) as f:
        for cid, line in enumerate(f):
            line = line.strip()
            if line:
                table[cid] = chr(int(line, 16))
    first = {}
    for cid in sorted(table):
        first.setdefault(table[cid], cid)
    return table, first


GB1, GB1_FIRST_CID = load_gb1_cid2uni()


def stsong_descriptor(w):
    return w.add({
        "Type": Name("FontDescriptor"), "FontName": Name("STSong-Light"), "Flags": 6,
        "FontBBox": [-25, -254, 1000, 880], "ItalicAngle": 0, "Ascent": 880, "Descent": -120,
        "CapHeight": 880, "StemV": 93,
    })


def half_width_w(extra=()):
    """/W: CIDs 1..95 (proportional ASCII) at 500, plus any extra [first, last]."""
    arr = [1, [500] * 95]
    for first, last in extra:
        arr += [first, last, 500]
    return arr


class STSong(Font):
    """Type0 STSong-Light, not embedded, CIDFontType0 Adobe-GB1-2; cmap is
    UniGB-UCS2-H / UniGB-UCS2-V / GBK-EUC-H. Half-width CIDs advance 500."""

    def __init__(self, cmap):
        self.cmap = cmap
        self.hex = cmap != "GBK-EUC-H"  # GBK strings are written as raw-byte literals

    def encode(self, text):
        out = []
        for ch in text:
            if self.cmap.startswith("UniGB-UCS2"):
                code = ch.encode("utf-16-be")
                assert len(code) == 2, ch
            else:
                code = ch.encode("gbk")
            out.append((code, 500 if len(code) == 1 or ord(ch) < 0x7F else 1000))
        return out

    def build(self, w):
        extra = [(814, 907), (7716, 7716)] if self.cmap == "GBK-EUC-H" else []
        cid = w.add({
            "Type": Name("Font"), "Subtype": Name("CIDFontType0"), "BaseFont": Name("STSong-Light"),
            "CIDSystemInfo": {"Registry": Str(b"Adobe", hex=False), "Ordering": Str(b"GB1", hex=False),
                              "Supplement": 2},
            "FontDescriptor": stsong_descriptor(w), "DW": 1000, "W": half_width_w(extra),
        })
        name = "STSong-Light-" + self.cmap
        return w.add({"Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": Name(name),
                      "Encoding": Name(self.cmap), "DescendantFonts": [cid]})


class GB1Identity(Font):
    """Type0 Identity-H over a non-embedded CIDFontType0 Adobe-GB1: codes are
    CIDs, the only way back to Unicode is the Adobe-GB1 collection table."""

    def encode(self, text):
        out = []
        for ch in text:
            cid = ord(ch) - 31 if 0x20 <= ord(ch) <= 0x7E else GB1_FIRST_CID[ch]
            assert GB1[cid] == ch
            out.append((cid.to_bytes(2, "big"), 500 if cid <= 95 else 1000))
        return out

    def build(self, w):
        cid = w.add({
            "Type": Name("Font"), "Subtype": Name("CIDFontType0"), "BaseFont": Name("STSong-Light"),
            "CIDSystemInfo": {"Registry": Str(b"Adobe", hex=False), "Ordering": Str(b"GB1", hex=False),
                              "Supplement": 2},
            "FontDescriptor": stsong_descriptor(w), "DW": 1000, "W": half_width_w(),
        })
        return w.add({"Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": Name("STSong-Light"),
                      "Encoding": Name("Identity-H"), "DescendantFonts": [cid]})


def ttf_subset(path, text, font_number=0):
    """Subset a TrueType font to the glyphs of `text` (glyph ids renumbered,
    as real PDF producers do). Returns the TTFont, not yet serialised."""
    font = TTFont(path, fontNumber=font_number, recalcTimestamp=False, lazy=False)
    opts = ft_subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "FFTM", "vhea", "vmtx", "gasp", "DSIG", "kern"]
    opts.name_IDs = [1, 2, 4, 6]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.recalc_timestamp = False
    sub = ft_subset.Subsetter(opts)
    sub.populate(unicodes=sorted({ord(c) for c in text}))
    sub.subset(font)
    font["head"].created = font["head"].modified = 0x7C259DC0  # fixed, 2010-01-01
    return font


def ttf_bytes(font):
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    return buf.getvalue()


class CJKTrueType(Font):
    """Type0 Identity-H over CIDFontType2 with an embedded TrueType subset of
    WenQuanYi Micro Hei; CIDToGIDMap /Identity, so each code is the glyph id in
    the subset. With tounicode: a ToUnicode CMap (bfchar, incrementing bfrange,
    bfrange onto an array) and the subset's cmap table removed, so ToUnicode is
    the only way to the text. Without: the subset keeps its cmap, which is the
    only way to the text."""

    def __init__(self, text, tounicode, tag):
        self.tounicode = tounicode
        self.tag = tag
        font = ttf_subset(CJK_TTF, text)
        order = font.getGlyphOrder()
        cmap = font.getBestCmap()
        self.gid = {ch: order.index(cmap[ord(ch)]) for ch in set(text)}
        upem = font["head"].unitsPerEm
        self.width = {ch: round(font["hmtx"][order[g]][0] * 1000 / upem) for ch, g in self.gid.items()}
        if tounicode:
            del font["cmap"]
        elif "年" in text:
            # WenQuanYi shares the glyph of 年 U+5E74 with the compatibility
            # ideograph U+F98E (its glyph is even named "uniF98E"). Keep that alias
            # in the subset cmap: a reader inverting the cmap may find U+F98E
            # and must normalise it back to U+5E74.
            for t in font["cmap"].tables:
                if t.isUnicode():
                    t.cmap[0xF98E] = cmap[ord("年")]
        self.data = ttf_bytes(font)
        self.font = TTFont(io.BytesIO(self.data), recalcTimestamp=False)
        assert len(self.font.getGlyphOrder()) == len(order)
        self.upem = upem

    def w_array(self):
        """/W with both forms: `first last w` for >= 3 equal widths in a row,
        `first [w ...]` otherwise."""
        items = sorted((g, self.width[ch]) for ch, g in self.gid.items())
        arr, pending = [], []

        def flush():
            if pending:
                arr.extend([pending[0][0], [wd for _, wd in pending]])
                pending.clear()

        i = 0
        while i < len(items):
            j = i
            while j + 1 < len(items) and items[j + 1][0] == items[j][0] + 1 and items[j + 1][1] == items[i][1]:
                j += 1
            if j - i >= 2:
                flush()
                arr.extend([items[i][0], items[j][0], items[i][1]])
            else:
                for k in range(i, j + 1):
                    if pending and items[k][0] != pending[-1][0] + 1:
                        flush()
                    pending.append(items[k])
            i = j + 1
        flush()
        return arr

    def encode(self, text):
        return [(self.gid[ch].to_bytes(2, "big"), self.width[ch]) for ch in text]

    def tounicode_cmap(self):
        by_gid = {gid: ch for ch, gid in self.gid.items()}
        gids = sorted(by_gid)
        bfchar, bfrange_inc, bfrange_arr = [], [], []
        used = set()
        # 1. digits: consecutive codes with consecutive Unicode -> incrementing bfrange
        i = 0
        while i < len(gids):
            j = i
            while (j + 1 < len(gids) and gids[j + 1] == gids[j] + 1
                   and ord(by_gid[gids[j + 1]]) == ord(by_gid[gids[j]]) + 1
                   and gids[j + 1] >> 8 == gids[i] >> 8 and by_gid[gids[i]].isdigit()):
                j += 1
            if j > i:
                bfrange_inc.append((gids[i], gids[j], by_gid[gids[i]]))
                used.update(gids[i:j + 1])
            i = j + 1
        # 2. consecutive CJK codes -> bfrange onto an array of destinations
        rest = [g for g in gids if g not in used]
        i = 0
        while i < len(rest):
            j = i
            while (j + 1 < len(rest) and rest[j + 1] == rest[j] + 1 and ord(by_gid[rest[i]]) > 0x2E80
                   and ord(by_gid[rest[j + 1]]) > 0x2E80 and rest[j + 1] >> 8 == rest[i] >> 8):
                j += 1
            if j > i:
                bfrange_arr.append((rest[i], rest[j], [by_gid[g] for g in rest[i:j + 1]]))
                used.update(rest[i:j + 1])
            i = j + 1
        # 3. everything else -> bfchar
        bfchar = [(g, by_gid[g]) for g in gids if g not in used]
        assert bfchar and bfrange_inc and bfrange_arr, (bfchar, bfrange_inc, bfrange_arr)
        u16 = lambda s: s.encode("utf-16-be").hex().upper()
        lines = [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
            "%d beginbfchar" % len(bfchar),
        ]
        lines += ["<%04X> <%s>" % (g, u16(c)) for g, c in bfchar]
        lines += ["endbfchar", "%d beginbfrange" % (len(bfrange_inc) + len(bfrange_arr))]
        lines += ["<%04X> <%04X> <%s>" % (a, b, u16(c)) for a, b, c in bfrange_inc]
        lines += ["<%04X> <%04X> [%s]" % (a, b, " ".join("<%s>" % u16(c) for c in cs)) for a, b, cs in bfrange_arr]
        lines += ["endbfrange", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return ("\n".join(lines) + "\n").encode()

    def build(self, w):
        f = self.font
        upem = self.upem
        sc = lambda v: round(v * 1000 / upem)
        head, hhea = f["head"], f["hhea"]
        ff = w.add(Stream({"Length1": len(self.data)}, self.data))
        name = self.tag + "+WenQuanYiMicroHei"
        desc = w.add({
            "Type": Name("FontDescriptor"), "FontName": Name(name), "Flags": 4,
            "FontBBox": [sc(head.xMin), sc(head.yMin), sc(head.xMax), sc(head.yMax)],
            "ItalicAngle": 0, "Ascent": sc(hhea.ascent), "Descent": sc(hhea.descent),
            "CapHeight": sc(getattr(f["OS/2"], "sCapHeight", hhea.ascent) or hhea.ascent), "StemV": 80,
            "FontFile2": ff,
        })
        cid = w.add({
            "Type": Name("Font"), "Subtype": Name("CIDFontType2"), "BaseFont": Name(name),
            "CIDSystemInfo": {"Registry": Str(b"Adobe", hex=False), "Ordering": Str(b"Identity", hex=False),
                              "Supplement": 0},
            "FontDescriptor": desc, "DW": 1000, "W": self.w_array(), "CIDToGIDMap": Name("Identity"),
        })
        d = {"Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": Name(name),
             "Encoding": Name("Identity-H"), "DescendantFonts": [cid]}
        if self.tounicode:
            d["ToUnicode"] = w.add(Stream({}, self.tounicode_cmap()))
        return w.add(d)


class GBKToUnicode(Font):
    """STSong-Light over GBK-EUC-H (mixed 1-byte/2-byte codespace) with a
    ToUnicode of the same codespace: GBK user-area codes map to a supplementary
    ideograph (surrogate pair) and to a ligature."""

    SPECIAL = {"\U00020000": b"\xaa\xa1", "ﬃ": b"\xaa\xa2"}  # U+FB03 stands for the ffi glyph
    hex = True

    def encode(self, text):
        out = []
        for ch in text:
            code = self.SPECIAL.get(ch) or ch.encode("gbk")
            out.append((code, 500 if len(code) == 1 or code[0] == 0xAA else 1000))
        return out

    def used_codes(self, texts):
        codes = {}
        for t in texts:
            for ch in t:
                code = self.SPECIAL.get(ch) or ch.encode("gbk")
                codes[code] = "ffi" if ch == "ﬃ" else ch
        return codes

    def tounicode_cmap(self, texts):
        codes = self.used_codes(texts)
        one = sorted(c for c in codes if len(c) == 1)
        two = sorted(c for c in codes if len(c) == 2)
        u16 = lambda s: s.encode("utf-16-be").hex().upper()
        # digits as one incrementing bfrange over 1-byte codes, the rest as bfchar
        digits = [c for c in one if codes[c].isdigit()]
        rng = [(b"0", b"9", "0")] if digits else []
        chars = [c for c in one if c not in digits] + two
        lines = [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-GBK-UCS def", "/CMapType 2 def",
            "2 begincodespacerange", "<00> <80>", "<8140> <FEFE>", "endcodespacerange",
            "%d beginbfrange" % len(rng),
        ]
        lines += ["<%s> <%s> <%s>" % (a.hex().upper(), b.hex().upper(), u16(s)) for a, b, s in rng]
        lines += ["endbfrange", "%d beginbfchar" % len(chars)]
        lines += ["<%s> <%s>" % (c.hex().upper(), u16(codes[c])) for c in chars]
        lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return ("\n".join(lines) + "\n").encode()

    def build(self, w, texts):
        cid = w.add({
            "Type": Name("Font"), "Subtype": Name("CIDFontType0"), "BaseFont": Name("STSong-Light"),
            "CIDSystemInfo": {"Registry": Str(b"Adobe", hex=False), "Ordering": Str(b"GB1", hex=False),
                              "Supplement": 2},
            "FontDescriptor": stsong_descriptor(w), "DW": 1000,
            "W": half_width_w([(814, 907), (7716, 7716)]),
        })
        tu = w.add(Stream({}, self.tounicode_cmap(texts)))
        return w.add({"Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": Name("STSong-Light-GBK-EUC-H"),
                      "Encoding": Name("GBK-EUC-H"), "DescendantFonts": [cid], "ToUnicode": tu})


class WinAnsiTrueType(Font):
    hex = False

    def __init__(self, text):
        self.font = ttf_subset(LATIN_TTF, text)
        self.data = ttf_bytes(self.font)
        cmap = self.font.getBestCmap()
        upem = self.font["head"].unitsPerEm
        self.width = {ch: round(self.font["hmtx"][cmap[ord(ch)]][0] * 1000 / upem) for ch in set(text)}
        self.upem = upem

    def encode(self, text):
        return [(ch.encode("cp1252"), self.width[ch]) for ch in text]

    def build(self, w):
        f, upem = self.font, self.upem
        sc = lambda v: round(v * 1000 / upem)
        codes = {ch.encode("cp1252")[0]: wd for ch, wd in self.width.items()}
        first, last = min(codes), max(codes)
        widths = [codes.get(c, 0) for c in range(first, last + 1)]
        ff = w.add(Stream({"Length1": len(self.data)}, self.data))
        name = "DJVSAN+DejaVuSans"
        desc = w.add({
            "Type": Name("FontDescriptor"), "FontName": Name(name), "Flags": 32,
            "FontBBox": [sc(f["head"].xMin), sc(f["head"].yMin), sc(f["head"].xMax), sc(f["head"].yMax)],
            "ItalicAngle": 0, "Ascent": sc(f["hhea"].ascent), "Descent": sc(f["hhea"].descent),
            "CapHeight": 729, "StemV": 80, "FontFile2": ff,
        })
        return w.add({"Type": Name("Font"), "Subtype": Name("TrueType"), "BaseFont": Name(name),
                      "FirstChar": first, "LastChar": last, "Widths": widths,
                      "Encoding": Name("WinAnsiEncoding"), "FontDescriptor": desc})


# Helvetica AFM advance widths (Adobe Core 14 metrics) for the glyphs used.
HELV = {
    "space": 278, "quoteright": 222, "quoteleft": 222, "comma": 278, "period": 278,
    "zero": 556, "one": 556, "two": 556, "four": 556, "five": 556, "C": 722, "I": 278, "N": 722,
    "T": 611, "a": 556, "e": 556, "f": 278, "k": 500, "l": 222, "o": 556, "s": 500, "t": 278,
    "eacute": 556, "sterling": 556, "endash": 556, "emdash": 1000, "Euro": 556, "uni4E2D": 1000,
}
# The slice of the encodings this script uses: code -> glyph name.
MAC_ROMAN = {0x20: "space", 0x24: "dollar", 0x30: "zero", 0x31: "one", 0x35: "five", 0x43: "C",
             0x61: "a", 0x66: "f", 0x8E: "eacute", 0xD0: "endash", 0x80: "Adieresis", 0x81: "Aring"}
STANDARD = {0x20: "space", 0x27: "quoteright", 0x60: "quoteleft", 0x2C: "comma", 0x2E: "period",
            0xB1: "endash", 0xD0: "emdash", 0x30: "zero", 0x31: "one", 0x32: "two", 0x34: "four",
            0x35: "five", 0x49: "I", 0x54: "T", 0x61: "a", 0x6B: "k", 0x6C: "l", 0x6F: "o", 0x73: "s", 0x74: "t"}
GLYPH_UNI = {"space": " ", "quoteright": "\u2019", "quoteleft": "\u2018", "comma": ",", "period": ".",
             "zero": "0", "one": "1", "two": "2", "four": "4", "five": "5", "eacute": "é",
             "sterling": "£", "endash": "\u2013", "emdash": "\u2014", "Euro": "€", "uni4E2D": "中",
             "dollar": "$"}


def glyph_uni(name):
    return GLYPH_UNI.get(name, name if len(name) == 1 else None)


class SimpleType1(Font):
    """A standard-14 font by name, codes -> glyph names via an encoding table."""

    hex = False

    def __init__(self, base_font, encoding_table, encoding_obj, widths=True):
        self.base_font = base_font
        self.table = encoding_table  # code -> glyph name (after Differences)
        self.encoding_obj = encoding_obj
        self.with_widths = widths
        self.rev = {glyph_uni(n): c for c, n in encoding_table.items()}

    def encode(self, text):
        return [(bytes([self.rev[ch]]), HELV[self.table[self.rev[ch]]]) for ch in text]

    def build(self, w):
        d = {"Type": Name("Font"), "Subtype": Name("Type1"), "BaseFont": Name(self.base_font)}
        if self.encoding_obj is not None:
            d["Encoding"] = self.encoding_obj
        if self.with_widths:
            first, last = 32, max(self.table)
            d["FirstChar"], d["LastChar"] = first, last
            d["Widths"] = [HELV.get(self.table.get(c), 0) for c in range(first, last + 1)]
        return w.add(d)


class Type3Font(Font):
    hex = True
    NAMES = {1: "A", 2: "B", 3: "one"}

    def encode(self, text):
        rev = {glyph_uni(n): c for c, n in self.NAMES.items()}
        return [(bytes([rev[ch]]), 600) for ch in text]

    def build(self, w):
        procs = {}
        shapes = {"A": b"0 0 500 700 re f", "B": b"0 0 500 700 re f 100 100 300 500 re f",
                  "one": b"200 0 100 700 re f"}
        for name, body in shapes.items():
            procs[name] = w.add(Stream({}, b"600 0 0 0 500 700 d1\n" + body + b"\n"))
        return w.add({
            "Type": Name("Font"), "Subtype": Name("Type3"), "FontBBox": [0, 0, 500, 700],
            "FontMatrix": [0.001, 0, 0, 0.001, 0, 0], "CharProcs": procs,
            "Encoding": {"Type": Name("Encoding"), "Differences": [1, Name("A"), Name("B"), Name("one")]},
            "FirstChar": 1, "LastChar": 3, "Widths": [600, 600, 600], "Resources": {},
        })


# ----------------------------------------------------------------------------
# Text lines: the model of what is drawn, and the content stream that draws it
# ----------------------------------------------------------------------------


class TextLine:
    """A horizontal line of text starting at (x, y) in the content stream's
    user space. parts: strings and TJ kerning numbers (thousandths of an em;
    negative moves right). The model: a kern of a full em (-1000) or more shows
    as one space; smaller kerns are not used (next to CJK, gaps narrower than a
    character are ambiguous, so the fixtures avoid them)."""

    def __init__(self, res, font, size, x, y, parts):
        self.res, self.font, self.size, self.x, self.y = res, font, size, x, y
        self.parts = parts if isinstance(parts, list) else [parts]

    def text(self):
        out = ""
        for p in self.parts:
            if isinstance(p, str):
                out += p.replace("ﬃ", "ffi")
            elif p <= -1000:
                out += " "
            else:
                raise ValueError("ambiguous kern %r" % p)
        return out

    def content(self):
        ops = []
        for p in self.parts:
            if isinstance(p, str):
                data = b"".join(c for c, _ in self.font.encode(p))
                ops.append(pdf_string_bytes(data, self.font.hex))
            else:
                ops.append(fmt_num(p).encode())
        if len(ops) == 1:
            show = ops[0] + b" Tj"
        else:
            show = b"[" + b" ".join(ops) + b"] TJ"
        return b"BT\n/%s %s Tf\n%s %s Td\n%s\nET\n" % (
            self.res.encode(), fmt_num(self.size).encode(), fmt_num(self.x).encode(),
            fmt_num(self.y).encode(), show)

    def expect(self, to_display=lambda x, y: (x, PAGE_H - y)):
        dx, dy = to_display(self.x, self.y)
        return {"text": self.text(), "x": round(dx, 3), "baseline": round(dy, 3), "size": self.size}


def text_page(w, fonts, lines, extra_content=b""):
    """fonts: {res_name: font_ref}; returns (content, resources)."""
    content = b"".join(l.content() for l in lines) + extra_content
    return content, {"Font": fonts}


EXPECTED = {}


def record(name, lines_per_page, **extra):
    EXPECTED[name] = {
        "pages": ["\n".join(l.text() for l in page) for page in lines_per_page],
        "lines": [[l.expect() for l in page] for page in lines_per_page],
    }
    EXPECTED[name].update(extra)


def standard_lines(font, res="F1", unit=True):
    ls = [TextLine(res, font, 16, 72, 760, TITLE), TextLine(res, font, 12, 72, 730, TOTAL)]
    if unit:
        ls.append(TextLine(res, font, 10.5, 72, 710, UNIT))
    return ls


# ----------------------------------------------------------------------------
# The fixtures
# ----------------------------------------------------------------------------


def out(name):
    return os.path.join(OUT, name)


def make_stsong_ucs2():
    w = PdfWriter()
    font = STSong("UniGB-UCS2-H")
    f1 = font.build(w)
    # line 2 uses a TJ kern of one em instead of a space glyph
    lines = [TextLine("F1", font, 16, 72, 760, TITLE),
             TextLine("F1", font, 12, 72, 730, ["收入总计", -1000, "18,786.35"]),
             TextLine("F1", font, 10.5, 72, 710, UNIT)]
    root = simple_document(w, [(*text_page(w, {"F1": f1}, lines), None)])
    w.write(out("stsong-ucs2.pdf"), root, "stsong-ucs2")
    record("stsong-ucs2.pdf", [lines], advance_check=True)


def make_stsong_gbk():
    w = PdfWriter()
    font = STSong("GBK-EUC-H")
    f1 = font.build(w)
    lines = standard_lines(font)
    root = simple_document(w, [(*text_page(w, {"F1": f1}, lines), None)])
    w.write(out("stsong-gbk.pdf"), root, "stsong-gbk")
    record("stsong-gbk.pdf", [lines], advance_check=True)


def make_stsong_vertical():
    w = PdfWriter()
    font = STSong("UniGB-UCS2-V")
    f1 = font.build(w)
    text = "部门收支预算"
    content = b"BT\n/F1 16 Tf\n300 760 Td\n" + pdf_string_bytes(b"".join(c for c, _ in font.encode(text))) + b" Tj\nET\n"
    root = simple_document(w, [(content, {"Font": {"F1": f1}}, None)])
    w.write(out("stsong-ucs2-vertical.pdf"), root, "stsong-ucs2-vertical")
    # Vertical writing: glyphs advance 1 em (DW2 default [880 -1000]) downwards,
    # each centred on x = 300; the position vector (500, 880) puts the first
    # glyph's em box at user y 744..760, i.e. display y 82..98.
    EXPECTED["stsong-ucs2-vertical.pdf"] = {
        "pages": [text],
        "vertical": {"text": text, "center_x": 300, "size": 16, "step": 16},
    }


def make_identity(tounicode):
    name = "identity-h-tounicode.pdf" if tounicode else "identity-h-no-tounicode.pdf"
    w = PdfWriter()
    font = CJKTrueType(TITLE + TOTAL + UNIT, tounicode, "AAAAAB" if tounicode else "AAAAAC")
    f1 = font.build(w)
    lines = standard_lines(font)
    root = simple_document(w, [(*text_page(w, {"F1": f1}, lines), None)])
    w.write(out(name), root, name)
    record(name, [lines])
    return w, root


def make_identity_cff():
    w = PdfWriter()
    font = GB1Identity()
    f1 = font.build(w)
    lines = standard_lines(font)
    root = simple_document(w, [(*text_page(w, {"F1": f1}, lines), None)])
    w.write(out("identity-h-cff-no-tounicode.pdf"), root, "identity-h-cff-no-tounicode")
    record("identity-h-cff-no-tounicode.pdf", [lines], advance_check=True)


def make_surrogates():
    w = PdfWriter()
    font = GBKToUnicode()
    third = ["\U00020000", -1000, "oﬃce"]
    lines = [TextLine("F1", font, 16, 72, 760, TITLE), TextLine("F1", font, 12, 72, 730, TOTAL),
             TextLine("F1", font, 12, 72, 710, third)]
    f1 = font.build(w, [TITLE, TOTAL, "\U00020000oﬃce"])
    root = simple_document(w, [(*text_page(w, {"F1": f1}, lines), None)])
    w.write(out("tounicode-surrogates.pdf"), root, "tounicode-surrogates")
    record("tounicode-surrogates.pdf", [lines])


def make_winansi():
    w = PdfWriter()
    text = "Total 1,234.50 — café"
    font = WinAnsiTrueType(text)
    f1 = font.build(w)
    lines = [TextLine("F1", font, 14, 72, 760, text)]
    root = simple_document(w, [(*text_page(w, {"F1": f1}, lines), None)])
    w.write(out("winansi-truetype.pdf"), root, "winansi-truetype")
    record("winansi-truetype.pdf", [lines])


def make_differences():
    w = PdfWriter()
    diffs = {0x24: "sterling", 0x80: "Euro", 0x81: "uni4E2D"}
    table1 = dict(MAC_ROMAN)
    table1.update(diffs)
    enc = {"Type": Name("Encoding"), "BaseEncoding": Name("MacRomanEncoding"),
           "Differences": [0x24, Name("sterling"), 0x80, Name("Euro"), Name("uni4E2D")]}
    f1 = SimpleType1("Helvetica", table1, enc, widths=True)
    # /StandardEncoding by name (what many producers write), standard-14 metrics
    f2 = SimpleType1("Helvetica", STANDARD, Name("StandardEncoding"), widths=False)
    # no /Encoding at all: a standard Type1 font's built-in encoding is StandardEncoding
    f3 = SimpleType1("Times-Roman", STANDARD, None, widths=False)
    refs = {"F1": f1.build(w), "F2": f2.build(w), "F3": f3.build(w)}
    lines = [TextLine("F1", f1, 14, 72, 760, "Café £5–10 € 中"),
             TextLine("F2", f2, 12, 72, 730, "It’s 5–10 — ‘ok’"),
             TextLine("F3", f3, 12, 72, 710, "‘Total’ — 1,024.00")]
    root = simple_document(w, [(*text_page(w, refs, lines), None)])
    w.write(out("differences.pdf"), root, "differences")
    record("differences.pdf", [lines])


def make_type3():
    w = PdfWriter()
    font = Type3Font()
    t3 = font.build(w)
    lines = [TextLine("T3", font, 20, 72, 760, "AB1")]
    root = simple_document(w, [(*text_page(w, {"T3": t3}, lines), None)])
    w.write(out("type3.pdf"), root, "type3")
    record("type3.pdf", [lines])


def make_form_rotated():
    """Portrait MediaBox shown landscape with /Rotate 90. For /Rotate 90 a point
    (x, y) of user space shows at (X, Y) = (y, x) in top-left page space.
    The form's /Matrix [0 1 -1 0 595 0] maps form (fx, fy) to user (595-fy, fx),
    i.e. display (fx, 595-fy): the form is laid out as an upright landscape page."""
    w = PdfWriter()
    font = STSong("UniGB-UCS2-H")
    f1 = font.build(w)
    lines = [TextLine("F1", font, 16, 72, 500, TITLE), TextLine("F1", font, 12, 72, 470, TOTAL)]
    form_content = b"".join(l.content() for l in lines)
    form = w.add(Stream({"Type": Name("XObject"), "Subtype": Name("Form"), "BBox": [0, 0, 842, 595],
                         "Matrix": [0, 1, -1, 0, 595, 0], "Resources": {"Font": {"F1": f1}}}, form_content))
    # outside the form, in the page's (portrait) user space:
    #   a stroked line, display (72,140)-(500,140)  = user (140,72)-(140,500)
    #   a 0.5 pt filled rect, display x 600..600.5, y 80..300 = user x 80..300, y 600..600.5
    page_content = (b"q /Fm1 Do Q\n"
                    b"0 0 0 RG 1 w 140 72 m 140 500 l S\n"
                    b"0 0 0 rg 80 600 220 0.5 re f\n")
    root = simple_document(w, [(page_content, {"XObject": {"Fm1": form}}, {"Rotate": 90})])
    w.write(out("form-xobject-rotated.pdf"), root, "form-xobject-rotated")
    to_display = lambda fx, fy: (fx, 595 - fy)
    EXPECTED["form-xobject-rotated.pdf"] = {
        "pages": ["\n".join(l.text() for l in lines)],
        "lines": [[l.expect(to_display) for l in lines]],
        "page_size": [842, 595],
        "rotate": 90,
        "stroked_line": {"x0": 72, "y0": 140, "x1": 500, "y1": 140, "width": 1},
        "thin_rect": {"x0": 600, "top": 80, "x1": 600.5, "bottom": 300},
    }


def make_encrypted():
    src = "identity-h-tounicode.pdf"
    for name, user_pw in (("aes-empty-user.pdf", ""), ("aes-user-password.pdf", "userpw")):
        w = PdfWriter()
        font = CJKTrueType(TITLE + TOTAL + UNIT, True, "AAAAAB")
        f1 = font.build(w)
        lines = standard_lines(font)
        root = simple_document(w, [(*text_page(w, {"F1": f1}, lines), None)])
        w.write(out(name), root, name, encrypt=Encryptor(user_pw, "ownerpw", name))
        if user_pw:
            EXPECTED[name] = {"error": "encrypted", "user_password": user_pw, "plain": src}
        else:
            record(name, [lines], plain=src)


def make_image_only():
    w = PdfWriter()
    pix = bytes((x * 32 + y * 8) % 256 for y in range(8) for x in range(8))
    img = w.add(Stream({"Type": Name("XObject"), "Subtype": Name("Image"), "Width": 8, "Height": 8,
                        "ColorSpace": Name("DeviceGray"), "BitsPerComponent": 8}, pix))
    content = b"q 200 0 0 200 100 500 cm /Im1 Do Q\n"
    root = simple_document(w, [(content, {"XObject": {"Im1": img}}, None)])
    w.write(out("image-only.pdf"), root, "image-only")
    EXPECTED["image-only.pdf"] = {"error": "no_text_layer"}


def make_damaged():
    path = out("truncated.pdf")
    if os.path.exists(CORPUS_PDF):
        data = open(CORPUS_PDF, "rb").read()
        with open(path, "wb") as f:
            f.write(data[: len(data) * 40 // 100])
        pages = int(subprocess.run(["qpdf", "--show-npages", CORPUS_PDF], capture_output=True,
                                   text=True, check=True).stdout)
        sha = hashlib.sha256(data).hexdigest()
    else:
        print("note: %s missing; keeping the committed truncated.pdf" % CORPUS_PDF, file=sys.stderr)
        old = json.load(open(out("expected.json")))["truncated.pdf"]
        pages, sha = old["original_pages"], old["original_sha256"]
    EXPECTED["truncated.pdf"] = {
        "rule": "corrupt_or_fewer_pages",
        "original": os.path.basename(CORPUS_PDF),
        "original_sha256": sha,
        "original_pages": pages,
        "kept_fraction": 0.4,
    }
    with open(out("not-a-pdf.pdf"), "w") as f:
        f.write("2024年部门收支预算表\n收入总计 18,786.35\nThis is a plain text file, not a PDF.\n")
    EXPECTED["not-a-pdf.pdf"] = {"error": "corrupt"}


def check():
    """Structural checks with qpdf (not the source of any expectation)."""
    if not shutil.which("qpdf"):
        print("note: qpdf not found, skipping checks", file=sys.stderr)
        return
    for name in sorted(EXPECTED):
        if name in ("truncated.pdf", "not-a-pdf.pdf"):
            continue
        args = ["qpdf", "--check", out(name)]
        if EXPECTED[name].get("user_password"):
            args.insert(1, "--password=" + EXPECTED[name]["user_password"])
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("qpdf --check failed for %s:\n%s%s" % (name, r.stdout, r.stderr))


def main():
    os.makedirs(OUT, exist_ok=True)
    make_stsong_ucs2()
    make_stsong_gbk()
    make_stsong_vertical()
    make_identity(True)
    make_identity(False)
    make_identity_cff()
    make_surrogates()
    make_winansi()
    make_differences()
    make_type3()
    make_form_rotated()
    make_encrypted()
    make_image_only()
    make_damaged()
    with open(out("expected.json"), "w", encoding="utf-8") as f:
        json.dump(dict(sorted(EXPECTED.items())), f, ensure_ascii=False, indent=1)
        f.write("\n")
    check()
    total = 0
    for name in sorted(EXPECTED) + ["expected.json"]:
        size = os.path.getsize(out(name))
        total += size
        assert size < 60_000, (name, size)
        print("%8d  %s" % (size, name))
    print("%8d  total" % total)
    assert total < 400_000


if __name__ == "__main__":
    main()
