"""The editor's Origin control: shown from the entry, saved with it like the tags, never blocking a save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from knowhold.ui.session import VaultSession
from knowhold.ui.widgets.editor import EntryEditor
from knowhold.ui.widgets.origin_edit import concern_text, origin_text
from knowhold.vault import Entry, Vault
from knowhold.vault.knowledge.origin import Origin, OriginKind
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock

ACME = Origin(OriginKind.ORGANISATION, "Acme Ltd")
# Row order in the combo: not recorded, own, organisation, public.
NOT_RECORDED, OWN, ORGANISATION, PUBLIC = range(4)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("origin-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        add = vault.entries.add
        ids = {
            "acme": add("heuristic", "Escalate early", "Two hours, then call.", ["support"], origin=ACME).id,
            "plain": add("playbook", "复盘流程", "先复盘，再交接。", ["复盘"]).id,
            "trashed": add("note", "Old", "x", origin=Origin(OriginKind.OWN)).id,
        }
        vault.entries.trash(ids["trashed"])
    finally:
        vault.close()
    return path, ids


@pytest.fixture
def editor(qtbot, session: VaultSession) -> EntryEditor:
    widget = EntryEditor(session)
    qtbot.addWidget(widget)
    widget.resize(760, 520)
    widget.show()
    return widget


def _open(qtbot, editor: EntryEditor, entry_id: str) -> None:
    editor.open_entry(entry_id)
    qtbot.waitUntil(lambda: editor.entry_id == entry_id, timeout=UI_WAIT_MS)


def _save(qtbot, editor: EntryEditor) -> Entry:
    with qtbot.waitSignal(editor.saved, timeout=UI_WAIT_MS) as blocker:
        editor.flush()
    entry: Entry = blocker.args[0]
    return entry


def test_an_entry_shows_its_origin(qtbot, editor: EntryEditor, ids: dict[str, str]) -> None:
    _open(qtbot, editor, ids["acme"])
    assert editor.origin.kind.currentIndex() == ORGANISATION
    assert editor.origin.name.isVisible() and editor.origin.name.text() == "Acme Ltd"
    _open(qtbot, editor, ids["plain"])
    assert editor.origin.kind.currentIndex() == NOT_RECORDED
    assert not editor.origin.name.isVisible() and editor.origin.name.text() == ""
    assert not editor.dirty  # showing an entry is not an edit


def test_a_chosen_origin_is_saved_with_the_entry(
    qtbot, editor: EntryEditor, session: VaultSession, ids: dict[str, str]
) -> None:
    _open(qtbot, editor, ids["plain"])
    editor.origin.kind.setCurrentIndex(PUBLIC)
    assert editor.dirty and editor.origin.name.isVisible()
    assert editor.origin.name.placeholderText() == "Book, standard, course…"
    qtbot.keyClicks(editor.origin.name, "ITIL 4  Foundation ")
    saved = _save(qtbot, editor)
    assert saved.origin == Origin(OriginKind.PUBLIC, "ITIL 4 Foundation") and saved.version == 2
    assert session_origin(qtbot, session, ids["plain"]) == saved.origin
    editor.origin.kind.setCurrentIndex(OWN)
    assert not editor.origin.name.isVisible()
    assert _save(qtbot, editor).origin == Origin(OriginKind.OWN)
    editor.origin.kind.setCurrentIndex(NOT_RECORDED)
    assert _save(qtbot, editor).origin is None


def session_origin(qtbot, session: VaultSession, entry_id: str) -> Origin | None:
    """The entry's origin as the vault holds it, read on the worker as the app reads it."""
    from knowhold.ui.tasks import Op

    found: list[Entry] = []
    Op(None, lambda: session.entry(entry_id), found.append).run()
    qtbot.waitUntil(lambda: bool(found), timeout=UI_WAIT_MS)
    return found[0].origin


def test_an_origin_without_its_name_keeps_the_saved_one_and_the_rest_is_saved(
    qtbot, editor: EntryEditor, ids: dict[str, str]
) -> None:
    _open(qtbot, editor, ids["acme"])
    editor.origin.name.clear()
    assert editor.origin_warning.isVisible()
    assert "organisation's name" in editor.origin_warning.text()
    qtbot.keyClicks(editor.body, " Always.")
    saved = _save(qtbot, editor)
    assert saved.origin == ACME and "Always." in saved.body
    editor.origin.kind.setCurrentIndex(PUBLIC)
    assert "public source" in editor.origin_warning.text()
    qtbot.keyClicks(editor.origin.name, "RFC 9110")
    assert not editor.origin_warning.isVisible()
    assert _save(qtbot, editor).origin == Origin(OriginKind.PUBLIC, "RFC 9110")


def test_an_invisible_character_in_the_name_is_not_saved_and_says_so(
    qtbot, editor: EntryEditor, ids: dict[str, str]
) -> None:
    _open(qtbot, editor, ids["acme"])
    editor.origin.name.setText("Acme\u200bLtd")  # pasted with a zero-width space
    assert "invisible or control character" in editor.origin_warning.text()
    saved = _save(qtbot, editor)
    assert saved.origin == ACME  # the save went through; the origin stayed as it was
    assert editor.status.text().startswith("Saved")


def test_a_new_entry_starts_unrecorded_and_saves_its_origin(qtbot, editor: EntryEditor) -> None:
    editor.new_entry("note")
    assert editor.origin.kind.currentIndex() == NOT_RECORDED
    qtbot.keyClicks(editor.title, "Shift handover")
    editor.origin.kind.setCurrentIndex(ORGANISATION)
    editor.origin.name.insert("深圳星河物流有限公司")  # as an input method commits it
    saved = _save(qtbot, editor)
    assert saved.origin == Origin(OriginKind.ORGANISATION, "深圳星河物流有限公司")


def test_a_trashed_entry_shows_its_origin_read_only(qtbot, editor: EntryEditor, ids: dict[str, str]) -> None:
    _open(qtbot, editor, ids["trashed"])
    assert editor.origin.kind.currentIndex() == OWN
    assert not editor.origin.kind.isEnabled()
    _open(qtbot, editor, ids["acme"])
    assert editor.origin.kind.isEnabled() and not editor.origin.name.isReadOnly()


def test_clear_forgets_the_origin_shown(qtbot, editor: EntryEditor, ids: dict[str, str]) -> None:
    _open(qtbot, editor, ids["acme"])
    editor.clear()
    assert editor.origin.kind.currentIndex() == NOT_RECORDED and editor.origin.name.text() == ""


def test_tab_goes_from_kind_to_origin_and_its_name_then_tags(
    qtbot, editor: EntryEditor, ids: dict[str, str]
) -> None:
    _open(qtbot, editor, ids["acme"])  # a name is shown, so it is in the chain
    editor.activateWindow()
    editor.kind.setFocus()
    qtbot.waitUntil(editor.kind.hasFocus, timeout=UI_WAIT_MS)
    for expected in (editor.origin.kind, editor.origin.name, editor.tags):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(expected.hasFocus, timeout=UI_WAIT_MS)


def test_origins_and_warnings_in_words() -> None:
    assert origin_text(None) == "Origin not recorded"
    assert origin_text(ACME) == "Learned at Acme Ltd"
    assert origin_text(Origin(OriginKind.PUBLIC, "RFC 9110")) == "Public source: RFC 9110"
    assert concern_text(Origin(OriginKind.OWN), "Acme Ltd") is None
    to_acme = concern_text(ACME, "acme ltd")
    assert to_acme is not None and "may already own" in to_acme
    to_beta = concern_text(ACME, "Beta Corp")
    assert to_beta is not None and "may belong to Acme Ltd" in to_beta and "Beta Corp" in to_beta
