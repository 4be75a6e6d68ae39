"""Layout and behaviour every reader depends on, in real headless Chromium."""

import json
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from helpers import CHROMIUM, CHROMIUM_FLAGS, oldest_post, open_from_disk

pytestmark = pytest.mark.browser


def every_page(site) -> list[str]:
    """The address of every HTML page the build wrote."""
    return sorted(
        site.siteurl + "/" + path.relative_to(site.root).as_posix().removesuffix("index.html")
        for path in site.root.rglob("*.html")
    )


def test_no_page_scrolls_sideways_at_390px_or_asks_another_host(browser, subpath_site):
    """Every page on a phone: nothing wider than the screen; no font or script from elsewhere."""
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    requested, wide = [], []
    page.on("request", lambda request: requested.append(request.url))
    for url in every_page(subpath_site):  # the schemes change colours only, never widths
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide.append(f"{url}: {overflow}px too wide")
    page.close()
    assert len(every_page(subpath_site)) > 10
    assert not wide, "\n".join(wide)
    host = urlparse(subpath_site.siteurl).netloc
    assert [url for url in requested if urlparse(url).netloc != host] == []
    assert any(url.endswith("/theme/css/main.css") for url in requested)


def test_skip_link_is_first_tab_stop_visible_and_moves_focus_to_main(browser, subpath_site):
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    for path in ("/", f"/{oldest_post(subpath_site)}", "/roles/"):
        page.goto(subpath_site.siteurl + path)
        page.keyboard.press("Tab")
        link = page.locator(":focus")
        assert link.get_attribute("class") == "skip-link"
        box = link.bounding_box()
        assert box["y"] >= 0 and box["height"] >= 24, box  # on screen, and a big enough target
        assert link.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        # The next Tab goes into the content, not back to the navigation.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")
    page.close()


def test_every_link_shows_a_visible_focus_ring(browser, subpath_site):
    page = browser.new_page()
    page.goto(f"{subpath_site.siteurl}/{oldest_post(subpath_site)}")
    styles = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        styles.add(
            page.evaluate(
                "(() => { const s = getComputedStyle(document.activeElement);"
                " return s.outlineStyle + ' ' + parseFloat(s.outlineWidth); })()"
            )
        )
    page.close()
    assert all(not s.startswith("none") and float(s.split()[1]) >= 2 for s in styles), styles


def test_reduced_motion_turns_smooth_scrolling_off(browser, subpath_site):
    page = browser.new_page()
    url = f"{subpath_site.siteurl}/{oldest_post(subpath_site)}"
    behaviour = "getComputedStyle(document.documentElement).scrollBehavior"
    page.emulate_media(reduced_motion="no-preference")
    page.goto(url)
    assert page.evaluate(behaviour) == "smooth"
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    assert page.evaluate(behaviour) == "auto"
    page.close()


def test_print_hides_navigation_and_writes_out_link_addresses(browser, fixture_site):
    """The fixture post with a series, a footnote, an outside link and a figure."""
    page, url = open_from_disk(browser, fixture_site, "posts/typography-other-details/")
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(url)
    assert page.locator(".post-end .series-parts").count() == 1

    def display(selector: str) -> str:
        return page.locator(selector).first.evaluate("e => getComputedStyle(e).display")

    assert display(".site-header nav") == "none"
    assert display(".post-end") == "none"
    assert display(".footnote") != "none"  # footnotes are kept on paper
    external = page.locator(".prose a[href^='http']").first
    after = external.evaluate("e => getComputedStyle(e, '::after').content")
    assert external.get_attribute("href") in after
    # Paper is white with black text whatever the screen's scheme.
    colours = page.evaluate(
        "(() => { const s = getComputedStyle(document.body);"
        " return [s.backgroundColor, s.color]; })()"
    )
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    assert page.locator("figure").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.close()


# The header's name and menu on each page (and the scrollbar's width), in a Chromium that shows
# scrollbars: Playwright starts headless Chromium with --hide-scrollbars, and one process may
# hold only the session's browser, so this one runs in a process of its own.
HEADER_PLACES = """
import json, sys
from playwright.sync_api import sync_playwright
chromium, flags, urls = json.loads(sys.argv[1])
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=chromium, args=flags, headless=True,
                                ignore_default_args=["--hide-scrollbars"])
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    places = []
    for url in urls:
        page.goto(url)
        boxes = [page.locator(s).bounding_box() for s in (".site-name", ".site-header nav")]
        places.append({
            "long": page.evaluate("document.documentElement.scrollHeight > innerHeight"),
            "bar": page.evaluate("innerWidth - document.documentElement.clientWidth"),
            "header": [(round(b["x"], 1), round(b["width"], 1)) for b in boxes],
        })
    browser.close()
print(json.dumps(places))
"""


def test_the_header_stays_put_between_a_short_page_and_a_long_one(subpath_site):
    """The long essay has a scrollbar and the short 404 page none: the header must not move."""
    urls = [f"{subpath_site.siteurl}/{rel}" for rel in (oldest_post(subpath_site), "404.html")]
    run = subprocess.run(
        [sys.executable, "-c", HEADER_PLACES, json.dumps([CHROMIUM, CHROMIUM_FLAGS, urls])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    long, short = json.loads(run.stdout)
    assert long["long"] and not short["long"], (long, short)
    assert long["bar"] > 0, long  # the scrollbar takes room, as on a desktop
    assert long["header"] == short["header"], (long, short)
