"""Every core error as the app says it: one table from error class to translated sentence.

The core raises typed errors whose messages are English and precise: they
name the file, the entry, the contact (``vault/errors.py``). The app speaks
the user's language, so every class the core defines has a sentence here,
marked for translation in the "errors" context, and an error is looked up by
the most specific class in its MRO: a subclass added later without a
sentence still gets its parent's (``tests/test_ui_errors.py`` fails until it
has its own). Each sentence is its class's ``default_message``, so a
translator translates what an English reader sees.

What ``message`` returns, one rule everywhere the app shows an error:

- In English, the core's own message, unchanged: it is the class's sentence
  made specific. The language is not read from a setting: a sentence with no
  translation loaded (English, or a translation not yet filled in) is shown
  as the core wrote it, so no language ever shows less than English does.
- In another language, the class's translated sentence. When the core said
  more than its class's default sentence (which file, which contact), its
  message follows on a second line, "Details: …", in the core's words, so
  the specifics are still there. Callers show it as plain text, never markup:
  it may quote a title or a path.

A screen that has a better sentence for a class in its own situation (the
unlock dialog's "Wrong passphrase") names itself as a ``Screen``
(``failure.message_on(Screen.UNLOCK)``); its sentence replaces the class's for
that class and its subclasses, in every language, and the details rule above
still holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from PySide6.QtCore import QCoreApplication

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.vault.errors import (
    AttachmentTooLarge,
    BackupError,
    Cancelled,
    ClockRecordDamaged,
    ClockRollback,
    DamagedImage,
    Expired,
    ExportFailed,
    ImportFailed,
    InvalidValue,
    KeyChanged,
    KnowholdError,
    LicenseError,
    LicenseRefused,
    Malformed,
    NoContact,
    NotAddressed,
    NotFound,
    NotPermitted,
    NotYetValid,
    NoVault,
    PrivateRefused,
    Revoked,
    SensitiveRefused,
    StatusStale,
    UnsafeText,
    Untrusted,
    UsageError,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultTooNew,
    WriteFailed,
    WrongSecret,
)
from knowhold.vault.store.rotation import Unfinished

SENTENCES: Mapping[type[KnowholdError], str] = {
    KnowholdError: QT_TRANSLATE_NOOP("errors", "Something went wrong."),
    UsageError: QT_TRANSLATE_NOOP("errors", "Invalid usage."),
    InvalidValue: QT_TRANSLATE_NOOP("errors", "Invalid value."),
    UnsafeText: QT_TRANSLATE_NOOP(
        "errors", "The text contains an invisible or control character, which is not allowed."
    ),
    AttachmentTooLarge: QT_TRANSLATE_NOOP(
        "errors", "The file is larger than 25 MiB, the most one attachment may be."
    ),
    DamagedImage: QT_TRANSLATE_NOOP("errors", "An image is damaged, so its metadata cannot be removed."),
    VaultError: QT_TRANSLATE_NOOP("errors", "The vault cannot be used."),
    NoVault: QT_TRANSLATE_NOOP("errors", "No vault here."),
    VaultExists: QT_TRANSLATE_NOOP("errors", "A vault already exists here; nothing was changed."),
    WrongSecret: QT_TRANSLATE_NOOP("errors", "Wrong passphrase, or this folder is not a Knowhold vault."),
    VaultInUse: QT_TRANSLATE_NOOP(
        "errors", "The vault is open in another Knowhold window or command; close it and try again."
    ),
    VaultCorrupt: QT_TRANSLATE_NOOP("errors", "The vault's files are damaged."),
    Unfinished: QT_TRANSLATE_NOOP(
        "errors",
        "The vault was locked while its new key was being put in place; "
        "open it again with the new passphrase to finish.",
    ),
    VaultTooNew: QT_TRANSLATE_NOOP("errors", "This vault was written by a newer Knowhold; please update."),
    VaultLocked: QT_TRANSLATE_NOOP("errors", "The vault is locked."),
    NotFound: QT_TRANSLATE_NOOP("errors", "No such entry."),
    NoContact: QT_TRANSLATE_NOOP("errors", "No such contact."),
    ImportFailed: QT_TRANSLATE_NOOP("errors", "Nothing could be imported."),
    BackupError: QT_TRANSLATE_NOOP("errors", "The backup file is damaged or not a Knowhold backup."),
    ExportFailed: QT_TRANSLATE_NOOP("errors", "The export could not be written."),
    Cancelled: QT_TRANSLATE_NOOP("errors", "Cancelled."),
    WriteFailed: QT_TRANSLATE_NOOP(
        "errors", "The disk is full or the folder cannot be written; nothing was changed."
    ),
    LicenseError: QT_TRANSLATE_NOOP("errors", "The license cannot be used."),
    Malformed: QT_TRANSLATE_NOOP(
        "errors", "The file is malformed, tampered with, or its signature is not valid."
    ),
    NotAddressed: QT_TRANSLATE_NOOP("errors", "This package is addressed to another vault."),
    ClockRollback: QT_TRANSLATE_NOOP(
        "errors",
        "This computer's clock is earlier than a time this vault has already seen; "
        "fix the clock to use licensed content.",
    ),
    ClockRecordDamaged: QT_TRANSLATE_NOOP(
        "errors",
        "This vault's record of time is damaged, so no license can be judged; licensed content stays locked.",
    ),
    NotYetValid: QT_TRANSLATE_NOOP("errors", "This license is not valid yet."),
    Expired: QT_TRANSLATE_NOOP("errors", "This license has expired."),
    Revoked: QT_TRANSLATE_NOOP("errors", "This license has been revoked by the licensor."),
    StatusStale: QT_TRANSLATE_NOOP(
        "errors", "No recent enough status document: refresh to use this license's content."
    ),
    Untrusted: QT_TRANSLATE_NOOP("errors", "The licensor is not a trusted contact."),
    NotPermitted: QT_TRANSLATE_NOOP("errors", "The license terms do not permit this."),
    KeyChanged: QT_TRANSLATE_NOOP("errors", "A contact's keys have changed."),
    LicenseRefused: QT_TRANSLATE_NOOP("errors", "The license was not issued."),
    PrivateRefused: QT_TRANSLATE_NOOP("errors", "Private entries can never be licensed."),
    SensitiveRefused: QT_TRANSLATE_NOOP("errors", "Sensitive data was found in the selected entries."),
}


class Screen(Enum):
    """A screen that says some errors its own way (``SCREEN_SENTENCES``)."""

    UNLOCK = "unlock"
    RECOVER = "recover"
    CHANGE_PASSPHRASE = "change passphrase"
    NEW_RECOVERY_CODE = "new recovery code"
    RESTORE = "restore"


# A wrong secret means something different on each screen that asks for one:
# which secret was wrong, and what to try instead.
SCREEN_SENTENCES: Mapping[Screen, Mapping[type[KnowholdError], str]] = {
    Screen.UNLOCK: {WrongSecret: QT_TRANSLATE_NOOP("errors", "Wrong passphrase")},
    Screen.RECOVER: {
        WrongSecret: QT_TRANSLATE_NOOP(
            "errors",
            "That recovery code does not open this vault. "
            "Check it against the one you wrote down and try again.",
        ),
    },
    Screen.CHANGE_PASSPHRASE: {
        WrongSecret: QT_TRANSLATE_NOOP("errors", "That is not your current passphrase. Type it again.")
    },
    Screen.NEW_RECOVERY_CODE: {
        WrongSecret: QT_TRANSLATE_NOOP("errors", "That is not your passphrase. Type it again.")
    },
    Screen.RESTORE: {
        WrongSecret: QT_TRANSLATE_NOOP(
            "errors",
            "That does not open this backup. Use the passphrase or recovery code the "
            "vault had when the backup was made.",
        ),
    },
}


def _nearest(table: Mapping[type[KnowholdError], str], kind: type[KnowholdError]) -> str | None:
    """The sentence of the most specific class in ``kind``'s MRO that ``table`` has."""
    return next((table[cls] for cls in kind.__mro__ if issubclass(cls, KnowholdError) and cls in table), None)


def message(error: KnowholdError, screen: Screen | None = None) -> str:
    """What the app shows for ``error`` (on ``screen``, if it has its own sentence for it)."""
    own = _nearest(SCREEN_SENTENCES[screen], type(error)) if screen is not None else None
    if own is not None:
        shown = QCoreApplication.translate("errors", own)
    else:
        # Every error's MRO ends in KnowholdError, whose sentence is the last resort.
        source = _nearest(SENTENCES, type(error)) or SENTENCES[KnowholdError]
        shown = QCoreApplication.translate("errors", source)
        if shown == source:
            return error.message  # English, or not translated yet: the core's precise words
    if error.message == type(error).default_message:
        return shown  # the core said nothing more specific than its class does
    details = QCoreApplication.translate("errors", "Details: {detail}").format(detail=error.message)
    return f"{shown}\n{details}"
