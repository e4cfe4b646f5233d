"""The Settings dialog: security (locking, the clipboard, passphrase, recovery code), window, appearance.

Every change applies at once, as it is made: the dialog writes the typed
setting (ui/settings.py) and emits ``changed``, and the app applies it
(theme, auto-lock timeout, editor text size), so there is nothing to
confirm and only a Close button. Spin boxes commit a typed number when
editing ends (Enter, leaving the field, closing the dialog), not at every
keystroke. Changing the passphrase and making a new recovery code are
dialogs of their own, which prove the passphrase on the worker first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.change_passphrase import ChangePassphraseDialog
from knowhold.ui.dialogs.new_recovery_code import NewRecoveryCodeDialog
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import (
    MAX_AUTO_LOCK_MINUTES,
    MAX_CLIPBOARD_SECONDS,
    MAX_EDITOR_FONT_SIZE,
    Settings,
    Theme,
)
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.tray import tray_available

# Below this a size is no use for reading: stepping down from it goes to "System default".
MIN_EDITOR_FONT_SIZE = 8


class FontSizeBox(QSpinBox):
    """A point size, where 0 is "System default"; stepping up from it starts at the system's size."""

    def stepBy(self, steps: int) -> None:
        value = self.value()
        if value == 0 and steps > 0:
            system = QApplication.font().pointSize()
            self.setValue(max(system, MIN_EDITOR_FONT_SIZE) + steps - 1)
        elif 0 < value <= MIN_EDITOR_FONT_SIZE and value + steps < MIN_EDITOR_FONT_SIZE:
            self.setValue(0)
        else:
            super().stepBy(steps)


def _spin_box(maximum: int, never: str, suffix: str, accessible_name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSpecialValueText(never)
    box.setSuffix(suffix)
    box.setAccessibleName(accessible_name)
    box.setKeyboardTracking(False)  # a typed "15" is one change, not 1 and then 15
    return box


class SettingsDialog(QDialog):
    changed = Signal()
    """A setting the app applies (theme, auto-lock, editor text size) was just changed."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        user_inputs: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._user_inputs = tuple(user_inputs)
        self.passphrase_dialog: ChangePassphraseDialog | None = None
        self.recovery_dialog: NewRecoveryCodeDialog | None = None
        self.setWindowTitle(self.tr("Settings"))

        # -- security
        never = self.tr("Never")
        self.auto_lock = _spin_box(
            MAX_AUTO_LOCK_MINUTES, never, self.tr(" min"), self.tr("Lock after idle minutes")
        )
        self.auto_lock.setToolTip(
            self.tr("Lock the vault after this many minutes without typing or using the mouse.")
        )
        self.clipboard = _spin_box(
            MAX_CLIPBOARD_SECONDS, never, self.tr(" sec"), self.tr("Clear copied text after seconds")
        )
        self.clipboard.setToolTip(
            self.tr("Take text copied from an entry off the clipboard after this many seconds.")
        )
        self.lock_minimised = QCheckBox(self.tr("Lock when the window is &minimised"))
        self.change_passphrase_button = QPushButton(self.tr("Change &Passphrase…"))
        self.change_passphrase_button.setAccessibleName(self.tr("Change passphrase"))
        self.recovery_status = QLabel()
        self.recovery_status.setTextFormat(Qt.TextFormat.PlainText)
        self.recovery_status.setAccessibleName(self.tr("Recovery code status"))
        self.new_code_button = QPushButton(self.tr("Make a &New Recovery Code…"))
        self.new_code_button.setAccessibleName(self.tr("Make a new recovery code"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.message.setAccessibleName(self.tr("Security message"))
        self.message.hide()

        security = QGroupBox(self.tr("Security"))
        form = self._form(security)
        form.addRow(self._label(self.tr("&Lock when idle for:"), self.auto_lock), self.auto_lock)
        form.addRow(self._label(self.tr("Clear &copied text after:"), self.clipboard), self.clipboard)
        form.addRow("", self.lock_minimised)
        form.addRow(self.tr("Passphrase:"), self.change_passphrase_button)
        form.addRow(self.tr("Recovery code:"), self.recovery_status)
        form.addRow("", self.new_code_button)
        form.addRow(self.message)

        # -- the window
        self.close_to_tray = QCheckBox(self.tr("&Keep running in the tray when the window is closed"))
        if not tray_available():
            self.close_to_tray.setEnabled(False)
            self.close_to_tray.setToolTip(self.tr("This desktop shows no tray icons."))
        window = QGroupBox(self.tr("Window"))
        self._form(window).addRow(self.close_to_tray)

        # -- appearance
        self.theme = QComboBox()
        for text, theme in (
            (self.tr("Follow the system"), Theme.SYSTEM),
            (self.tr("Light"), Theme.LIGHT),
            (self.tr("Dark"), Theme.DARK),
        ):
            self.theme.addItem(text, theme)
        self.theme.setAccessibleName(self.tr("Theme"))
        self.font_size = FontSizeBox()
        self.font_size.setRange(0, MAX_EDITOR_FONT_SIZE)
        self.font_size.setSpecialValueText(self.tr("System default"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setAccessibleName(self.tr("Editor text size"))
        self.font_size.setKeyboardTracking(False)
        appearance = QGroupBox(self.tr("Appearance"))
        form = self._form(appearance)
        form.addRow(self._label(self.tr("&Theme:"), self.theme), self.theme)
        form.addRow(self._label(self.tr("Editor text &size:"), self.font_size), self.font_size)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)  # Enter in a spin box commits the number, not Close
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(14)
        layout.addWidget(security)
        layout.addWidget(window)
        layout.addWidget(appearance)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        chain = (
            self.auto_lock,
            self.clipboard,
            self.lock_minimised,
            self.change_passphrase_button,
            self.new_code_button,
            self.close_to_tray,
            self.theme,
            self.font_size,
            self.close_button,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._load()
        self.auto_lock.valueChanged.connect(self._on_auto_lock)
        self.clipboard.valueChanged.connect(self._on_clipboard)
        self.lock_minimised.toggled.connect(self._on_lock_minimised)
        self.close_to_tray.toggled.connect(self._on_close_to_tray)
        self.theme.currentIndexChanged.connect(self._on_theme)
        self.font_size.valueChanged.connect(self._on_font_size)
        self.change_passphrase_button.clicked.connect(self.change_passphrase)
        self.new_code_button.clicked.connect(self.make_recovery_code)
        self.refresh_recovery_status()

    @staticmethod
    def _form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        # Fields at their natural width, as in native preference windows: a spin box
        # for minutes is short, a button is the size of its text.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _load(self) -> None:
        settings = self._settings
        self.auto_lock.setValue(settings.auto_lock_minutes)
        self.clipboard.setValue(settings.clipboard_clear_seconds)
        self.lock_minimised.setChecked(settings.lock_when_minimised)
        self.close_to_tray.setChecked(settings.close_to_tray)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.font_size.setValue(settings.editor_font_size)

    # -- applied as they change ----------------------------------------------------------

    def _on_auto_lock(self, minutes: int) -> None:
        self._settings.auto_lock_minutes = minutes
        self.changed.emit()

    def _on_clipboard(self, seconds: int) -> None:
        # Read when text is copied (ui/clipboard.py): nothing to apply now.
        self._settings.clipboard_clear_seconds = seconds

    # Read as the window is minimised or closed (ui/app.py): nothing to apply now.
    def _on_lock_minimised(self, on: bool) -> None:
        self._settings.lock_when_minimised = on

    def _on_close_to_tray(self, on: bool) -> None:
        self._settings.close_to_tray = on

    def _on_theme(self, _index: int) -> None:
        self._settings.theme = Theme(self.theme.currentData())
        self.changed.emit()

    def _on_font_size(self, points: int) -> None:
        self._settings.editor_font_size = points
        self.changed.emit()

    def done(self, result: int) -> None:
        for box in (self.auto_lock, self.clipboard, self.font_size):
            box.interpretText()  # a number typed just before closing still counts
        super().done(result)

    def discard(self) -> None:
        """Close this and any dialog it opened, now (on lock); what is typed there is forgotten."""
        for dialog in (self.passphrase_dialog, self.recovery_dialog):
            if dialog is not None:
                dialog.discard()
        self.reject()

    # -- passphrase and recovery code ---------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self._session, self._user_inputs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._say(self.tr("Your passphrase was changed.")))
        dialog.finished.connect(self._forget_passphrase_dialog)
        self.passphrase_dialog = dialog
        self.message.hide()
        dialog.open()

    def _forget_passphrase_dialog(self) -> None:
        self.passphrase_dialog = None

    def make_recovery_code(self) -> None:
        dialog = NewRecoveryCodeDialog(self._session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.made.connect(self._on_code_made)
        dialog.finished.connect(self._forget_recovery_dialog)
        self.recovery_dialog = dialog
        self.message.hide()
        dialog.open()

    def _forget_recovery_dialog(self) -> None:
        self.recovery_dialog = None

    def _on_code_made(self) -> None:
        self._show_recovery_status(True)
        self._say(self.tr("You have a new recovery code. The old one no longer opens this vault."))

    def refresh_recovery_status(self) -> None:
        Op(self, self._session.has_recovery_code, self._show_recovery_status).failure(
            self._status_failed
        ).run()

    def _show_recovery_status(self, present: bool) -> None:
        if present:
            self.recovery_status.setText(self.tr("A recovery code is set up"))
            self.new_code_button.setText(self.tr("Make a &New Recovery Code…"))
        else:
            self.recovery_status.setText(self.tr("No recovery code"))
            self.new_code_button.setText(self.tr("Make a &Recovery Code…"))

    def _status_failed(self, failure: Failure) -> None:
        self.recovery_status.setText(failure.message)
