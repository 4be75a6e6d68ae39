"""Splitsville's local Pelican plugin: what Pelican lacks, and the defaults it gets wrong."""

from .signals import register

__all__ = ["register"]
