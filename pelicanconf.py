"""Settings for local builds and `make serve`; publishconf.py adds production's differences.

One home for the site's facts: everything else (templates, tasks, tests) reads them from here.
"""

import os

# --- The site -------------------------------------------------------------------------------
SITENAME = "Splitsville"
SITE_DESCRIPTION = (
    "Account manager or project manager? An essay on the client-service role, "
    "and posts that follow it up."
)
AUTHOR = "Splitsville editors"
DEFAULT_SITEURL = "http://127.0.0.1:8000"
# The address comes from the environment so one build works at a root or under a subpath.
SITEURL = os.environ.get("SITEURL", DEFAULT_SITEURL).rstrip("/")
# A custom domain for branch publishing (`invoke gh-pages`): when set, the build writes CNAME.
CNAME = os.environ.get("CNAME", "").strip()
TIMEZONE = "UTC"
# The site's language and territory, as Open Graph writes it (og:locale, language_TERRITORY);
# the language alone (pages' lang, the feeds, JSON Feed) is its first part.
SITE_LOCALE = "en_US"
DEFAULT_LANG = SITE_LOCALE.partition("_")[0]
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# --- The site's own words --------------------------------------------------------------------
# What the theme's pages say about this site, beside SITENAME and SITE_DESCRIPTION: an owner
# rewrites these (docs/make-it-your-own.md); no template holds copy of its own.
# The home page's invitation to new readers, followed by a link to the oldest post (the essay
# everything else follows up). Empty ("" or None): the home page shows no such line.
START_HERE = "New here? Start with the essay,"
# What the site's posts are, as a whole: a plural noun phrase that fits mid-sentence. The Roles
# page ("Every role ... discuss"), the Search and Feeds pages' descriptions and the 404 page's
# link home.
SITE_POSTS = "the essay and its follow-ups"
# A line of credit in every page's footer (plain text). Empty ("" or None): no such line.
SITE_CREDIT = "The essay is republished with credit to www.balanceinteractive.com."

# --- Content --------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
}
# Text files rendered from theme/templates/ (not found in content/, Pelican falls back to the
# theme): robots.txt names the absolute sitemap address, so it needs SITEURL.
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}
if CNAME:
    TEMPLATE_PAGES["CNAME"] = "CNAME"
# Slugs are transliterated to ASCII (unidecode): "Über Café" -> uber-cafe, "Менеджер" -> menedzher.
# Readable in any address bar, feed or log, and never percent-encoded; a title with no letters or
# digits at all (only emoji or punctuation) stops the build (our plugin) instead of an empty slug.
SLUGIFY_USE_UNICODE = False
IGNORE_FILES = [".#*", "*~", "*.swp"]
DEFAULT_PAGINATION = 10
SUMMARY_MAX_LENGTH = None  # every post has a Summary; never cut one mid-sentence
# A post dated in the future is a draft until its date: previewed by `make serve`, not published.
WITH_FUTURE_DATES = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        # An id for every heading, from its words and unique in the post: what the table of
        # contents and the headings' links point at (plugins/splitsville/posts/sections.py).
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# Curly quotes, real dashes and ellipses: "--" is an en dash and "---" an em dash.
# It runs inside our reader (SPLITSVILLE["typogrify"]): once per post, on all cores, and kept
# with the post by the content cache. Pelican's own pass (after reading, one core) stays off.
TYPOGRIFY = False
TYPOGRIFY_DASHES = "oldschool"

# --- URLs: folders with index.html, so addresses never end in .html ----------------------
ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "roles/{slug}/"
TAG_SAVE_AS = "roles/{slug}/index.html"
TAGS_URL = "roles/"
TAGS_SAVE_AS = "roles/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
# The feeds page: how to subscribe, and every feed's address (the XML itself is for feed readers).
FEEDS_URL = "feeds/"
FEEDS_SAVE_AS = "feeds/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
# The home page's address as pagination links to it ("Newer posts" on /page/2/): the site's root,
# not Pelican's default index.html.
INDEX_URL = ""
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]
DIRECT_TEMPLATES = ["index", "tags", "archives", "404", "search", "feeds"]
# "404" is written to 404.html (Pelican's default for a direct template), which GitHub Pages serves.
# List pages split into pages of DEFAULT_PAGINATION posts ("pair" is our plugin's: a pair of roles).
PAGINATED_TEMPLATES = {"index": None, "tag": None, "pair": None}

# --- Outputs we don't design are switched off -----------------------------------------------
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = False

# --- Feeds ----------------------------------------------------------------------------------
# Atom and RSS for the whole site and for each role with posts (Pelican writes no feed for a role
# without one); JSON Feed by our plugin (SPLITSVILLE["json_feed"]). Every feed carries whole posts.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/roles/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/roles/{slug}.rss.xml"
RSS_FEED_SUMMARY_ONLY = False
# Each feed carries the newest 20 posts (JSON Feed too): more than a feed reader needs to catch
# up, and a feed of every post would grow with the site, in every build and every reader's poll.
FEED_MAX_ITEMS = 20
SITESUBTITLE = SITE_DESCRIPTION  # the feeds' description (RSS requires one) and Atom subtitle

# Related posts (pelican-related-posts): the posts sharing most roles with this one.
RELATED_POSTS_MAX = 3

# --- Theme ----------------------------------------------------------------------------------
THEME = "theme"
# Autoescape on: metadata is text, never markup. Content and summaries are marked |safe where used.
# auto_reload off: a build reads each template once; Jinja would otherwise check every template's
# file for changes each time a page includes it (thousands of times a build).
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}
MAIN_MENU = [
    ("Roles", TAGS_URL),
    ("Archives", ARCHIVES_URL),
    ("Search", SEARCH_URL),
    ("About", "about/"),
]

# --- Plugins --------------------------------------------------------------------------------
# Listed by name: setting PLUGINS turns Pelican's discovery off, so our plugin checks that every
# installed pelican.plugins.* package is here and stops the build if one is not.
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "splitsville",
    "pelican.plugins.series",
    "pelican.plugins.sitemap",
    "pelican.plugins.related_posts",
]

# Pages only: every published address ends in "/" (home, posts, roles, archives, about), so
# anything else written through a template (404.html, robots.txt, CNAME) stays out.
# The search page too: it holds no text of its own, only what a reader finds (it says noindex).
SITEMAP = {"format": "xml", "exclude": ["[^/]$", "^search/$"]}

# --- Caching and local builds ---------------------------------------------------------------
# Pelican keeps each post as our reader left it (HTML, typography, metadata) and reads again only
# a post whose bytes changed. Our plugin puts the cache in a folder named by a fingerprint of
# the settings, theme, plugins, libraries and role vocabulary, so a change to any of those
# starts afresh. `invoke clean` (or pelican --ignore-cache) empties it.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "md5"  # bytes, not times: a checkout or copy changes every file's time
GZIP_CACHE = False  # a few MB of pickles: compressing them costs more than reading them
CACHE_PATH = os.environ.get("SPLITSVILLE_CACHE_PATH", "cache")
DELETE_OUTPUT_DIRECTORY = False  # our tasks build into a fresh folder and swap it in
# The most posts one Pagefind run indexes (tools/search.py): Pagefind's memory grows with the
# posts of a run, so a larger site is indexed in shards that the search page merges, and an edit
# re-indexes only its post's shard. 150: re-indexing that many takes about as long as the link
# check that runs beside it, so an edit waits for neither; smaller shards would make the search
# page merge more indexes for each query (seven at 1,000 posts).
SEARCH_SHARD_POSTS = int(os.environ.get("SPLITSVILLE_SEARCH_SHARD_POSTS", "150"))

# --- Our plugin's settings (plugins/splitsville) ----------------------------------------------
SPLITSVILLE = {
    "production": False,
    "typogrify": True,
    # Processes reading posts and drawing social cards (0: one per core; 1: all in Pelican's own).
    "workers": int(os.environ.get("SPLITSVILLE_WORKERS", "0")),
    # Keep each rendered page in the cache and render it again only when what it is made from
    # changes (plugins/splitsville/build/render_cache.py). False: every page on every build.
    # Each speed mechanism switches off this way, or by $SPLITSVILLE_OFF (docs/performance.md).
    "render_cache": True,
    # A copy taken before Pelican rewrites PLUGINS to the ones that actually loaded.
    "expected_plugins": tuple(PLUGINS),
    # The role vocabulary, relative to the content folder (PATH): every post's Tags must match it.
    "roles": "roles.toml",
    # JSON Feed 1.1 of the newest FEED_MAX_ITEMS posts, and llms.txt (llmstxt.org) of every
    # post, both written by our plugin.
    "json_feed": "feeds/all.json",
    "llms_txt": "llms.txt",
    # Social cards (PNG, drawn in main.css's colours), named by each page's og:image: one per
    # post, one per role page, and the site's own for every other page. A post's slug can hold
    # no "/", so the folders below cards/ never meet a post's card.
    "cards": "cards/{slug}.png",
    "role_cards": "cards/roles/{slug}.png",
    "site_card": "cards/site/card.png",
    # Each series as an EPUB 3 book (its published parts, in series order), named by the
    # series' slug; linked, with its size, from the home page and every part's series box.
    # Not an address ending in "/", so the sitemap (SITEMAP's "exclude") leaves it out.
    "books": "books/{slug}.epub",
    # Inline scripts the Content-Security-Policy allows, by hash: local builds only (publishconf
    # empties it). `make serve`'s livereload injects this one snippet into every page it serves;
    # tests/browser/test_csp.py fails, naming the new hash, if a livereload update changes it.
    "csp_script": ("'sha256-MclZcNa5vMtp/wzxRW6+KS3i8mRUf6thpmjT3pkIT5I='",),
}
