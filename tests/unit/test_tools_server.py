"""tools/server.py: `invoke serve`'s log keeps livereload's and Tornado's real problems only."""

import logging

import pytest

from tools import server


@pytest.fixture
def caught():
    """What the livereload and tornado.access loggers pass on, once server() has set them up."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    loggers = [logging.getLogger(name) for name in ("livereload", "tornado.access")]
    saved = [(lg.filters[:], lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    server.server()
    yield records
    for lg, (filters, level) in zip(loggers, saved, strict=True):
        lg.removeHandler(handler)
        lg.filters[:], lg.level = filters, level


def test_info_lines_and_4xx_are_dropped_and_errors_kept(caught):
    livereload, access = logging.getLogger("livereload"), logging.getLogger("tornado.access")
    livereload.info("Reload %s waiters: %s", 0, "cache/lint/x.json")
    livereload.info("Browser Connected: http://127.0.0.1:8000/")
    access.warning("404 GET /favicon.ico (127.0.0.1) 1.0ms")
    livereload.warning("a warning")
    livereload.error("Error sending message")
    access.error("500 GET / (127.0.0.1) 1.0ms")
    assert [r.getMessage() for r in caught] == [
        "a warning",
        "Error sending message",
        "500 GET / (127.0.0.1) 1.0ms",
    ]
