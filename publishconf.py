"""Production settings: pelicanconf.py plus what only a published site needs.

Build with `make publish`; the address comes from the SITEURL environment variable
(default: pelicanconf.DEFAULT_SITEURL, a local preview address).
"""

from pelicanconf import *  # noqa: F403  (Pelican's convention for its settings files)

# Drafts are previewed locally only: Pelican would otherwise still write them to drafts/.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_URL = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Production allows no inline script at all (pelicanconf allows livereload's, for `make serve`).
SPLITSVILLE = {**SPLITSVILLE, "production": True, "csp_script": ()}  # noqa: F405
