"""The vault's memory of time, so a clock set back cannot revive a license.

Expiry is only as honest as the clock it is read against. The vault keeps
the latest time it has seen (``meta['latest_seen']``); a clock more than
``TOLERANCE`` seconds earlier than that refuses access (``ClockRollback``,
exit 17) instead of being believed. The tolerance absorbs ordinary drift and
NTP corrections. There is deliberately no flag or environment variable that
overrides this: tests inject a clock into ``Database`` in-process.
"""

from __future__ import annotations

from knowhold.vault.errors import ClockRollback
from knowhold.vault.store.db import Database
from knowhold.vault.timefmt import format_time

LATEST_SEEN_KEY = "latest_seen"
TOLERANCE = 300  # seconds: drift and NTP steps, not a way back to before an expiry


def latest_seen(db: Database) -> int | None:
    """The latest time the vault has recorded, or None if it never looked."""
    value = db.get_meta(LATEST_SEEN_KEY)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        # Only the vault's owner can write meta; an unreadable value is
        # replaced by the next observation.
        return None


def check_clock(db: Database) -> int:
    """The clock's time if it is not rolled back; records nothing."""
    now = db.now()
    latest = latest_seen(db)
    if latest is not None and now < latest - TOLERANCE:
        raise ClockRollback(
            f"This computer's clock ({format_time(now)}) is earlier than a time this vault has "
            f"already seen ({format_time(latest)}); fix the clock to use licensed content."
        )
    return now


def observe_clock(db: Database) -> int:
    """Check the clock against the latest time seen, record the later of the two, return now."""
    now = check_clock(db)
    latest = latest_seen(db)
    if latest is None or now > latest:
        with db.transaction():
            db.set_meta(LATEST_SEEN_KEY, str(now))
    return now


def effective_now(db: Database) -> int:
    """The later of the clock and the latest time seen, never raising.

    For work that can only make things safer (pruning skill folders): a
    clock set back must not make an ended license look alive there either.
    """
    now = db.now()
    latest = latest_seen(db)
    return now if latest is None else max(now, latest)
