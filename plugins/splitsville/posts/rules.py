"""The post linter behind `invoke check`: plain logic on files, with no Pelican imports.

Pelican's own pieces (slugify, date parsing) come in as arguments from the caller, so the linter
judges slugs and dates exactly as the build will. Every problem is one line for an author:
`<path>:<line>: <problem> - <fix>`, the line left out where there is none to point at.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..common import PREFIX, post_files

# What `invoke new-post` writes as the Summary; a post may not be published with it.
SUMMARY_PLACEHOLDER = "TODO: one or two sentences saying what this post is about."
# The metadata every post needs, with the line that supplies it.
REQUIRED = {
    "title": "Title: The Post's Title",
    "date": "Date: YYYY-MM-DD HH:MM",
    "tags": "Tags: Role, Role",
    "summary": "Summary: one or two sentences",
}
STATUSES = ("published", "draft", "hidden", "skip")  # Pelican drops a post with any other
# Limits that keep one odd post from stalling or crashing the build: a megabyte is a book-length
# post (a 5 MB one takes Pelican and typogrify most of a minute), and Markdown's parser recurses
# once per level of nesting.
MAX_POST_BYTES = 1_000_000
MAX_NESTING = 32
# A slug is a folder name: file systems stop at 255 bytes, and an address should stay readable.
MAX_SLUG = 120
# The Date form `invoke new-post` writes; the underscore is Pelican's alternative to the space.
PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ _][0-9]{2}:[0-9]{2}")
LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[*+-]|\d+[.)])\s")
QUOTES = re.compile(r"^(?:\s*>)*")

# Python-Markdown's meta extension, which Pelican's Markdown reader uses: "Key: value" lines at
# the top, indented lines continue the previous value, and anything else ends the block.
META_LINE = re.compile(r"^ {0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^ {4,}(?P<value>.*)$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)[^\n]*?\1")
INTERNAL_LINK = re.compile(r"\{(?P<kind>filename|static|attach)\}(?P<target>[^\s)\"'>]+)")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\s*[(\[]")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(
    r"(?<![\w-])alt\s*=\s*(?:\"(?P<q>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))", re.I
)


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


def too_big_message(size: int) -> str:
    return (
        f"{size / 1_000_000:.1f} MB, over the {MAX_POST_BYTES // 1_000_000} MB a post may be - "
        "split it into several posts"
    )


def read_post(path: Path, shown: str) -> Post | Problem:
    size = path.stat().st_size
    if size > MAX_POST_BYTES:
        return Problem(shown, 0, too_big_message(size))
    return post_from_bytes(path, shown, path.read_bytes())


def post_from_bytes(path: Path, shown: str, data: bytes) -> Post | Problem:
    """The post in a file's bytes, or the one problem that stops it being read."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(
            shown,
            line,
            f"not UTF-8 (byte 0x{data[error.start]:02x}) - save the file with UTF-8 encoding",
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return Problem(
            shown, 0, "empty file - write the metadata (Title, Date, Tags, Summary) and a body"
        )
    meta, body = split_metadata(text)
    return Post(path, shown, text, meta, body)


def metadata_problems(post: Post, parse_date: Callable[[str], object]) -> list[Problem]:
    problems = []
    for key, example in REQUIRED.items():
        if not post.meta.get(key, ("", 0))[0]:
            problems.append(
                Problem(
                    post.shown,
                    post.line_of(key),
                    f"missing {key.capitalize()} - add a line '{example}' to the metadata at "
                    "the top",
                )
            )
    date = post.meta.get("date", ("", 0))[0]
    if date and not is_plain_date(date):
        try:
            parse_date(date)
        except ValueError:
            problems.append(
                Problem(
                    post.shown,
                    post.line_of("date"),
                    f"date '{date}' does not parse - write it as YYYY-MM-DD HH:MM",
                )
            )
    status = post.meta.get("status", ("", 0))[0]
    if status and status.lower() not in STATUSES:
        problems.append(
            Problem(
                post.shown,
                post.line_of("status"),
                f"status '{status}' is not one Pelican knows - write 'Status: draft' to keep "
                "the post unpublished, or delete the line to publish it",
            )
        )
    summary = post.meta.get("summary", ("", 0))[0]
    if summary == SUMMARY_PLACEHOLDER and not post.is_draft:
        problems.append(
            Problem(
                post.shown,
                post.line_of("summary"),
                "Summary is still the placeholder - write one or two sentences about the post",
            )
        )
    if post.meta and not post.body.strip():
        problems.append(
            Problem(
                post.shown,
                len(post.text.splitlines()),
                "no body - write the post below the metadata, after a blank line",
            )
        )
    return problems


def nesting_problems(post: Post) -> list[Problem]:
    """Lists or quotes nested deeper than MAX_NESTING: the first line that goes too deep."""
    for number, line in enumerate(post.code_free.split("\n"), start=1):
        # Too deep takes an indent of 32 or more spaces or tabs, or more than 32 '>': most
        # lines have neither and are passed over without the regular expressions.
        if line.count(">") <= MAX_NESTING and (len(line) < 32 or line[:32].strip(" \t")):
            continue
        item = LIST_ITEM.match(line)
        lists = len(item["indent"].expandtabs(4)) // 4 + 1 if item else 0
        quotes = len(QUOTES.match(line)[0].replace(" ", "").replace("\t", ""))
        depth = max(lists, quotes)
        if depth > MAX_NESTING:
            return [Problem(post.shown, number, nesting_message(depth))]
    return []


def nesting_message(depth: int) -> str:
    return (
        f"lists or quotes nested {depth} levels deep, more than the {MAX_NESTING} allowed - "
        "flatten them"
    )


def safe_html_text(post: Post) -> str:
    """The Summary and body with code blanked and other metadata lines blanked, lines kept.

    Titles, tags and authors are text (escaped wherever shown), so markup in them is harmless;
    the Summary and the body are Markdown, where raw HTML passes through.
    """
    lines = post.code_free.split("\n")
    summary_line = post.line_of("summary", 0)
    body_start = len(lines) - len(post.body.split("\n")) if post.body else len(lines)
    return "\n".join(
        line if index + 1 == summary_line or index >= body_start else ""
        for index, line in enumerate(lines)
    )


def script_message(problem: str) -> str:
    return (
        f"{problem} - posts may hold raw HTML but no scripts: remove it (to show it, put it "
        "in a fenced code block)"
    )


def insecure_message(url: str) -> str:
    return (
        f"http:// asset {url} is mixed content on an https site - use its https:// address, "
        "or copy it into content/images/ and link it with {static}"
    )


def html_problems(post: Post) -> list[Problem]:
    """Scripts and http:// assets in the Summary and body (not in code)."""
    from .safety import markdown_insecure_assets, script_problems

    text = safe_html_text(post)
    problems = [
        Problem(post.shown, line_at(text, offset), script_message(problem))
        for offset, problem in script_problems(text)
    ]
    problems += [
        Problem(post.shown, line_at(text, offset), insecure_message(url))
        for offset, url in markdown_insecure_assets(text)
    ]
    return sorted(set(problems))  # <script>...</script> on one line is one problem


def has_word(slug: str) -> bool:
    """A slug of only hyphens ("?! -- ()" makes "-") is as empty as no slug."""
    return any(character.isalnum() for character in slug)


def empty_slug_message(title: str) -> str:
    return (
        f"the title '{title}' makes an empty slug (it has no letters or digits) - add some "
        "to the Title, or give the post a 'Slug: ...' line"
    )


def long_slug_message(slug: str) -> str:
    return (
        f"the slug '{slug[:40]}...' is {len(slug)} characters, over the {MAX_SLUG} an address "
        "may have - give the post a shorter 'Slug: ...' line"
    )


def split_tags(tags: str) -> list[str]:
    """Tags as Pelican splits them: on semicolons if there are any, else on commas."""
    return [tag.strip() for tag in tags.split(";" if ";" in tags else ",") if tag.strip()]


def role_problems(post: Post, vocabulary, shown_vocabulary: str) -> list[Problem]:
    """Tags must be roles: the vocabulary (roles.py) decides, and words the message."""
    from ..roles.vocabulary import unknown_role_message

    tags, line = post.meta.get("tags", ("", 0))
    return [
        Problem(
            post.shown,
            line,
            unknown_role_message(
                f"{post.shown}:{line}", tag, vocabulary.suggest(tag), shown_vocabulary
            ),
            whole_line=True,
        )
        for tag in split_tags(tags)
        if tag and vocabulary.resolve(tag) is None
    ]


def internal_links(post: Post) -> list[tuple[str, str, int]]:
    """(kind, target as written, line) of each {filename}, {static} and {attach} link."""
    text = post.code_free
    return [
        (match["kind"], match["target"], line_at(text, match.start()))
        for match in INTERNAL_LINK.finditer(text)
    ]


def missing_links(
    links: Iterable[tuple[str, str, int]], path: Path, shown: str, content: Path
) -> list[Problem]:
    """The links whose target is no file: a leading / starts from the content folder,
    anything else from the post's own folder (as Pelican resolves them)."""
    problems = []
    for kind, written, line in links:
        target = unquote(urlsplit(written).path)
        if not target:
            continue
        base = content if target.startswith("/") else path.parent
        if not (base / target.lstrip("/")).is_file():
            problems.append(
                Problem(
                    shown,
                    line,
                    f"{{{kind}}}{written} does not exist - fix the path "
                    "(relative to this post's folder, or to content/ with a leading /)",
                )
            )
    return problems


def alt_problems(post: Post) -> list[Problem]:
    text = safe_html_text(post)  # markup in a Title is text, never an image
    found = [m.start() for m in MARKDOWN_IMAGE.finditer(text) if not m["alt"].strip()]
    for match in HTML_IMAGE.finditer(text):
        alt = HTML_ALT.search(match[0])
        if not alt or not (alt["q"] or alt["s"] or alt["u"] or "").strip():
            found.append(match.start())
    return [
        Problem(
            post.shown,
            line_at(text, offset),
            "image without alt text - describe what the image shows, e.g. ![A timeline of the "
            'project](...) or <img alt="...">',
        )
        for offset in found
    ]


def duplicate_problems(posts: Iterable[Post], slugify: Callable[[str], str]) -> list[Problem]:
    """Two posts with one slug would be written to one URL, the second over the first."""
    first: dict[str, Post] = {}
    problems = []
    for post in sorted(posts, key=lambda p: p.shown):
        title = post.meta.get("title", ("", 0))[0]
        slug = post.meta.get("slug", ("", 0))[0] or slugify(title)
        if not has_word(slug):
            if title:  # a missing Title is reported on its own
                problems.append(
                    Problem(post.shown, post.line_of("title"), empty_slug_message(title))
                )
            continue
        if len(slug) > MAX_SLUG:
            key = "slug" if "slug" in post.meta else "title"
            problems.append(Problem(post.shown, post.line_of(key), long_slug_message(slug)))
        if slug in first:
            key = "slug" if "slug" in post.meta else "title"
            problems.append(
                Problem(
                    post.shown,
                    post.line_of(key),
                    f"same URL as {first[slug].shown} (slug '{slug}') - change this post's "
                    "Title, or give it a 'Slug: ...' line",
                )
            )
        else:
            first[slug] = post
    return problems


def own_problems(post: Post, parse_date, roles, shown_vocabulary: str) -> list[Problem]:
    """What a post's own text, the vocabulary and the linter's code decide: all of it can be
    kept in the cache (links depend on other files, duplicates on other posts)."""
    return [
        *metadata_problems(post, parse_date),
        *role_problems(post, roles, shown_vocabulary),
        *alt_problems(post),
        *nesting_problems(post),
        *html_problems(post),
    ]


def lint(
    content: Path,
    *,
    slugify: Callable[[str], str],
    parse_date: Callable[[str], object],
    vocabulary: Path,
    shown: Callable[[Path], str] = str,
    cache: Path | None = None,
    salt: str = "",
) -> list[str]:
    """Every problem in the posts under `content`, one line each, in file order.

    With `cache` (a file), what each post's own checks found is kept there and reused while
    the post's bytes and path, the vocabulary, the linter's code and `salt` (the caller's
    version of slugify and parse_date) are unchanged. Links and duplicates are checked anew.
    """
    from ..roles.vocabulary import VocabularyError, load_vocabulary
    from . import lint_cache as lintcache

    try:
        shown_vocabulary = shown(vocabulary)
        roles = load_vocabulary(vocabulary, shown_as=shown_vocabulary)
    except VocabularyError as error:  # no post can be checked against a broken vocabulary
        return [f"{PREFIX} {error}"]
    store = lintcache.Store.open(cache, salt, vocabulary, shown_vocabulary)
    problems: list[Problem] = []
    posts = []
    for path in post_files(content):
        shown_path = shown(path)
        size = path.stat().st_size
        if size > MAX_POST_BYTES:
            problems.append(Problem(shown_path, 0, too_big_message(size)))
            continue
        data = path.read_bytes()
        checked = store.get(path, shown_path, data)
        if checked is None:
            post = post_from_bytes(path, shown_path, data)
            checked = lintcache.Checked.of(
                post, lambda p: own_problems(p, parse_date, roles, shown_vocabulary)
            )
            # A date in another form is read against today ("29 February" parses in a leap
            # year only): its verdict may change without the post changing, so it is not kept.
            date = post.meta.get("date", ("", 0))[0] if isinstance(post, Post) else ""
            if not date or is_plain_date(date):
                store.put(path, shown_path, data, checked)
        problems += checked.problems
        if checked.post is not None:
            posts.append(checked.post)
            problems += missing_links(checked.links, path, shown_path, content)
    problems += duplicate_problems(posts, store.slugify(slugify))
    store.save()
    return [str(problem) for problem in sorted(problems)]
