"""Entries: fields, versions, trash, tags, validation."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from vault import KINDS, Vault
from vault.errors import InvalidValue, NotFound


def test_add_and_get_every_kind(vault: Vault) -> None:
    for kind in KINDS:
        entry = vault.entries.add(kind, f"A {kind}", f"Body of {kind}", tags=["Work", "#复盘"])
        got = vault.entries.get(entry.id)
        assert got == entry
        assert got.kind == kind and got.version == 1
        assert got.tags == ("work", "复盘")
    assert vault.entries.list()[1] == len(KINDS)


def test_fields_and_times(vault: Vault, clock: FakeClock) -> None:
    entry = vault.entries.add("heuristic", "  Spaces   collapse ", "x", private=True)
    assert entry.title == "Spaces collapse"
    assert entry.private is True
    assert entry.created_at == entry.updated_at == clock.now


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "essay", "title": "t"},
        {"kind": "note", "title": "   "},
        {"kind": "note", "title": "x" * 501},
        {"kind": "note", "title": "t", "tags": ["has space"]},
        {"kind": "note", "title": "t", "tags": ["#"]},
        {"kind": "note", "title": "nul\x00"},
    ],
)
def test_invalid_values_store_nothing(vault: Vault, kwargs: dict) -> None:
    with pytest.raises(InvalidValue):
        vault.entries.add(**kwargs)
    assert vault.entries.list()[1] == 0


def test_every_save_keeps_a_version(vault: Vault, clock: FakeClock) -> None:
    entry = vault.entries.add("playbook", "Discovery call", "v1 text")
    clock.advance(60)
    vault.entries.update(entry.id, body="v2 text")
    clock.advance(60)
    latest = vault.entries.update(entry.id, title="Discovery call, revised", tags=["sales"])
    assert latest.version == 3 and latest.updated_at == clock.now
    history = vault.entries.history(entry.id)
    assert [v.version for v in history] == [3, 2, 1]
    assert history[2].title == "Discovery call"
    assert vault.entries.get(entry.id, version=1).body == "v1 text"
    assert vault.entries.get(entry.id, version=2).body == "v2 text"


def test_save_without_change_is_not_a_version(vault: Vault) -> None:
    entry = vault.entries.add("note", "Same", "same")
    again = vault.entries.update(entry.id, title="Same", body="same")
    assert again.version == 1
    assert len(vault.entries.history(entry.id)) == 1


def test_restore_version_is_a_new_save(vault: Vault) -> None:
    entry = vault.entries.add("decision", "Vendor", "Chose A", tags=["vendor"])
    vault.entries.update(entry.id, body="Chose B", tags=["vendor", "2026"])
    restored = vault.entries.restore_version(entry.id, 1)
    assert restored.version == 3
    assert restored.body == "Chose A" and restored.tags == ("vendor",)
    assert len(vault.entries.history(entry.id)) == 3


def test_unknown_ids_and_versions(vault: Vault) -> None:
    entry = vault.entries.add("note", "x", "y")
    with pytest.raises(NotFound):
        vault.entries.get("zzzzzzzzzz")
    with pytest.raises(NotFound):
        vault.entries.get(entry.id, version=7)
    with pytest.raises(NotFound):
        vault.entries.update("nope", body="z")
    with pytest.raises(NotFound):
        vault.entries.history("nope")


def test_unique_prefix_resolves(vault: Vault) -> None:
    entry = vault.entries.add("note", "x", "y")
    assert vault.entries.get(entry.id[:6]).id == entry.id
    with pytest.raises(NotFound):
        vault.entries.get(entry.id[:3])


def test_trash_restore_and_empty(vault: Vault) -> None:
    keep = vault.entries.add("note", "Keep", "k")
    gone = vault.entries.add("note", "Gone", "g")
    vault.entries.trash(gone.id)
    live, total = vault.entries.list()
    assert total == 1 and live[0].id == keep.id
    trash, trash_total = vault.entries.list(trash=True)
    assert trash_total == 1 and trash[0].id == gone.id
    with pytest.raises(InvalidValue):
        vault.entries.update(gone.id, body="edit in trash")
    vault.entries.untrash(gone.id)
    assert vault.entries.list()[1] == 2
    vault.entries.trash(gone.id)
    assert vault.entries.empty_trash() == 1
    with pytest.raises(NotFound):
        vault.entries.get(gone.id)
    assert vault.db.c.execute("SELECT count(*) FROM versions").fetchone()[0] == 1


def test_purge_needs_trash_first(vault: Vault) -> None:
    entry = vault.entries.add("note", "x", "y")
    with pytest.raises(InvalidValue):
        vault.entries.purge(entry.id)
    vault.entries.trash(entry.id)
    vault.entries.purge(entry.id)
    assert vault.entries.list(trash=True)[1] == 0


def test_list_filters_limit_and_order(vault: Vault, clock: FakeClock) -> None:
    ids = []
    for i in range(5):
        clock.advance(10)
        ids.append(
            vault.entries.add("heuristic" if i % 2 else "note", f"E{i}", "", tags=["a"] if i < 2 else []).id
        )
    entries, total = vault.entries.list(limit=2)
    assert total == 5 and [e.id for e in entries] == [ids[4], ids[3]]
    assert vault.entries.list(kind="heuristic")[1] == 2
    assert {e.id for e in vault.entries.list(tag="#A")[0]} == {ids[0], ids[1]}
    with pytest.raises(InvalidValue):
        vault.entries.list(kind="nope")
    with pytest.raises(InvalidValue):
        vault.entries.list(limit=-1)


def test_tag_and_kind_counts_ignore_trash(vault: Vault) -> None:
    a = vault.entries.add("note", "a", "", tags=["x", "y"])
    vault.entries.add("checklist", "b", "", tags=["x"])
    vault.entries.trash(a.id)
    assert vault.entries.tags() == [("x", 1)]
    counts = vault.entries.kind_counts()
    assert counts["checklist"] == 1 and counts["note"] == 0 and set(counts) == set(KINDS)


def test_failed_write_leaves_nothing(vault: Vault) -> None:
    entry = vault.entries.add("note", "Original", "body")
    with pytest.raises(InvalidValue):
        vault.entries.update(entry.id, title="ok", tags=["bad tag"])
    assert vault.entries.get(entry.id) == entry
    assert len(vault.entries.history(entry.id)) == 1


def test_get_many_is_get_for_each_in_the_order_given(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    import vault.entries as entries_module

    monkeypatch.setattr(entries_module, "_GET_MANY_CHUNK", 2)  # several chunks from a few entries
    made = [
        vault.entries.add("note", f"Entry {i}", f"body {i}", tags=[f"t{i}", "shared"] if i % 2 else [])
        for i in range(5)
    ]
    vault.entries.update(made[1].id, body="second version")
    vault.entries.trash(made[3].id)
    ids = [made[4].id, made[1].id, made[3].id, made[0].id, made[2].id, made[1].id]
    got = vault.entries.get_many(ids)
    assert got == [vault.entries.get(i) for i in ids]
    assert got[1].version == 2 and got[1].body == "second version" and got[1].tags == ("shared", "t1")
    assert got[2].in_trash
    assert vault.entries.get_many([made[0].id[:6]]) == [made[0]]  # a unique prefix, as get takes
    assert vault.entries.get_many([]) == []


def test_get_many_refuses_an_unknown_id(vault: Vault) -> None:
    entry = vault.entries.add("note", "Known")
    with pytest.raises(NotFound):
        vault.entries.get_many([entry.id, "zzzzzzzzzz"])
