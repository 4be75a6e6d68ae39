"""The build itself: our reader, the parallel writer, the content and render caches, guards.

Every use of Pelican's private or undocumented API lives in this package, so a Pelican upgrade
has one checklist (each item is exercised by the build tests):

- reader.py: `MarkdownReader._parse_metadata`, and the `_md` and `_source_path` attributes it
  reads (we reuse Markdown objects instead of making one per file).
- wiring.py: `Content._content` and `Content._summary` (safety for posts not in Markdown);
  `FileStampDataCacher.get_cached_data` through `generator.readers` (which posts are cached);
  `pelican.log.console` (a progress line in Pelican's style); pelican-sitemap's module-level
  `sitemap.generator`: its `now` (its clock, pinned) and its `page_queue` of (path, object)
  pairs, where list pages get a stand-in object with a `url` and a `date`.
- writer.py: `Writer._written_files` (the check against writing one file twice, kept aside
  while held pages render in Pelican's process), and `Writer.write_file` called from forked
  workers; blinker's `receivers_for` to mute `content_written` while held pages render.
- render_key.py: the attributes of `Content` and `URLWrapper` objects (all of `vars()`, with
  `_content` as the body and `_context` and `settings` left out), their `url`, `save_as`,
  `summary` and `content`, and the context's `generated_content`, `static_content`,
  `staticfiles` and `static_links`, whose order varies between builds.
- guards.py: `pelican.plugins._utils.get_namespace_plugins` (installed plugins) and
  `Generator._templates_path` (our theme's template folder).
"""
