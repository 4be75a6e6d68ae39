"""The render cache's store (build/render_cache.py): what a page wrote comes back whole, or
not at all, and goes into the output as links to one copy of its bytes."""

import os
from datetime import UTC, datetime

from splitsville.build.render_cache import BLOBS, INDEX, RenderCache, read_back, write_out

NEWEST = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
PAGES = {"index.html": (NEWEST, b"<p>home</p>"), "page/2/index.html": (None, "é\n".encode())}


def rendered(output) -> list:
    """PAGES as a render leaves them: files in the output, read back as the writer does."""
    paths = []
    for name, (newest, data) in PAGES.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_bytes(data)
        paths.append((str(output / name), newest))
    return read_back(str(output), paths)


def put(store: RenderCache, key: str, files: list) -> None:
    """What the writer does with a page it rendered: an entry made of its files, kept."""
    store.keep(key, store.entry(files))


def contents(found) -> dict:
    return {name: (newest, open(path, "rb").read()) for name, newest, path in found}


def test_an_entry_comes_back_as_it_was_put_and_in_the_next_build(tmp_path):
    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    put(store, "k", rendered(tmp_path / "out"))
    assert contents(store.get("k")) == PAGES
    assert store.get("other") is None
    put(store, "k", rendered(tmp_path / "out")[:1])  # a new render of the same key replaces it
    assert contents(store.get("k")) == {"index.html": PAGES["index.html"]}
    store.keep_only({"k"})
    assert contents(RenderCache(tmp_path / "cache").get("k")) == {"index.html": PAGES["index.html"]}


def test_an_entry_made_in_a_worker_is_kept_by_the_parent(tmp_path):
    (tmp_path / "cache").mkdir()
    made = RenderCache(tmp_path / "cache").entry(rendered(tmp_path / "out"))
    parent = RenderCache(tmp_path / "cache")
    parent.keep("k", made)
    parent.keep("refused", None)  # the worker's disk refused it: nothing to keep
    parent.keep_only({"k", "refused"})
    next_build = RenderCache(tmp_path / "cache")
    assert contents(next_build.get("k")) == PAGES
    assert next_build.get("refused") is None


def test_a_damaged_index_entry_or_blob_is_a_miss(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    store = RenderCache(folder)
    put(store, "k", rendered(tmp_path / "out"))
    store.keep_only({"k"})
    index = (folder / INDEX).read_bytes()
    damaged = [index[:-2], index + b"x", b"", b"[]", b"{}", index.replace(b"index", b"indey")]
    for text in damaged:
        (folder / INDEX).write_bytes(text)
        assert RenderCache(folder).get("k") is None, text
    (folder / INDEX).write_bytes(index)
    assert RenderCache(folder).get("k") is not None
    blob = next(path for _, _, path in RenderCache(folder).get("k"))
    with open(blob, "r+b") as data:  # the same size, other bytes
        data.write(b"<P>")
    assert RenderCache(folder).get("k") is None
    store = RenderCache(folder)
    put(store, "k", rendered(tmp_path / "again"))  # rendered again: the blob is whole again
    assert contents(store.get("k")) == PAGES


def test_only_the_entries_and_blobs_a_build_used_are_kept(tmp_path):
    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    put(store, "a", rendered(tmp_path / "out")[:1])
    put(store, "b", rendered(tmp_path / "out")[1:])
    put(store, "c", rendered(tmp_path / "out")[:1])
    store.keep_only({"a", "c"})
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted([BLOBS, INDEX])
    assert len(list((tmp_path / "cache" / BLOBS).iterdir())) == 1  # a and c share one
    next_build = RenderCache(tmp_path / "cache")
    assert next_build.get("b") is None
    assert contents(next_build.get("a")) == {"index.html": PAGES["index.html"]}
    next_build.keep_only({"a"})  # found, not made, in this build: still kept
    assert contents(RenderCache(tmp_path / "cache").get("a")) == {"index.html": PAGES["index.html"]}


def test_files_go_out_as_links_to_the_cached_bytes(tmp_path):
    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    put(store, "k", rendered(tmp_path / "first"))
    written = write_out(str(tmp_path / "out"), store.get("k"))
    assert written == [
        (str(tmp_path / "out" / "index.html"), NEWEST),
        (str(tmp_path / "out" / "page/2/index.html"), None),
    ]
    page = tmp_path / "out" / "page" / "2" / "index.html"
    assert page.read_bytes() == PAGES["page/2/index.html"][1]
    blob = dict((n, p) for n, _, p in store.get("k"))["page/2/index.html"]
    assert os.path.samefile(page, blob)  # no copy was made


def test_a_folder_built_before_gets_new_files_never_writes_through_a_link(tmp_path):
    from splitsville.build.writer import ParallelWriter

    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    put(store, "k", rendered(tmp_path / "first"))
    out = tmp_path / "out"
    write_out(str(out), store.get("k"))
    write_out(str(out), store.get("k"))  # again into the same folder: links replaced
    # Pelican rendering a page into that folder writes a new file, not into the cached bytes.
    writer = ParallelWriter(str(out), settings={})
    with writer._open_w(str(out / "index.html"), "utf-8") as page:
        page.write("<p>rendered again</p>")
    assert (out / "index.html").read_text() == "<p>rendered again</p>"
    assert contents(store.get("k")) == PAGES


def test_the_templates_audit_is_kept_by_their_sources_and_survives_pruning(tmp_path):
    from jinja2 import DictLoader, Environment

    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    templates = {"a.html": "{{ article.content }}", "b.html": "{{ articles[0].content }}"}
    environment = Environment(loader=DictLoader(templates))
    first = store.audit(environment, sorted(templates))
    assert first[0] == ["b.html:1: reads .content of something other than article or page"]
    store.keep_only(set())  # the entries go, the audit stays
    assert (tmp_path / "cache" / "audit.json").is_file()
    assert store.audit(environment, sorted(templates)) == first
    templates["b.html"] = "{{ OUTPUT_PATH }}"  # a template's new source is audited again
    assert store.audit(environment, sorted(templates)) == (
        [],
        ["b.html:1: reads OUTPUT_PATH, which the key leaves out"],
    )
