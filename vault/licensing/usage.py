"""Usage reports: the licensee's signed account of how a license's entries were used.

The employer's vault counts, from its own audit chain, how many times each
entry of a license was returned by a search and read in full, per UTC day and
per channel (its MCP server, a skill export, the app or ``received show``),
and signs that with its identity (``docs/format.md``, "Usage report")::

    knowhold-usage-v1
    {"counts":[{"channel":"mcp","day":"2026-12-01","entry_id":"k7d2m9x4qa","read":1,"returned":3}],
     "format":"knowhold-usage","license_id":"<hex>","licensee":"<b64>","licensor":"<b64>",
     "sequence":…,"since":…,"until":…,"version":1}
    -----BEGIN SSH SIGNATURE----- …  (namespace license-usage@knowhold)

The worker imports it into their ledger (``vault.licensing.usage_ledger``).
Reading one bounds the file first, checks the signature over the exact bytes
of line 2 with the key the signature names, and only then parses the JSON,
strictly: the ``licensee`` field must be that key, so nobody can sign a
report in the licensee's name; every count, day and entry id is bounded, so a
stranger's well-signed file cannot make the reader hold more than
``MAX_COUNTS`` rows. Whether the signer is the right licensee, and the
sequence new enough, is the worker's ledger's business: only it knows the
license and what it has already taken in.

A report holds no free text: channels are from a fixed list, days, ids and
keys have fixed patterns, so nothing in it can reach a terminal as an escape.

What it cannot prove: the counts are the licensee's own word, made from a
chain its owner holds. It is a signed statement they can be held to, not a
measurement; an agent that copied an entry's text uses it uncounted.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from knowhold.vault.errors import InvalidValue, Malformed
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import MAX_INT, canonical
from knowhold.vault.licensing.status import (
    check_format,
    exact_object,
    field_key,
    field_license_id,
    field_time,
)

if TYPE_CHECKING:
    from knowhold.vault.licensing.audit import AuditEvent
    from knowhold.vault.licensing.identity import Identity

FORMAT = "knowhold-usage"
VERSION = 1
MAX_USAGE = 16 * 1024 * 1024  # 100,000 rows of the longest entry ids fit with room to spare
MAX_COUNTS = 100_000
MAX_SEQUENCE = MAX_INT
MCP, SKILL_EXPORT, APP = "mcp", "skill-export", "app"
CHANNELS = (APP, MCP, SKILL_EXPORT)

_KEYS = frozenset(
    {"counts", "format", "license_id", "licensee", "licensor", "sequence", "since", "until", "version"}
)
_ROW_KEYS = frozenset({"channel", "day", "entry_id", "read", "returned"})
_ENTRY_ID = re.compile(r"[0-9a-z][0-9a-z-]{0,63}", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@dataclass(frozen=True, slots=True, order=True)
class UsageRow:
    """How often one entry was used through one channel on one UTC day."""

    day: str  # YYYY-MM-DD, UTC
    entry_id: str
    channel: str
    returned: int  # times a search returned it
    read: int  # times it was read in full

    def to_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "day": self.day,
            "entry_id": self.entry_id,
            "read": self.read,
            "returned": self.returned,
        }


@dataclass(frozen=True, slots=True)
class UsageReport:
    license_id: str
    licensee_key: bytes
    licensor_key: bytes
    sequence: int
    since: int
    until: int
    rows: tuple[UsageRow, ...]
    raw: bytes  # the whole file as received, kept as evidence

    @property
    def report_hash(self) -> bytes:
        return hashlib.sha256(self.raw).digest()


def day_of(ts: int) -> str:
    """The UTC day of a time, as a report writes it."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def next_sequence(previous: int, until: int) -> int:
    """The number of the next report for one license: above the last, never below ``until`` in ms.

    As for status documents (``status.next_sequence``): the number kept in the
    vault goes back with a restored backup, the signing time does not, so the
    first report made after a restore is still newer than every one the
    worker took in.
    """
    sequence = max(previous + 1, until * 1000)
    if sequence > MAX_SEQUENCE:
        raise InvalidValue(f"The usage report's sequence number would pass {MAX_SEQUENCE}.")
    return sequence


# -- counting, from the employer's audit chain -------------------------------------------------


def count_usage(events: Iterable[AuditEvent], license_id: str) -> tuple[UsageRow, ...]:
    """Per day, entry and channel: what ``events`` (the audit chain's records) say of ``license_id``.

    An MCP ``search_knowledge`` returns entries (a search over every license is
    recorded without one license id, its entries listed per license), and
    ``read_entry`` reads one; a refused call returned nothing. ``viewed`` (the
    app, ``received show``) and ``exported`` (a skill folder, which holds each
    entry's whole text) read every entry they list.
    """
    returned: Counter[tuple[str, str, str]] = Counter()
    read: Counter[tuple[str, str, str]] = Counter()
    for event in events:
        day = day_of(event.time)
        detail = event.detail
        if event.event == "agent-call" and detail.get("via") == MCP and "refused" not in detail:
            entries = detail.get("entries")
            if detail.get("tool") == "search_knowledge" and isinstance(entries, dict):
                for entry_id in entries.get(license_id, ()):
                    returned[(day, entry_id, MCP)] += 1
            elif detail.get("tool") == "read_entry" and event.license_id == license_id:
                for entry_id in entries or ():
                    read[(day, entry_id, MCP)] += 1
        elif event.event in ("viewed", "exported") and event.license_id == license_id:
            channel = APP if event.event == "viewed" else SKILL_EXPORT
            for entry_id in detail.get("entries", ()):
                read[(day, entry_id, channel)] += 1
    keys = sorted(returned.keys() | read.keys())
    return tuple(UsageRow(d, e, c, returned[(d, e, c)], read[(d, e, c)]) for d, e, c in keys)


# -- the signed file --------------------------------------------------------------------------


def build_report(
    identity: Identity,
    *,
    license_id: str,
    licensor_key: bytes,
    sequence: int,
    since: int,
    until: int,
    rows: Iterable[UsageRow],
) -> bytes:
    """The signed report file, made by the licensee's ``identity``; parsed back before it is returned."""
    ordered = sorted(rows, key=lambda r: (r.day, r.entry_id, r.channel))
    if len(ordered) > MAX_COUNTS:
        raise InvalidValue(
            f"The usage report would hold more than {MAX_COUNTS:,} rows: report a shorter period."
        )
    licensee_key = identity.public.signing_key
    body = canonical(
        {
            "counts": [r.to_json() for r in ordered],
            "format": FORMAT,
            "license_id": license_id,
            "licensee": base64.b64encode(licensee_key).decode("ascii"),
            "licensor": base64.b64encode(licensor_key).decode("ascii"),
            "sequence": sequence,
            "since": since,
            "until": until,
            "version": VERSION,
        }
    )
    data = signedfile.encode(signedfile.TAG_USAGE, body, identity.sign(sshsig.NS_USAGE, body))
    parse_report(data, licensee_key)
    return data


def parse_report(data: bytes, licensee_key: bytes | None = None) -> UsageReport:
    """Check and read a report file; ``Malformed`` with a reason for anything wrong."""
    signer, _body, value = signedfile.open_signed(data, signedfile.TAG_USAGE, sshsig.NS_USAGE, MAX_USAGE)
    obj = exact_object(value, _KEYS, "usage report")
    check_format(obj, FORMAT, VERSION, "usage report")
    named = field_key(obj["licensee"], "licensee")
    if named != signer or (licensee_key is not None and signer != bytes(licensee_key)):
        raise Malformed("The usage report is not signed by the licensee.")
    since = field_time(obj["since"], "since")
    until = field_time(obj["until"], "until")
    if since > until:
        raise Malformed("The usage report's period ends before it starts.")
    sequence = obj["sequence"]
    if type(sequence) is not int or not 1 <= sequence <= MAX_SEQUENCE:
        raise Malformed("The usage report's sequence number is not valid.")
    return UsageReport(
        license_id=field_license_id(obj["license_id"]),
        licensee_key=signer,
        licensor_key=field_key(obj["licensor"], "licensor"),
        sequence=sequence,
        since=since,
        until=until,
        rows=_rows(obj["counts"], day_of(since), day_of(until)),
        raw=bytes(data),
    )


def _rows(value: object, first: str, last: str) -> tuple[UsageRow, ...]:
    """The counts: at most ``MAX_COUNTS``, each day within the period, sorted and unique."""
    if not isinstance(value, list):
        raise Malformed("The usage report's counts are not a list.")
    if len(value) > MAX_COUNTS:
        raise Malformed(f"The usage report holds more than {MAX_COUNTS:,} rows.")
    rows = tuple(_row(exact_object(item, _ROW_KEYS, "usage report's row"), first, last) for item in value)
    keys = [(r.day, r.entry_id, r.channel) for r in rows]
    if any(a >= b for a, b in itertools.pairwise(keys)):
        raise Malformed("The usage report's rows are not sorted by day, entry and channel, each once.")
    return rows


def _row(obj: Mapping[str, Any], first: str, last: str) -> UsageRow:
    day, entry_id, channel = obj["day"], obj["entry_id"], obj["channel"]
    if not isinstance(day, str) or not _DAY.fullmatch(day) or not _real_day(day) or not first <= day <= last:
        raise Malformed("A day in the usage report is not a date within its period.")
    if not isinstance(entry_id, str) or not _ENTRY_ID.fullmatch(entry_id):
        raise Malformed("An entry id in the usage report is not valid.")
    if channel not in CHANNELS:
        raise Malformed("A channel in the usage report is not one of app, mcp, skill-export.")
    counts = obj["returned"], obj["read"]
    if any(type(n) is not int or not 0 <= n <= MAX_INT for n in counts) or counts == (0, 0):
        raise Malformed("A count in the usage report is not a whole number, or the row counts nothing.")
    return UsageRow(day, entry_id, channel, counts[0], counts[1])


def _real_day(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True
