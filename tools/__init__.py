"""What runs around Pelican: the code behind each `invoke` task (tasks.py lists them).

This is the one home of the import path: the project folder (for pelicanconf.py) and plugins/
(for the plugin's plain modules, which `invoke check` and `serve` use without running Pelican).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# output/ only ever holds what `make publish` built; local builds and `make serve` write preview/,
# so a preview (drafts, links to 127.0.0.1) can never stand where the production site is expected.
OUTPUT = ROOT / "output"
PREVIEW = ROOT / "preview"
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

# How a path is shown to an author: the plugin's one answer, for the tools' messages too.
from splitsville.common import shown  # noqa: E402  (needs the path above)

__all__ = ["OUTPUT", "PREVIEW", "ROOT", "shown"]
