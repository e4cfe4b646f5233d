"""Saved license presets: kept inside the vault, read back strictly, built-in ones fixed."""

from __future__ import annotations

import orjson
import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import InvalidValue, NotFound, UnsafeText, VaultCorrupt
from knowhold.vault.licensing.presets import BUILT_IN, MAX_PRESETS, Presets
from knowhold.vault.licensing.terms import Terms


@pytest.fixture
def presets(vault: Vault) -> Presets:
    return Presets(vault.db)


def paid() -> Terms:
    return Terms.make(allow=["ai-retrieval"], human_review=True, fee=("1200", "CNY"), per="month")


def test_built_in_presets_come_first_and_are_valid_terms(presets: Presets) -> None:
    listed = presets.all()
    assert listed == list(BUILT_IN) and all(p.built_in for p in listed)
    look_up = listed[0]
    assert look_up.days == 90 and look_up.terms.human_review
    assert look_up.terms.allows("ai-retrieval") and not look_up.terms.allows("ai-training")


def test_saved_presets_round_trip_and_sort_by_name(presets: Presets, vault: Vault) -> None:
    presets.save("Zhang's client", Terms.make(allow=["copy-excerpts"]), 30)
    saved = presets.save("  acme   monthly ", paid(), 365)
    assert saved.name == "acme monthly" and not saved.built_in
    again = Presets(vault.db).all()[len(BUILT_IN) :]
    assert [p.name for p in again] == ["acme monthly", "Zhang's client"]
    assert again[0].terms == paid() and again[0].days == 365
    # Inside the vault: the pay is in the encrypted meta table, not in any settings file.
    assert "1200.00" in (vault.db.get_meta("license_presets") or "")


def test_saving_the_same_name_replaces_it(presets: Presets) -> None:
    presets.save("Acme", Terms.make(), 30)
    presets.save("ACME", paid(), 90)
    saved = presets.all()[len(BUILT_IN) :]
    assert [(p.name, p.days) for p in saved] == [("ACME", 90)]


def test_delete(presets: Presets) -> None:
    presets.save("Acme", Terms.make(), 30)
    presets.delete("acme")
    assert presets.all() == list(BUILT_IN)
    with pytest.raises(NotFound):
        presets.delete("Acme")
    with pytest.raises(InvalidValue, match="built-in"):
        presets.delete(BUILT_IN[0].name)


@pytest.mark.parametrize(
    "name, days, error, message",
    [
        ("", 30, InvalidValue, "needs a name"),
        ("x" * 81, 30, InvalidValue, "at most 80"),
        ("Acme\u202eevil", 30, UnsafeText, "preset's name"),
        ("Acme", 0, InvalidValue, "1 to"),
        ("Acme", 10 * 366 + 1, InvalidValue, "1 to"),
        (BUILT_IN[1].name.upper(), 30, InvalidValue, "built-in"),
    ],
)
def test_bad_presets_are_refused_and_nothing_is_kept(
    presets: Presets, name: str, days: int, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        presets.save(name, Terms.make(), days)
    assert presets.all() == list(BUILT_IN)


def test_at_most_fifty(presets: Presets) -> None:
    for i in range(MAX_PRESETS):
        presets.save(f"p{i}", Terms.make(), 30)
    with pytest.raises(InvalidValue, match="delete one"):
        presets.save("one more", Terms.make(), 30)
    presets.save("p7", paid(), 30)  # replacing one is still allowed
    assert len(presets.all()) == len(BUILT_IN) + MAX_PRESETS


@pytest.mark.parametrize(
    "record",
    [
        "not json",
        "[]",
        orjson.dumps({"version": 2, "presets": []}).decode(),
        orjson.dumps({"version": 1, "presets": [{"name": "x", "days": 30, "terms": {}}]}).decode(),
        orjson.dumps(
            {"version": 1, "presets": [{"name": "x", "days": 30.5, "terms": Terms.make().to_json()}]}
        ).decode(),
        orjson.dumps(
            {"version": 1, "presets": [{"name": "\x1b[2J", "days": 3, "terms": Terms.make().to_json()}]}
        ).decode(),
        orjson.dumps(
            {"version": 1, "presets": [{"name": "x", "days": 3, "terms": Terms.make().to_json()}] * 51}
        ).decode(),
    ],
)
def test_a_damaged_record_is_an_error_not_an_empty_list(presets: Presets, vault: Vault, record: str) -> None:
    vault.db.set_meta("license_presets", record)
    with pytest.raises(VaultCorrupt):
        presets.all()
    with pytest.raises(VaultCorrupt):
        presets.save("Acme", Terms.make(), 30)
    assert vault.db.get_meta("license_presets") == record  # never overwritten
