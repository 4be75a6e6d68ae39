"""Start-up checks on the settings, as plain functions of plain data (no Pelican imports).

Each returns a list of problems, one sentence each naming the fix; empty means all is well.
"""

from collections.abc import Iterable, Mapping


def plugin_problems(
    expected: Iterable[str], loaded: Iterable[str], installed: Iterable[str]
) -> list[str]:
    """Compare the plugins pelicanconf lists with those Pelican loaded and those pip installed.

    Pelican logs a plugin that fails to import and builds on without it, and once PLUGINS
    is set it ignores installed plugins that are not listed: both are errors here.
    """

    def short(name: str) -> str:
        return name.removeprefix("pelican.plugins.")

    loaded_names = {short(name) for name in loaded}
    listed = {short(name) for name in expected}
    problems = [
        f"plugin '{name}' did not load: check it is installed (requirements.txt) or "
        f"importable from PLUGIN_PATHS, and that it imports without errors"
        for name in expected
        if short(name) not in loaded_names
    ]
    problems += [
        f"plugin '{name}' is installed but not in PLUGINS: add it to PLUGINS in "
        f"pelicanconf.py, or remove it from requirements.txt"
        for name in sorted(installed)
        if short(name) not in listed
    ]
    return problems


def jinja_problems(environment: Mapping) -> list[str]:
    """Autoescape must stay on: metadata is text and must never reach a page as markup."""
    if environment.get("autoescape") is not True:
        return [
            "JINJA_ENVIRONMENT must set 'autoescape': True (metadata would reach pages "
            "unescaped): restore it in pelicanconf.py"
        ]
    return []


def draft_problems(settings: Mapping, production: bool) -> list[str]:
    """A production build must not write drafts anywhere."""
    if not production:
        return []
    return [
        f"{key} is '{settings.get(key)}' in a production build: set it to '' in publishconf.py"
        for key in (
            "DRAFT_SAVE_AS",
            "DRAFT_PAGE_SAVE_AS",
            "DRAFT_LANG_SAVE_AS",
            "DRAFT_PAGE_LANG_SAVE_AS",
        )
        if settings.get(key)
    ]


# Templates Pelican loads even when the pages they would write are switched off.
TEMPLATE_OUTPUTS = {
    "category": ("CATEGORY_SAVE_AS",),
    "categories": ("CATEGORIES_SAVE_AS",),
    "author": ("AUTHOR_SAVE_AS",),
    "authors": ("AUTHORS_SAVE_AS",),
    "period_archives": ("YEAR_ARCHIVE_SAVE_AS", "MONTH_ARCHIVE_SAVE_AS", "DAY_ARCHIVE_SAVE_AS"),
}


def switched_off_templates(settings: Mapping) -> list[str]:
    """Names of the templates whose every output is switched off (their *_SAVE_AS are empty)."""
    return [
        name
        for name, keys in TEMPLATE_OUTPUTS.items()
        if not any(settings.get(key) for key in keys)
    ]
