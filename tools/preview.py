"""`make serve`'s quick preview: an edited post's new text on its page at once, before the build.

A full build of a thousand posts takes seconds. When one post's file changes, its page in the
last build gets the post's new text (read and typeset by our reader, shaped by the theme's own
`prose` macro) in a fraction of a second; the full build follows and replaces the whole page.
Local builds mark where the text sits (article.html); production pages carry no marks.
"""

import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from splitsville.build.reader import SplitsvilleMarkdownReader
from splitsville.common import vocabulary_path
from splitsville.posts import typography
from splitsville.posts.sections import page_text
from splitsville.posts.source import Post, Problem, read_post
from splitsville.roles.vocabulary import VocabularyError, load_vocabulary

START, END = "<!--prose-->", "<!--/prose-->"
# {filename} and {static} links as Markdown leaves them in the HTML, before Pelican resolves them.
INTERNAL_LINK = re.compile(r'(?P<attr>href|src)="\{(?P<kind>filename|static)\}(?P<path>[^"#]*)')


def role_names(settings: dict) -> list[str]:
    """Every role's name and alias, as the build's templates know them; none when the
    vocabulary can't be read (the build that follows says why)."""
    try:
        vocabulary = load_vocabulary(vocabulary_path(settings))
    except (VocabularyError, OSError):
        return []
    return [name for role in vocabulary for name in (role.name, *role.aliases)]


class Preview:
    """One content folder's quick preview: its settings, our reader and the theme's `prose`
    macro, made once so that each save costs only the read of one post."""

    def __init__(self, settings: dict, slugify: Callable[[str], str]) -> None:
        self.settings = settings
        self.slugify = slugify
        self.reader = SplitsvilleMarkdownReader(settings)
        loader = FileSystemLoader(str(Path(settings["THEME"]) / "templates"))
        env = Environment(loader=loader, **settings.get("JINJA_ENVIRONMENT", {}))
        env.filters.update(typography.heading_filters(role_names(settings)))
        self.prose = env.get_template("macros/post.html").module.prose

    def save_as(self, post: Post) -> str:
        """The file a post's page is written to, as Pelican names it."""
        meta = {key: value for key, (value, _) in post.meta.items()}
        slug = meta.get("slug") or self.slugify(meta.get("title", ""))
        pattern = "DRAFT_SAVE_AS" if post.is_draft else "ARTICLE_SAVE_AS"
        return self.settings[pattern].format(slug=slug)

    def url_of(self, target: Path) -> str:
        """Where a {filename} target post (or a {static} file) is published."""
        content = Path(self.settings["PATH"])
        if target.suffix == ".md":
            post = read_post(target, str(target))
            if isinstance(post, Problem):
                return ""
            return self.save_as(post).removesuffix("index.html")
        return target.relative_to(content).as_posix()

    def resolve_links(self, html: str, post: Path) -> str:
        content = Path(self.settings["PATH"]).resolve()

        def resolve(match: re.Match) -> str:
            path = match["path"]  # from the content folder with a leading "/", else the post's
            target = (content / path[1:] if path.startswith("/") else post.parent / path).resolve()
            url = self.url_of(target) if target.is_file() else ""
            return f'{match["attr"]}="{self.settings["SITEURL"]}/{url}'

        return INTERNAL_LINK.sub(resolve, html)

    def show(self, source: Path, output: Path) -> Path | None:
        """Put the post's new text into its page under `output`; the page, or None if the post
        cannot be previewed (new, unreadable, or its page not in the last build)."""
        post = read_post(source, str(source))
        if isinstance(post, Problem):
            return None
        page = output / self.save_as(post)
        try:
            html = page.read_text(encoding="utf-8")
            content, _ = self.reader.read_now(str(source))
        except Exception:  # anything the build would refuse: the build will say why
            return None
        start, end = html.find(START), html.find(END)
        if start < 0 or end < start:
            return None
        # As article.html shows the text: sidenotes and headings' links (posts/sections.py).
        prose = str(self.prose(page_text(self.resolve_links(content, source.resolve()))))
        partial = page.with_name(f".{page.name}.preview")
        partial.write_text(html[: start + len(START)] + prose + html[end:], encoding="utf-8")
        partial.replace(page)
        return page
