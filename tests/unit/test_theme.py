"""plugins/splitsville/theme.py: the theme's colours, read from main.css's tokens."""

from pathlib import Path

import pytest
from splitsville import theme

ROOT = Path(__file__).resolve().parents[2]
CARD = ("--bg", "--text", "--muted", "--accent", "--accent-soft")
CSS = ":root {\n  --bg: #fbfaf7;\n  --text: #1f1d1a; --muted: #58534b;\n  --accent: #8a3320;\n"
CSS += "  --accent-soft: #f6e4dc;\n  --font: serif;\n}\n"
CSS += "@media (prefers-color-scheme: dark) {\n  :root { --bg: #17181b; --text: #eee; }\n}\n"
CSS += "@media print { :root { --bg: #fff; } }"


def test_light_tokens_come_from_the_first_root_rule():
    assert theme.css_tokens(CSS, CARD) == {
        "--bg": "#fbfaf7",
        "--text": "#1f1d1a",
        "--muted": "#58534b",
        "--accent": "#8a3320",
        "--accent-soft": "#f6e4dc",
    }


def test_dark_tokens_come_from_the_dark_mode_query():
    assert theme.css_tokens(CSS, ["--bg", "--text"], "dark") == {
        "--bg": "#17181b",
        "--text": "#eee",
    }


def test_a_missing_colour_is_named():
    with pytest.raises(theme.ThemeError, match=r"no --accent, --accent-soft colour in :root"):
        theme.css_tokens(":root { --bg: #fff; --text: #000; --muted: #333; }", CARD)
    with pytest.raises(theme.ThemeError, match=r"no --bg colour in the dark-mode :root"):
        theme.css_tokens(":root { --bg: #fff; }", ["--bg"], "dark")


def test_the_site_stylesheet_has_every_colour_the_site_is_drawn_with():
    css = (ROOT / "theme" / theme.MAIN_CSS).read_text(encoding="utf-8")
    assert theme.css_tokens(css, CARD)
    assert (
        theme.css_tokens(css, ["--bg"], "dark")["--bg"] != theme.css_tokens(css, ["--bg"])["--bg"]
    )
