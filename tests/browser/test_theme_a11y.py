"""Accessibility of every page type, in real headless Chromium, light and dark, narrow and wide."""

import json

import pytest
from bs4 import BeautifulSoup

from helpers import AXE, oldest_post, open_from_disk, post_pages

pytestmark = pytest.mark.browser

# One page of each type the site writes. Posts, role and pair pages are chosen by what they hold
# from whatever the content has ("post:" and a CSS selector), or else from the fixture site,
# whose post tested below holds every element.
PAGE_TYPES = {
    "home": "/",
    "post": "oldest post",
    "post with code": "post:.highlight",
    "post with footnotes": "post:.footnote",
    "post with sections": "post:.toc",
    "post with a figure": "post:figure",
    "post with a wide table": "post:.table-scroll",
    "page": "/about/",
    "role page": "role",
    "pair page": "pair",
    "roles index": "/roles/",
    "archives": "/archives/",
    "feeds": "/feeds/",
    "404": "/404.html",
}


def resolve(site, fixture_site, path: str):
    """The build and page to test: the path itself, the oldest post, the first role page, or
    the first post that holds the element (of the content, else of the fixture site)."""
    if path == "oldest post":
        return site, f"/{oldest_post(site)}"
    if path == "role":  # a role with posts (only those have a page)
        first = min(p for p in (site.root / "roles").iterdir() if p.is_dir())
        return site, f"/roles/{first.name}/"
    if path == "pair":  # the first pair's page the Roles overview's table links (off its diagonal)
        overview = BeautifulSoup((site.root / "roles" / "index.html").read_text(), "html.parser")
        for i, row in enumerate(overview.select("table.role-matrix tbody tr")):
            for j, cell in enumerate(row.find_all("td")):
                if i != j and cell.a:
                    return site, cell.a["href"].removeprefix(site.siteurl)
        raise AssertionError("the Roles overview links no pair's page")
    if not path.startswith("post:"):
        return site, path
    for built in (site, fixture_site):
        for page in post_pages(built):
            if BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
                f"article {path[5:]}"
            ):
                return built, f"/{page.parent.relative_to(built.root).as_posix()}/"
    raise AssertionError(f"no post of either build has {path[5:]}")


SCHEMES = ["light", "dark"]
WIDTHS = [390, 1280]
# axe's defaults (WCAG 2.0-2.2 A/AA and best practices) plus the WCAG 2.2 AA target-size rule,
# which axe ships switched off.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}


def add_axe(page) -> None:
    """Load axe through DevTools: the page's Content-Security-Policy refuses an inline script
    tag, as it should (add_script_tag), but not the test harness's own evaluation."""
    page.evaluate(AXE.read_text(encoding="utf-8"))


def violations(page) -> list[dict]:
    return page.evaluate(
        "async (options) => (await axe.run(document, options)).violations"
        ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))",
        AXE_OPTIONS,
    )


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_no_violation_in_either_scheme_at_either_width(
    browser, subpath_site, fixture_site, path
):
    """Each page loads once; axe runs again after each change of scheme and width."""
    built, rel = resolve(subpath_site, fixture_site, path)
    if built is subpath_site:
        page, url = browser.new_page(), built.siteurl + rel
    else:  # the fixture site is not served: its pages come from disk
        page, url = open_from_disk(browser, built, rel.lstrip("/"))
    page.goto(url)
    add_axe(page)
    found = {}
    for scheme in SCHEMES:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
                scheme == "dark"
            )
            if problems := violations(page):
                found[f"{scheme} {width}px"] = problems
    page.close()
    assert not found, json.dumps(found, indent=1)


def test_axe_on_the_fixture_post_that_has_every_element(browser, fixture_site):
    """Highlighted code, a blockquote, footnotes, a figure, a wide table, typogrify's classes, a
    series and a modified date, served from disk."""
    page, url = open_from_disk(browser, fixture_site, "posts/typography-other-details/")
    page.goto(url)
    assert page.locator(".highlight .k").count() > 0
    assert page.evaluate("getComputedStyle(document.body).display") == "flex"  # the CSS loaded
    add_axe(page)
    found = {}
    for scheme in SCHEMES:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            if problems := violations(page):
                found[f"{scheme} {width}px"] = problems
    page.close()
    assert not found, json.dumps(found, indent=1)
