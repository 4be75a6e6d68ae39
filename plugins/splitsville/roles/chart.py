"""The roles co-occurrence chart, drawn as inline SVG at build time (plain logic, no Pelican).

A square heatmap: one row and one column per role, each cell the number of posts that carry
both roles. Rows carry the roles' names (wrapped to two lines at most); columns carry the
rows' numbers, which keeps the chart narrow enough to read at phone width without scaling
its text down. Colours come from the page's CSS (classes styled in main.css with the design
tokens), so the chart follows dark mode and print.
"""

import textwrap
from collections.abc import Sequence
from html import escape

FONT = 13  # user units; the chart is drawn to show at about 1:1 on a 390 px wide screen
CELL = 24
GAP = 2
LABEL_CHARS = 19  # wrap role names longer than this onto a second line
CHAR_WIDTH = 0.56  # average glyph width of the UI font, in em: enough to size the label column
NUMBER_WIDTH = 18
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


def co_occurrence_svg(
    names: Sequence[str], matrix: Sequence[Sequence[int]], title: str, desc: str, ident: str
) -> str:
    """The SVG markup (every text escaped) of a square co-occurrence matrix.

    `ident` prefixes the ids of <title> and <desc>, which label the image for assistive tech.
    """
    if len(matrix) != len(names) or any(len(row) != len(names) for row in matrix):
        raise ValueError("the matrix must have one row and one column per name")
    labels = [wrap_label(name) for name in names]
    longest = max((len(line) for lines in labels for line in lines), default=0)
    label_width = NUMBER_WIDTH + round(longest * FONT * CHAR_WIDTH) + 4
    row_height = max(CELL, 2 * FONT + 8) if any(len(lines) > 1 for lines in labels) else CELL
    width = label_width + len(names) * (CELL + GAP)
    height = TOP + len(names) * (row_height + GAP)
    # The diagonal (a role's own posts) is outlined, not shaded: the shades are for pairs.
    most = max(
        (count for i, row in enumerate(matrix) for j, count in enumerate(row) if i != j),
        default=0,
    )

    parts = [
        f'<svg class="role-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<g class="axis" font-size="{FONT}">',
    ]
    for j in range(len(names)):
        x = label_width + j * (CELL + GAP) + CELL / 2
        parts.append(f'<text x="{x:g}" y="{TOP - 8}" text-anchor="middle">{j + 1}</text>')
    for i, lines in enumerate(labels):
        top = TOP + i * (row_height + GAP)
        first = top + row_height / 2 + FONT * 0.35 - (FONT / 2 + 1) * (len(lines) - 1)
        parts.append(f'<text x="0" y="{first:g}" class="number">{i + 1}</text>')
        parts.append(f'<text x="{NUMBER_WIDTH}" y="{first:g}">')
        parts += [
            f'<tspan x="{NUMBER_WIDTH}" dy="{0 if n == 0 else FONT + 2}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        ]
        parts.append("</text>")
    parts.append("</g>")
    parts.append(f'<g class="cells" font-size="{FONT - 1}">')
    for i, row in enumerate(matrix):
        top = TOP + i * (row_height + GAP)
        for j, count in enumerate(row):
            x = label_width + j * (CELL + GAP)
            opacity, ink = shade(count, most) if i != j else (0.0, "ink")
            kind = "cell self" if i == j else "cell"
            parts.append(
                f'<rect class="{kind}" x="{x}" y="{top}" width="{CELL}" height="{row_height}" '
                f'fill-opacity="{opacity:g}"/>'
            )
            parts.append(
                f'<text class="{ink}" x="{x + CELL / 2:g}" y="{top + row_height / 2 + 4:g}" '
                f'text-anchor="middle">{count}</text>'
            )
    parts.append("</g></svg>")
    return "\n".join(parts)
