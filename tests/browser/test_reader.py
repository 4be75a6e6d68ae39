"""What a reader sees, in real headless Chromium (Debian's /usr/bin/chromium)."""

import pytest
from bs4 import BeautifulSoup

from helpers import oldest_post

pytestmark = pytest.mark.browser


def test_a_post_renders_and_the_skip_link_is_the_first_tab_stop(browser, subpath_site):
    post = oldest_post(subpath_site)
    title = BeautifulSoup(subpath_site.read(post + "index.html"), "html.parser").h1.get_text()
    page = browser.new_page()
    page.goto(f"{subpath_site.siteurl}/{post}")
    assert page.locator("h1").inner_text() == title
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()
