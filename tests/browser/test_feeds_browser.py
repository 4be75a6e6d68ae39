"""A reader who follows a "feed" link, in real headless Chromium: the site's footer and a role
page lead to the feeds page, a page of the site that needs no XSLT nor JavaScript, and its links
give feed readers the feeds themselves."""

from urllib.parse import urlsplit

import feedparser
import pytest
from playwright.sync_api import expect
from splitsville.roles import vocabulary

import publishconf
from helpers import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture
def opened(browser, subpath_site):
    """Open a page of the site; give back the page and every address it requested."""
    pages = []

    def open_page(path: str):
        page = browser.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.emulate_media(color_scheme="light")
        page.goto(f"{subpath_site.siteurl}/{path}")
        page.wait_for_load_state("load")
        pages.append(page)
        return page, requested

    yield open_page
    for page in pages:
        page.close()


def first_role_with_posts(site):
    return next(
        role
        for role in vocabulary.load_vocabulary(ROOT / "content" / "roles.toml")
        if (site.root / "roles" / role.slug / "index.html").is_file()
    )


def test_the_footers_feed_link_leads_to_the_feeds_page(opened, subpath_site):
    page, _ = opened("")
    page.locator(".site-footer a", has_text="Feeds").click()
    page.wait_for_load_state("load")
    assert page.url == f"{subpath_site.siteurl}/{publishconf.FEEDS_URL}"
    assert page.locator("h1").inner_text() == "Feeds"
    assert page.title() == f"Feeds | {publishconf.SITENAME}"
    # A page of the site, styled by its CSS, with no script and no XSLT.
    assert page.evaluate("document.contentType") == "text/html"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(251, 250, 247)"
    assert page.locator(".site-footer [aria-current=page]").inner_text() == "Feeds"


def test_a_role_pages_feed_link_leads_to_its_entry(opened, subpath_site):
    role = first_role_with_posts(subpath_site)
    page, _ = opened(f"roles/{role.slug}/")
    page.locator(".role-links a", has_text="Feeds for").click()
    page.wait_for_load_state("load")
    assert page.url == f"{subpath_site.siteurl}/{publishconf.FEEDS_URL}#role-{role.slug}"
    entry = page.locator(":target")
    assert entry.get_attribute("id") == f"role-{role.slug}"
    assert entry.inner_text().startswith(f"{role.name}:")
    # Scrolled to (smoothly, where motion is welcome): wait for the scroll, as a reader does.
    expect(entry).to_be_in_viewport()


def test_every_link_on_the_feeds_page_gives_a_feed_reader_its_feed(opened, subpath_site):
    page, requested = opened(publishconf.FEEDS_URL)
    hrefs = page.eval_on_selector_all("main a", "links => links.map(a => a.href)")
    feeds = [h for h in hrefs if "/feeds/" in h]
    assert len(feeds) >= 3
    for href in feeds:
        response = page.request.get(href)
        assert response.ok, href
        if href.endswith(".json"):
            assert response.json()["feed_url"] == href
            continue
        parsed = feedparser.parse(response.body())
        assert not parsed.bozo and parsed.entries, href
        assert parsed.version == ("atom10" if href.endswith(".atom.xml") else "rss20"), href
        assert b"<?xml-stylesheet" not in response.body(), href
    # Everything the page itself loaded came from the site.
    origin = urlsplit(subpath_site.siteurl)[:2]
    assert all(urlsplit(url)[:2] == origin for url in requested), requested


def test_the_feeds_page_is_keyboard_usable(opened):
    page, _ = opened(publishconf.FEEDS_URL)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("document.activeElement.tagName") == "A"
