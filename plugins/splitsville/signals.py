"""Signal wiring: the only module here that imports Pelican. Logic lives in checks.py."""

import html
import logging

from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader
from pelican import signals
from pelican.plugins._utils import get_namespace_plugins
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from . import checks

log = logging.getLogger(__name__)
PREFIX = "splitsville:"


class SettingsError(Exception):
    """A problem in the settings that must stop the build before it starts."""


class QuietStops(logging.Filter):
    """Drop the traceback from the log line of a deliberate stop.

    Pelican logs whatever ended a build with its traceback. For our own errors, and for the
    stop that --fatal makes after a warning already printed, the message is all an author needs;
    any other exception is a bug and keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, SettingsError) or (
            isinstance(error, RuntimeError) and str(error) == "Warning or error encountered"
        ):
            record.exc_info = None
        return True


def check_settings(pelican) -> None:
    """Stop at start-up on settings that would build a wrong site quietly."""
    settings = pelican.settings
    ours = settings.get("SPLITSVILLE", {})
    problems = checks.plugin_problems(
        expected=ours.get("expected_plugins", ()),
        loaded=settings["PLUGINS"],
        installed=get_namespace_plugins(),
    )
    problems += checks.jinja_problems(settings["JINJA_ENVIRONMENT"])
    problems += checks.draft_problems(settings, production=ours.get("production", False))
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


class TextTitleMarkdownReader(MarkdownReader):
    """Markdown reader whose titles are text: escaped before typogrify turns them into HTML."""

    def process_metadata(self, name, value):
        if name == "title":
            value = html.escape(value, quote=False)
        return super().process_metadata(name, value)


def use_text_titles(readers) -> None:
    for ext in TextTitleMarkdownReader.file_extensions:
        readers.reader_classes[ext] = TextTitleMarkdownReader


def settle_drafts(generator) -> None:
    """Production drops drafts before anything can list them; local builds give them a category.

    Pelican keeps drafts in the context even when it won't write them (pelican-series, for one,
    would link them), and with category pages off it crashes writing a draft that has no category
    (its URL needs the category's slug, even though no category page is written).
    """
    settings = generator.settings
    if settings.get("SPLITSVILLE", {}).get("production"):
        generator.drafts, generator.drafts_translations = [], []
    for draft in generator.drafts + generator.drafts_translations:
        if getattr(draft, "category", None) is None:
            draft.category = Category(settings["DEFAULT_CATEGORY"], settings)


def register() -> None:
    logging.getLogger("pelican").addFilter(QuietStops())
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(theme_templates_only)
    signals.readers_init.connect(use_text_titles)
    signals.article_generator_pretaxonomy.connect(settle_drafts)
