"""Entries: fields, versions, trash, tags, validation."""

from __future__ import annotations

from collections.abc import Callable
from functools import cmp_to_key
from pathlib import Path

import pytest

from knowhold.vault import KINDS, Entry, Vault
from knowhold.vault.errors import InvalidValue, NotFound
from knowhold.vault.knowledge import entries as entries_module
from knowhold.vault.knowledge.entries import Entries, SortKey, listed_before
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import FakeClock


def test_add_and_get_every_kind(vault: Vault) -> None:
    for kind in KINDS:
        entry = vault.entries.add(kind, f"A {kind}", f"Body of {kind}", tags=["Work", "#复盘"])
        got = vault.entries.get(entry.id)
        assert got == entry
        assert got.kind == kind and got.version == 1
        assert got.tags == ("Work", "复盘")  # as written, without the #
    assert vault.entries.page()[1] == len(KINDS)


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
    assert vault.entries.page()[1] == 0


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
    live, total = vault.entries.page()
    assert total == 1 and live[0].id == keep.id
    trash, trash_total = vault.entries.page(trash=True)
    assert trash_total == 1 and trash[0].id == gone.id
    with pytest.raises(InvalidValue):
        vault.entries.update(gone.id, body="edit in trash")
    vault.entries.untrash(gone.id)
    assert vault.entries.page()[1] == 2
    vault.entries.trash(gone.id)
    assert vault.entries.empty_trash() == 1
    with pytest.raises(NotFound):
        vault.entries.get(gone.id)
    assert vault.db.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 1


def test_purge_needs_trash_first(vault: Vault) -> None:
    entry = vault.entries.add("note", "x", "y")
    with pytest.raises(InvalidValue):
        vault.entries.purge(entry.id)
    vault.entries.trash(entry.id)
    vault.entries.purge(entry.id)
    assert vault.entries.page(trash=True)[1] == 0


def test_list_filters_limit_and_order(vault: Vault, clock: FakeClock) -> None:
    ids = []
    for i in range(5):
        clock.advance(10)
        ids.append(
            vault.entries.add("heuristic" if i % 2 else "note", f"E{i}", "", tags=["a"] if i < 2 else []).id
        )
    entries, total = vault.entries.page(limit=2)
    assert total == 5 and [e.id for e in entries] == [ids[4], ids[3]]
    assert vault.entries.page(kind="heuristic")[1] == 2
    assert {e.id for e in vault.entries.page(tag="#A")[0]} == {ids[0], ids[1]}
    with pytest.raises(InvalidValue):
        vault.entries.page(kind="nope")
    with pytest.raises(InvalidValue):
        vault.entries.page(limit=-1)


def test_tag_and_kind_counts_ignore_trash(vault: Vault) -> None:
    a = vault.entries.add("note", "a", "", tags=["x", "y"])
    vault.entries.add("checklist", "b", "", tags=["x"])
    vault.entries.trash(a.id)
    assert vault.entries.tags() == [("x", 1)]
    counts = vault.entries.kind_counts()
    assert counts["checklist"] == 1 and counts["note"] == 0 and set(counts) == set(KINDS)


def test_live_matching_is_the_pages_ids_with_their_privacy(vault: Vault) -> None:
    a = vault.entries.add("note", "a", "", tags=["Support"])
    b = vault.entries.add("note", "b", "", private=True)
    c = vault.entries.add("checklist", "c", "", tags=["support"], private=True)
    vault.entries.trash(vault.entries.add("note", "gone", "", tags=["support"]).id)
    assert vault.entries.live_matching(kind="note") == {a.id: False, b.id: True}
    assert vault.entries.live_matching(tag="SUPPORT") == {a.id: False, c.id: True}
    assert vault.entries.live_matching(kind="checklist", tag="support") == {c.id: True}
    for kind in KINDS:
        assert set(vault.entries.live_matching(kind=kind)) == {s.id for s in vault.entries.page(kind=kind)[0]}
    with pytest.raises(InvalidValue):
        vault.entries.live_matching(kind="poem")


def test_failed_write_leaves_nothing(vault: Vault) -> None:
    entry = vault.entries.add("note", "Original", "body")
    with pytest.raises(InvalidValue):
        vault.entries.update(entry.id, title="ok", tags=["bad tag"])
    assert vault.entries.get(entry.id) == entry
    assert len(vault.entries.history(entry.id)) == 1


def test_get_many_is_get_for_each_in_the_order_given(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    import knowhold.vault.knowledge.entries as entries_module

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


# -- sorting -------------------------------------------------------------------------------


def _sorting_sample(vault: Vault, clock: FakeClock) -> None:
    """Titles that test the title order (case, accents, Chinese, a tie), spread over kinds and times."""
    titles = ["banana", "Apple", "apple", "Zebra", "Édition", "复盘流程", "上线", "cherry", "apple"]
    made = []
    for i, title in enumerate(titles):
        clock.advance(10)
        made.append(vault.entries.add(KINDS[i % 3], title, "", created_at=clock.now - 1000 * (i % 4)))
    clock.advance(10)
    vault.entries.update(made[1].id, body="edited later")  # updated order differs from created
    clock.advance(10)
    vault.entries.update(made[6].id, body="edited, same second as the next")
    vault.entries.update(made[7].id, body="edited in the same second")  # a tie on updated_at
    vault.entries.trash(made[3].id)


def test_list_sorts_by_each_key_either_way_with_a_total_order(vault: Vault, clock: FakeClock) -> None:
    _sorting_sample(vault, clock)
    everything = vault.entries.page()[0]
    assert len(everything) == 8
    for key in SortKey:
        for descending in (False, True):
            listed, total = vault.entries.page(sort=key, descending=descending)
            assert total == 8
            # The Python mirror the app uses to place a saved entry agrees with the SQL.
            mirrored = sorted(
                everything,
                key=cmp_to_key(lambda a, b: -1 if listed_before(a, b, key, descending) else 1),  # noqa: B023
            )
            assert [e.id for e in listed] == [e.id for e in mirrored], (key, descending)
            paged = [
                e
                for offset in range(0, 8, 3)
                for e in vault.entries.page(sort=key, descending=descending, limit=3, offset=offset)[0]
            ]
            assert paged == listed  # pages at offsets are the same order, nothing twice or missing
    titles = [e.title for e in vault.entries.page(sort=SortKey.TITLE, descending=False)[0]]
    # Case and accents folded (the title then breaks the tie: "Apple" before "apple"), so É goes
    # with the e's; Chinese by pinyin among them (复盘 fu pan before 上线 shang xian).
    assert titles == ["Apple", "apple", "apple", "banana", "cherry", "Édition", "复盘流程", "上线"]
    apples = [e for e in vault.entries.page(sort="title", descending=False)[0] if e.title == "apple"]
    assert [e.id for e in apples] == sorted(e.id for e in apples)  # ties broken by id
    kinds = [(e.kind, e.updated_at) for e in vault.entries.page(sort=SortKey.KIND, descending=True)[0]]
    assert [k for k, _ in kinds] == sorted((k for k, _ in kinds), reverse=True)
    for kind in {k for k, _ in kinds}:  # newest first inside each kind, in both directions
        times = [t for k, t in kinds if k == kind]
        assert times == sorted(times, reverse=True)
    trash = vault.entries.page(trash=True, sort=SortKey.TITLE)[0]
    assert [e.title for e in trash] == ["Zebra"]


def _plans(vault: Vault, call: Callable[[], object]) -> dict[str, str]:
    """EXPLAIN QUERY PLAN of each SELECT ``call`` runs on the entries table, by its SQL."""
    statements: list[str] = []
    conn = vault.db.conn
    conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return {
        sql: " / ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT") and "FROM entries" in sql
    }


def test_a_page_of_the_live_list_walks_an_index_in_every_order(vault: Vault, clock: FakeClock) -> None:
    # Without statistics the planner's choice does not depend on how many rows
    # there are, so a small vault shows the plan a 50,000-entry one gets.
    _sorting_sample(vault, clock)
    for key in SortKey:
        for descending in (False, True):
            plans = _plans(vault, lambda: vault.entries.page(sort=key, descending=descending, limit=200))  # noqa: B023
            assert len(plans) == 2 and any("ORDER BY" in sql for sql in plans)  # the count and the page
            for plan in plans.values():
                assert plan.startswith("SEARCH e USING ") and "INDEX entries_" in plan, (key, plan)
                assert "TEMP B-TREE" not in plan, (key, descending, plan)
    # A kind's page in the default order walks that kind's stretch of an index;
    # in the other orders the order's index, the kind checked on the index too.
    for plan in _plans(vault, lambda: vault.entries.page(kind="note", limit=200)).values():
        assert "(deleted_at=? AND kind=?)" in plan and "TEMP B-TREE" not in plan, plan
    for key in SortKey:
        for plan in _plans(vault, lambda: vault.entries.page(kind="note", sort=key, offset=2)).values():  # noqa: B023
            assert "INDEX entries_" in plan and "TEMP B-TREE" not in plan, (key, plan)
    # The trash is found on the index (a few entries, then sorted), not by reading every row.
    for plan in _plans(vault, lambda: vault.entries.page(trash=True, sort=SortKey.TITLE, limit=200)).values():
        assert plan.startswith("SEARCH e USING ") and "deleted_at>?" in plan, plan
    for plan in _plans(vault, vault.entries.tags).values():
        assert plan.startswith("SEARCH e USING ") and "deleted_at>?" in plan, plan


def test_tags_count_live_entries_only(vault: Vault) -> None:
    a = vault.entries.add("note", "a", "", tags=["only-trashed", "shared"])
    b = vault.entries.add("note", "b", "", tags=["shared", "复盘"])
    vault.entries.add("note", "c", "", tags=["shared"])
    assert vault.entries.tags() == [("only-trashed", 1), ("shared", 3), ("复盘", 1)]
    vault.entries.trash(a.id)
    vault.entries.trash(b.id)
    assert vault.entries.tags() == [("shared", 1)]
    vault.entries.untrash(b.id)
    assert vault.entries.tags() == [("shared", 2), ("复盘", 1)]
    vault.entries.empty_trash()
    assert vault.entries.tags() == [("shared", 2), ("复盘", 1)]


# -- autosave versions ---------------------------------------------------------------------

WINDOW = 300


def _autosave(vault: Vault, entry_id: str, body: str) -> Entry:
    return vault.entries.update(entry_id, body=body, coalesce_s=WINDOW)


def test_autosaves_within_the_window_overwrite_one_version(vault: Vault, clock: FakeClock) -> None:
    entry = vault.entries.add("note", "Typing", "first words")
    clock.advance(5)
    second = _autosave(vault, entry.id, "first words, alpha")  # v1 was not an autosave: a new version
    assert second.version == 2
    for body in ("first words, beta", "first words, gamma"):
        clock.advance(60)
        saved = _autosave(vault, entry.id, body)
        assert saved.version == 2 and saved.updated_at == clock.now
    current = vault.entries.get(entry.id)
    assert current.version == 2 and current.body == "first words, gamma"
    history = vault.entries.history(entry.id)
    assert [(v.version, v.saved_at) for v in history] == [(2, clock.now), (1, entry.created_at)]
    assert vault.entries.get(entry.id, version=2) == current
    assert vault.entries.get(entry.id, version=1).body == "first words"
    # The search index holds the latest text.
    assert [hit.id for hit in vault.search.search("gamma")] == [entry.id]
    assert vault.search.search("beta") == [] and vault.search.search("alpha") == []


def test_an_autosave_after_the_window_is_a_new_version(vault: Vault, clock: FakeClock) -> None:
    entry = vault.entries.add("note", "Typing", "start")
    clock.advance(1)
    assert _autosave(vault, entry.id, "a").version == 2
    clock.advance(WINDOW - 100)
    assert _autosave(vault, entry.id, "ab").version == 2
    # Typing never paused for long, but version 2 was first written a window ago.
    clock.advance(100)
    assert _autosave(vault, entry.id, "abc").version == 3
    clock.advance(WINDOW - 1)
    assert _autosave(vault, entry.id, "abcd").version == 3
    assert [v.version for v in vault.entries.history(entry.id)] == [3, 2, 1]
    assert vault.entries.get(entry.id, version=2).body == "ab"


def test_autosaves_never_overwrite_a_kept_version(vault: Vault, clock: FakeClock, tmp_path: Path) -> None:
    entry = vault.entries.add("note", "Kept", "v1")
    clock.advance(1)
    assert _autosave(vault, entry.id, "v2 autosaved").version == 2
    # A restore is a version kept for good.
    assert vault.entries.restore_version(entry.id, 1).version == 3
    clock.advance(1)
    assert _autosave(vault, entry.id, "v4 autosaved").version == 4
    assert vault.entries.get(entry.id, version=3).body == "v1"
    # So is any save that is not an autosave (command line, import, Save Now).
    clock.advance(1)
    assert vault.entries.update(entry.id, body="v5 explicit").version == 5
    clock.advance(1)
    assert _autosave(vault, entry.id, "v6 autosaved").version == 6
    # An explicit save of what an autosave just wrote keeps that version as it is.
    clock.advance(1)
    assert vault.entries.update(entry.id, body="v6 autosaved").version == 6
    clock.advance(1)
    assert _autosave(vault, entry.id, "v7 autosaved").version == 7
    assert vault.entries.get(entry.id, version=6).body == "v6 autosaved"
    # A version a license carries stays what was sent.
    Contacts(vault.db).add(make_card(Identity.generate("Acme", created_at=clock.now)), verified=True)
    Ledger(vault).issue(
        to="Acme",
        entry_ids=[entry.id],
        expires_at=clock.now + 86400,
        terms=Terms.make(),
        revocation=Revocation(),
        out=tmp_path / "out.knowhold",
    )
    clock.advance(1)
    assert _autosave(vault, entry.id, "v8 autosaved").version == 8
    assert vault.entries.get(entry.id, version=7).body == "v7 autosaved"
    assert [v.version for v in vault.entries.history(entry.id)] == [8, 7, 6, 5, 4, 3, 2, 1]


def test_whether_a_version_was_licensed_is_the_licensing_sides_answer(vault: Vault, clock: FakeClock) -> None:
    """Entries asks, and never reads the ledger's ``license_entries`` table itself."""
    assert "license_entries" not in Path(entries_module.__file__).read_text("utf-8")
    asked: list[tuple[str, int]] = []

    def licensed(entry_id: str, version: int) -> bool:
        asked.append((entry_id, version))
        return version == 3

    told = Entries(vault.db, licensed=licensed)
    entry = told.add("note", "Asked", "v1")
    clock.advance(1)
    assert told.update(entry.id, body="v2", coalesce_s=WINDOW).version == 2
    clock.advance(1)
    assert told.update(entry.id, body="v2 again", coalesce_s=WINDOW).version == 2  # not licensed: coalesced
    assert asked == [(entry.id, 2)]
    told.update(entry.id, body="v3 explicit")
    clock.advance(1)
    assert told.update(entry.id, body="v4", coalesce_s=WINDOW).version == 4
    clock.advance(1)
    assert told.update(entry.id, body="v4 again", coalesce_s=WINDOW).version == 4


def test_entries_without_the_licensing_fact_never_overwrite_a_version(vault: Vault, clock: FakeClock) -> None:
    """Fails closed: a store nobody told about licenses keeps every version, as if each was sent."""
    bare = Entries(vault.db)
    entry = bare.add("note", "Bare", "v1")
    clock.advance(1)
    assert bare.update(entry.id, body="v2", coalesce_s=WINDOW).version == 2
    clock.advance(1)
    assert bare.update(entry.id, body="v3", coalesce_s=WINDOW).version == 3
    assert bare.get(entry.id, version=2).body == "v2"
