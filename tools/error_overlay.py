"""The error box `serve` puts on every page while a build is failing.

The author keeps reading the last good build, with what went wrong on top of each page, and the
page reloads once a save fixes it. The box is styled from a stylesheet of its own
(error_overlay.css, written next to the pages as build-error.css): the pages'
Content-Security-Policy (default-src 'self') blocks inline style attributes, and a rule in
main.css would weigh on every published page for a box only `serve` shows.
"""

import html
import re
import shutil
import tempfile
from pathlib import Path

from splitsville.common import PREFIX

from tools.build import last_good, swap_in

CSS = Path(__file__).with_name("error_overlay.css")
BOX = (
    '<div role="alert" id="build-error"><link rel="stylesheet" href="/build-error.css">'
    "<p><strong>The build failed.</strong> Below is the last good "
    "build. Fix the problem and save: this page reloads.</p>"
    "<pre>{lines}</pre></div>"
)


def error_lines(lines: list[str]) -> list[str]:
    """The lines of a build log that say what went wrong (all of it if none stands out)."""
    marked = [line for line in lines if re.search(rf"ERROR|CRITICAL|WARNING|{PREFIX}", line)]
    return marked or lines[-20:]


def show_build_error(output: Path, lines: list[str]) -> None:
    """Serve the error on every page: the last good build, copied, with the error on top.

    The build itself is kept aside, untouched, until the next good build replaces it.
    """
    good = last_good(output)
    if output.exists() and not good.exists():
        output.rename(good)
    box = BOX.format(lines=html.escape("\n".join(error_lines(lines))))
    shadow = Path(tempfile.mkdtemp(prefix=f"{output.name}.error-", dir=output.parent))
    for source in good.rglob("*") if good.exists() else []:
        target = shadow / source.relative_to(good)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif source.suffix == ".html":
            page = source.read_text(encoding="utf-8")
            page, found = re.subn(r"<body[^>]*>", lambda m: m[0] + box, page, count=1)
            target.write_text(page if found else box + page, encoding="utf-8")
        else:
            shutil.copy2(source, target)
    shutil.copyfile(CSS, shadow / "build-error.css")
    if not (shadow / "index.html").exists():  # no good build yet: a page of its own
        (shadow / "index.html").write_text(
            f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Build failed</title>'
            f"<body>{box}</body></html>",
            encoding="utf-8",
        )
    swap_in(shadow, output)
