"""Colour tokens as the browser resolves them: every text colour on every background it meets."""

import pytest

from helpers import oldest_post, open_from_disk

pytestmark = pytest.mark.browser

TEXT_ON = {
    "--bg": ["--text", "--muted", "--accent", "--focus"],
    "--surface": [
        "--text",
        "--muted",
        "--accent",
        "--code-comment",
        "--code-keyword",
        "--code-string",
        "--code-name",
        "--code-number",
        "--code-deleted",
        "--focus",
    ],
    "--accent-soft": ["--accent"],
    "--mark": ["--text", "--accent"],
    "--text": ["--bg"],  # the skip link
}
NON_TEXT = 3.0  # WCAG 1.4.11: the focus ring against the page


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_token_reaches_4_5_to_1_on_its_backgrounds(browser, fixture_site, scheme):
    # The fixture post with highlighted code, so code.css's tokens are loaded too.
    page, url = open_from_disk(browser, fixture_site, "posts/typography-other-details/")
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    assert page.locator(".highlight .k").count() > 0
    names = set(TEXT_ON) | {n for fgs in TEXT_ON.values() for n in fgs}
    tokens = page.evaluate(
        "names => Object.fromEntries(names.map(n => "
        "[n, getComputedStyle(document.documentElement).getPropertyValue(n).trim()]))",
        sorted(names),
    )
    page.close()
    assert all(len(v) == 7 and v.startswith("#") for v in tokens.values()), tokens
    low = [
        f"{fg} on {bg}: {contrast(tokens[fg], tokens[bg]):.2f}"
        for bg, fgs in TEXT_ON.items()
        for fg in fgs
        if contrast(tokens[fg], tokens[bg]) < (NON_TEXT if fg == "--focus" else 4.5)
    ]
    assert not low, low


def test_dark_scheme_changes_the_colours(browser, subpath_site):
    page = browser.new_page()
    colours = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{subpath_site.siteurl}/{oldest_post(subpath_site)}")
        colours[scheme] = page.evaluate(
            "(() => { const s = getComputedStyle(document.body);"
            " return [s.backgroundColor, s.color]; })()"
        )
    page.close()
    assert colours["light"] != colours["dark"]
    assert luminance_of(colours["dark"][0]) < luminance_of(colours["light"][0])


def luminance_of(rgb: str) -> float:
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1 : -1].split(",")[:3])
    return luminance(f"#{r:02x}{g:02x}{b:02x}")
