"""`make serve` in a real browser: a saved change reloads the open page by itself."""

import pytest

pytestmark = pytest.mark.browser


def test_saving_a_post_reloads_the_open_page_and_shows_a_broken_build(browser, preview):
    post_url = f"{preview.url}/posts/a-published-post/"
    post = preview.content / "posts" / "published-post.md"
    preview.wait_for(post_url, lambda p: "A Published" in p)
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # livereload.js tells the page when its socket to the preview server is open.
    page.add_init_script(
        "document.addEventListener('LiveReloadConnect', () => { window.reloadReady = true; })"
    )
    page.goto(post_url)
    page.wait_for_function("() => window.reloadReady === true")
    original = post.read_text(encoding="utf-8")

    post.write_text(original + "\nA sentence added while serving.\n", encoding="utf-8")
    page.wait_for_selector("text=added while serving", timeout=30_000)

    post.write_text(original.replace("Tags: Project Manager", "Tags: Scrum Wizard"), "utf-8")
    alert = page.wait_for_selector("#build-error[role=alert]", timeout=30_000)
    assert "unknown role 'Scrum Wizard'" in alert.inner_text()

    post.write_text(original, encoding="utf-8")
    page.wait_for_selector("#build-error", state="detached", timeout=30_000)
    assert "added while serving" not in page.content()
    page.close()
    # Nothing but the preview server was asked for anything (no third-party requests).
    assert requested and all(url.startswith(preview.url) for url in requested), requested
