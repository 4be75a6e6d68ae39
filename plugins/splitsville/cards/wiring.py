"""Social cards wired in: each post gets its card's address, then the card in the output."""

import os
import shutil
from pathlib import Path

from pelican import signals

from .. import theme
from ..common import ours, workers
from ..state import state
from . import drawing as cards


def plan_cards(generator) -> None:
    """Give each post its card's address and alt text, for partials/head.html."""
    settings = generator.settings
    pattern = ours(settings).get("cards")
    if not pattern:
        return
    for post in generator.articles + generator.drafts:  # production has no drafts left
        title, names = cards.plain_text(post.title), [str(tag) for tag in post.tags]
        save_as = pattern.format(slug=post.slug)
        post.card = {
            "save_as": save_as,
            "url": f"{settings['SITEURL']}/{save_as}",
            # Machine text: without the no-break space that keeps the card's last words together.
            "alt": cards.alt_text(title.replace(cards.NO_BREAK, " "), names, settings["SITENAME"]),
            "title": title,
            "roles": names,
            "size": cards.SIZE,
        }


def write_cards(generator, writer) -> None:
    """Draw the cards into the output, in the colours of the theme's main.css."""
    posts = [post for post in generator.articles + generator.drafts if hasattr(post, "card")]
    if not posts:
        return
    colours = theme.theme_tokens(generator.settings, cards.TOKENS)
    cache = Path(state.cache_root or generator.settings["CACHE_PATH"])
    site = generator.settings["SITENAME"]
    jobs = {}
    for post in posts:
        card = post.card
        path = cards.cached_path(cache / "cards", card["title"], card["roles"], site, colours)
        jobs[Path(writer.output_path) / card["save_as"]] = (path, card["title"], card["roles"])
    jobs_with_site = [(*job, site, colours) for job in jobs.values()]
    cards.render_missing(jobs_with_site, workers(generator.settings))
    for target, (path, *_) in jobs.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Never written through: in an output folder used before, the old card may be a link
        # to a cached card.
        target.unlink(missing_ok=True)
        try:  # a hard link: no copy to write, and quick to delete with the site
            os.link(path, target)
        except OSError:  # the cache on another disk (or a file system without links)
            shutil.copyfile(path, target)


def connect() -> None:
    signals.article_generator_finalized.connect(plan_cards)
    signals.article_writer_finalized.connect(write_cards)
