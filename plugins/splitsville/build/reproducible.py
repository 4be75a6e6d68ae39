"""Reproducible builds: the one time a build may stamp where the content gives none.

Plain functions of plain data (no Pelican imports). Two builds of the same commit and SITEURL must
be byte-identical, so nothing may read the clock: pelican-sitemap stamps the pages that are not
posts (home, roles, archives) with the time it was imported, and we replace that time with this one.
"""

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def build_time(content_dates: Iterable[datetime | None], source_date_epoch: str | None) -> datetime:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the newest content
    date, else 1970-01-01: never the clock. Raises ValueError naming the fix for a bad epoch."""
    if source_date_epoch:
        try:
            return datetime.fromtimestamp(int(source_date_epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise ValueError(
                f"SOURCE_DATE_EPOCH is '{source_date_epoch}': set it to whole seconds since "
                "1970 (e.g. `git log -1 --format=%ct`) or unset it"
            ) from None
    dates = [d if d.tzinfo else d.replace(tzinfo=UTC) for d in content_dates if d is not None]
    return max(dates, default=EPOCH).astimezone(UTC)


def newest_listed(context: Mapping) -> datetime | None:
    """The newest date (modified, else published) of the posts a list page shows, from the
    context it was rendered with; None for a post's or page's own page, or a page of no posts.

    The sitemap dates a list page by it: a role page changed when its newest post did, not when
    anything anywhere on the site did."""
    if context.get("article") is not None or context.get("page") is not None:
        return None
    # A paginated page's own posts are its `articles_page`; `articles` may be the whole list.
    page = context.get("articles_page")
    posts = page.object_list if page is not None else context.get("articles") or ()
    dates = [getattr(a, "modified", None) or a.date for a in posts]
    return max(dates, default=None)
