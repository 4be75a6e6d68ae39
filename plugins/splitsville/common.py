"""One home for the facts every part of the plugin (and the tools around it) shares.

No Pelican imports: the lint and `invoke` tasks use these without loading Pelican.
"""

import os
from collections.abc import Mapping
from pathlib import Path

# Every line that tells an author about a problem starts with this: `serve` shows such lines on
# the page, and the build's other output (progress, Pelican's own lines) goes without it.
PREFIX = "splitsville:"

# Which files are posts: Markdown, by the endings Pelican's Markdown reader takes, under the
# content folder's posts/ (ARTICLE_PATHS).
POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
POSTS_FOLDER = "posts"

# The environment variable naming a file the build (tools/build.py) has Pelican create once
# every post's page is written (build/wiring.py): the search index starts on them then.
POSTS_WRITTEN = "SPLITSVILLE_POSTS_WRITTEN"


class SettingsError(Exception):
    """A problem in the settings or content that must stop the build, in one line for the
    author (the build's log filter drops the traceback: the message says what to fix)."""


class ReadStop(SettingsError):
    """A post that cannot be built, with the one line that says why and how to fix it."""


def is_post(path: Path) -> bool:
    return path.suffix.lower() in POST_SUFFIXES


def post_files(content: Path) -> list[Path]:
    """Every post file under a content folder, in a stable order."""
    folder = Path(content) / POSTS_FOLDER
    return sorted(p for p in folder.rglob("*") if p.is_file() and is_post(p))


def shown(path: Path | str, base: Path | None = None) -> str:
    """A path as an author types it: relative to `base` (the folder the command runs in) when
    inside it, else as given."""
    try:
        return Path(path).resolve().relative_to((base or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)


def ours(settings: Mapping) -> Mapping:
    """Our plugin's settings: the SPLITSVILLE dict of pelicanconf.py."""
    return settings.get("SPLITSVILLE", {})


def workers(settings: Mapping) -> int:
    """Processes that read posts, render pages and draw cards: SPLITSVILLE['workers'], where
    0 means one per core and 1 means all in Pelican's own process."""
    return ours(settings).get("workers") or os.cpu_count() or 1


def vocabulary_path(settings: Mapping) -> Path:
    """SPLITSVILLE['roles'], relative to the content folder (PATH): the vocabulary travels with
    the content it describes, so a fixture or preview site brings its own."""
    return Path(settings["PATH"]) / ours(settings).get("roles", "roles.toml")


# The build's speed mechanisms. Each can be switched off by itself, for the benchmark's
# ablation (docs/performance.md): SPLITSVILLE_OFF="render_cache,content_cache" in the
# environment, or SPLITSVILLE[name] = False in the settings. None changes a byte of the output.
SPEED_MECHANISMS = (
    "parallel_reading",  # build/reader.py: posts read on all cores
    "parallel_rendering",  # build/writer.py: pages rendered on all cores
    "content_cache",  # build/content_cache.py: Pelican's cache of read posts
    "lint_cache",  # posts/lint_cache.py: each post's verdict kept by its bytes
    "card_cache",  # cards/: a social card drawn once, kept by what it shows
    "render_cache",  # build/render_cache.py: a page rendered again only when its inputs change
    "search_reuse",  # tools/search.py: a search shard indexed again only when its pages change
    "search_overlap",  # tools/build.py: Pagefind beside Pelican's last steps and the link check
    "linkcheck_cache",  # tools/linkcheck.py: a page parsed for links again only when it changes
)


def speed_on(name: str, settings: Mapping | None = None) -> bool:
    """Whether the speed mechanism `name` is on: unless $SPLITSVILLE_OFF lists it, or the
    settings' SPLITSVILLE[name] is False. An unknown name in $SPLITSVILLE_OFF stops the build."""
    off = {word.strip() for word in os.environ.get("SPLITSVILLE_OFF", "").split(",")} - {""}
    unknown = sorted(off - set(SPEED_MECHANISMS))
    if unknown:
        raise SettingsError(
            f"{PREFIX} SPLITSVILLE_OFF names {', '.join(unknown)}: use any of "
            f"{', '.join(SPEED_MECHANISMS)}, comma-separated"
        )
    return name not in off and ours(settings or {}).get(name, True) is not False
