"""Role pages built from the fixture site (tests/fixtures/site, with its own roles.toml).

Its posts name roles in other cases, with hyphens and underscores, by alias and twice over;
every one must land on the one canonical page of its role.
"""

import os
import re
import shutil
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from splitsville.roles import vocabulary as roles

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site"
COMPARE = "project-manager-vs-account-manager"
# The other pairs of roles sharing a post, each with its page (tests/site/test_roles_pair_pages.py).
PAIRS = {
    "project-manager-and-r-and-d-lead",
    "account-manager-and-r-and-d-lead",
    "strassen-planner-and-r-and-d-lead",
}
NAMES = {
    "project-manager": "Project Manager",
    "account-manager": "Account Manager",
    "strassen-planner": "Straßen Planner",
    "r-and-d-lead": 'R&D "Lead"',
}
# Each fixture post (by slug) and the canonical roles its byline must show, in order.
POSTS = {
    "a-published-post": ["project-manager"],
    "case-and-separator-variants": ["project-manager", "account-manager"],
    "aliases-and-duplicates": ["project-manager", "account-manager", "r-and-d-lead"],
    "unicode-and-markup-in-role-names": ["strassen-planner", "r-and-d-lead"],
    "typography-other-details": ["project-manager", "account-manager"],
}


def machine(element) -> str:
    """An element's text as machine text: a role name in a heading is joined by no-break
    spaces (the |keep_roles filter), which read as spaces."""
    return " ".join(element.get_text().split())


def soup(site, rel: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(rel), "html.parser")


def posts_of(slug: str) -> set[str]:
    return {post for post, slugs in POSTS.items() if slug in slugs}


def post_links(site, page: BeautifulSoup) -> set[str]:
    prefix = f"{site.siteurl}/posts/"
    return {a["href"][len(prefix) :].strip("/") for a in page.select(".post-list h2 a")}


def test_fixture_build_logged_no_warning_or_error(fixture_site):
    assert not re.search(r"\b(WARNING|ERROR|CRITICAL)\b", fixture_site.log), fixture_site.log


def test_one_page_and_one_feed_per_role_with_posts_and_nothing_else(fixture_site):
    folders = {p.name for p in (fixture_site.root / "roles").iterdir() if p.is_dir()}
    assert folders - PAIRS == set(NAMES) | {COMPARE}  # pair pages: test_roles_pair_pages.py
    feeds = {p.name for p in (fixture_site.root / "feeds" / "roles").iterdir()}
    assert feeds == {f"{slug}.{kind}.xml" for slug in NAMES for kind in ("atom", "rss")}
    # The role nobody writes about has no page (and no empty feed).
    assert not (fixture_site.root / "roles" / "unused-role").exists()


def test_every_role_page_has_the_canonical_name_and_exactly_its_posts(fixture_site):
    for slug, name in NAMES.items():
        page = soup(fixture_site, f"roles/{slug}/index.html")
        assert page.h1.get_text() == name
        assert page.title.get_text().startswith(f"{name} | ")
        assert post_links(fixture_site, page) == posts_of(slug), slug
        count = page.select_one(".role-header .count").get_text()
        assert count.startswith(f"{len(posts_of(slug))} post"), count


def test_every_byline_shows_canonical_roles_once_each_linking_their_pages(fixture_site):
    for post, slugs in POSTS.items():
        page = soup(fixture_site, f"posts/{post}/index.html")
        links = page.select(".post-header .role-list a")
        assert [a.get_text() for a in links] == [NAMES[slug] for slug in slugs], post
        assert [a["href"] for a in links] == [
            f"{fixture_site.siteurl}/roles/{slug}/" for slug in slugs
        ]


def test_role_feeds_carry_exactly_the_roles_posts(fixture_site):
    for slug, name in NAMES.items():
        feed = feedparser.parse(fixture_site.read(f"feeds/roles/{slug}.atom.xml"))
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title.endswith(f" - {name}"), feed.feed.title
        links = {e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries}
        assert links == posts_of(slug)
        page = soup(fixture_site, f"roles/{slug}/index.html")
        feed_url = f"{fixture_site.siteurl}/feeds/roles/{slug}.atom.xml"
        assert page.find("link", rel="alternate", href=feed_url)
        # Its page links its entry on the feeds page, and that entry the feed itself.
        assert page.find("a", href=f"{fixture_site.siteurl}/feeds/#role-{slug}")
        entry = soup(fixture_site, "feeds/index.html").find(id=f"role-{slug}")
        assert entry.find("a", href=feed_url)


def test_role_page_describes_the_role_and_links_related_roles(fixture_site):
    page = soup(fixture_site, "roles/project-manager/index.html")
    description = page.select_one(".role-description")
    assert description.find("em").get_text() == "emphasis"  # Markdown rendered
    assert len(description.find_all("p")) == 2
    assert page.select_one(".aliases").get_text() == "Also called PM"
    related = page.select_one(".related-roles")
    assert [a.get_text() for a in related.find_all("a")] == ["Account Manager"]
    # A related role without posts is named, not linked to a page that does not exist.
    assert [s.get_text() for s in related.select("span")] == ["Unused Role"]


def test_names_are_escaped_everywhere(fixture_site):
    for rel in ["roles/r-and-d-lead/index.html", "roles/index.html"]:
        html = fixture_site.read(rel)
        assert "R&D" not in html and "R&amp;D &#34;Lead&#34;" in html, rel
    page = soup(fixture_site, "roles/r-and-d-lead/index.html")
    assert page.h1.get_text() == 'R&D "Lead"'
    assert page.find("meta", property="og:title")["content"] == 'R&D "Lead"'


def test_compare_page_lists_the_posts_with_both_roles(fixture_site):
    url = f"{fixture_site.siteurl}/roles/{COMPARE}/"
    page = soup(fixture_site, f"roles/{COMPARE}/index.html")
    assert machine(page.h1) == "Project Manager and Account Manager"
    assert post_links(fixture_site, page) == posts_of("project-manager") & posts_of(
        "account-manager"
    )
    for rel in [
        "roles/project-manager/index.html",
        "roles/account-manager/index.html",
        "roles/index.html",
    ]:
        assert soup(fixture_site, rel).find("a", href=url), rel
    assert soup(fixture_site, "roles/strassen-planner/index.html").find("a", href=url) is None


def test_overview_lists_every_role_with_its_count_and_first_sentence(fixture_site):
    vocabulary = roles.load_vocabulary(FIXTURE / "roles.toml")
    items = soup(fixture_site, "roles/index.html").select(".role-index > li")
    assert [li.h2.get_text() for li in items] == [role.name for role in vocabulary]
    for li, role in zip(items, vocabulary, strict=True):
        count = len(posts_of(role.slug))
        counted = li.select_one(".count").get_text()
        assert counted == (f"{count} post{'s' if count != 1 else ''}" if count else "No posts yet")
        assert bool(li.h2.a) == (count > 0), role.name
        summary = li.select_one("p:not(.count)").get_text().replace("\xa0", " ")
        assert summary == roles.first_sentence(role.description), role.name
        assert "This second sentence" not in li.get_text()


def test_overview_chart_and_table_agree_with_the_posts(fixture_site):
    # The expected counts, from the bylines of the built post pages.
    used = [slug for slug in NAMES if posts_of(slug)]
    bylines = []
    for post in POSTS:
        page = soup(fixture_site, f"posts/{post}/index.html")
        bylines.append(
            {
                a["href"].rstrip("/").rsplit("/", 1)[1]
                for a in page.select(".post-header .role-list a")
            }
        )
    expected = [[sum(a in b and c in b for b in bylines) for c in used] for a in used]
    assert any(expected[i][j] for i, j in combinations(range(len(used)), 2))

    overview = soup(fixture_site, "roles/index.html")
    table = overview.select_one("table.role-matrix")
    assert table.caption.get_text()
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th[scope=col]")][1:]
    rows = table.select("tbody tr")
    assert [r.th.get_text(" ", strip=True) for r in rows] == headers
    assert headers == [f"{n} {NAMES[slug]}" for n, slug in enumerate(used, start=1)]
    assert all(r.th["scope"] == "row" for r in rows)
    assert [[int(td.get_text()) for td in r.find_all("td")] for r in rows] == expected

    svg = overview.select_one("figure svg")
    assert svg["role"] == "group"  # of links, one per cell with posts (test_roles_pair_pages.py)
    assert svg.find("title")["id"] == svg["aria-labelledby"]
    assert svg.find("desc")["id"] == svg["aria-describedby"]
    cells = [int(t.get_text()) for t in svg.select("g.cells text")]
    assert cells == [count for row in expected for count in row]
    labels = [
        " ".join(s.get_text() for s in t.find_all("tspan"))
        for t in svg.select("g.axis text")
        if t.tspan
    ]
    assert labels == [NAMES[slug] for slug in used]


def test_the_real_site_has_one_page_per_role_with_posts(site):
    """Whatever the vocabulary and posts: a page for each role some post carries (as its byline
    shows), listing exactly those posts, and the compare page of the vocabulary's pair, if any."""
    vocabulary = roles.load_vocabulary(ROOT / "content" / "roles.toml")
    carried = {}  # role slug -> the posts whose byline links it
    for path in site.root.glob("posts/*/index.html"):
        for a in soup(site, path.relative_to(site.root).as_posix()).select(".post-roles a"):
            carried.setdefault(a["href"].rstrip("/").rsplit("/", 1)[1], set()).add(path.parent.name)
    assert carried and set(carried) <= {role.slug for role in vocabulary}

    def listed(folder: str) -> set[str]:  # the posts on every page of a (paginated) list
        return {
            post
            for path in (site.root / "roles" / folder).rglob("index.html")
            for post in post_links(site, soup(site, path.relative_to(site.root).as_posix()))
        }

    pair = [role.slug for role in vocabulary.compare or ()]
    compare = {f"{pair[0]}-vs-{pair[1]}"} if pair else set()
    folders = {p.name for p in (site.root / "roles").iterdir() if p.is_dir()}
    pairs = {  # every pair of roles sharing a post (test_roles_pair_pages.py reads their pages)
        f"{a.slug}-and-{b.slug}"
        for a, b in combinations(vocabulary, 2)
        if carried.get(a.slug, set()) & carried.get(b.slug, set())
    }
    assert folders - pairs == set(carried) | compare
    for role in vocabulary:
        if role.slug in carried:
            page = soup(site, f"roles/{role.slug}/index.html")
            assert page.h1.get_text() == role.name
            assert listed(role.slug) == carried[role.slug], role.slug
    for folder in compare:
        assert listed(folder) == carried.get(pair[0], set()) & carried.get(pair[1], set())


# --- Builds that must fail -------------------------------------------------------------------


def publish(content: Path, output: Path) -> subprocess.CompletedProcess:
    """`invoke publish` on a content folder, as `make publish` runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "publish",
            "--content",
            str(content),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        env={**os.environ, "SITEURL": "https://bad.example"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def tiny_site(folder: Path, tags: dict[str, str]) -> Path:
    """A content folder with the fixture vocabulary and one post per {file name: Tags line}.

    It has the pages and favicon every page links to, so its builds have no broken link.
    """
    (folder / "posts").mkdir(parents=True)
    (folder / "roles.toml").write_text((FIXTURE / "roles.toml").read_text(encoding="utf-8"))
    shutil.copytree(FIXTURE / "pages", folder / "pages")
    (folder / "extra").mkdir()
    shutil.copy(ROOT / "content" / "extra" / "favicon.svg", folder / "extra")
    for n, (name, line) in enumerate(tags.items(), start=1):
        (folder / "posts" / name).write_text(
            f"Title: Post {n}\nDate: 2026-01-0{n} 10:00\nTags: {line}\nSummary: S.\n\nBody.\n"
        )
    return folder


def test_the_plugin_itself_stops_a_build_that_skips_the_lint(tmp_path):
    """`invoke build` (and plain `pelican`) don't lint first: the plugin still refuses the tag."""
    bad = tiny_site(tmp_path / "bad", {"x.md": "Acount Manager"})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "build",
            "--content",
            str(bad),
            "--output",
            str(tmp_path / "output"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0
    expected = (
        f"splitsville: {bad}/posts/x.md: unknown role 'Acount Manager' - did you mean "
        f"'Account Manager'? Roles live in {bad / 'roles.toml'}"
    )
    assert [ln for ln in log.splitlines() if ln.endswith(expected)], log
    assert "Traceback" not in log, log
    assert not (tmp_path / "output").exists()


def test_a_misspelt_role_stops_the_build_with_one_line_and_keeps_the_last_good_site(tmp_path):
    output = tmp_path / "output"
    good = tiny_site(tmp_path / "good", {"fine.md": "Account Manager"})
    assert publish(good, output).returncode == 0
    bad = tiny_site(tmp_path / "bad", {"x.md": "Acount Manager, PM", "y.md": "Zebra Wrangler"})
    result = publish(bad, output)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    vocabulary = bad / "roles.toml"
    # `publish` lints first (invoke check), so the line carries the line number too.
    for line in [
        f"{bad}/posts/x.md:3: unknown role 'Acount Manager' - did you mean "
        f"'Account Manager'? Roles live in {vocabulary}",
        f"{bad}/posts/y.md:3: unknown role 'Zebra Wrangler' - no known role is "
        f"close. Roles live in {vocabulary}",
    ]:
        assert line in log.splitlines(), log
    assert "Traceback" not in log, log
    # What `make serve` relies on: the last good build stays in place.
    assert not list(tmp_path.glob("output.*")), "the failed build left its folder behind"
    assert (output / "posts" / "post-1" / "index.html").is_file()
    assert (output / "roles" / "account-manager" / "index.html").is_file()
    # The good site's compare page names Project Manager but links no page it does not have.
    compare = (output / "roles" / COMPARE / "index.html").read_text(encoding="utf-8")
    assert "/roles/account-manager/" in compare and "/roles/project-manager/" not in compare


def test_a_contradictory_vocabulary_stops_the_build_at_start(tmp_path):
    content = tiny_site(tmp_path / "content", {"fine.md": "Account Manager"})
    vocabulary = content / "roles.toml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8").replace('aliases = ["PM"]', 'aliases = ["AM"]')
    )
    result = publish(content, tmp_path / "output")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    [line] = [ln for ln in log.splitlines() if "splitsville:" in ln]
    assert line.endswith(
        "'AM' of role 'Account Manager' matches the alias 'AM' of role 'Project Manager': "
        "a name or alias may belong to one role only"
    ), line
    assert f"{vocabulary}:" in line and "Traceback" not in log
    assert not (tmp_path / "output").exists()
