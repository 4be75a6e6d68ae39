"""Wiring of roles: the vocabulary (roles.py) applied to posts' tags, and the pages built on it."""

import markdown
from markupsafe import Markup
from pelican import signals
from pelican.urlwrappers import Tag

from ..common import PREFIX, SettingsError, ours, shown, vocabulary_path
from ..posts import typography
from ..state import state
from . import chart
from . import vocabulary as roles


class RoleError(SettingsError):
    """A role problem (in the vocabulary or in a post's Tags) that stops the build."""


def load_roles(pelican) -> None:
    """Read and check the vocabulary once, before any post is read."""
    settings = pelican.settings
    path = vocabulary_path(settings)
    try:
        vocabulary = roles.load_vocabulary(path, shown_as=shown(path))
    except roles.VocabularyError as error:
        raise RoleError(f"{PREFIX} {error}") from None
    pair = vocabulary.compare
    if pair and compare_slug(*pair) in {role.slug for role in vocabulary}:
        raise RoleError(
            f"{PREFIX} {shown(path)}: the slug '{compare_slug(*pair)}' is taken by the compare "
            "page: choose another slug for that role"
        )
    state.vocabulary = vocabulary


def compare_slug(first: roles.Role, second: roles.Role) -> str:
    return f"{first.slug}-vs-{second.slug}"


def render_markdown(text: str, settings) -> Markup:
    """Role descriptions are Markdown, typeset like posts (curly quotes, dashes)."""
    config = settings["MARKDOWN"].get("extension_configs", {})
    html_text = markdown.Markdown(extensions=list(config), extension_configs=config).convert(text)
    if ours(settings).get("typogrify"):
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
    vocabulary = state.vocabulary
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
    title = "Which roles are written about together"
    svg = chart.co_occurrence_svg(
        names, matrix, title=title, desc=chart_description(names, matrix), ident="role-chart"
    )
    generator.context["roles_chart"] = Markup(chart.scroll_region(svg, f"Chart: {title}"))
    pair = state.vocabulary.compare
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
    """The compare page: the posts that carry both roles of the vocabulary's `compare`."""
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


def connect() -> None:
    signals.initialized.connect(load_roles)
    signals.article_generator_pretaxonomy.connect(canonical_roles)
    signals.article_generator_finalized.connect(roles_context)
    signals.article_writer_finalized.connect(write_compare_page)
