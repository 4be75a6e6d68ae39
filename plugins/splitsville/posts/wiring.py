"""What each post may be and links to, wired in: a slug and a URL of its own, its neighbours."""

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page

from ..common import PREFIX, ReadStop, shown
from ..state import state
from . import messages, neighbours, sections, typography
from .rules import MAX_SLUG, has_word


def check_post(instance) -> None:
    """Per post and page, at read time: a slug, and a URL of its own.

    Raised here, a problem names the file (build/guards.ReadErrors); Pelican itself would only
    warn about two posts with one URL, and write the second over the first. Links and assets are
    checked by our reader, whose results the content cache keeps.
    """
    if not isinstance(instance, Article | Page):
        return
    if not has_word(instance.slug or ""):
        title = Markup(instance.title).striptags().replace("\xa0", " ")  # as typeset, unglued
        where = shown(instance.source_path)
        raise ReadStop(f"{PREFIX} {where}: {messages.empty_slug(title)}")
    if len(instance.slug) > MAX_SLUG:
        where = shown(instance.source_path)
        raise ReadStop(f"{PREFIX} {where}: {messages.long_slug(instance.slug, MAX_SLUG)}")
    seen, save_as = state.urls, instance.save_as  # Pelican formats save_as anew each time
    if save_as and save_as in seen:
        first, second = sorted([shown(seen[save_as]), shown(instance.source_path)])
        raise ReadStop(f"{PREFIX} {messages.one_url(first, second, instance.slug)}")
    if save_as:
        seen[save_as] = instance.source_path


def older_and_newer(generator) -> None:
    """Each published post's previous and next post in time, for the links under it."""
    for post, older, newer in neighbours.neighbours(
        generator.articles, key=lambda a: (a.date, a.slug)
    ):
        post.older_post, post.newer_post = older, newer


def give_templates_filters(generator) -> None:
    """`|text` for templates: a post's typeset title or summary as machine text (meta tags,
    JSON-LD), without the no-break spaces widow control puts in; `|keep_roles` for a heading
    and `|keep_roles_in_headings` for a post's HTML. For a post's page alone (its feeds keep
    the content as it is): `|page_text` (a copy of each footnote beside its line, a link beside
    each heading) and `|toc` (the sections, if enough for a table of contents)."""
    generator.env.filters["text"] = typography.machine_text
    generator.env.filters["page_text"] = sections.page_text
    generator.env.filters["toc"] = sections.table_of_contents
    # a role's name (or alias) of several words never split in a heading
    vocabulary = state.vocabulary or ()
    names = [name for role in vocabulary for name in (role.name, *role.aliases)]
    generator.env.filters.update(typography.heading_filters(names))


def connect() -> None:
    signals.generator_init.connect(give_templates_filters)
    signals.content_object_init.connect(check_post)
    signals.article_generator_finalized.connect(older_and_newer)
