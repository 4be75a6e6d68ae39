"""Our Markdown reader: text titles, typography and reading time done once per post, in parallel.

Pelican reads posts one by one on one core and typogrifies them after reading. This reader
does the same work inside `read()`, so that (1) `read_all()` can run it for every post on all
cores before Pelican asks for them, and (2) Pelican's content cache keeps the finished result.
"""

import html
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlsplit

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from ..common import POST_SUFFIXES, PREFIX, ReadStop, shown, speed_on, workers
from ..posts import captions, messages, rules, safety, source, typography
from . import highlighting


class SplitsvilleMarkdownReader(MarkdownReader):
    """Markdown reader whose titles are text, escaped before typogrify turns them into HTML."""

    file_extensions = [suffix[1:] for suffix in POST_SUFFIXES]

    def process_metadata(self, name, value):
        if isinstance(value, str):  # HTML and XML forbid control characters: drop them
            value = safety.without_controls(value)
        if name == "title":
            value = html.escape(value, quote=False)
        return super().process_metadata(name, value)

    def read(self, source_path):
        done = ReadAhead.take(source_path)
        return done if done is not None else self.read_now(source_path)

    def read_now(self, source_path):
        stop_on_unreadable(source_path)
        content, metadata = self.convert(source_path)
        if "summary" in metadata:  # a teaser cut mid-sentence: listings show whole sentences
            metadata["summary"] = typography.whole_sentences(metadata["summary"])
        ours = self.settings.get("SPLITSVILLE", {})
        if ours.get("typogrify"):
            typography.configure(self.settings.get("TYPOGRIFY_DASHES", "default"))
            options = (
                self.settings.get("TYPOGRIFY_IGNORE_TAGS", []),
                self.settings.get("TYPOGRIFY_OMIT_FILTERS", []),
            )
            content = typography.typeset(content, *options)
            for key in ("title", "summary"):
                if key in metadata:
                    metadata[key] = typography.typeset(metadata[key], *options)
        content, metadata = self.make_safe(source_path, content, metadata)
        metadata["word_count"] = typography.word_count(content)
        metadata["reading_minutes"] = typography.reading_minutes(metadata["word_count"])
        return content, metadata

    def make_safe(self, source_path, content: str, metadata: dict) -> tuple[str, dict]:
        """rel=noopener on links to other sites; in production, no http:// asset at all."""
        host = urlsplit(self.settings.get("SITEURL", "")).hostname or ""
        content = safety.add_noopener(content, host)
        summary = metadata.get("summary")
        if summary:
            metadata["summary"] = summary = safety.add_noopener(summary, host)
        if self.settings.get("SPLITSVILLE", {}).get("production"):
            for url in safety.insecure_assets(f"{content}{summary or ''}"):
                where = shown(source_path)
                raise ReadStop(f"{PREFIX} {where}: {messages.insecure(url)}")
        return content, metadata

    def convert(self, source_path):
        """Pelican's MarkdownReader.read(), with Markdown objects made once per reader.

        Pelican makes a new Markdown object for every file, which costs as much as a tenth of
        converting it. Ours are reset between files instead; a second one, without the meta
        extension, formats the Summary (Pelican removes the extension from its one for that).
        """
        if self._body is None:
            markdown_settings = highlighting.with_shared_formatter(self.settings["MARKDOWN"])
            # Table captions are part of what a post may hold (the lint asks for them), so
            # they are always on, not a setting: posts/captions.py.
            ours = [captions.TableCaptions()]
            extensions = markdown_settings["extensions"]
            self._body = Markdown(**{**markdown_settings, "extensions": [*extensions, *ours]})
            without_meta = [e for e in extensions if e != META]
            self._fields = _FieldFormatter(
                Markdown(**{**markdown_settings, "extensions": [*without_meta, *ours]})
            )
        self._source_path = source_path
        self._body.reset()
        with pelican_open(source_path) as text:
            content = self._body.convert(text)
        self._md = self._fields  # what _parse_metadata formats the Summary with
        return content, self._parse_metadata(self._body.Meta)

    _body = None
    _fields = None


META = "markdown.extensions.meta"


class _Registry:
    """Pelican's _parse_metadata removes the meta step before formatting: ours has none."""

    def deregister(self, name: str, strict: bool = True) -> None:
        pass


class _FieldFormatter:
    """The part of a Markdown object that _parse_metadata uses, with no meta extension."""

    def __init__(self, markdown: Markdown):
        self.markdown = markdown
        self.preprocessors = _Registry()

    def reset(self):
        return self.markdown.reset()

    def convert(self, text: str) -> str:
        return self.markdown.convert(text)


def stop_on_unreadable(source_path) -> None:
    """Stop on a file the lint would refuse (empty, not UTF-8, too big, nested too deep)."""
    post = source.read_post(Path(source_path), shown(source_path))
    problems = [post] if isinstance(post, source.Problem) else rules.nesting_problems(post)
    if problems:
        raise ReadStop(f"{PREFIX} {problems[0]}")


_worker_reader = None


def _start_worker(settings) -> None:
    global _worker_reader
    _worker_reader = SplitsvilleMarkdownReader(settings)


def _read_in_worker(path: str):
    try:
        return path, _worker_reader.read_now(path)
    except Exception:  # Pelican reports it when it reads the file itself, with the file's name
        return path, None


def _read_chunk(paths: list[str]) -> list[tuple[str, tuple | None]]:
    return [_read_in_worker(path) for path in paths]


class ReadAhead:
    """Posts read on all cores ahead of Pelican, taken in the order Pelican asks for them.

    Pelican makes each post's Article (and its checks) on one core as the results come in,
    while the pool reads the next posts, instead of after all of them. A few chunks are kept
    in flight, not every post at once: a build that stops at a broken post does not wait for
    the pool to read the rest.
    """

    CHUNK = 8  # posts a worker reads per task: fewer round trips, still an even spread
    IN_FLIGHT = 4  # chunks per worker submitted ahead of the one Pelican waits for

    # Every post being read ahead (absolute path) -> its ReadAhead; each is taken once.
    coming: dict[str, "ReadAhead"] = {}

    def __init__(self, settings, paths: list[str], count: int):
        self.pool = ProcessPoolExecutor(count, get_context("fork"), _start_worker, (settings,))
        self.chunks = [paths[i : i + self.CHUNK] for i in range(0, len(paths), self.CHUNK)]
        self.chunks.reverse()  # popped from the end: in Pelican's order
        self.futures: deque = deque()
        self.ready: dict[str, tuple] = {}
        self.in_flight = self.IN_FLIGHT * count
        for path in paths:
            self.coming[path] = self
        self._submit()

    def _submit(self) -> None:
        while self.chunks and len(self.futures) < self.in_flight:
            self.futures.append(self.pool.submit(_read_chunk, self.chunks.pop()))

    @classmethod
    def take(cls, path: str) -> tuple | None:
        """The post read ahead, waiting for it if need be; None: not read ahead (or its read
        failed, and Pelican reads it again to report the error with the file's name)."""
        ahead = cls.coming.pop(path, None)
        return None if ahead is None else ahead._take(path)

    @classmethod
    def forget(cls, *_) -> None:
        """A new build: drop what an earlier one in this process left unread (it stopped)."""
        for ahead in set(cls.coming.values()):
            ahead.pool.shutdown(wait=False, cancel_futures=True)
        cls.coming.clear()

    def _take(self, path: str) -> tuple | None:
        while path not in self.ready and self.futures:
            for got, done in self.futures.popleft().result():
                self.ready[got] = done
            self._submit()
        if not self.futures:
            self.pool.shutdown()
        return self.ready.pop(path, None)


def read_all(settings, paths: list[str]) -> None:
    """Start reading many Markdown files on all cores; Pelican takes each result as it asks
    for the file (ReadAhead.take).

    SPLITSVILLE["workers"] sets the number of processes (0: one per core; 1: no pool).
    """
    count = workers(settings) if speed_on("parallel_reading", settings) else 1
    if count < 2 or len(paths) < 2 * count:
        return  # not worth a pool: Pelican reads them itself
    ReadAhead(settings, paths, count)
