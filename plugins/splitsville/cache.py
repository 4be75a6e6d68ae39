"""What a cached build depends on, as one short hash: when any of it changes, start afresh.

No Pelican imports. Pelican's content cache checks each post's own bytes but not the settings,
theme, plugins or libraries that turned them into HTML; this hash names the cache folder, so a
change to any of those finds an empty folder instead of stale results.
"""

import hashlib
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
    for key in sorted(settings):
        text = repr(settings[key])
        if key not in NOT_INPUTS and " at 0x" not in text:
            lines.append(f"{key}={text}")
    return "\n".join(lines)


def files_under(paths: Iterable[Path]) -> list[Path]:
    """Every file in these files and folders, in a stable order (bytecode caches left out)."""
    found = []
    for path in map(Path, paths):
        candidates = path.rglob("*") if path.is_dir() else [path]
        found += [p for p in candidates if p.is_file() and "__pycache__" not in p.parts]
    return sorted(found)


def fingerprint(settings: Mapping, paths: Iterable[Path], packages: Iterable[str]) -> str:
    """A hash of the settings, the bytes of every file under `paths`, package versions, Python."""
    digest = hashlib.sha256(settings_text(settings).encode())
    for path in files_under(paths):
        digest.update(f"\0{path}\0".encode())
        digest.update(path.read_bytes())
    for package in sorted(packages):
        digest.update(f"\0{package}={metadata.version(package)}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def prune(folder: Path, keep: int) -> None:
    """Delete all but the `keep` most recently used subfolders of `folder`."""
    if not folder.is_dir():
        return
    folders = sorted(
        (p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)
