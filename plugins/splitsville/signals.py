"""Signal wiring: Pelican's signals connected to our logic, which lives in the other modules."""

import logging
import os
import shutil
import sys
from pathlib import Path

import markdown
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader
from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page
from pelican.log import console
from pelican.plugins._utils import get_namespace_plugins
from pelican.urlwrappers import Category, Tag

from . import (
    cards,
    chart,
    checks,
    feeds,
    fingerprint,
    jsonfeed,
    lint,
    llms,
    neighbours,
    reproducible,
    roles,
    typography,
)
from .errors import SettingsError
from .reader import ReadStop, SplitsvilleMarkdownReader, read_all
from .writer import ParallelWriter

log = logging.getLogger(__name__)
PREFIX = "splitsville:"


class QuietStops(logging.Filter):
    """Drop the traceback from the log line of a deliberate stop.

    Pelican logs whatever ended a build with its traceback. For our own errors the message is all
    an author needs; the stop that --fatal makes after a warning adds nothing to the warning
    already printed, so it goes; any other exception is a bug and keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, RuntimeError) and str(error) == "Warning or error encountered":
            return False
        if isinstance(error, SettingsError):
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


def use_our_reader(readers) -> None:
    for ext in SplitsvilleMarkdownReader.file_extensions:
        readers.reader_classes[ext] = SplitsvilleMarkdownReader


def read_ahead(generator) -> None:
    """Read every Markdown file of this generator not in the content cache, on all cores,
    before Pelican asks for them."""
    settings = generator.settings
    kind = "ARTICLE" if hasattr(generator, "articles") else "PAGE"
    files = generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"])
    extensions = tuple(f".{ext}" for ext in SplitsvilleMarkdownReader.file_extensions)
    root = os.path.abspath(generator.path)
    paths = [os.path.join(root, f) for f in files if f.endswith(extensions)]
    changed = [p for p in paths if generator.readers.get_cached_data(p) is None]
    # Printed like Pelican's own "Done:" line, so it shows without --verbose (and without our
    # "splitsville:" prefix, which marks problems: `serve` shows those lines on the page).
    if paths:
        cached = len(paths) - len(changed)
        console.print(
            f"Reading {len(changed)} of {len(paths)} {kind.lower()}s ({cached} from the cache)"
        )
    read_all(settings, changed)


# What the content cache depends on besides the posts and settings: libraries and plugins that
# turn Markdown into the HTML it keeps (their versions), our plugin and theme (their files).
CACHE_PACKAGES = (
    "pelican",
    "markdown",
    "pygments",
    "typogrify",
    "smartypants",
    "jinja2",
    "pelican-series",
    "pelican-sitemap",
    "pelican-related-posts",
)
CACHE_FOLDERS_KEPT = 8  # e.g. local and production builds of a few content folders
CACHE_ROOT_KEY = "SPLITSVILLE_CACHE_ROOT"  # CACHE_PATH as set: the social cards' cache lives there


def content_cache_folder(pelican) -> None:
    """Give Pelican's content cache a folder named by the fingerprint of all it depends on.

    Pelican checks each post's bytes (CHECK_MODIFIED_METHOD) but would reuse a post read with
    other settings, plugins, theme or role vocabulary: those pick another folder instead.
    """
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    base = Path(settings["CACHE_PATH"])
    inputs = [Path(__file__).parent, Path(settings["THEME"]), vocabulary_path(settings)]
    folder = base / fingerprint.fingerprint(settings, inputs, CACHE_PACKAGES)
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # the folder in use is the newest: pruning keeps it
    fingerprint.prune(base, CACHE_FOLDERS_KEPT)
    settings[CACHE_ROOT_KEY], settings["CACHE_PATH"] = str(base), str(folder)


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


# --- Safety: what a post may put on a page (safety.py) ----------------------------------------
URLS_KEY = "SPLITSVILLE_URLS"  # save_as -> source file, for this build's posts and pages


def forget_urls(pelican) -> None:
    pelican.settings[URLS_KEY] = {}


def check_post(instance) -> None:
    """Per post and page, at read time: a slug, and a URL of its own.

    Raised here, a problem names the file (ReadErrors); Pelican itself would only warn about
    two posts with one URL, and write the second over the first. Links and assets are checked
    by our reader, whose results the content cache keeps.
    """
    if not isinstance(instance, Article | Page):
        return
    if not lint.has_word(instance.slug or ""):
        title = Markup(instance.title).striptags().replace("\xa0", " ")  # as typeset, unglued
        where = shown(instance.source_path)
        raise ReadStop(f"{PREFIX} {where}: {lint.empty_slug_message(title)}")
    if len(instance.slug) > lint.MAX_SLUG:
        where = shown(instance.source_path)
        raise ReadStop(f"{PREFIX} {where}: {lint.long_slug_message(instance.slug)}")
    seen = instance.settings.setdefault(URLS_KEY, {})
    if instance.save_as and instance.save_as in seen:
        first, second = sorted([shown(seen[instance.save_as]), shown(instance.source_path)])
        raise ReadStop(
            f"{PREFIX} {first} and {second} make one URL (slug '{instance.slug}') - change one "
            "post's Title, or give it a 'Slug: ...' line"
        )
    if instance.save_as:
        seen[instance.save_as] = instance.source_path
    if not instance.source_path.endswith(MARKDOWN_SUFFIXES):  # not read by our reader
        reader = SplitsvilleMarkdownReader(instance.settings)
        instance._content, metadata = reader.make_safe(
            instance.source_path, instance._content or "", instance.metadata
        )
        if metadata.get("summary"):
            instance._summary = metadata["summary"]


MARKDOWN_SUFFIXES = tuple(f".{ext}" for ext in SplitsvilleMarkdownReader.file_extensions)


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
    if settings.get("SPLITSVILLE", {}).get("typogrify"):
        html_text = typography.typeset(html_text)
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


# --- Feeds: full posts with absolute URLs, a stylesheet for browsers, JSON Feed, llms.txt ------
def absolute_feed_links(context, feed) -> None:
    """Make every URL inside each entry absolute before Pelican writes the feed.

    Pelican already makes {filename} and {static} links absolute; this catches the rest, such as
    the footnote links `#fn:1` that would otherwise point into the feed reader.
    """
    for entry in feed.items:
        for key in ("description", "content"):
            if entry.get(key):
                entry[key] = feeds.absolute_links(entry[key], entry["link"])


def feed_stylesheet_url(settings) -> str:
    return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/feed.xsl"


def add_feed_stylesheet(path, context, feed) -> None:
    """Point the written Atom or RSS file at our XSLT, so a browser shows it as a page."""
    written = Path(path)
    text = written.read_text(encoding="utf-8")
    written.write_text(feeds.with_stylesheet(text, feed_stylesheet_url(context)), encoding="utf-8")


def post_entry(article, siteurl: str) -> jsonfeed.Entry:
    url = f"{siteurl}/{article.url}"
    modified = getattr(article, "modified", None)
    return jsonfeed.Entry(
        url=url,
        title=llms.plain(article.title),
        content_html=feeds.absolute_links(article.get_content(siteurl), url),
        summary=llms.plain(article.summary),
        date_published=article.date,
        date_modified=modified,
        tags=tuple(tag.name for tag in article.tags),
        authors=tuple(author.name for author in getattr(article, "authors", [])),
    )


def newest(articles: list, settings) -> list:
    """The posts a feed carries: the newest FEED_MAX_ITEMS (articles come newest first)."""
    return articles[: settings.get("FEED_MAX_ITEMS")]


def write_json_feed_and_llms(generator, writer) -> None:
    """feeds/all.json (JSON Feed 1.1, newest posts) and llms.txt (every post), published only."""
    settings = generator.settings
    ours = settings.get("SPLITSVILLE", {})
    siteurl = settings["SITEURL"]
    output = Path(writer.output_path)
    if path := ours.get("json_feed"):
        feed = jsonfeed.build(
            title=settings["SITENAME"],
            home_page_url=f"{siteurl}/",
            feed_url=f"{settings.get('FEED_DOMAIN') or siteurl}/{path}",
            description=settings.get("SITE_DESCRIPTION", ""),
            authors=(settings["AUTHOR"],) if settings.get("AUTHOR") else (),
            language=settings.get("DEFAULT_LANG", ""),
            icon=f"{siteurl}/favicon.svg",
            entries=[post_entry(a, siteurl) for a in newest(generator.articles, settings)],
        )
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_text(jsonfeed.dumps(feed), encoding="utf-8")
    if path := ours.get("llms_txt"):
        oldest_first = sorted(generator.articles, key=lambda a: (a.date, a.slug))
        text = llms.render(
            settings["SITENAME"],
            settings.get("SITE_DESCRIPTION", ""),
            [(a.title, f"{siteurl}/{a.url}", a.summary) for a in oldest_first],
        )
        (output / path).write_text(text, encoding="utf-8")


def older_and_newer(generator) -> None:
    """Each published post's previous and next post in time, for the links under it."""
    for post, older, newer in neighbours.neighbours(
        generator.articles, key=lambda a: (a.date, a.slug)
    ):
        post.older_post, post.newer_post = older, newer


# --- Social cards: a PNG per post (cards.py), named by og:image in the post's head ------------
def plan_cards(generator) -> None:
    """Give each post its card's address and alt text, for partials/head.html."""
    settings = generator.settings
    pattern = settings.get("SPLITSVILLE", {}).get("cards")
    if not pattern:
        return
    for post in generator.articles + generator.drafts:  # production has no drafts left
        title, names = cards.plain_text(post.title), [str(tag) for tag in post.tags]
        save_as = pattern.format(slug=post.slug)
        post.card = {
            "save_as": save_as,
            "url": f"{settings['SITEURL']}/{save_as}",
            "alt": cards.alt_text(title, names, settings["SITENAME"]),
            "title": title,
            "roles": names,
            "size": cards.SIZE,
        }


def write_cards(generator, writer) -> None:
    """Draw the cards into the output, in the colours of the theme's main.css."""
    posts = [post for post in generator.articles + generator.drafts if hasattr(post, "card")]
    if not posts:
        return
    css = Path(generator.settings["THEME"]) / "static" / "css" / "main.css"
    try:
        colours = cards.css_tokens(css.read_text(encoding="utf-8"))
    except (OSError, cards.CardError) as error:
        raise SettingsError(f"{PREFIX} {shown(css)}: {error}") from None
    cache = Path(generator.settings.get(CACHE_ROOT_KEY, generator.settings["CACHE_PATH"]))
    site = generator.settings["SITENAME"]
    jobs = {}
    for post in posts:
        card = post.card
        path = cards.cached_path(cache / "cards", card["title"], card["roles"], site, colours)
        jobs[Path(writer.output_path) / card["save_as"]] = (path, card["title"], card["roles"])
    workers = generator.settings.get("SPLITSVILLE", {}).get("workers") or os.cpu_count() or 1
    cards.render_missing([(*job, site, colours) for job in jobs.values()], workers)
    for target, (path, *_) in jobs.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


# --- Writing pages on all cores (writer.py) ---------------------------------------------------
def parallel_writer(pelican) -> type:
    return ParallelWriter


def write_held_pages(generator, writer) -> None:
    """The article generator is done: render the pages it wrote, before anything else writes."""
    if isinstance(writer, ParallelWriter):
        writer.flush()


def register() -> None:
    logging.getLogger("pelican").addFilter(QuietStops())
    logging.getLogger("pelican.generators").addFilter(ReadErrors())
    signals.initialized.connect(forget_urls)
    signals.get_writer.connect(parallel_writer)
    # First of the article_writer_finalized handlers: the compare page is written after it.
    signals.article_writer_finalized.connect(write_held_pages)
    signals.content_object_init.connect(check_post)
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(theme_templates_only)
    signals.readers_init.connect(use_our_reader)
    signals.article_generator_init.connect(read_ahead)
    signals.page_generator_init.connect(read_ahead)
    signals.article_generator_pretaxonomy.connect(settle_drafts)
    signals.all_generators_finalized.connect(pin_sitemap_clock)
    signals.initialized.connect(load_roles)
    signals.initialized.connect(content_cache_folder)  # last: the settings are complete
    signals.article_generator_pretaxonomy.connect(canonical_roles)
    signals.article_generator_finalized.connect(roles_context)
    signals.article_writer_finalized.connect(write_compare_page)
    signals.feed_generated.connect(absolute_feed_links)
    signals.feed_written.connect(add_feed_stylesheet)
    signals.article_writer_finalized.connect(write_json_feed_and_llms)
    signals.article_generator_finalized.connect(older_and_newer)
    signals.article_generator_finalized.connect(plan_cards)
    signals.article_writer_finalized.connect(write_cards)
