"""Wiring of the build itself: settings, templates, our reader and its cache, safety checks,
drafts, the sitemap's clock and the parallel writer. Shared helpers for the other wiring."""

import logging
import os
import sys
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader
from markupsafe import Markup
from pelican.contents import Article, Page
from pelican.log import console
from pelican.plugins._utils import get_namespace_plugins
from pelican.urlwrappers import Category

from .. import cache as fingerprint
from ..common import POST_SUFFIXES, PREFIX, SettingsError, shown, vocabulary_path
from ..posts import lint
from . import checks, reproducible
from .reader import ReadStop, SplitsvilleMarkdownReader, read_all
from .writer import ParallelWriter


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


def use_our_reader(readers) -> None:
    for ext in SplitsvilleMarkdownReader.file_extensions:
        readers.reader_classes[ext] = SplitsvilleMarkdownReader


def read_ahead(generator) -> None:
    """Read every Markdown file of this generator not in the content cache, on all cores,
    before Pelican asks for them."""
    settings = generator.settings
    kind = "ARTICLE" if hasattr(generator, "articles") else "PAGE"
    files = generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"])
    root = os.path.abspath(generator.path)
    paths = [os.path.join(root, f) for f in files if f.endswith(POST_SUFFIXES)]
    changed = [p for p in paths if generator.readers.get_cached_data(p) is None]
    # Printed like Pelican's own "Done:" line, so it shows without --verbose (and without our
    # "splitsville:" prefix, which marks problems: `serve` shows those lines on the page).
    if paths:
        cached = len(paths) - len(changed)
        console.print(
            f"Reading {len(changed)} of {len(paths)} {kind.lower()}s ({cached} from the cache)"
        )
    read_all(settings, changed)


# What the content cache depends on besides the posts and settings: libraries and plugins that
# turn Markdown into the HTML it keeps (their versions), our plugin and theme (their files).
CACHE_PACKAGES = (
    "pelican",
    "markdown",
    "pygments",
    "typogrify",
    "smartypants",
    "jinja2",
    "pelican-series",
    "pelican-sitemap",
    "pelican-related-posts",
)
CACHE_FOLDERS_KEPT = 8  # e.g. local and production builds of a few content folders
CACHE_ROOT_KEY = "SPLITSVILLE_CACHE_ROOT"  # CACHE_PATH as set: the social cards' cache lives there


def content_cache_folder(pelican) -> None:
    """Give Pelican's content cache a folder named by the fingerprint of all it depends on.

    Pelican checks each post's bytes (CHECK_MODIFIED_METHOD) but would reuse a post read with
    other settings, plugins, theme or role vocabulary: those pick another folder instead.
    """
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    base = Path(settings["CACHE_PATH"])
    inputs = [Path(__file__).parent.parent, Path(settings["THEME"]), vocabulary_path(settings)]
    folder = base / fingerprint.fingerprint(settings, inputs, CACHE_PACKAGES)
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # the folder in use is the newest: pruning keeps it
    fingerprint.prune(base, CACHE_FOLDERS_KEPT)
    settings[CACHE_ROOT_KEY], settings["CACHE_PATH"] = str(base), str(folder)


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


# --- Safety: what a post may put on a page (safety.py) ----------------------------------------
URLS_KEY = "SPLITSVILLE_URLS"  # save_as -> source file, for this build's posts and pages


def forget_urls(pelican) -> None:
    pelican.settings[URLS_KEY] = {}


def check_post(instance) -> None:
    """Per post and page, at read time: a slug, and a URL of its own.

    Raised here, a problem names the file (ReadErrors); Pelican itself would only warn about
    two posts with one URL, and write the second over the first. Links and assets are checked
    by our reader, whose results the content cache keeps.
    """
    if not isinstance(instance, Article | Page):
        return
    if not lint.has_word(instance.slug or ""):
        title = Markup(instance.title).striptags().replace("\xa0", " ")  # as typeset, unglued
        where = shown(instance.source_path)
        raise ReadStop(f"{PREFIX} {where}: {lint.empty_slug_message(title)}")
    if len(instance.slug) > lint.MAX_SLUG:
        where = shown(instance.source_path)
        raise ReadStop(f"{PREFIX} {where}: {lint.long_slug_message(instance.slug)}")
    seen = instance.settings.setdefault(URLS_KEY, {})
    if instance.save_as and instance.save_as in seen:
        first, second = sorted([shown(seen[instance.save_as]), shown(instance.source_path)])
        raise ReadStop(
            f"{PREFIX} {first} and {second} make one URL (slug '{instance.slug}') - change one "
            "post's Title, or give it a 'Slug: ...' line"
        )
    if instance.save_as:
        seen[instance.save_as] = instance.source_path
    if not instance.source_path.endswith(POST_SUFFIXES):  # not read by our reader
        reader = SplitsvilleMarkdownReader(instance.settings)
        instance._content, metadata = reader.make_safe(
            instance.source_path, instance._content or "", instance.metadata
        )
        if metadata.get("summary"):
            instance._summary = metadata["summary"]


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


def pin_sitemap_clock(generators) -> None:
    """Stamp pelican-sitemap's non-post pages with a time from the content, not the clock."""
    from pelican.plugins.sitemap import sitemap

    items = [
        item
        for generator in generators
        for item in getattr(generator, "articles", []) + getattr(generator, "pages", [])
    ]
    dates = [getattr(i, "modified", None) or getattr(i, "date", None) for i in items]
    try:
        sitemap.generator.now = reproducible.build_time(dates, os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as error:
        raise SettingsError(f"{PREFIX} {error}") from None


# --- Writing pages on all cores (writer.py) ---------------------------------------------------
def parallel_writer(pelican) -> type:
    return ParallelWriter


def write_held_pages(generator, writer) -> None:
    """The article generator is done: render the pages it wrote, before anything else writes."""
    if isinstance(writer, ParallelWriter):
        writer.flush()
