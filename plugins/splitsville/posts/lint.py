"""The post linter behind `invoke check`: every rule over every post, with a per-post cache.

Plain logic, no Pelican imports: the caller hands in Pelican's slugify and date parser, so the
lint judges as the build will. Every problem is one line for an author:
`<path>:<line>: <problem> - <fix>`, the line left out where there is none to point at.
"""

from collections.abc import Callable
from pathlib import Path

from ..common import PREFIX, post_files
from ..roles.vocabulary import VocabularyError, load_vocabulary
from . import lint_cache, messages
from .rules import duplicate_problems, missing_links, own_problems
from .source import MAX_POST_BYTES, Post, Problem, is_plain_date, post_from_bytes


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
    try:
        shown_vocabulary = shown(vocabulary)
        roles = load_vocabulary(vocabulary, shown_as=shown_vocabulary)
    except VocabularyError as error:  # no post can be checked against a broken vocabulary
        return [f"{PREFIX} {error}"]
    store = lint_cache.Store.open(cache, salt, vocabulary, shown_vocabulary)
    problems: list[Problem] = []
    posts = []
    for path in post_files(content):
        shown_path = shown(path)
        size = path.stat().st_size
        if size > MAX_POST_BYTES:
            problems.append(Problem(shown_path, 0, messages.too_big(size, MAX_POST_BYTES)))
            continue
        data = path.read_bytes()
        checked = store.get(path, shown_path, data)
        if checked is None:
            post = post_from_bytes(path, shown_path, data)
            checked = lint_cache.Checked.of(
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
