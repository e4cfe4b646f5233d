"""Terms the worker saves under a name and reuses ("AI look-up only, 90 days, human review").

A preset is a license's terms and how many days a license made from it
lasts. Presets are kept inside the vault (one JSON record in its ``meta``
table), never in the app's settings: terms can name pay and a client's name,
and the settings file is not encrypted.

The record is the vault's own, written only here, but it is read as strictly
as anything else: at most ``MAX_PRESETS`` presets in at most ``MAX_RECORD``
bytes, names checked as names are (one line, no control or invisible
character, ``vault.text``), and each preset's terms read by the same reader
as a signed manifest's (``Terms.from_json``), so a preset can never hold
terms a license could not. A record that fails is ``VaultCorrupt`` rather
than quietly emptied: deleting it would lose the worker's presets.

Two built-in presets come with every vault (``BUILT_IN``); they cannot be
changed or deleted, and no saved preset may take their names. Their names
are English source strings: the app translates them like its own text.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson

from knowhold.vault.errors import InvalidValue, Malformed, NotFound, VaultCorrupt
from knowhold.vault.licensing.terms import Terms
from knowhold.vault.store.db import Database
from knowhold.vault.text import refuse_unsafe

MAX_PRESETS = 50
MAX_NAME = 80
MAX_DAYS = 10 * 366  # no license lasts forever (ledger), nor a preset's
MAX_RECORD = 8 * 1024 * 1024  # fifty presets with long terms texts fit well inside
_KEY = "license_presets"
_VERSION = 1


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    terms: Terms
    days: int  # how long a license made from it lasts
    built_in: bool = False


BUILT_IN: tuple[Preset, ...] = (
    Preset(
        "AI look-up only, 90 days, human review",
        Terms.make(allow=["ai-retrieval"], human_review=True),
        90,
        built_in=True,
    ),
    Preset("Read and quote, one year", Terms.make(allow=["copy-excerpts"]), 365, built_in=True),
)


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def check_preset_name(name: str) -> str:
    """A preset's name as kept: spaces trimmed and collapsed; ``InvalidValue`` with what to change."""
    if not isinstance(name, str):
        raise InvalidValue("A preset's name must be text.")
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidValue("A preset needs a name.")
    if len(cleaned) > MAX_NAME:
        raise InvalidValue(f"A preset's name is at most {MAX_NAME} characters.")
    return refuse_unsafe(cleaned, "The preset's name")


def _check_days(days: int) -> int:
    if type(days) is not int or not 0 < days <= MAX_DAYS:
        raise InvalidValue(f"A preset lasts from 1 to {MAX_DAYS} days.")
    return days


class Presets:
    """The vault's saved presets, after the built-in ones."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[Preset]:
        """The built-in presets, then the saved ones by name."""
        return [*BUILT_IN, *sorted(self._saved(), key=lambda p: p.name.casefold())]

    def save(self, name: str, terms: Terms, days: int) -> Preset:
        """Save ``terms`` as ``name``, replacing a saved preset of the same name (any case)."""
        preset = Preset(check_preset_name(name), terms, _check_days(days))
        if any(_same(b.name, preset.name) for b in BUILT_IN):
            raise InvalidValue(f"{preset.name!r} is a built-in preset: choose another name.")
        with self._db.transaction():
            kept = [p for p in self._saved() if not _same(p.name, preset.name)]
            if len(kept) >= MAX_PRESETS:
                raise InvalidValue(f"At most {MAX_PRESETS} presets can be saved: delete one first.")
            self._write([*kept, preset])
        return preset

    def delete(self, name: str) -> None:
        """Delete a saved preset; ``NotFound`` if there is none of that name (built-in ones stay)."""
        if any(_same(b.name, name) for b in BUILT_IN):
            raise InvalidValue(f"{name!r} is a built-in preset: it cannot be deleted.")
        with self._db.transaction():
            saved = self._saved()
            kept = [p for p in saved if not _same(p.name, name)]
            if len(kept) == len(saved):
                raise NotFound(f"No preset named {name!r}.")
            self._write(kept)

    def _write(self, presets: list[Preset]) -> None:
        record = {
            "version": _VERSION,
            "presets": [{"name": p.name, "days": p.days, "terms": p.terms.to_json()} for p in presets],
        }
        data = orjson.dumps(record).decode("utf-8")
        if len(data) > MAX_RECORD:
            raise InvalidValue("The presets are too large together: shorten or delete one.")
        self._db.set_meta(_KEY, data)

    def _saved(self) -> list[Preset]:
        raw = self._db.get_meta(_KEY)
        if raw is None:
            return []
        damaged = VaultCorrupt("The vault's saved license presets are damaged.")
        if len(raw) > MAX_RECORD:
            raise damaged
        try:
            record = orjson.loads(raw)
            if record["version"] != _VERSION or len(record["presets"]) > MAX_PRESETS:
                raise damaged
            return [
                Preset(check_preset_name(p["name"]), Terms.from_json(p["terms"]), _check_days(p["days"]))
                for p in record["presets"]
            ]
        except (orjson.JSONDecodeError, Malformed, InvalidValue, KeyError, TypeError) as exc:
            raise damaged from exc
