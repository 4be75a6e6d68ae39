"""A line of text put together from glyphs drawn once: the pixels Pillow's text drawing gives.

A title is a few dozen glyphs from an alphabet of a hundred or so, and ImageDraw.text has
FreeType rasterize every one of them again for every card: that was two fifths of drawing a
card. Here each glyph of a size is rasterized once a process and a line is made of them as
Pillow's font_render makes it (Pillow 13, src/_imagingft.c): each glyph at the pen, in whole
pixels, blended over the glyphs before it as `src + dst * (255 - src) / 255`, rounded the way
Pillow's MULDIV255 rounds. tests/unit/test_cards_glyphs.py compares lines with Pillow's own;
a line whose glyphs are not all whole pixels apart (kerning, or a font unlike the one we ship)
is left to Pillow.
"""

import itertools
from functools import cache

from PIL import Image, ImageDraw

from .text import font

# A character at one size: its coverage (None: blank), its box from the pen, its advance.
Glyph = tuple[Image.Image | None, tuple[int, int, int, int], int]


def line_mask(line: str, size: int) -> tuple[Image.Image, tuple[int, int, int, int]] | None:
    """The line's coverage ("L") and its box from the text's origin: what
    font(size).getmask2(line, "L") and font(size).getbbox(line) give, with the glyphs
    rasterized once. None when they are not whole pixels apart (kerning, or another font):
    draw the line with ImageDraw.text then."""
    glyphs = [_glyph(char, size) for char in line]
    if not line or None in glyphs:
        return None
    # Each glyph's pen, and then the line's end: one more than there are glyphs.
    pens = list(itertools.accumulate((glyph[2] for glyph in glyphs), initial=0))
    if font(size).getlength(line) != pens[-1]:
        return None
    # The line's box, as Pillow's is: every glyph's box (its pen line included) at its pen.
    left = min(pen + glyph[1][0] for pen, glyph in zip(pens, glyphs, strict=False))
    top = min(glyph[1][1] for glyph in glyphs)
    right = max(pen + glyph[1][2] for pen, glyph in zip(pens, glyphs, strict=False))
    bottom = max(glyph[1][3] for glyph in glyphs)
    out = Image.new("L", (right - left, bottom - top), 0)
    inked_to = 0  # the right of every glyph box so far: nothing is drawn beyond it yet
    for pen, (coverage, box, _) in zip(pens, glyphs, strict=False):
        x, y = pen + box[0] - left, box[1] - top
        if coverage is not None:
            if x < inked_to:  # its box reaches into the glyph before it: blend those columns
                _blend(out, coverage.crop((0, 0, inked_to - x, coverage.height)), (x, y))
                beyond = coverage.crop((inked_to - x, 0, coverage.width, coverage.height))
                out.paste(beyond, (inked_to, y))
            else:  # nothing drawn under it yet: its pixels are the line's
                out.paste(coverage, (x, y))
        inked_to = max(inked_to, x + box[2] - box[0])
    return out, (left, top, right, bottom)


def _blend(out: Image.Image, src: Image.Image, at: tuple[int, int]) -> None:
    """`src` drawn over `out` at `at` as font_render blends a glyph (a sliver a few pixels
    wide: only where one glyph's box overlaps the next)."""
    box = (at[0], at[1], at[0] + src.width, at[1] + src.height)
    under = out.crop(box).tobytes()
    blended = bytes(s + _muldiv255(t, 255 - s) for s, t in zip(src.tobytes(), under, strict=True))
    out.paste(Image.frombytes("L", src.size, blended), box)


def _muldiv255(a: int, b: int) -> int:
    """a * b / 255, rounded: Pillow's MULDIV255 (libImaging/ImagingUtils.h)."""
    tmp = a * b + 128
    return ((tmp >> 8) + tmp) >> 8


@cache
def _glyph(char: str, size: int) -> Glyph | None:
    """One character's coverage, box and advance; None if its advance is not a whole number
    of pixels (the line would then place it between pixels)."""
    advance = font(size).getlength(char)
    if advance != int(advance):
        return None
    box = font(size).getbbox(char)  # from its pen: its ink and its pen line, 0 to the advance
    coverage = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
    # Drawn in full (255) on nothing (0), a glyph leaves its coverage itself.
    ImageDraw.Draw(coverage).text((-box[0], -box[1]), char, font=font(size), fill=255)
    return (coverage if coverage.getbbox() else None), box, int(advance)
