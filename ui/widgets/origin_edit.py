"""Where an entry's knowledge comes from, as the editor asks it: a choice and, where needed, a name.

Four choices: not recorded, my own experience, learned at an organisation
(its name), a public source (its name or citation). The name field shows
only for the two that need one. What is typed but cannot be an origin (the
name left empty, or holding an invisible or control character the core
refuses) is not saved: ``origin`` hands back the origin saved before, and
``problem`` says why, so the editor can keep saving the rest of the entry.

``origin_text`` and ``concern_text`` put an origin and the licensing warning
about it in words, for the screens that show them (the received entries,
the license wizard's review).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from knowhold.vault.errors import InvalidValue, UnsafeText
from knowhold.vault.knowledge.origin import MAX_ORIGIN_NAME, Origin, OriginConcern, OriginKind, origin_concern


def origin_text(origin: Origin | None) -> str:
    """The origin in words ("Learned at Acme Ltd"); the name is data, shown as plain text."""
    if origin is None:
        return QCoreApplication.translate("OriginEdit", "Origin not recorded")
    if origin.kind is OriginKind.OWN:
        return QCoreApplication.translate("OriginEdit", "Own experience")
    if origin.kind is OriginKind.ORGANISATION:
        return QCoreApplication.translate("OriginEdit", "Learned at {organisation}").format(
            organisation=origin.name
        )
    return QCoreApplication.translate("OriginEdit", "Public source: {source}").format(source=origin.name)


def concern_text(origin: Origin | None, licensee: str) -> str | None:
    """The warning before licensing knowledge of this origin to ``licensee``, or None (``origin_concern``)."""
    concern = origin_concern(origin, licensee)
    if concern is None or origin is None:
        return None
    if concern is OriginConcern.LICENSEE:
        return QCoreApplication.translate(
            "OriginEdit",
            "Learned at {organisation}, the licensee itself: they may already own this knowledge. "
            "Know what you are selling back to them.",
        ).format(organisation=origin.name)
    return QCoreApplication.translate(
        "OriginEdit",
        "Learned at {organisation}: this knowledge may belong to {organisation}. "
        "Make sure you may license it to {licensee}.",
    ).format(organisation=origin.name, licensee=licensee)


class OriginEdit(QWidget):
    edited = Signal()
    """The user chose another origin or typed in its name (never when ``set_origin`` fills it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        # "Learned at" and "Public source" lead into the name beside them: "Learned at [Acme Ltd]".
        self.kind.addItem(self.tr("Origin not recorded"), None)
        self.kind.addItem(self.tr("My own experience"), OriginKind.OWN.value)
        self.kind.addItem(self.tr("Learned at"), OriginKind.ORGANISATION.value)
        self.kind.addItem(self.tr("Public source"), OriginKind.PUBLIC.value)
        self.kind.setAccessibleName(self.tr("Origin"))
        self.kind.setToolTip(
            self.tr(
                "Where this knowledge comes from. Before you license knowledge learned at an "
                "organisation, you are warned that it may belong to them; the employer sees the origin too."
            )
        )
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_ORIGIN_NAME)
        self.name.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.kind)
        layout.addWidget(self.name, 1)
        self.setFocusProxy(self.kind)
        self._filling = False
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.name.textChanged.connect(self._on_name)

    def set_origin(self, origin: Origin | None) -> None:
        """Show ``origin`` as saved; not an edit."""
        self._filling = True
        try:
            self.kind.setCurrentIndex(
                max(0, self.kind.findData(None if origin is None else origin.kind.value))
            )
            self.name.setText("" if origin is None else origin.name)
            self.name.setCursorPosition(0)
        finally:
            self._filling = False
        self._show_name()

    def set_read_only(self, read_only: bool) -> None:
        self.kind.setEnabled(not read_only)
        self.name.setReadOnly(read_only)

    def _chosen(self) -> OriginKind | None:
        data = self.kind.currentData()
        return None if data is None else OriginKind(data)

    def origin(self, fallback: Origin | None) -> Origin | None:
        """The origin as chosen and typed; ``fallback`` (the one saved) while it cannot be one."""
        kind = self._chosen()
        if kind is None:
            return None
        try:
            return Origin.make(kind, "" if kind is OriginKind.OWN else self.name.text())
        except InvalidValue:
            return fallback

    def problem(self) -> str:
        """Why what is typed is not saved as the origin; empty when it is."""
        kind = self._chosen()
        if kind is None or kind is OriginKind.OWN:
            return ""
        try:
            Origin.make(kind, self.name.text())
        except UnsafeText:
            return self.tr(
                "The origin is not saved: its name holds an invisible or control character. "
                "Type it again without it."
            )
        except InvalidValue:
            if kind is OriginKind.ORGANISATION:
                return self.tr("Type the organisation's name: until then the origin stays as it was.")
            return self.tr("Name the public source: until then the origin stays as it was.")
        return ""

    def _show_name(self) -> None:
        kind = self._chosen()
        if kind is OriginKind.ORGANISATION:
            self.name.setPlaceholderText(self.tr("Which organisation"))
            self.name.setAccessibleName(self.tr("Organisation where you learned it"))
        elif kind is OriginKind.PUBLIC:
            self.name.setPlaceholderText(self.tr("Book, standard, course…"))
            self.name.setAccessibleName(self.tr("Public source"))
        named = kind in (OriginKind.ORGANISATION, OriginKind.PUBLIC)
        self.name.setVisible(named)
        # With a name it shares the row's spare width (with the tags); without, it is just the choice.
        wide = QSizePolicy.Policy.Expanding if named else QSizePolicy.Policy.Maximum
        self.setSizePolicy(wide, QSizePolicy.Policy.Fixed)

    def _on_kind(self, _index: int) -> None:
        self._show_name()
        if not self._filling:
            self.edited.emit()

    def _on_name(self, _text: str) -> None:
        if not self._filling:
            self.edited.emit()
