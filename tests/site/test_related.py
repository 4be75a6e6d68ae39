"""Ways from one post to the next: related posts by shared roles, the series, previous/next in
time, archives by year and the paginated home page."""

import json
import re
import shutil

import feedparser
import pytest
from bs4 import BeautifulSoup

import pelicanconf
from helpers import FIXTURE_SITE, build_site

RELATED_MAX = 3  # RELATED_POSTS_MAX in pelicanconf.py


def soup_of(site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.path_of(url).read_text(encoding="utf-8"), "html.parser")


def posts(site) -> dict[str, BeautifulSoup]:
    """Every published post page, by URL."""
    return {
        f"{site.siteurl}/{p.parent.relative_to(site.root).as_posix()}/": BeautifulSoup(
            p.read_text(encoding="utf-8"), "html.parser"
        )
        for p in site.root.glob("posts/*/index.html")
    }


def roles(page: BeautifulSoup) -> set[str]:
    return {a["href"] for a in page.select(".post-header .role-list a")}


def published(page: BeautifulSoup) -> str:
    return page.select_one(".post-header .date-line time")["datetime"]


@pytest.fixture(params=["site", "fixture_site"])
def any_site(request):
    return request.getfixturevalue(request.param)


def test_related_posts_share_the_most_roles(any_site):
    pages = posts(any_site)
    listed = 0
    for url, page in pages.items():
        links = [a["href"] for a in page.select(".related-posts a")]
        assert len(links) <= RELATED_MAX and len(set(links)) == len(links), url
        assert url not in links
        shared = {other: len(roles(page) & roles(p)) for other, p in pages.items() if other != url}
        for link in links:
            assert link in pages, (url, link)  # an existing, published post
            assert shared[link] > 0, (url, link)
        counts = [shared[link] for link in links]
        assert counts == sorted(counts, reverse=True), (url, counts)
        # No post left out shares more roles than the last one listed, and any post sharing a
        # role is listed while there is room.
        unlisted = [n for other, n in shared.items() if other not in links]
        if links:
            assert max(unlisted, default=0) <= counts[-1], url
        if len(links) < RELATED_MAX:
            assert max(unlisted, default=0) == 0, url
        listed += len(links)
    assert listed


def test_related_and_series_links_on_the_essay_point_to_existing_posts(site):
    pages = posts(site)
    essay = pages[f"{site.siteurl}/posts/splitsville-or-not/"]
    related = [a["href"] for a in essay.select(".related-posts a")]
    series = [a["href"] for a in essay.select(".series-nav a")]
    assert len(related) == RELATED_MAX
    assert len(series) == len(pages) - 1  # every other part; the essay itself is not a link
    for href in related + series:
        assert href in pages, href
    # The related section sits under the post, before the series navigation.
    sections = [n["class"][0] for n in essay.main.find_all("nav", recursive=False)]
    assert sections[:2] == ["related-posts", "series-nav"]


def test_previous_and_next_walk_every_post_in_date_order(any_site):
    pages = posts(any_site)
    in_time = sorted(pages, key=lambda url: (published(pages[url]), url))
    oldest = pages[in_time[0]]
    assert oldest.select_one(".post-nav a[rel=prev]") is None
    walked, url = [in_time[0]], in_time[0]
    while (link := pages[url].select_one(".post-nav a[rel=next]")) is not None:
        assert link.get_text().startswith("Next: ")
        back = pages[link["href"]].select_one(".post-nav a[rel=prev]")
        assert back["href"] == url  # and the newer post's "Previous" leads back
        url = link["href"]
        walked.append(url)
    assert walked == in_time


# --- A site with more posts than a page or a feed holds: tiny posts over two years -------------
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
    newest = [url for url in listed_everywhere(site)][:FEED_MAX]
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
