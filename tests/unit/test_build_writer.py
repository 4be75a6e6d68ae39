"""How the writer shares the pages out among its workers (build/writer.py): every page once,
the costliest first, in chunks of about the same cost."""

from hypothesis import given
from hypothesis import strategies as st
from splitsville.build.writer import balanced_chunks, cost


def call(paginated=None, **kwargs) -> tuple:
    """A held write_file call as the writer keeps it: (name, template, context, args, kwargs)."""
    return ("page.html", None, {}, (), {"paginated": paginated, **kwargs})


def test_a_list_costs_a_page_of_rendering_for_every_ten_posts_it_pages():
    posts = list(range(1000))
    assert cost(call()) == 1  # a post's own page
    assert cost(call(all_articles=posts)) == 1  # what it is given is not what it renders
    assert cost(call({"articles": posts, "dates": posts})) == 101
    assert cost(call({"articles": posts[:27]})) == 3


@given(
    st.lists(st.integers(min_value=1, max_value=200), min_size=1, max_size=400),
    st.integers(min_value=2, max_value=8),
)
def test_chunks_hold_every_page_once_costliest_first(costs, workers):
    indexes = [10 * n for n in range(len(costs))]  # the writer's indexes are not 0..n
    chunks = balanced_chunks(indexes, costs, workers)
    taken = [index for chunk in chunks for index in chunk]
    assert sorted(taken) == indexes
    of = dict(zip(indexes, costs, strict=True))
    assert [of[index] for index in taken] == sorted(costs, reverse=True)
    target = max(1, sum(costs) // (workers * 32))
    # A chunk ends as soon as it reaches the target: only its last page can take it past.
    for chunk in chunks:
        assert sum(of[index] for index in chunk[:-1]) < target
    assert all(chunks)


def test_the_home_page_does_not_wait_behind_the_posts():
    # A thousand posts and the home page's hundred pages, in Pelican's order (posts first).
    costs = [1] * 1000 + [101]
    chunks = balanced_chunks(list(range(1001)), costs, 2)
    assert chunks[0] == [1000]
    assert len(chunks) > 2 * 16  # the last chunk is a small part of either worker's share
