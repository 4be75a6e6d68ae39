"""Screenshots of the essay at phone and desktop widths, light and dark, for a human to look at.

They are written to screenshots/ (gitignored); the test checks each one is a real, full-page image.
"""

import struct
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots"
ESSAY = "/posts/splitsville-or-not/"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_essay_screenshot(browser, subpath_site, scheme, width):
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"essay-{width}-{scheme}.png"
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(subpath_site.siteurl + ESSAY)
    page.screenshot(path=str(path), full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.close()
    assert png_size(path) == (width, height)
