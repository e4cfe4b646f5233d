"""Times as Knowhold writes and reads them: integer Unix seconds, shown as
strict ``YYYY-MM-DDTHH:MM:SSZ`` (UTC), and durations such as ``90d``.

Parsing is strict on purpose: one spelling per instant means a signed
document cannot carry two readings of the same time.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from knowhold.vault.errors import InvalidValue

# ASCII digits only, and the whole string (fullmatch): ``\d`` alone also takes
# Arabic-Indic or full-width digits, and ``$`` a trailing newline, so one
# instant would have several spellings a signature could cover.
_STRICT = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z", re.ASCII)
_DURATION = re.compile(r"(\d{1,9})([dhms])", re.ASCII)
_UNIT = {"d": 86400, "h": 3600, "m": 60, "s": 1}
MAX_TIME = 253402300799  # 9999-12-31T23:59:59Z


def format_time(ts: int) -> str:
    return datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_strict_time(text: str) -> int:
    """``YYYY-MM-DDTHH:MM:SSZ`` only, a real calendar date, in UTC."""
    match = _STRICT.fullmatch(text)
    if not match:
        raise InvalidValue(f"Invalid time {text!r}: use YYYY-MM-DDTHH:MM:SSZ.")
    try:
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise InvalidValue(f"Invalid time {text!r}: no such date.") from exc
    return int(moment.timestamp())


def parse_duration(text: str) -> int:
    """``90d``, ``12h``, ``30m``, ``45s`` → seconds."""
    match = _DURATION.fullmatch(text.strip())
    if not match:
        raise InvalidValue(f"Invalid duration {text!r}: use a number and d, h, m or s, such as 90d.")
    return int(match.group(1)) * _UNIT[match.group(2)]


def parse_when(text: str, now: int) -> int:
    """A point in time from the command line: a duration from ``now``, or ISO 8601.

    ISO 8601 is read generously here (a date alone, an offset) because a
    person typed it; the result is always whole UTC seconds.
    """
    text = text.strip()
    if _DURATION.fullmatch(text):
        return now + parse_duration(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidValue(
            f"Invalid time {text!r}: use ISO 8601 (2027-03-01 or 2027-03-01T09:00:00Z)"
            " or a duration like 90d."
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    value = int(moment.timestamp())
    if not 0 <= value <= MAX_TIME:
        raise InvalidValue(f"Time {text!r} is out of range.")
    return value
