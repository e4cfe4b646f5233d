"""Knowhold's core: the encrypted vault, its entries, search and licensing.

This package never imports Qt; the desktop app and the command line are thin
layers over it.
"""

from vault.entries import Entry, EntrySummary, VersionInfo
from vault.errors import KnowholdError
from vault.keys import Argon2Params
from vault.schema import KINDS
from vault.storage import Created, Vault, is_vault

__all__ = [
    "KINDS",
    "Argon2Params",
    "Created",
    "Entry",
    "EntrySummary",
    "KnowholdError",
    "Vault",
    "VersionInfo",
    "is_vault",
]
