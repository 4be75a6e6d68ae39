"""Strictness guards: Pelican defaults that would build a wrong site quietly, made to stop.

- A plugin that failed to import, or an installed one left out of PLUGINS (checks.py).
- Autoescape off, or a production build that would write drafts (checks.py).
- A template missing from our theme, which Pelican would borrow from its `simple` theme.
- Drafts left in a production build's context, where other plugins would list them.
- Tracebacks for our own stops, and Pelican's "Could not process" with no reason given.
"""

import logging
import sys

from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader
from pelican.plugins._utils import get_namespace_plugins
from pelican.urlwrappers import Category

from ..common import PREFIX, ReadStop, SettingsError, ours
from . import checks


class QuietStops(logging.Filter):
    """Drop the traceback from the log line of a deliberate stop.

    Pelican logs whatever ended a build with its traceback. For our own errors the message is all
    an author needs; the stop that --fatal makes after a warning adds nothing to the warning
    already printed, so it goes; any other exception is a bug and keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, RuntimeError) and str(error) == "Warning or error encountered":
            return False
        if isinstance(error, SettingsError):
            record.exc_info = None
        return True


class ReadErrors(logging.Filter):
    """Pelican logs a post it could not read as "Could not process <path>", hiding why.

    It logs from inside its `except`, so the exception is at hand: ours carry the whole line for
    the author; any other gets its type and message added, so no failure is left unexplained.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = sys.exc_info()[1]
        if record.msg == "Could not process %s" and error is not None:
            if isinstance(error, ReadStop):
                record.msg, record.args = str(error), ()
            else:
                record.msg = f"{record.msg}: {type(error).__name__}: {error}"
        return True


def install_log_filters() -> None:
    logging.getLogger("pelican").addFilter(QuietStops())
    logging.getLogger("pelican.generators").addFilter(ReadErrors())


def check_settings(pelican) -> None:
    """Stop at start-up on settings that would build a wrong site quietly."""
    settings = pelican.settings
    problems = checks.plugin_problems(
        expected=ours(settings).get("expected_plugins", ()),
        loaded=settings["PLUGINS"],
        installed=get_namespace_plugins(),
    )
    problems += checks.jinja_problems(settings["JINJA_ENVIRONMENT"])
    problems += checks.draft_problems(settings, production=ours(settings).get("production", False))
    if problems:
        raise SettingsError("\n".join(f"{PREFIX} {p}" for p in problems))


def theme_templates_only(generator) -> None:
    """Load templates from our theme alone.

    Pelican falls back to its `simple` theme for any template ours lacks, which would
    publish a page we never designed; without the fallback a missing template stops the build.
    Templates of outputs switched off in the settings load as empty: Pelican asks for them but
    writes nothing with them.
    """
    unused = {f"{name}.html": "" for name in checks.switched_off_templates(generator.settings)}
    generator.env.loader = ChoiceLoader(
        [FileSystemLoader(generator._templates_path), DictLoader(unused)]
    )


def settle_drafts(generator) -> None:
    """Production drops drafts before anything can list them; local builds give them a category.

    Pelican keeps drafts in the context even when it won't write them (pelican-series, for one,
    would link them), and with category pages off it crashes writing a draft that has no category
    (its URL needs the category's slug, even though no category page is written).
    """
    settings = generator.settings
    if ours(settings).get("production"):
        generator.drafts, generator.drafts_translations = [], []
    for draft in generator.drafts + generator.drafts_translations:
        if getattr(draft, "category", None) is None:
            draft.category = Category(settings["DEFAULT_CATEGORY"], settings)
