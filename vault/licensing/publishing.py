"""When the worker's status document should be published again, and whether it is out of date.

A licensee's Knowhold locks a license's content once the newest signed
"active as of" time it holds is older than the license's ``max_status_age``
(``docs/format.md``, check 14). That time is the manifest's own ``issued_at``
or the newest status document's, whichever is later. So while a license with
a maximum age is in force, a fresh document must be out before the age runs
out, or a licensee loses access the worker granted. Each document also
names its ``next_update``, when readers are told to expect the next one.

``publish_state`` reads when the last document was published (the audit
log's last ``status-published`` record, which holds its ``next_update``) and
works out:

* the **deadline**: the first moment a licensee's copy would go stale (for
  each license in force with a maximum age, the later of its issue and the
  last publish, plus that age) or the last document's ``next_update``,
  whichever comes first; nothing, while no license is in force;
* **due**: halfway from then to the deadline. Half, not the last minute: a
  synced or web-published folder takes a while to reach the web, a
  licensee's app fetches only now and then, and the worker's app may be
  closed for a day; a publish costs a signature and a small file;
* **changed**: the licenses revoked or renewed since the last publish,
  which the published document does not yet say, and those issued since
  that name a status address (which may serve no document yet). A change is
  not a reason to publish by itself: the worker decides when a revocation
  leaves (the app offers it at once).

The state is read from the ledger's lines (``ledger_summary``) and the audit
log, at a time the caller passes: the core never reads the clock itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.ledger import DEFAULT_STATUS_VALIDITY
from knowhold.vault.licensing.ledger_summary import LedgerLine

PUBLISHED = "status-published"
CHANGES = ("issued", "revoked", "renewed")


@dataclass(frozen=True, slots=True)
class PublishState:
    now: int  # the vault's time when this was read
    last_at: int | None  # when the last status document was published; None: never
    last_path: str | None  # where it was written
    next_update: int | None  # what it promised
    deadline: int | None  # when a fresh one must be out; None: nothing depends on one
    due_at: int | None  # when to publish again (halfway to the deadline)
    changed: tuple[str, ...]  # license ids changed since the last publish, first changed first

    @property
    def due(self) -> bool:
        return self.due_at is not None and self.now >= self.due_at


def publish_state(log: AuditLog, lines: Sequence[LedgerLine], now: int) -> PublishState:
    """Where the worker's status publishing stands at ``now``, for these licenses."""
    last = log.latest(PUBLISHED)
    last_at = None if last is None else last.time
    next_update = None
    if last is not None:
        promised = last.detail.get("next_update")
        # Records written before the field was kept: the default validity of the time.
        next_update = promised if isinstance(promised, int) else last.time + DEFAULT_STATUS_VALIDITY

    # (base, deadline): since when a licensee's copy is fresh, and until when.
    windows: list[tuple[int, int]] = []
    live = [line for line in lines if line.in_force(now)]
    for line in live:
        age = line.signed.max_status_age
        if age is not None:
            base = max(line.issued_at, last_at or 0)
            windows.append((base, base + age))
    if live and last_at is not None and next_update is not None:
        windows.append((last_at, next_update))
    deadline = due_at = None
    if windows:
        base, deadline = min(windows, key=lambda window: window[1])
        due_at = base + (deadline - base) // 2

    with_address = {line.license_id for line in lines if line.signed.status_url is not None}
    changed: dict[str, None] = {}  # ordered, without repeats
    for event in log.since(0 if last is None else last.seq, CHANGES):
        license_id = event.license_id
        if license_id is not None and (event.event != "issued" or license_id in with_address):
            changed.setdefault(license_id)
    path = None if last is None else last.detail.get("out")
    return PublishState(
        now=now,
        last_at=last_at,
        last_path=path if isinstance(path, str) else None,
        next_update=next_update,
        deadline=deadline,
        due_at=due_at,
        changed=tuple(changed),
    )
