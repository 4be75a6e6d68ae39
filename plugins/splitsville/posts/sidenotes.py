"""Sidenotes: each footnote also beside the line that refers to it, for wide screens.

Python-Markdown's footnotes extension writes a reference `<sup id="fnref:1"><a
class="footnote-ref" href="#fn:1">1</a></sup>` and, at the end, `<div class="footnote">` with
one `<li id="fn:1">` per note. We keep both as they are (numbering, links and the list at the
end, which narrow screens and paper show) and add a copy of each note right after its first
reference: `<span class="sidenote">`, which notes.css floats into the margin on wide screens
and hides everywhere else. The copy has no ids and no back link, and one of the two is always
display:none, so a screen reader meets each note once and every id stays unique.

A note made of paragraphs goes inline, its paragraphs as spans (a <p> may hold only phrasing
content). A note holding anything else (a list, code), or a reference in a heading, a table or a
link, gets a <div class="sidenote"> before the top-level block holding the reference instead:
beside that block's first line rather than the reference's own.

Plain logic on the HTML of a post's page (posts/wiring.py makes it the `sidenotes` filter of
article.html), not in `article.content`: feeds, JSON Feed, llms.txt and the book take the
content as it is, with its notes once, at the end.
"""

import re
from html.parser import HTMLParser

NOTES = re.compile(r'<div class="footnote">.*?<ol>\s*(?P<items>.*)</ol>\s*</div>', re.S)
# One note: its li, up to the next note's li or the end of the list (a note may hold a list).
ITEM = re.compile(r'<li id="fn:(?P<key>[^"]+)">(?P<body>.*?)</li>\s*(?=<li id="fn:|$)', re.S)
BACKREF = re.compile(r'(?:&#160;|\xa0|\s)*<a class="footnote-backref"[^>]*>.*?</a>', re.S)
PARAGRAPH = re.compile(r"<p>(?P<inner>.*?)</p>", re.S)
ID = re.compile(r'\sid="[^"]*"')
REFERENCE_ID = re.compile(r"fnref\d*:(?P<key>.+)")

# Ancestors of a reference whose right edge is the text column's, so that a float inside them
# reaches the margin; inline elements that may hold a <span> (not <a>: no link in a link).
COLUMN = frozenset({"p", "li", "ul", "ol", "blockquote", "dl", "dd", "dt"})
INLINE = frozenset(
    "abbr b bdi bdo cite code del dfn em i ins kbd mark q s samp small span strong sub sup"
    " time u var".split()
)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _References(HTMLParser):
    """Where each note's first reference ends, what holds it, and where that top block starts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.stack: list[tuple[str, int]] = []  # open elements and where each starts
        self.open_ref: tuple[str, list[str], int] | None = None
        self.found: dict[str, tuple[int, int, bool]] = {}  # key: (after ref, top start, inline)
        self.feed(text)
        self.close()

    def position(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag == "sup" and (match := REFERENCE_ID.fullmatch(dict(attrs).get("id") or "")):
            self.open_ref = (match["key"], [name for name, _ in self.stack], len(self.stack))
        self.stack.append((tag, self.position()))

    def handle_endtag(self, tag):
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break
        if tag == "sup" and self.open_ref and len(self.stack) == self.open_ref[2]:
            key, ancestors, _ = self.open_ref
            self.open_ref = None
            end = self.position() + len("</sup>")
            top = self.stack[0][1] if self.stack else None
            inline = all(name in COLUMN or name in INLINE for name in ancestors)
            if key not in self.found and top is not None:
                self.found[key] = (end, top, inline)


def notes(html: str) -> dict[str, str]:
    """Each note's body as Python-Markdown wrote it, without its back links, by its key."""
    match = NOTES.search(html)
    if not match:
        return {}
    return {
        item["key"]: BACKREF.sub("", item["body"]).strip() for item in ITEM.finditer(match["items"])
    }


def as_phrasing(body: str) -> str | None:
    """A note of paragraphs as phrasing content (one span per paragraph after the first), or
    None if it holds anything else."""
    paragraphs = [p["inner"].strip() for p in PARAGRAPH.finditer(body)]
    if not paragraphs or PARAGRAPH.sub("", body).strip():
        return None
    rest = "".join(f'<span class="sidenote-p">{p}</span>' for p in paragraphs[1:])
    return paragraphs[0] + rest


def number_of(html: str, key: str) -> str:
    """The number the reference shows for a note (Python-Markdown's own numbering)."""
    found = re.search(rf'<a class="footnote-ref" href="#fn:{re.escape(key)}">(.*?)</a>', html)
    return found[1] if found else key


def with_sidenotes(html: str) -> str:
    """The post's HTML with a sidenote copy of every footnote beside its first reference."""
    bodies = notes(html)
    if not bodies:
        return html
    start = NOTES.search(html).start()
    places = _References(html[:start]).found
    inserts: list[tuple[int, str]] = []
    for key, body in bodies.items():
        if key not in places:
            continue
        end, top, inline = places[key]
        body = ID.sub("", body)
        number = f'<span class="sidenote-number">{number_of(html, key)}</span> '
        phrasing = as_phrasing(body)
        if inline and phrasing is not None:
            inserts.append(
                (end, f'<span class="sidenote" data-pagefind-ignore>{number}{phrasing}</span>')
            )
        else:
            inserts.append(
                (top, f'<div class="sidenote" data-pagefind-ignore>{number}{body}</div>\n')
            )
    # From the end, so earlier offsets hold; notes before one block keep their order.
    for at, _, note in sorted(
        ((at, i, note) for i, (at, note) in enumerate(inserts)), reverse=True
    ):
        html = html[:at] + note + html[at:]
    return html
