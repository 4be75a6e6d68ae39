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

What holds a reference is read from the markup before the notes with one regex that finds the
next tag, comment or declaration, reading them as Python's html.parser does (quoted values may
hold ">", an end tag closes every element opened after its own), and only up to the last note's
first reference: html.parser's per-tag handling cost most of the time of this filter.

Plain logic on the HTML of a post's page (posts/wiring.py makes it the `sidenotes` filter of
article.html), not in `article.content`: feeds, JSON Feed, llms.txt and the book take the
content as it is, with its notes once, at the end.
"""

import re
from html import unescape
from string import ascii_letters

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

# The markup before the notes, read the way Python's html.parser reads it (which this module
# used before, six times slower), so that what holds a reference is the same as it was.
# A tag's name and attributes are html.parser's: an attribute starts after a quote, a space or
# a slash; a quote opens a value only after "="; a value without quotes runs to a space or ">".
# Each attribute is one atomic group, as html.parser takes the first way an attribute reads.
NAME = r"[a-zA-Z][^\t\n\r\f />\x00]*+"
ATTRIBUTE = (
    r"(?P<name>(?<=['\"\s/])[^\s/>][^\s/=>]*)"
    r"(?:\s*=+\s*(?P<value>'[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?"
)
ATTRIBUTES = re.compile(ATTRIBUTE)
TOKEN = re.compile(
    # a start tag; a slash in `trail` (not ending a value) makes it self-closing
    rf"<(?P<start>{NAME})(?P<attributes>(?>[\s/]*{ATTRIBUTE})*+)(?P<trail>[\s/]*+)>"
    # an end tag, as html.parser finds its name: `</ p >`, `</p junk>`; `</ p x>` closes none
    rf"|</(?:\s*(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|(?P<loose_end>{NAME})[^>]*>|[^>]*>)"
    # comments, CDATA and Office's conditional sections, declarations, processing instructions
    r"|<!--.*?--\s*>"
    r"|<!\[(?i:cdata|temp|ignore|include|rcdata)(?![-_.a-zA-Z0-9]).*?\]\s*\]\s*>"
    r"|<!\[(?i:if|else|endif)(?![-_.a-zA-Z0-9]).*?\]\s*>"
    r"|<!(?!--)[^>]*>|<\?[^>]*>"
    # any of those left unfinished, and a character reference html.parser gives up on
    r"|(?P<unfinished><[a-zA-Z/!?])"
    r"|(?P<bad_charref>&#(?![0-9]+[^0-9a-fA-F]|[xX][0-9a-fA-F]+[^0-9a-fA-F]))",
    re.S,
)
# How far html.parser reads an unfinished start tag before it decides what it is.
UNFINISHED_START = re.compile(rf"<{NAME}(?>[\s/]*{ATTRIBUTE})*+[\s/]*+")
RAW_TEXT = frozenset({"script", "style"})  # no markup inside: they end at their end tag


def _reference_id(token: re.Match, text: str) -> str:
    """A <sup>'s id as html.parser gives it: the last one, unquoted and unescaped."""
    found = ""
    for attribute in ATTRIBUTES.finditer(text, *token.span("attributes")):
        if attribute["name"].lower() == "id":
            value = attribute["value"] or ""
            found = unescape(value[1:-1] if value[:1] in ("'", '"') else value)
    return found


def _references(text: str, keys: set[str]) -> dict[str, tuple[int, int, bool]]:
    """Where each note's first reference ends, where the top-level block holding it starts,
    and whether all that holds it is column or inline; for the notes in `keys`, no further.

    Elements nest as html.parser's stack of start tags would: an end tag closes the open
    elements back to the latest of its name, or all of them if none is open; a self-closing
    tag is a start and an end (so `<br />`, never opened, closes all).
    """
    stack: list[tuple[str, int]] = []  # open elements and where each starts
    reference: tuple[str, list[str], int] | None = None  # key, ancestors, depth of an open one
    found: dict[str, tuple[int, int, bool]] = {}
    left = set(keys)
    second_pass = False  # html.parser's close(): after a construct its feed() could not finish
    at = 0
    while left and (token := TOKEN.search(text, at)):
        at = token.end()
        where = token.start()
        if start := token["start"]:
            name = start.lower()
            if name not in VOID:
                if name == "sup" and (ref := REFERENCE_ID.fullmatch(_reference_id(token, text))):
                    reference = (ref["key"], [open_name for open_name, _ in stack], len(stack))
                stack.append((name, where))
            if not token["trail"].endswith("/"):
                if name in RAW_TEXT:
                    close = re.compile(rf"</\s*{name}\s*>", re.I).search(text, at)
                    if not close:
                        break
                    at = close.start()  # its end tag, read next
                continue
            end = name  # self-closing: an end tag at the same place
        elif end := token["end"] or token["loose_end"]:
            end = end.lower()
        elif token["unfinished"]:
            if token[0][1] in ascii_letters:
                tag = UNFINISHED_START.match(text, where).end()
                if text[tag : tag + 1] not in ("", "=", "/", *ascii_letters):
                    at = tag  # a start tag html.parser gives up on: text
                    continue
            # One html.parser's feed() leaves for close(), which reads it as text up to the
            # next ">" (or the next "<").
            second_pass = True
            if (gt := text.find(">", where + 1)) >= 0:
                at = gt + 1
            elif (lt := text.find("<", where + 1)) >= 0:
                at = lt
            else:
                at = where + 1
            continue
        elif token["bad_charref"]:
            if second_pass or ";" not in text[where:]:
                break  # the rest is text
            second_pass = True
            continue
        else:
            continue  # a comment, declaration or the like
        while stack:
            if stack.pop()[0] == end:
                break
        if end == "sup" and reference and len(stack) == reference[2]:
            key, ancestors, _ = reference
            reference = None
            if key not in found and stack:
                found[key] = (
                    where + len("</sup>"),
                    stack[0][1],
                    all(name in COLUMN or name in INLINE for name in ancestors),
                )
                left.discard(key)
    return found


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
    places = _references(html[:start], set(bodies))
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
