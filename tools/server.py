"""The HTTP side of `invoke serve`: livereload's server, answering as the published site does.

Imported by tools/serve.py only when serving (livereload and Tornado are slow to import).
Two differences from livereload's defaults:
- an unknown address gets the site's own 404.html with status 404, as GitHub Pages gives it,
  instead of Tornado's bare "404: Not Found";
- livereload watches nothing and logs only warnings and errors: watching is ours (watchfiles,
  tools/serve.py), and its own watcher would poll the whole project folder every 0.8 s and log
  a line for each reload ("Reload 0 waiters: .../cache/lint/....json").
"""

import logging
from pathlib import Path

from livereload import Server
from livereload.handlers import StaticFileHandler
from livereload.watcher import Watcher


class SiteFiles(StaticFileHandler):
    """livereload's file handler (no 304s, so a reload always gets the new page), whose 404 is
    the site's 404.html: the build writes it with absolute links, so it works at any depth."""

    def write_error(self, status_code: int, **kwargs) -> None:
        page = Path(self.root) / "404.html"
        if status_code != 404 or not page.is_file():
            super().write_error(status_code, **kwargs)
            return
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(page.read_bytes())


class NoWatching(Watcher):
    """A watcher that never polls: start() saying it runs by itself stops livereload's polling."""

    def start(self, callback) -> bool:
        return True


def warnings_only(record: logging.LogRecord) -> bool:
    """livereload's info lines (serving on, watching, reloading N waiters) are noise beside ours;
    its warnings and errors (a browser it could not reach) still show."""
    return record.levelno >= logging.WARNING


def quiet_access_log(record: logging.LogRecord) -> bool:
    """Tornado logs each 4xx as a warning (a browser asking for /favicon.ico, a missing page
    shown as the site's 404); server errors still show."""
    return record.levelno >= logging.ERROR


def server() -> Server:
    """livereload's server with the site's 404 page, no watcher of its own and a quiet log."""
    logging.getLogger("livereload").addFilter(warnings_only)
    logging.getLogger("tornado.access").addFilter(quiet_access_log)
    served = Server(watcher=NoWatching())
    served.SFH = SiteFiles  # the handler livereload serves the root folder with
    return served
