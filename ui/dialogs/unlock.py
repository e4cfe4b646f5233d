"""The unlock screen: one passphrase field, and the vault opens on the worker.

Opening derives the key with Argon2id (most of a second on purpose), so it
runs as an Op: the window keeps painting, the field and button are disabled
at once, and a busy bar appears only if the work outlasts the usual delay.
A wrong passphrase leaves the dialog ready to try again.

Once after an update the open also rebuilds the search index (about 2 ms an
entry: a minute and a half at 50,000), so the core's progress reports turn the
busy bar into a real one with a line saying why; like the bar, that line
appears only if the rebuild outlasts the usual delay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui import icons
from knowhold.ui.dialogs.recover import RecoverDialog
from knowhold.ui.errors import Screen
from knowhold.ui.session import Unlocked, VaultSession
from knowhold.ui.tasks import DelayedBusy, Failure, Op, ProgressRelay
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import action_buttons

_PATH_WIDTH = 340


def _keep_space_when_hidden(widget: QWidget) -> None:
    # The dialog must not jump when the error or the busy bar comes and goes.
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class UnlockDialog(QDialog):
    unlocked = Signal(object)
    """Emitted with ``ui.session.Unlocked`` once the vault is open."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Unlock Knowhold"))
        self.setWindowIcon(icons.app_icon())

        logo = QLabel()
        logo.setPixmap(icons.pixmap("icon", 64, self.devicePixelRatioF()))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)

        heading = QLabel(self.tr("Unlock your vault"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)

        path_text = str(session.path)
        self.location = QLabel(
            self.fontMetrics().elidedText(path_text, Qt.TextElideMode.ElideMiddle, _PATH_WIDTH)
        )
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.location.setToolTip(path_text)
        self.location.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.location.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setMinimumHeight(32)
        self.passphrase.textChanged.connect(self._update_button)

        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setAccessibleName(self.tr("Unlock error"))
        self.error.setStyleSheet(f"color: {error_colour(self).name()};")
        self.error.hide()
        _keep_space_when_hidden(self.error)

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        self.busy_bar.setAccessibleName(self.tr("Unlocking"))
        self.busy_bar.hide()
        _keep_space_when_hidden(self.busy_bar)
        self._busy = DelayedBusy(self.busy_bar.show, self.busy_bar.hide)

        # The one-time rebuild of the search index after an update (see the module docstring).
        self.reindex_note = QLabel()
        self.reindex_note.setTextFormat(Qt.TextFormat.PlainText)
        self.reindex_note.setWordWrap(True)
        self.reindex_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reindex_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.reindex_note.hide()
        self._reindex_shown = DelayedBusy(self.reindex_note.show, self.reindex_note.hide)
        self._relay: ProgressRelay | None = None

        # Forgot passphrase: the recovery code opens the vault and sets a new one.
        self.forgot_button = QPushButton(self.tr("Forgot passphrase?"))
        self.forgot_button.setFlat(True)
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot_button.setAccessibleName(self.tr("Forgot passphrase? Use the recovery code"))
        self.forgot_button.setStyleSheet(
            f"color: {self.palette().color(QPalette.ColorRole.Link).name()}; padding: 2px 4px;"
        )
        self.forgot_button.clicked.connect(self._recover)

        self.unlock_button = QPushButton(icons.icon("lock"), self.tr("Unlock"))
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons = action_buttons(self.unlock_button, self.quit_button, self._submit, self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(8)
        layout.addWidget(logo)
        layout.addSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(self.location)
        layout.addSpacing(14)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.reindex_note)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        self.setFixedWidth(420)
        self._update_button()

    # -- state -----------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return not self.passphrase.isEnabled()

    def _set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.forgot_button.setEnabled(not busy)
        self.unlock_button.setText(self.tr("Unlocking…") if busy else self.tr("Unlock"))
        self._update_button()
        self._busy.set_running(busy)
        if not busy:
            self._relay = None  # a late report from a finished unlock is not shown
            self._reindex_shown.stop()
            self.busy_bar.setRange(0, 0)

    def _update_button(self) -> None:
        self.unlock_button.setEnabled(bool(self.passphrase.text()) and not self.is_busy)

    def reset(self) -> None:
        """Ready for a new unlock: empty field, no error (used after locking)."""
        self._set_busy(False)
        self.passphrase.clear()
        self.error.hide()
        self.passphrase.setFocus()

    # -- unlocking -----------------------------------------------------------------------

    def unlock_with(self, passphrase: str) -> None:
        """Start unlocking with ``passphrase``, as if typed (``knowhold demo --open``)."""
        self.passphrase.setText(passphrase)
        self._submit()

    def _submit(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase or self.is_busy:
            return
        self.error.hide()
        self._set_busy(True)
        session = self._session
        relay = self._relay = ProgressRelay()
        relay.progressed.connect(self._on_reindex_progress)
        Op(self, lambda: session.unlock(passphrase, relay), self._on_unlocked).failure(self._on_failed).run()

    def _on_reindex_progress(self, done: int, total: int, _what: str) -> None:
        if self._relay is None:
            return
        if done == 0:
            self._reindex_shown.start()  # the delay counts from the rebuild's start
        self.busy_bar.setRange(0, max(total, 1))
        self.busy_bar.setValue(done)
        self.reindex_note.setText(
            self.tr("Updating the search index (once, after an update)… {done} of {total}").format(
                done=self.locale().toString(done), total=self.locale().toString(total)
            )
        )

    def _on_unlocked(self, result: Unlocked) -> None:
        self._set_busy(False)
        self.passphrase.clear()  # the secret stays in the widget no longer than needed
        self.unlocked.emit(result)

    def _on_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self.error.setText(failure.message_on(Screen.UNLOCK))
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    # -- forgot passphrase ---------------------------------------------------------------

    def _recover(self) -> None:
        if self.is_busy:
            return
        result = RecoverDialog.ask(self._session, self)
        if result is not None:
            self.reset()
            self.unlocked.emit(result)
