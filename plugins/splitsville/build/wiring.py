"""The build's own wiring: guards, our reader and its cache, the parallel writer, the clock."""

import os
from dataclasses import dataclass
from datetime import datetime
from urllib.request import pathname2url

from pelican import signals
from pelican.contents import Article, Page
from pelican.log import console

from ..common import POST_SUFFIXES, POSTS_WRITTEN, PREFIX, SettingsError
from ..state import state
from . import guards, reproducible, urls
from .content_cache import hash_each_file_once, use_content_cache
from .reader import ReadAhead, SplitsvilleMarkdownReader, read_all
from .writer import ParallelWriter


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


def safe_other_formats(instance) -> None:
    """Posts and pages not read by our reader (not Markdown) get its safety all the same:
    rel=noopener on external links and, in production, no http:// asset."""
    if not isinstance(instance, Article | Page) or instance.source_path.endswith(POST_SUFFIXES):
        return
    reader = SplitsvilleMarkdownReader(instance.settings)
    instance._content, metadata = reader.make_safe(
        instance.source_path, instance._content or "", instance.metadata
    )
    if metadata.get("summary"):
        instance._summary = metadata["summary"]


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


def note_listed_dates(path, context) -> None:
    """Remember the newest date each list page shows (pages written at once; held pages are
    noted by the writer, which alone sees each one's own context)."""
    newest = reproducible.newest_listed(context or {})
    if newest is not None:
        state.listed_dates[path] = newest


def date_list_pages(pelican) -> None:
    """Give pelican-sitemap each list page's own date, before it writes sitemap.xml.

    It dates any page that is no post by one clock (pinned above to the newest post): the role
    pages, the compare page and the second page of the home page would all claim the site's
    newest date. It finishes on `finalized` too, after this handler: our plugin is listed
    before it in PLUGINS.
    """
    from pelican.plugins.sitemap import sitemap

    queue = sitemap.generator.page_queue
    for index, (path, obj) in enumerate(queue):
        if obj is None and path in state.listed_dates:
            rel = os.path.relpath(path, pelican.output_path)
            queue[index] = (path, ListedPage(pathname2url(rel), state.listed_dates[path]))


@dataclass(frozen=True)
class ListedPage:
    """What pelican-sitemap reads of a page: its address (relative) and its date."""

    url: str
    date: datetime


def parallel_writer(pelican) -> type:
    return ParallelWriter


def write_held_pages(generator, writer) -> None:
    """The article and page generators are done (and what listens to them, like the roles'
    pair pages): render the pages they wrote, before the static files and `finalized`. No
    post's page is written after this: say so, if the build asked."""
    if isinstance(writer, ParallelWriter):
        writer.flush()
    if told := os.environ.get(POSTS_WRITTEN):
        open(told, "a").close()  # noqa: SIM115  (created, nothing written)


def connect() -> None:
    guards.install_log_filters()
    signals.initialized.connect(guards.check_settings)
    signals.initialized.connect(use_content_cache)
    signals.initialized.connect(ReadAhead.forget)
    signals.readers_init.connect(use_our_reader)
    signals.generator_init.connect(guards.theme_templates_only)
    for generator_init in (signals.article_generator_init, signals.page_generator_init):
        generator_init.connect(hash_each_file_once)  # before read_ahead asks the cache
        generator_init.connect(read_ahead)
    signals.content_object_init.connect(safe_other_formats)
    signals.article_generator_pretaxonomy.connect(guards.settle_drafts)
    signals.all_generators_finalized.connect(pin_sitemap_clock)
    urls.install()
    signals.get_writer.connect(urls.settle)
    signals.get_writer.connect(parallel_writer)
    signals.page_writer_finalized.connect(write_held_pages)
    signals.content_written.connect(note_listed_dates)
    signals.finalized.connect(date_list_pages)
