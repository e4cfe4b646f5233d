"""What an AI agent may ask of the received library, checked on every call: the MCP tools' logic.

``AgentDesk`` is the three tools without the protocol (``vault.agents.server``
is the thin layer over the SDK): ``list_licenses``, ``search`` and ``read``.
Each call, in this order:

1. the vault's database file is still the one opened: a key rotation or a
   restored backup replaced it, and writing on would write where no one reads
   (``Vault.open_shared``);
2. the clock is judged against the vault's time floor (a clock set back
   refuses, 17) and every ended or revoked license's content is destroyed,
   as every command of the library does (``vault.licensing.enforcement``);
3. only licenses that grant ``ai-retrieval`` (and, with ``--license``, are
   among those served) are visible; one that may not be used now is left out
   of listings and searches, and named directly it is refused with the
   core's own error and sentence (not yet valid 11, ended 12, revoked 13,
   stale status 14, not permitted 18: ``Enforcer.check``);
4. the call is written to the audit chain: the tool, the license, the entry
   ids returned, and the query unless ``audit_queries`` is off; a refused
   call too, with its exit code.

Decrypted entries are kept in memory between calls, per license and exact
manifest, so 100 reads a second do not decrypt 100 packages; the checks above
still run on every call, against the database, so a license that a command
or the app revoked a moment ago is refused at once, and its entries (and the
search index built from them) are dropped from memory then.

One lock serialises every call: the SDK runs tools on worker threads, and the
vault's connection is one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from knowhold.vault.agents.index import KnowledgeIndex
from knowhold.vault.errors import InvalidValue, KnowholdError, NotFound, VaultLocked
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.clockguard import observe_clock
from knowhold.vault.licensing.enforcement import Enforcer, StatusCache, status_of
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.package import decrypt_with_key
from knowhold.vault.licensing.payload import LicensedEntry, notice_text
from knowhold.vault.licensing.received_store import ReceivedRow, ReceivedStore
from knowhold.vault.licensing.terms import PERMISSIONS
from knowhold.vault.store.storage import DB_NAME, Vault
from knowhold.vault.timefmt import format_time

PURPOSE = "ai-retrieval"
EVENT = "agent-call"  # the audit event of every call (vault.licensing.audit.EVENTS)
MAX_QUERY = 1_000  # characters; the parser reads at most 32 terms anyway
MAX_LIMIT = 50
DEFAULT_LIMIT = 10
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class LicenseView:
    """A license an agent may use now, as ``list_licenses`` shows it."""

    license_id: str
    licensor: str
    title: str
    expires_at: int  # the current end: renewals move it
    permissions: tuple[str, ...]
    human_review: bool
    notice: str

    def to_json(self) -> dict[str, Any]:
        return {
            "license_id": self.license_id,
            "licensor": self.licensor,
            "title": self.title,
            "expires_at": format_time(self.expires_at),
            "permissions": list(self.permissions),
            "human_review": self.human_review,
            "notice": self.notice,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    license_id: str
    entry_id: str
    title: str
    snippet: str
    notice: str

    def to_json(self) -> dict[str, Any]:
        return {
            "license_id": self.license_id,
            "entry_id": self.entry_id,
            "title": self.title,
            "snippet": self.snippet,
            "notice": self.notice,
        }


@dataclass(frozen=True, slots=True)
class EntryText:
    """One licensed entry in full; ``text`` opens with the notice, so it travels with any quote."""

    license_id: str
    entry_id: str
    title: str
    kind: str
    version: int
    notice: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "license_id": self.license_id,
            "entry_id": self.entry_id,
            "title": self.title,
            "kind": self.kind,
            "version": self.version,
            "notice": self.notice,
            "text": self.text,
        }


def license_notice(manifest: Manifest, expires_at: int) -> str:
    """Who licensed it to whom, until when (as renewed), what is permitted, whether a person must review."""
    allowed = ", ".join(p for p in PERMISSIONS if p in manifest.terms.allowed)
    review = (
        "Human review required: a person must review AI use of this text before it is acted on."
        if manifest.terms.human_review
        else "Human review: not required by the terms."
    )
    base = notice_text(manifest.licensor.name, manifest.licensee.name, manifest.license_id, expires_at)
    return f"{base} Permitted uses: {allowed}. {review}"


def license_title(manifest: Manifest) -> str:
    kinds = ", ".join(sorted({e.kind for e in manifest.entries}))
    return f"Know-how licensed by {manifest.licensor.name} (entries: {len(manifest.entries)}; {kinds})"


def entry_text(entry: LicensedEntry, notice: str) -> str:
    """The entry as an agent reads it: the notice first, quoted, then the title and the body."""
    title = " ".join(entry.title.split())
    return f"> {notice}\n\n# {title}\n\n{entry.body.rstrip()}\n"


@dataclass(frozen=True, slots=True)
class _Usable:
    row: ReceivedRow
    manifest: Manifest
    entries: list[LicensedEntry]
    notice: str


class AgentDesk:
    """The received library as the MCP tools see it; see the module docstring for the rules."""

    def __init__(self, vault: Vault, *, licenses: Sequence[str] = (), audit_queries: bool = True) -> None:
        self._db = vault.db
        self._store = ReceivedStore(vault.db)
        self._audit = AuditLog(vault.db)
        self._rules = Enforcer(vault.db, self._store, self._audit)
        self._audit_queries = audit_queries
        self._lock = threading.Lock()
        self._db_file = Path(vault.path) / DB_NAME
        self._opened = _file_id(self._db_file)
        self._served = frozenset(self._store.resolve(lid).license_id for lid in licenses)
        self._entries: dict[str, tuple[bytes, list[LicensedEntry]]] = {}  # by license: manifest hash
        self._search: KnowledgeIndex | None = None
        self._swept_at: int | None = None  # the time ended content was last destroyed at
        self._indexed: frozenset[tuple[str, bytes]] = frozenset()

    @property
    def served(self) -> frozenset[str]:
        """The full ids of the licenses given with ``--license``; empty: every license."""
        return self._served

    @property
    def lock(self) -> threading.Lock:
        """Held for every use of the vault's connection (the status refresher takes it too)."""
        return self._lock

    # -- the tools ----------------------------------------------------------------------

    def list_licenses(self) -> list[LicenseView]:
        """The licenses an agent may use now, newest first."""

        def run() -> tuple[list[LicenseView], str | None, dict[str, Any]]:
            usable = self._usable_now()
            views = [
                LicenseView(
                    u.row.license_id,
                    u.manifest.licensor.name,
                    license_title(u.manifest),
                    u.row.expires_at,
                    tuple(p for p in PERMISSIONS if p in u.manifest.terms.allowed),
                    u.manifest.terms.human_review,
                    u.notice,
                )
                for u in usable
            ]
            return views, None, {"licenses": [v.license_id for v in views]}

        return self._call("list_licenses", None, {}, run)

    def search(
        self, query: str, license_id: str | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[SearchHit]:
        """Entries matching ``query`` (the app's query language), in one license or all usable ones."""
        # As recorded: bounded, and a lone surrogate (JSON can carry one) made printable for the chain.
        shown = query[:MAX_QUERY].encode("utf-8", "replace").decode("utf-8")
        asked: dict[str, Any] = {"query": shown} if self._audit_queries else {}

        def run() -> tuple[list[SearchHit], str | None, dict[str, Any]]:
            if len(query) > MAX_QUERY:
                raise InvalidValue(f"The query is longer than {MAX_QUERY} characters.")
            if not 1 <= limit <= MAX_LIMIT:
                raise InvalidValue(f"The limit must be from 1 to {MAX_LIMIT}.")
            usable = [self._checked(license_id)] if license_id is not None else self._usable_now()
            notices = {u.row.license_id: u.notice for u in usable}
            found = self._index().search(query, list(notices), limit) if usable else []
            hits = [
                SearchHit(f.license_id, f.entry.id, f.entry.title, f.snippet, notices[f.license_id])
                for f in found
            ]
            by_license: dict[str, list[str]] = {}
            for hit in hits:
                by_license.setdefault(hit.license_id, []).append(hit.entry_id)
            lid = usable[0].row.license_id if license_id is not None else None
            return hits, lid, {"entries": by_license}

        return self._call("search_knowledge", license_id, asked, run)

    def read(self, license_id: str, entry_id: str) -> EntryText:
        """One entry in full, its notice at the top of its text."""

        def run() -> tuple[EntryText, str | None, dict[str, Any]]:
            u = self._checked(license_id)
            entry = next((e for e in u.entries if e.id == entry_id), None)
            if entry is None:
                raise NotFound(f"License {u.row.license_id} has no entry {entry_id[:64]!r}.")
            text = EntryText(
                u.row.license_id,
                entry.id,
                entry.title,
                entry.kind,
                entry.version,
                u.notice,
                entry_text(entry, u.notice),
            )
            return text, u.row.license_id, {"entries": [entry.id]}

        return self._call("read_entry", license_id, {}, run)

    def close(self) -> None:
        with self._lock:
            self._forget(set())

    # -- every call -------------------------------------------------------------------------

    def _call(
        self,
        tool: str,
        asked_license: str | None,
        asked: dict[str, Any],
        run: Callable[[], tuple[_T, str | None, dict[str, Any]]],
    ) -> _T:
        """Run one tool under the lock and audit it, refused or not."""
        with self._lock:
            if _file_id(self._db_file) != self._opened:
                raise VaultLocked(
                    "The vault's database was replaced (a key rotation or a restored backup) while this "
                    "server ran; start it again."
                )
            try:
                result, license_id, returned = run()
            except KnowholdError as exc:
                self._audit.append(
                    EVENT, _full_id(asked_license), tool=tool, refused=exc.exit_code, via="mcp", **asked
                )
                raise
            self._audit.append(EVENT, license_id, tool=tool, via="mcp", **asked, **returned)
            return result

    def _usable_now(self) -> list[_Usable]:
        """Every visible license that may be used now, newest first; ended content destroyed first."""
        now = observe_clock(self._db)
        rows = self._store.live_rows()
        # One read of the rows serves both, as in Library.licenses: again only when some just ended.
        if self._enforce_ends(now, rows):
            rows = self._store.live_rows()
        cache: StatusCache = {}
        usable: list[_Usable] = []
        for row in rows:
            manifest = self._store.manifest(row)
            if not self._visible(row, manifest):
                continue
            status, _detail = status_of(row, manifest, self._rules.standing_of(row, manifest, now, cache))
            if status == "active":
                usable.append(self._open(row, manifest))
        usable.sort(key=lambda u: (-u.row.ingested_at, u.row.license_id))
        self._forget({u.row.license_id for u in usable})
        return usable

    def _checked(self, license_id: str) -> _Usable:
        """One license, checked for ``ai-retrieval`` now; the core's error if it may not be used."""
        now = observe_clock(self._db)
        self._enforce_ends(now)
        row = self._store.resolve(license_id)
        if self._served and row.license_id not in self._served:
            raise NotFound(f"License {row.license_id} is not served here.")
        try:
            manifest = self._rules.check(row, now, purpose=PURPOSE)
        except KnowholdError:
            self._forget({lid for lid in self._entries if lid != row.license_id})
            raise
        return self._open(row, manifest)

    def _enforce_ends(self, now: int, rows: Sequence[ReceivedRow] | None = None) -> bool:
        """Destroy what has ended by ``now``, once per time: True if something was.

        Judged again at the same time, nothing more can have ended: what ends
        licenses between two times is the clock (``now`` moves), and a status
        document applied by anyone, which destroys what it revokes as it is
        applied (``Library.apply_status``). So a burst of calls within one
        second sweeps the library once; ``Enforcer.check`` still judges the
        license each call reads.
        """
        if now == self._swept_at:
            return False
        changed = bool(self._rules.enforce_ends(now, rows))
        self._swept_at = now
        return changed

    def _visible(self, row: ReceivedRow, manifest: Manifest) -> bool:
        served = not self._served or row.license_id in self._served
        return served and manifest.terms.allows(PURPOSE)

    def _open(self, row: ReceivedRow, manifest: Manifest) -> _Usable:
        """The license's entries, decrypted once per exact manifest."""
        held = self._entries.get(row.license_id)
        if held is None or held[0] != row.manifest_hash:
            content = self._store.content(row)
            held = (row.manifest_hash, decrypt_with_key(row.package(manifest, content), content.content_key))
            self._entries[row.license_id] = held
        return _Usable(row, manifest, held[1], license_notice(manifest, row.expires_at))

    def _index(self) -> KnowledgeIndex:
        """The search index of every license held in memory, rebuilt when that set changes."""
        key = frozenset((lid, digest) for lid, (digest, _entries) in self._entries.items())
        if self._search is None or key != self._indexed:
            if self._search is not None:
                self._search.close()
            self._search = KnowledgeIndex((lid, entries) for lid, (_digest, entries) in self._entries.items())
            self._indexed = key
        return self._search

    def _forget(self, keep: set[str]) -> None:
        """Drop from memory the entries of every license not in ``keep`` (and the index, if it had them)."""
        for lid in [lid for lid in self._entries if lid not in keep]:
            del self._entries[lid]
        if self._search is not None and any(lid not in keep for lid, _digest in self._indexed):
            self._search.close()
            self._search = None
            self._indexed = frozenset()


def _full_id(license_id: str | None) -> str | None:
    """A license id as recorded: a full 32-character id, else none (a prefix or junk an agent sent)."""
    if license_id is None or len(license_id) != 32 or not all(c in "0123456789abcdef" for c in license_id):
        return None
    return license_id


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


__all__ = [
    "DEFAULT_LIMIT",
    "EVENT",
    "MAX_LIMIT",
    "PURPOSE",
    "AgentDesk",
    "EntryText",
    "LicenseView",
    "SearchHit",
    "entry_text",
    "license_notice",
]
