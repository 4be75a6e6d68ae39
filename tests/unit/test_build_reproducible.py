"""plugins/splitsville/reproducible.py: the one time a build stamps, never the clock."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from splitsville.build.reproducible import EPOCH, build_time


def test_the_newest_content_date_wins_without_source_date_epoch():
    dates = [datetime(2026, 10, 1, 9, tzinfo=UTC), None, datetime(2026, 10, 29, 9, tzinfo=UTC)]
    assert build_time(dates, None) == datetime(2026, 10, 29, 9, tzinfo=UTC)
    assert build_time(dates, "") == datetime(2026, 10, 29, 9, tzinfo=UTC)


def test_source_date_epoch_is_honoured_over_the_content():
    dates = [datetime(2026, 10, 1, tzinfo=UTC)]
    assert build_time(dates, "1700000000") == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_no_dates_at_all_gives_1970_not_now():
    assert build_time([], None) == EPOCH
    assert build_time([None], None) == EPOCH


def test_naive_and_offset_dates_compare_as_utc():
    paris = timezone(timedelta(hours=2))
    dates = [datetime(2026, 10, 1, 12, tzinfo=paris), datetime(2026, 10, 1, 11)]
    assert build_time(dates, None) == datetime(2026, 10, 1, 11, tzinfo=UTC)


@pytest.mark.parametrize("bad", ["yesterday", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_names_the_fix(bad):
    with pytest.raises(ValueError, match=f"SOURCE_DATE_EPOCH is '{bad}': set it to whole seconds"):
        build_time([], bad)


class _Post:
    def __init__(self, day: int, modified: int | None = None):
        self.date = datetime(2026, 1, day, tzinfo=UTC)
        if modified:
            self.modified = datetime(2026, 1, modified, tzinfo=UTC)


class _Page:
    def __init__(self, posts):
        self.object_list = posts


def test_a_list_page_is_dated_by_its_own_posts():
    from splitsville.build.reproducible import newest_listed

    every = [_Post(1), _Post(9), _Post(3, modified=20)]
    assert newest_listed({"articles": every}) == datetime(2026, 1, 20, tzinfo=UTC)
    # A paginated page: its own page of posts, not the whole list it was cut from.
    page = {"articles": every, "articles_page": _Page(every[:2])}
    assert newest_listed(page) == datetime(2026, 1, 9, tzinfo=UTC)
    assert newest_listed({"articles": every, "article": every[0]}) is None  # a post's own page
    assert newest_listed({}) is None and newest_listed({"articles": []}) is None
