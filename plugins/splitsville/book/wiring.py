"""The series as books, wired in: once every post is read, each series' published parts become
one EPUB in the output (SPLITSVILLE["books"]), and the templates learn where each book is and
how big it is (`series_books`) before any page is written."""

from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import ArticlesGenerator, StaticGenerator
from pelican.utils import slugify

from .. import theme
from ..cards.text import plain_text
from ..common import PREFIX, SettingsError, ours, shown
from ..posts.typography import NO_BREAKS
from ..state import state
from .chapters import Part

# What a book can hold of the images a site serves: EPUB 3's core image types.
IMAGE_SUFFIXES = (".gif", ".jpeg", ".jpg", ".png", ".svg")


def part_of(article, siteurl: str) -> Part:
    """What a chapter needs of one published post."""
    return Part(
        slug=article.slug,
        title_html=article.title,
        title=plain_text(article.title).translate(NO_BREAKS),
        url=f"{siteurl}/{article.url}",
        content_html=article.get_content(siteurl),
        authors=tuple(str(author) for author in getattr(article, "authors", [])),
        date=article.date,
        date_text=article.locale_date,
        modified=getattr(article, "modified", None),
        source=getattr(article, "source", "") or "",
        source_url=getattr(article, "source_url", "") or "",
    )


def series_of(articles) -> dict[str, list]:
    """Each series' published posts in series order (pelican-series' order, which counts
    drafts too in a local build: only the published are given), the oldest series first."""
    found: dict[str, list] = {}
    for article in articles:
        if getattr(article, "series", None):
            found.setdefault(article.series["name"], []).append(article)
    return {
        name: sorted(posts, key=lambda a: a.series["index"])
        for name, posts in sorted(
            found.items(), key=lambda item: (min(a.date for a in item[1]), item[0])
        )
    }


def site_images(generators, siteurl: str) -> dict[str, tuple[str, Path]]:
    """Each image the site serves from its static files, by its address: its name in a book
    (its path on the site) and the file it is copied from."""
    images = {}
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                if static.url.lower().endswith(IMAGE_SUFFIXES):
                    images[f"{siteurl}/{static.url}"] = (static.url, Path(static.source_path))
    return images


def book_path(settings, name: str, first) -> str:
    """Where the series' book is written (SPLITSVILLE["books"] with the series' slug)."""
    slug = slugify(
        name,
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
        use_unicode=settings["SLUGIFY_USE_UNICODE"],
    )
    if not slug:
        raise SettingsError(
            f"{PREFIX} {shown(first.source_path)}: the series '{name}' has no letter or digit "
            "to name its book's file - give the series a name in words"
        )
    return ours(settings)["books"].format(slug=slug)


def write_books(generators) -> None:
    """Write every series' book and give every generator's templates `series_books`:
    {series name: {"url": its path on the site, "kb": the size as links say it}}. Only what
    the pages show: the render cache keys every page on the context, and a byte more or less
    in a book must not render every page again."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None or not ours(articles.settings).get("books"):
        return
    series = series_of(articles.articles)
    if series:  # ebooklib, lxml and Pillow load only for a site with a series to make a book of
        from . import cover, epub
    settings = articles.settings
    siteurl = settings["SITEURL"]
    output = Path(articles.output_path)
    images = site_images(generators, siteurl)
    colours = theme.theme_tokens(settings, cover.TOKENS) if series else {}
    covers = Path(state.cache_root or settings["CACHE_PATH"]) / "covers"
    books, paths = {}, {}
    for name, posts in series.items():
        path = book_path(settings, name, posts[0])
        if path in paths:
            raise SettingsError(
                f"{PREFIX} {shown(posts[0].source_path)}: the series '{name}' and "
                f"'{paths[path]}' would both write {path} - rename one of them"
            )
        paths[path] = name
        parts = [part_of(post, siteurl) for post in posts]
        address = urlsplit(siteurl)
        art = cover.cached(
            covers,
            name,
            [part.title for part in parts],
            "" if settings["SITENAME"] == name else settings["SITENAME"],
            address.netloc + address.path,
            colours,
        )
        data = epub.assemble(
            epub.Book(
                title=name,
                address=f"{siteurl}/{path}",
                language=settings["DEFAULT_LANG"],
                publisher=settings["SITENAME"],
                parts=parts,
                cover_png=art,
                images=images,
            )
        )
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
        books[name] = {"url": path, "kb": epub.kilobytes(len(data))}
    for generator in generators:
        generator.context["series_books"] = books


def connect() -> None:
    signals.all_generators_finalized.connect(write_books)
