"""Signal wiring: register() connects Pelican's signals to our wiring modules (build, role, feed
and post signals), which call our logic in the plain modules. The order of connections matters
where several handlers share a signal: it is the order they run in."""

import logging

from pelican import signals

from .build import wiring as build
from .cards import wiring as post
from .feeds import wiring as feed
from .roles import wiring as role


def register() -> None:
    logging.getLogger("pelican").addFilter(build.QuietStops())
    logging.getLogger("pelican.generators").addFilter(build.ReadErrors())
    signals.initialized.connect(build.forget_urls)
    signals.get_writer.connect(build.parallel_writer)
    # First of the article_writer_finalized handlers: the compare page is written after it.
    signals.article_writer_finalized.connect(build.write_held_pages)
    signals.content_object_init.connect(build.check_post)
    signals.initialized.connect(build.check_settings)
    signals.generator_init.connect(build.theme_templates_only)
    signals.readers_init.connect(build.use_our_reader)
    signals.article_generator_init.connect(build.read_ahead)
    signals.page_generator_init.connect(build.read_ahead)
    signals.article_generator_pretaxonomy.connect(build.settle_drafts)
    signals.all_generators_finalized.connect(build.pin_sitemap_clock)
    signals.initialized.connect(role.load_roles)
    signals.initialized.connect(build.content_cache_folder)  # last: the settings are complete
    signals.article_generator_pretaxonomy.connect(role.canonical_roles)
    signals.article_generator_finalized.connect(role.roles_context)
    signals.article_writer_finalized.connect(role.write_compare_page)
    signals.feed_generated.connect(feed.absolute_feed_links)
    signals.feed_written.connect(feed.add_feed_stylesheet)
    signals.article_writer_finalized.connect(feed.write_json_feed_and_llms)
    signals.article_generator_finalized.connect(post.older_and_newer)
    signals.article_generator_finalized.connect(post.plan_cards)
    signals.article_writer_finalized.connect(post.write_cards)
