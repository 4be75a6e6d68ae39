"""Deleting what a build no longer needs without waiting for it.

Deleting a folder of a few thousand files takes seconds on a slow disk, and nothing needs to
wait for it: the folder is first renamed out of the way (at once, so nothing reads it by its old
name again), then a process of its own, which nothing waits for, deletes it.
"""

import subprocess
import sys
import tempfile
from pathlib import Path


def delete_later(paths: list[Path], beside: Path, prefix: str) -> None:
    """Move `paths` into one new folder `<prefix>XXXX` in `beside` (on their disk: a rename,
    never a copy) and delete that folder in the background."""
    if not paths:
        return
    bin_ = Path(tempfile.mkdtemp(prefix=prefix, dir=beside))
    for number, path in enumerate(paths):
        path.rename(bin_ / f"{number}-{path.name}")
    # At the lowest priority: the next build (a save in `make serve`) may start at once.
    script = "import os, shutil, sys; os.nice(19); shutil.rmtree(sys.argv[1], True)"
    subprocess.Popen(
        [sys.executable, "-c", script, bin_],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
