"""Ways from one post to the next: related posts by shared roles, the series, previous/next in
time (the archives and the paginated home page are in test_pagination.py)."""

import pytest
from bs4 import BeautifulSoup

import pelicanconf

RELATED_MAX = pelicanconf.RELATED_POSTS_MAX


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
