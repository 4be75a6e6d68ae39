"""The sitemap dates each list page by the posts it lists (plugins/splitsville/build/wiring.py
date_list_pages), read as a crawler reads sitemap.xml."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(params=["site", "fixture_site"])
def any_site(request):
    return request.getfixturevalue(request.param)


def lastmods(site) -> dict[str, str]:
    urlset = ET.fromstring(site.read("sitemap.xml"))
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in urlset.iterfind("s:url", NS)
    }


def listed_posts(site, url: str) -> set[str]:
    """The posts a list page links to in its main content (its list of posts)."""
    page = BeautifulSoup(site.path_of(url).read_text(encoding="utf-8"), "html.parser")
    main = page.find("main")
    links = {a["href"].split("#")[0] for a in main.find_all("a", href=True)}
    return {link for link in links if link.startswith(f"{site.siteurl}/posts/")}


def test_a_list_page_carries_the_newest_date_of_the_posts_it_lists(any_site):
    site = any_site
    dates = lastmods(site)
    posts = {url: date for url, date in dates.items() if url.startswith(f"{site.siteurl}/posts/")}
    lists = [url for url in dates if url.startswith(f"{site.siteurl}/roles/") and url in dates]
    assert len(lists) > 2
    for url in lists:
        listed = listed_posts(site, url) & set(posts)
        if listed:  # the Roles overview links roles, not posts
            assert dates[url] == max(posts[post] for post in listed), url
    # Each role page's date is its own, so they are not all the site's newest.
    roles = [dates[url] for url in lists if listed_posts(site, url)]
    assert len(set(roles)) > 1
