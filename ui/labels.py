"""Translated names for the core's fixed vocabulary (entry kinds).

The names themselves are the core's one table,
``vault.knowledge.templates.KIND_LABELS`` (keyed by ``vault.store.schema.KINDS``);
this module only translates them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.vault.knowledge.templates import KIND_LABELS

# lupdate finds only literal strings, so the core's labels are marked here once
# more; tests/test_text_safety.py checks these are exactly KIND_LABELS' values.
MARKED_FOR_TRANSLATION: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("kinds", "Playbook"),
    QT_TRANSLATE_NOOP("kinds", "Heuristic"),
    QT_TRANSLATE_NOOP("kinds", "Decision"),
    QT_TRANSLATE_NOOP("kinds", "Checklist"),
    QT_TRANSLATE_NOOP("kinds", "Edge case"),
    QT_TRANSLATE_NOOP("kinds", "Template"),
    QT_TRANSLATE_NOOP("kinds", "Note"),
)


def kind_label(kind: str) -> str:
    """The kind's display name; an unknown kind (a newer vault) is shown as stored."""
    source = KIND_LABELS.get(kind)
    return kind if source is None else QCoreApplication.translate("kinds", source)


def tags_label(tags: tuple[str, ...]) -> str:
    return " ".join(f"#{tag}" for tag in tags)
