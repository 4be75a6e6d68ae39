"""Pairs of roles, as plain logic (no Pelican): which posts each pair shares, the address of
each pair's page, and the names of the chart's and table's cells that link to them.

Every pair of roles that shares a post gets a page listing those posts, at
<first>-and-<second> in the vocabulary's order. The vocabulary's curated `compare` pair is one
of them, at the address it has always had (<first>-vs-<second>, in the order `compare` names
them): one page per pair, so no address serves a copy of another and no old link breaks.
"""

from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import TypeVar

from .vocabulary import Role, Vocabulary

Post = TypeVar("Post")


def pair_slug(first: Role, second: Role) -> str:
    return f"{first.slug}-and-{second.slug}"


def compare_slug(first: Role, second: Role) -> str:
    return f"{first.slug}-vs-{second.slug}"


def pair_pages(vocabulary: Vocabulary) -> list[tuple[Role, Role, str]]:
    """Every pair's page there could be, as (first role, second role, slug): each pair in
    vocabulary order, but the curated compare pair in its own order at its compare address."""
    curated = frozenset(role.slug for role in vocabulary.compare or ())
    pages = [
        (first, second, pair_slug(first, second))
        for first, second in combinations(vocabulary.roles, 2)
        if {first.slug, second.slug} != curated
    ]
    if vocabulary.compare:
        first, second = vocabulary.compare
        pages.append((first, second, compare_slug(first, second)))
    return pages


def address_clash(vocabulary: Vocabulary) -> str | None:
    """The first address two pages under the role pages' folder would share (a role's and a
    pair's, or two pairs'), as the problem and its fix; None when every page has its own.

    Every pair there could be is checked, not only those sharing a post today, so a new post
    never turns a good vocabulary into a bad one.
    """
    roles = {role.slug: role.name for role in vocabulary}
    pages: dict[str, str] = {}
    curated = compare_slug(*vocabulary.compare) if vocabulary.compare else None
    for first, second, slug in pair_pages(vocabulary):
        what = "compare page" if slug == curated else "page"
        mine = f"the {what} of '{first.name}' and '{second.name}'"
        if slug in roles:
            return (
                f"the slug '{slug}' of role '{roles[slug]}' is also the address of {mine}: "
                f"choose another slug for role '{roles[slug]}'"
            )
        if slug in pages:
            return (
                f"{pages[slug]} and {mine} would share the address '{slug}': "
                "choose another slug for one of these roles"
            )
        pages[slug] = mine
    return None


def shared_posts(
    posts: Iterable[tuple[Post, Sequence[str]]], order: Sequence[str]
) -> dict[tuple[str, str], list[Post]]:
    """The posts each pair of roles shares, by the pair's slugs in `order` (the vocabulary's),
    each list in the order the posts came; pairs sharing no post are absent. A post naming a
    role twice counts once; a slug not in `order` is ignored."""
    rank = {slug: i for i, slug in enumerate(order)}
    shared: dict[tuple[str, str], list[Post]] = {}
    for post, slugs in posts:
        present = sorted({slug for slug in slugs if slug in rank}, key=rank.__getitem__)
        for pair in combinations(present, 2):
            shared.setdefault(pair, []).append(post)
    return shared


def posts_phrase(count: int) -> str:
    return f"{count} post{'' if count == 1 else 's'}"


def cell_label(names: Sequence[str], count: int) -> str:
    """The accessible name of a chart or table cell that links to a page: one role (the
    diagonal, its role page) or two (their pair's page), and how many posts it lists."""
    return f"{' and '.join(names)}: {posts_phrase(count)}"
