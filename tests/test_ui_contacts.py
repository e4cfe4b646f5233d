"""Contacts in the app: adding a card (file, paste, drop), comparing fingerprints, key changes, removal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.licensing.add_contact import AddContactDialog, Comparison
from knowhold.ui.licensing.contacts import ContactsDialog
from knowhold.ui.licensing.contacts_model import ContactColumn
from knowhold.ui.session import VaultSession
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Contact, Contacts, Identity, make_card
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock

# Generated once for the module: each test adds some of them to its own vault copy.
LI = Identity.generate("李伟 Li Wei", created_at=START)
KNOWN = Identity.generate("王芳 Wang Fang", created_at=START)  # a verified contact in the template
IMPOSTOR = Identity.generate("王芳 Wang Fang", created_at=START)  # the same name, other keys


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, None]:
    """A closed vault whose one contact is 王芳 Wang Fang, verified."""
    path = tmp_path_factory.mktemp("contacts-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Me", kdf=FAST_KDF).vault
    try:
        Contacts(vault.db).add(make_card(KNOWN), verified=True)
    finally:
        vault.close()
    return path, None


def contacts_in(qtbot, session: VaultSession) -> list[Contact]:
    """The vault's contacts, read on the worker as the app would."""
    from knowhold.ui.tasks import Op

    found: list[list[Contact]] = []
    Op(None, lambda: Contacts(session.vault().db).everyone(), found.append).run()
    qtbot.waitUntil(lambda: bool(found), timeout=UI_WAIT_MS)
    return found[0]


@pytest.fixture
def add_dialog(qtbot, session: VaultSession) -> AddContactDialog:
    dialog = AddContactDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def card_file(tmp_path: Path, who: Identity, name: str = "card.card") -> Path:
    path = tmp_path / name
    path.write_bytes(make_card(who))
    return path


def drop(widget: QWidget, path: Path) -> None:
    """Drag a local file over ``widget`` and drop it, as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = QPointF(widget.rect().center())
    for kind in (QDropEvent.Type.DragEnter, QDropEvent.Type.Drop):
        event = QDropEvent(
            centre,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            kind,
        )
        QApplication.sendEvent(widget, event)
        assert event.isAccepted()


def read(qtbot, dialog: AddContactDialog, who: Identity) -> None:
    qtbot.waitUntil(
        lambda: dialog.card is not None and dialog.card.identity.fingerprint == who.public.fingerprint,
        timeout=UI_WAIT_MS,
    )


# -- adding a card ------------------------------------------------------------------------


def test_a_card_chosen_as_a_file_shows_its_name_and_fingerprint_and_adds_unverified(
    qtbot, add_dialog, session, tmp_path, monkeypatch
) -> None:
    path = card_file(tmp_path, LI)
    monkeypatch.setattr(Choose, "card_to_add", classmethod(lambda cls, parent: path))
    add_dialog.choose_button.click()
    read(qtbot, add_dialog, LI)
    assert add_dialog.name.text() == "李伟 Li Wei"
    assert add_dialog.check.fingerprint.text().replace("\n", "") == LI.public.fingerprint
    assert add_dialog.source.text().endswith("card.card")  # a long path loses its middle, not its name
    assert str(path) in add_dialog.source.toolTip()
    assert add_dialog.check.comparison is Comparison.NONE
    assert add_dialog.add_button.isEnabled() and "Not Verified" in add_dialog.add_button.text()
    with qtbot.waitSignal(add_dialog.added, timeout=UI_WAIT_MS) as added:
        add_dialog.add_button.click()
    contact = added.args[0]
    assert (contact.name, contact.verified) == ("李伟 Li Wei", False)
    assert [(c.name, c.verified) for c in contacts_in(qtbot, session)] == [
        ("李伟 Li Wei", False),
        ("王芳 Wang Fang", True),
    ]


def test_a_pasted_card_with_the_fingerprint_read_out_is_added_verified(qtbot, add_dialog, session) -> None:
    # As a chat hands it over: CRLF line endings and blank space around it.
    add_dialog.paste.setPlainText("\n  " + make_card(LI).decode().replace("\n", "\r\n") + "\n\n")
    read(qtbot, add_dialog, LI)
    # Read out in pieces: lower case, spaces for dashes, O for 0 and I for 1 are forgiven.
    spoken = LI.public.fingerprint.lower().replace("-", " ").replace("0", "o").replace("1", "i")
    add_dialog.check.typed.setText(spoken[:20])
    assert add_dialog.check.comparison is Comparison.PARTIAL and not add_dialog.add_button.isEnabled()
    add_dialog.check.typed.setText(spoken)
    assert add_dialog.check.comparison is Comparison.MATCH
    assert "Verified" in add_dialog.add_button.text() and "Not" not in add_dialog.add_button.text()
    with qtbot.waitSignal(add_dialog.added, timeout=UI_WAIT_MS) as added:
        add_dialog.add_button.click()
    assert added.args[0].verified
    assert {c.name: c.verified for c in contacts_in(qtbot, session)}["李伟 Li Wei"] is True


def test_a_fingerprint_that_does_not_match_is_red_and_adds_nothing(qtbot, add_dialog, session) -> None:
    add_dialog.paste.setPlainText(make_card(LI).decode())
    read(qtbot, add_dialog, LI)
    add_dialog.check.typed.setText(KNOWN.public.fingerprint)
    assert add_dialog.check.comparison is Comparison.MISMATCH
    assert "do not match" in add_dialog.check.verdict.text()
    assert "color" in add_dialog.check.verdict.styleSheet()
    assert not add_dialog.add_button.isEnabled()
    add_dialog.add()  # Enter, or a stray call, cannot add it either
    assert [c.name for c in contacts_in(qtbot, session)] == ["王芳 Wang Fang"]


def test_a_card_dropped_on_the_dialog_is_read(qtbot, add_dialog, tmp_path) -> None:
    drop(add_dialog, card_file(tmp_path, LI))
    read(qtbot, add_dialog, LI)
    assert add_dialog.name.text() == "李伟 Li Wei"


def test_what_is_not_a_card_says_why_in_one_line(qtbot, add_dialog, tmp_path) -> None:
    add_dialog.paste.setPlainText("hello")
    qtbot.waitUntil(lambda: add_dialog.problem.isVisible(), timeout=UI_WAIT_MS)
    assert add_dialog.card is None and not add_dialog.add_button.isEnabled()
    edited = make_card(LI).decode().replace("Li Wei", "Li Wel")  # one letter changed: the signature fails
    add_dialog.paste.setPlainText(edited)
    qtbot.waitUntil(lambda: add_dialog.problem.isVisible(), timeout=UI_WAIT_MS)
    assert add_dialog.card is None
    huge = tmp_path / "huge.card"
    huge.write_bytes(b"x" * 100_000)
    add_dialog.load_file(huge)
    qtbot.waitUntil(lambda: "larger than" in add_dialog.problem.text(), timeout=UI_WAIT_MS)
    assert "\n" not in add_dialog.problem.text() and "Traceback" not in add_dialog.problem.text()


def test_a_key_change_is_a_red_warning_saying_what_changed_and_nothing_is_stored(
    qtbot, add_dialog, session
) -> None:
    add_dialog.paste.setPlainText(make_card(IMPOSTOR).decode())
    read(qtbot, add_dialog, IMPOSTOR)
    # Matching the impostor's own card proves nothing about the contact already known.
    add_dialog.check.typed.setText(IMPOSTOR.public.fingerprint)
    add_dialog.add_button.click()
    qtbot.waitUntil(lambda: add_dialog.warning.isVisible(), timeout=UI_WAIT_MS)
    warning = add_dialog.warning.text()
    assert "this card says it is 王芳 Wang Fang" in warning
    assert KNOWN.public.fingerprint in warning and IMPOSTOR.public.fingerprint in warning
    assert "impostor" in warning and "remove the contact on purpose" in warning
    assert "color" in add_dialog.warning.styleSheet()
    assert not add_dialog.add_button.isEnabled() and not add_dialog.check.typed.isEnabled()
    [known] = contacts_in(qtbot, session)
    assert (known.fingerprint, known.verified) == (KNOWN.public.fingerprint, True)


def test_known_keys_under_another_name_say_so(qtbot, add_dialog, session) -> None:
    renamed = Identity.from_private_bytes(
        "Mallory",
        KNOWN.signing_private.private_bytes_raw(),
        KNOWN.mlkem_seed,
        KNOWN.x25519_private.private_bytes_raw(),
        START,
    )
    add_dialog.paste.setPlainText(make_card(renamed).decode())
    read(qtbot, add_dialog, renamed)
    add_dialog.add_button.click()
    qtbot.waitUntil(lambda: add_dialog.warning.isVisible(), timeout=UI_WAIT_MS)
    assert "already belong to your contact 王芳 Wang Fang" in add_dialog.warning.text()
    assert "calls them Mallory" in add_dialog.warning.text()
    assert [c.name for c in contacts_in(qtbot, session)] == ["王芳 Wang Fang"]


def test_a_hostile_name_is_shown_as_text(qtbot, add_dialog) -> None:
    hostile = Identity.generate('<img src="/dev/zero"><b>Boss</b>', created_at=START)
    add_dialog.paste.setPlainText(make_card(hostile).decode())
    read(qtbot, add_dialog, hostile)
    assert add_dialog.name.textFormat() == Qt.TextFormat.PlainText
    assert add_dialog.name.text() == '<img src="/dev/zero"><b>Boss</b>'
    assert (
        add_dialog.name.toolTip() == "<qt>&lt;img src=&quot;/dev/zero&quot;&gt;&lt;b&gt;Boss&lt;/b&gt;</qt>"
    )


# -- the contacts list --------------------------------------------------------------------


@pytest.fixture
def contacts_dialog(qtbot, session: VaultSession) -> ContactsDialog:
    dialog = ContactsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=UI_WAIT_MS)
    return dialog


def select(dialog: ContactsDialog, name: str) -> Contact:
    row = dialog.model.row_of(name)
    assert row is not None
    dialog.table.selectRow(row)
    contact = dialog.selected()
    assert contact is not None and contact.name == name
    return contact


def shown(dialog: ContactsDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [
        tuple(str(model.index(row, column).data()) for column in ContactColumn)
        for row in range(model.rowCount())
    ]


def add_through(qtbot, dialog: ContactsDialog, who: Identity, *, compared: str = "") -> None:
    with qtbot.waitSignal(dialog.changed, timeout=UI_WAIT_MS):
        dialog.add_button.click()
        add = dialog.add_dialog
        assert add is not None
        add.paste.setPlainText(make_card(who).decode())
        read(qtbot, add, who)
        add.check.typed.setText(compared)
        add.add_button.click()
    qtbot.waitUntil(lambda: dialog.model.row_of(who.public.name) is not None, timeout=UI_WAIT_MS)


def test_the_table_shows_name_fingerprint_verified_and_date(qtbot, contacts_dialog, qtmodeltester) -> None:
    [(name, fingerprint, verified, added)] = shown(contacts_dialog)
    assert (name, fingerprint, verified) == ("王芳 Wang Fang", KNOWN.public.fingerprint, "Verified")
    assert added  # the date, in the locale's short form
    add_through(qtbot, contacts_dialog, LI)
    assert [row[:3] for row in shown(contacts_dialog)] == [
        ("李伟 Li Wei", LI.public.fingerprint, "Not verified"),
        ("王芳 Wang Fang", KNOWN.public.fingerprint, "Verified"),
    ]
    assert "not verified yet" in contacts_dialog.status.text()
    assert contacts_dialog.selected() is not None and contacts_dialog.selected().name == "李伟 Li Wei"
    qtmodeltester.check(contacts_dialog.model)


def test_verify_marks_the_contact_only_when_the_fingerprint_read_out_matches(
    qtbot, contacts_dialog, session
) -> None:
    add_through(qtbot, contacts_dialog, LI)
    select(contacts_dialog, "王芳 Wang Fang")
    assert not contacts_dialog.verify_button.isEnabled()  # already verified
    select(contacts_dialog, "李伟 Li Wei")
    assert contacts_dialog.verify_button.isEnabled()
    contacts_dialog.verify_button.click()
    check = contacts_dialog.verify_dialog
    assert check is not None
    check.check.typed.setText(KNOWN.public.fingerprint)
    assert "do not match" in check.check.verdict.text() and not check.verify_button.isEnabled()
    check.verify()
    assert {c.name: c.verified for c in contacts_in(qtbot, session)}["李伟 Li Wei"] is False
    check.check.typed.setText(LI.public.fingerprint.replace("-", ""))
    with qtbot.waitSignal(contacts_dialog.changed, timeout=UI_WAIT_MS):
        check.verify_button.click()
    verified = ("李伟 Li Wei", LI.public.fingerprint, "Verified")
    qtbot.waitUntil(lambda: verified in [row[:3] for row in shown(contacts_dialog)], timeout=UI_WAIT_MS)
    assert {c.name: c.verified for c in contacts_in(qtbot, session)}["李伟 Li Wei"] is True


def test_removing_on_purpose_is_the_way_past_a_key_change(
    qtbot, contacts_dialog, session, monkeypatch
) -> None:
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str, _action: str) -> bool:
        asked.append(text)
        return len(asked) > 1  # the first time the user thinks better of it

    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *args: confirm(*args)))
    contacts_dialog.add_button.click()
    refused = contacts_dialog.add_dialog
    assert refused is not None
    refused.paste.setPlainText(make_card(IMPOSTOR).decode())
    read(qtbot, refused, IMPOSTOR)
    refused.add_button.click()
    qtbot.waitUntil(lambda: refused.warning.isVisible(), timeout=UI_WAIT_MS)
    refused.reject()
    select(contacts_dialog, "王芳 Wang Fang")
    contacts_dialog.remove_button.click()
    assert "Licenses already issued to them keep the keys they were issued to" in asked[0]
    assert KNOWN.public.fingerprint in asked[0]
    assert len(contacts_in(qtbot, session)) == 1  # cancelled: nothing removed
    with qtbot.waitSignal(contacts_dialog.changed, timeout=UI_WAIT_MS):
        contacts_dialog.remove_button.click()
    qtbot.waitUntil(lambda: contacts_dialog.model.rowCount() == 0, timeout=UI_WAIT_MS)
    assert "Removed 王芳 Wang Fang" in contacts_dialog.status.text()
    assert contacts_dialog.empty.isVisible()  # and how to add one
    # The new card under the same name is accepted now, and compared like any other.
    add_through(qtbot, contacts_dialog, IMPOSTOR, compared=IMPOSTOR.public.fingerprint)
    [contact] = contacts_in(qtbot, session)
    assert (contact.fingerprint, contact.verified) == (IMPOSTOR.public.fingerprint, True)


def test_a_card_dropped_on_the_list_opens_the_add_dialog_with_it(qtbot, contacts_dialog, tmp_path) -> None:
    drop(contacts_dialog, card_file(tmp_path, LI))
    add = contacts_dialog.add_dialog
    assert add is not None and add.isVisible()
    read(qtbot, add, LI)
    with qtbot.waitSignal(contacts_dialog.changed, timeout=UI_WAIT_MS):
        add.add_button.click()
    qtbot.waitUntil(lambda: contacts_dialog.model.rowCount() == 2, timeout=UI_WAIT_MS)


def test_hostile_names_in_the_table_are_text_with_escaped_tooltips(qtbot, contacts_dialog) -> None:
    hostile = Identity.generate('<img src="/dev/zero"><b>Boss</b>', created_at=START)
    add_through(qtbot, contacts_dialog, hostile)
    model = contacts_dialog.model
    row = model.row_of(hostile.public.name)
    assert row is not None
    index = model.index(row, ContactColumn.NAME)
    assert index.data() == '<img src="/dev/zero"><b>Boss</b>'
    assert (
        index.data(Qt.ItemDataRole.ToolTipRole)
        == "<qt>&lt;img src=&quot;/dev/zero&quot;&gt;&lt;b&gt;Boss&lt;/b&gt;</qt>"
    )
