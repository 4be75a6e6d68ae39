"""The series as a book: one EPUB 3 per series, its published parts as chapters.

- chapters.py  a post's HTML as an XHTML chapter: links into the book, EPUB notes, images
- cover.py     the cover, drawn in the social cards' style
- epub.py      the book put together by ebooklib, and its archive made reproducible
- wiring.py    written at all_generators_finalized, so every page can link it with its size
"""
