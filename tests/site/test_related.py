"""Ways from one post to the next, in the one block under each post (partials/post-end.html): the
series in order, related posts by shared roles, previous/next in time, no post twice (the
archives and the paginated home page are in test_pagination.py)."""

import re

import pytest
from bs4 import BeautifulSoup

import pelicanconf

RELATED_MAX = pelicanconf.RELATED_POSTS_MAX
# tests/fixtures/site/posts: its one series, in Series_index order (not the order of dates).
FIXTURE_SERIES = ["a-published-post", "typography-other-details", "case-and-separator-variants"]


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


def end_block(page: BeautifulSoup):
    return page.select_one("main > nav.post-end")


def series_links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select("nav.post-end .series-parts a")]


def test_the_end_block_lists_no_post_twice_and_never_the_post_itself(any_site):
    pages = posts(any_site)
    for url, page in pages.items():
        assert len(page.select("main nav.post-end")) <= 1, url
        block = end_block(page)
        # Every post it links (the series' book, .series-book, is no post).
        links = [a["href"] for a in block.select("a:not(.series-book a)")] if block else []
        assert len(set(links)) == len(links), (url, links)
        assert url not in links and all(link in pages for link in links), url
        assert block or not (pages.keys() - {url}), url  # with other posts, there is a way on


def test_related_posts_share_the_most_roles(any_site):
    """Related posts are pelican-related-posts' picks that the series does not already list."""
    pages = posts(any_site)
    listed = 0
    for url, page in pages.items():
        links = [a["href"] for a in page.select("nav.post-end .related-posts a")]
        in_series = set(series_links(page))
        assert len(links) <= RELATED_MAX and not in_series & set(links), url
        shared = {other: len(roles(page) & roles(p)) for other, p in pages.items() if other != url}
        for link in links:
            assert shared[link] > 0, (url, link)
        counts = [shared[link] for link in links]
        assert counts == sorted(counts, reverse=True), (url, counts)
        # No post left out (and not in the series) shares more roles than the last one listed,
        # and, outside a series, any post sharing a role is listed while there is room.
        unlisted = [n for other, n in shared.items() if other not in links + [*in_series]]
        if links:
            assert max(unlisted, default=0) <= counts[-1], url
        if len(links) < RELATED_MAX and not in_series:
            assert max(unlisted, default=0) == 0, url
        listed += len(links) + len(in_series)
    assert listed


def series_of(page: BeautifulSoup) -> tuple[str, int, int] | None:
    """(name, part, parts) from the post's "Part 2 of 5 in the X series", or None."""
    eyebrow = page.select_one(".post-header .eyebrow")
    if eyebrow is None:
        return None
    part, parts, name = re.fullmatch(
        r"Part (\d+) of (\d+) in the (.+) series", " ".join(eyebrow.get_text().split())
    ).groups()
    return name, int(part), int(parts)


def test_every_series_part_lists_all_the_parts_in_order(any_site):
    """Whatever posts are in whichever series: each part names its place, and its series list
    is the same on every part, in order, linking every published part but itself."""
    pages = posts(any_site)
    lists = {}  # series name -> the parts in order, as each part lists them
    for url, page in pages.items():
        nav = page.select_one("nav.post-end .series-parts")
        if (series := series_of(page)) is None:
            assert nav is None, url
            continue
        name, part, parts = series
        if parts == 1:
            assert nav is None, url  # a series of one has nothing to navigate
            continue
        heading = nav.find_previous_sibling("h2").get_text()
        assert heading == f"The {name} series", url
        items = nav.select(":scope > li")
        assert len(items) == parts, url
        assert items[part - 1].select_one("[aria-current=page]") and not items[part - 1].a, url
        listed = [li.a["href"] if li.a else url for li in items]
        assert all(href in pages for href in listed), url
        lists.setdefault(name, []).append(listed)
        # The series comes first in the block, before related posts and previous/next.
        block = [e["class"][0] for e in end_block(page).find_all(class_=True, recursive=False)]
        assert block[0] == "series-parts", (url, block)
    for name, seen in lists.items():
        assert all(listed == seen[0] for listed in seen), name
        assert len(seen) == len(seen[0]), name  # every part listed is a page that lists it


def test_the_fixture_series_has_three_parts_and_leaves_other_posts_out(fixture_site):
    pages = posts(fixture_site)
    base = f"{fixture_site.siteurl}/posts/"
    parts = [f"{base}{slug}/" for slug in FIXTURE_SERIES]
    for number, url in enumerate(parts, start=1):
        assert series_of(pages[url]) == ("Fixture", number, len(parts)), url
        assert series_links(pages[url]) == [p for p in parts if p != url]
    others = set(pages) - set(parts)
    assert others and all(series_of(pages[url]) is None for url in others)


def test_previous_and_next_walk_every_post_in_date_order(any_site):
    """Each post's neighbours in time are linked once: by a Previous/Next line, or, when the
    series or related posts already list one, by that link, labelled (previous) or (next)."""
    pages = posts(any_site)
    in_time = sorted(pages, key=lambda url: (published(pages[url]), url))

    def neighbour(url: str, rel: str):
        links = pages[url].select(f"nav.post-end a[rel={rel}]")
        assert len(links) <= 1, (url, rel)
        if not links:
            return None
        link = links[0]
        word = {"prev": "Previous", "next": "Next"}[rel]
        if link.parent.name == "li":
            label = link.find_next_sibling("small")
            assert label is not None and label.get_text() == f"({word.lower()})", url
        else:
            assert link.get_text().startswith(f"{word}: "), url
        return link["href"]

    assert neighbour(in_time[0], "prev") is None
    walked, url = [in_time[0]], in_time[0]
    while (newer := neighbour(url, "next")) is not None:
        assert neighbour(newer, "prev") == url  # and the newer post's "Previous" leads back
        url = newer
        walked.append(url)
    assert walked == in_time
