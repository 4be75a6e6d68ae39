"""Wiring of roles: the vocabulary (roles.py) applied to posts' tags, and the pages built on it."""

import markdown
from markupsafe import Markup
from pelican import signals
from pelican.urlwrappers import Tag

from ..common import PREFIX, SettingsError, ours, shown, vocabulary_path
from ..posts import typography
from ..state import state
from . import chart, pairs
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
    if problem := pairs.address_clash(vocabulary):
        raise RoleError(f"{PREFIX} {shown(path)}: {problem}")
    state.vocabulary = vocabulary


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
    """Give templates the roles in vocabulary order, their co-occurrence (the chart and table,
    each cell a link to the page of its posts) and the pair pages, the compare page one."""
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
    pages = pair_pages(generator)
    generator.context["roles"] = [(tag, posts.get(tag, [])) for tag in tags]
    generator.context["roles_pairs"] = list(pages.values())
    cells = [
        [matrix_cell(row, column, count, pages) for column, count in zip(used, counts, strict=True)]
        for row, counts in zip(used, matrix, strict=True)
    ]
    generator.context["roles_matrix"] = list(zip(used, cells, strict=True))
    siteurl = generator.settings["SITEURL"]
    links = [
        [(f"{siteurl}/{c['url']}", c["label"]) if c["url"] else None for c in r] for r in cells
    ]
    names = [tag.name for tag in used]
    title = "Which roles are written about together"
    svg = chart.co_occurrence_svg(
        names,
        matrix,
        title=title,
        desc=chart_description(names, matrix),
        ident="role-chart",
        links=links,
    )
    generator.context["roles_chart"] = Markup(chart.scroll_region(svg, f"Chart: {title}"))
    if state.vocabulary.compare:
        first, second = (generator.role_tags[role.slug] for role in state.vocabulary.compare)
        generator.context["roles_compare"] = pages[frozenset((first, second))]
        for tag in (first, second):
            tag.compare = generator.context["roles_compare"]


def matrix_cell(row: Tag, column: Tag, count: int, pages: dict[frozenset, dict]) -> dict:
    """A cell of the chart and the table: its count and, when it counts any post, the page
    that lists them with the link's accessible name. The diagonal counts a role's own posts,
    so it links the role's page: every number leads to the very posts it counts."""
    if not count:
        return {"count": count, "url": None, "label": None}
    page = {"roles": (row,), "url": row.url} if row is column else pages[frozenset((row, column))]
    label = pairs.cell_label([tag.name for tag in page["roles"]], count)
    return {"count": count, "url": page["url"], "label": label}


def pair_pages(generator) -> dict[frozenset, dict]:
    """The page of each pair of roles sharing a post, by its two tags, and always the compare
    pair's (which says so when its roles share none): what pair.html needs of each."""
    tags = generator.role_tags
    shared = pairs.shared_posts(
        ((post, [tag.slug for tag in post.tags]) for post in generator.articles), list(tags)
    )
    pages = {}
    for first, second, slug in pairs.pair_pages(state.vocabulary):
        both = shared.get((first.slug, second.slug)) or shared.get((second.slug, first.slug))
        if not both and state.vocabulary.compare != (first, second):
            continue
        probe = Tag(slug, generator.settings)  # the role pages' URL pattern (TAG_URL)
        probe.slug = slug
        pages[frozenset((tags[first.slug], tags[second.slug]))] = {
            "roles": (tags[first.slug], tags[second.slug]),
            "articles": both or [],
            "url": probe.url,
            "save_as": probe.save_as,
            "page_name": probe.page_name,
        }
    return pages


def chart_description(names: list[str], matrix: list[list[int]]) -> str:
    """The chart's <desc>: how to read it, and its strongest pairing in words."""
    counted = [
        (matrix[i][j], names[i], names[j])
        for i in range(len(names))
        for j in range(i + 1, len(names))
    ]
    text = (
        f"A grid of {len(names)} roles, numbered 1 to {len(names)} down the left and across "
        "the top. Each cell counts the posts that carry both roles, and is darker the more "
        "posts there are; the outlined diagonal counts each role’s own posts. A cell with "
        "posts links to their page. The table after the chart holds the same numbers."
    )
    count, first, second = max(counted, key=lambda pair: pair[0], default=(0, "", ""))
    if count:
        plural = "s" if count != 1 else ""
        text += f" {first} and {second} appear together most often, in {count} post{plural}."
    return text


def write_pair_pages(generator, writer) -> None:
    """Each pair's page (the compare page among them): the posts that carry both roles,
    paginated like a role page."""
    for pair in generator.context.get("roles_pairs", ()):
        writer.write_file(
            pair["save_as"],
            generator.get_template("pair"),
            generator.context,
            paginated={"articles": pair["articles"], "dates": pair["articles"]},
            template_name="pair",
            url=pair["url"],
            page_name=pair["page_name"],
            pair=pair,
            blog=True,
            all_articles=generator.articles,
        )


def connect() -> None:
    signals.initialized.connect(load_roles)
    signals.article_generator_pretaxonomy.connect(canonical_roles)
    signals.article_generator_finalized.connect(roles_context)
    signals.article_writer_finalized.connect(write_pair_pages)
