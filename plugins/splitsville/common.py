"""Errors that stop a build on purpose, with one line for the author (no Pelican imports).

build_signals.QuietStops logs them without a traceback: the message says what is wrong and
how to fix it.
"""


class SettingsError(Exception):
    """A problem in the settings or content that must stop the build."""


class ReadStop(SettingsError):
    """A post that cannot be built, with the one line that says why and how to fix it."""
