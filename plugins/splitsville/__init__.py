"""Splitsville's local Pelican plugin: what Pelican lacks, and the defaults it gets wrong."""


def register() -> None:
    """Connect our signals (signals.py). Imported here, when Pelican loads the plugin, so that
    the plain modules (lint, linkcheck, roles...) load without Pelican for `invoke check`."""
    from .signals import register as connect

    connect()


__all__ = ["register"]
