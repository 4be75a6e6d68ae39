"""The search index, written by Pagefind while the link check reads the same fresh build.

Both only read the pages (Pagefind writes pagefind/, which holds no page), so they run side by
side: a build costs the slower of the two, not their sum.

The index is written in shards of at most SEARCH_SHARD_POSTS posts (pelicanconf.py), as many
Pagefind runs at once as there are cores, and the search page merges them (Pagefind's
mergeIndex). Pagefind holds
every page it indexes in memory until it writes, so its peak grows with the posts of one run:
shards bound it. A post belongs to its shard by a hash of its path, so an edit changes one
shard, and a shard whose pages are byte for byte those of an earlier build is copied from the
cache (cache/search/) instead of indexed again. Everything indexes the same words as one run
over all posts would.
"""

import contextlib
import hashlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools import trash

# The pages Pagefind reads: the posts (ARTICLE_SAVE_AS), the only pages with data-pagefind-body.
# Reading the list and role pages too gives the same index, a tenth slower.
SEARCHED = "posts/*/index.html"
BUNDLE = "pagefind"  # the first shard's bundle, with Pagefind's script; the others below it
SHARDS = "pagefind/shards.json"  # the other shards' bundles, relative to BUNDLE, for search.js
# What Pagefind leaves out of a post's text besides data-pagefind-ignore: a footnote's back link
# is an arrow ("↩"), no word of the post, which a snippet would quote. Python-Markdown writes
# it, so a selector here reaches it where an attribute would need the footnotes rewritten.
OPTIONS = ("--exclude-selectors", ".footnote-backref")
KEPT = 3  # cached shards kept per shard of this build: a preview and a production build both hit


def shards(site: Path, size: int) -> list[list[str]]:
    """The posts of the build at `site` (paths relative to it), in ceil(posts / size) shards.

    A post's shard is decided by a hash of its path alone, so editing a post never moves
    another; with many posts the shards are nearly equal in size, with few one may be empty,
    and is left out."""
    posts = sorted(p.relative_to(site).as_posix() for p in site.glob(SEARCHED))
    count = max(1, math.ceil(len(posts) / size))
    groups: list[list[str]] = [[] for _ in range(count)]
    for post in posts:
        groups[int(hashlib.sha256(post.encode()).hexdigest(), 16) % count].append(post)
    return [group for group in groups if group] or [[]]


def shard_key(site: Path, posts: list[str]) -> str:
    """What a shard's index is made from: Pagefind (its version, which binary, its options)
    and its pages' paths and bytes."""
    from importlib.metadata import version

    from pagefind.service import get_executable

    digest = hashlib.sha256(f"{version('pagefind-bin')}\0{get_executable()}".encode())
    digest.update("\0".join(OPTIONS).encode())
    for post in posts:
        digest.update(f"\0{post}\0".encode())
        digest.update((site / post).read_bytes())
    return digest.hexdigest()


# What a glob treats as more than a character (globset's syntax): escaped in a page's path.
GLOB_SYNTAX = re.compile(r"[\\{}\[\]*?,!]")


def glob_of(posts: list[str]) -> str:
    """A Pagefind --glob matching exactly these pages (paths relative to the site)."""
    if not posts:
        return SEARCHED
    return "{" + ",".join(GLOB_SYNTAX.sub(lambda m: "\\" + m[0], post) for post in posts) + "}"


def bundle_of(number: int) -> str:
    return BUNDLE if number == 0 else f"{BUNDLE}/shards/{number}"


class Indexer:
    """Index the shards of `site` on a thread of its own, as many Pagefind runs at once as
    there are cores (one run mostly keeps one core busy); stop() ends the runs under way (each
    runs in a session of its own, so all it started stops too) and waits for the thread.

    start_once_told() starts it while Pelican is still at work: as soon as every post's page is
    written (the plugin creates the file it is given: POSTS_WRITTEN in common.py), the
    index is made beside Pelican's last steps (static files, sitemap, cards) instead of after.
    """

    def __init__(self, site: Path, cache: Path, size: int):
        from splitsville.common import speed_on

        self.site, self.cache, self.size = site, cache, size
        self.reuse = speed_on("search_reuse")  # off for the benchmark's ablation
        self.said: list[str] = []
        self.ok = False
        self.indexed = self.reused = 0
        self._processes: set[subprocess.Popen] = set()
        self._stopped = self._begun = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "Indexer":
        """Start indexing now, unless it has started already (or was stopped)."""
        with self._lock:
            if self._begun or self._stopped:
                return self
            self._begun = True
        self._thread.start()
        return self

    def start_once_told(self, told: Path) -> "Indexer":
        """Start as soon as the file `told` exists (watched for on a thread of its own)."""

        def watch() -> None:
            while not (self._begun or self._stopped):
                if told.exists():
                    self.start()
                time.sleep(0.02)

        threading.Thread(target=watch, daemon=True).start()
        return self

    def stop(self) -> None:
        """End the runs under way and wait for the indexer's thread: after this, nothing reads
        the site or writes into it (the build may delete it)."""
        with self._lock:  # a run starting now sees _stopped, those started are killed
            self._stopped = True
            for process in self._processes:
                if process.poll() is None:
                    with contextlib.suppress(ProcessLookupError):  # it ended just now
                        os.killpg(process.pid, signal.SIGKILL)
        self.wait()

    def wait(self) -> bool:
        if self._begun:
            self._thread.join()
        return self.ok

    def _run(self) -> None:
        try:
            groups = shards(self.site, self.size)
            keys, runs = [], []
            # A shard to index starts as soon as its key is known, while the next are keyed.
            with ThreadPoolExecutor(max(1, min(len(groups), os.cpu_count() or 1))) as pool:
                for posts in groups:
                    keys.append(key := shard_key(self.site, posts))
                    if not (self.reuse and (self.cache / key).is_dir()):
                        runs.append(pool.submit(self._index, posts, key))
                self.reused, self.indexed = len(keys) - len(runs), len(runs)
                if not all([run.result() for run in runs]) or self._stopped:
                    return  # a failed run, or the build failed: nothing goes into the site
            for number, key in enumerate(keys):  # in order: the first holds the others
                os.utime(self.cache / key)  # the newest are the ones pruning keeps
                shutil.copytree(
                    self.cache / key, self.site / bundle_of(number), copy_function=os.link
                )
            extra = [f"shards/{n}/" for n in range(1, len(groups))]
            (self.site / SHARDS).write_text(json.dumps({"shards": extra}) + "\n", "utf-8")
            self._prune(keys)
            self.ok = True
        except OSError as error:
            self.said.append(f"search: {error}")

    def _index(self, posts: list[str], key: str) -> bool:
        """Index one shard into the cache (cache/search/<key>/)."""
        kept = self.cache / key
        self.cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache) as tmp:
            # Only this shard's pages, named one by one. A site without posts has nothing to
            # index: Pagefind is given an empty folder, and says so.
            site = self.site if posts else Path(tmp)
            if not self._pagefind(site, glob_of(posts), Path(tmp) / "index"):
                return False
            if kept.is_dir():  # indexed again with reuse off: the new one replaces it
                shutil.rmtree(kept)
            with contextlib.suppress(OSError):  # another build put the same shard there
                os.rename(Path(tmp) / "index", kept)
        return True

    def _pagefind(self, site: Path, glob: str, index: Path) -> bool:
        """One Pagefind run; it prints to files: a pipe nobody reads yet could fill and stall it."""
        from pagefind.service import get_executable

        command = [str(get_executable()), "--site", str(site), "--glob", glob]
        command += [*OPTIONS, "--output-path", str(index)]
        with tempfile.TemporaryFile() as log:
            with self._lock:
                if self._stopped:
                    return False
                process = subprocess.Popen(
                    [*command, "--quiet"], stdout=log, stderr=log, start_new_session=True
                )
                self._processes.add(process)
            done = process.wait() == 0
            log.seek(0)
            with self._lock:
                self.said += log.read().decode("utf-8", "replace").splitlines()
        return done and not self._stopped

    def _prune(self, keys: list[str]) -> None:
        """Keep the KEPT * shards newest cached shards (and this build's); the rest are
        deleted in the background (trash.py), from beside the cache so no build sees them."""
        entries = sorted(self.cache.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        old = [entry for entry in entries[KEPT * len(keys) :] if entry.name not in keys]
        trash.delete_later(old, self.cache.parent, f"{self.cache.name}.old-")


def broken_links(site: Path, siteurl: str, cache: Path | None = None) -> list[str]:
    """Check the fresh build's internal links against the SITEURL it was built for; print each.
    `cache`: where the link check keeps what each page links to (tools/linkcheck.py)."""
    from splitsville.common import speed_on

    from tools.linkcheck import check_site

    keep = speed_on("linkcheck_cache")  # off for the benchmark's ablation
    broken = check_site(site, siteurl, cache if keep else None)
    for line in broken:
        print(line, file=sys.stderr)
    return broken


def index_while(
    indexer: Indexer, check: Callable[[], list[str]], overlap: bool = True
) -> tuple[list[str], bool, list[str]]:
    """Index the fresh build's posts with Pagefind (into pagefind/ of the indexer's site) while
    `check` runs; the indexer may have started already (Indexer.start_once_told). Without
    `overlap`, only once `check` is done (the benchmark's ablation, search_overlap).

    Returns what `check` found, whether the index was written and what Pagefind printed.
    Only elements marked data-pagefind-body (a published post's text, article.html) are indexed.
    If `check` finds a problem (or fails), Pagefind is stopped (or never starts).
    """
    if overlap:
        indexer.start()
    found = None
    try:
        found = check()
    finally:
        if found != []:
            indexer.stop()
        else:
            indexer.start()
        indexed = indexer.wait() and found == []
    said = indexer.said
    if indexed:
        said.append(f"search: {indexer.indexed} shard(s) indexed, {indexer.reused} reused")
    for line in said:
        print(line, flush=True)
    return found, indexed, said
