"""The build itself: our reader, the parallel writer, the content cache, strictness guards.

Every use of Pelican's private or undocumented API lives in this package, so a Pelican upgrade
has one checklist (each item is exercised by the build tests):

- reader.py: `MarkdownReader._parse_metadata`, and the `_md` and `_source_path` attributes it
  reads (we reuse Markdown objects instead of making one per file).
- wiring.py: `Content._content` and `Content._summary` (safety for posts not in Markdown);
  `FileStampDataCacher.get_cached_data` through `generator.readers` (which posts are cached);
  `pelican.log.console` (a progress line in Pelican's style); pelican-sitemap's module-level
  `sitemap.generator`: its `now` (its clock, pinned) and its `page_queue` of (path, object)
  pairs, where list pages get a stand-in object with a `url` and a `date`.
- writer.py: `Writer._written_files` (the check against writing one file twice), and
  `Writer.write_file` called from forked workers.
- guards.py: `pelican.plugins._utils.get_namespace_plugins` (installed plugins) and
  `Generator._templates_path` (our theme's template folder).
"""
