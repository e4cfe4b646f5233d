"""Which entry versions a license has carried: the ledger's ``license_entries`` table.

The table belongs to licensing (``vault.licensing.ledger`` writes it when a
license is issued), so the question is answered here and handed to
``Entries`` as a plain function: knowledge never reads licensing's tables,
and neither side imports the other's store.
"""

from __future__ import annotations

from knowhold.vault.store.db import Database


def was_licensed(db: Database, entry_id: str, version: int) -> bool:
    """True once any license issued from this vault named this version of the entry.

    Such a version must stay what was sent: an autosave may not overwrite it.
    """
    row = db.conn.execute(
        "SELECT 1 FROM license_entries WHERE entry_id = ? AND version = ? LIMIT 1",
        (entry_id, version),
    ).fetchone()
    return row is not None
