"""`invoke new-post`: a draft post with every metadata line filled in, checked as `check` would.

The title must make a slug and the tags must name roles of the vocabulary, so the draft passes
the lint as soon as its Summary and body are written.
"""

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit

from tools import shown
from tools.check import post_slug, vocabulary_of
from tools.serve import PORT

# Both options are needed; invoke gets them as options with empty defaults, not as required
# positional arguments, so that `invoke new-post --help` shows the help instead of refusing.
USAGE = 'run it as: invoke new-post --title "The Post\'s Title" --tags "Role, Role"'


def new_post(title: str, tags: str, content: str = "content") -> Path:
    """Write content/posts/<slug>.md as a draft and print its path; Exit if the title makes no
    slug, a tag is no role, or the file exists already."""
    from splitsville.common import PREFIX
    from splitsville.posts.messages import SUMMARY_PLACEHOLDER
    from splitsville.posts.source import split_tags
    from splitsville.roles.vocabulary import (
        VocabularyError,
        load_vocabulary,
        unknown_role_message,
    )

    if not title.strip() or not tags.strip():
        missing = "--title" if not title.strip() else "--tags"
        raise Exit(f"new-post: no {missing} given - {USAGE}", 1)
    title = " ".join(title.split())
    slug = post_slug(title)
    if not slug:
        raise Exit(f'new-post: the title "{title}" has no letters or digits - give it some', 1)
    vocabulary_path = vocabulary_of(Path(content))
    try:
        vocabulary = load_vocabulary(vocabulary_path, shown_as=shown(vocabulary_path))
    except VocabularyError as error:
        raise Exit(f"{PREFIX} {error}", 1) from None
    roles, unknown = [], []
    for tag in split_tags(tags):
        role = vocabulary.resolve(tag)
        if role is None:
            unknown.append(
                unknown_role_message("--tags", tag, vocabulary.suggest(tag), shown(vocabulary_path))
            )
        elif role.name not in roles:
            roles.append(role.name)
    if unknown or not roles:
        raise Exit("\n".join(unknown) or "new-post: --tags names no role - give at least one", 1)
    path = Path(content) / "posts" / f"{slug}.md"
    if path.exists():
        raise Exit(f"new-post: {shown(path)} already exists - edit it, or choose another title", 1)
    from pelicanconf import TIMEZONE  # dates in posts are read in the site's time zone

    now = datetime.now(ZoneInfo(TIMEZONE)).strftime("%Y-%m-%d %H:%M")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Title: {title}\nDate: {now}\nTags: {', '.join(roles)}\n"
        f"Summary: {SUMMARY_PLACEHOLDER}\nStatus: draft\n\nWrite the post here, in Markdown.\n",
        encoding="utf-8",
    )
    print(shown(path))
    print(
        f"A draft: `make serve` shows it at http://127.0.0.1:{PORT}/drafts/{slug}/. "
        "Write the Summary and body, then delete the Status line to publish it.",
        file=sys.stderr,
    )
    return path
