"""A JSON Feed 1.1 validator for the tests: what keeps a parsed document from being a valid feed.

It checks the spec's required fields (https://www.jsonfeed.org/version/1.1/) and the types of
those our plugin writes: enough to catch a broken builder without a JSON Schema dependency.
"""

from datetime import datetime

VERSION = "https://jsonfeed.org/version/1.1"
REQUIRED = {"version": str, "title": str, "items": list}


def problems(feed: object) -> list[str]:
    """What keeps a parsed document from being a valid JSON Feed 1.1; [] when it is one.

    Checks the spec's required fields and the types of those we write: enough for tests and for
    anyone who edits the builder, without a JSON Schema dependency.
    """
    if not isinstance(feed, dict):
        return ["the feed is not a JSON object"]
    found = []
    for key, kind in REQUIRED.items():
        if not isinstance(feed.get(key), kind):
            found.append(f"top-level {key!r} is missing or not a {kind.__name__}")
    if feed.get("version") != VERSION:
        found.append(f"version is {feed.get('version')!r}, not {VERSION!r}")
    for key in ("home_page_url", "feed_url", "description", "favicon", "language"):
        if key in feed and not isinstance(feed[key], str):
            found.append(f"top-level {key!r} is not a string")
    found += _author_problems(feed, "the feed")
    ids = set()
    for number, entry in enumerate(feed.get("items") or [], start=1):
        where = f"item {number}"
        if not isinstance(entry, dict):
            found.append(f"{where} is not an object")
            continue
        if not isinstance(entry.get("id"), str) or not entry["id"]:
            found.append(f"{where}: 'id' is missing or not a non-empty string")
        elif entry["id"] in ids:
            found.append(f"{where}: id {entry['id']!r} is used twice")
        else:
            ids.add(entry["id"])
        if not any(isinstance(entry.get(k), str) for k in ("content_html", "content_text")):
            found.append(f"{where}: needs content_html or content_text")
        for key in ("url", "title", "summary", "content_html", "date_published", "date_modified"):
            if key in entry and not isinstance(entry[key], str):
                found.append(f"{where}: {key!r} is not a string")
        for key in ("date_published", "date_modified"):
            if isinstance(entry.get(key), str) and not _is_rfc3339(entry[key]):
                found.append(f"{where}: {key} {entry[key]!r} is not an RFC 3339 date")
        tags = entry.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            found.append(f"{where}: 'tags' is not a list of strings")
        found += _author_problems(entry, where)
    return found


def _author_problems(obj: dict, where: str) -> list[str]:
    authors = obj.get("authors", [])
    if not isinstance(authors, list) or not all(
        isinstance(a, dict) and isinstance(a.get("name"), str) for a in authors
    ):
        return [f"{where}: 'authors' is not a list of objects with a name"]
    return []


def _is_rfc3339(text: str) -> bool:
    """A full date-time with a time zone, as JSON Feed requires (RFC 3339)."""
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text and parsed.tzinfo is not None
