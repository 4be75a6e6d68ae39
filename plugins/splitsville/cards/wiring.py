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


def write_cards(generator, writer) -> None:
    """Draw the cards into the output, in the colours of the theme's main.css."""
    planned = [post.card for post in generator.articles + generator.drafts if hasattr(post, "card")]
    planned += [tag.card for tag in generator.tags if hasattr(tag, "card")]
    if "site_card" in generator.context:
        planned.append(generator.context["site_card"])
    if not planned:
        return
    colours = theme.theme_tokens(generator.settings, cards.TOKENS)
    cache = Path(state.cache_root or generator.settings["CACHE_PATH"])
    site = generator.settings["SITENAME"]
    jobs = {}
    for one in planned:
        path = cards.cached_path(cache / "cards", one["title"], one["roles"], site, colours)
        jobs[Path(writer.output_path) / one["save_as"]] = (path, one["title"], one["roles"])
    jobs_with_site = [(*job, site, colours) for job in jobs.values()]
    settings = generator.settings
    cards.render_missing(jobs_with_site, workers(settings), speed_on("card_cache", settings))
    for folder in {target.parent for target in jobs}:  # a few folders for a thousand cards
        folder.mkdir(parents=True, exist_ok=True)
    for target, (path, *_) in jobs.items():
        caches.place(path, target)


def connect() -> None:
    signals.article_generator_finalized.connect(plan_cards)
    signals.article_writer_finalized.connect(write_cards)
