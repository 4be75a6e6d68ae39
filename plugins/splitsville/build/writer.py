"""Our Writer: the article generator's pages rendered on all cores.

Pelican renders and writes page after page in its own process. This writer holds back the pages
the article generator writes (posts, role pages, the home and archive pages) until it is done,
then renders them in forked processes: they share everything Pelican built, so nothing is
pickled but a list of file names coming back. Pelican's `content_written` listeners (the
sitemap) then hear of every file in the parent, in the order Pelican would have written them.
"""

import gc
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from multiprocessing import get_context

from pelican import signals
from pelican.writers import Writer

from ..common import workers
from ..state import state
from .reproducible import newest_listed

# What a forked worker reads: set in the parent just before the fork.
_held: list = []
_writer: Writer | None = None


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.workers = workers(settings or {})
        # Calls to write_file held back until flush(), or None: write at once.
        self.held: list | None = [] if self.workers > 1 else None

    def write_file(self, name, template, context, *args, **kwargs):
        if self.held is None or not name:
            return super().write_file(name, template, context, *args, **kwargs)
        self.held.append((name, template, context, args, kwargs))

    def flush(self) -> None:
        """Render every held page on all cores; from now on, write at once."""
        global _held, _writer
        held, self.held = self.held or [], None
        if not held:
            return
        _held, _writer = held, self
        chunk = max(1, len(held) // (self.workers * 8))
        # Objects made so far are left out of the workers' garbage collection: scanning them
        # would write to (and so copy) every page of memory they share with this process.
        gc.freeze()
        try:
            with ProcessPoolExecutor(self.workers, get_context("fork"), _start_worker) as pool:
                written = list(pool.map(_write_held, range(len(held)), chunksize=chunk))
        finally:
            gc.unfreeze()
        _held, _writer = [], None
        for (_, _, context, _, kwargs), paths in zip(held, written, strict=True):
            for path, newest in paths:
                if path in self._written_files:  # as Pelican's own writer refuses it
                    raise RuntimeError(f"File {path} is to be overwritten")
                self._written_files.add(path)
                signals.content_written.send(path, context={**context, **kwargs})
                if newest is not None:  # the page's own list, not the whole of `paginated`
                    state.listed_dates[path] = newest


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


def _write_held(index: int) -> list[tuple[str, datetime | None]]:
    name, template, context, args, kwargs = _held[index]
    _written_now.clear()
    Writer.write_file(_writer, name, template, context, *args, **kwargs)
    return list(_written_now)
