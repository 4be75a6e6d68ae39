"""The search index, written by Pagefind while the link check reads the same fresh build.

Both only read the pages (Pagefind writes pagefind/, which holds no page), so they run side by
side: a build costs the slower of the two, not their sum.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# The pages Pagefind reads: the posts (ARTICLE_SAVE_AS), the only pages with data-pagefind-body.
# Reading the list and role pages too gives the same index, a tenth slower.
SEARCHED = "posts/*/index.html"


def broken_links(site: Path, siteurl: str) -> list[str]:
    """Check the fresh build's internal links against the SITEURL it was built for; print each."""
    from tools.linkcheck import check_site

    broken = check_site(site, siteurl)
    for line in broken:
        print(line, file=sys.stderr)
    return broken


def index_while(site: Path, check: Callable[[], list[str]]) -> tuple[list[str], bool, list[str]]:
    """Index the fresh build's posts with Pagefind (into site/pagefind/) while `check` runs.

    Returns what `check` found, whether the index was written and what Pagefind printed.
    Only elements marked data-pagefind-body (a published post's text, article.html) are indexed.
    If `check` finds a problem (or fails), Pagefind is stopped: it runs in a session of its
    own, so all it started stops too. It prints to files: a pipe nobody reads yet could fill
    up and stall it.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", SEARCHED, "--quiet"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, start_new_session=True)
        found = None
        try:
            found = check()
        finally:
            if found != [] and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):  # it ended just now
                    os.killpg(process.pid, signal.SIGKILL)
            indexed = process.wait() == 0 and found == []
        said = []
        for log, stream in ((out, sys.stdout), (err, sys.stderr)):
            log.seek(0)
            text = log.read().decode("utf-8", "replace")
            print(text, end="", file=stream, flush=True)
            said += text.splitlines()
    return found, indexed, said
