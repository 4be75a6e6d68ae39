"""The roles co-occurrence chart, drawn as inline SVG at build time (plain logic, no Pelican).

A square heatmap: one row and one column per role, each cell the number of posts that carry
both roles. Rows carry the roles' names (wrapped to two lines at most); columns carry the
rows' numbers, which keeps the chart narrow. Colours come from the page's CSS (classes styled
in main.css with the design tokens), so the chart follows dark mode and print.

However many roles there are, the labels stay legible: the SVG's own size (width and height)
is the size at which its labels are SMALLEST px, and roles.css never shows it smaller (it may
grow to fill the column). A chart wider than the column scrolls inside its own box, never the
page (scroll_region); one wider than a phone's column repeats the row numbers at its right
edge, so a reader who has scrolled across still knows each row.
"""

import math
import textwrap
from collections.abc import Sequence
from html import escape

FONT = 13  # user units
SMALLEST = 12  # px: the labels' size at the chart's own size, the smallest it is ever shown
PHONE_COLUMN = 350  # px: the text column of a 390 px wide phone
CELL = 24
GAP = 2
LABEL_CHARS = 19  # wrap role names longer than this onto a second line
# Glyph widths in em, by class, of DejaVu Sans: the widest usual fallback of the UI font stack,
# so the label column is wide enough in the narrower fonts of phones and desktops too.
GLYPH_WIDTHS = {
    **dict.fromkeys("ijlI.,:;'!|", 0.3),
    **dict.fromkeys("frt()[]-/ ", 0.42),
    **dict.fromkeys("mwMW", 1.0),
}
NUMBER_WIDTH = 18  # the row numbers' column, wide enough for two bold digits
TOP = 24
# Cells of the lower band carry dark text on a light tint; the upper band light text on a
# strong tint. The gap between the bands keeps both readable (contrast) in light and dark mode.
LOW_BAND = (0.12, 0.45)
HIGH_BAND = (0.85, 1.0)
SPLIT = 0.6


def wrap_label(name: str, width: int = LABEL_CHARS) -> list[str]:
    """A role name on one line, or two when long; words are never broken."""
    lines = textwrap.wrap(name, width, break_long_words=False) or [name]
    return lines if len(lines) <= 2 else [lines[0], " ".join(lines[1:])]


def text_width(line: str) -> float:
    """A line's width in em, at most: lower case and digits 0.64, capitals 0.79, other scripts
    (CJK, Hebrew...) a full em."""
    return sum(
        GLYPH_WIDTHS.get(ch, 0.64 if ch.islower() or ch.isdigit() else 0.79 if ch.isascii() else 1)
        for ch in line
    )


def shade(count: int, most: int) -> tuple[float, str]:
    """A cell's fill opacity and text class for `count` posts out of the busiest cell's `most`."""
    if count <= 0 or most <= 0:
        return 0.0, "ink"
    share = count / most
    if share < SPLIT:
        low, high = LOW_BAND
        return round(low + (high - low) * share / SPLIT, 3), "ink"
    low, high = HIGH_BAND
    return round(low + (high - low) * (share - SPLIT) / (1 - SPLIT), 3), "ink-on-strong"


def shown_width(units: int) -> int:
    """The size in px of a length of the chart, at the scale where its labels are SMALLEST."""
    return math.ceil(units * SMALLEST / FONT)


def scroll_region(svg: str, label: str) -> str:
    """The chart in a box of its own that scrolls sideways when the chart is wider than the
    column, so the page never does: focusable, so a keyboard reaches and scrolls it (WCAG
    2.1.1), and named (a name of its own: the section around it may carry the chart's title)."""
    return (
        f'<div class="chart-scroll" role="region" tabindex="0" aria-label="{escape(label)}">\n'
        f"{svg}\n</div>"
    )


def co_occurrence_svg(
    names: Sequence[str],
    matrix: Sequence[Sequence[int]],
    title: str,
    desc: str,
    ident: str,
    links: Sequence[Sequence[tuple[str, str] | None]] | None = None,
) -> str:
    """The SVG markup (every text escaped) of a square co-occurrence matrix.

    `ident` prefixes the ids of <title> and <desc>, which label the chart for assistive tech.
    `links` gives each cell that links somewhere its (address, accessible name), or None. A
    chart with links is a named group of them (an image's content would be presentational,
    its links out of reach of screen readers); the axes and unlinked numbers are hidden from
    assistive tech, which meets the cells by their links' names, and the table after the chart.
    """
    for grid in (matrix, links) if links is not None else (matrix,):
        if len(grid) != len(names) or any(len(row) != len(names) for row in grid):
            raise ValueError("the matrix and links must have one row and column per name")
    labels = [wrap_label(name) for name in names]
    numbers = NUMBER_WIDTH if len(names) < 10 else NUMBER_WIDTH + 6  # two digits
    longest = max((text_width(line) for lines in labels for line in lines), default=0)
    label_width = numbers + math.ceil(longest * FONT) + 4
    row_height = max(CELL, 2 * FONT + 8) if any(len(lines) > 1 for lines in labels) else CELL
    width = label_width + len(names) * (CELL + GAP)
    height = TOP + len(names) * (row_height + GAP)
    numbers_right = shown_width(width) > PHONE_COLUMN
    if numbers_right:
        width += numbers
    # The diagonal (a role's own posts) is outlined, not shaded: the shades are for pairs.
    most = max(
        (count for i, row in enumerate(matrix) for j, count in enumerate(row) if i != j),
        default=0,
    )

    parts = [
        f'<svg class="role-chart" xmlns="http://www.w3.org/2000/svg" '
        f'role="{"group" if links else "img"}" '
        f'viewBox="0 0 {width} {height}" width="{shown_width(width)}" '
        f'height="{shown_width(height)}" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<g class="axis" font-size="{FONT}" aria-hidden="true">',
    ]
    for j in range(len(names)):
        x = label_width + j * (CELL + GAP) + CELL / 2
        parts.append(f'<text x="{x:g}" y="{TOP - 8}" text-anchor="middle">{j + 1}</text>')
    for i, lines in enumerate(labels):
        top = TOP + i * (row_height + GAP)
        first = top + row_height / 2 + FONT * 0.35 - (FONT / 2 + 1) * (len(lines) - 1)
        parts.append(f'<text x="0" y="{first:g}" class="number">{i + 1}</text>')
        parts.append(f'<text x="{numbers}" y="{first:g}">')
        parts += [
            f'<tspan x="{numbers}" dy="{0 if n == 0 else FONT + 2}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        ]
        parts.append("</text>")
        if numbers_right:
            parts.append(
                f'<text x="{width}" y="{top + row_height / 2 + FONT * 0.35:g}" class="number" '
                f'text-anchor="end">{i + 1}</text>'
            )
    parts.append("</g>")
    parts.append(f'<g class="cells" font-size="{FONT - 1}">')
    hidden = ' aria-hidden="true"' if links else ""
    for i, row in enumerate(matrix):
        top = TOP + i * (row_height + GAP)
        for j, count in enumerate(row):
            x = label_width + j * (CELL + GAP)
            opacity, ink = shade(count, most) if i != j else (0.0, "ink")
            kind = "cell self" if i == j else "cell"
            link = links[i][j] if links else None
            if link:
                parts.append(f'<a href="{escape(link[0])}" aria-label="{escape(link[1])}">')
            parts.append(
                f'<rect class="{kind}" x="{x}" y="{top}" width="{CELL}" height="{row_height}" '
                f'fill-opacity="{opacity:g}"/>'
            )
            parts.append(
                f'<text class="{ink}" x="{x + CELL / 2:g}" y="{top + row_height / 2 + 4:g}" '
                f'text-anchor="middle"{"" if link else hidden}>{count}</text>'
            )
            if link:
                parts.append("</a>")
    parts.append("</g></svg>")
    return "\n".join(parts)
