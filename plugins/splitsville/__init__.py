"""Splitsville's Pelican plugin: what Pelican lacks, and the defaults it gets wrong.

Each feature is a package with its plain logic (no Pelican imports, so the lint and the tools
use it without Pelican) beside a `wiring.py` that connects it to Pelican's signals; build/ is
the exception, being Pelican's own machinery made faster and stricter:

- build/  our reader and writer (all cores), the content and render caches, strictness guards
- roles/  the role vocabulary: tags made canonical, role pages, the chart, pairs' pages
- posts/  what a post may contain (lint, safety, typography), a URL of its own, neighbours,
          sidenotes and section links on its page
- feeds/  absolute links in entries, JSON Feed, llms.txt
- cards/  a social card per post
- book/   each series as an EPUB 3 book, linked with its size from the pages

and theme.py, which gives the templates the theme's colours from main.css.

Pelican fires the signals in its own order (initialized, readers and generators, reading,
writing); handlers of one signal run in the order they were connected, which is the order of
the features below. One order is real: **build before roles**. At
`article_generator_pretaxonomy` the build drops a production build's drafts before the roles
feature checks every post's tags: nothing in production may read a draft
(tests/commands/test_pipeline_order.py). Nothing else depends on the order here: reversing
every other connection builds the same bytes. Across plugins, "splitsville" comes first in
PLUGINS, so at `finalized` our list-page dates reach pelican-sitemap before it writes
(tests/site/test_sitemap_dates.py).
"""


def register() -> None:
    """Connect every feature. Imported here, when Pelican loads the plugin, so that the plain
    modules (lint, roles ...) load without Pelican for `invoke check`."""
    from pelican import signals

    from . import state, theme
    from .book import wiring as book
    from .build import wiring as build
    from .cards import wiring as cards
    from .feeds import wiring as feeds
    from .posts import wiring as posts
    from .roles import wiring as roles

    signals.initialized.connect(state.reset)  # first: every build starts with a fresh state
    for feature in (build, theme, roles, posts, feeds, cards, book):
        feature.connect()


__all__ = ["register"]
