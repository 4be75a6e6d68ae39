"""A feed opened in a browser reads as a page of the site (our XSLT, styled by our CSS)."""

import json
from urllib.parse import urlsplit

import feedparser
import pytest
from splitsville.roles import vocabulary

import publishconf
from helpers import AXE, ROOT

pytestmark = pytest.mark.browser

# The site's feeds and one role's (the first role in the vocabulary that has posts).
FEEDS = ["feeds/all.atom.xml", "feeds/all.rss.xml", "a role's atom feed"]
# Chromium's own notice that XSLT is deprecated: the browser's UI, not our page.
BROWSER_BANNER = "xslt-warning-banner"


@pytest.fixture
def opened(browser, subpath_site):
    """Open a feed; give back the page and every address the browser requested for it."""
    pages = []

    def open_feed(rel: str):
        page = browser.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.emulate_media(color_scheme="light")
        page.goto(f"{subpath_site.siteurl}/{rel}")
        page.wait_for_load_state("load")
        pages.append(page)
        return page, requested

    yield open_feed
    for page in pages:
        page.close()


@pytest.mark.parametrize("rel", FEEDS)
def test_a_feed_shows_its_title_and_its_posts_as_links(opened, subpath_site, rel):
    if rel == FEEDS[-1]:
        rel = next(
            f"feeds/roles/{role.slug}.atom.xml"
            for role in vocabulary.load_vocabulary(ROOT / "content" / "roles.toml")
            if (subpath_site.root / "feeds" / "roles" / f"{role.slug}.atom.xml").is_file()
        )
    page, requested = opened(rel)
    feed = feedparser.parse(subpath_site.read(rel))
    assert page.locator("h1").inner_text() == feed.feed.title
    assert page.locator("h1").inner_text().startswith(publishconf.SITENAME)
    links = page.locator("main .post-list h2 a")
    shown = [
        (links.nth(i).inner_text(), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]
    assert shown == [(e.title, e.link) for e in feed.entries]
    assert page.title() == f"{feed.feed.title} (web feed)"
    # Everything it loads (the feed, the XSLT, our CSS) comes from the site itself.
    origin = urlsplit(subpath_site.siteurl)
    assert f"{subpath_site.siteurl}/theme/feed.xsl" in requested
    assert f"{subpath_site.siteurl}/theme/css/main.css" in requested
    for url in requested:
        assert urlsplit(url)[:2] == origin[:2], url


def test_the_feed_page_is_styled_by_the_sites_css(opened):
    page, _ = opened("feeds/all.atom.xml")
    sheets = page.evaluate("[...document.styleSheets].map(s => [s.href, s.cssRules.length])")
    assert len(sheets) == 1 and sheets[0][0].endswith("/theme/css/main.css") and sheets[0][1] > 50
    # --bg of main.css in the light scheme, and its list styling.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(251, 250, 247)"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.post-list')).listStyleType")
        == "none"
    )
    # The summaries are the posts' own HTML, not escaped markup.
    first = page.locator(".summary").first.inner_text()
    assert first and "<p>" not in first and "&nbsp;" not in first


def test_the_feed_page_is_accessible_and_keyboard_usable(opened):
    page, _ = opened("feeds/all.atom.xml")
    assert page.evaluate("document.documentElement.lang") == "en"
    # Chromium puts its deprecation notice first in the tab order; a reader closes it with its
    # own button. Our page starts after it.
    page.evaluate(f"document.querySelector('{BROWSER_BANNER}')?.remove()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    # Through DevTools: the page's Content-Security-Policy rightly refuses an injected script tag.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async (exclude) => (await axe.run({exclude: [[exclude]]},"
        " {rules: {'target-size': {enabled: true}}})).violations"
        ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))",
        BROWSER_BANNER,
    )
    assert not found, json.dumps(found, indent=1)
