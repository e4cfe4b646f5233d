"""Contacts in the app: adding a card (file, paste, drop), comparing fingerprints, key changes, removal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing.add_contact import AddContactDialog, Comparison
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
    assert str(path) in add_dialog.source.text()
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
    path = card_file(tmp_path, LI)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = QPointF(add_dialog.rect().center())
    for kind in (QDropEvent.Type.DragEnter, QDropEvent.Type.Drop):
        event = QDropEvent(
            centre,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            kind,
        )
        QApplication.sendEvent(add_dialog, event)
        assert event.isAccepted()
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
