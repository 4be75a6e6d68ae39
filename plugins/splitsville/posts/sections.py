"""Sections you can find and cite: a table of contents and a permalink on each heading.

Python-Markdown's toc extension (MARKDOWN in pelicanconf.py) gives every heading an id, unique
in the post and the same from build to build (from the heading's text). From the finished HTML
(typeset, so the contents read as the headings do) we take the post's `##` sections for its
table of contents, and put a link to each heading beside it. A heading written as raw HTML
without an id gets neither: it has no address to link to.

The link sits beside the heading, not in it, so that the heading's name stays its text and a
screen reader hears the link once, by its own name ("Link to this section: ..."). Plain logic
on a post page's HTML (posts/wiring.py makes these article.html's filters), not in
`article.content`: feeds, JSON Feed and llms.txt keep plain headings.
"""

import html as entities
import re
from typing import NamedTuple

from .sidenotes import with_sidenotes

TOC_AT = 3  # a post with this many `##` sections or more gets a table of contents
LABEL = "Link to this section"  # each heading's link's name, before the heading's text

HEADING = re.compile(r'<h(?P<level>[2-6]) id="(?P<id>[^"]+)">(?P<inner>.*?)</h(?P=level)>', re.S)
FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.S)
TAG = re.compile(r"<[^>]*>")


class Section(NamedTuple):
    id: str
    text: str  # the heading as plain text, for a link's name or a table of contents


def text_of(inner: str) -> str:
    """A heading's text: no markup, no footnote number, whitespace as one space."""
    plain = entities.unescape(TAG.sub("", FOOTNOTE_REF.sub("", inner)))
    return " ".join(plain.replace("\xa0", " ").split())


def sections(html: str, level: int = 2) -> list[Section]:
    """The headings of one level (`##`: 2) that have an id, in order."""
    return [
        Section(m["id"], text_of(m["inner"]))
        for m in HEADING.finditer(html)
        if int(m["level"]) == level
    ]


def table_of_contents(html: str) -> list[Section]:
    """The `##` sections of a post that has at least TOC_AT of them; else none."""
    found = sections(html)
    return found if len(found) >= TOC_AT else []


def page_text(html: str) -> str:
    """A post's HTML as its own page shows it (article.html, and `make serve`'s quick preview):
    its footnotes also as sidenotes, a link beside each heading."""
    return with_permalinks(with_sidenotes(html))


def with_permalinks(html: str, label: str = LABEL) -> str:
    """Every heading with an id followed by a link to itself, the two in one box that shows the
    link on hover and focus (sections.css)."""

    def linked(match: re.Match) -> str:
        name = entities.escape(f"{label}: {text_of(match['inner'])}")
        attributes = f'class="permalink" href="#{match["id"]}" aria-label="{name}"'
        link = f"<a {attributes} data-pagefind-ignore>#</a>"
        return f'<div class="section-heading">{match[0]}{link}</div>'

    return HEADING.sub(linked, html)
