"""One post as one chapter of a book: its HTML made an EPUB 3 content document (XHTML).

The post's HTML is parsed as a browser would (lxml's HTML parser: named entities such as &nbsp;
become characters) and written anew as XML in the XHTML namespace. On the way:

- links to another part of the book point at its chapter, links inside the post stay inside
  its chapter, and every other link is absolute (a book is read away from the site);
- ids become XML names (EPUBCheck refuses `fn:1`, and a heading's `8-30-...`);
- Python-Markdown's footnotes become EPUB notes: each reference `epub:type="noteref"`, each note
  an `<aside epub:type="footnote">` that reading systems can show as a pop-up;
- an image the site serves is taken into the book; any other stands as its alternative text.

Plain logic (lxml only), no Pelican.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urldefrag, urljoin

from lxml import etree
from lxml import html as lxml_html

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"  # the epub: namespace (epub:type)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FOREIGN = {"svg": "http://www.w3.org/2000/svg", "math": "http://www.w3.org/1998/Math/MathML"}
EPUB_TYPE = "data-epub-type"  # marks epub:type while the tree is still HTML
CSS_NAME = "book.css"
# A reading system brings its own typography: this only keeps wide things inside the page and
# sets the credit and byline apart from the text. A class no rule here names is left out of the
# book (the site's typogrify and highlighting spans: EPUBCheck notes each one it can't find).
CSS = """img { max-width: 100%; height: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid; padding: 0.2em 0.4em; vertical-align: top; }
pre { white-space: pre-wrap; }
.byline, .credit { font-style: italic; }
aside { font-size: 0.9em; }
"""
CLASSES = frozenset(re.findall(r"\.([A-Za-z][\w-]*)", CSS))
NOT_NAME_START = re.compile(r"^[^A-Za-z_]")
NOT_NAME_CHAR = re.compile(r"[^A-Za-z0-9_.\-]")


@dataclass(frozen=True)
class Part:
    """What a chapter needs of one post (wiring.py reads it from Pelican's article)."""

    slug: str
    title_html: str  # the heading as the site shows it (typogrify's spans and all)
    title: str  # plain text, for the table of contents
    url: str  # the post's absolute address on the site
    content_html: str  # with the site's own links already absolute (get_content(SITEURL))
    authors: tuple[str, ...]
    date: datetime
    date_text: str  # the date as the site writes it
    modified: datetime | None = None
    source: str = ""  # who first published it, and where (the essay's Source/Source_url)
    source_url: str = ""

    @property
    def file_name(self) -> str:
        return f"{self.slug}.xhtml"


def xml_id(value: str) -> str:
    """`value` as an XML name without colons (an NCName), as EPUBCheck wants every id: a bad
    character becomes "-", and a name that cannot start as it does gets "id-" before it."""
    value = NOT_NAME_CHAR.sub("-", value)
    return f"id-{value}" if not value or NOT_NAME_START.match(value) else value


def link_in_book(href: str, part: Part, files: Mapping[str, str]) -> str:
    """Where a link of `part` points in the book: into a chapter (`files`: page address ->
    chapter file) when it leads to a part, else to its absolute address."""
    if href.startswith(("mailto:", "tel:")):
        return href
    address, fragment = urldefrag(urljoin(part.url, href))
    target = files.get(address)
    if target is None:
        return address + (f"#{fragment}" if fragment else "")
    if target == part.file_name:
        return f"#{xml_id(fragment)}" if fragment else target
    return target + (f"#{xml_id(fragment)}" if fragment else "")


def _notes(prose) -> None:
    """Python-Markdown's footnotes made EPUB notes, in place.

    A reference `<sup><a class="footnote-ref" href="#fn:1">` gets epub:type="noteref"; the list
    at the end (`<div class="footnote"><hr><ol><li id="fn:1">`) becomes one `<aside
    epub:type="footnote">` per note, numbered by a link back to its reference (which replaces
    the list's back arrow).
    """
    for ref in prose.xpath('.//a[contains(concat(" ", @class, " "), " footnote-ref ")]'):
        ref.set(EPUB_TYPE, "noteref")
    for block in prose.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]'):
        notes = [lxml_html.Element("hr")]
        for number, item in enumerate(block.xpath("./ol/li[@id]"), start=1):
            arrows = item.xpath('.//a[contains(concat(" ", @class, " "), " footnote-backref ")]')
            back = arrows[0].get("href") if arrows else None
            for arrow in arrows:
                _drop_keeping_tail(arrow)
            aside = lxml_html.Element("aside", {"id": item.get("id"), EPUB_TYPE: "footnote"})
            aside.text = item.text
            aside.extend(list(item))
            label = lxml_html.Element("a", {"href": back}) if back else lxml_html.Element("span")
            label.text = f"{number}."
            starts_with_p = len(aside) and aside[0].tag == "p" and not (aside.text or "").strip()
            holder = aside[0] if starts_with_p else aside
            label.tail = " " + (holder.text or "").lstrip()
            holder.text = None
            holder.insert(0, label)
            notes.append(aside)
        parent = block.getparent()
        at = parent.index(block)
        for offset, element in enumerate(notes):
            element.tail = "\n"
            parent.insert(at + offset, element)
        parent.remove(block)


def _drop_keeping_tail(element) -> None:
    """Remove `element`, keeping the text after it; a no-break space left at the end goes too."""
    parent, previous = element.getparent(), element.getprevious()
    tail = (element.tail or "").rstrip("\xa0 ")
    if previous is not None:
        previous.tail = ((previous.tail or "") + tail).rstrip("\xa0 ") or None
    else:
        parent.text = ((parent.text or "") + tail).rstrip("\xa0 ") or None
    parent.remove(element)


def _images(prose, images: Mapping[str, str], used: set[str], base: str) -> None:
    """Each <img> the site serves points at its copy in the book (its name noted in `used`);
    any other is replaced by its alternative text: a book may hold no remote image."""
    for img in list(prose.iter("img")):
        img.attrib.pop("srcset", None)
        img.attrib.pop("sizes", None)
        name = images.get(urljoin(base, img.get("src", "")))
        if name is not None:
            img.set("src", name)
            used.add(name)
            continue
        text = lxml_html.Element("span")
        text.text, text.tail = img.get("alt", ""), img.tail
        img.getparent().replace(img, text)
    for source in list(prose.iter("source")):  # <picture>'s other candidates are the site's
        source.getparent().remove(source)


def _to_xhtml(element, namespace: str = XHTML) -> etree._Element:
    """A copy of an lxml.html element (and what it holds) in the XHTML namespace; inline
    <svg> and <math> (and what they hold) in their own, as the HTML parser would put them."""
    namespace = FOREIGN.get(element.tag, namespace)
    copy = etree.Element(f"{{{namespace}}}{element.tag}")
    for name, value in element.attrib.items():
        if name == EPUB_TYPE:
            copy.set(f"{{{OPS}}}type", value)
        elif ":" not in name:
            copy.set(name, value)
    copy.text = element.text
    for child in element:
        if isinstance(child.tag, str):
            inner = _to_xhtml(child, namespace)
            inner.tail = child.tail
            copy.append(inner)
        elif child.tail:  # a comment or processing instruction: its text after it stays
            if len(copy):
                copy[-1].tail = (copy[-1].tail or "") + child.tail
            else:
                copy.text = (copy.text or "") + child.tail
    return copy


def _fragment(markup: str):
    """HTML text parsed into one <div> holding it."""
    return lxml_html.fragment_fromstring(markup or "", create_parent="div")


def body(part: Part, files: Mapping[str, str], images: Mapping[str, str], used: set[str]):
    """The chapter's <section> as an lxml.html tree: heading, byline, credit, then the post."""
    section = lxml_html.Element("section", {EPUB_TYPE: "chapter", "id": "chapter"})
    section.append(lxml_html.fromstring(f"<h1>{part.title_html}</h1>"))
    byline = lxml_html.Element("p", {"class": "byline"})
    byline.text = (
        f"By {', '.join(part.authors)} · {part.date_text}" if part.authors else part.date_text
    )
    section.append(byline)
    if part.source:
        credit = lxml_html.fromstring('<p class="credit">First published at <a></a></p>')
        credit[0].set("href", part.source_url or part.url)
        credit[0].text = part.source
        section.append(credit)
    prose = _fragment(part.content_html)
    _notes(prose)
    _images(prose, images, used, part.url)
    for element in prose.iter():
        if not isinstance(element.tag, str):
            continue
        classes = [name for name in element.get("class", "").split() if name in CLASSES]
        if classes:
            element.set("class", " ".join(classes))
        else:
            element.attrib.pop("class", None)
        if element.get("id"):
            element.set("id", xml_id(element.get("id")))
        if element.tag == "a" and element.get("href") is not None:
            element.set("href", link_in_book(element.get("href"), part, files))
    section.append(prose)
    prose.drop_tag()  # its children stay in the section
    return section


def document(
    part: Part, language: str, files, images, used: set[str], css: str = CSS_NAME
) -> bytes:
    """The chapter as a whole XHTML content document, in bytes."""
    root = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    root.set("lang", language)
    root.set(XML_LANG, language)
    head = etree.SubElement(root, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = part.title
    if css:
        etree.SubElement(head, f"{{{XHTML}}}link", rel="stylesheet", type="text/css", href=css)
    page = etree.SubElement(root, f"{{{XHTML}}}body")
    page.append(_to_xhtml(body(part, files, images, used)))
    return serialize(root)


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")
