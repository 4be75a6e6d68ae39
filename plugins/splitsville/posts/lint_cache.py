"""The linter's per-file cache: what a post's own checks found, kept by what they read.

`invoke check` after editing one post checks that post again and reuses the rest. An entry is
found by the hash of the post's bytes and path; the whole cache is dropped when the linter's
code, the role vocabulary or the caller's salt (its version of slugify and parse_date) changes.
Links and duplicate slugs depend on other files: the linter checks them anew on every run.
Plain logic, no Pelican imports.
"""

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from .rules import internal_links
from .source import Post, Problem

FORMAT = "1"  # of the file below; a change drops every cache written before
# The modules whose code decides a post's problems: a change to any of them drops the cache.
CODE = (
    "cache.py",
    "common.py",
    "html.py",
    "posts/lint.py",
    "posts/lint_cache.py",
    "posts/messages.py",
    "posts/rules.py",
    "posts/safety.py",
    "posts/source.py",
    "roles/vocabulary.py",
)
# Cache files kept in one folder (one per content folder checked): test runs and benchmarks
# check many temporary folders, and the oldest files beyond these go.
KEEP = 16
# Metadata the duplicate check reads.
DUPLICATE_KEYS = ("title", "slug")


PLUGIN = Path(__file__).resolve().parent.parent


def code_digest(folder: Path = PLUGIN) -> str:
    """A hash of the linter's code."""
    return cache.key(*CODE, files=[folder / name for name in CODE])


@dataclass
class Checked:
    """One file's own problems, and what the checks across files need of it."""

    problems: list[Problem]
    post: Post | None  # None: the file could not be read as a post
    links: list[tuple[str, str, int]]

    @classmethod
    def of(cls, post: Post | Problem, own: Callable[[Post], list[Problem]]) -> "Checked":
        if isinstance(post, Problem):
            return cls([post], None, [])
        return cls(own(post), post, internal_links(post))

    def to_json(self) -> dict:
        meta = None
        if self.post is not None:
            meta = {key: self.post.meta[key] for key in DUPLICATE_KEYS if key in self.post.meta}
        return {
            "problems": [[p.path, p.line, p.text, p.whole_line] for p in self.problems],
            "meta": meta,
            "links": self.links,
        }

    @classmethod
    def from_json(cls, data: dict, path: Path, shown: str) -> "Checked":
        post = None
        if data["meta"] is not None:
            meta = {key: (value, line) for key, (value, line) in data["meta"].items()}
            post = Post(path, shown, "", meta, "")  # only what the duplicate check reads
        return cls(
            [Problem(*problem) for problem in data["problems"]],
            post,
            [tuple(link) for link in data["links"]],
        )


class Store:
    """The cache file of one content folder: read once, written once if anything changed."""

    def __init__(self, file: Path | None, salt: str, files: dict, slugs: dict) -> None:
        self.file, self.salt = file, salt
        self.old_files, self.old_slugs = files, slugs
        self.files: dict[str, dict] = {}  # the entries this run used: all that is kept
        self.slugs: dict[str, str] = {}

    @classmethod
    def open(cls, file: Path | None, salt: str, vocabulary: Path, shown_vocabulary: str):
        """The cache in `file` (None: no cache), if it was written for this exact salt."""
        if file is None:
            return cls(None, "", {}, {})
        salt = cache.key(FORMAT, code_digest(), salt, shown_vocabulary, files=[vocabulary])
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("salt") != salt:
                data = {}
        except (OSError, ValueError):  # none yet, or unreadable: start afresh
            data = {}
        return cls(file, salt, data.get("files", {}), data.get("slugs", {}))

    @staticmethod
    def key(path: Path, shown: str, data: bytes) -> str:
        return hashlib.sha256(f"{path}\0{shown}\0".encode() + data).hexdigest()

    def get(self, path: Path, shown: str, data: bytes) -> Checked | None:
        if self.file is None:
            return None
        key = self.key(path, shown, data)
        entry = self.old_files.get(key)
        if entry is None:
            return None
        try:
            checked = Checked.from_json(entry, path, shown)
        except (KeyError, TypeError, ValueError):  # written by hand, or half: check again
            return None
        self.files[key] = entry
        return checked

    def put(self, path: Path, shown: str, data: bytes, checked: Checked) -> None:
        if self.file is not None:
            self.files[self.key(path, shown, data)] = checked.to_json()

    def slugify(self, slugify: Callable[[str], str]) -> Callable[[str], str]:
        """`slugify`, remembered: a title's slug is made once, then read from the cache."""

        def remembered(title: str) -> str:
            if title not in self.slugs:
                known = self.old_slugs.get(title)
                self.slugs[title] = known if isinstance(known, str) else slugify(title)
            return self.slugs[title]

        return remembered

    def save(self) -> None:
        """Write the entries this run used, if they differ from what was read."""
        if self.file is None or (self.files == self.old_files and self.slugs == self.old_slugs):
            return
        data = {"salt": self.salt, "files": self.files, "slugs": self.slugs}
        written = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.file.parent, delete=False, suffix=".tmp"
            ) as out:
                written = out.name
                out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            os.replace(written, self.file)  # a reader sees the old file or the new, never half
            cache.prune(self.file.parent, KEEP, "*.json")
        except OSError:  # a read-only checkout: the check itself still stands
            if written:
                Path(written).unlink(missing_ok=True)
