"""The theme's colours: their one home is main.css's tokens, and everything else reads them there.

Social cards are drawn in the light tokens; the browser's chrome (`<meta name="theme-color">`)
takes the page background of each colour scheme. Plain logic on the stylesheet's text, one
handler that gives the templates the colours, and one that minifies the built stylesheets: the
theme's CSS is written to be read (comments say why), the reader's browser gets it without
comments or spaces (rcssmin), which keeps the essay page inside its weight budget.
"""

import re
from collections.abc import Sequence
from pathlib import Path

MAIN_CSS = Path("static") / "css" / "main.css"  # in the theme folder (THEME)
LIGHT = re.compile(r":root\s*\{([^}]*)\}")  # the first :root rule: the light tokens
DARK = re.compile(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)\s*\{\s*:root\s*\{([^}]*)\}")
COLOUR = re.compile(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\b")


class ThemeError(ValueError):
    """The stylesheet lacks a colour something is drawn with (the message says which)."""


def css_tokens(css: str, names: Sequence[str], scheme: str = "light") -> dict[str, str]:
    """The hex colours of `names` in the stylesheet's light :root rule, or in the one inside
    its `prefers-color-scheme: dark` query."""
    rule = (LIGHT if scheme == "light" else DARK).search(css)
    found = dict(COLOUR.findall(rule[1] if rule else ""))
    missing = [name for name in names if name not in found]
    if missing:
        where = ":root" if scheme == "light" else "the dark-mode :root"
        raise ThemeError(f"no {', '.join(missing)} colour in {where}: the site is drawn with it")
    return {name: found[name] for name in names}


def main_css(settings) -> Path:
    return Path(settings["THEME"]) / MAIN_CSS


def theme_tokens(settings, names: Sequence[str], scheme: str = "light") -> dict[str, str]:
    """css_tokens of the site's own main.css; a missing file or colour stops the build with one
    line naming the stylesheet."""
    from .common import PREFIX, SettingsError, shown

    css = main_css(settings)
    try:
        return css_tokens(css.read_text(encoding="utf-8"), names, scheme)
    except (OSError, ThemeError) as error:
        raise SettingsError(f"{PREFIX} {shown(css)}: {error}") from None


def give_templates_the_colours(generator) -> None:
    """THEME_COLORS in every template's context: each scheme's page background (--bg), light
    first, for partials/head.html's theme-color."""
    generator.context["THEME_COLORS"] = {
        scheme: theme_tokens(generator.settings, ["--bg"], scheme)["--bg"]
        for scheme in ("light", "dark")
    }


def minify_stylesheets(pelican) -> None:
    """Every .css file the build copied from the theme's static folder, minified in place."""
    import rcssmin

    for css in sorted(
        (Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]).rglob("*.css")
    ):
        css.write_text(rcssmin.cssmin(css.read_text(encoding="utf-8")), encoding="utf-8")


def connect() -> None:
    from pelican import signals

    signals.generator_init.connect(give_templates_the_colours)
    signals.finalized.connect(minify_stylesheets)
