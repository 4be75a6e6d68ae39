"""`invoke serve`: the preview server and its rebuild loop.

livereload serves the folder and reloads open pages; watching and building are ours. A save
of one post on a good build first shows its new text (tools/preview.py), in a fraction of a
second; a full build follows in a thread of its own, so the server keeps answering meanwhile.
A failed build is shown on every page (tools/error_overlay.py) until a save fixes it.
"""

import functools
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from invoke import Context

from tools import ROOT, shown
from tools.build import BuildFailed, build_atomically, last_good
from tools.check import lint_problems, post_slug
from tools.error_overlay import show_build_error

if TYPE_CHECKING:
    from tornado.ioloop import IOLoop

    from tools.preview import Preview

PORT = 8000
# What `make serve` watches besides the content: a change to any rebuilds and reloads the page.
WATCHED = ["theme", "plugins", "pelicanconf.py"]


def saved_by_author(change: object, path: str) -> bool:
    """A change `serve` rebuilds for: not bytecode, nor an editor's swap or backup file."""
    name = Path(path).name
    return (
        "__pycache__" not in path
        and not name.endswith((".pyc", ".swp", "~"))
        and not (name.startswith(".#"))
    )


def post_stamps(posts: Path) -> dict[Path, tuple[int, int]]:
    """Each post file's modification time and size: what tells `serve` which post was saved."""
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(posts.rglob("*.md"))}


@functools.cache
def quick_preview(content: str) -> "Preview":
    """`serve`'s quick preview of an edited post (tools/preview.py), made once per folder."""
    from pelican.settings import read_settings

    from tools.preview import Preview

    path = str(Path(content).resolve())
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": path})
    return Preview(settings, post_slug)


class Rebuilds:
    """The rebuild loop: one build at a time, and a save during a build asks for one more."""

    def __init__(self, c: Context, content: str, output: Path):
        self.c, self.content, self.output = c, content, output
        self.posts = Path(content) / "posts"
        self.seen = post_stamps(self.posts)
        self.running = self.again = False
        self.lock = threading.Lock()

    def build_or_show_error(self) -> None:
        try:
            problems = lint_problems(Path(self.content))
            if problems:
                print("\n".join(problems), file=sys.stderr)
                raise BuildFailed(f"{len(problems)} problem(s) in the posts.", problems)
            build_atomically(self.c, "pelicanconf.py", self.output, self.content)
        except BuildFailed as error:  # the terminal and every served page say why
            print(f"{error.message} Still serving, with the error on every page.", file=sys.stderr)
            show_build_error(self.output, error.lines)

    def build_in_background(self, loop: "IOLoop") -> None:
        from livereload.handlers import LiveReloadHandler

        while True:
            self.build_or_show_error()
            with self.lock:
                again, self.again = self.again, False
                self.running = again
            if not again:
                # Reload every open page now that the build is done. livereload's own reload
                # skips a save within about 3 s of the last reload, which would leave a stale page.
                loop.add_callback(LiveReloadHandler.reload_waiters, path="*")
                return
            # A save came during this build, so it is out of date already: the next build starts
            # now and reloads the pages when it is done (two reloads in a row would show a reader
            # this one's site for a moment, and then the next).

    def rebuild(self) -> None:
        """After a save, on the server's loop: the quick preview if it can, then a build."""
        from livereload.handlers import LiveReloadHandler
        from tornado.ioloop import IOLoop

        now = post_stamps(self.posts)
        changed = [path for path, stamp in now.items() if self.seen.get(path) != stamp]
        self.seen = now
        # One post edited, on a good build: its new text first, in a fraction of a second.
        if len(changed) == 1 and not last_good(self.output).exists():
            start = time.perf_counter()
            if quick_preview(self.content).show(changed[0], self.output):
                took = time.perf_counter() - start
                print(f"Preview of {shown(changed[0])} in {took:.2f} s; building the site.")
                LiveReloadHandler.reload_waiters(path="*")
        with self.lock:
            if self.running:
                self.again = True
                return
            self.running = True
        loop = IOLoop.current()
        threading.Thread(target=self.build_in_background, args=(loop,), daemon=True).start()

    def watch(self, loop: "IOLoop") -> None:
        """Call rebuild() on the server's loop after each save (watchfiles: the kernel's file
        events, not livereload's polling of every file every 0.8 s)."""
        import watchfiles

        paths = [Path(self.content).resolve(), *(ROOT / name for name in WATCHED)]
        for _ in watchfiles.watch(*paths, watch_filter=saved_by_author, step=30):
            loop.add_callback(self.rebuild)


def serve(c: Context, port: int, content: str, output: Path) -> None:
    """Build, serve on 127.0.0.1:`port` and rebuild + reload the browser on every change."""
    from tornado.ioloop import IOLoop

    from tools.server import server as site_server

    output = Path(output).resolve()
    # A preview links to itself, whatever SITEURL a production build would use.
    os.environ["SITEURL"] = f"http://127.0.0.1:{port}"
    rebuilds = Rebuilds(c, content, output)
    rebuilds.build_or_show_error()
    quick_preview(content)  # made now, so the first save is previewed as fast as the next
    server = site_server()  # serves the site and reloads the browser; watching is ours
    loop = IOLoop.current()
    threading.Thread(target=rebuilds.watch, args=(loop,), daemon=True).start()
    print(f"Serving {os.environ['SITEURL']}/ (Ctrl-C to stop)", flush=True)
    server.serve(host="127.0.0.1", port=port, root=str(output), open_url_delay=None)
