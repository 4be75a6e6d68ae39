"""The feeds page (/feeds/): how to subscribe and every feed the build wrote, for people; the
site's "feed" links lead there, while every head keeps pointing feed readers at the XML."""

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from splitsville.roles import vocabulary

import publishconf
from helpers import FIXTURE_SITE, ROOT

PAGE = publishconf.FEEDS_SAVE_AS
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Each feed's format, by how its file name ends, as the page must name it.
FORMATS = {".atom.xml": "Atom", ".rss.xml": "RSS", ".json": "JSON Feed"}


@pytest.fixture(params=["site", "fixture_site"])
def any_site(request):
    """(the built site, the folder of its content)."""
    content = {"site": ROOT / "content", "fixture_site": FIXTURE_SITE}[request.param]
    return request.getfixturevalue(request.param), content


def soup(site, rel: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(rel), "html.parser")


def written_feeds(site) -> set[str]:
    """The address of every feed file the build wrote."""
    return {
        f"{site.siteurl}/{p.relative_to(site.root).as_posix()}"
        for p in site.root.glob("feeds/**/*")
        if p.name.endswith(tuple(FORMATS))
    }


def format_of(href: str) -> str:
    return next(name for end, name in FORMATS.items() if href.endswith(end))


def test_the_page_links_every_feed_once_each_naming_its_format(any_site):
    site, _ = any_site
    main = soup(site, PAGE).main
    feeds = [a for a in main.find_all("a") if a["href"].startswith(f"{site.siteurl}/feeds/")]
    hrefs = [a["href"] for a in feeds]
    assert len(hrefs) == len(set(hrefs)) and set(hrefs) == written_feeds(site)
    for link in feeds:
        assert format_of(link["href"]) in link.get_text(), link
    # The site's own three feeds, in the section before the roles'.
    site_feeds = main.find(id="all-posts").parent.find_all("a")
    assert [a["href"] for a in site_feeds] == [
        f"{site.siteurl}/{publishconf.FEED_ALL_ATOM}",
        f"{site.siteurl}/{publishconf.FEED_ALL_RSS}",
        f"{site.siteurl}/{publishconf.SPLITSVILLE['json_feed']}",
    ]


def test_each_role_with_posts_has_an_entry_with_its_atom_and_rss(any_site):
    """In vocabulary order, by role: its name linking its page, then its two feeds."""
    site, content = any_site
    roles = vocabulary.load_vocabulary(content / publishconf.SPLITSVILLE["roles"])
    with_posts = [r for r in roles if (site.root / "roles" / r.slug / "index.html").is_file()]
    assert with_posts
    entries = soup(site, PAGE).main.select("li[id^=role-]")
    assert [e["id"] for e in entries] == [f"role-{r.slug}" for r in with_posts]
    for role, entry in zip(with_posts, entries, strict=True):
        links = entry.find_all("a")
        assert [a["href"] for a in links] == [
            f"{site.siteurl}/roles/{role.slug}/",
            f"{site.siteurl}/{publishconf.TAG_FEED_ATOM.format(slug=role.slug)}",
            f"{site.siteurl}/{publishconf.TAG_FEED_RSS.format(slug=role.slug)}",
        ]
        assert links[0].get_text() == role.name
        # Its format in each link's text, its role in the entry that holds them.
        assert [format_of(a["href"]) in a.get_text() for a in links[1:]] == [True, True]
        assert entry.get_text().startswith(f"{role.name}:")


def test_the_fixture_sites_page_lists_exactly_its_roles_with_posts(fixture_site):
    entries = soup(fixture_site, PAGE).main.select("li[id^=role-]")
    assert [e.a.get_text() for e in entries] == [
        "Project Manager",
        "Account Manager",
        "Straßen Planner",
        'R&D "Lead"',
    ]  # not "Unused Role", which no post carries and so has no feed
    assert len(soup(fixture_site, PAGE).main.find_all("a")) == 3 + 4 * 3


def test_the_page_says_how_to_subscribe_in_its_own_words(any_site):
    site, _ = any_site
    page = soup(site, PAGE)
    assert page.h1.get_text() == "Feeds"
    assert page.title.get_text() == f"Feeds | {publishconf.SITENAME}"
    assert page.find("link", rel="canonical")["href"] == f"{site.siteurl}/{publishconf.FEEDS_URL}"
    steps = page.find(id="subscribe").parent.select("ol li")
    assert [s.get_text().split()[0] for s in steps] == ["Copy", "Paste"]
    assert "feed reader" in steps[1].get_text()
    # Its head points feed readers at the XML, as every page's does (test_feeds.py).
    types = [link["type"] for link in page.head.find_all("link", rel="alternate")]
    assert types == ["application/atom+xml", "application/rss+xml", "application/feed+json"]
    assert not page.find_all("script")


def test_the_page_is_in_the_sitemap_as_the_other_list_pages_are(any_site):
    site, _ = any_site
    urlset = ET.fromstring(site.read("sitemap.xml"))
    locs = {loc.text for loc in urlset.iterfind("s:url/s:loc", SITEMAP_NS)}
    for url in (publishconf.FEEDS_URL, publishconf.TAGS_URL, publishconf.ARCHIVES_URL):
        assert f"{site.siteurl}/{url}" in locs, url


def test_feed_links_for_people_lead_to_the_page_not_to_xml(any_site):
    """Every page's footer links the feeds page; no header, footer or role header links XML
    (a browser shows it as a tree of tags, or nothing); a role page links its own entry."""
    site, _ = any_site
    feeds_page = f"{site.siteurl}/{publishconf.FEEDS_URL}"
    ids = {tag["id"] for tag in soup(site, PAGE).find_all(id=True)}
    for path in site.root.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        footer = [a["href"] for a in page.find("footer", class_="site-footer").find_all("a")]
        assert feeds_page in footer, path
        chrome = page.select(".site-header a, .site-footer a, .role-header a")
        assert not [a["href"] for a in chrome if re.search(r"\.(xml|json)$", a["href"])], path
        rel = path.relative_to(site.root).as_posix()
        match = re.fullmatch(r"roles/([^/]+)/index\.html", rel)
        if match and page.select_one(".role-header"):  # a role's page, not the compare page
            links = [a["href"] for a in page.select(".role-links a")]
            assert f"{feeds_page}#role-{match[1]}" in links, rel
            assert f"role-{match[1]}" in ids, rel
