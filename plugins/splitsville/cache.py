"""The one cache helper: keys from what a result depends on, placing a cached file into the
site, and pruning old entries.

The content cache, the lint cache and the social cards each keep results across builds. Each
names them by `key()` of everything that shapes them (its inputs' text, the bytes of the code
that computes them, the versions of the packages it calls, Python's), so a change to any of
those finds no entry instead of a stale one. No Pelican imports.
"""

import functools
import hashlib
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

# Where this one build writes: not part of what it produces.
NOT_INPUTS = {"OUTPUT_PATH", "CACHE_PATH"}


def settings_text(settings: Mapping) -> str:
    """The settings as text; values without a stable repr (objects at an address) left out."""
    lines = []
    for name in sorted(settings):
        text = repr(settings[name])
        if name not in NOT_INPUTS and " at 0x" not in text:
            lines.append(f"{name}={text}")
    return "\n".join(lines)


def files_under(paths: Iterable[Path]) -> list[Path]:
    """Every file in these files and folders, in a stable order (bytecode caches left out)."""
    found = []
    for path in map(Path, paths):
        candidates = path.rglob("*") if path.is_dir() else [path]
        found += [p for p in candidates if p.is_file() and "__pycache__" not in p.parts]
    return sorted(found)


def key(*texts: str, files: Iterable[Path] = (), packages: Iterable[str] = ()) -> str:
    """A sha256 (hex) of the texts, the path and bytes of every file under `files`, the
    versions of `packages`, and Python's version."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(f"{text}\0".encode())
    for path in files_under(files):
        digest.update(f"\0{path}\0".encode())
        digest.update(path.read_bytes())
    for package in sorted(packages):
        digest.update(f"\0{package}={version(package)}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


@functools.cache
def version(package: str) -> str:
    """An installed package's version, read once per process: reading it parses the package's
    metadata file, which costs a millisecond, and the cards ask once per card."""
    return metadata.version(package)


def place(cached: Path | str, target: Path | str) -> None:
    """A new file at `target` with the bytes of `cached`: a hard link (no copy to write, and
    quick to delete with the site), or a copy where the cache is on another disk or links are
    not possible. A file already at `target` (a folder built before) is replaced, never
    written through: it may itself be a link to a cached file."""
    try:
        _link_or_copy(cached, target)
    except FileExistsError:
        os.unlink(target)
        _link_or_copy(cached, target)


def _link_or_copy(cached: Path | str, target: Path | str) -> None:
    try:
        os.link(cached, target)
    except FileExistsError:
        raise
    except OSError:
        shutil.copyfile(cached, target)


def prune(folder: Path, keep: int, pattern: str = "*") -> None:
    """Delete all but the `keep` most recently used entries (files or folders) matching
    `pattern` in `folder`."""
    if not folder.is_dir():
        return
    entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
