"""What runs around Pelican: the code behind each `invoke` task (tasks.py lists them).

This is the one home of the import path: the project folder (for pelicanconf.py) and plugins/
(for the plugin's plain modules, which `invoke check` and `serve` use without running Pelican).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]


def shown(path: Path) -> str:
    """A path as an author would type it: relative to the current folder when inside it."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
