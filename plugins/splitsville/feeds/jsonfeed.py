"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), built from plain data.

Pelican writes Atom and RSS but not JSON Feed; wiring.py hands this module the posts as
`Entry` values and writes what `dumps` returns. Serialised with a fixed key order, fixed
indentation and a final newline, so two builds of the same content are byte for byte the same.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class Entry:
    """One post, as the feed needs it: URLs absolute, HTML already safe to publish."""

    url: str
    title: str
    content_html: str
    date_published: datetime
    date_modified: datetime | None = None
    summary: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    authors: tuple[str, ...] = field(default_factory=tuple)


def item(entry: Entry) -> dict:
    """The JSON Feed item for one post; its id is its URL, which never changes once published."""
    result: dict = {
        "id": entry.url,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
    }
    if entry.summary:
        result["summary"] = entry.summary
    result["date_published"] = entry.date_published.isoformat()
    if entry.date_modified and entry.date_modified != entry.date_published:
        result["date_modified"] = entry.date_modified.isoformat()
    if entry.authors:
        result["authors"] = [{"name": name} for name in entry.authors]
    if entry.tags:
        result["tags"] = list(entry.tags)
    return result


def build(
    *,
    title: str,
    home_page_url: str,
    feed_url: str,
    entries: list[Entry],
    description: str = "",
    authors: tuple[str, ...] = (),
    language: str = "",
    icon: str = "",
) -> dict:
    """The whole feed: top-level fields, then the items newest first (ties by URL)."""
    feed: dict = {"version": VERSION, "title": title, "home_page_url": home_page_url}
    feed["feed_url"] = feed_url
    if description:
        feed["description"] = description
    if icon:
        feed["favicon"] = icon
    if authors:
        feed["authors"] = [{"name": name} for name in authors]
    if language:
        feed["language"] = language
    ordered = sorted(entries, key=lambda e: e.url)
    ordered.sort(key=lambda e: e.date_published, reverse=True)
    feed["items"] = [item(entry) for entry in ordered]
    return feed


def dumps(feed: dict) -> str:
    """The feed as UTF-8 JSON text: stable key order, two-space indent, a final newline."""
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
