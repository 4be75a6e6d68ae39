"""Pair pages (plugins/splitsville/roles/pairs.py): a page for every pair of roles that shares a
published post, linked from the Roles overview's chart and table, the curated compare page one
of them at its own address.

The properties hold for any content: what a pair shares is read from each post's own page (its
byline's role links), never from content/. Exact addresses and counts are the fixture site's.
"""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from splitsville.roles import vocabulary as roles

import pelicanconf
from helpers import FIXTURE_SITE, ROOT, build_site

VOCABULARIES = {
    "site": ROOT / "content" / "roles.toml",
    "fixture_site": FIXTURE_SITE / "roles.toml",
}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def machine(element) -> str:
    """An element's text as machine text: a role name in a heading is joined by no-break
    spaces (the |keep_roles filter), which read as spaces."""
    return " ".join(element.get_text().split())


@pytest.fixture(params=list(VOCABULARIES))
def any_site(request):
    """Each build with its vocabulary: the real content and the fixture site."""
    return request.getfixturevalue(request.param), roles.load_vocabulary(
        VOCABULARIES[request.param]
    )


def soup_at(site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.path_of(url).read_text(encoding="utf-8"), "html.parser")


def role_url(site, slug: str) -> str:
    return f"{site.siteurl}/{pelicanconf.TAG_URL.format(slug=slug)}"


def carried(site, vocabulary) -> dict[str, set[str]]:
    """Role slug -> the posts (URLs) whose own page's header links that role's page."""
    urls = {role_url(site, role.slug): role.slug for role in vocabulary}
    found: dict[str, set[str]] = {}
    for path in site.root.glob("posts/*/index.html"):
        post = f"{site.siteurl}/{path.parent.relative_to(site.root).as_posix()}/"
        for a in soup_at(site, post).select(".post-header a[href]"):
            if a["href"] in urls:
                found.setdefault(urls[a["href"]], set()).add(post)
    assert found, "no post links a role"
    return found


def listed(site, url: str) -> set[str]:
    """The posts a list page lists, on all its pages (following "Older posts")."""
    posts: set[str] = set()
    while url:
        page = soup_at(site, url)
        posts |= {a["href"] for a in page.select(".post-list h2 a")}
        older = page.select_one(".pagination a[rel=next]")
        url = older["href"] if older else None
    return posts


def posts(count: int) -> str:
    return f"{count} post{'' if count == 1 else 's'}"


def overview_cells(site, vocabulary):
    """The overview's roles in chart order, and for each cell (row, column) the table's link
    and the chart's, as (href, accessible name) or None."""
    page = soup_at(site, f"{site.siteurl}/{pelicanconf.TAGS_URL}")
    by_name = {role.name: role for role in vocabulary}
    rows = page.select("table.role-matrix tbody tr")
    order = [by_name[re.sub(r"^\d+ ", "", tr.th.get_text(" ", strip=True))] for tr in rows]

    def link(a):
        return (a["href"], a["aria-label"]) if a else None

    table = [[link(td.a) for td in tr.find_all("td")] for tr in rows]
    texts = page.select("svg.role-chart g.cells text")
    assert len(texts) == len(order) ** 2
    cells = [link(text.parent if text.parent.name == "a" else None) for text in texts]
    chart = [cells[i : i + len(order)] for i in range(0, len(cells), len(order))]
    return order, table, chart


def test_every_pair_sharing_posts_has_a_page_that_lists_exactly_them(any_site):
    site, vocabulary = any_site
    roles_posts = carried(site, vocabulary)
    order, table, chart = overview_cells(site, vocabulary)
    assert chart == table  # the chart's cells link where the table's do, by the same names
    assert [role.slug for role in order] == [r.slug for r in vocabulary if r.slug in roles_posts]
    suffix = f" | {soup_at(site, site.siteurl + '/').title.get_text()}"
    pair_pages = set()
    for i, first in enumerate(order):
        for j, second in enumerate(order):
            shared = roles_posts[first.slug] & roles_posts[second.slug]
            cell = table[i][j]
            if i == j:  # a role's own posts: its page
                assert cell == (role_url(site, first.slug), f"{first.name}: {posts(len(shared))}")
                continue
            if not shared:  # no page, so no link
                assert cell is None, (first.name, second.name)
                continue
            url, label = cell
            assert cell == table[j][i]  # one page per pair, whichever way round
            assert listed(site, url) == shared, url
            page = soup_at(site, url)
            heading = machine(page.h1)
            assert heading in {f"{first.name} and {second.name}", f"{second.name} and {first.name}"}
            assert label == f"{heading}: {posts(len(shared))}"  # named as its page is
            assert page.title.get_text() == heading + suffix
            for role in (first, second):
                assert page.select_one(f"main header a[href='{role_url(site, role.slug)}']"), url
            pair_pages.add(url)
    assert pair_pages, "no two roles share a post"
    # Nothing else under the role pages' folder: no page for a pair that shares no post.
    compare = set()
    if vocabulary.compare:
        first, second = vocabulary.compare
        compare = {role_url(site, f"{first.slug}-vs-{second.slug}")}
    written = {role_url(site, p.name) for p in (site.root / "roles").iterdir() if p.is_dir()}
    assert written == {role_url(site, slug) for slug in roles_posts} | pair_pages | compare


def test_a_pair_page_has_its_own_head_and_sitemap_entry(any_site):
    site, vocabulary = any_site
    order, table, _ = overview_cells(site, vocabulary)
    urls = {cell[0] for row in table for cell in row if cell} - {
        role_url(site, role.slug) for role in order
    }
    home = soup_at(site, site.siteurl + "/")
    site_card = home.find("meta", property="og:image")["content"]
    urlset = ET.fromstring(site.read("sitemap.xml"))
    lastmod = {
        url.findtext("s:loc", namespaces=SITEMAP): url.findtext("s:lastmod", namespaces=SITEMAP)
        for url in urlset.iterfind("s:url", SITEMAP)
    }
    for url in urls:
        page = soup_at(site, url)
        heading = machine(page.h1)
        assert page.find("link", rel="canonical")["href"] == url
        assert page.find("meta", property="og:url")["content"] == url
        assert page.find("meta", property="og:title")["content"] == heading
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert all(name in description for name in heading.split(" and ")), description
        assert page.find("meta", property="og:description")["content"] == description
        assert page.find("meta", property="og:image")["content"] == site_card
        newest = max(lastmod[post] for post in listed(site, url))
        assert lastmod[url] == newest, url


# --- The fixture site: exact addresses ---------------------------------------------------------

FIXTURE_PAIRS = {
    # The curated compare pair keeps its address; every other pair is <first>-and-<second>.
    "project-manager-vs-account-manager": ("Project Manager", "Account Manager", 3),
    "project-manager-and-r-and-d-lead": ("Project Manager", 'R&D "Lead"', 1),
    "account-manager-and-r-and-d-lead": ("Account Manager", 'R&D "Lead"', 1),
    "strassen-planner-and-r-and-d-lead": ("Straßen Planner", 'R&D "Lead"', 1),
}


def test_the_fixture_pairs_have_these_addresses(fixture_site):
    site = fixture_site
    overview = site.read("roles/index.html")
    for slug, (first, second, count) in FIXTURE_PAIRS.items():
        page = BeautifulSoup(site.read(f"roles/{slug}/index.html"), "html.parser")
        assert machine(page.h1) == f"{first} and {second}"
        assert len(page.select(".post-list > li")) == count
        assert f'href="{site.siteurl}/roles/{slug}/"' in overview, slug
    label = "Project Manager and Account Manager: 3 posts"
    assert overview.count(f'aria-label="{label}"') == 4  # both triangles, chart and table
    # Only a draft carries Account Manager and Straßen Planner: no page, no link.
    for absent in ["account-manager-and-strassen-planner", "project-manager-and-strassen-planner"]:
        assert not (site.root / "roles" / absent).exists()
        assert absent not in overview


def test_a_long_pair_page_is_paginated_like_a_role_page(tmp_path):
    content = tmp_path / "content"
    for name in ("pages", "extra"):
        (content / name).mkdir(parents=True)
        for file in (FIXTURE_SITE / name).iterdir():
            (content / name / file.name).write_bytes(file.read_bytes())
    (content / "roles.toml").write_bytes((FIXTURE_SITE / "roles.toml").read_bytes())
    (content / "posts").mkdir()
    count = pelicanconf.DEFAULT_PAGINATION + 2
    for n in range(1, count + 1):
        (content / "posts" / f"p{n}.md").write_text(
            f"Title: Post {n}\nDate: 2026-02-{n:02} 10:00\nTags: PM, Research Lead\n"
            f"Summary: S {n}.\n\nBody.\n",
            encoding="utf-8",
        )
    site = build_site(tmp_path, "https://pairs.example", content=content)
    first = f"{site.siteurl}/roles/project-manager-and-r-and-d-lead/"
    second = f"{first}page/2/"
    assert len(listed(site, first)) == count
    page = soup_at(site, second)
    assert page.find("link", rel="canonical")["href"] == second
    assert page.select_one(".pagination a[rel=prev]")["href"] == first
    assert len(page.select(".post-list > li")) == count - pelicanconf.DEFAULT_PAGINATION


# --- Addresses that clash stop the build -------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "page"),
    [
        ("account-manager-and-unused-role", "the page of 'Account Manager' and 'Unused Role'"),
        (
            "project-manager-vs-account-manager",
            "the compare page of 'Project Manager' and 'Account Manager'",
        ),
    ],
)
def test_a_role_slug_that_is_a_pair_page_address_stops_the_build(tmp_path, slug, page):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    vocabulary = content / "roles.toml"
    vocabulary.write_text(
        (FIXTURE_SITE / "roles.toml").read_text(encoding="utf-8")
        + f'\n[[role]]\nname = "Clash"\nslug = "{slug}"\ndescription = "Clashes."\n',
        encoding="utf-8",
    )
    (content / "posts" / "x.md").write_text(
        "Title: X\nDate: 2026-01-01 10:00\nTags: PM\nSummary: S.\n\nBody.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--content", str(content)]
        + ["--output", str(tmp_path / "output")],
        cwd=ROOT,
        env={**os.environ, "SITEURL": "https://bad.example"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0
    [line] = [ln for ln in log.splitlines() if "splitsville:" in ln]
    assert line.endswith(
        f"splitsville: {vocabulary}: the slug '{slug}' of role 'Clash' is also the address of "
        f"{page}: choose another slug for role 'Clash'"
    ), line
    assert "Traceback" not in log
    assert not (tmp_path / "output").exists()
