"""My identity card in the app: the fingerprint shown, drawn as a QR code, exported and copied."""

from __future__ import annotations

from pathlib import Path

import pytest
import segno
from PySide6.QtGui import QGuiApplication, QImage

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.dialogs.my_identity import QR_BORDER, QR_SCALE, MyIdentityDialog, _file_name
from knowhold.ui.session import VaultSession
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import load_identity, parse_card
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One closed vault named 李伟 (Li Wei), and its fingerprint as the core computes it."""
    path = tmp_path_factory.mktemp("identity-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="李伟 Li Wei", kdf=FAST_KDF).vault
    try:
        fingerprint = load_identity(vault.db).public.fingerprint
    finally:
        vault.close()
    return path, fingerprint


@pytest.fixture
def dialog(qtbot, session: VaultSession) -> MyIdentityDialog:
    dialog = MyIdentityDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.card is not None, timeout=UI_WAIT_MS)
    return dialog


def modules_drawn(image: QImage, size: int) -> list[list[bool]]:
    """Read the QR modules back off the drawn picture: the centre pixel of each module."""
    half = QR_SCALE // 2
    return [
        [
            image.pixelColor(
                (QR_BORDER + col) * QR_SCALE + half, (QR_BORDER + row) * QR_SCALE + half
            ).lightness()
            < 128
            for col in range(size)
        ]
        for row in range(size)
    ]


def test_the_card_shows_the_name_and_the_fingerprint_in_groups(dialog, template) -> None:
    fingerprint = template[1]
    assert dialog.name.text() == "李伟 Li Wei"
    shown = dialog.fingerprint.text()
    assert shown.replace("\n", "") == fingerprint  # two lines of four groups, nothing else
    assert shown.count("\n") == 1 and len(fingerprint.split("-")) == 8
    assert dialog.export_button.isEnabled() and dialog.copy_button.isEnabled()


def test_the_qr_code_drawn_is_the_fingerprint(dialog, template) -> None:
    # An independent encoding of the same text, compared module by module with
    # what the dialog drew: the code a phone scans reads the fingerprint itself.
    expected = segno.make(template[1], error="m", micro=False)
    matrix = [[bool(module) for module in row] for row in expected.matrix]
    image = dialog.qr.pixmap().toImage()
    assert not image.isNull()
    assert modules_drawn(image, len(matrix)) == matrix
    assert segno.make("0000-" * 7 + "0001", error="m").matrix != expected.matrix  # the check can fail


def test_export_writes_a_card_that_parses_to_the_same_fingerprint(
    qtbot, dialog, template, tmp_path, monkeypatch
):
    out = tmp_path / "me.card"
    asked: list[Path] = []

    def choose(_parent: object, suggested: Path) -> Path:
        asked.append(suggested)
        return out

    monkeypatch.setattr(Choose, "card_file", classmethod(lambda cls, *args: choose(*args)))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=UI_WAIT_MS)
    assert asked == [Path("李伟-Li-Wei.card")]  # suggested from the name
    assert str(out) in dialog.status.text()
    assert parse_card(out.read_bytes()).fingerprint == template[1]


def test_export_to_a_missing_folder_says_why_in_the_dialog(qtbot, dialog, tmp_path, monkeypatch) -> None:
    out = tmp_path / "no such folder" / "me.card"
    monkeypatch.setattr(Choose, "card_file", classmethod(lambda cls, *args: out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=UI_WAIT_MS)
    assert "me.card" in dialog.status.text() and not out.exists()


def test_copy_puts_the_card_text_on_the_clipboard(dialog, template) -> None:
    board = QGuiApplication.clipboard()
    board.clear()
    dialog.copy_button.click()
    text = board.text()
    assert dialog.card is not None and text == dialog.card.text
    assert parse_card(text.encode("utf-8")).fingerprint == template[1]
    assert dialog.status.isVisible()
    board.clear()


def test_card_file_names_keep_to_letters_digits_and_dashes() -> None:
    assert _file_name("Li Wei") == "Li-Wei.card"
    assert _file_name("李伟 / Li..Wei") == "李伟-Li-Wei.card"
    assert _file_name("../../") == "my.card"
