"""Publishing the worker's status document: a folder chosen once, kept fresh while the app runs.

The worker chooses a folder once per vault (one that syncs, or that a web
server publishes at the address their licenses name); the settings remember
it, and later publishes write there without asking. ``Publisher`` checks on
a timer while the vault is open (a minute apart: the ledger's lines and two
audit look-ups) and publishes by itself when one is due
(``vault.licensing.publishing``: halfway to the first licensee's maximum
status age or to the document's next update), so a licensee's content does
not lock because the worker forgot. Licenses changed since the last publish
(a revocation, a renewal) are not a reason to publish behind the worker's
back: the banner says so and offers Publish Now, as the revoke and renew
dialogs do at once.

``LedgerSource`` is the worker's side: it reads the ledger for the app and
remembers what each signed manifest says (``ManifestMemo``) while the vault
is open, so the ledger view opens fast after the first read. The publisher
makes that first read at unlock, on the worker, while nobody waits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMessageBox, QPushButton, QWidget

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.plain_text import message_box, warn
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.vault.errors import VaultLocked
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.ledger_summary import LedgerLine, ManifestMemo, Summary, ledger_lines, summarise
from knowhold.vault.licensing.publishing import PublishState, publish_state
from knowhold.vault.licensing.status import StatusPublication
from knowhold.vault.store.storage import Vault

CHECK_MS = 60_000


@dataclass(frozen=True, slots=True)
class LedgerSnapshot:
    """The ledger as the worker read it at ``state.now``."""

    lines: tuple[LedgerLine, ...]
    summary: Summary
    state: PublishState


class LedgerSource:
    """Reads the ledger on the worker, remembering the manifests while the vault is open.

    Every method runs on the worker. ``forget`` (on lock) may be called from
    the GUI thread: it replaces the memory, and a read under way keeps the one
    it started with.
    """

    def __init__(self) -> None:
        self._memo: ManifestMemo = {}

    def forget(self) -> None:
        self._memo = {}

    def state(self, vault: Vault) -> PublishState:
        """The publishing state alone, for the timer's checks: the lines without their totals."""
        return publish_state(AuditLog(vault.db), ledger_lines(vault.db, self._memo), vault.db.now())

    def read(self, vault: Vault, tz: tzinfo | None = None) -> LedgerSnapshot:
        """Lines, totals (months in ``tz``; None: this computer's) and the publishing state."""
        now = vault.db.now()
        lines = tuple(ledger_lines(vault.db, self._memo))
        return LedgerSnapshot(lines, summarise(lines, now, tz), publish_state(AuditLog(vault.db), lines, now))

    def publish(self, vault: Vault, folder: Path) -> StatusPublication:
        # The separator makes a folder that has gone missing an error, where without it the
        # document would be written as a file named like the folder (status_target).
        return Ledger(vault).publish(str(folder) + os.sep)


@dataclass(frozen=True, slots=True)
class BannerState:
    """What the publishing banner says: the state, the folder, and any trouble."""

    publish: PublishState
    folder: Path | None
    failure: str | None = None  # the last publish failed: why
    superseded: StatusPublication | None = None  # the last publish found a newer one of ours


def where_published(state: BannerState) -> str:
    """One line on where the status was last published, or will be."""
    publish = state.publish
    if publish.last_at is not None:
        return QCoreApplication.translate("Publisher", "Status published {time} to {path}.").format(
            time=format_time(publish.last_at), path=publish.last_path or ""
        )
    if state.folder is not None:
        return QCoreApplication.translate("Publisher", "Status to be published to {folder}.").format(
            folder=state.folder
        )
    return QCoreApplication.translate("Publisher", "Publish Status asks where to publish, the first time.")


class PublishOffer:
    @classmethod
    def ask(cls, parent: QWidget | None, text: str) -> bool:
        """True to publish the status now, False for later; tests replace this."""
        title = QCoreApplication.translate("PublishOffer", "Publish Status")
        box = message_box(parent, QMessageBox.Icon.Question, title, text)
        now = box.addButton(
            QCoreApplication.translate("PublishOffer", "Publish Now"), QMessageBox.ButtonRole.AcceptRole
        )
        later = box.addButton(
            QCoreApplication.translate("PublishOffer", "Later"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(now)
        box.setEscapeButton(later)
        box.exec()
        return box.clickedButton() is now


class Publisher(QObject):
    """Keeps this vault's status document fresh while the app is open."""

    state_changed = Signal(object)
    """A ``BannerState`` after each check or publish; None when stopped."""
    published = Signal(object)
    """A ``StatusPublication`` after each successful publish, asked for or not."""

    def __init__(self, session: VaultSession, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self.source = LedgerSource()
        self.state: BannerState | None = None
        self._publishing = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    @property
    def folder(self) -> Path | None:
        vault_id = self._session.vault_id
        return None if vault_id is None else self._settings.status_folder(vault_id)

    def start(self) -> None:
        """Check now (reading the ledger once, while nobody waits), then every minute."""
        self.timer.start()
        self.check()

    def stop(self) -> None:
        """Stop checking and forget what was read (the vault is being locked)."""
        self.timer.stop()
        self.source.forget()
        self.state = None
        self.state_changed.emit(None)

    def pause(self) -> None:
        """Stop checking, keeping what was read (the app is quitting)."""
        self.timer.stop()

    def check(self) -> None:
        """Read the state; publish if a publish is due and a folder is chosen."""
        if not self._session.is_open:
            return  # locked, or quitting: nothing to read, and no worker may be left to read it
        source, session = self.source, self._session
        Op(self, lambda: source.state(session.vault()), self._checked).failure(_ignore).run()

    def show(self, state: PublishState) -> None:
        """Take a state read afresh (here, or by the ledger view's reload).

        A failed publish, or a newer document found, stays said until the next publish.
        """
        before = self.state
        failure, superseded = (None, None) if before is None else (before.failure, before.superseded)
        self._set(BannerState(state, self.folder, failure, superseded))

    def _checked(self, state: PublishState) -> None:
        self.show(state)
        folder = self.folder
        if state.due and folder is not None and not self._publishing:
            self._publish(folder, None)

    def publish_now(self, parent: QWidget | None, *, choose: bool = False) -> None:
        """Publish at once, asking for the folder the first time (or with ``choose``)."""
        vault_id = self._session.vault_id
        if vault_id is None or self._publishing:
            return
        folder = self.folder
        if folder is None or choose:
            folder = Choose.status_folder(parent, folder)
            if folder is None:
                return
            self._settings.set_status_folder(vault_id, folder)
        self._publish(folder, parent)

    def offer(self, parent: QWidget, record: LicenseRecord, question: str) -> None:
        """After a revocation or renewal: ask to publish now, saying how it reaches the licensee."""
        if record.revocation.status_url is None:
            reach = self.tr(
                "This license has no status address: send {licensee} the status file it writes, or "
                "they learn of it only at the end date."
            )
        else:
            reach = self.tr("{licensee}'s Knowhold learns of it when it next reads your status.")
        if PublishOffer.ask(parent, question + "\n\n" + reach.format(licensee=record.licensee)):
            self.publish_now(parent)

    def _publish(self, folder: Path, parent: QWidget | None) -> None:
        """Publish to ``folder``; a failure goes in the banner, and in a box if ``parent`` asked."""
        self._publishing = True
        source, session = self.source, self._session

        def publish() -> tuple[StatusPublication, PublishState]:
            vault = session.vault()
            return source.publish(vault, folder), source.state(vault)

        def done(result: tuple[StatusPublication, PublishState]) -> None:
            self._publishing = False
            publication, state = result
            superseded = publication if publication.superseded is not None else None
            self._set(BannerState(state, self.folder, None, superseded))
            self.published.emit(publication)

        def failed(failure: Failure) -> None:
            self._publishing = False
            if isinstance(failure.error, VaultLocked):
                return
            if self.state is not None:
                self._set(replace(self.state, failure=failure.message))
            if parent is not None:
                warn(parent, self.tr("Publish Status"), failure.message)

        Op(self, publish, done).failure(failed).run()

    def _set(self, state: BannerState) -> None:
        self.state = state
        self.state_changed.emit(state)


def _ignore(_failure: Failure) -> None:
    """A check that failed: locked meanwhile, or a ledger that cannot be read, which the
    ledger view says when opened. The banner stays as it was; the next check tries again."""


class PublishBanner(QFrame):
    """A line above the ledger when publishing needs the worker: changed licenses, a publish
    due without a folder, a failed publish, a restored vault. Hidden otherwise."""

    def __init__(self, publisher: Publisher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Status publishing"))
        self.label = plain_label("")
        bold = self.label.font()
        bold.setWeight(QFont.Weight.DemiBold)
        self.label.setFont(bold)
        self.button = QPushButton(self.tr("Publish Now"))
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: publisher.publish_now(self.window()))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()
        publisher.state_changed.connect(self.show_state)
        self.show_state(publisher.state)

    def show_state(self, state: BannerState | None) -> None:
        text, trouble = self._say(state) if state is not None else ("", False)
        self.label.setText(text)
        self.label.setStyleSheet(f"color: {error_colour(self).name()};" if trouble else "")
        self.setVisible(bool(text))

    def _say(self, banner: BannerState) -> tuple[str, bool]:
        """The sentence for ``banner``, and whether it reports trouble."""
        state = banner.publish
        if banner.failure is not None:
            return self.tr("Publishing your status failed: {reason}").format(reason=banner.failure), True
        if banner.superseded is not None:
            return self._superseded(banner.superseded), True
        late = state.deadline is not None and state.now >= state.deadline
        if state.changed:
            if state.last_at is None:
                text = self.tr(
                    "Your status has never been published, and %n license(s) changed or name a status "
                    "address: their licensees learn of it only from a status document.",
                    "",
                    len(state.changed),
                )
            else:
                text = self.tr(
                    "%n license(s) changed since you last published your status: their licensees "
                    "learn of it only from a new status document.",
                    "",
                    len(state.changed),
                )
            return text, late
        if late and state.deadline is not None:
            return self.tr(
                "Your status is out of date since {time}: licensees' apps that need a fresh one lock "
                "the content until it arrives."
            ).format(time=format_time(state.deadline)), True
        if state.due and state.deadline is not None:
            # With a folder the publisher publishes by itself; without one, it needs the worker.
            return self.tr(
                "Publish your status before {time}, or licensees' apps that need a fresh one lock the "
                "content. Choose a folder once, and Knowhold keeps it fresh while it runs."
            ).format(time=format_time(state.deadline)), False
        return "", False

    def _superseded(self, publication: StatusPublication) -> str:
        text = self.tr(
            "This vault was restored from an older backup: {path} held a newer status document "
            "(#{newer}). The one just published supersedes it."
        ).format(path=publication.path, newer=publication.superseded)
        if publication.forgotten_revocations:
            text += "\n" + self.tr(
                "Revoked there but not in this vault (revoke them again, then publish): {ids}"
            ).format(ids=", ".join(publication.forgotten_revocations))
        return text
