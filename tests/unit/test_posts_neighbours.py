"""The previous/next order: plugins/splitsville/posts/neighbours.py."""

from splitsville.posts.neighbours import neighbours


def test_neighbours_in_time_order_with_ends_empty():
    posts = [("2026-10-02", "b"), ("2026-10-01", "a"), ("2026-10-02", "a2")]
    assert neighbours(posts, key=lambda p: p) == [
        (("2026-10-01", "a"), None, ("2026-10-02", "a2")),
        (("2026-10-02", "a2"), ("2026-10-01", "a"), ("2026-10-02", "b")),
        (("2026-10-02", "b"), ("2026-10-02", "a2"), None),
    ]
    assert neighbours([], key=lambda p: p) == []
