"""Writing a post: `invoke new-post` round trip."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURE_SITE, ROOT

SITEURL = "https://authoring.example"
TITLE = 'Hiring "Hybrid" People -- Q&A'
SLUG = "hiring-hybrid-people-qa"


def run_invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        env={**os.environ, "SITEURL": SITEURL},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_new_post_round_trip(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    made = run_invoke(
        "new-post", "--title", TITLE, "--tags", "pm, account manager, PM", "--content", str(content)
    )
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path == content / "posts" / f"{SLUG}.md"

    # Complete metadata: canonical roles, once each; the date is now (pelicanconf: UTC).
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"Title: {TITLE}"
    written = datetime.strptime(lines[1], "Date: %Y-%m-%d %H:%M").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - written) < timedelta(minutes=2)
    assert lines[2] == "Tags: Project Manager, Account Manager"
    assert lines[3].startswith("Summary: ") and lines[4] == "Status: draft"
    assert "/drafts/" + SLUG + "/" in made.stderr

    # It never overwrites, and unknown roles are refused with a suggestion.
    path.write_text(path.read_text(encoding="utf-8") + "Kept.\n", encoding="utf-8")
    again = run_invoke("new-post", "--title", TITLE, "--tags", "PM", "--content", str(content))
    assert again.returncode != 0
    assert f"{path} already exists - edit it, or choose another title" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("Kept.\n")
    wrong = run_invoke(
        "new-post", "--title", "Other", "--tags", "Acount Manager", "--content", str(content)
    )
    assert wrong.returncode != 0 and "'Account Manager'" in wrong.stderr
    assert not (content / "posts" / "other.md").exists()

    # Fill it in and publish it: the check passes and the page is where the slug says.
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^Summary: .*$", "Summary: Hire for both halves of the job.", text, flags=re.M)
    text = text.replace("Status: draft\n", "").replace("Write the post here, in Markdown.\n", "")
    text = text.replace("Kept.\n", "A body for the round trip.\n")
    path.write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    built = run_invoke("publish", "--content", str(content), "--output", str(output))
    assert built.returncode == 0, built.stdout + built.stderr
    page = BeautifulSoup(
        (output / "posts" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    # Typogrified: curly quotes, an en dash, and a no-break space against a widow.
    assert page.h1.get_text() == "Hiring \u201cHybrid\u201d People \u2013\xa0Q&A"
    assert " ".join(page.find(class_="prose").get_text().split()) == "A body for the round trip."
    roles = [a.get_text() for a in page.select(".role-list a")]
    assert roles == ["Project Manager", "Account Manager"]
    feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_text(encoding="utf-8"))
    assert f"{SITEURL}/posts/{SLUG}/" in [entry.link for entry in feed.entries]


def test_help_shows_the_options_and_a_missing_one_is_named(tmp_path):
    """--help works (the options are not invoke's required positional arguments), and a run
    without one of them fails with one line naming it, writing nothing."""
    helped = run_invoke("new-post", "--help")
    assert helped.returncode == 0, helped.stderr
    assert "--title=STRING" in helped.stdout and "--tags=STRING" in helped.stdout
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    before = sorted((content / "posts").iterdir())
    usage = 'run it as: invoke new-post --title "The Post\'s Title" --tags "Role, Role"'
    for args, missing in [
        ((), "--title"),
        (("--tags", "PM"), "--title"),
        (("--title", "A Title"), "--tags"),
        (("--title", "  ", "--tags", "PM"), "--title"),
    ]:
        refused = run_invoke("new-post", *args, "--content", str(content))
        assert refused.returncode != 0
        assert refused.stderr.splitlines() == [f"new-post: no {missing} given - {usage}"], args
    assert sorted((content / "posts").iterdir()) == before


# Every `invoke new-post` example the README and docs/ show, as a reader would paste it.
EXAMPLE = re.compile(r"^\.venv/bin/invoke (new-post .+)$", re.M)
DOCUMENTED = [
    (doc.relative_to(ROOT).as_posix(), command)
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for command in EXAMPLE.findall(doc.read_text(encoding="utf-8"))
]


def test_the_readme_shows_a_new_post_example():
    assert any(doc == "README.md" for doc, _ in DOCUMENTED)


@pytest.mark.parametrize(("doc", "command"), DOCUMENTED)
def test_a_documented_example_makes_a_new_post_in_the_real_content(tmp_path, doc, command):
    """Run in a copy of content/: a new draft, with a title no post has yet, that passes the
    check. An example naming roles the vocabulary lacks fails here: change the example."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    titles = {
        line.partition(":")[2].strip().casefold()
        for post in (content / "posts").rglob("*.md")
        for line in post.read_text(encoding="utf-8").splitlines()[:1]
    }
    made = run_invoke(*shlex.split(command), "--content", str(content))
    assert made.returncode == 0, f"{doc}: {command}\n{made.stderr}"
    path = Path(made.stdout.strip())
    if doc == "README.md":  # which names the file it writes
        assert f"`content/posts/{path.name}`" in (ROOT / doc).read_text(encoding="utf-8")
    title = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("Title: ")
    assert title.casefold() not in titles, f"{doc}: a post titled {title!r} exists already"
    checked = run_invoke("check", "--content", str(content))
    assert checked.returncode == 0, checked.stderr
