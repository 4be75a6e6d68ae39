"""Lighthouse 12.2.3, three runs each on the essay and the home page; medians to RESULTS.md.

A benchmark, not a test: it builds the production site as `make publish` does (into a temporary
folder, for http://127.0.0.1:<port>), serves it gzipped as a static host would, and runs
Lighthouse with Debian's chromium. Run it with `.venv/bin/invoke lighthouse`.
"""

import datetime
import functools
import gzip
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from results import write_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
PAGES = {"essay": "posts/splitsville-or-not/", "home": ""}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
RUNS = 3
COMPRESSED = {".html", ".css", ".svg", ".xml", ".txt", ".js", ".json"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped (level 9) when the client accepts it, like a static host."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the parent redirects /folder to /folder/
            path /= "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    """A file-like object over bytes, which SimpleHTTPRequestHandler copies to the socket."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install_lighthouse() -> None:
    """The pinned Lighthouse from benchmarks/package-lock.json; no install scripts run."""
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True
        )


def build(output: Path, siteurl: str) -> None:
    env = {**os.environ, "SITEURL": siteurl}
    command = [sys.executable, "-m", "invoke", "publish", "--output", str(output)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def lighthouse(url: str, report: Path) -> dict:
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        check=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    requests = data["audits"]["network-requests"]["details"]["items"]
    return {
        **{name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES},
        "bytes": int(data["audits"]["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "failed": [a for a, v in data["audits"].items() if v.get("score") not in (None, 1)],
        "lighthouse": data["lighthouseVersion"],
        "agent": data["environment"]["hostUserAgent"],
    }


def gzip_weight(root: Path, page: str) -> dict:
    """The page and its stylesheet and favicon, each gzipped at level 9 (what the test counts)."""
    files = [root / page / "index.html", root / "theme/css/main.css", root / "favicon.svg"]
    return {f.relative_to(root).as_posix(): len(gzip.compress(f.read_bytes(), 9)) for f in files}


def main() -> None:
    install_lighthouse()
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, siteurl)
        handler = functools.partial(GzipHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            runs = {
                name: [
                    lighthouse(f"{siteurl}/{path}", Path(tmp) / f"{name}-{i}.json")
                    for i in range(RUNS)
                ]
                for name, path in PAGES.items()
            }
        finally:
            server.shutdown()
        weights = {name: gzip_weight(site, path) for name, path in PAGES.items()}
    text = report(runs, weights)
    write_section(text, "lighthouse")
    print(text)


def report(runs: dict, weights: dict) -> str:
    first = next(iter(runs.values()))[0]
    lines = [
        "# Lighthouse results",
        "",
        f"Lighthouse {first['lighthouse']}, default mobile settings (simulated throttling), "
        f"{RUNS} runs a page, medians; {datetime.date.today().isoformat()}.",
        f"Browser: `{first['agent']}`, started with `{CHROME_FLAGS}`.",
        "Site: `make publish` build served on 127.0.0.1, text files gzipped (level 9).",
        "Transferred: what Lighthouse counts, HTTP response headers included.",
        "Re-run: `.venv/bin/invoke lighthouse` (rewrites this section).",
        "",
        "| page | performance | accessibility | best practices | SEO | transferred (bytes) "
        "| requests |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, results in runs.items():
        medians = [statistics.median(r[c] for r in results) for c in CATEGORIES]
        weight = statistics.median(r["bytes"] for r in results)
        requests = statistics.median(r["requests"] for r in results)
        lines.append(
            f"| {name} | "
            + " | ".join(f"{m:g}" for m in medians)
            + f" | {weight:g} | {requests:g} |"
        )
    lines += ["", "Every run, in order:", ""]
    for name, results in runs.items():
        for i, r in enumerate(results, 1):
            scores = "/".join(str(r[c]) for c in CATEGORIES)
            failed = ", ".join(r["failed"]) or "none"
            lines.append(
                f"- {name} run {i}: {scores}, {r['bytes']} bytes; below a full score: {failed}"
            )
    lines += ["", "Page weight as the budget test counts it (each file gzipped, level 9):", ""]
    for name, sizes in weights.items():
        parts = ", ".join(f"{file} {size}" for file, size in sizes.items())
        lines.append(f"- {name}: **{sum(sizes.values())} bytes** ({parts})")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
