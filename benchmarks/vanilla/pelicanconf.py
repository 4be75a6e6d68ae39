"""Vanilla Pelican for comparison: pelican-quickstart's settings, notmyidea, typogrify on."""

AUTHOR = "Benchmark"
SITENAME = "Vanilla"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LINKS = (("Pelican", "https://getpelican.com/"),)
SOCIAL = (("Another social link", "#"),)
DEFAULT_PAGINATION = 10
TYPOGRIFY = True
PLUGINS = []  # quickstart installs none; stop discovery from loading ours
