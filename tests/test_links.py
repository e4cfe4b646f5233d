"""Links between entries: parsing ``[[…]]`` outside code, resolving names, backlinks."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import NotFound
from knowhold.vault.knowledge.links import LinkedEntry, WikiLink, backlinks, parse, resolve
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock


def test_the_three_forms_and_their_combinations() -> None:
    assert parse("See [[Note]], [[Note|the label]], [[Note#Heading]] and [[ Note # Part | x ]].") == [
        WikiLink("Note"),
        WikiLink("Note", label="the label"),
        WikiLink("Note", heading="Heading"),
        WikiLink("Note", heading="Part", label="x"),
    ]
    assert parse("[[#Only a heading]]") == [WikiLink("", heading="Only a heading")]
    assert parse("[[复盘 模板]]里有说明") == [WikiLink("复盘 模板")]


def test_links_inside_code_are_text() -> None:
    body = (
        "`[[inline]]` and ``a [[double]] span``\n\n"
        "```\n[[fenced]]\n```\n\n"
        "~~~~md\n[[tilde]]\n~~~~\n\n"
        "    [[indented]]\n\n"
        "\\[[escaped]] ![[embed.png]] [[real]]\n"
    )
    assert parse(body) == [WikiLink("real")]


def test_what_is_not_a_link() -> None:
    assert parse("[[]] [[ ]] [[a\nb]] [[a[b]] [single] [[" + "x" * 600 + "]]") == []


def test_link_text_is_the_label_else_the_target() -> None:
    assert WikiLink("Note", label="see").text == "see"
    assert WikiLink("Note", heading="Part").text == "Note › Part"
    assert WikiLink("", heading="Part").text == "Part"
    assert WikiLink("Note").text == "Note"


@pytest.fixture
def entries(vault: Vault, clock: FakeClock) -> dict[str, str]:
    add = vault.entries.add
    ids = {}
    for name, title, body in (
        ("home", "Home", "Start at [[Deploy the Service]] and [[Über uns]]."),
        ("deploy", "Deploy the service", "Back to [[home]]. `[[Rollback]]` is in code."),
        ("rollback", "Rollback", "See [[Plugins/Home.md|home]] and [[Missing]]."),
        ("uber", "über uns", "Nothing."),
        ("retro", "复盘模板", "见 [[deploy the service#Steps]]。"),
        ("cicd", "CI/CD", "Links to [[CI/CD]] itself."),
    ):
        clock.advance(60)
        ids[name] = add("note", title, body).id
    return ids


def test_resolve_by_title_ignoring_case_space_and_paths(vault: Vault, entries: dict[str, str]) -> None:
    found = resolve(
        vault.db,
        [
            "home",
            "HOME",
            "  Deploy  the service ",
            "Plugins/Home.md",
            "Über uns",
            "复盘模板",
            "CI/CD",
            "Missing",
            "",
        ],
    )
    assert found == {
        "home": entries["home"],
        "HOME": entries["home"],
        "  Deploy  the service ": entries["deploy"],
        "Plugins/Home.md": entries["home"],
        "Über uns": entries["uber"],  # case outside ASCII too
        "复盘模板": entries["retro"],
        "CI/CD": entries["cicd"],  # a title with a slash is itself before its last part
    }


def test_the_oldest_namesake_wins_and_the_trash_is_never_a_target(
    vault: Vault, entries: dict[str, str], clock: FakeClock
) -> None:
    clock.advance(60)
    vault.entries.add("note", "home", "A later namesake.")
    assert resolve(vault.db, ["Home"]) == {"Home": entries["home"]}
    vault.entries.trash(entries["home"])
    later = resolve(vault.db, ["Home"])["Home"]
    assert later != entries["home"]
    vault.entries.trash(later)
    assert resolve(vault.db, ["Home"]) == {}


def test_backlinks_are_live_entries_linking_outside_code(vault: Vault, entries: dict[str, str]) -> None:
    def titles(key: str) -> list[str]:
        return [e.title for e in backlinks(vault.db, entries[key])]

    assert titles("home") == ["Deploy the service", "Rollback"]
    assert titles("deploy") == ["Home", "复盘模板"]
    assert titles("rollback") == []  # only named in a code span
    assert titles("uber") == ["Home"]
    assert titles("cicd") == []  # a link to itself is not a backlink
    assert backlinks(vault.db, entries["retro"]) == []
    vault.entries.trash(entries["deploy"])
    assert titles("home") == ["Rollback"]
    assert backlinks(vault.db, entries["rollback"]) == []
    with pytest.raises(NotFound):
        backlinks(vault.db, "nosuchentry")


def test_a_title_without_words_is_found_by_its_brackets(vault: Vault, clock: FakeClock) -> None:
    target = vault.entries.add("note", "???", "").id
    linking = vault.entries.add("note", "Asks", "What about [[???]]?").id
    assert backlinks(vault.db, target) == [LinkedEntry(linking, "Asks")]


def test_a_namesake_does_not_steal_backlinks(vault: Vault, entries: dict[str, str], clock: FakeClock) -> None:
    clock.advance(60)
    namesake = vault.entries.add("note", "Home", "A later namesake.").id
    assert backlinks(vault.db, namesake) == []


def test_aliases_name_entries_after_titles(vault: Vault, entries: dict[str, str], clock: FakeClock) -> None:
    vault.entries.record_import(entries["retro"], "复盘模板.md", "aliases:\n- Retro\n- 周会 复盘\n- Home\n")
    vault.entries.record_import(entries["uber"], "über uns.md", "aliases: About Us\ncssclasses: [x]\n")
    found = resolve(vault.db, ["retro", "周会  复盘", "ABOUT us", "Home", "about"])
    assert found == {
        "retro": entries["retro"],
        "周会  复盘": entries["retro"],
        "ABOUT us": entries["uber"],  # one alias written as a string, as Obsidian reads it
        "Home": entries["home"],  # a title before another entry's alias
    }
    clock.advance(60)
    later = vault.entries.add("note", "Later", "")
    vault.entries.record_import(later.id, "Later.md", "aliases: [retro]\n")
    assert resolve(vault.db, ["Retro"]) == {"Retro": entries["retro"]}  # the oldest alias wins
    vault.entries.trash(entries["retro"])
    assert resolve(vault.db, ["Retro"]) == {"Retro": later.id}


def test_backlinks_count_links_by_alias(vault: Vault, entries: dict[str, str]) -> None:
    vault.entries.record_import(entries["rollback"], "Rollback.md", "aliases: [Undo, '!!']\n")
    by_alias = vault.entries.add("note", "Ops", "To [[undo]] it, and [[Plugins/Undo.md]].").id
    odd = vault.entries.add("note", "Odd", "What [[!!]] means.").id
    assert [e.id for e in backlinks(vault.db, entries["rollback"])] == sorted(
        [by_alias, odd], key=lambda i: {by_alias: "ops", odd: "odd"}[i]
    )


# -- speed: 10,000 entries -------------------------------------------------------------

N = 10_000


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, dict[str, str]]]:
    clock = FakeClock()
    created = Vault.create(tmp_path_factory.mktemp("links") / "vault", PASSPHRASE, clock=clock, kdf=FAST_KDF)
    vault = created.vault
    filler = "The deploy went well and the notes say what to watch next time. " * 12
    ids: dict[str, str] = {}
    for batch in range(0, N, 500):
        with vault.db.transaction():  # one transaction per 500, as an import's speed
            for i in range(batch, batch + 500):
                # Every 100th entry links to "Runbook"; every entry says "notes", a common word.
                extra = " See [[Runbook]]." if i % 100 == 0 else ""
                body = f"{filler}{extra} Entry {i} links [[Entry {i + 1}]]."
                added = vault.entries.add("note", f"Entry {i}", body)
                ids.setdefault("first", added.id)
                ids.update({"seventy": added.id} if i == 70 else {})
                if i % 10 == 0:  # imported notes, a tenth of them with aliases
                    vault.entries.record_import(added.id, f"Entry {i}.md", f"aliases: [Item {i}]\n")
    ids["runbook"] = vault.entries.add("note", "Runbook", "Steps.").id
    ids["notes"] = vault.entries.add("note", "notes", "A title that is a common word.").id
    yield vault, ids
    created.vault.close()


def _best_ms(fn: object, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def test_speed_on_ten_thousand_entries(large: tuple[Vault, dict[str, str]]) -> None:
    vault, ids = large
    assert len(backlinks(vault.db, ids["runbook"])) == N // 100
    assert [e.title for e in backlinks(vault.db, ids["first"])] == []
    rare = _best_ms(lambda: backlinks(vault.db, ids["first"]))
    hundred = _best_ms(lambda: backlinks(vault.db, ids["runbook"]))
    common = _best_ms(lambda: backlinks(vault.db, ids["notes"]))
    names = [f"Entry {i}" for i in range(50)] + ["Missing", "Über"]
    resolving = _best_ms(lambda: resolve(vault.db, names))
    assert resolve(vault.db, ["item 70", "Entry"]) == {"item 70": ids["seventy"]}
    # No title is "Entry", and every title holds the word: each aliased entry is looked at.
    aliases = _best_ms(lambda: resolve(vault.db, ["Entry"]))
    print(
        f"\nbacklinks: rare {rare:.1f} ms, 100 links {hundred:.1f} ms, common word {common:.1f} ms; "
        f"resolve 52 names (one non-ASCII) {resolving:.1f} ms; "
        f"a missing name in every title, 1,000 aliased entries {aliases:.1f} ms"
    )
    assert rare < 50 and hundred < 500 and common < 2000 and resolving < 200 and aliases < 300
