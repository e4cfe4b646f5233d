r"""How command results reach standard output.

A command returns a ``Result``: the JSON document scripts read, and the
lines a person reads. With ``--json`` exactly one JSON document is printed
and nothing else; otherwise the text. Errors are one line on standard error
(``error_line``, written by ``vault.cli.main``).

Everything printed passes through ``vault.text`` on its way out, here and
nowhere else, so no presenter can forget it: titles, names, tags, reasons and
notices came from people and files, and a terminal must show them, not obey
them. Each text line is escaped whole (a line feed in a name is shown as
``\n``, so it cannot forge a second line); a line marked ``Body`` keeps its
line feeds and tabs. JSON keeps its value exactly; characters ``json.dumps``
leaves raw that a terminal may act on (DEL, C1, separators, bidi and other
format characters) are written as ``\uXXXX`` escapes, which parse to the
same string.

The core's messages say what happened; ``HINTS`` adds what to type next,
which only the command line knows (the app has buttons instead).

Every sentence and label here is in the language in use (``vault.i18n``);
JSON keys and the values that are codes (kinds, permissions, statuses) are
not: a script reads the same document in every language.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from knowhold.vault.errors import (
    ExtraMissing,
    KnowholdError,
    NoContact,
    NoVault,
    PrivateRefused,
    SensitiveRefused,
    StatusStale,
    VaultInUse,
)
from knowhold.vault.i18n import N_, Translated, ngettext
from knowhold.vault.i18n import gettext as _
from knowhold.vault.knowledge.entries import Entry, EntrySummary
from knowhold.vault.knowledge.origin import Origin, OriginKind
from knowhold.vault.licensing.terms import PERMISSIONS, Compensation, Terms
from knowhold.vault.text import for_terminal, json_for_terminal
from knowhold.vault.timefmt import format_time


class Body(str):
    """A text line that is a body (Markdown): printed with its line feeds and tabs."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Result:
    data: dict[str, Any]
    text: Sequence[str] = field(default_factory=tuple)
    # Runs after the result is printed, for commands that go on (demo --open).
    then: Callable[[], None] | None = None
    # Non-zero for a report that is itself a failure (verify prints its JSON, then exits 10-18).
    exit_code: int = 0


def emit(result: Result, *, as_json: bool, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if as_json:
        out.write(json_for_terminal(json.dumps(result.data, ensure_ascii=False, indent=2)) + "\n")
    elif result.text:
        out.write("\n".join(for_terminal(line, body=isinstance(line, Body)) for line in result.text) + "\n")
    out.flush()


def entries_count(n: int) -> str:
    """``1 entry``, ``3 entries``: counts belong here, not in the core's messages."""
    return ngettext("{n} entry", "{n} entries", n).format(n=n)


# How a fee reads for each period of the terms (``Compensation.period``).
_FEES = {
    "once": N_("{amount} {currency} once"),
    "month": N_("{amount} {currency}/month"),
    "year": N_("{amount} {currency}/year"),
}


def compensation_text(c: Compensation) -> str:
    """``1200.00 CNY/month``, or the note (shortened) when unpaid, or ``none``."""
    if c.amount is None:
        return c.note[:30] or _("none")
    return _(_FEES.get(c.period or "", "{amount} {currency}")).format(amount=c.amount, currency=c.currency)


def terms_lines(terms: Terms) -> list[str]:
    """A license's terms in full, as the employer reads them before relying on it.

    Everything the licensor signed that binds the reader: what is permitted,
    the human review, attribution, the pay, and the free text (a ``Body``,
    which may run over several lines). Shown by ``verify``, ``received
    ingest``, ``show`` and ``accept``, so no one signs or uses terms unseen.
    """
    allowed = ", ".join(p for p in PERMISSIONS if p in terms.allowed)
    pay = terms.compensation
    permitted = (
        _("Permitted: {permissions}; AI use must be reviewed by a person")
        if terms.human_review
        else _("Permitted: {permissions}")
    )
    paid = compensation_text(pay) + (f" ({pay.note})" if pay.note and pay.amount else "")
    lines = [
        permitted.format(permissions=allowed),
        _("Compensation: {compensation}").format(compensation=paid),
    ]
    if terms.attribution:
        lines.append(_("Attribution: {attribution}").format(attribution=terms.attribution))
    if terms.usage_report is not None:
        lines.append(_("Usage reports: monthly, signed (`knowhold received usage-report`)"))
    if terms.text:
        lines += [_("Terms:"), Body(terms.text)]
    return lines


def terms_json(terms: Terms) -> dict[str, Any]:
    return {**terms.to_json(), "permissions": [p for p in PERMISSIONS if p in terms.allowed]}


def _scan_hint(exc: KnowholdError) -> str:
    ids = getattr(exc, "entry_ids", ())
    where = f"`knowhold scan {' '.join(ids)}`" if 0 < len(ids) <= 5 else "`knowhold scan`"
    return _("Review them with {command}, or use --redact or --allow-sensitive.").format(command=where)


# What to type next, by error class (the nearest class in the error's MRO wins);
# a sentence is translated when shown, a function words its own.
HINTS: dict[type[KnowholdError], str | Callable[[KnowholdError], str]] = {
    NoVault: N_("Create one with `knowhold init` (or try `knowhold demo`)."),
    NoContact: N_("Add their card with `knowhold contacts add FILE`."),
    StatusStale: N_("Run `knowhold received refresh` to fetch one."),
    PrivateRefused: N_("Leave them out, or make them not private first (`knowhold edit ID --not-private`)."),
    SensitiveRefused: _scan_hint,
    # The usual holder is the desktop app, which keeps its vault open until locked.
    VaultInUse: N_("If the Knowhold app has it open, lock it (Ctrl+L) or close it first."),
    ExtraMissing: N_("Install it with `pip install 'knowhold[agents]'`."),
}


def error_line(exc: KnowholdError) -> str:
    """The one line standard error shows: the error in the reader's language, its hint, escaped.

    The command line's own errors are worded in it already (``Translated``).
    A core error's class sentence is translated (one catalogue with the app:
    ``ui/errors.py``); when the core said more than that sentence, in a
    language other than English its precise English words follow as details.
    """
    message, default = exc.message, type(exc).default_message
    if not isinstance(message, Translated):
        sentence = _(default)
        if message == default:
            message = sentence
        elif sentence != default:
            message = _then(sentence, _("Details: {detail}").format(detail=message))
    hint = next((HINTS[cls] for cls in type(exc).__mro__ if cls in HINTS), None)
    if hint is not None:
        message = _then(message, _(hint) if isinstance(hint, str) else hint(exc))
    return for_terminal(message)


def _then(first: str, second: str) -> str:
    # Two sentences on one line: English puts a space between them, Chinese none.
    return _("{sentence} {more}").format(sentence=first, more=second)


def summary_json(entry: EntrySummary | Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "title": entry.title,
        "kind": entry.kind,
        "tags": list(entry.tags),
        "private": entry.private,
        "version": entry.version,
        "created_at": format_time(entry.created_at),
        "updated_at": format_time(entry.updated_at),
        "in_trash": entry.deleted_at is not None,
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    return {**summary_json(entry), "body": entry.body, "origin": origin_json(entry.origin)}


def origin_json(origin: Origin | None) -> dict[str, str] | None:
    """``null``, or ``{"kind": "organisation", "name": "Acme Ltd"}`` as the package writes it."""
    return None if origin is None else origin.to_json()


def origin_line(origin: Origin | None) -> list[str]:
    """``origin: learned at Acme Ltd``, one line; none when no origin is recorded."""
    if origin is None:
        return []
    if origin.kind is OriginKind.OWN:
        return [_("origin: own experience")]
    if origin.kind is OriginKind.ORGANISATION:
        return [_("origin: learned at {name}").format(name=origin.name)]
    return [_("origin: public source: {name}").format(name=origin.name)]


def summary_line(entry: EntrySummary | Entry) -> str:
    tags = " ".join(f"#{t}" for t in entry.tags)
    lock = " " + _("[private]") if entry.private else ""
    day = format_time(entry.updated_at)[:10]
    return f"{entry.id}  {day}  {entry.kind:<10} {entry.title}{lock}  {tags}".rstrip()


def entry_head(entry_id: str, kind: str, version: int) -> str:
    """``id: …   kind: …   version: …``, an entry's first line under its title."""
    return _("id: {id}   kind: {kind}   version: {version}").format(id=entry_id, kind=kind, version=version)


def entry_text(entry: Entry) -> list[str]:
    head = [
        f"# {entry.title}",
        entry_head(entry.id, entry.kind, entry.version)
        + ("   " + _("private") if entry.private else "")
        + ("   " + _("(in trash)") if entry.deleted_at is not None else ""),
        _("updated: {updated}   created: {created}").format(
            updated=format_time(entry.updated_at), created=format_time(entry.created_at)
        ),
    ]
    if entry.tags:
        head.append(_("tags: {tags}").format(tags=" ".join(f"#{t}" for t in entry.tags)))
    return [*head, *origin_line(entry.origin), "", Body(entry.body)]
