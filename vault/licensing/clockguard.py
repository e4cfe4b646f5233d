"""The vault's memory of time, so neither a clock set back nor a slow one can revive a license.

Expiry is only as honest as the time it is read against. The vault keeps two
records in ``meta``:

* ``latest_seen``: the latest reading of this computer's clock. A clock more
  than ``TOLERANCE`` seconds earlier refuses access (``ClockRollback``, exit
  17) instead of being believed. The tolerance absorbs ordinary drift and NTP
  corrections; it never lowers the time judged (below).
* ``time_floor``: the latest of that and every signed time the library has
  accepted: a status document's ``issued_at``, a stored package's
  ``issued_at``. A licensor who signed at T says the world has reached T, so
  an employer whose clock is behind (or was set back before the vault ever
  saw a later time) cannot read a license past its end once such a document
  has arrived.

Every end is judged at the floor, never below it (``time_floor``). Signed
times count only from documents the library accepts (a licensor of a license
held, or a package stored), and only up to ``SIGNED_AHEAD`` past this
computer's clock: otherwise one licensor's wrong clock, or a forged date,
would end every other licensor's licenses at once. A signed time further
ahead is refused with ``ClockRollback``: one of the two clocks is wrong.

A stored value that is not a plain decimal time fails closed
(``ClockRecordDamaged``): content stays locked rather than be judged against
no floor. There is deliberately no flag or environment variable that
overrides any of this: tests inject a clock into ``Database`` in-process.

What this cannot do: the records live in the vault, so a copy of the whole
vault folder taken earlier carries the earlier records (``docs/format.md``,
threat model). That is why ended content is destroyed at every touch of the
library, not only when it is read: a copy taken later holds nothing to revive.
"""

from __future__ import annotations

import re

from knowhold.vault.errors import ClockRecordDamaged, ClockRollback
from knowhold.vault.store.db import Database
from knowhold.vault.timefmt import MAX_TIME, format_time

LATEST_SEEN_KEY = "latest_seen"
TIME_FLOOR_KEY = "time_floor"
TOLERANCE = 300  # seconds: drift and NTP steps, not a way back to before an expiry
SIGNED_AHEAD = 86400  # seconds a signed time may run ahead of this clock (a wrong time zone, drift)
_STORED_TIME = re.compile(r"[0-9]{1,15}")  # ASCII digits only: int() would take " 12" and "١٢"


def _stored(db: Database, key: str) -> int | None:
    value = db.get_meta(key)
    if value is None:
        return None
    if not _STORED_TIME.fullmatch(value) or int(value) > MAX_TIME:
        raise ClockRecordDamaged()
    return int(value)


def latest_seen(db: Database) -> int | None:
    """The latest clock reading the vault has recorded, or None if it never looked."""
    return _stored(db, LATEST_SEEN_KEY)


def time_floor(db: Database) -> int:
    """The time to judge ends at: the clock, never below the latest seen or any signed time accepted.

    Records nothing and never raises for a clock set back (``check_clock`` does).
    """
    return max(db.now(), latest_seen(db) or 0, _stored(db, TIME_FLOOR_KEY) or 0)


def check_clock(db: Database) -> int:
    """The clock's time if it is not set back beyond the tolerance; records nothing."""
    now = db.now()
    latest = latest_seen(db)
    if latest is not None and now < latest - TOLERANCE:
        raise ClockRollback(
            f"This computer's clock ({format_time(now)}) is earlier than a time this vault has "
            f"already seen ({format_time(latest)}); fix the clock to use licensed content."
        )
    return now


def record_time(db: Database) -> int:
    """Record the clock reading and the floor (neither ever goes down); return the floor.

    Never raises for a clock set back: for work that only makes things safer,
    such as destroying ended content, where refusing would keep it alive.
    """
    now = db.now()
    latest = latest_seen(db)
    stored_floor = _stored(db, TIME_FLOOR_KEY)
    floor = max(now, latest or 0, stored_floor or 0)
    if (latest is None or now > latest) or stored_floor != floor:
        with db.transaction():
            if latest is None or now > latest:
                db.set_meta(LATEST_SEEN_KEY, str(now))
            db.set_meta(TIME_FLOOR_KEY, str(floor))
    return floor


def observe_clock(db: Database) -> int:
    """Refuse a clock set back, record it, and return the time to judge at (the floor)."""
    check_clock(db)
    return record_time(db)


def check_signed_time(db: Database, signed_at: int, what: str) -> None:
    """Refuse a signed time more than ``SIGNED_AHEAD`` past this computer's clock.

    Called before anything is stored: the document is refused, nothing changes.
    """
    now = db.now()
    if signed_at > now + SIGNED_AHEAD:
        raise ClockRollback(
            f"This {what} was signed at {format_time(signed_at)}, more than a day after this "
            f"computer's clock ({format_time(now)}): one of the two clocks is wrong; nothing was stored."
        )


def raise_floor(db: Database, signed_at: int) -> None:
    """Raise the recorded floor to a signed time just accepted (inside the transaction storing it)."""
    with db.transaction():
        if signed_at > (_stored(db, TIME_FLOOR_KEY) or 0):
            db.set_meta(TIME_FLOOR_KEY, str(signed_at))
