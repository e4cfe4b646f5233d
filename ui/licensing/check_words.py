"""The checks of a package's verification, in words: a name and a sentence for each outcome.

``verify_package`` (``vault.licensing.verify``) reports each check by id with
a detail the core words (an ``i18n.Message``, said in the app's language from
the core's catalogue); the report shows these translated words first and that
detail beneath. Which failures still let a package be added follows
``Library.ingest``: it keeps a license not started yet, or one whose status
is too old, with its content locked, and pins an unknown licensor only when
asked to trust them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.vault.licensing.verify import Check

# Checks whose failure leaves a package that can still be added: the library keeps
# it with its content locked (``Library.ingest``); trust has its own step in the report.
LOCKS_ONLY = frozenset({"not-before", "status"})
TRUST = "trust"

# The markers below spell the context out: lupdate reads only a literal one.
_CONTEXT = "checks"
# Per check id: its name, then what it means when it passed, failed, or did not apply.
CHECK_WORDS: dict[str, tuple[str, str, str, str]] = {
    "format": (
        QT_TRANSLATE_NOOP("checks", "Signature"),
        QT_TRANSLATE_NOOP("checks", "Signed by the licensor's key, and unchanged since it was signed."),
        QT_TRANSLATE_NOOP(
            "checks",
            "Not a valid license package: it is damaged, was altered after it was signed, "
            "or is not a package at all.",
        ),
        QT_TRANSLATE_NOOP("checks", "Not checked."),
    ),
    "integrity": (
        QT_TRANSLATE_NOOP("checks", "Content"),
        QT_TRANSLATE_NOOP("checks", "Every entry opens and is exactly what the licensor signed."),
        QT_TRANSLATE_NOOP(
            "checks", "The content is not what the licensor signed: it was altered or swapped."
        ),
        QT_TRANSLATE_NOOP("checks", "Not checked: only the vault it is addressed to can open the content."),
    ),
    "addressed": (
        QT_TRANSLATE_NOOP("checks", "Addressed to this vault"),
        QT_TRANSLATE_NOOP("checks", "Made for this vault: only you can open it."),
        QT_TRANSLATE_NOOP(
            "checks", "Not addressed to this vault: it was made for someone else, and only they can open it."
        ),
        QT_TRANSLATE_NOOP("checks", "Not checked."),
    ),
    "clock": (
        QT_TRANSLATE_NOOP("checks", "This computer's clock"),
        QT_TRANSLATE_NOOP("checks", "The clock agrees with the times this vault has seen."),
        QT_TRANSLATE_NOOP("checks", "This computer's clock looks wrong: correct it before adding licenses."),
        QT_TRANSLATE_NOOP("checks", "Not checked."),
    ),
    "not-before": (
        QT_TRANSLATE_NOOP("checks", "Start"),
        QT_TRANSLATE_NOOP("checks", "The license has started."),
        QT_TRANSLATE_NOOP(
            "checks",
            "The license has not started yet. You can add it now; its content stays locked until it starts.",
        ),
        QT_TRANSLATE_NOOP("checks", "Not checked."),
    ),
    "expiry": (
        QT_TRANSLATE_NOOP("checks", "End"),
        QT_TRANSLATE_NOOP("checks", "The license has not ended."),
        QT_TRANSLATE_NOOP("checks", "The license has ended: it can no longer be added."),
        QT_TRANSLATE_NOOP("checks", "Not checked."),
    ),
    "revocation": (
        QT_TRANSLATE_NOOP("checks", "Revocation"),
        QT_TRANSLATE_NOOP("checks", "Not revoked, as far as this vault knows."),
        QT_TRANSLATE_NOOP("checks", "The licensor has revoked this license: it can no longer be added."),
        QT_TRANSLATE_NOOP("checks", "Not checked."),
    ),
    "status": (
        QT_TRANSLATE_NOOP("checks", "Status updates"),
        QT_TRANSLATE_NOOP("checks", "The licensor's latest status is recent enough."),
        QT_TRANSLATE_NOOP(
            "checks",
            "No recent enough status from the licensor. You can add it now; its content stays "
            "locked until a newer status arrives.",
        ),
        QT_TRANSLATE_NOOP("checks", "This license does not ask for status updates."),
    ),
    TRUST: (
        QT_TRANSLATE_NOOP("checks", "Licensor trusted"),
        QT_TRANSLATE_NOOP("checks", "The licensor is one of your contacts."),
        QT_TRANSLATE_NOOP(
            "checks", "The licensor is not one of your contacts yet: compare their fingerprint below."
        ),
        QT_TRANSLATE_NOOP("checks", "Not checked."),
    ),
    "permissions": (
        QT_TRANSLATE_NOOP("checks", "Permissions"),
        "",
        "",
        QT_TRANSLATE_NOOP("checks", "What the license allows is set out in full under Terms."),
    ),
}
MARKS = {True: "✓", False: "✗", None: "–"}
CAUTION = "!"  # a failed check that can still be got past: the licensor's trust, or locked content


def is_final(check: Check) -> bool:
    """A failed check that no choice here gets past: the library would refuse the package."""
    return check.ok is False and check.name not in LOCKS_ONLY and check.name != TRUST


def check_words(check: Check) -> tuple[str, str]:
    """A check's translated name and the sentence for its outcome; an unknown check by its id."""
    words = CHECK_WORDS.get(check.name)
    if words is None:
        return check.name, ""
    name, passed, failed, other = words
    sentence = {True: passed, False: failed, None: other}[check.ok] or other
    return QCoreApplication.translate(_CONTEXT, name), QCoreApplication.translate(_CONTEXT, sentence)
