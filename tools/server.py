"""The HTTP side of `invoke serve`: livereload's server, answering as the published site does.

Imported by tools/serve.py only when serving (livereload and Tornado are slow to import).
An unknown address gets the site's own 404.html with status 404, as GitHub Pages gives it,
instead of Tornado's bare "404: Not Found".
"""

from pathlib import Path

from livereload import Server
from livereload.handlers import StaticFileHandler


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


def server() -> Server:
    """livereload's server, with the site's 404 page."""
    served = Server()
    served.SFH = SiteFiles  # the handler livereload serves the root folder with
    return served
