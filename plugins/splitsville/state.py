"""What one build learns as it runs, kept apart from Pelican's settings.

The settings are the site's configuration, and the content cache's fingerprint hashes them: a
value worked out during the build (the loaded vocabulary, the URLs claimed so far) does not
belong there. Pelican's command runs one build per process; `reset` starts each afresh.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .roles.vocabulary import Vocabulary


@dataclass
class State:
    # The role vocabulary, read and checked once when Pelican starts (roles/wiring.py).
    vocabulary: Vocabulary | None = None
    # CACHE_PATH as the settings give it, before the content cache picks its own folder in it:
    # the social cards and the lint keep their caches beside it (build/content_cache.py).
    cache_root: Path | None = None
    # The fingerprint of everything that shapes every post and page (settings, theme, plugin,
    # vocabulary, libraries): it names the content and render caches' folders.
    fingerprint: str = ""
    # save_as -> source file of every post and page read so far: two may not share one.
    urls: dict[str, str] = field(default_factory=dict)
    # (path, modification time, size) -> the hash of a content file, for Pelican's caches.
    file_stamps: dict[tuple, bytes] = field(default_factory=dict)
    # Written list page (path) -> the newest date of the posts it shows, for the sitemap.
    listed_dates: dict[str, datetime] = field(default_factory=dict)
    # The social cards being drawn meanwhile: save_as -> the card's file in the cache, and the
    # drawing to wait for before they go into the output (cards/wiring.py).
    cards: tuple | None = None
    # From the writer on, a post's or page's URL no longer changes: each is worked out once
    # (build/urls.py).
    urls_settled: bool = False


state = State()


def reset(pelican) -> None:
    """A new build: forget whatever an earlier one in this process learned."""
    state.__init__()
