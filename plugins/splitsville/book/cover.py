"""A book's cover, drawn in the social cards' style: a portrait page of the theme's colours.

The cards' look (cards/drawing.py: the accent bar down the left edge, the site's name in the
accent colour, the title in the text colour, pills in the soft accent) on a 1600x2560 page, the
shape e-book stores ask for, with the series' parts listed under its title. The same font as
the cards (the one Pillow ships), so the same series gives the same PNG on every machine.
Pillow only, no Pelican.
"""

import io
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

from .. import cache as caches
from ..cards import drawing
from ..cards import text as layout

SOURCE = Path(__file__).resolve()  # this module and the cards' drawing shape every cover

SIZE = (1600, 2560)
MARGIN = 140
TITLE_TOP = 560  # below the site's name, as high as a printed book's title sits
BAR = 36  # the accent bar's width: the cards' 23 px, for a page a third wider
TITLE_SIZES = (160, 140, 120, 104, 92)  # the largest at which the title fits in 4 lines wins
PART_SIZE = 52
PART_LINES = 2  # each part's title in at most two lines; a longer one ends in an ellipsis
TOKENS = drawing.TOKENS  # the main.css colours it is drawn with (theme.py reads them)


def parts_text(count: int) -> str:
    """ "1 part", "5 parts": the cover's line under the title, and its alternative text."""
    return f"{count} part" + ("" if count == 1 else "s")


def _fit(text: str, sizes: Sequence[int], width: int, most: int) -> tuple[int, list[str]]:
    """The largest of `sizes` at which `text` wraps into `most` lines, and those lines; at the
    smallest size, the first `most` lines, the last ending in an ellipsis."""
    for size in sizes:
        lines = layout.wrap(layout.drawable(text, size), size, width)
        if len(lines) <= most:
            return size, lines
    size = sizes[-1]
    lines = layout.wrap(layout.drawable(text, size), size, width)[:most]
    while lines[-1] and layout.font(size).getlength(lines[-1] + "\u2026") > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] = lines[-1].rstrip() + "\u2026"
    return size, lines


def render(
    title: str, parts: Sequence[str], site: str, footer: str, colours: Mapping[str, str]
) -> bytes:
    """The cover as PNG bytes: `site` at the top, the book's title, "N parts" and each part's
    title (plain text, numbered), and `footer` (the site's address) as a pill at the bottom."""
    width, height = SIZE
    inner = width - 2 * MARGIN
    image = Image.new("RGB", SIZE, colours["--bg"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, BAR - 1, height), fill=colours["--accent"])
    if site:
        draw.text(
            (MARGIN, MARGIN),
            layout.drawable(site, 64),
            font=layout.font(64),
            fill=colours["--accent"],
        )
    y = TITLE_TOP
    size, lines = _fit(title, TITLE_SIZES, inner, 4)
    for line in lines:
        draw.text((MARGIN, y), line, font=layout.font(size), fill=colours["--text"])
        y += round(size * 1.15)
    y += 40
    draw.text((MARGIN, y), parts_text(len(parts)), font=layout.font(60), fill=colours["--muted"])
    y += 150
    bottom = height - MARGIN - 160  # the parts stop above the footer's pill
    for number, part in enumerate(parts, start=1):
        label = f"{number}."
        indent = round(layout.font(PART_SIZE).getlength("00. "))
        _, lines = _fit(part, (PART_SIZE,), inner - indent, PART_LINES)
        needed = len(lines) * round(PART_SIZE * 1.3)
        if y + needed > bottom:  # no room for the rest: say how many more there are
            more = len(parts) - number + 1
            draw.text(
                (MARGIN, y), f"+{more} more", font=layout.font(PART_SIZE), fill=colours["--muted"]
            )
            break
        draw.text((MARGIN, y), label, font=layout.font(PART_SIZE), fill=colours["--muted"])
        for line in lines:
            draw.text(
                (MARGIN + indent, y), line, font=layout.font(PART_SIZE), fill=colours["--text"]
            )
            y += round(PART_SIZE * 1.3)
        y += 36
    if footer:
        _pill(draw, layout.drawable(footer, 48), colours, height - MARGIN)
    # Few colours, sharp edges: a 64-colour palette keeps the text crisp at a fraction of the
    # bytes; the quantizer is deterministic, so the same cover gives the same bytes.
    image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)  # no metadata chunks: same input, same bytes
    return out.getvalue()


def _pill(draw: ImageDraw.ImageDraw, text: str, colours: Mapping[str, str], bottom: int) -> None:
    """`text` in a rounded pill whose bottom edge is at `bottom`, as the cards draw roles."""
    size, pad_x, pad_y = 48, 32, 18
    box = (
        MARGIN,
        bottom - size - 2 * pad_y,
        MARGIN + layout.font(size).getlength(text) + 2 * pad_x,
        bottom,
    )
    draw.rounded_rectangle(box, radius=size // 2 + pad_y, fill=colours["--accent-soft"])
    draw.text(
        (MARGIN + pad_x, box[1] + pad_y), text, font=layout.font(size), fill=colours["--accent"]
    )


def cached(cache_dir: Path, *args) -> bytes:
    """render(*args), kept in `cache_dir` under a hash of its arguments, this module, the
    cards' drawing and Pillow's version: a rebuild (`make serve` saves) redraws no cover whose
    series' titles did not change, which saves a third of a second a book."""
    recipe = json.dumps([args[0], list(args[1]), *args[2:4], dict(args[4])])
    files = [SOURCE, *drawing.SOURCES]
    path = Path(cache_dir) / f"{caches.key(recipe, files=files, packages=['pillow'])}.png"
    if path.is_file():
        return path.read_bytes()
    data = render(*args)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")  # never half a cover, even for two builds
    partial.write_bytes(data)
    partial.replace(path)
    return data
