"""The Content-Security-Policy meta, enforced by real headless Chromium on every page we publish."""

import pytest

from helpers import oldest_post

pytestmark = pytest.mark.browser

# Collected in the page before any of its own code runs (an init script is not subject to CSP).
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def visit(browser, url: str, also: str = ""):
    """Load url; return the page, the CSP violations it reported and its console errors."""
    page = browser.new_page()
    page.add_init_script(LISTEN + also)
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(50)  # violation events are dispatched as a task after the load
    return page, page.evaluate("window.__violations"), console


def test_every_page_loads_without_a_csp_violation(browser, root_site):
    pages = sorted(root_site.root.rglob("*.html"))
    kinds = {str(p.relative_to(root_site.root)).split("/")[0] for p in pages}
    assert {"index.html", "404.html", "posts", "roles", "archives", "about"} <= kinds
    for path in pages:
        url = f"{root_site.siteurl}/{path.relative_to(root_site.root).as_posix()}"
        page, violations, console = visit(browser, url)
        assert page.locator("meta[http-equiv=Content-Security-Policy]").count() == 1, url
        assert violations == [] and console == [], url
        page.close()


def test_the_policy_is_enforced_and_json_ld_is_left_alone(browser, root_site):
    page, violations, _ = visit(browser, f"{root_site.siteurl}/{oldest_post(root_site)}")
    assert violations == []
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)"
    )
    assert data["@type"] == "BlogPosting"
    # An inline script (say, one smuggled in by a post) is refused, and reported.
    page.evaluate(
        "document.head.append(Object.assign(document.createElement('script'), "
        "{textContent: 'window.ran = true'}))"
    )
    page.wait_for_timeout(50)
    assert page.evaluate("window.ran") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src-elem inline")
    page.close()


def test_serve_reloads_and_styles_its_error_box_under_the_policy(browser, preview):
    """`make serve` injects livereload (same origin) and, on a broken build, an error box on
    every page: CSP forbids inline styles, so the box has a stylesheet of its own."""
    post_url = f"{preview.url}/posts/a-published-post/"
    preview.wait_for(post_url, lambda p: "A Published" in p)
    page, _, console = visit(
        browser,
        post_url,
        "document.addEventListener('LiveReloadConnect', () => { window.reloadReady = true; })",
    )
    page.wait_for_function("() => window.reloadReady === true")  # its script ran, socket open
    (preview.content / "posts" / "published-post.md").write_bytes(b"")
    box = page.wait_for_selector("#build-error[role=alert]", timeout=30_000)
    assert "published-post.md: empty file" in box.inner_text()
    assert box.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert box.evaluate("e => getComputedStyle(e).borderTopWidth") == "6px"
    assert page.evaluate("window.__violations") == [] and console == []
    page.close()
