"""What a reader sees, in real headless Chromium (Debian's /usr/bin/chromium)."""

import pytest

pytestmark = pytest.mark.browser


def test_essay_renders_and_the_skip_link_is_the_first_tab_stop(browser, subpath_site):
    page = browser.new_page()
    page.goto(subpath_site.siteurl + "/posts/splitsville-or-not/")
    assert "Splitsville or" in page.locator("h1").inner_text()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()
