"""Every failure the core can report, in one tree.

Each class carries the exit code the command line returns for it and a
plain sentence for the user. Lower-level errors (sqlcipher3, cryptography,
OSError) are converted where they cross into the core, with ``raise … from``,
so nothing above ``vault/`` ever sees a library exception or a traceback.

    KnowholdError                      exit 1
    ├── UsageError                     exit 2   bad option or value
    │   └── InvalidValue               exit 2   a value the core refuses
    │       ├── UnsafeText             exit 2   control or invisible characters (vault.text)
    │       ├── AttachmentTooLarge     exit 2   a file over the attachment limit
    │       └── DamagedImage           exit 2   an image whose metadata cannot be removed
    ├── VaultError                     exit 1
    │   ├── NoVault                             no vault at the path
    │   ├── VaultExists                         refusing to overwrite one
    │   ├── WrongSecret                         wrong passphrase/code, or not a vault
    │   ├── VaultInUse                          another process holds the lock
    │   ├── VaultCorrupt                        key file or database damaged
    │   ├── VaultTooNew                         written by a newer Knowhold
    │   └── VaultLocked                         used after close()
    ├── NotFound                       exit 1   unknown id
    │   └── NoContact                           no contact by that name
    ├── ImportFailed                   exit 1   nothing importable at a path
    ├── BackupError                    exit 1   backup file unreadable or damaged
    ├── ExportFailed                   exit 1   cannot write the export
    ├── Cancelled                      exit 1   the user stopped long work
    ├── WriteFailed                    exit 74  disk full, read-only or no permission
    ├── ExtraMissing                   exit 69  an optional extra is not installed
    └── LicenseError                   exit 1   licensing (vault.package, status, received…)
        ├── Malformed                  exit 10  malformed, tampered or bad signature
        ├── NotAddressed               exit 15  package for another vault
        ├── ClockRollback              exit 17  clock earlier than the vault has seen
        │   └── ClockRecordDamaged     exit 17  the vault's record of time is unreadable
        ├── NotYetValid                exit 11  before not-before
        ├── Expired                    exit 12  past expires-at
        ├── Revoked                    exit 13  revoked by the licensor
        ├── StatusStale                exit 14  no status document young enough
        ├── Untrusted                  exit 16  licensor is not a trusted contact
        ├── NotPermitted               exit 18  the terms do not allow it
        ├── KeyChanged                 exit 1   a known name now shows other keys
        └── LicenseRefused             exit 1   the worker's own issue was stopped
            ├── PrivateRefused                  private entries chosen
            └── SensitiveRefused                sensitive data found (entry_ids)

When several licence checks fail, the one reported is the first in the
order 10, 15, 17, 11, 12, 13, 14, 16, 18 (``CHECK_ORDER``).

Messages say what happened, never which command to type next: the command
line adds that (``vault.cli.output.HINTS``, keyed by class), the app has its
own buttons. Counts are written "findings: 3", never with an English plural.
"""

from __future__ import annotations


class KnowholdError(Exception):
    """Base of every error the core raises on purpose."""

    exit_code: int = 1
    default_message: str = "Something went wrong."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class UsageError(KnowholdError):
    exit_code = 2
    default_message = "Invalid usage."


class InvalidValue(UsageError):
    default_message = "Invalid value."


class UnsafeText(InvalidValue):
    """Text holding a control, format or separator character (``vault.text``)."""

    default_message = "The text contains an invisible or control character, which is not allowed."


class AttachmentTooLarge(InvalidValue):
    """A file over ``vault.knowledge.attachments.MAX_ATTACHMENT``."""

    default_message = "The file is larger than 25 MiB, the most one attachment may be."


class DamagedImage(InvalidValue):
    """An image whose structure is not as its type says (``vault.knowledge.image_metadata``)."""

    default_message = "An image is damaged, so its metadata cannot be removed."


class VaultError(KnowholdError):
    default_message = "The vault cannot be used."


class NoVault(VaultError):
    default_message = "No vault here."


class VaultExists(VaultError):
    default_message = "A vault already exists here; nothing was changed."


class WrongSecret(VaultError):
    default_message = "Wrong passphrase, or this folder is not a Knowhold vault."


class VaultInUse(VaultError):
    default_message = "The vault is open in another Knowhold window or command; close it and try again."


class VaultCorrupt(VaultError):
    default_message = "The vault's files are damaged."


class VaultTooNew(VaultError):
    default_message = "This vault was written by a newer Knowhold; please update."


class VaultLocked(VaultError):
    default_message = "The vault is locked."


class NotFound(KnowholdError):
    default_message = "No such entry."


class NoContact(NotFound):
    default_message = "No such contact."


class ImportFailed(KnowholdError):
    default_message = "Nothing could be imported."


class BackupError(KnowholdError):
    default_message = "The backup file is damaged or not a Knowhold backup."


class ExportFailed(KnowholdError):
    default_message = "The export could not be written."


class Cancelled(KnowholdError):
    """Raised from a progress callback to stop long work; nothing half-done is kept."""

    default_message = "Cancelled."


class WriteFailed(KnowholdError):
    """The disk is full (or over quota), or the folder is read-only or not ours.

    Raised where a write fails, after what was started is rolled back, so the
    sentence can always end in "nothing was changed". Exit 74 is sysexits'
    EX_IOERR, which scripts already know.
    """

    exit_code = 74
    default_message = "The disk is full or the folder cannot be written; nothing was changed."


class ExtraMissing(KnowholdError):
    """A feature whose optional dependencies are not installed (``knowhold[agents]`` for ``mcp``).

    Exit 69 is sysexits' EX_UNAVAILABLE: the service cannot run here as installed.
    """

    exit_code = 69
    default_message = "This needs an optional part of Knowhold that is not installed."


class LicenseError(KnowholdError):
    default_message = "The license cannot be used."


class Malformed(LicenseError):
    """Every authentication failure and parse failure: one code, a clear reason."""

    exit_code = 10
    default_message = "The file is malformed, tampered with, or its signature is not valid."


class NotAddressed(LicenseError):
    exit_code = 15
    default_message = "This package is addressed to another vault."


class ClockRollback(LicenseError):
    exit_code = 17
    default_message = (
        "This computer's clock is earlier than a time this vault has already seen; "
        "fix the clock to use licensed content."
    )


class ClockRecordDamaged(ClockRollback):
    """The vault's stored record of time cannot be read: judged as closed, never as open.

    Only the vault's owner can write it, so this is tampering or damage; the
    licensed content stays locked rather than be judged against no floor.
    """

    default_message = (
        "This vault's record of time is damaged, so no license can be judged; licensed content stays locked."
    )


class NotYetValid(LicenseError):
    exit_code = 11
    default_message = "This license is not valid yet."


class Expired(LicenseError):
    exit_code = 12
    default_message = "This license has expired."


class Revoked(LicenseError):
    exit_code = 13
    default_message = "This license has been revoked by the licensor."


class StatusStale(LicenseError):
    exit_code = 14
    default_message = "No recent enough status document: refresh to use this license's content."


class Untrusted(LicenseError):
    exit_code = 16
    default_message = "The licensor is not a trusted contact."


class NotPermitted(LicenseError):
    exit_code = 18
    default_message = "The license terms do not permit this."


class KeyChanged(LicenseError):
    """A card clashing with a contact carries the facts, so an app can state them
    without parsing the sentence: what the card says (``card_name``,
    ``card_fingerprint``) and the contact it clashes with (``contact_name``,
    ``known_fingerprint``). Equal fingerprints mean the keys are known under
    another name. All empty when a compared fingerprint does not match."""

    default_message = "A contact's keys have changed."

    def __init__(
        self,
        message: str | None = None,
        *,
        card_name: str = "",
        card_fingerprint: str = "",
        contact_name: str = "",
        known_fingerprint: str = "",
    ) -> None:
        super().__init__(message)
        self.card_name = card_name
        self.card_fingerprint = card_fingerprint
        self.contact_name = contact_name
        self.known_fingerprint = known_fingerprint


class LicenseRefused(LicenseError):
    default_message = "The license was not issued."


class PrivateRefused(LicenseRefused):
    default_message = "Private entries can never be licensed."


class SensitiveRefused(LicenseRefused):
    """``entry_ids``: the entries with findings, so a presenter can say how to review them."""

    default_message = "Sensitive data was found in the selected entries."

    def __init__(self, message: str | None = None, *, entry_ids: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.entry_ids = entry_ids


# The order in which failing checks are reported: the first failing one wins.
CHECK_ORDER: tuple[int, ...] = (10, 15, 17, 11, 12, 13, 14, 16, 18)

# The licence check error for each exit code 10-18, from the classes themselves.
CHECK_ERRORS: dict[int, type[LicenseError]] = {
    cls.exit_code: cls for cls in LicenseError.__subclasses__() if cls.exit_code in CHECK_ORDER
}
