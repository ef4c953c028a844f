"""Estimates of how text wraps in a cell, shared by the layout routes.

The estimates decide row heights and manual page breaks; they never decide
what the truth says (a wrapped cell's lines are joined again in the truth).
"""

import unicodedata


def char_width(ch, size):
    if ord(ch) < 0x2000:
        if ch in "“”‘’—…≤≥×":
            return size
        return 0.56 * size
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return size
    return 0.56 * size


def _tokens(text):
    """ASCII runs stay together (a number or code wraps only when it must);
    every other character is its own token."""
    out, run = [], ""
    for ch in text:
        if ord(ch) < 0x80 and ch != " ":
            run += ch
        else:
            if run:
                out.append(run)
                run = ""
            out.append(ch)
    if run:
        out.append(run)
    return out


def wrap(text, width, size):
    """Lines of `text` in a box `width` points wide at font `size`."""
    if width <= 0:
        return list(text) or [""]
    lines, cur, cw = [], "", 0.0
    for tok in _tokens(text):
        tw = sum(char_width(c, size) for c in tok)
        if cw + tw <= width or not cur and tw <= width:
            cur += tok
            cw += tw
            continue
        if tw <= width:
            lines.append(cur)
            cur, cw = tok, tw
            continue
        # a token longer than a line: break it by character
        for c in tok:
            w = char_width(c, size)
            if cw + w > width and cur:
                lines.append(cur)
                cur, cw = "", 0.0
            cur += c
            cw += w
    lines.append(cur)
    return lines


def n_lines(text, width, size):
    if not text:
        return 1
    n = 0
    for part in text.split("\n"):
        n += len(wrap(part, width, size))
    return n
