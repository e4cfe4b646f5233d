"""How command results reach standard output.

A command returns a ``Result``: the JSON document scripts read, and the
lines a person reads. With ``--json`` exactly one JSON document is printed
and nothing else; otherwise the text. Errors never come through here: they
are one line on standard error (see ``vault.cli.main``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from knowhold.vault.knowledge.entries import Entry, EntrySummary
from knowhold.vault.timefmt import format_time


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
        out.write(json.dumps(result.data, ensure_ascii=False, indent=2) + "\n")
    elif result.text:
        out.write("\n".join(result.text) + "\n")
    out.flush()


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
    return {**summary_json(entry), "body": entry.body}


def summary_line(entry: EntrySummary | Entry) -> str:
    tags = " ".join(f"#{t}" for t in entry.tags)
    lock = " [private]" if entry.private else ""
    day = format_time(entry.updated_at)[:10]
    return f"{entry.id}  {day}  {entry.kind:<10} {entry.title}{lock}  {tags}".rstrip()


def entry_text(entry: Entry) -> list[str]:
    head = [
        f"# {entry.title}",
        f"id: {entry.id}   kind: {entry.kind}   version: {entry.version}"
        + ("   private" if entry.private else "")
        + ("   (in trash)" if entry.deleted_at is not None else ""),
        f"updated: {format_time(entry.updated_at)}   created: {format_time(entry.created_at)}",
    ]
    if entry.tags:
        head.append("tags: " + " ".join(f"#{t}" for t in entry.tags))
    return [*head, "", entry.body]
