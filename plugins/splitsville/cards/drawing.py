"""Social cards: a post's title and roles drawn as a 1200x630 PNG (Pillow only, no Pelican).

The colours are the theme's own tokens, read from main.css's :root, so a card always matches
the site; the text is laid out by text.py, in the font Pillow ships. The same post gives the
same bytes on every build.
"""

import json
import os
from collections.abc import Mapping, Sequence
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw

from .. import cache as caches
from . import glyphs, png
from .text import drawable, font, title_lines

# This module, the text layout (text.py), the glyphs (glyphs.py) and the encoder (png.py): their
# code shapes every card.
SOURCES = tuple(
    Path(__file__).resolve().with_name(name)
    for name in ("drawing.py", "text.py", "glyphs.py", "png.py")
)
SIZE = (1200, 630)
MARGIN = 80
# The main.css tokens a card is drawn with (read by theme.py).
TOKENS = ("--bg", "--text", "--muted", "--accent", "--accent-soft")


def render(title: str, roles: Sequence[str], site: str, colours: Mapping[str, str]) -> bytes:
    """The card as PNG bytes: the site's name, the title (plain text) and the roles as pills.

    Drawn straight in the palette's indices (see _palette), so no card is drawn in full colour
    and then quantized: what is the same on every card (the page, the bar, the site's name,
    each role's pill) is drawn once per process, and only the title is drawn per card.
    """
    theme = tuple(colours.items())
    image = _page(site, theme).copy()
    size, lines = title_lines(title, SIZE[0] - 2 * MARGIN)
    _paste_title(image, size, lines, theme)
    _paste_roles(image, roles, theme, SIZE[0] - MARGIN)
    # Pillow's pixels, compressed by png.py: the bands every card shares are compressed once
    # (half the time of Pillow's encoder at the same zlib level); no metadata chunks, so the
    # same input gives the same bytes.
    return png.encode(image)


def _quantized(image: Image.Image, theme: tuple) -> Image.Image:
    """A full-colour drawing in the palette's indices."""
    # A palette of the blends the drawing makes: compressing that takes a fifth of the time of
    # full colour, for half the bytes, and no channel moves by more than a few levels.
    return image.quantize(palette=_palette(theme), dither=Image.Dither.NONE)


@cache
def _page(site: str, theme: tuple) -> Image.Image:
    """What every card shares: the page, the accent bar down its left edge, the site's name."""
    colours = dict(theme)
    image = Image.new("RGB", SIZE, colours["--bg"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, SIZE[1]), fill=colours["--accent"])
    draw.text((MARGIN, 60), drawable(site, 40), font=font(40), fill=colours["--accent"])
    return _quantized(image, theme)


@cache
def _blend_indices(theme: tuple, under: str, over: str) -> tuple[int, ...]:
    """For each coverage 0-255 of a glyph's pixel, the palette index that drawing `over` on
    `under` in full colour and then quantizing gives: found by doing just that, for the 256."""
    colours = dict(theme)
    strip = Image.new("RGB", (256, 1), colours[under])
    strip.paste(colours[over], mask=Image.frombytes("L", (256, 1), bytes(range(256))))
    return tuple(_quantized(strip, theme).tobytes())


def _paste_title(image: Image.Image, size: int, lines: list[str], theme: tuple) -> None:
    """The title's lines, in the text colour on the page, drawn as coverage and then turned
    into the palette's indices of that blend (the same pixels quantize() would give)."""
    step = round(size * 1.2)
    # Each line's coverage made from glyphs drawn once (glyphs.py), or None: Pillow draws it.
    made = [glyphs.line_mask(line, size) for line in lines]
    boxes = [m[1] if m else font(size).getbbox(line) for line, m in zip(lines, made, strict=True)]
    if not any(right > left and bottom > top for left, top, right, bottom in boxes):
        return  # nothing to draw: no title, or none of its characters in the font
    left = min(box[0] for box in boxes)
    top = min(box[1] for box in boxes)
    right = max(box[2] for box in boxes)
    bottom = (len(lines) - 1) * step + max(box[3] for box in boxes)
    # The block's coverage, in a "P" image so that its values can be mapped to indices in place;
    # fontmode "L" keeps the glyphs' antialiasing, which ImageDraw drops in "P" by default.
    ink = Image.new("P", (right - left, bottom - top), 0)
    draw = ImageDraw.Draw(ink)
    draw.fontmode = "L"
    for number, (line, box) in enumerate(zip(lines, boxes, strict=True)):
        if made[number] is None:
            draw.text((-left, number * step - top), line, font=font(size), fill=255)
        else:  # as ImageDraw.text puts a line's coverage down: index 255 through it
            ink.paste(255, (box[0] - left, number * step - top + box[1]), made[number][0])
    indices = _blend_indices(theme, "--bg", "--text")
    box = (MARGIN + left, 150 + top, MARGIN + right, 150 + bottom)
    # Where the page is plain background (as it always is under a title, unless a glyph reaches
    # the bar or the site's name), the block goes in whole: its uninked pixels are the page's.
    plain = image.crop(box).getextrema() == (indices[0], indices[0])
    image.paste(ink.point(indices), box, None if plain else ink.point([0] + [255] * 255, "1"))


# The colours drawn over one another: text on the page, pills on the page, text on a pill.
BLENDS = (
    ("--bg", "--text"),
    ("--bg", "--accent"),
    ("--accent-soft", "--accent"),
    ("--bg", "--accent-soft"),
)
BLEND_STEPS = 32
# Pillow matches a pixel to a palette entry in coarse boxes, so entries closer than this could
# swallow the theme's own colours: those come first, and no blend step sits this close to them.
MIN_GAP = 8


@cache
def _palette(colours: tuple) -> Image.Image:
    """The theme's colours, then the steps of each blend in BLENDS (at most 256 in all)."""
    rgb = {name: ImageColor.getrgb(value) for name, value in colours}
    entries = list(dict.fromkeys(rgb[name] for pair in BLENDS for name in pair))
    for start, end in BLENDS:
        a, b = rgb[start], rgb[end]
        for k in range(1, BLEND_STEPS - 1):
            step = tuple(round(a[i] + (b[i] - a[i]) * k / (BLEND_STEPS - 1)) for i in range(3))
            if all(
                max(abs(x - y) for x, y in zip(step, e, strict=True)) > MIN_GAP for e in entries
            ):
                entries.append(step)
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for entry in entries[:256] for channel in entry])
    return palette


def _paste_roles(image: Image.Image, roles: Sequence[str], theme: tuple, right: int) -> None:
    """Roles as pills along the bottom, as on the site; those that don't fit are counted."""
    x = MARGIN
    for index, role in enumerate(roles):
        text, after = drawable(role, PILL_SIZE), len(roles) - index - 1
        if x + _pill_width(text) + (_pill_width(f"+{after}") + PILL_GAP if after else 0) > right:
            text, after = f"+{after + 1}", 0  # the count of those left stands in for them
        pill, shape = _pill(text, theme)
        # At a whole pixel, so that one drawing of the pill serves every card. The hinted font's
        # widths are whole pixels, so x already is one; were it not, rounding down keeps a pill
        # that fits inside the margin.
        image.paste(pill, (int(x), PILL_TOP), shape)
        if text.startswith("+"):
            return
        x += _pill_width(text) + PILL_GAP


PILL_SIZE, PILL_PAD_X, PILL_PAD_Y, PILL_GAP = 30, 20, 12, 16
PILL_HEIGHT = PILL_SIZE + 2 * PILL_PAD_Y
PILL_TOP = SIZE[1] - MARGIN - PILL_HEIGHT


@cache
def _pill_width(text: str) -> float:
    return font(PILL_SIZE).getlength(text) + 2 * PILL_PAD_X


@cache  # a role's pill looks the same on every card: draw it once
def _pill(text: str, theme: tuple) -> tuple[Image.Image, Image.Image]:
    """`text` on a rounded pill in the palette's indices, and the pill's shape as a mask."""
    colours = dict(theme)
    box = (0, 0, _pill_width(text), PILL_HEIGHT)
    size = (int(box[2]) + 1, PILL_HEIGHT + 1)  # the box's corners are pixels of the pill
    radius = PILL_SIZE // 2 + PILL_PAD_Y
    pill = Image.new("RGB", size, colours["--bg"])
    draw = ImageDraw.Draw(pill)
    draw.rounded_rectangle(box, radius=radius, fill=colours["--accent-soft"])
    draw.text((PILL_PAD_X, PILL_PAD_Y), text, font=font(PILL_SIZE), fill=colours["--accent"])
    shape = Image.new("1", size, 0)
    ImageDraw.Draw(shape).rounded_rectangle(box, radius=radius, fill=1)
    return _quantized(pill, theme), shape


def alt_text(title: str, roles: Sequence[str], site: str) -> str:
    """What the card shows, in words, for og:image:alt."""
    about = f" Roles: {', '.join(roles)}." if roles else ""
    end = "" if title[-1:] in ".?!" else "."
    return f"{site}: {title}{end}{about}"


def cached_path(
    cache_dir: Path, title: str, roles: Sequence[str], site: str, colours: Mapping[str, str]
) -> Path:
    """Where render()'s PNG is kept, named by a hash of everything that shapes the card.

    The key holds the drawing code (SOURCES) and Pillow's version, so a change to either
    redraws them all; nothing else (settings, other posts) can change a card, so the cache is
    shared by every build of the project.
    """
    recipe = json.dumps([title, list(roles), site, dict(colours)])
    return Path(cache_dir) / f"{caches.key(recipe, _code())}.png"


@cache  # read once a process, not once a card: the code does not change while a build runs
def _code() -> str:
    return caches.key(files=SOURCES, packages=["pillow"])


def render_to(path: Path, title: str, roles: Sequence[str], site: str, colours) -> Path:
    """render() into `path`, never leaving a half-written card even if two builds share it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(render(title, roles, site, colours))
    partial.replace(path)
    return path


class Drawing:
    """Cards being drawn by forked processes while the build goes on: wait() for them."""

    def __init__(self, processes: Sequence = ()):
        self.processes = list(processes)

    def wait(self) -> None:
        for process in self.processes:
            process.join()
        failed = [process.exitcode for process in self.processes if process.exitcode]
        self.processes = []
        if failed:  # the process printed its traceback: this says which step it was
            raise RuntimeError(f"drawing the social cards failed (exit code {failed[0]})")


def start_drawing(jobs: Sequence[tuple], workers: int, cached: bool = True) -> Drawing:
    """Start drawing the cards (render_to's arguments each) not yet in the cache, on `workers`
    forked processes, and return at once (every card, when `cached` is False: the card cache
    switched off).

    A card takes a few milliseconds (drawing the title, then compressing), so a thousand take
    seconds of both cores: only a new or changed card is drawn, and while it is, Pelican goes
    on with the work it does on one core (feeds, the pages' cache keys, the sitemap). Plain
    processes, each given its share, not a pool: a pool's threads would live on in this
    process while it forks its renderers.
    """
    missing = [job for job in jobs if not cached or not Path(job[0]).is_file()]
    if workers < 2 or len(missing) < 2 * workers:
        for job in missing:
            render_to(*job)
        return Drawing()
    fork = get_context("fork")
    processes = [
        fork.Process(target=_render_all, args=(missing[n::workers],), daemon=True)
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    return Drawing(processes)


def _render_all(jobs: Sequence[tuple]) -> None:
    for job in jobs:
        render_to(*job)
