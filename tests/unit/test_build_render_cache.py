"""The render cache's store (build/render_cache.py): what a page wrote comes back whole, or
not at all, and goes into the output as links to one copy of its bytes."""

import os
from datetime import UTC, datetime

from splitsville.build.render_cache import BLOBS, RenderCache, read_back, write_out

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


def contents(found) -> dict:
    return {name: (newest, open(path, "rb").read()) for name, newest, path in found}


def test_an_entry_comes_back_as_it_was_put(tmp_path):
    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    store.put("k", rendered(tmp_path / "out"))
    assert contents(store.get("k")) == PAGES
    assert store.get("other") is None
    store.put("k", rendered(tmp_path / "out")[:1])  # a new render of the same key replaces it
    assert contents(store.get("k")) == {"index.html": PAGES["index.html"]}


def test_a_damaged_entry_or_blob_is_a_miss(tmp_path):
    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    store.put("k", rendered(tmp_path / "out"))
    entry = (tmp_path / "cache" / "k").read_bytes()
    for damaged in [entry[:-2], entry + b"x", entry.replace(b"index", b"indey"), b"", b"{}\n"]:
        (tmp_path / "cache" / "k").write_bytes(damaged)
        assert store.get("k") is None, damaged
    (tmp_path / "cache" / "k").write_bytes(entry)
    assert store.get("k") is not None
    blob = next(path for _, _, path in store.get("k"))
    with open(blob, "r+b") as data:  # the same size, other bytes
        data.write(b"<P>")
    assert store.get("k") is None
    store.put("k", rendered(tmp_path / "again"))  # rendered again: the blob is whole again
    assert contents(store.get("k")) == PAGES


def test_only_the_entries_and_blobs_a_build_used_are_kept(tmp_path):
    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    store.put("a", rendered(tmp_path / "out")[:1])
    store.put("b", rendered(tmp_path / "out")[1:])
    store.put("c", rendered(tmp_path / "out")[:1])
    store.keep_only({"a", "c"})
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["a", BLOBS, "c"]
    assert len(list((tmp_path / "cache" / BLOBS).iterdir())) == 1  # a and c share one
    assert contents(store.get("a")) == {"index.html": PAGES["index.html"]}


def test_files_go_out_as_links_to_the_cached_bytes(tmp_path):
    store = RenderCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    store.put("k", rendered(tmp_path / "first"))
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
    store.put("k", rendered(tmp_path / "first"))
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
