"""Time `make publish` of the site itself (content/), cold and after a one-post edit, beside
vanilla Pelican on the same posts: the fixed costs a small site pays for what ours does more.

Run with `.venv/bin/invoke bench --real --repeats 5`; results in benchmarks/RESULTS.md.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import commands, timed
from corpus import ROOT
from results import write_section


def run(repeats: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-real-"))
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(content / "posts", work / "vanilla-content")
    builds = commands(content, work)
    post = sorted((content / "posts").glob("*.md"))[0].name  # the same post in both copies
    times = {key: [] for key in ("ours", "vanilla", "ours_warm", "vanilla_warm")}
    for i in range(repeats):
        order = ["ours", "vanilla"] if i % 2 == 0 else ["vanilla", "ours"]
        for name in order:
            cmd, env, cache = builds[name]
            shutil.rmtree(cache, ignore_errors=True)
            times[name].append(timed(cmd, env=env)[0])
        for folder in (content / "posts", work / "vanilla-content"):
            path = folder / post
            path.write_text(path.read_text("utf-8") + f"\nEdit {i}.\n", "utf-8")
        for name in order:
            cmd, env, _ = builds[name]
            times[f"{name}_warm"].append(timed(cmd, env=env)[0])
    shutil.rmtree(work, ignore_errors=True)
    posts = len(list((ROOT / "content" / "posts").glob("*.md")))
    result = {name: statistics.median(values) for name, values in times.items()}
    return {**result, "posts": posts, "repeats": repeats, "date": time.strftime("%Y-%m-%d")}


def report(r: dict) -> str:
    return "\n".join(
        [
            "# The site itself",
            "",
            f"`make publish` of `content/` ({r['posts']} posts), medians of {r['repeats']} "
            f"alternated runs, {r['date']}: cold (empty cache) and",
            "after a one-post edit, beside vanilla Pelican 4.12 (as in the build benchmark) on the",
            f"same posts. Rerun: `.venv/bin/invoke bench --real --repeats {r['repeats']}`.",
            "",
            "| | ours | vanilla | ratio |",
            "|---|---|---|---|",
            f"| cold | {r['ours']:.2f} s | {r['vanilla']:.2f} s "
            f"| {r['ours'] / r['vanilla']:.2f}x |",
            f"| after an edit | {r['ours_warm']:.2f} s | {r['vanilla_warm']:.2f} s "
            f"| {r['ours_warm'] / r['vanilla_warm']:.2f}x |",
            "",
        ]
    )


if __name__ == "__main__":
    text = report(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
    write_section(text, "real")
    print(text)
