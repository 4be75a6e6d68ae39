"""The JSON Feed builder (plugins/splitsville/feeds/jsonfeed.py), checked by the tests' own
validator (tests/jsonfeed_validator.py)."""

import json
from datetime import UTC, datetime, timedelta

from jsonfeed_validator import problems as jsonfeed_problems
from splitsville.feeds import jsonfeed
from splitsville.feeds.jsonfeed import Entry

DAY = datetime(2026, 10, 1, 9, tzinfo=UTC)


def entry(slug: str, date: datetime, **more) -> Entry:
    url = f"https://example.org/posts/{slug}/"
    return Entry(
        url=url, title=slug.title(), content_html=f"<p>{slug}</p>", date_published=date, **more
    )


def feed(entries, **more) -> dict:
    return jsonfeed.build(
        title="Site",
        home_page_url="https://example.org/",
        feed_url="https://example.org/feeds/all.json",
        entries=entries,
        **more,
    )


def test_required_fields_and_items_newest_first_with_ties_by_url():
    built = feed([entry("b", DAY), entry("old", DAY - timedelta(days=1)), entry("a", DAY)])
    assert built["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["id"] for i in built["items"]] == [
        "https://example.org/posts/a/",
        "https://example.org/posts/b/",
        "https://example.org/posts/old/",
    ]
    assert jsonfeed_problems(built) == []


def test_optional_fields_only_when_they_say_something():
    plain = jsonfeed.item(entry("a", DAY))
    assert set(plain) == {"id", "url", "title", "content_html", "date_published"}
    full = jsonfeed.item(
        entry(
            "a",
            DAY,
            date_modified=DAY + timedelta(hours=1),
            summary="S",
            tags=("PM",),
            authors=("Ann",),
        )
    )
    assert full["date_modified"] == "2026-10-01T10:00:00+00:00"
    assert full["tags"] == ["PM"] and full["authors"] == [{"name": "Ann"}]
    # A Modified equal to the date adds nothing.
    assert "date_modified" not in jsonfeed.item(entry("a", DAY, date_modified=DAY))


def test_dumps_is_stable_unicode_json_with_a_final_newline():
    built = feed([entry("a", DAY, summary="Café “quoted”")], authors=("Ann",))
    text = jsonfeed.dumps(built)
    assert text == jsonfeed.dumps(json.loads(text))
    assert "Café “quoted”" in text and text.endswith("}\n")
    assert text.index('"version"') < text.index('"title"') < text.index('"items"')


def test_problems_name_what_is_missing_or_wrong():
    assert jsonfeed_problems([]) == ["the feed is not a JSON object"]
    assert jsonfeed_problems({}) == [
        "top-level 'version' is missing or not a str",
        "top-level 'title' is missing or not a str",
        "top-level 'items' is missing or not a list",
        "version is None, not 'https://jsonfeed.org/version/1.1'",
    ]
    broken = feed([entry("a", DAY), entry("a", DAY)])
    broken["items"][0]["date_published"] = "2026-10-01"
    del broken["items"][1]["content_html"]
    broken["authors"] = ["Ann"]
    assert jsonfeed_problems(broken) == [
        "the feed: 'authors' is not a list of objects with a name",
        "item 1: date_published '2026-10-01' is not an RFC 3339 date",
        "item 2: id 'https://example.org/posts/a/' is used twice",
        "item 2: needs content_html or content_text",
    ]


def test_empty_feed_is_valid():
    assert jsonfeed_problems(feed([])) == []
