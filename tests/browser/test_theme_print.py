"""Printing a post (main.css, section 7): Chromium's own PDF, read back with poppler's pdftotext.

A printed post reads like an article: lines of at most ~75 characters, its own address once, no
site chrome (navigation, footer, skip link, the end-of-post block), no page left holding only
chrome, links plain or followed by their address, and no word hyphenated across two pages.
"""

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

import publishconf
from helpers import open_from_disk

MEASURE = 75  # characters a printed line may hold
TYPOGRAPHY = "posts/typography-other-details/"  # tests/fixtures/site: every element


def post_pages(site) -> list[str]:
    """Every post page of a build: the pages whose main content is an article.post."""
    return sorted(
        path.parent.relative_to(site.root).as_posix() + "/"
        for path in site.root.rglob("index.html")
        if '<article class="post"' in path.read_text(encoding="utf-8")
    )


def printed(browser, site, rel: str, tmp_path) -> tuple[list[str], BeautifulSoup, dict]:
    """The post printed to PDF as Chromium prints it: each page's lines (pdftotext -layout, its
    column spacing collapsed to one space), the page's HTML, and what print media shows."""
    page, url = open_from_disk(browser, site, rel)
    page.goto(url)
    pdf = tmp_path / "post.pdf"
    page.pdf(path=pdf)
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => ({
        chrome: [...document.querySelectorAll(
            '.skip-link, .site-header nav, .site-footer, .post-end')]
            .filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'none'
                 && e.getBoundingClientRect().bottom > 0).map(e => e.className || e.tagName),
        hyphens: [...document.querySelectorAll('.prose p, .prose li')]
            .map(e => getComputedStyle(e).hyphens).filter(h => h !== 'none'),
        underlined: [...document.querySelectorAll('a')].filter(a => !(a.href.startsWith('http')
            && a.closest('.prose')) && getComputedStyle(a).textDecorationLine !== 'none')
            .map(a => a.textContent),
    })"""
    )
    page.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [
        [re.sub(r"\s{2,}", " ", line.strip()) for line in sheet.splitlines() if line.strip()]
        for sheet in text.split("\f")
    ]
    html = BeautifulSoup((site.path_of(url)).read_text(encoding="utf-8"), "html.parser")
    return [lines for lines in pages if lines], html, shown


def words(text: str) -> set[str]:
    return set(re.findall(r"\w{4,}", text))


def check(browser, site, rel: str, tmp_path) -> list[list[str]]:
    pages, html, shown = printed(browser, site, rel, tmp_path)
    lines = [line for lines in pages for line in lines]
    assert shown == {"chrome": [], "hyphens": [], "underlined": []}, rel
    longest = max(lines, key=len)
    assert len(longest) <= MEASURE, f"{rel}: {len(longest)} characters: {longest}"
    # The post's own address, once: from its canonical link, whatever the site's address is.
    address = html.find("link", rel="canonical")["href"]
    assert "".join("".join(lines).split()).count(address) == 1, rel
    # No chrome's text: the footer's lines, the navigation as its links sit in a row.
    footer = html.find("footer", class_="site-footer")
    for gone in footer.find_all("p"):
        assert " ".join(gone.get_text().split()) not in lines, rel
    nav = " ".join(a.get_text(strip=True) for a in html.select(".site-header nav a"))
    assert nav not in " ".join(lines), rel
    for heading in html.select(".post-end h2"):
        assert heading.get_text(strip=True) not in lines, rel
    # Every page holds some of the post itself (none is left with chrome alone), and no page
    # ends on a word broken by a hyphen to go on over the page.
    article = words(html.find("article").get_text(" "))
    for number, sheet in enumerate(pages, start=1):
        assert words(" ".join(sheet)) & article, f"{rel}: page {number} holds none of the post"
        assert not re.search(r"\w[-\u2010\u00ad]$", sheet[-1]), f"{rel}: page {number}"
    return pages


def test_every_post_prints_as_an_article(browser, site, tmp_path):
    rels = post_pages(site)
    assert rels
    for rel in rels:
        check(browser, site, rel, tmp_path)


def test_the_fixture_post_prints_with_its_address_table_and_link_addresses(
    browser, fixture_site, tmp_path
):
    pages = check(browser, fixture_site, TYPOGRAPHY, tmp_path)
    lines = [line for sheet in pages for line in sheet]
    assert lines[0] == f"{fixture_site.siteurl}/{TYPOGRAPHY}"  # the address, above the title
    assert publishconf.SITENAME in lines[:3]  # the site's name stays, as a masthead
    assert "(https://example.org/outside)" in " ".join(lines)  # a link to another site
    assert "Who does what: a wide RACI & its “notes”" in lines  # the caption, with the table
    assert "Atom feed" not in " ".join(lines) and "Skip to content" not in " ".join(lines)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_printed_measure_holds_on_either_paper(browser, fixture_site, tmp_path, paper):
    page, url = open_from_disk(browser, fixture_site, TYPOGRAPHY)
    page.goto(url)
    pdf = tmp_path / f"{paper}.pdf"
    page.pdf(path=pdf, format=paper)
    page.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lengths = [len(re.sub(r"\s{2,}", " ", line.strip())) for line in text.splitlines()]
    assert 50 <= max(lengths) <= MEASURE, paper
