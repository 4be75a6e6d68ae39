"""The render cache: each page's rendered bytes, kept by what the page is made from.

Pelican renders every page on every build. The writer (writer.py) asks this cache first, by the
key render_key.py makes of everything the page is rendered from, and renders only the pages it
lacks: after editing one post's body, that post's page.

`<cache root>/render/<fingerprint>/index.json` holds one entry per write_file call, by its key:
the files the call wrote (name in the output, the newest date the page lists, for the sitemap,
size, sha256 and the blob's modification time) with a checksum of that list. One file, written
once a build by the parent (renamed into place, never half): the workers send their entries
back with the names they wrote, as a file per entry cost this file system a new inode a page.
The bytes are in `blobs/<sha256>`, shared by every entry that wrote the same bytes, and
hard-linked into the output and from it: making a file costs this file system far more than
linking one does, and every build writes a fresh folder (tools/build.py). Nothing writes
through a link: Pelican writes only new files, and `make serve`'s preview replaces a page with
a new file (tools/preview.py). A missing, partial or altered index, entry or blob is a miss: a
blob whose size and modification time are the ones its entry noted is taken as it is (a file
changed in place gets a new time), any other is read and its sha256 checked. Switched off by
SPLITSVILLE["render_cache"] = False or SPLITSVILLE_OFF=render_cache (common.py).
"""

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from .. import cache
from ..common import speed_on
from ..state import state
from . import render_key

FOLDERS_KEPT = 8  # fingerprints, as the content cache keeps (content_cache.py)

# One file a page wrote: its name relative to the output, the newest date it lists, and where
# its bytes are (in the output, when it was just rendered; in the cache, when found there).
Written = tuple[str, datetime | None, str]
BLOBS = "blobs"
INDEX = "index.json"  # every entry, by key
AUDIT = "audit.json"  # the templates' audit (render_key.audit), by their sources
# One entry: [[name, newest or None, size, sha256, mtime_ns], ...] for the files a call wrote.
Entry = list[list]


def _digest(files: Entry) -> str:
    """An entry's own checksum: a damaged list of files is a miss, not a wrong page."""
    return hashlib.sha256(json.dumps(files).encode()).hexdigest()


def _sha256(path: str) -> str:
    with open(path, "rb") as data:
        return hashlib.file_digest(data, "sha256").hexdigest()


class RenderCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self._index: dict | None = None  # the last build's entries, read when first asked
        # This build's entries: those get() found and those kept (made here or by a worker).
        self.used: dict[str, Entry] = {}

    @classmethod
    def open(cls, settings: Mapping) -> "RenderCache | None":
        """This build's cache folder, named by the fingerprint; None when switched off."""
        if not speed_on("render_cache", settings) or not state.fingerprint:
            return None
        root = Path(state.cache_root or settings["CACHE_PATH"])
        folder = root / "render" / state.fingerprint
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # the folder in use is the newest: pruning keeps it
        cache.prune(folder.parent, FOLDERS_KEPT)
        return cls(folder)

    def audit(self, environment, names: list[str]) -> tuple[list[str], list[str]]:
        """render_key.audit() of the templates, kept by their sources: reading every template
        costs a build far less than parsing every one does."""
        sources = [(name, environment.loader.get_source(environment, name)[0]) for name in names]
        key = hashlib.sha256(json.dumps(sources).encode()).hexdigest()
        path = self.folder / AUDIT
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            if kept["sources"] == key:
                return list(kept["bodies"]), list(kept["unkeyed"])
        bodies, unkeyed = render_key.audit(environment, names)
        self._replace(AUDIT, {"sources": key, "bodies": bodies, "unkeyed": unkeyed})
        return bodies, unkeyed

    def _entries(self) -> dict:
        if self._index is None:
            self._index = {}
            with contextlib.suppress(OSError, ValueError):  # none, or not one we wrote whole
                index = json.loads((self.folder / INDEX).read_bytes())
                if isinstance(index, dict):
                    self._index = index
        return self._index

    def get(self, key: str) -> list[Written] | None:
        try:
            if (files := self.used.get(key)) is None:
                entry = self._entries()[key]
                files = entry["files"]
                if entry["sha256"] != _digest(files):
                    return None
            found = []
            for name, newest, size, sha, mtime in files:
                blob = str(self.folder / BLOBS / sha)
                seen = os.stat(blob)
                if seen.st_size != size:
                    return None
                if seen.st_mtime_ns != mtime and _sha256(blob) != sha:
                    return None
                found.append((name, newest and datetime.fromisoformat(newest), blob))
            self.used[key] = files
            return found
        except (OSError, ValueError, KeyError, TypeError):  # none, or not one we wrote whole
            return None

    def keep(self, key: str, made: Entry | None) -> None:
        """Keep an entry made by entry(), here or in a worker, for keep_only() (None: the
        disk refused it)."""
        if made is not None:
            self.used[key] = made

    def entry(self, files: Iterable[Written]) -> Entry | None:
        """One call's files kept: each file's bytes linked in as a blob (unless that blob is
        there already); what the index will list for them, or None if the disk refused."""
        made = []
        try:
            (self.folder / BLOBS).mkdir(exist_ok=True)
            for name, newest, path in files:
                with open(path, "rb") as page:
                    data = page.read()
                sha = hashlib.sha256(data).hexdigest()
                mtime = self._keep_blob(path, sha)
                made.append([name, newest and newest.isoformat(), len(data), sha, mtime])
        except OSError:  # a full or read-only disk: the page itself is written all the same
            return None
        return made

    def _keep_blob(self, path: str, sha: str) -> int:
        """The page's bytes as the blob `sha`; returns the blob's modification time."""
        blob = self.folder / BLOBS / sha
        try:
            os.link(path, blob)  # whole at once: the page was written and closed before
            return os.stat(blob).st_mtime_ns
        except FileExistsError:
            with contextlib.suppress(OSError):
                if _sha256(str(blob)) == sha:
                    return os.stat(blob).st_mtime_ns  # another page (or build) wrote these bytes
        except OSError:  # no links here: a copy, below
            pass
        partial = blob.with_name(f"{sha}.{os.getpid()}.tmp")
        cache.place(path, partial)
        os.replace(partial, blob)
        return os.stat(blob).st_mtime_ns

    def keep_only(self, keys: set[str]) -> None:
        """Write the index of the entries this build used, and delete the blobs no kept entry
        lists: the cache holds the last build's pages."""
        kept = {key: self.used[key] for key in sorted(keys) if key in self.used}
        self._replace(INDEX, {key: {"files": f, "sha256": _digest(f)} for key, f in kept.items()})
        listed = {sha for files in kept.values() for *_, sha, _ in files}
        with contextlib.suppress(FileNotFoundError):
            for blob in os.scandir(self.folder / BLOBS):
                if blob.name not in listed:
                    Path(blob.path).unlink(missing_ok=True)

    def _replace(self, name: str, value) -> None:
        """`name` in the folder written whole: to a temporary file, renamed over the old."""
        written = None
        try:
            with tempfile.NamedTemporaryFile("w", dir=self.folder, delete=False) as out:
                written = out.name
                json.dump(value, out)
            os.replace(written, self.folder / name)
        except OSError:  # a full or read-only disk: the next build renders these pages again
            if written:
                Path(written).unlink(missing_ok=True)


def write_out(output_path: str, files: Iterable[Written]) -> list[tuple[str, datetime | None]]:
    """Put a cached page's files into the output; (path, newest) of each, as a render gives."""
    done = []
    for name, newest, blob in files:
        path = os.path.join(output_path, name)
        if not os.path.isdir(folder := os.path.dirname(path)):  # a stat costs less than a mkdir
            os.makedirs(folder, exist_ok=True)
        cache.place(blob, path)
        done.append((path, newest))
    return done


def read_back(output_path: str, paths: Iterable[tuple[str, datetime | None]]) -> list[Written]:
    """What a render just wrote, as the cache keeps it: each file's name and where it is."""
    return [(os.path.relpath(path, output_path), newest, path) for path, newest in paths]
