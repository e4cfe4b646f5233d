"""How many licenses the vault has issued and received, for the app's sidebar.

Two counts from the tables' primary keys, cheap enough to run after every
save: the sidebar shows them beside its "Issued" and "Received" rows. Ended
and revoked licenses count too (the ledger keeps them, and the received
library keeps their tombstones), as the views they open list them.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowhold.vault.store.db import Database


@dataclass(frozen=True, slots=True)
class LicenseCounts:
    issued: int
    received: int


def license_counts(db: Database) -> LicenseCounts:
    conn = db.conn
    issued = conn.execute("SELECT COUNT(*) FROM licenses").fetchone()[0]
    received = conn.execute("SELECT COUNT(*) FROM received").fetchone()[0]
    return LicenseCounts(int(issued), int(received))
