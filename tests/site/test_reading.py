"""Post pages as they are read (posts/sidenotes.py, posts/sections.py): every footnote also as a
sidenote, a table of contents for posts with enough sections, a link beside every heading, the
page-only CSS only where it is needed, and feeds without any of it. For the content and the
fixture site alike; facts from each build's own pages."""

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from splitsville.posts.sections import LABEL, TOC_AT

from helpers import post_pages

BUILDS = ["site", "fixture_site"]


def soup(page) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(params=BUILDS)
def built(request):
    return request.getfixturevalue(request.param)


def test_every_footnote_has_one_sidenote_beside_its_first_reference(built):
    for page in post_pages(built):
        html = soup(page)
        notes = html.select(".footnote li[id^='fn:']")
        copies = html.select(".prose .sidenote")
        assert len(copies) == len(notes), page
        for note in notes:
            key = note["id"]
            reference = html.select_one(f"sup a.footnote-ref[href='#{key}']")
            copy = next(
                c
                for c in copies
                if c.select_one(".sidenote-number").get_text() == reference.get_text()
            )
            assert copy.has_attr("data-pagefind-ignore") and not copy.select("[id]"), page
            # The copy's words are the note's, without its back link.
            words = note.get_text(" ").replace("\u21a9", "").split()
            assert copy.get_text(" ").split()[1:] == words, page
            if copy.name == "span":  # inline: right after the reference
                assert copy.find_previous_sibling() is reference.parent, page


def test_ids_stay_unique_on_every_post_page(built):
    for page in post_pages(built):
        ids = Counter(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        assert [i for i, n in ids.items() if n > 1] == [], page


def test_posts_with_enough_sections_have_contents_and_every_heading_a_link(built):
    contents = 0
    for page in post_pages(built):
        html = soup(page)
        headings = html.select(".prose h2[id]")
        toc = html.select_one("article nav.toc")
        if len(headings) >= TOC_AT:
            contents += 1
            assert toc is not None and toc.has_attr("data-pagefind-ignore"), page
            assert toc.select_one("details").has_attr("open")
            assert [a["href"] for a in toc.select("a")] == [f"#{h['id']}" for h in headings]
            assert [a.get_text() for a in toc.select("a")] == [
                " ".join(h.get_text().replace("\xa0", " ").split()) for h in headings
            ]
        else:
            assert toc is None, page
        for heading in html.select(".prose :is(h2, h3, h4, h5, h6)[id]"):
            link = heading.find_next_sibling("a", class_="permalink")
            assert link is not None and link["href"] == f"#{heading['id']}", page
            assert link["aria-label"].startswith(f"{LABEL}: ") and link.has_attr(
                "data-pagefind-ignore"
            )
            assert heading.select("a.permalink") == []  # beside, not inside: its name is its text
    if built.siteurl == "https://fixture.example":
        assert contents == 1  # typography-other-details: three sections


def test_the_page_only_stylesheets_load_exactly_where_they_are_needed(built):
    for page in post_pages(built):
        html = soup(page)
        sheets = {link["href"].rsplit("/", 1)[1] for link in html.select("link[rel=stylesheet]")}
        assert ("notes.css" in sheets) == bool(html.select(".footnote")), page
        assert ("sections.css" in sheets) == bool(html.select(".permalink")), page


def test_feeds_carry_each_note_once_and_plain_headings(built):
    feeds = [
        *built.root.glob("feeds/*.xml"),
        *built.root.glob("feeds/*.json"),
        built.root / "llms.txt",
    ]
    assert feeds
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        assert (
            "sidenote" not in text and "permalink" not in text and "section-heading" not in text
        ), feed
