"""Translated names for the core's fixed vocabulary (entry kinds)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from knowhold.ui.i18n import QT_TRANSLATE_NOOP

_KINDS: dict[str, str] = {
    "playbook": QT_TRANSLATE_NOOP("kinds", "Playbook"),
    "heuristic": QT_TRANSLATE_NOOP("kinds", "Heuristic"),
    "decision": QT_TRANSLATE_NOOP("kinds", "Decision"),
    "checklist": QT_TRANSLATE_NOOP("kinds", "Checklist"),
    "edge-case": QT_TRANSLATE_NOOP("kinds", "Edge case"),
    "template": QT_TRANSLATE_NOOP("kinds", "Template"),
    "note": QT_TRANSLATE_NOOP("kinds", "Note"),
}


def kind_label(kind: str) -> str:
    """The kind's display name; an unknown kind (a newer vault) is shown as stored."""
    source = _KINDS.get(kind)
    return kind if source is None else QCoreApplication.translate("kinds", source)


def tags_label(tags: tuple[str, ...]) -> str:
    return " ".join(f"#{tag}" for tag in tags)
