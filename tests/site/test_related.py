"""Ways from one post to the next: related posts by shared roles, the series, previous/next in
time (the archives and the paginated home page are in test_pagination.py)."""

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
        nav = page.select_one("nav.series-nav")
        if (series := series_of(page)) is None:
            assert nav is None, url
            continue
        name, part, parts = series
        if parts == 1:
            assert nav is None, url  # a series of one has nothing to navigate
            continue
        assert nav["aria-label"] == f"{name} series", url
        items = nav.select("ol > li")
        assert len(items) == parts, url
        assert items[part - 1].select_one("[aria-current=page]") and not items[part - 1].a, url
        listed = [li.a["href"] if li.a else url for li in items]
        assert all(href in pages for href in listed), url
        lists.setdefault(name, []).append(listed)
        # The related section sits under the post, before the series navigation.
        sections = [n["class"][0] for n in page.main.find_all("nav", recursive=False)]
        assert sections.index("series-nav") > sections.index("related-posts"), url
    for name, seen in lists.items():
        assert all(listed == seen[0] for listed in seen), name
        assert len(seen) == len(seen[0]), name  # every part listed is a page that lists it


def test_the_fixture_series_has_three_parts_and_leaves_other_posts_out(fixture_site):
    pages = posts(fixture_site)
    base = f"{fixture_site.siteurl}/posts/"
    parts = [f"{base}{slug}/" for slug in FIXTURE_SERIES]
    for number, url in enumerate(parts, start=1):
        assert series_of(pages[url]) == ("Fixture", number, len(parts)), url
        nav = pages[url].select_one("nav.series-nav")
        assert [a["href"] for a in nav.select("a")] == [p for p in parts if p != url]
    others = set(pages) - set(parts)
    assert others and all(series_of(pages[url]) is None for url in others)


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
