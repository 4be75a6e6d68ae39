"""What a post may contain: the rules `invoke check` applies to each post and across posts.

Plain logic, no Pelican imports. Pelican's own pieces (slugify, date parsing) come in as
arguments from the caller, so the rules judge slugs and dates exactly as the build will. Each
problem is a `source.Problem`, worded by messages.py.
"""

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..html import START_TAG, attributes
from ..roles.vocabulary import closest, unknown_role_message
from . import messages
from .source import CAPTION, TABLE_RULE, Post, Problem, is_plain_date, line_at, split_tags

# The metadata every post needs, with the line that supplies it.
REQUIRED = {
    "title": "Title: The Post's Title",
    "date": "Date: YYYY-MM-DD HH:MM",
    "tags": "Tags: Role, Role",
    "summary": "Summary: one or two sentences",
}
STATUSES = ("published", "draft", "hidden", "skip")  # Pelican drops a post with any other
# Markdown's parser recurses once per level of nesting.
MAX_NESTING = 32
# A slug is a folder name: file systems stop at 255 bytes, and an address should stay readable.
MAX_SLUG = 120
# A list item's indent and a line's quote markers: how deep a line nests.
LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[*+-]|\d+[.)])\s")
QUOTES = re.compile(r"^(?:\s*>)*")

INTERNAL_LINK = re.compile(r"\{(?P<kind>filename|static|attach)\}(?P<target>[^\s)\"'>]+)")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\s*[(\[]")


def metadata_problems(post: Post, parse_date: Callable[[str], object]) -> list[Problem]:
    problems = []
    for key, example in REQUIRED.items():
        if not post.meta.get(key, ("", 0))[0]:
            problems.append(Problem(post.shown, post.line_of(key), messages.missing(key, example)))
    date = post.meta.get("date", ("", 0))[0]
    if date and not is_plain_date(date):
        try:
            parse_date(date)
        except ValueError:
            problems.append(Problem(post.shown, post.line_of("date"), messages.bad_date(date)))
    status = post.meta.get("status", ("", 0))[0]
    if status and status.lower() not in STATUSES:
        problems.append(
            Problem(post.shown, post.line_of("status"), messages.unknown_status(status))
        )
    summary = post.meta.get("summary", ("", 0))[0]
    if summary == messages.SUMMARY_PLACEHOLDER and not post.is_draft:
        problems.append(Problem(post.shown, post.line_of("summary"), messages.PLACEHOLDER_SUMMARY))
    if post.meta and not post.body.strip():
        problems.append(Problem(post.shown, len(post.text.splitlines()), messages.NO_BODY))
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
            return [Problem(post.shown, number, messages.nesting(depth, MAX_NESTING))]
    return []


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


def html_problems(post: Post) -> list[Problem]:
    """Scripts and http:// assets in the Summary and body (not in code)."""
    from .safety import markdown_insecure_assets, script_problems

    text = safe_html_text(post)
    problems = [
        Problem(post.shown, line_at(text, offset), messages.script(problem))
        for offset, problem in script_problems(text)
    ]
    problems += [
        Problem(post.shown, line_at(text, offset), messages.insecure(url))
        for offset, url in markdown_insecure_assets(text)
    ]
    return sorted(set(problems))  # <script>...</script> on one line is one problem


def has_word(slug: str) -> bool:
    """A slug of only hyphens ("?! -- ()" makes "-") is as empty as no slug."""
    return any(character.isalnum() for character in slug)


def role_problems(post: Post, vocabulary, shown_vocabulary: str) -> list[Problem]:
    """Tags must be roles: the vocabulary (roles/vocabulary.py) decides, and words the message."""
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
            suggestion = closest_file(target, base, content)
            if suggestion:  # keep what followed the path: #fragment, ?query
                suggestion += written[len(urlsplit(written).path) :]
            problems.append(Problem(shown, line, messages.missing_link(kind, written, suggestion)))
    return problems


def closest_file(target: str, base: Path, content: Path) -> str | None:
    """The content file closest to a link's missing target, written as the link writes paths
    (from the content folder after a leading /, else from `base`): a post for a post, an image
    for an image, since only files with the target's extension are candidates."""
    suffix = Path(target).suffix.lower()
    files = [
        file
        for file in content.rglob("*")
        if file.is_file()
        and file.suffix.lower() == suffix
        and not any(part.startswith(".") for part in file.relative_to(content).parts)
    ]
    if target.startswith("/"):
        return closest(target, ["/" + file.relative_to(content).as_posix() for file in files])
    return closest(target, [Path(os.path.relpath(file, base)).as_posix() for file in files])


def alt_problems(post: Post) -> list[Problem]:
    text = safe_html_text(post)  # markup in a Title is text, never an image
    found = [m.start() for m in MARKDOWN_IMAGE.finditer(text) if not m["alt"].strip()]
    for tag in START_TAG.finditer(text):  # raw HTML images, read as the safety checks read them
        if tag["name"].lower() == "img":
            alt = next((value for name, value, _ in attributes(tag["attrs"]) if name == "alt"), "")
            if not alt.strip():
                found.append(tag.start())
    return [Problem(post.shown, line_at(text, offset), messages.NO_ALT) for offset in found]


def caption_problems(post: Post) -> list[Problem]:
    """Every data table needs a caption: it names the table and its scrolling box.

    A Markdown table is a header row and a delimiter row that start a block (after a blank
    line, as Python-Markdown's tables extension reads them); its caption is the paragraph just
    before it, starting "Table:" (posts/captions.py). An HTML table needs a <caption>, unless
    role="presentation" or "none" says it lays out and holds no data.
    """
    text = safe_html_text(post)
    lines = [QUOTES.sub("", line).strip() for line in text.split("\n")]
    found = []
    for index in range(1, len(lines)):
        rule, header = lines[index], lines[index - 1]
        if "|" not in rule or "|" not in header or not TABLE_RULE.match(rule):
            continue
        if index > 1 and lines[index - 2]:
            continue  # the header row continues a paragraph: no table
        start = index - 3  # the paragraph before the blank line: its first line
        while start > 0 and lines[start - 1]:
            start -= 1
        if index < 3 or not lines[index - 3] or not CAPTION.match(lines[start]):
            found.append(index - 1)  # the header row
    for tag in START_TAG.finditer(text):
        if tag["name"].lower() != "table":
            continue
        role = next((v for name, v, _ in attributes(tag["attrs"]) if name == "role"), "")
        inside = re.split(r"</table", text[tag.end() :], maxsplit=1, flags=re.I)[0]
        if role.strip().lower() not in ("presentation", "none") and not re.search(
            r"<caption\b", inside, re.I
        ):
            found.append(line_at(text, tag.start()) - 1)
    return [Problem(post.shown, index + 1, messages.NO_CAPTION) for index in sorted(found)]


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
                    Problem(post.shown, post.line_of("title"), messages.empty_slug(title))
                )
            continue
        if len(slug) > MAX_SLUG:
            key = "slug" if "slug" in post.meta else "title"
            problems.append(
                Problem(post.shown, post.line_of(key), messages.long_slug(slug, MAX_SLUG))
            )
        if slug in first:
            key = "slug" if "slug" in post.meta else "title"
            problems.append(
                Problem(post.shown, post.line_of(key), messages.same_url(first[slug].shown, slug))
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
        *caption_problems(post),
        *nesting_problems(post),
        *html_problems(post),
    ]
