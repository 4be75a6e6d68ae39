"""The post lint behind `invoke check` (and `publish` and `serve`, which run it first).

The linter itself is the plugin's plain code (splitsville/posts/); what this module adds is the
project's answers to "what slug will Pelican give this title" and "does this date parse", made
with Pelican's own functions, and where each post's verdict is cached.

This file is hashed into the lint cache's salt: it decides slugs and dates, so a change here
drops the cache. tasks.py is not: editing an unrelated task keeps every cached verdict.
"""

import hashlib
import html
import sys
from pathlib import Path

from invoke import Exit

from tools import ROOT, shown

# Besides the linter's own code (which the cache hashes itself), what decides post_slug's and
# parse_date's answers: these libraries' versions and this file.
LIBRARIES = ("pelican", "python-dateutil", "Unidecode")


def post_slug(title: str) -> str:
    """The slug Pelican will give a post with this title.

    Our reader escapes titles before Pelican slugifies them (reader.SplitsvilleMarkdownReader),
    so the slug is made from the escaped title with Pelican's own slugify and default rules.
    """
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(
        html.escape(title, quote=False), regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    )


def parse_date(text: str) -> object:
    """Parse a Date line as Pelican's Markdown reader does (ValueError if it cannot)."""
    from pelican.utils import get_date

    return get_date(text.replace("_", " "))


def vocabulary_of(content: Path) -> Path:
    """The role vocabulary of a content folder, found as the plugin finds it."""
    from splitsville.common import vocabulary_path

    from pelicanconf import SPLITSVILLE

    return vocabulary_path({"PATH": content, "SPLITSVILLE": SPLITSVILLE})


def cache_folder() -> Path:
    """Where builds keep what they can reuse: pelicanconf's CACHE_PATH (from the project folder,
    as Pelican reads it), where the lint keeps its cache beside the build's."""
    from pelicanconf import CACHE_PATH

    return ROOT / CACHE_PATH


def lint_salt(root: Path = ROOT) -> str:
    """The lint cache's salt for the project in `root`: the libraries' versions and a hash of
    root/tools/check.py, the code that decides slugs and dates (not of tasks.py)."""
    from importlib.metadata import version

    salt = [version(name) for name in LIBRARIES]
    salt.append(hashlib.sha256((root / "tools" / "check.py").read_bytes()).hexdigest())
    return " ".join(salt)


def lint_problems(content: Path) -> list[str]:
    """Every problem `invoke check` reports for the posts under `content`, one line each.

    Each post's own verdict is kept in cache/lint/ (splitsville/posts/lint_cache.py): a check after
    editing one post reads Pelican's slugify and date parser only for that post, if at all.
    """
    from splitsville.common import speed_on
    from splitsville.posts import lint

    from pelicanconf import SPLITSVILLE

    keep = speed_on("lint_cache", {"SPLITSVILLE": SPLITSVILLE})  # the ablation's switch
    where = hashlib.sha256(str(Path(content).resolve()).encode()).hexdigest()[:16]
    return lint.lint(
        Path(content),
        slugify=post_slug,
        parse_date=parse_date,
        vocabulary=vocabulary_of(content),
        shown=shown,
        cache=cache_folder() / "lint" / f"{where}.json" if keep else None,
        salt=lint_salt(),
    )


def check(content: Path) -> None:
    """Print every problem in the posts under `content` and fail (Exit) if there is any."""
    problems = lint_problems(Path(content))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise Exit(f"check: {len(problems)} problem(s); fix them and run `invoke check` again.", 1)
    print(f"check: every post in {shown(Path(content))} is fine.")
