"""Every core error as the app says it: one table from error class to translated sentence.

The core raises typed errors whose messages are English and precise: they
name the file, the entry, the contact (``vault/errors.py``). The app speaks
the user's language, so every class the core defines has a sentence here,
and an error is looked up by the most specific class in its MRO: a subclass
added later without a sentence still gets its parent's
(``tests/test_ui_errors.py`` fails until it has its own). Each sentence is
its class's ``default_message``, so a translator translates what an English
reader sees.

The sentences are translated with gettext, not Qt, from the core's one
catalogue (``vault/i18n.py``, ``resources/locale``), which the command line
shares: a core error reads the same in the app and in a terminal. The app
puts that catalogue in its own language when it installs its translation
(``ui/i18n.Translations``).

What ``message`` returns, one rule everywhere the app shows an error:

- In English, the core's own message, unchanged: it is the class's sentence
  made specific. The language is not read from a setting: a sentence with no
  translation (English, or a translation not yet filled in) is shown as the
  core wrote it, so no language ever shows less than English does.
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

from knowhold.vault.errors import (
    AttachmentTooLarge,
    BackupError,
    Cancelled,
    ClockRecordDamaged,
    ClockRollback,
    DamagedImage,
    Expired,
    ExportFailed,
    ExtraMissing,
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
from knowhold.vault.i18n import N_
from knowhold.vault.i18n import gettext as _
from knowhold.vault.store.rotation import Unfinished

SENTENCES: Mapping[type[KnowholdError], str] = {
    KnowholdError: N_("Something went wrong."),
    UsageError: N_("Invalid usage."),
    InvalidValue: N_("Invalid value."),
    UnsafeText: N_("The text contains an invisible or control character, which is not allowed."),
    AttachmentTooLarge: N_("The file is larger than 25 MiB, the most one attachment may be."),
    DamagedImage: N_("An image is damaged, so its metadata cannot be removed."),
    VaultError: N_("The vault cannot be used."),
    NoVault: N_("No vault here."),
    VaultExists: N_("A vault already exists here; nothing was changed."),
    WrongSecret: N_("Wrong passphrase, or this folder is not a Knowhold vault."),
    VaultInUse: N_("The vault is open in another Knowhold window or command; close it and try again."),
    VaultCorrupt: N_("The vault's files are damaged."),
    Unfinished: N_(
        "The vault was locked while its new key was being put in place; "
        "open it again with the new passphrase to finish.",
    ),
    VaultTooNew: N_("This vault was written by a newer Knowhold; please update."),
    VaultLocked: N_("The vault is locked."),
    NotFound: N_("No such entry."),
    NoContact: N_("No such contact."),
    ImportFailed: N_("Nothing could be imported."),
    BackupError: N_("The backup file is damaged or not a Knowhold backup."),
    ExportFailed: N_("The export could not be written."),
    Cancelled: N_("Cancelled."),
    WriteFailed: N_("The disk is full or the folder cannot be written; nothing was changed."),
    ExtraMissing: N_("This needs an optional part of Knowhold that is not installed."),
    LicenseError: N_("The license cannot be used."),
    Malformed: N_("The file is malformed, tampered with, or its signature is not valid."),
    NotAddressed: N_("This package is addressed to another vault."),
    ClockRollback: N_(
        "This computer's clock is earlier than a time this vault has already seen; "
        "fix the clock to use licensed content.",
    ),
    ClockRecordDamaged: N_(
        "This vault's record of time is damaged, so no license can be judged; licensed content stays locked.",
    ),
    NotYetValid: N_("This license is not valid yet."),
    Expired: N_("This license has expired."),
    Revoked: N_("This license has been revoked by the licensor."),
    StatusStale: N_("No recent enough status document: refresh to use this license's content."),
    Untrusted: N_("The licensor is not a trusted contact."),
    NotPermitted: N_("The license terms do not permit this."),
    KeyChanged: N_("A contact's keys have changed."),
    LicenseRefused: N_("The license was not issued."),
    PrivateRefused: N_("Private entries can never be licensed."),
    SensitiveRefused: N_("Sensitive data was found in the selected entries."),
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
    Screen.UNLOCK: {WrongSecret: N_("Wrong passphrase")},
    Screen.RECOVER: {
        WrongSecret: N_(
            "That recovery code does not open this vault. "
            "Check it against the one you wrote down and try again.",
        ),
    },
    Screen.CHANGE_PASSPHRASE: {WrongSecret: N_("That is not your current passphrase. Type it again.")},
    Screen.NEW_RECOVERY_CODE: {WrongSecret: N_("That is not your passphrase. Type it again.")},
    Screen.RESTORE: {
        WrongSecret: N_(
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
        shown = _(own)
    else:
        # Every error's MRO ends in KnowholdError, whose sentence is the last resort.
        source = _nearest(SENTENCES, type(error)) or SENTENCES[KnowholdError]
        shown = _(source)
        if shown == source:
            return error.message  # English, or not translated yet: the core's precise words
    if error.message == type(error).default_message:
        return shown  # the core said nothing more specific than its class does
    details = _("Details: {detail}").format(detail=error.message)
    return f"{shown}\n{details}"
