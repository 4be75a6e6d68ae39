"""Social cards wired in: every page gets a card's address (a post its own, a role page its
role's, every other page the site's), then the cards are drawn into the output."""

from pathlib import Path

from pelican import signals

from .. import cache as caches
from .. import theme
from ..common import ours, speed_on, workers
from ..posts.typography import NO_BREAKS
from ..state import state
from . import drawing as cards
from .text import plain_text


def card(settings, save_as: str, title: str, roles: list[str]) -> dict:
    """What partials/head.html and the drawing need of one card."""
    return {
        "save_as": save_as,
        "url": f"{settings['SITEURL']}/{save_as}",
        # Machine text: without the no-break space that keeps the card's last words together.
        "alt": cards.alt_text(title.translate(NO_BREAKS), roles, settings["SITENAME"]),
        "title": title,
        "roles": roles,
        "size": cards.SIZE,
    }


def plan_cards(generator) -> None:
    """Give each post its card, each role with posts (a page) its role's, and the templates the
    site's card for every other page (Open Graph counts og:image among its required four)."""
    settings = generator.settings
    patterns = ours(settings)
    if pattern := patterns.get("cards"):
        for post in generator.articles + generator.drafts:  # production has no drafts left
            names = [str(tag) for tag in post.tags]
            post.card = card(
                settings, pattern.format(slug=post.slug), plain_text(post.title), names
            )
    if pattern := patterns.get("role_cards"):
        for tag in generator.tags:  # the roles that have posts, and so a page
            # The role's first sentence, with the role as its one pill, as a post shows its own.
            about = plain_text(tag.summary_html)
            tag.card = card(settings, pattern.format(slug=tag.slug), about, [str(tag)])
    if save_as := patterns.get("site_card"):
        about = plain_text(settings.get("SITE_DESCRIPTION") or settings["SITENAME"])
        generator.context["site_card"] = card(settings, save_as, about, [])


def draw_cards(generator) -> None:
    """Start drawing the cards missing from the cache, in the colours of the theme's main.css;
    place_cards() puts them into the output when Pelican is done."""
    planned = [post.card for post in generator.articles + generator.drafts if hasattr(post, "card")]
    planned += [tag.card for tag in generator.tags if hasattr(tag, "card")]
    if "site_card" in generator.context:
        planned.append(generator.context["site_card"])
    if not planned:
        return
    colours = theme.theme_tokens(generator.settings, cards.TOKENS)
    cache = Path(state.cache_root or generator.settings["CACHE_PATH"])
    site = generator.settings["SITENAME"]
    kept = {}
    for one in planned:
        kept[one["save_as"]] = (
            cards.cached_path(cache / "cards", one["title"], one["roles"], site, colours),
            one["title"],
            one["roles"],
        )
    jobs = [(*job, site, colours) for job in kept.values()]
    settings = generator.settings
    drawing = cards.start_drawing(jobs, workers(settings), speed_on("card_cache", settings))
    state.cards = ({save_as: job[0] for save_as, job in kept.items()}, drawing)


def place_cards(pelican) -> None:
    """The cards drawn (or found in the cache) into the output, linked where the disk can."""
    if state.cards is None:
        return
    paths, drawing = state.cards
    drawing.wait()
    output = Path(pelican.output_path)
    for folder in {(output / save_as).parent for save_as in paths}:  # a few for many cards
        folder.mkdir(parents=True, exist_ok=True)
    for save_as, path in paths.items():
        caches.place(path, output / save_as)


def connect() -> None:
    # Planned and started as soon as the posts are read, so that the drawing runs beside the
    # rest of the build; placed at the end.
    signals.article_generator_finalized.connect(plan_cards)
    signals.article_generator_finalized.connect(draw_cards)
    signals.finalized.connect(place_cards)
