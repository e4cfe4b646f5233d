"""Received licenses as agent skills: exported where the terms permit, pruned once they end.

Where a license permits AI look-up (``ai-retrieval``), its entries can be
written as an Agent Skills folder that AI agents read
(``vault.licensing.skills``). The folder is chosen once per vault and
remembered (``Settings.skill_folder``); while the app runs, the status
refresher prunes it (``prune_in``), so a skill goes from the agent's reach
soon after its license ends, is revoked or locks, without the employer
having to remember.

The core decides: ``export_skill`` refuses a license whose terms do not
permit it, or that cannot be read now, and its sentence is what the user is
shown. ``skill_refusal`` only says so before the button is pressed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.vault.licensing.received import Library, ReceivedRecord
from knowhold.vault.licensing.skills import export_skill, prune_skills
from knowhold.vault.store.storage import Vault

SKILL_PERMISSION = "ai-retrieval"


def export_for(vault: Vault, license_id: str, folder: Path) -> Path:
    """Worker side: the license's entries as a skill folder under ``folder``; returns the skill."""
    return export_skill(Library(vault), license_id, folder)


def prune_in(vault: Vault, folder: Path | None) -> tuple[Path, ...]:
    """Worker side: remove the skills under ``folder`` whose license may no longer be used.

    Nothing to do without a folder, or when it is gone (an unplugged drive):
    the next refresh tries again.
    """
    if folder is None or not folder.is_dir():
        return ()
    return tuple(prune_skills(Library(vault), folder))


def skill_refusal(record: ReceivedRecord) -> str | None:
    """Why this license cannot be exported as a skill now, in a sentence; None if it can."""
    if SKILL_PERMISSION not in record.manifest.terms.allowed:
        return QCoreApplication.translate(
            "SkillExport",
            "The terms do not permit AI look-up, so these entries cannot be given to an AI agent as a skill.",
        )
    if record.status != "active":
        return QCoreApplication.translate(
            "SkillExport",
            "Only a license in force can be exported as a skill; its content cannot be read now.",
        )
    return None


class SkillExporter(QObject):
    """Exports one license at a time to the vault's skill folder, asking for it the first time."""

    exported = Signal(object)
    """The skill folder written (a ``Path``)."""
    failed = Signal(str)

    def __init__(self, session: VaultSession, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._window = parent

    def folder(self) -> Path | None:
        vault_id = self._session.vault_id
        return None if vault_id is None else self._settings.skill_folder(vault_id)

    def choose_folder(self) -> Path | None:
        """Ask for the folder (starting at the one remembered) and remember the answer."""
        vault_id = self._session.vault_id
        if vault_id is None:
            return None
        folder = Choose.skill_folder(self._window, self.folder())
        if folder is not None:
            self._settings.set_skill_folder(vault_id, folder)
        return folder

    def export(self, license_id: str) -> None:
        folder = self.folder() or self.choose_folder()
        if folder is None:
            return
        session = self._session
        Op(self._window, lambda: export_for(session.vault(), license_id, folder), self.exported.emit).failure(
            self._failed
        ).run()

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)
