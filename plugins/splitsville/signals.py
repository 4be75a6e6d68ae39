"""Signal wiring: the only module here that imports Pelican. Logic lives in checks.py."""

import html
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader
from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page
from pelican.plugins._utils import get_namespace_plugins
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category, Tag

from . import chart, checks, lint, reproducible, roles, safety

log = logging.getLogger(__name__)
PREFIX = "splitsville:"


class SettingsError(Exception):
    """A problem in the settings that must stop the build before it starts."""


class QuietStops(logging.Filter):
    """Drop the traceback from the log line of a deliberate stop.

    Pelican logs whatever ended a build with its traceback. For our own errors, and for the
    stop that --fatal makes after a warning already printed, the message is all an author needs;
    any other exception is a bug and keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, SettingsError) or (
            isinstance(error, RuntimeError) and str(error) == "Warning or error encountered"
        ):
            record.exc_info = None
        return True


def check_settings(pelican) -> None:
    """Stop at start-up on settings that would build a wrong site quietly."""
    settings = pelican.settings
    ours = settings.get("SPLITSVILLE", {})
    problems = checks.plugin_problems(
        expected=ours.get("expected_plugins", ()),
        loaded=settings["PLUGINS"],
        installed=get_namespace_plugins(),
    )
    problems += checks.jinja_problems(settings["JINJA_ENVIRONMENT"])
    problems += checks.draft_problems(settings, production=ours.get("production", False))
    if problems:
        raise SettingsError("\n".join(f"{PREFIX} {p}" for p in problems))


def theme_templates_only(generator) -> None:
    """Load templates from our theme alone.

    Pelican falls back to its `simple` theme for any template ours lacks, which would
    publish a page we never designed; without the fallback a missing template stops the build.
    Templates of outputs switched off in the settings load as empty: Pelican asks for them but
    writes nothing with them.
    """
    unused = {f"{name}.html": "" for name in checks.switched_off_templates(generator.settings)}
    generator.env.loader = ChoiceLoader(
        [FileSystemLoader(generator._templates_path), DictLoader(unused)]
    )


class TextTitleMarkdownReader(MarkdownReader):
    """Markdown reader whose titles are text: escaped before typogrify turns them into HTML.

    Metadata loses the control characters HTML and XML forbid, and a file that cannot be read
    (empty, not UTF-8, too big, nested too deep) stops with the linter's one line about it.
    """

    def read(self, source_path):
        stop_on_unreadable(source_path)
        return super().read(source_path)

    def process_metadata(self, name, value):
        if isinstance(value, str):
            value = safety.without_controls(value)
        if name == "title":
            value = html.escape(value, quote=False)
        return super().process_metadata(name, value)


class ReadStop(SettingsError):
    """A post that cannot be built, with the one line that says why and how to fix it."""


def stop_on_unreadable(source_path) -> None:
    post = lint.read_post(Path(source_path), shown(source_path))
    problems = [post] if isinstance(post, lint.Problem) else lint.nesting_problems(post)
    if problems:
        raise ReadStop(f"{PREFIX} {problems[0]}")


class ReadErrors(logging.Filter):
    """Pelican logs a post it could not read as "Could not process <path>", hiding why.

    It logs from inside its `except`, so the exception is at hand: ours carry the whole line for
    the author; any other gets its type and message added, so no failure is left unexplained.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = sys.exc_info()[1]
        if record.msg == "Could not process %s" and error is not None:
            if isinstance(error, ReadStop):
                record.msg, record.args = str(error), ()
            else:
                record.msg = f"{record.msg}: {type(error).__name__}: {error}"
        return True


def use_text_titles(readers) -> None:
    for ext in TextTitleMarkdownReader.file_extensions:
        readers.reader_classes[ext] = TextTitleMarkdownReader


# --- Safety: what a post may put on a page (safety.py) ----------------------------------------
URLS_KEY = "SPLITSVILLE_URLS"  # save_as -> source file, for this build's posts and pages


def forget_urls(pelican) -> None:
    pelican.settings[URLS_KEY] = {}


def check_post(instance) -> None:
    """Per post and page, at read time: a slug, a URL of its own, safe links and assets.

    Raised here, a problem names the file (ReadErrors); Pelican itself would only warn about
    two posts with one URL, and write the second over the first.
    """
    if not isinstance(instance, Article | Page):
        return
    where = shown(instance.source_path)
    if not lint.has_word(instance.slug or ""):
        title = Markup(instance.title).striptags().replace("\xa0", " ")  # as typeset, unglued
        raise ReadStop(f"{PREFIX} {where}: {lint.empty_slug_message(title)}")
    if len(instance.slug) > lint.MAX_SLUG:
        raise ReadStop(f"{PREFIX} {where}: {lint.long_slug_message(instance.slug)}")
    seen = instance.settings.setdefault(URLS_KEY, {})
    if instance.save_as and instance.save_as in seen:
        first, second = sorted([seen[instance.save_as], where])  # whichever Pelican read first
        raise ReadStop(
            f"{PREFIX} {first} and {second} make one URL (slug '{instance.slug}') - change one "
            "post's Title, or give it a 'Slug: ...' line"
        )
    if instance.save_as:
        seen[instance.save_as] = where
    host = urlsplit(instance.settings.get("SITEURL", "")).hostname or ""
    instance._content = safety.add_noopener(instance._content or "", host)
    summary = instance.metadata.get("summary")
    if summary:
        instance.metadata["summary"] = instance._summary = safety.add_noopener(summary, host)
    if instance.settings.get("SPLITSVILLE", {}).get("production"):
        for url in safety.insecure_assets(f"{instance._content}{summary or ''}"):
            raise ReadStop(f"{PREFIX} {where}: {lint.insecure_message(url)}")


def settle_drafts(generator) -> None:
    """Production drops drafts before anything can list them; local builds give them a category.

    Pelican keeps drafts in the context even when it won't write them (pelican-series, for one,
    would link them), and with category pages off it crashes writing a draft that has no category
    (its URL needs the category's slug, even though no category page is written).
    """
    settings = generator.settings
    if settings.get("SPLITSVILLE", {}).get("production"):
        generator.drafts, generator.drafts_translations = [], []
    for draft in generator.drafts + generator.drafts_translations:
        if getattr(draft, "category", None) is None:
            draft.category = Category(settings["DEFAULT_CATEGORY"], settings)


def pin_sitemap_clock(generators) -> None:
    """Stamp pelican-sitemap's non-post pages with a time from the content, not the clock."""
    from pelican.plugins.sitemap import sitemap

    items = [
        item
        for generator in generators
        for item in getattr(generator, "articles", []) + getattr(generator, "pages", [])
    ]
    dates = [getattr(i, "modified", None) or getattr(i, "date", None) for i in items]
    try:
        sitemap.generator.now = reproducible.build_time(dates, os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as error:
        raise SettingsError(f"{PREFIX} {error}") from None


# --- Roles: the vocabulary of roles.py applied to posts' tags, and the pages built on it -------
ROLES_KEY = "SPLITSVILLE_ROLES"  # where load_roles leaves the vocabulary in the settings


class RoleError(SettingsError):
    """A role problem (in the vocabulary or in a post's Tags) that stops the build."""


def vocabulary_path(settings) -> Path:
    """SPLITSVILLE['roles'], relative to the content folder (PATH): the vocabulary travels with
    the content it describes, so a fixture or preview site brings its own."""
    return Path(settings["PATH"]) / settings.get("SPLITSVILLE", {}).get("roles", "roles.toml")


def shown(path) -> str:
    """A path as the author types it: relative to the folder the build runs in, if inside."""
    return roles.display_path(Path(path), Path.cwd())


def compare_pair(settings, vocabulary: roles.Vocabulary) -> tuple[roles.Role, roles.Role] | None:
    pair = settings.get("SPLITSVILLE", {}).get("compare_roles")
    if not pair:
        return None
    known = {role.slug: role for role in vocabulary}
    wrong = [slug for slug in pair if slug not in known]
    if len(pair) != 2 or wrong:
        raise RoleError(
            f"{PREFIX} SPLITSVILLE['compare_roles'] must be two role slugs from "
            f"{shown(vocabulary.path)}; {', '.join(map(repr, wrong)) or pair!r} is not: fix "
            "it in pelicanconf.py"
        )
    return known[pair[0]], known[pair[1]]


def load_roles(pelican) -> None:
    """Read and check the vocabulary once, before any post is read."""
    settings = pelican.settings
    path = vocabulary_path(settings)
    try:
        vocabulary = roles.load_vocabulary(path, shown_as=shown(path))
    except roles.VocabularyError as error:
        raise RoleError(f"{PREFIX} {error}") from None
    pair = compare_pair(settings, vocabulary)
    if pair and compare_slug(*pair) in {role.slug for role in vocabulary}:
        raise RoleError(
            f"{PREFIX} {shown(path)}: the slug '{compare_slug(*pair)}' is taken by the compare "
            "page: choose another slug for that role"
        )
    settings[ROLES_KEY] = vocabulary


def compare_slug(first: roles.Role, second: roles.Role) -> str:
    return f"{first.slug}-vs-{second.slug}"


def render_markdown(text: str, settings) -> Markup:
    """Role descriptions are Markdown, typeset like posts (curly quotes, dashes)."""
    config = settings["MARKDOWN"].get("extension_configs", {})
    html_text = markdown.Markdown(extensions=list(config), extension_configs=config).convert(text)
    if settings.get("TYPOGRIFY"):
        from typogrify.filters import typogrify

        html_text = typogrify(html_text)
    return Markup(html_text)  # trusted: written by us in the vocabulary, like post content


def role_tags(vocabulary: roles.Vocabulary, settings) -> dict[str, Tag]:
    """One Pelican Tag per role, with the vocabulary's name and slug and the role's texts."""
    tags = {}
    for role in vocabulary:
        tag = Tag(role.name, settings)
        tag.slug = role.slug
        tag.role = role
        tag.description_html = render_markdown(role.description, settings)
        tag.summary_html = render_markdown(roles.first_sentence(role.description), settings)
        tags[role.slug] = tag
    for tag in tags.values():
        tag.related_tags = [tags[slug] for slug in tag.role.related]
    return tags


def canonical_roles(generator) -> None:
    """Replace every post's tags by its canonical roles before Pelican groups posts by tag.

    So "project manager", "PM" and "Project-Manager" all land on the one Project Manager page;
    a tag that matches no role stops the build with one line per unknown tag.
    """
    vocabulary = generator.settings[ROLES_KEY]
    tags = role_tags(vocabulary, generator.settings)
    problems = []
    for post in (
        generator.articles
        + generator.translations
        + generator.hidden_articles
        + generator.hidden_translations
        + generator.drafts
        + generator.drafts_translations
    ):
        canonical = []
        for tag in getattr(post, "tags", []):
            role = vocabulary.resolve(tag.name)
            if role is None:
                problems.append(
                    roles.unknown_role_message(
                        shown(post.source_path),
                        tag.name,
                        vocabulary.suggest(tag.name),
                        shown(vocabulary.path),
                    )
                )
            elif tags[role.slug] not in canonical:
                canonical.append(tags[role.slug])
        if hasattr(post, "tags"):
            post.tags = post.metadata["tags"] = canonical
    if problems:
        raise RoleError("\n".join(f"{PREFIX} {problem}" for problem in problems))
    generator.role_tags = tags


def roles_context(generator) -> None:
    """Give templates the roles in vocabulary order, their co-occurrence, and the compare page."""
    tags = list(generator.role_tags.values())
    posts = dict(generator.tags)
    used = [tag for tag in tags if posts.get(tag)]
    for tag in tags:
        tag.post_count = len(posts.get(tag, []))
        tag.has_page = tag.post_count > 0  # roles without posts get no page nor empty feed
    matrix = roles.co_occurrence(
        ([tag.slug for tag in post.tags] for post in generator.articles),
        [tag.slug for tag in used],
    )
    names = [tag.name for tag in used]
    generator.context["roles"] = [(tag, posts.get(tag, [])) for tag in tags]
    generator.context["roles_matrix"] = list(zip(used, matrix, strict=True))
    generator.context["roles_chart"] = Markup(
        chart.co_occurrence_svg(
            names,
            matrix,
            title="Which roles are written about together",
            desc=chart_description(names, matrix),
            ident="role-chart",
        )
    )
    pair = compare_pair(generator.settings, generator.settings[ROLES_KEY])
    if pair:
        first, second = (generator.role_tags[role.slug] for role in pair)
        both = [post for post in generator.articles if first in post.tags and second in post.tags]
        slug = compare_slug(*pair)
        probe = Tag(slug, generator.settings)
        probe.slug = slug
        generator.context["roles_compare"] = {
            "roles": (first, second),
            "articles": both,
            "url": probe.url,
            "save_as": probe.save_as,
            "page_name": probe.page_name,
        }
        for tag in (first, second):
            tag.compare = generator.context["roles_compare"]


def chart_description(names: list[str], matrix: list[list[int]]) -> str:
    """The chart's <desc>: how to read it, and its strongest pairing in words."""
    pairs = [
        (matrix[i][j], names[i], names[j])
        for i in range(len(names))
        for j in range(i + 1, len(names))
    ]
    text = (
        f"A grid of {len(names)} roles, numbered 1 to {len(names)} down the left and across "
        "the top. Each cell counts the posts that carry both roles, and is darker the more "
        "posts there are; the outlined diagonal counts each role's own posts. The table "
        "after the chart holds the same numbers."
    )
    count, first, second = max(pairs, key=lambda pair: pair[0], default=(0, "", ""))
    if count:
        plural = "s" if count != 1 else ""
        text += f" {first} and {second} appear together most often, in {count} post{plural}."
    return text


def write_compare_page(generator, writer) -> None:
    """The compare page: the posts that carry both roles of SPLITSVILLE['compare_roles']."""
    compare = generator.context.get("roles_compare")
    if not compare:
        return
    writer.write_file(
        compare["save_as"],
        generator.get_template("compare"),
        generator.context,
        paginated={"articles": compare["articles"], "dates": compare["articles"]},
        template_name="compare",
        url=compare["url"],
        page_name=compare["page_name"],
        compare=compare,
        blog=True,
        all_articles=generator.articles,
    )


def register() -> None:
    logging.getLogger("pelican").addFilter(QuietStops())
    logging.getLogger("pelican.generators").addFilter(ReadErrors())
    signals.initialized.connect(forget_urls)
    signals.content_object_init.connect(check_post)
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(theme_templates_only)
    signals.readers_init.connect(use_text_titles)
    signals.article_generator_pretaxonomy.connect(settle_drafts)
    signals.all_generators_finalized.connect(pin_sitemap_clock)
    signals.initialized.connect(load_roles)
    signals.article_generator_pretaxonomy.connect(canonical_roles)
    signals.article_generator_finalized.connect(roles_context)
    signals.article_writer_finalized.connect(write_compare_page)
