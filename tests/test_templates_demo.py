from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowhold.vault import KINDS, Vault, is_vault
from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge import demo as demo_module
from knowhold.vault.knowledge.demo import (
    DEMO_NAME,
    DEMO_PACKAGES,
    DEMO_PASSPHRASE,
    SAMPLES,
    create_demo,
    fill_demo,
)
from knowhold.vault.knowledge.entries import Entry
from knowhold.vault.knowledge.templates import (
    KIND_DESCRIPTIONS,
    KIND_LABELS,
    template_for,
    untouched_guidance,
    without_guidance,
)
from knowhold.vault.knowledge.textindex import has_cjk
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.received import Library
from tests.conftest import FAST_KDF, START, FakeClock
from tests.test_cli import Cli

# Written out here rather than read from vault.templates, so that dropping a
# section from a template fails a test.
KEY_SECTIONS: dict[str, dict[str, list[str]]] = {
    "playbook": {
        "en": ["Goal", "When to use", "Steps", "Pitfalls", "What done looks like"],
        "zh": ["目标", "何时使用", "步骤", "常见坑", "完成的标准"],
    },
    "heuristic": {
        "en": ["Rule", "When it applies", "Exceptions", "Why it works", "Example"],
        "zh": ["规则", "适用场景", "例外", "为什么有效", "例子"],
    },
    "decision": {
        "en": ["Context", "Options considered", "Decision", "Rationale", "Consequences", "Revisit when"],
        "zh": ["背景", "考虑过的选项", "决定", "理由", "影响", "何时重新评估"],
    },
    "checklist": {
        "en": ["Purpose", "When to run it", "Items"],
        "zh": ["目的", "何时执行", "检查项"],
    },
    "edge-case": {
        "en": ["Situation", "What usually goes wrong", "How to recognise it", "What to do", "Why"],
        "zh": ["情况", "通常会出什么错", "如何识别", "怎么处理", "原因"],
    },
    "template": {
        "en": ["What it is for", "Template", "How to fill it"],
        "zh": ["用途", "模板正文", "填写说明"],
    },
    "note": {"en": [], "zh": []},
}

CJK_WORD_IN_SENTENCE = re.compile(r"[\u4e00-\u9fff]复盘[\u4e00-\u9fff]")


def _headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


# -- templates -------------------------------------------------------------------


def test_key_sections_cover_every_kind() -> None:
    assert set(KEY_SECTIONS) == set(KINDS)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("kind", KINDS)
def test_template_has_the_key_sections_in_order(kind: str, language: str) -> None:
    text = template_for(kind, language)
    assert _headings(text) == KEY_SECTIONS[kind][language]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_section_is_followed_by_an_italic_prompt(kind: str, language: str) -> None:
    lines = template_for(kind, language).splitlines()
    prompts = [line for line in lines if line.startswith("*") and line.endswith("*")]
    assert len(prompts) == max(1, len(KEY_SECTIONS[kind][language]))
    for i, line in enumerate(lines):
        if line.startswith("## "):
            prompt = lines[i + 1]
            assert prompt.startswith("*") and prompt.endswith("*") and len(prompt) > 5
    assert "<" not in "\n".join(lines)  # plain Markdown, no HTML or comments


@pytest.mark.parametrize("kind", KINDS)
def test_chinese_templates_are_chinese_and_english_ones_are_not(kind: str) -> None:
    assert has_cjk(template_for(kind, "zh"))
    assert not has_cjk(template_for(kind, "en"))
    assert template_for(kind) == template_for(kind, "en")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_checklist_template_has_tickable_items(language: str) -> None:
    items = [ln for ln in template_for("checklist", language).splitlines() if ln.startswith("- [ ] ")]
    assert len(items) >= 2


@pytest.mark.parametrize("language", ["en", "zh"])
def test_template_kind_shows_placeholders(language: str) -> None:
    assert re.search(r"\{\{[^}]+\}\}", template_for("template", language))


def test_chinese_locale_names_give_chinese_and_unknown_languages_english() -> None:
    zh = template_for("heuristic", "zh")
    assert template_for("heuristic", "zh_CN") == zh
    assert template_for("heuristic", "zh-Hans") == zh
    assert template_for("heuristic", "fr") == template_for("heuristic", "en")
    assert template_for("heuristic", "zhx") == template_for("heuristic", "en")


@pytest.mark.parametrize("kind", ["", "recipe", "Heuristic", "edge_case"])
def test_unknown_kind_is_refused(kind: str) -> None:
    with pytest.raises(InvalidValue):
        template_for(kind)


def test_labels_and_descriptions_cover_exactly_the_kinds() -> None:
    assert list(KIND_LABELS) == list(KINDS)
    assert set(KIND_DESCRIPTIONS) == set(KINDS)
    assert KIND_LABELS["edge-case"] == "Edge case"
    assert all(d.endswith(".") and d[0].isupper() for d in KIND_DESCRIPTIONS.values())


# -- untouched guidance is never stored ----------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("kind", KINDS)
def test_without_guidance_keeps_the_headings_and_skeleton(kind: str, language: str) -> None:
    text = template_for(kind, language)
    left = without_guidance(text)
    assert untouched_guidance(text) and untouched_guidance(left) == ()
    assert _headings(left) == _headings(text)
    kept = [line for line in text.splitlines() if line not in untouched_guidance(text)]
    assert left.splitlines() == kept  # only the prompt lines went
    assert without_guidance(left) == left


def test_without_guidance_keeps_what_the_worker_wrote() -> None:
    prompt = "*What this checklist protects against.*"
    body = f"## Purpose\r\n{prompt} Mine.\r\n  {prompt}  \r\n"
    assert without_guidance(body) == f"## Purpose\r\n{prompt} Mine.\r\n"  # line ends as they were
    mine = "Plain notes of my own.\n\n*Emphasis of my own.*"
    assert without_guidance(mine) is mine


def test_a_saved_template_keeps_no_guidance_and_keeps_what_was_typed(vault: Vault) -> None:
    untouched = vault.entries.add("checklist", "Before a release", template_for("checklist"))
    assert untouched_guidance(untouched.body) == ()
    assert untouched.body.startswith("## Purpose\n\n## When to run it\n\n## Items\n")
    assert vault.entries.get(untouched.id).body == untouched.body  # as stored

    typed = template_for("checklist", "zh").replace("- [ ] 第一项检查", "- [ ] 确认回滚方案")
    typed = typed.replace("*这份清单防的是什么问题。*", "*这份清单防的是什么问题。* 防止上线后无法回滚。")
    saved = vault.entries.update(untouched.id, body=typed)
    assert "- [ ] 确认回滚方案" in saved.body and "防止上线后无法回滚。" in saved.body
    assert untouched_guidance(saved.body) == ()
    assert "*在什么时间点、或者什么事情发生之后执行。*" not in vault.entries.get(saved.id).body
    # A save that gives no body leaves the stored one as it is.
    assert vault.entries.update(saved.id, title="发布前检查").body == saved.body


def test_the_command_line_stores_no_untouched_guidance(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "vault", FakeClock())
    cli.json("init", "--name", "Li Wei")
    added = cli.json("add", "--kind", "decision", "--title", "Office move", "--template")
    body = cli.json("show", added["id"])["body"]
    assert "## Rationale" in body and untouched_guidance(body) == ()


# -- demo content ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, int]]:
    path = tmp_path_factory.mktemp("demo") / "vault"
    created = Vault.create(path, DEMO_PASSPHRASE, clock=FakeClock(), name=DEMO_NAME, kdf=FAST_KDF)
    added = fill_demo(created.vault)
    yield created.vault, added
    created.vault.close()


@pytest.fixture(scope="module")
def demo_entries(demo_vault: tuple[Vault, int]) -> list[Entry]:
    vault = demo_vault[0]
    return [vault.entries.get(entry_id) for entry_id in vault.entries.all_ids()]


def test_fill_reports_what_it_added(demo_vault: tuple[Vault, int], demo_entries: list[Entry]) -> None:
    vault, added = demo_vault
    assert added == len(demo_entries) == len(SAMPLES)
    assert 20 <= added <= 24
    assert vault.entries.page()[1] == added


def test_every_kind_in_both_languages(demo_vault: tuple[Vault, int], demo_entries: list[Entry]) -> None:
    assert all(n >= 2 for n in demo_vault[0].entries.kind_counts().values())
    for kind in KINDS:
        titles = [e.title for e in demo_entries if e.kind == kind]
        assert any(has_cjk(t) for t in titles), kind
        assert any(not has_cjk(t) for t in titles), kind


def test_about_half_the_entries_are_chinese(demo_entries: list[Entry]) -> None:
    chinese = [e for e in demo_entries if has_cjk(e.title)]
    assert 0.4 <= len(chinese) / len(demo_entries) <= 0.6
    # A Chinese title means a Chinese body, not an English one with a Chinese heading.
    assert all(len(re.findall(r"[\u4e00-\u9fff]", e.body)) > 200 for e in chinese)


def test_bodies_are_realistic_length(demo_entries: list[Entry]) -> None:
    for e in demo_entries:
        if has_cjk(e.title):
            assert 200 <= len(re.findall(r"[\u4e00-\u9fff]", e.body)) <= 1200, e.title
        else:
            assert 100 <= len(e.body.split()) <= 600, e.title


def test_private_entries_are_present_and_personal(demo_entries: list[Entry]) -> None:
    private = [e for e in demo_entries if e.private]
    assert 2 <= len(private) <= 4
    assert all(e.kind == "note" for e in private)
    assert any(has_cjk(e.title) for e in private)


def test_some_entries_have_history(demo_vault: tuple[Vault, int], demo_entries: list[Entry]) -> None:
    vault = demo_vault[0]
    revised = [e for e in demo_entries if e.version > 1]
    assert len(revised) >= 3
    assert any(e.version >= 3 for e in revised)
    for e in revised:
        history = vault.entries.history(e.id)
        assert [v.version for v in history] == list(range(e.version, 0, -1))
        assert vault.entries.get(e.id, 1).body != e.body
        assert e.created_at < e.updated_at
    expected = {s.title: 1 + len(s.revisions) for s in SAMPLES}
    assert {e.title: e.version for e in demo_entries} == expected


def test_times_come_from_the_injected_clock_and_vary(demo_entries: list[Entry]) -> None:
    year = 365 * 86_400
    for e in demo_entries:
        assert START - year <= e.created_at <= e.updated_at <= START
    assert len({e.created_at for e in demo_entries}) == len(demo_entries)
    assert len({e.updated_at for e in demo_entries}) > len(demo_entries) // 2


def test_tags_mix_english_and_chinese(demo_vault: tuple[Vault, int]) -> None:
    tags = dict(demo_vault[0].entries.tags())
    assert {"sales", "onboarding", "复盘", "客户", "春节"} <= set(tags)
    assert tags["复盘"] >= 2


def test_fuhpan_appears_inside_longer_chinese_sentences(demo_entries: list[Entry]) -> None:
    inside = [e for e in demo_entries if CJK_WORD_IN_SENTENCE.search(e.body)]
    assert len(inside) >= 4


def test_one_shareable_entry_holds_fake_contact_details(demo_entries: list[Entry]) -> None:
    flagged = [e for e in demo_entries if "li.wei@example.com" in e.body]
    assert len(flagged) == 1
    assert "13800138000" in flagged[0].body
    assert not flagged[0].private  # the point is that the scanner catches it before sharing


def test_samples_use_only_known_kinds_and_revisions_after_creation() -> None:
    for s in SAMPLES:
        assert s.kind in KINDS
        days = [s.days_ago, *(r.days_ago for r in s.revisions)]
        assert days == sorted(days, reverse=True) and len(set(days)) == len(days), s.title


def test_a_failing_fill_changes_nothing(tmp_path: Path, clock: FakeClock) -> None:
    vault = Vault.create(tmp_path / "v", "pass phrase", clock=clock, kdf=FAST_KDF).vault
    try:
        vault.entries.add("note", "Mine", "kept")
        real = vault.entries.update

        def broken(*args: object, **kwargs: object) -> Entry:
            raise OSError("disk full")

        vault.entries.update = broken  # type: ignore[method-assign]
        with pytest.raises(OSError):
            fill_demo(vault)
        vault.entries.update = real  # type: ignore[method-assign]
        assert [e.title for e in vault.entries.page()[0]] == ["Mine"]
    finally:
        vault.close()


# -- create_demo ---------------------------------------------------------------------


def test_create_demo_once(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "demo"
    assert create_demo(path, clock=clock, kdf=FAST_KDF) is True
    keyfile = (path / "vault.key").read_bytes()
    clock.advance(3600)
    assert create_demo(path, clock=clock, kdf=FAST_KDF) is False
    assert (path / "vault.key").read_bytes() == keyfile
    with Vault.open(path, DEMO_PASSPHRASE, clock=clock) as vault:
        assert vault.name == DEMO_NAME
        assert vault.entries.page()[1] == len(SAMPLES)
        assert max(s.updated_at for s in vault.entries.page()[0]) <= clock() - 3600


def test_the_demo_has_licenses_issued_and_received(tmp_path: Path, clock: FakeClock) -> None:
    """The ledger and the received library open on something real: made by the core's own calls."""
    path = tmp_path / "demo"
    create_demo(path, clock=clock, kdf=FAST_KDF)
    with Vault.open(path, DEMO_PASSPHRASE, clock=clock) as vault:
        issued = Ledger(vault).licenses()
        assert sorted(r.status for r in issued) == ["active", "active", "revoked"]
        assert len({r.licensee for r in issued}) == 2  # a freelancer with two clients
        private = {s.id for s in vault.entries.page()[0] if s.private}
        licensed = {e.id for r in issued for e in r.entries}
        assert licensed and not licensed & private
        # The sample holding a (fake) customer address left redacted.
        assert any(r.redacted for r in issued)
        for record in issued:
            assert record.out_path is not None and Path(record.out_path).parent == path / DEMO_PACKAGES
            assert Path(record.out_path).is_file()
        received = Library(vault).licenses()
        assert [r.status for r in received] == ["active"]
        _, content = Library(vault).content(received[0].license_id, purpose="view")
        assert len(content) == 2


def test_create_demo_leaves_another_vault_alone(created, vault_path: Path, clock: FakeClock) -> None:
    assert create_demo(vault_path, clock=clock, kdf=FAST_KDF) is False
    assert created.vault.entries.page()[1] == 0
    assert created.vault.name == "Li Wei"


def test_create_demo_removes_a_half_made_demo(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(vault: Vault) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(demo_module, "fill_demo", broken)
    path = tmp_path / "demo"
    with pytest.raises(OSError):
        create_demo(path, clock=clock, kdf=FAST_KDF)
    assert not is_vault(path)
    assert not (path / "vault.db").exists()


def test_a_failed_demo_license_removes_the_packages_written(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_licensed(vault: Vault, folder: Path) -> None:
        folder.mkdir()
        (folder / "first.knowhold").write_bytes(b"written before the failure")
        raise OSError("disk full")

    monkeypatch.setattr(demo_module, "add_demo_licenses", half_licensed)
    path = tmp_path / "demo"
    with pytest.raises(OSError):
        create_demo(path, clock=clock, kdf=FAST_KDF)
    assert not is_vault(path)
    assert not (path / DEMO_PACKAGES).exists()
