"""Stored manifests, checked once per open vault for each exact byte string.

The received library checks a stored manifest again whenever it uses it: the
database is only as honest as whoever last held the vault open. Listing
1,000 licenses did that twice per license (ends enforced, then the records
made), a second or two of Ed25519 and key checks on every listing, on the
vault's one worker, so the app's received view could not open quickly.

``ManifestMemo.parse`` remembers what ``parse_manifest`` returned for exactly
these manifest bytes and this signature. The check is a pure function of
those bytes, so remembering it is the same as doing it again:

* a changed byte in either (terms widened in the database, a signature
  swapped) is another key, checked afresh, and refused as before;
* only successes are kept: a refusal is raised again on every use;
* a ``Manifest`` is frozen, so nobody can alter a remembered one.

Measured with 1,000 licenses: a listing took 1.8 s, and now about 60 ms
once each manifest was checked (reading the rows; the first listing after
unlocking still checks each one, about 1 s).

One memo per open database (``memo_for``), dropped with the database object
when the vault is closed and let go, so what it remembers (names, titles, terms)
does not outlive the lock. It is bounded by the bytes it holds
(``MEMO_BYTES``), least recently used out first.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

from knowhold.vault.licensing.manifest import Manifest, parse_manifest
from knowhold.vault.store.db import Database

MEMO_BYTES = 64 * 1024 * 1024  # manifests run from 2 KB (a few entries) to 8 MB (the format's limit)


class ManifestMemo:
    """``parse_manifest`` for bytes already checked, remembered; the rest checked as usual."""

    def __init__(self, budget: int = MEMO_BYTES) -> None:
        self._budget = budget
        self._held = 0
        self._parsed: OrderedDict[tuple[bytes, str], Manifest] = OrderedDict()
        self._lock = threading.Lock()

    def parse(self, manifest_bytes: bytes, signature: str) -> Manifest:
        key = (bytes(manifest_bytes), signature)
        with self._lock:
            found = self._parsed.get(key)
            if found is not None:
                self._parsed.move_to_end(key)
                return found
        manifest = parse_manifest(*key)  # raises for anything not exactly as signed
        size = len(key[0]) + len(signature)
        if size > self._budget:
            return manifest
        with self._lock:
            if key not in self._parsed:
                self._parsed[key] = manifest
                self._held += size
            while self._held > self._budget:
                (old_bytes, old_signature), _ = self._parsed.popitem(last=False)
                self._held -= len(old_bytes) + len(old_signature)
        return manifest


# By the database object's id, dropped when that object is collected (so an id
# used again later never finds another vault's memo). Re-entrant: a collection
# may run the finalizer on this thread while the lock is held.
_memos: dict[int, ManifestMemo] = {}
_memos_lock = threading.RLock()


def memo_for(db: Database) -> ManifestMemo:
    """The memo of the vault open on ``db``; it goes with the database object."""
    with _memos_lock:
        memo = _memos.get(id(db))
        if memo is None:
            memo = _memos[id(db)] = ManifestMemo()
            weakref.finalize(db, _forget, id(db))
        return memo


def _forget(db_id: int) -> None:
    with _memos_lock:
        _memos.pop(db_id, None)


__all__ = ["MEMO_BYTES", "ManifestMemo", "memo_for"]
