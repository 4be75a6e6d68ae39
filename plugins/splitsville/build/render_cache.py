"""The render cache: each page's rendered bytes, kept by what the page is made from.

Pelican renders every page on every build. The writer (writer.py) asks this cache first, by the
key render_key.py makes of everything the page is rendered from, and renders only the pages it
lacks: after editing one post's body, that post's page. Every build writes into a fresh folder
(tools/build.py), so a page from the cache is copied there (never linked: `make serve`'s
preview rewrites pages of the last build in place).

One file per write_file call, `<cache root>/render/<fingerprint>/<key>`: a JSON line listing the
files the call wrote (name in the output, the newest date the page lists, for the sitemap, size
and sha256), then their bytes. A missing, partial or altered entry is a miss. Switched off by
SPLITSVILLE["render_cache"] = False or SPLITSVILLE_OFF=render_cache (common.py).
"""

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

FOLDERS_KEPT = 8  # fingerprints, as the content cache keeps (content_cache.py)

# One file a page wrote: its name relative to the output, the newest date it lists, its bytes.
Written = tuple[str, datetime | None, bytes]


class RenderCache:
    def __init__(self, folder: Path):
        self.folder = folder

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

    def get(self, key: str) -> list[Written] | None:
        try:
            with open(self.folder / key, "rb") as entry:
                files = json.loads(entry.readline())["files"]
                found = []
                for name, newest, size, sha in files:
                    data = entry.read(size)
                    if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
                        return None
                    found.append((name, newest and datetime.fromisoformat(newest), data))
                return found if not entry.read(1) else None
        except (OSError, ValueError, KeyError, TypeError):  # none, or not one we wrote whole
            return None

    def put(self, key: str, files: Iterable[Written]) -> None:
        """Keep one call's files; written to a temporary file and renamed, never half."""
        files = list(files)
        head = [
            [name, newest and newest.isoformat(), len(data), hashlib.sha256(data).hexdigest()]
            for name, newest, data in files
        ]
        written = None
        try:
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False) as out:
                written = out.name
                out.write(json.dumps({"files": head}).encode() + b"\n")
                for _, _, data in files:
                    out.write(data)
            os.replace(written, self.folder / key)
        except OSError:  # a full or read-only disk: the page itself is written all the same
            if written:
                Path(written).unlink(missing_ok=True)

    def keep_only(self, keys: set[str]) -> None:
        """Delete the entries this build did not use: the cache holds the last build's pages."""
        for entry in os.scandir(self.folder):
            if entry.name not in keys:
                Path(entry.path).unlink(missing_ok=True)


def write_out(output_path: str, files: Iterable[Written]) -> list[tuple[str, datetime | None]]:
    """Copy a cached page's files into the output; (path, newest) of each, as a render gives."""
    done = []
    for name, newest, data in files:
        path = os.path.join(output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(data)
        done.append((path, newest))
    return done


def read_back(output_path: str, paths: Iterable[tuple[str, datetime | None]]) -> list[Written]:
    """What a render just wrote, as the cache keeps it."""
    return [
        (os.path.relpath(path, output_path), newest, Path(path).read_bytes())
        for path, newest in paths
    ]
