"""Knowhold's core: the encrypted vault, its entries, search and licensing.

This package never imports Qt; the desktop app (``ui/``) and the command
line (``vault.cli``) are thin layers over it. The names below are the
public API; the modules hold the details.
"""

from knowhold.vault.errors import KnowholdError
from knowhold.vault.knowledge.attachments import MAX_ATTACHMENT, Attachment, Attachments
from knowhold.vault.knowledge.entries import Entry, EntrySummary, VersionInfo
from knowhold.vault.knowledge.image_metadata import Stripped, strip_metadata
from knowhold.vault.knowledge.origin import Origin, OriginKind
from knowhold.vault.knowledge.scanner import Finding, redact, scan
from knowhold.vault.knowledge.search import Hit, Search
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contact, Contacts, Identity, PublicIdentity, load_identity
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.package import Package, parse_package, read_package
from knowhold.vault.licensing.payload import LicensedEntry, LicensedFile
from knowhold.vault.licensing.received import Library, ReceivedRecord
from knowhold.vault.licensing.terms import PERMISSIONS, Compensation, Revocation, Terms
from knowhold.vault.licensing.verify import Check, VerifyReport, verify_package
from knowhold.vault.store.keys import Argon2Params
from knowhold.vault.store.schema import KINDS
from knowhold.vault.store.storage import Created, Vault, is_vault

__all__ = [
    "KINDS",
    "MAX_ATTACHMENT",
    "PERMISSIONS",
    "Argon2Params",
    "Attachment",
    "Attachments",
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
    "LicensedFile",
    "Manifest",
    "Origin",
    "OriginKind",
    "Package",
    "PublicIdentity",
    "ReceivedRecord",
    "Revocation",
    "Search",
    "Stripped",
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
    "strip_metadata",
    "verify_package",
]
