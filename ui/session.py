"""The vault the window works on, reached only from the worker thread.

Widgets are given a ``VaultSession``, never a ``Vault``: each method here is
meant to be the ``fn`` of an ``Op`` (ui/tasks.py), so only the serial worker
ever touches the database. The session holds the open vault between unlock
and lock; after ``lock()`` every method raises ``VaultLocked``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowhold.vault.errors import VaultLocked, WriteFailed
from knowhold.vault.knowledge import links
from knowhold.vault.knowledge.attachments import Attachment, read_file
from knowhold.vault.knowledge.entries import Entry, EntrySummary, SortKey, VersionInfo
from knowhold.vault.knowledge.links import LinkedEntry
from knowhold.vault.knowledge.markdown_export import export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.origin import Origin
from knowhold.vault.knowledge.porting import ExportSummary, ImportSummary
from knowhold.vault.knowledge.search import Hit
from knowhold.vault.licensing.audit import AuditCheck, AuditEvent, AuditLog
from knowhold.vault.licensing.counts import license_counts
from knowhold.vault.licensing.identity import load_identity, make_card, write_card
from knowhold.vault.progress import Progress
from knowhold.vault.store import backup
from knowhold.vault.store.backup import BackupSummary
from knowhold.vault.store.db import Clock
from knowhold.vault.store.fsutil import atomic_write
from knowhold.vault.store.keys import Argon2Params
from knowhold.vault.store.storage import Vault

Opener = Callable[..., Vault]


@dataclass(frozen=True, slots=True)
class Unlocked:
    name: str


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Which entries a list shows: every live one, one kind, one tag, or the trash."""

    kind: str | None = None
    tag: str | None = None
    trash: bool = False


ALL_ENTRIES = EntryFilter()
TRASH = EntryFilter(trash=True)


@dataclass(frozen=True, slots=True)
class Overview:
    """What the sidebar counts: live entries per kind and per tag, and the trash."""

    kinds: tuple[tuple[str, int], ...]  # every kind, in the core's order
    tags: tuple[tuple[str, int], ...]  # tags on live entries, by name
    trash: int
    issued: int = 0  # licenses this vault has issued (the ledger)
    received: int = 0  # licenses it has received (the library, ended ones included)

    @property
    def total(self) -> int:
        return sum(count for _, count in self.kinds)


@dataclass(frozen=True, slots=True)
class Draft:
    """What the editor holds, to be saved.

    ``key`` names the draft for as long as the editor shows it: an entry's id,
    or a random token for a new one. A new draft may be saved again before the
    first save's result is back; the session remembers which entry each key
    created, so the second save updates that entry instead of adding another.
    """

    key: str
    entry_id: str | None
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    private: bool
    # Saved because the user asked (Save Now), not by the editor on its own:
    # such a version is kept for good, never overwritten by a later autosave.
    explicit: bool = False
    origin: Origin | None = None  # saved as is: None forgets a recorded origin


class VaultSession:
    def __init__(self, path: Path, clock: Clock, opener: Opener = Vault.open) -> None:
        self.path = Path(path)
        self._clock = clock
        self._opener = opener
        self._vault: Vault | None = None
        self._created: dict[str, str] = {}  # draft key -> id of the entry its first save added

    @property
    def is_open(self) -> bool:
        return self._vault is not None and self._vault.is_open

    @property
    def vault_id(self) -> str | None:
        """The open vault's id, or None: settings kept per vault are keyed by it.

        Safe on the GUI thread: it is read from the key file held in memory,
        never from the database, and does not change while the vault is open.
        """
        vault = self._vault
        return vault.vault_id if vault is not None and vault.is_open else None

    def _open_vault(self) -> Vault:
        if self._vault is None or not self._vault.is_open:
            raise VaultLocked()
        return self._vault

    def vault(self) -> Vault:
        """The open vault, for the licensing screens' calls (``ui/licensing/*``).

        Worker thread only, like every method here: call it inside an ``Op``'s
        ``fn``, never from a widget. ``VaultLocked`` after ``lock()``.
        """
        return self._open_vault()

    def unlock(self, passphrase: str, progress: Progress | None = None) -> Unlocked:
        """Derive the key and open the vault (Argon2id: most of a second).

        ``progress`` hears the search index's rebuild, due once after an
        update (``Vault.open``); an ordinary unlock never calls it.
        """
        if self._vault is not None:
            self._vault.close()
            self._vault = None
        self._vault = self._opener(self.path, passphrase, clock=self._clock, progress=progress)
        return Unlocked(self._vault.name)

    def lock(self) -> None:
        """Close the vault: the data key is wiped and the file lock released."""
        vault, self._vault = self._vault, None
        self._created.clear()
        if vault is not None:
            vault.close()

    def list_entries(
        self,
        limit: int,
        offset: int,
        view: EntryFilter = ALL_ENTRIES,
        sort: SortKey = SortKey.UPDATED,
        descending: bool = True,
    ) -> tuple[list[EntrySummary], int]:
        """A page of ``view`` in the core's ``sort`` order, and how many entries it has."""
        return self._open_vault().entries.page(
            kind=view.kind,
            tag=view.tag,
            trash=view.trash,
            limit=limit,
            offset=offset,
            sort=sort,
            descending=descending,
        )

    def overview(self) -> Overview:
        entries = self._open_vault().entries
        kinds = tuple(entries.kind_counts().items())
        _, trashed = entries.page(trash=True, limit=0)
        licenses = license_counts(self._open_vault().db)
        return Overview(kinds, tuple(entries.tags()), trashed, licenses.issued, licenses.received)

    def search(self, query: str, view: EntryFilter, limit: int, offset: int) -> list[Hit]:
        """A page of hits for ``query`` within ``view``'s kind or tag (the trash is never searched).

        ``query`` is typed into a search box: its unfinished last word is a prefix.
        """
        return self._open_vault().search.search(
            query, kind=view.kind, tag=view.tag, limit=limit, offset=offset, last_word_prefix=True
        )

    def entry(self, entry_id: str) -> Entry:
        return self._open_vault().entries.get(entry_id)

    def resolve_links(self, targets: Collection[str]) -> dict[str, str]:
        """The entry id each ``[[link]]`` target names; targets naming none are left out."""
        return links.resolve(self._open_vault().db, targets)

    def backlinks(self, entry_id: str) -> list[LinkedEntry]:
        """The live entries whose text links to ``entry_id``, by title."""
        return links.backlinks(self._open_vault().db, entry_id)

    def save(self, draft: Draft, autosave_window_s: int = 5 * 60) -> Entry:
        """Add the draft's entry, or save it as a new version (nothing changed: no version).

        The editor saves on its own after each pause in typing. Those saves
        overwrite the newest version while it is an autosave first written
        less than ``autosave_window_s`` ago (``Entries.update``'s
        ``coalesce_s``), so the history holds a version every few minutes of
        writing, not one per pause. An explicit save is a version kept for good.
        """
        entries = self._open_vault().entries
        entry_id = draft.entry_id or self._created.get(draft.key)
        if entry_id is None:
            entry = entries.add(
                draft.kind, draft.title, draft.body, draft.tags, draft.private, origin=draft.origin
            )
            self._created[draft.key] = entry.id
            return entry
        return entries.update(
            entry_id,
            kind=draft.kind,
            title=draft.title,
            body=draft.body,
            tags=draft.tags,
            private=draft.private,
            origin=draft.origin,
            coalesce_s=0 if draft.explicit else autosave_window_s,
        )

    # -- attachments (ui/widgets/attachments.py and the preview) -----------------------------

    def attachments(self, entry_id: str) -> list[Attachment]:
        return self._open_vault().attachments.list(entry_id)

    def attach(self, key: str, name: str, data: bytes) -> Attachment:
        """Attach ``data`` to the entry with this id, or the one a new draft's ``key`` created.

        The worker is serial: a save asked for before this call has added the entry by now.
        """
        return self._open_vault().attachments.add(self._created.get(key, key), name, data)

    def attach_file(self, key: str, path: Path) -> Attachment:
        """Attach a regular file, read at most ``MAX_ATTACHMENT`` bytes of it (a FIFO would block)."""
        return self.attach(key, path.name, read_file(path))

    def attachment_data(self, sha256: str) -> bytes:
        return self._open_vault().attachments.data_by_hash(sha256)

    def save_attachment(self, sha256: str, out: Path) -> None:
        """Write an attachment's bytes to ``out``, replacing it atomically (owner-only)."""
        data = self.attachment_data(sha256)
        try:
            atomic_write(out, data)
        except OSError as exc:
            raise WriteFailed() from exc

    def remove_attachment(self, entry_id: str, name: str) -> None:
        self._open_vault().attachments.remove(entry_id, name)

    def history(self, entry_id: str) -> list[VersionInfo]:
        """Every saved version of the entry, newest first."""
        return self._open_vault().entries.history(entry_id)

    def version(self, entry_id: str, version: int) -> Entry:
        return self._open_vault().entries.get(entry_id, version)

    def restore_version(self, entry_id: str, version: int) -> Entry:
        """Save an old version's content as the newest version (history is never rewritten)."""
        return self._open_vault().entries.restore_version(entry_id, version)

    def trash(self, key: str) -> Entry:
        """Move to the trash the entry with this id, or the one a new draft's ``key`` created."""
        return self._open_vault().entries.trash(self._created.get(key, key))

    def untrash(self, entry_id: str) -> Entry:
        return self._open_vault().entries.untrash(entry_id)

    def purge(self, entry_id: str) -> None:
        """Delete a trashed entry and every version of it, for good."""
        self._open_vault().entries.purge(entry_id)

    def empty_trash(self) -> int:
        return self._open_vault().entries.empty_trash()

    # -- import, export, backup, restore (ui/transfer.py, each a ProgressOp) -----------

    def import_paths(self, paths: Sequence[Path], progress: Progress | None = None) -> ImportSummary:
        """Import Markdown files and folders; each file is its own transaction (vault.markdown_import)."""
        return import_markdown(self._open_vault(), [Path(p) for p in paths], progress)

    def export_to(
        self, folder: Path, progress: Progress | None = None, *, by_kind: bool = False
    ) -> ExportSummary:
        """Every live entry as plain Markdown in ``folder`` (empty, or an earlier export)."""
        return export_markdown(self._open_vault(), Path(folder), progress, by_kind=by_kind)

    def backup_to(self, file: Path, progress: Progress | None = None) -> BackupSummary:
        """One encrypted file, opened by the passphrase or recovery code the vault has now.

        Ended licenses are destroyed first (``backup.backup`` sweeps them).
        """
        return backup.backup(self._open_vault(), Path(file), progress)

    def restore_from(
        self,
        backup_file: Path,
        target: Path,
        *,
        passphrase: str | None = None,
        recovery_code: str | None = None,
        progress: Progress | None = None,
    ) -> Restored:
        """Restore a backup as a new vault at ``target``, count its entries and close it.

        The core never writes over a vault (``VaultExists``); the vault open in
        this session is not touched.
        """
        restored = backup.restore(
            Path(backup_file),
            Path(target),
            passphrase=passphrase,
            recovery_code=recovery_code,
            clock=self._clock,
            progress=progress,
        )
        try:
            name = restored.name
            _, total = restored.entries.page(limit=0)
        finally:
            restored.close()
        return Restored(Path(target), name, total)

    # -- first start and recovery (the create wizard and the recover dialog) ---------

    def create(self, name: str, passphrase: str, kdf: Argon2Params | None = None) -> NewVault:
        """Create the vault at ``path`` and keep it open (calibrates Argon2id: a second or so).

        ``kdf`` is for tests; the real app calibrates on this machine.
        """
        self.lock()
        created = Vault.create(self.path, passphrase, clock=self._clock, name=name, kdf=kdf)
        self._vault = created.vault
        return NewVault(created.vault.name, created.recovery_code)

    def recover(self, code: str, new_passphrase: str) -> Unlocked:
        """Open with the recovery code and set a new passphrase; the vault stays open."""
        self.lock()
        vault = Vault.open_with_recovery_code(self.path, code, clock=self._clock)
        try:
            vault.change_passphrase(new_passphrase)
        except BaseException:
            vault.close()
            raise
        self._vault = vault
        return Unlocked(vault.name)

    # -- keys (the settings dialog) ------------------------------------------------------

    def change_passphrase(self, old: str, new: str, rotate_key: bool = False) -> str | None:
        """Prove ``old``, then rewrap the key under ``new``: two Argon2id runs.

        With ``rotate_key`` the database is re-encrypted under a new data key
        as well (vault.store.rotation), so old copies of the key file stop
        opening it; the new recovery code is returned, to show once (None
        without one, and always None without ``rotate_key``). ``WrongSecret``
        if ``old`` is not the passphrase; nothing changes then.
        """
        vault = self._open_vault()
        vault.check_passphrase(old)
        if rotate_key:
            return vault.rotate_key(new)
        vault.change_passphrase(new)
        return None

    def has_recovery_code(self) -> bool:
        return self._open_vault().has_recovery_slot()

    def new_recovery_code(self, passphrase: str) -> str:
        """Prove the passphrase, then replace the recovery code; the new one, to show once."""
        vault = self._open_vault()
        vault.check_passphrase(passphrase)
        return vault.new_recovery_code()

    # -- identity ---------------------------------------------------------------------

    def my_card(self) -> MyCard:
        """The vault's own identity card: public keys only, safe to show and send."""
        identity = load_identity(self._open_vault().db)
        public = identity.public
        return MyCard(public.name, public.fingerprint, make_card(identity).decode("utf-8"))

    def export_card(self, out: Path) -> None:
        write_card(load_identity(self._open_vault().db), out)

    # -- audit ------------------------------------------------------------------------

    def audit(self) -> AuditReport:
        """Every audit record, oldest first, and whether their hash chain is intact."""
        log = AuditLog(self._open_vault().db)
        return AuditReport(tuple(log.events()), log.verify())


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The audit log as read, and the verdict on its hash chain at that moment."""

    events: tuple[AuditEvent, ...]
    check: AuditCheck


@dataclass(frozen=True, slots=True)
class MyCard:
    """The vault's identity as others see it: its name, fingerprint and card text."""

    name: str
    fingerprint: str  # 8 groups of 4, as people read it aloud
    text: str  # the signed card file (UTF-8 text): saved as is, or pasted into a chat


@dataclass(frozen=True, slots=True)
class NewVault:
    """A vault just created: its name, and the recovery code to show once."""

    name: str
    recovery_code: str


@dataclass(frozen=True, slots=True)
class Restored:
    """A backup restored as a new vault (closed again): where it is, its name, its entries."""

    path: Path
    name: str
    entries: int
