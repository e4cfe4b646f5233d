"""The "Linked from" line under an entry: the entries whose text links to it.

They are found on the worker (``VaultSession.backlinks``) each time another
entry is shown; a newer request wins over one still on its way. Titles come
from outside, so they are escaped into the label's links, whose targets are
entry ids only; a click asks for that entry to be opened (``open_requested``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Op
from knowhold.vault.knowledge.links import LinkedEntry

MAX_SHOWN = 50  # more would bury the entry; the rest are counted


class Backlinks(QLabel):
    open_requested = Signal(str)
    """An entry id: the user chose that entry."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._request = 0
        self.entry_id: str | None = None
        self.linked: list[LinkedEntry] = []
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setOpenExternalLinks(False)
        self.setWordWrap(True)
        self.setContentsMargins(20, 6, 20, 8)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Linked from"))
        self.linkActivated.connect(self.open_requested)
        self.hide()

    def show_for(self, entry_id: str | None) -> None:
        """List the entries linking to ``entry_id`` (None: nothing, and hide)."""
        if entry_id == self.entry_id:
            return
        self._request += 1
        self.entry_id = entry_id
        self._show([])
        if entry_id is None:
            return
        request, session = self._request, self._session

        def found(linked: list[LinkedEntry]) -> None:
            if request == self._request:
                self._show(linked)

        Op(self, lambda: session.backlinks(entry_id), found).failure(lambda _failure: None).run()

    def _show(self, linked: list[LinkedEntry]) -> None:
        self.linked = linked
        # The separator is translated too: Chinese lists with 、, not a comma and a space.
        separator = html.escape(self.tr(", ", "between the items of a list"))
        links = separator.join(
            f'<a href="{html.escape(e.id)}">{html.escape(e.title)}</a>' for e in linked[:MAX_SHOWN]
        )
        more = len(linked) - MAX_SHOWN
        if more > 0:
            links += html.escape(self.tr(" and {count} more").format(count=more))
        label = html.escape(self.tr("Linked from:"))
        self.setText(f"{label} {links}" if linked else "")
        self.setVisible(bool(linked))
