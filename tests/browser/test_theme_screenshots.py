"""Screenshots of the oldest post at phone and desktop widths, light and dark, for a human to see.

They are written to screenshots/ (gitignored); the test checks each one is a real, full-page image.
"""

import struct
from pathlib import Path

import pytest

from helpers import ROOT, oldest_post

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_post_screenshot(browser, subpath_site, scheme, width):
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"post-{width}-{scheme}.png"
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    response = page.goto(f"{subpath_site.siteurl}/{oldest_post(subpath_site)}")
    assert response.ok, response.status
    page.screenshot(path=str(path), full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.close()
    assert png_size(path) == (width, height)
