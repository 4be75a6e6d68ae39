"""Pelican's content cache, made safe: a folder per fingerprint of everything a post depends on.

Pelican rereads a post whose bytes changed (CHECK_MODIFIED_METHOD) but would reuse a post read
with other settings, plugins, theme, libraries or role vocabulary. Its cache goes into
`<CACHE_PATH>/content/<fingerprint>/` instead, so a change to any of those finds an empty folder.
"""

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .. import cache
from ..common import speed_on, vocabulary_path
from ..state import state

# Libraries and plugins that turn Markdown into the HTML the cache keeps (their versions).
PACKAGES = (
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
PLUGIN = Path(__file__).resolve().parent.parent  # our plugin's code: all of it shapes posts
FOLDERS_KEPT = 8  # e.g. local and production builds of a few content folders


def fingerprint(settings: Mapping, files: Iterable[Path], packages: Iterable[str]) -> str:
    """16 hex digits naming the settings, the bytes under `files` and the packages' versions."""
    return cache.key(cache.settings_text(settings), files=files, packages=packages)[:16]


def use_content_cache(pelican) -> None:
    """Point CACHE_PATH at this build's fingerprint folder; remember the root it was in, and the
    fingerprint (the render cache names its folder by it too)."""
    settings = pelican.settings
    root = Path(settings["CACHE_PATH"])
    state.cache_root = root
    inputs = [PLUGIN, Path(settings["THEME"]), vocabulary_path(settings)]
    state.fingerprint = fingerprint(settings, inputs, PACKAGES)
    if not speed_on("content_cache", settings):  # the ablation's switch (common.py)
        settings["CACHE_CONTENT"] = settings["LOAD_CONTENT_CACHE"] = False
    if not settings.get("CACHE_CONTENT"):
        return
    folder = root / "content" / state.fingerprint
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # the folder in use is the newest: pruning keeps it
    cache.prune(folder.parent, FOLDERS_KEPT)
    settings["CACHE_PATH"] = str(folder)


def hash_each_file_once(generator) -> None:
    """Pelican hashes a post's bytes (CHECK_MODIFIED_METHOD) up to five times a build: the
    generator's cache and its reader's each ask, before and after reading. Here each file is
    hashed once a build, kept by its path, size and modification time, for both."""
    for cacher in (generator, generator.readers):
        hashed = getattr(cacher, "_filestamp_func", None)
        if hashed is None or hashed is os.path.getmtime:
            continue

        def stamp(filename, hashed=hashed):
            found = os.stat(filename)
            key = (os.path.abspath(filename), found.st_mtime_ns, found.st_size)
            if key not in state.file_stamps:
                state.file_stamps[key] = hashed(filename)
            return state.file_stamps[key]

        cacher._filestamp_func = stamp
