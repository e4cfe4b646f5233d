"""Knowhold's core: the encrypted vault, its entries, search and licensing.

This package never imports Qt; the desktop app (``ui/``) and the command
line (``vault.cli``) are thin layers over it. The names below are the
public API; the modules hold the details.
"""

from vault.audit import AuditLog
from vault.entries import Entry, EntrySummary, VersionInfo
from vault.errors import KnowholdError
from vault.identity import Contact, Contacts, Identity, PublicIdentity, load_identity
from vault.keys import Argon2Params
from vault.licensing import Ledger, LicenseRecord
from vault.package import LicensedEntry, Manifest, Package, parse_package, read_package
from vault.received import Library, ReceivedRecord
from vault.scanner import Finding, redact, scan
from vault.schema import KINDS
from vault.search import Hit, Search
from vault.storage import Created, Vault, is_vault
from vault.terms import PERMISSIONS, Compensation, Revocation, Terms
from vault.verify import Check, VerifyReport, verify_package

__all__ = [
    "KINDS",
    "PERMISSIONS",
    "Argon2Params",
    "AuditLog",
    "Check",
    "Compensation",
    "Contact",
    "Contacts",
    "Created",
    "Entry",
    "EntrySummary",
    "Finding",
    "Hit",
    "Identity",
    "KnowholdError",
    "Ledger",
    "Library",
    "LicenseRecord",
    "LicensedEntry",
    "Manifest",
    "Package",
    "PublicIdentity",
    "ReceivedRecord",
    "Revocation",
    "Search",
    "Terms",
    "Vault",
    "VerifyReport",
    "VersionInfo",
    "is_vault",
    "load_identity",
    "parse_package",
    "read_package",
    "redact",
    "scan",
    "verify_package",
]
