"""plugins/splitsville/book/chapters.py: a post's HTML as an EPUB chapter, with no Pelican."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from splitsville.book import chapters
from splitsville.book.chapters import Part, link_in_book, xml_id

SITE = "https://site.example"
NS = {"x": chapters.XHTML, "epub": chapters.OPS}
EPUB_TYPE = f"{{{chapters.OPS}}}type"


def part(slug="one", content="<p>Text.</p>", **more) -> Part:
    fields = {
        "slug": slug,
        "title_html": "A&nbsp;<span class='caps'>PM</span> title",
        "title": "A PM title",
        "url": f"{SITE}/posts/{slug}/",
        "content_html": content,
        "authors": ("Editors",),
        "date": datetime(2026, 1, 2, 9, tzinfo=UTC),
        "date_text": "2 January 2026",
    }
    return Part(**{**fields, **more})


FILES = {f"{SITE}/posts/one/": "one.xhtml", f"{SITE}/posts/two/": "two.xhtml"}


def chapter(content: str, images=None, **more) -> tuple[etree._Element, set[str]]:
    used: set[str] = set()
    data = chapters.document(part(content=content, **more), "en", FILES, images or {}, used)
    return etree.fromstring(data), used


@pytest.mark.parametrize(
    "value, expected",
    [
        ("fn:1", "fn-1"),
        ("fnref:note", "fnref-note"),
        ("830-before-the-inbox", "id-830-before-the-inbox"),
        ("-dash", "id--dash"),
        ("plain_id.x", "plain_id.x"),
        ("Über", "id--ber"),
        ("", "id-"),
    ],
)
def test_xml_id_is_an_xml_name_without_colons(value, expected):
    assert xml_id(value) == expected


@given(st.text())
def test_xml_id_always_gives_an_ncname(value):
    etree.QName(xml_id(value) or "x")  # raises ValueError for a name XML would refuse
    assert ":" not in xml_id(value)


@pytest.mark.parametrize(
    "href, expected",
    [
        (f"{SITE}/posts/two/", "two.xhtml"),
        (f"{SITE}/posts/two/#fn:1", "two.xhtml#fn-1"),
        ("../two/#a-day", "two.xhtml#a-day"),
        ("#fn:2", "#fn-2"),
        (f"{SITE}/posts/one/", "one.xhtml"),
        (f"{SITE}/posts/one/#8-30", "#id-8-30"),
        ("/roles/pm/", f"{SITE}/roles/pm/"),
        ("../three/", f"{SITE}/posts/three/"),
        ("https://elsewhere.example/a#b", "https://elsewhere.example/a#b"),
        ("mailto:someone@site.example", "mailto:someone@site.example"),
    ],
)
def test_links_to_parts_stay_in_the_book_and_the_rest_become_absolute(href, expected):
    assert link_in_book(href, part(), FILES) == expected


def test_a_chapter_is_xhtml_with_the_title_byline_and_named_entities_as_characters():
    root, _ = chapter("<p>One&nbsp;two &amp; &ldquo;three&rdquo;</p>")
    assert root.tag == f"{{{chapters.XHTML}}}html"
    assert root.get("lang") == "en"
    assert root.findtext("x:head/x:title", namespaces=NS) == "A PM title"
    section = root.find("x:body/x:section", NS)
    assert section.get(EPUB_TYPE) == "chapter"
    assert "".join(section.find("x:h1", NS).itertext()) == "A\xa0PM title"
    assert section.findtext("x:p[@class='byline']", namespaces=NS) == "By Editors · 2 January 2026"
    assert section.findall("x:p", NS)[-1].text == "One\xa0two & \u201cthree\u201d"
    assert b"&nbsp;" not in etree.tostring(root)


def test_a_credited_part_says_where_it_was_first_published():
    root, _ = chapter("<p>Text.</p>", source="example.org", source_url="https://example.org/a")
    credit = root.find(".//x:p[@class='credit']", NS)
    assert "".join(credit.itertext()) == "First published at example.org"
    assert credit.find("x:a", NS).get("href") == "https://example.org/a"
    assert chapter("<p>Text.</p>")[0].find(".//x:p[@class='credit']", NS) is None


FOOTNOTES = """<p>Claim.<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup>
Another.<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup></p>
<div class="footnote"><hr><ol>
<li id="fn:a"><p>The first note.&#160;<a class="footnote-backref" href="#fnref:a"
 title="Jump back to footnote 1 in the text">&#8617;</a></p></li>
<li id="fn:2"><p>Two paragraphs.</p><p>The second.&#160;<a class="footnote-backref"
 href="#fnref:2">&#8617;</a></p></li>
</ol></div>"""


def test_footnotes_become_noterefs_and_footnote_asides():
    root, _ = chapter(FOOTNOTES)
    refs = [a for a in root.iter(f"{{{chapters.XHTML}}}a") if a.get(EPUB_TYPE) == "noteref"]
    assert [a.get("href") for a in refs] == ["#fn-a", "#fn-2"]
    asides = root.findall(".//x:aside", NS)
    assert [(a.get("id"), a.get(EPUB_TYPE)) for a in asides] == [
        ("fn-a", "footnote"),
        ("fn-2", "footnote"),
    ]
    assert " ".join("".join(asides[0].itertext()).split()) == "1. The first note."
    assert [" ".join("".join(p.itertext()).split()) for p in asides[1]] == [
        "2. Two paragraphs.",
        "The second.",
    ]
    back = asides[0].find("x:p/x:a", NS)
    assert back.get("href") == "#fnref-a" and back.text == "1."
    assert root.find(".//x:div", NS) is None and "\u21a9" not in etree.tostring(root, encoding=str)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert {"fnref-a", "fnref-2", "fn-a", "fn-2"} <= ids


def test_images_the_site_serves_are_taken_in_and_others_become_their_text():
    images = {f"{SITE}/images/a.svg": "images/a.svg"}
    root, used = chapter(
        '<p><img src="/images/a.svg" alt="A." srcset="/images/a.svg 2x">'
        '<img src="https://elsewhere.example/b.png" alt="B, elsewhere."> after</p>',
        images,
    )
    [img] = root.iter(f"{{{chapters.XHTML}}}img")
    assert img.get("src") == "images/a.svg" and img.get("srcset") is None
    assert used == {"images/a.svg"}
    assert "".join(root.find(".//x:section/x:p[last()]", NS).itertext()) == "B, elsewhere. after"


def test_classes_the_book_does_not_style_are_left_out():
    root, _ = chapter('<p class="byline other">x <span class="caps">PM</span></p>')
    p = root.findall(".//x:section/x:p", NS)[-1]
    assert p.get("class") == "byline"
    assert p.find("x:span", NS).get("class") is None


def test_inline_svg_keeps_its_own_namespace():
    root, _ = chapter('<p><svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg></p>')
    svg = root.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.find("{http://www.w3.org/2000/svg}rect") is not None


def test_an_empty_post_is_still_a_chapter():
    root, _ = chapter("")
    assert root.find(".//x:h1", NS) is not None
