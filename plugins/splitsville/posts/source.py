"""A post's source as the build will read it: its bytes, its metadata block, its body.

Plain logic, no Pelican imports. Python-Markdown's meta extension (Pelican's Markdown reader)
decides what the metadata is; this module reads it the same way, keeping each line's number so
that every problem can point at its line.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from . import messages

# Limits that keep one odd post from stalling or crashing the build: a megabyte is a book-length
# post (a 5 MB one takes Pelican and typogrify most of a minute).
MAX_POST_BYTES = 1_000_000
# The Date form `invoke new-post` writes; the underscore is Pelican's alternative to the space.
PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ _][0-9]{2}:[0-9]{2}")

# Python-Markdown's meta extension, which Pelican's Markdown reader uses: "Key: value" lines at
# the top, indented lines continue the previous value, and anything else ends the block.
META_LINE = re.compile(r"^ {0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^ {4,}(?P<value>.*)$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)[^\n]*?\1")
# A table's caption (posts/captions.py): a paragraph starting "Table:", Pandoc's convention.
CAPTION = re.compile(r"^[Tt]able:[ \t]*")
# The delimiter row under a table's header, as Python-Markdown's tables extension reads it:
# cells of dashes, each with an optional colon either side, between pipes.
TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    text: str  # "<problem> - <fix>", or a whole line already written by the role vocabulary
    whole_line: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        if self.whole_line:
            return self.text
        return f"{self.path}:{self.line}: {self.text}" if self.line else f"{self.path}: {self.text}"


@dataclass
class Post:
    path: Path
    shown: str
    text: str
    meta: dict[str, tuple[str, int]]  # lower-case key -> (value, line number)
    body: str

    def line_of(self, key: str, default: int = 1) -> int:
        return self.meta[key][1] if key in self.meta else default

    @cached_property
    def code_free(self) -> str:
        """The text with code blanked (without_code): made once, read by four rules."""
        return without_code(self.text)

    @property
    def is_draft(self) -> bool:
        return self.meta.get("status", ("", 0))[0].strip().lower() == "draft"


def split_metadata(text: str) -> tuple[dict[str, tuple[str, int]], str]:
    """The metadata block and the body, as Pelican's Markdown reader will see them."""
    lines = text.splitlines()
    meta: dict[str, tuple[str, int]] = {}
    key = None
    index = 0
    for index, line in enumerate(lines):  # noqa: B007 (index is used after the loop)
        if match := META_LINE.match(line):
            key = match["key"].lower()
            meta[key] = (match["value"].strip(), index + 1)
        elif key and (more := META_MORE.match(line)):
            value, number = meta[key]
            meta[key] = (f"{value} {more['value'].strip()}".strip(), number)
        else:
            break
    else:
        index = len(lines)
    return meta, "\n".join(lines[index:])


def without_code(text: str) -> str:
    """The text with fenced blocks and code spans blanked out, line numbers kept.

    Pelican rewrites {filename} links only in real links, never in code, and an image
    shown as an example in a code block is not an image.
    """
    out, fence = [], None
    for line in text.split("\n"):
        if fence is None and "`" not in line and "~" not in line:
            out.append(line)  # no fence and no code span can start here: the common case
            continue
        match = FENCE.match(line)
        if fence is None and match:
            fence = match[1][0] * 3
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append("")
        else:
            out.append(CODE_SPAN.sub(lambda m: " " * len(m[0]), line))
    return "\n".join(out)


def is_plain_date(text: str) -> bool:
    """A real date and time written YYYY-MM-DD HH:MM: Pelican's parser (dateutil) reads every
    one of them, and this check is twenty times faster than asking it."""
    if not PLAIN_DATE.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text.replace("_", " "))  # the form is fixed: only values fail
    except ValueError:  # 2026-02-30, 24:00: Pelican's parser decides
        return False
    return True


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_post(path: Path, shown: str) -> Post | Problem:
    size = path.stat().st_size
    if size > MAX_POST_BYTES:
        return Problem(shown, 0, messages.too_big(size, MAX_POST_BYTES))
    return post_from_bytes(path, shown, path.read_bytes())


def post_from_bytes(path: Path, shown: str, data: bytes) -> Post | Problem:
    """The post in a file's bytes, or the one problem that stops it being read."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(shown, line, messages.not_utf8(data[error.start]))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return Problem(shown, 0, messages.EMPTY_FILE)
    meta, body = split_metadata(text)
    return Post(path, shown, text, meta, body)


def split_tags(tags: str) -> list[str]:
    """Tags as Pelican splits them: on semicolons if there are any, else on commas."""
    return [tag.strip() for tag in tags.split(";" if ";" in tags else ",") if tag.strip()]
