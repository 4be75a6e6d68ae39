"""Wiring of feeds: whole posts with absolute URLs, each feed to its standard, JSON Feed, llms."""

from pathlib import Path

from pelican import signals

from ..common import ours
from ..posts import typography
from . import jsonfeed, llms
from . import links as feeds


def absolute_feed_links(context, feed) -> None:
    """Make every URL inside each entry absolute before Pelican writes the feed.

    Pelican already makes {filename} and {static} links absolute; this catches the rest, such as
    the footnote links `#fn:1` that would otherwise point into the feed reader.
    """
    for entry in feed.items:
        for key in ("description", "content"):
            if entry.get(key):
                entry[key] = feeds.absolute_links(entry[key], entry["link"])


def describe_feed(context, feed) -> None:
    """Give each Atom and RSS feed what its standard asks of it, before Pelican writes it.

    - Its own id: Pelican gives every Atom feed the site's address, but RFC 4287 (4.2.6) wants
      each feed's id unique and permanent. A feed's own address is both.
    - Its language (RSS <language>, Atom xml:lang), as the pages and the JSON Feed declare it.
    - RSS guids that say what they are: Pelican's are tag: URIs, which RSS 2.0 would read as
      permalinks unless isPermaLink="false".
    - A role's feed points at its role page and describes its role, not the site.
    - Entry titles are machine text: no no-break spaces from widow control, as in the JSON Feed.
    """
    about = feed.feed
    about["id"] = about["feed_url"]
    about["language"] = context.get("DEFAULT_LANG") or None
    for entry in feed.items:
        entry["unique_id_is_permalink"] = False
        entry["title"] = entry["title"].translate(typography.NO_BREAKS)  # as in the JSON Feed
    role = role_of_feed(context, about["feed_url"])
    if role is not None:
        tag, siteurl = role, context["SITEURL"]
        about["link"] = f"{siteurl}/{tag.url}"
        about["description"] = about["subtitle"] = llms.plain(tag.summary_html).replace("\xa0", " ")


def role_of_feed(context, feed_url: str):
    """The role (its Tag) whose Atom or RSS feed is at `feed_url`, or None (a site feed)."""
    domain = context.get("FEED_DOMAIN") or context["SITEURL"]
    for tag, _ in context.get("roles", []):
        for pattern in (context.get("TAG_FEED_ATOM"), context.get("TAG_FEED_RSS")):
            if pattern and feed_url == f"{domain}/{pattern.format(slug=tag.slug)}":
                return tag
    return None


def post_entry(article, siteurl: str) -> jsonfeed.Entry:
    url = f"{siteurl}/{article.url}"
    modified = getattr(article, "modified", None)
    return jsonfeed.Entry(
        url=url,
        title=llms.plain(article.title),
        content_html=feeds.absolute_links(article.get_content(siteurl), url),
        summary=llms.plain(article.summary),
        date_published=article.date,
        date_modified=modified,
        tags=tuple(tag.name for tag in article.tags),
        authors=tuple(author.name for author in getattr(article, "authors", [])),
    )


def newest(articles: list, settings) -> list:
    """The posts a feed carries: the newest FEED_MAX_ITEMS (articles come newest first)."""
    return articles[: settings.get("FEED_MAX_ITEMS")]


def write_json_feed_and_llms(generator, writer) -> None:
    """feeds/all.json (JSON Feed 1.1, newest posts) and llms.txt (every post), published only."""
    settings = generator.settings
    siteurl = settings["SITEURL"]
    output = Path(writer.output_path)
    if path := ours(settings).get("json_feed"):
        feed = jsonfeed.build(
            title=settings["SITENAME"],
            home_page_url=f"{siteurl}/",
            feed_url=f"{settings.get('FEED_DOMAIN') or siteurl}/{path}",
            description=settings.get("SITE_DESCRIPTION", ""),
            authors=(settings["AUTHOR"],) if settings.get("AUTHOR") else (),
            language=settings.get("DEFAULT_LANG", ""),
            icon=f"{siteurl}/favicon.svg",
            entries=[post_entry(a, siteurl) for a in newest(generator.articles, settings)],
        )
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_text(jsonfeed.dumps(feed), encoding="utf-8")
    if path := ours(settings).get("llms_txt"):
        oldest_first = sorted(generator.articles, key=lambda a: (a.date, a.slug))
        text = llms.render(
            settings["SITENAME"],
            settings.get("SITE_DESCRIPTION", ""),
            [(a.title, f"{siteurl}/{a.url}", a.summary) for a in oldest_first],
        )
        (output / path).write_text(text, encoding="utf-8")


def connect() -> None:
    signals.feed_generated.connect(absolute_feed_links)
    signals.feed_generated.connect(describe_feed)
    signals.article_writer_finalized.connect(write_json_feed_and_llms)
