"""A card's text, laid out: which characters the bundled font can draw, and where lines break.

Shared by the social cards (drawing.py) and the books' covers (book/cover.py). The font is the one
Pillow ships (FreeType), so no card depends on the fonts of the machine that builds it.
"""

import html
import re
import unicodedata
from functools import cache

from PIL import ImageFont

TITLE_SIZES = (76, 68, 60, 52, 46)  # the largest that fits in TITLE_LINES wins
TITLE_LINES = 4
# Typography the bundled font has no glyph for, and what stands in for it.
STAND_INS = {"\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
NO_BREAK = "\xa0"  # typogrify joins a title's last two words with it: they stay on one line


def plain_text(markup: str) -> str:
    """A title as text: typogrify's tags dropped, entities turned into characters."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).split(" ")).strip()


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


@cache
def _missing(size: int) -> tuple:
    """What the font draws for a character it lacks (its .notdef box)."""
    return font(size).getbbox("\ue000"), font(size).getlength("\ue000")


def drawable(text: str, size: int) -> str:
    """`text` with every character the bundled font lacks replaced by one it has.

    Dashes become hyphens and accented letters lose their accents; anything else goes.
    """
    return "".join(_drawable_char(char, size) for char in text)


@cache  # a title's characters repeat across a thousand cards: ask the font once each
def _drawable_char(char: str, size: int) -> str:
    char = STAND_INS.get(char, char)
    if char not in (" ", NO_BREAK) and (
        (font(size).getbbox(char), font(size).getlength(char)) == _missing(size)
    ):
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
        char = base if base.isprintable() else ""
    return char


def wrap(text: str, size: int, width: int, most: int | None = None) -> list[str]:
    """Lines of at most `width` pixels, broken at spaces (never at a no-break space); a word
    wider than a line on its own is broken where it reaches the edge.

    With `most`, it stops as the line after the first `most` begins (so a text that needs more
    has more than `most` lines): those `most` are the same as a full wrap's, as a line is
    never added to once the next one has begun: a long title tried at a size it can't take
    costs no more than a short one.
    """

    measure = font(size).getlength
    # Measuring a line costs time in proportion to its length, so measuring each line again
    # for every word added to it costs a title's layout more than drawing it. A line's width is
    # its words' widths added up, give or take kerning at the joins (a pixel or two; none at all
    # for the bundled font): so a line is measured only when that sum is too near the edge to
    # tell, and every line breaks where measuring each would break it.
    slack = size / 2

    def fits(line: str, estimate: float) -> bool:
        if estimate + slack <= width:
            return True
        if estimate - slack > width:
            return False
        return measure(line.replace(NO_BREAK, " ")) <= width

    lines: list[str] = []
    widths: list[float] = []  # each line's width, as its parts' widths added up
    for word in text.split(" "):
        if most is not None and len(lines) > most:
            break
        if not word:
            continue
        if lines:
            joined = widths[-1] + measure(" " + word.replace(NO_BREAK, " "))
            if fits(f"{lines[-1]} {word}", joined):
                lines[-1], widths[-1] = f"{lines[-1]} {word}", joined
                continue
        whole = measure(word.replace(NO_BREAK, " "))
        if whole <= width:
            lines.append(word)
            widths.append(whole)
            continue
        lines.append("")  # too wide for any line: as many of its characters as fit, then more
        widths.append(0.0)
        for char in word:
            step = measure(char.replace(NO_BREAK, " "))
            if lines[-1] and not fits(lines[-1] + char, widths[-1] + step):
                lines.append("")
                widths.append(0.0)
            lines[-1] += char
            widths[-1] += step
    return [line.replace(NO_BREAK, " ") for line in lines]


def title_lines(title: str, width: int) -> tuple[int, list[str]]:
    """The largest title size whose lines fit, and the lines (cut with an ellipsis if none fits)."""
    for size in TITLE_SIZES:
        lines = wrap(drawable(title, size), size, width, most=TITLE_LINES)
        if len(lines) <= TITLE_LINES:
            return size, lines
    lines = lines[:TITLE_LINES]  # at the smallest size, the lines that fit
    while lines[-1] and font(size).getlength(lines[-1] + "\u2026") > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] = lines[-1].rstrip() + "\u2026"
    return size, lines
