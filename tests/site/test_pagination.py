"""A site with more posts than a page or a feed holds: the paginated home page, archives by
year and feeds that stop at FEED_MAX_ITEMS. Its own build (one per module) of tiny posts."""

import json
import re
import shutil

import feedparser
import pytest
from bs4 import BeautifulSoup

import pelicanconf
from helpers import FIXTURE_SITE, build_site


def soup_of(site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.path_of(url).read_text(encoding="utf-8"), "html.parser")


def published(page: BeautifulSoup) -> str:
    return page.select_one(".post-header .date-line time")["datetime"]


FEED_MAX = pelicanconf.FEED_MAX_ITEMS
POST_COUNT = FEED_MAX + 3
PAGE_SIZE = pelicanconf.DEFAULT_PAGINATION


@pytest.fixture(scope="module")
def many_posts(tmp_path_factory):
    content = tmp_path_factory.mktemp("many") / "content"
    # The fixture site's vocabulary, pages and favicon; its posts replaced by tiny ones.
    shutil.copytree(FIXTURE_SITE, content, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(FIXTURE_SITE / "pages", content / "pages", dirs_exist_ok=True)
    for number in range(1, POST_COUNT + 1):
        year = 2025 if number <= 4 else 2026
        (content / "posts" / f"post-{number:02}.md").write_text(
            f"Title: Post number {number}\nDate: {year}-0{1 + number % 9}-{number:02} 09:00\n"
            f"Tags: Project Manager\nSummary: Tiny post {number}.\n\nBody {number}.\n",
            encoding="utf-8",
        )
    return build_site(content.parent, "https://many.example", content=content)


def listed(site, url: str) -> list[str]:
    return [a["href"] for a in soup_of(site, url).select(".post-list h2 a")]


def test_the_home_page_is_paginated_with_clean_urls(many_posts):
    site = many_posts
    urls = [site.siteurl + "/"] + [
        f"{site.siteurl}/page/{n}/" for n in range(2, -(-POST_COUNT // PAGE_SIZE) + 1)
    ]
    lists = [listed(site, url) for url in urls]
    assert [len(found) for found in lists[:-1]] == [PAGE_SIZE] * (len(urls) - 1)
    assert 0 < len(lists[-1]) <= PAGE_SIZE
    everything = [link for found in lists for link in found]
    assert len(set(everything)) == len(everything) == POST_COUNT
    for url, newer, older in zip(urls, [None, *urls[:-1]], [*urls[1:], None], strict=True):
        page = soup_of(site, url)
        assert page.find("link", rel="canonical")["href"] == url
        prev, next_ = (
            page.select_one(".pagination a[rel=prev]"),
            page.select_one(".pagination a[rel=next]"),
        )
        assert (prev and prev["href"]) == newer and (next_ and next_["href"]) == older, url
    assert not (site.root / "page" / str(len(urls) + 1)).exists()
    # Newest first across the pages.
    dates = [published(soup_of(site, url)) for url in everything]
    assert dates == sorted(dates, reverse=True)


def test_archives_group_posts_by_year_newest_first(many_posts):
    page = soup_of(many_posts, many_posts.siteurl + "/archives/")
    years = [h2.get_text() for h2 in page.select("main h2")]
    assert years == ["2026", "2025"]
    for section in page.select("main section"):
        year = section.h2.get_text()
        times = [t["datetime"] for t in section.select("time")]
        assert all(t.startswith(year) for t in times), year
        assert times == sorted(times, reverse=True)
    assert len(page.select("main section li")) == POST_COUNT


def test_feeds_of_a_larger_site_hold_the_newest_posts(many_posts):
    """Every feed stops at FEED_MAX_ITEMS: the newest posts, newest first, each one published."""
    site = many_posts
    newest = listed_everywhere(site)[:FEED_MAX]
    for rel in ("feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/roles/project-manager.atom.xml"):
        links = [entry.link for entry in feedparser.parse(site.read(rel)).entries]
        assert links == newest, rel
    items = json.loads(site.read("feeds/all.json"))["items"]
    assert [item["url"] for item in items] == newest
    # llms.txt is an index, not a feed: it lists every post.
    assert len(re.findall(r"^- \[", site.read("llms.txt"), flags=re.M)) == POST_COUNT


def listed_everywhere(site) -> list[str]:
    """Every post, newest first, as the archives page lists them."""
    return [a["href"] for a in soup_of(site, site.siteurl + "/archives/").select("main li a")]
