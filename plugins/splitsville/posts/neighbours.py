"""Previous and next posts in time, for the links under each post."""

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def neighbours(
    items: Iterable[T], key: Callable[[T], object]
) -> list[tuple[T, T | None, T | None]]:
    """Each item with its older and newer neighbour in the order of key (None at either end).

    Sorting by a key that ends in something unique (a slug) keeps the order the same every build.
    """
    ordered = sorted(items, key=key)
    return [
        (item, ordered[i - 1] if i > 0 else None, ordered[i + 1] if i + 1 < len(ordered) else None)
        for i, item in enumerate(ordered)
    ]
