"""The entry last selected in each vault, opened again when the vault is unlocked.

Only the entry's id is kept (in the settings, keyed by the vault's id): an
id is not content. After unlocking, the entry is read on the worker; if it
still exists and is not in the trash, ``found`` hands it to the window,
which shows and selects it. An id that no longer names an entry (deleted
for good, trash emptied) is forgotten as soon as that is noticed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.vault.errors import NotFound
from knowhold.vault.knowledge.entries import Entry


class LastEntry(QObject):
    found = Signal(object)
    """The remembered entry (an ``Entry``), live, read after ``reopen``."""

    def __init__(self, session: VaultSession, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._epoch = 0  # bumped by cancel(): a read from before a lock is ignored

    @property
    def entry_id(self) -> str | None:
        vault_id = self._session.vault_id
        return self._settings.last_entry(vault_id) if vault_id else None

    def remember(self, entry_id: str) -> None:
        vault_id = self._session.vault_id
        if vault_id:
            self._settings.set_last_entry(vault_id, entry_id)

    def reopen(self) -> None:
        """Read the remembered entry on the worker; ``found`` if it is still there and live."""
        entry_id = self.entry_id
        if entry_id is None:
            return
        epoch = self._epoch

        def read(entry: Entry) -> None:
            if epoch == self._epoch and not entry.in_trash:
                self.found.emit(entry)

        self._read(entry_id, read)

    def forget_if_gone(self, entry_id: str | None = None) -> None:
        """After entries were deleted (``entry_id``, or any: None): forget the remembered one if it went."""
        remembered = self.entry_id
        if remembered is None or entry_id not in (None, remembered):
            return
        self._read(remembered, lambda _entry: None)

    def cancel(self) -> None:
        """The window is being cleared (lock): a read still on its way shows nothing."""
        self._epoch += 1

    def _read(self, entry_id: str, on_entry: Callable[[Entry], None]) -> None:
        session, vault_id = self._session, self._session.vault_id

        def failed(failure: Failure) -> None:
            if not isinstance(failure.error, NotFound) or vault_id is None:
                return  # only a deleted entry is forgotten, not one that failed to load
            if self._settings.last_entry(vault_id) == entry_id:
                self._settings.set_last_entry(vault_id, None)

        Op(self, lambda: session.entry(entry_id), on_entry).failure(failed).run()
