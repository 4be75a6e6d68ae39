"""Our Writer: the site's pages rendered on all cores, or taken from the cache.

Pelican renders and writes page after page in its own process. This writer holds back the pages
the article and page generators write (posts, role and pair pages, home, archives, the site's
pages) until they are done, then takes from the render cache (render_cache.py) every page whose
inputs have not changed and renders the rest, in forked processes when there are enough: they
share everything Pelican built, so nothing is pickled but what comes back: the names of the
files each call wrote, and its render-cache entry, which the parent writes into the index.
Pelican's `content_written` listeners (the sitemap) then hear of every file in the parent, in
the order Pelican would have written them.
"""

import contextlib
import gc
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from multiprocessing import get_context

from pelican import signals
from pelican.log import console
from pelican.writers import Writer

from ..common import PREFIX, speed_on, workers
from ..state import state
from . import render_key
from .render_cache import Entry, RenderCache, read_back, write_out
from .reproducible import newest_listed

# One held call rendered: the files it wrote (with the newest date each lists), and its
# render-cache entry, made where it was rendered and kept by the parent.
Rendered = tuple[list[tuple[str, datetime | None]], Entry | None]

# What a forked worker reads: set in the parent just before the fork.
_held: list = []
_keys: list[str | None] = []
_writer: "ParallelWriter | None" = None


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        settings = settings or {}
        self.workers = workers(settings) if speed_on("parallel_rendering", settings) else 1
        self.cache = RenderCache.open(settings)
        # Calls to write_file held back until flush(), or None: write at once.
        self.held: list | None = [] if self.workers > 1 or self.cache else None

    def _open_w(self, filename, encoding, override=False):
        # A page from the render cache is a hard link to the cache's copy of its bytes: in a
        # folder built before, Pelican writes a new file, never through an old one.
        if filename not in self._overridden_files:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(filename)
        return super()._open_w(filename, encoding, override)

    def write_file(self, name, template, context, *args, **kwargs):
        if self.held is None or not name:
            return super().write_file(name, template, context, *args, **kwargs)
        self.held.append((name, template, context, args, kwargs))

    def flush(self) -> None:
        """Render every held page not in the cache, on all cores; from now on, write at once."""
        global _held, _keys, _writer
        held, self.held = self.held or [], None
        if not held:
            return
        keys = self.keys(held)
        done: list = [None] * len(held)
        for index, key in enumerate(keys):
            found = self.cache.get(key) if key else None
            if found is not None:
                done[index] = write_out(self.output_path, found)
        misses = [index for index, paths in enumerate(done) if paths is None]
        _held, _keys, _writer = held, keys, self
        try:
            for index, (paths, made) in zip(misses, self.render(misses), strict=True):
                done[index] = paths
                if keys[index]:
                    self.cache.keep(keys[index], made)
        finally:
            _held, _keys, _writer = [], [], None
        if self.cache and any(keys):
            self.cache.keep_only({key for key in keys if key})
        files = sum(map(len, done))
        rendered = sum(len(done[index]) for index in misses)
        # A progress line in the style of the reader's "Reading N of M posts" (wiring.py).
        console.print(f"Rendering {rendered} of {files} pages ({files - rendered} from the cache)")
        for (_, _, context, _, kwargs), paths in zip(held, done, strict=True):
            for path, newest in paths:
                if path in self._written_files:  # as Pelican's own writer refuses it
                    raise RuntimeError(f"File {path} is to be overwritten")
                self._written_files.add(path)
                signals.content_written.send(path, context={**context, **kwargs})
                if newest is not None:  # the page's own list, not the whole of `paginated`
                    state.listed_dates[path] = newest

    def keys(self, held: list) -> list[str | None]:
        """Each held call's render-cache key (None: not cached)."""
        if not self.cache:
            return [None] * len(held)
        environment = held[0][1].environment
        bodies, unkeyed = self.cache.audit(environment, environment.list_templates())
        if unkeyed:
            console.print(f"{PREFIX} render cache off: {unkeyed[0]}")
            return [None] * len(held)
        if bodies:  # still exact, but an edit to any body now renders every page
            console.print(f"Render cache: every body is in every key ({bodies[0]})")
        sites: dict[int, tuple] = {}
        keys = []
        try:
            for name, template, context, args, kwargs in held:
                if id(context) not in sites:  # the generator's context: one for every page
                    sites[id(context)] = render_key.site_digest(context, bool(bodies), environment)
                site, fingerprint = sites[id(context)], state.fingerprint
                keys.append(
                    render_key.page_key(fingerprint, site, template.name, name, args, kwargs)
                )
        except TypeError as error:  # a value with no canonical form: render every page
            console.print(f"{PREFIX} render cache off: {error}")
            return [None] * len(held)
        return keys

    def render(self, misses: list[int]) -> list[Rendered]:
        """Render the held calls at these indexes: in forked workers when there are enough."""
        if self.workers < 2 or len(misses) < 2 * self.workers:
            before = set(self._written_files)  # flush() notes them, as it does a worker's
            with _listening():
                done = [_write_held(index) for index in misses]
            self._written_files = before
            return done
        # Objects made so far are left out of the workers' garbage collection: scanning them
        # would write to (and so copy) every page of memory they share with this process.
        gc.freeze()
        try:
            with ProcessPoolExecutor(self.workers, get_context("fork"), _start_worker) as pool:
                runs = [
                    (chunk, pool.submit(_write_chunk, chunk))
                    for chunk in balanced_chunks(
                        misses, [cost(_held[i]) for i in misses], self.workers
                    )
                ]
                done = {}
                for chunk, run in runs:
                    done.update(zip(chunk, run.result(), strict=True))
                return [done[index] for index in misses]
        finally:
            gc.unfreeze()


@contextmanager
def _listening():
    """While rendering here, written files are only listed: flush() tells the listeners."""
    receivers = list(signals.content_written.receivers_for(None))
    for receiver in receivers:
        signals.content_written.disconnect(receiver)
    signals.content_written.connect(_note_written)
    try:
        yield
    finally:
        signals.content_written.disconnect(_note_written)
        for receiver in receivers:
            signals.content_written.connect(receiver)


def _start_worker() -> None:
    """In a worker, written files are only listed: the parent tells the listeners."""
    for receiver in list(signals.content_written.receivers_for(None)):
        signals.content_written.disconnect(receiver)
    signals.content_written.connect(_note_written)


_written_now: list[tuple[str, datetime | None]] = []


def _note_written(path, context=None) -> None:
    # The page's own context (its page of a paginated list) exists only here: what the parent
    # needs of it, the newest date it lists, goes back with the path.
    _written_now.append((path, newest_listed(context or {})))


# Listed posts that cost about as much to render as one post's page (measured: the home page's
# hundred pages of ten took as long as about a hundred posts). Not DEFAULT_PAGINATION: what a
# list costs follows the posts it shows, however many pages they are cut into.
LISTED_PER_POST_PAGE = 10


def cost(call: tuple) -> int:
    """About how many posts' worth of rendering one held call is: a post's page 1, a
    paginated list (home, a role, a pair) one more for every LISTED_PER_POST_PAGE posts it
    lists. A list the writer is not given to page (archives) counts as 1: it is one page."""
    paginated = call[4].get("paginated") or {}
    return 1 + max(map(len, paginated.values()), default=0) // LISTED_PER_POST_PAGE


def balanced_chunks(indexes: list[int], costs: list[int], workers: int) -> list[list[int]]:
    """`indexes` in chunks for the workers, the costliest first, each of about the same cost
    (32 a worker): the home page's hundred pages taken last would leave one worker rendering
    them while the others wait."""
    order = sorted(range(len(indexes)), key=lambda k: -costs[k])  # stable: Pelican's order
    target = max(1, sum(costs) // (workers * 32))
    chunks, chunk, held = [], [], 0
    for k in order:
        chunk.append(indexes[k])
        held += costs[k]
        if held >= target:
            chunks.append(chunk)
            chunk, held = [], 0
    return chunks + [chunk] if chunk else chunks


def _write_chunk(indexes: list[int]) -> list[Rendered]:
    return [_write_held(index) for index in indexes]


def _write_held(index: int) -> Rendered:
    """One held call rendered: what it wrote, and its render-cache entry for the parent to
    keep (None when it has no key)."""
    name, template, context, args, kwargs = _held[index]
    _written_now.clear()
    Writer.write_file(_writer, name, template, context, *args, **kwargs)
    written = list(_written_now)
    made = None
    if _keys[index]:
        made = _writer.cache.entry(read_back(_writer.output_path, written))
    return written, made
