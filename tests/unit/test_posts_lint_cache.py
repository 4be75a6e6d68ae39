"""The linter's per-file cache (plugins/splitsville/posts/lint_cache.py): same answers, less
work."""

import ast
import os
import shutil
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date, slugify
from splitsville.posts import lint, rules
from splitsville.posts import lint_cache as lintcache

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "lint"
PLUGIN = ROOT / "plugins" / "splitsville"
# The fixture's posts but empty.md and not-utf8.md, which never reach the checks.
READABLE = len(list((FIXTURE / "posts").glob("*.md"))) - 2


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the lint fixture: one post per problem, and a vocabulary of its own."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content, symlinks=False)
    return content


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The posts whose own checks ran (the work the cache saves), by file name."""
    names: list[str] = []
    own = rules.own_problems

    def counted(post, *args):
        names.append(post.path.name)
        return own(post, *args)

    monkeypatch.setattr(lint, "own_problems", counted)
    return names


def run(content: Path, cache: Path | None, salt: str = "1") -> list[str]:
    return lint.lint(
        content,
        slugify=lambda title: slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
        parse_date=get_date,
        vocabulary=content / "roles.toml",
        shown=lambda path: path.relative_to(content).as_posix(),
        cache=cache,
        salt=salt,
    )


def test_a_warm_cache_gives_the_same_problems_without_checking_again(content, checked, tmp_path):
    cache = tmp_path / "cache" / "lint.json"
    uncached = run(content, None)
    assert len(uncached) == 16  # every rule of the fixture, so every kind of entry is kept
    assert run(content, cache) == uncached and cache.is_file()
    assert len(checked) == 2 * READABLE  # once uncached, once to fill the cache
    checked.clear()
    assert run(content, cache) == uncached
    assert checked == ["bad-date.md"]  # 'next Tuesday' is read against today: never kept


def test_an_edited_post_alone_is_checked_again(content, checked, tmp_path):
    cache = tmp_path / "lint.json"
    before = run(content, cache)
    post = content / "posts" / "missing-body.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nA body at last.\n", encoding="utf-8")
    checked.clear()
    after = run(content, cache)
    assert checked == ["bad-date.md", "missing-body.md"]
    assert [p for p in before if "missing-body.md" not in p] == after


def test_a_changed_vocabulary_drops_the_cache(content, checked, tmp_path):
    cache = tmp_path / "lint.json"
    vocabulary = content / "roles.toml"
    assert any("Acount Manager" in problem for problem in run(content, cache))
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8").replace(
            'aliases = ["AM", ', 'aliases = ["Acount Manager", "AM", ', 1
        ),
        encoding="utf-8",
    )
    checked.clear()
    assert not any("Acount Manager" in problem for problem in run(content, cache))
    assert len(checked) == READABLE


def test_a_changed_salt_or_linter_code_drops_the_cache(content, checked, tmp_path):
    cache = tmp_path / "lint.json"
    run(content, cache, salt="pelican 4.12")
    checked.clear()
    run(content, cache, salt="pelican 4.13")
    assert len(checked) == READABLE
    # The code's hash covers every module that decides a post's problems.
    code = tmp_path / "code"
    shutil.copytree(PLUGIN, code)
    digest = lintcache.code_digest(code)
    for name in lintcache.CODE:
        module = code / name
        module.write_bytes(module.read_bytes() + b"\n")
        assert lintcache.code_digest(code) != digest, name
        digest = lintcache.code_digest(code)


def test_links_and_slugs_across_posts_are_checked_on_every_run(content, tmp_path):
    cache = tmp_path / "lint.json"
    assert run(content, cache) == run(content, cache)
    (content / "images" / "dot.svg").unlink()  # good.md links it; good.md is unchanged
    shutil.copy(content / "posts" / "good.md", content / "posts" / "good2.md")
    problems = run(content, cache)
    assert sum("posts/good.md" in p and "dot.svg does not exist" in p for p in problems) == 2
    assert "posts/good2.md:1: same URL as posts/good.md (slug 'a-good-post')" in "\n".join(problems)
    assert problems == run(content, None)


def test_a_damaged_cache_is_ignored_and_written_anew(content, tmp_path):
    cache = tmp_path / "lint.json"
    expected = run(content, cache)
    for damage in ("{not json", '{"salt": 1}', "[]"):
        cache.write_text(damage, encoding="utf-8")
        assert run(content, cache) == expected
    text = cache.read_text(encoding="utf-8")
    cache.write_text(text.replace('"problems":[', '"problems":{', 1), encoding="utf-8")
    assert run(content, cache) == expected


def test_the_code_hash_covers_every_module_the_linter_imports():
    """A module of the plugin that the linter uses, left out of the hash, would let a change
    to it go unseen."""
    used, todo = set(), ["posts/lint.py"]
    while todo:
        name = todo.pop()
        used.add(name)
        tree = ast.parse((PLUGIN / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                package = Path(name).parents[node.level - 1]
                prefix = [node.module] if node.module else []
                for alias in [None] if node.module else node.names:
                    parts = [*prefix, *([alias.name] if alias else [])]
                    module = (package / "/".join(p.replace(".", "/") for p in parts)).as_posix()
                    if (PLUGIN / f"{module}.py").is_file() and f"{module}.py" not in used:
                        todo.append(f"{module}.py")
    assert used == set(lintcache.CODE)


def test_the_cache_folder_keeps_the_newest_files_only(content, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    for number in range(lintcache.KEEP + 3):
        old = folder / f"old-{number}.json"
        old.write_text("{}")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    run(content, folder / "this.json")
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == lintcache.KEEP and "this.json" in kept
    assert "old-0.json" not in kept and f"old-{lintcache.KEEP + 2}.json" in kept


def test_a_date_read_against_today_is_checked_on_every_run(content, checked, tmp_path):
    """'29 February' parses in a leap year only: its verdict is never kept."""
    cache = tmp_path / "lint.json"
    post = content / "posts" / "good.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("2026-03-01 09:00", "29 February"),
        encoding="utf-8",
    )
    run(content, cache)
    checked.clear()
    run(content, cache)
    assert checked == ["bad-date.md", "good.md"]  # bad-date.md: 'next Tuesday'


def test_only_the_code_that_decides_slugs_and_dates_salts_the_cache(tmp_path, monkeypatch):
    """tools/check.py (post_slug, parse_date) salts the cache; tasks.py does not, so editing
    an unrelated task keeps every cached verdict."""
    from tools.check import lint_salt

    project = tmp_path / "project"
    (project / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tasks.py", project / "tasks.py")
    shutil.copy(ROOT / "tools" / "check.py", project / "tools" / "check.py")
    salt = lint_salt(project)
    assert salt == lint_salt(ROOT)
    with (project / "tasks.py").open("a", encoding="utf-8") as tasks:
        tasks.write("\n\n@task\ndef hello(c):\n    print('hello')\n")
    assert lint_salt(project) == salt
    with (project / "tools" / "check.py").open("a", encoding="utf-8") as check:
        check.write("\n# a change to how slugs or dates are made\n")
    assert lint_salt(project) != salt
    # Whatever the folder given, no tasks.py is read: tools/check.py is the one file hashed.
    read, read_bytes = [], Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path) or read_bytes(path))
    lint_salt()
    assert read == [ROOT / "tools" / "check.py"]
