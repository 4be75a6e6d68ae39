"""Pairs of roles (plugins/splitsville/roles/pairs.py): the posts each pair shares, each pair
page's address, the addresses that clash, and the names of the cells that link to them."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from splitsville.roles import pairs
from splitsville.roles.vocabulary import Role, Vocabulary


def role(slug: str, name: str | None = None) -> Role:
    return Role(name=name or slug.title(), slug=slug, description="D.")


def vocabulary(*slugs: str, compare: tuple[str, str] | None = None) -> Vocabulary:
    found = {slug: role(slug) for slug in slugs}
    pair = (found[compare[0]], found[compare[1]]) if compare else None
    return Vocabulary(tuple(found.values()), Path("roles.toml"), compare=pair)


def addresses(vocab: Vocabulary) -> list[tuple[str, str, str]]:
    return [(a.slug, b.slug, slug) for a, b, slug in pairs.pair_pages(vocab)]


def test_every_pair_in_vocabulary_order():
    assert addresses(vocabulary("a", "b", "c")) == [
        ("a", "b", "a-and-b"),
        ("a", "c", "a-and-c"),
        ("b", "c", "b-and-c"),
    ]


def test_the_compare_pair_keeps_its_address_and_order_instead_of_a_second_page():
    found = addresses(vocabulary("a", "b", "c", compare=("c", "a")))
    assert found == [("a", "b", "a-and-b"), ("b", "c", "b-and-c"), ("c", "a", "c-vs-a")]


def test_one_role_or_none_has_no_pair():
    assert addresses(vocabulary("a")) == []
    assert pairs.address_clash(vocabulary("a")) is None


def test_distinct_addresses_are_no_clash():
    assert pairs.address_clash(vocabulary("r-and-d", "lead", compare=("r-and-d", "lead"))) is None


def test_a_role_slug_that_is_a_pair_address():
    vocab = vocabulary("r", "d", "r-and-d")
    assert pairs.address_clash(vocab) == (
        "the slug 'r-and-d' of role 'R-And-D' is also the address of the page of 'R' and 'D': "
        "choose another slug for role 'R-And-D'"
    )


def test_a_role_slug_that_is_the_compare_address():
    vocab = vocabulary("a", "b", "a-vs-b", compare=("a", "b"))
    assert pairs.address_clash(vocab) == (
        "the slug 'a-vs-b' of role 'A-Vs-B' is also the address of the compare page of 'A' and "
        "'B': choose another slug for role 'A-Vs-B'"
    )


def test_two_pairs_with_one_address():
    vocab = vocabulary("a", "b-and-c", "a-and-b", "c")
    assert pairs.address_clash(vocab) == (
        "the page of 'A' and 'B-And-C' and the page of 'A-And-B' and 'C' would share the "
        "address 'a-and-b-and-c': choose another slug for one of these roles"
    )


def test_shared_posts_by_pair_in_vocabulary_order_posts_in_their_order():
    posts = [("new", ["b", "a", "c"]), ("mid", ["a"]), ("old", ["c", "a", "a", "unknown"])]
    assert pairs.shared_posts(posts, ["a", "b", "c"]) == {
        ("a", "b"): ["new"],
        ("a", "c"): ["new", "old"],
        ("b", "c"): ["new"],
    }
    assert pairs.shared_posts([], ["a"]) == {}


@given(st.lists(st.lists(st.sampled_from("abcd"), max_size=4), max_size=6))
def test_a_pair_shares_exactly_the_posts_that_carry_both(posts):
    shared = pairs.shared_posts(list(enumerate(posts)), list("abcd"))
    for first, second in [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]:
        both = [n for n, slugs in enumerate(posts) if first in slugs and second in slugs]
        assert shared.get((first, second), []) == both
    assert all(first < second for first, second in shared)


def test_cell_labels_name_the_roles_and_count_the_posts():
    assert pairs.cell_label(["Project Manager", "Account Manager"], 2) == (
        "Project Manager and Account Manager: 2 posts"
    )
    assert pairs.cell_label(["Strategist"], 1) == "Strategist: 1 post"
