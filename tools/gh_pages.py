"""`invoke gh-pages`: commit a built site to a branch, for GitHub Pages' "deploy from a branch".

The Actions workflow (.github/workflows/) publishes without this; it is for a repository whose
Pages setting reads a branch. ghp-import writes the commit without touching the working tree.
Only a production build for an address on the web is published: the folder's build stamp
(tools/stamp.py) says so, and anything else (no stamp, a local build or preview, a build for
127.0.0.1) is refused with one line naming the fix.
"""

import os
import subprocess
from pathlib import Path

from invoke import Context, Exit

from tools import stamp


def gh_pages(c: Context, output: Path, remote: str, branch: str, push: bool) -> None:
    """Commit `output` (with .nojekyll) to `branch`, and push it to `remote` if asked."""
    from ghp_import import GhpError, ghp_import

    site = Path(output)
    refused = stamp.refusal(site)
    if refused:
        raise Exit(refused, 1)
    # Checked first, so the author reads one line saying what to set, not a failed commit.
    for key in ("name", "email"):
        known = c.run(f"git config user.{key}", warn=True, hide=True, pty=False).ok
        if not known and not os.environ.get(f"GIT_COMMITTER_{key.upper()}"):
            raise Exit(f"gh-pages: git has no user.{key}: set it with `git config user.{key}`.", 1)
    try:
        # nojekyll: GitHub would otherwise run Jekyll, which drops files starting with "_".
        # A CNAME file in the build (the CNAME setting) is published like any other file.
        ghp_import(
            str(site),
            mesg="Publish the site built by `make publish`",
            remote=remote,
            branch=branch,
            push=push,
            nojekyll=True,
        )
    except GhpError as error:
        raise Exit(f"gh-pages: {error.message}", 1) from None
    except subprocess.CalledProcessError:
        failed = f"gh-pages: pushing {branch} to {remote} failed (git said why above)."
        raise Exit(failed, 1) from None
    where = f"pushed to {remote}" if push else f"committed; push with `git push {remote} {branch}`"
    print(f"{site}/ is on branch {branch}, {where}.")
