"""First start and recovery: the strength meter, the create wizard, the recover dialog."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWizard

from knowhold.ui import app as app_module
from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.dialogs.create_vault import CreateVaultWizard, PageId, grouped_code
from knowhold.ui.dialogs.recover import RecoverDialog
from knowhold.ui.dialogs.unlock import UnlockDialog
from knowhold.ui.main_window import MainWindow
from knowhold.ui.session import NewVault, Unlocked, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.widgets import strength_meter
from knowhold.ui.widgets.strength_meter import StrengthMeter
from knowhold.vault import Vault, is_vault
from knowhold.vault.errors import WrongSecret
from knowhold.vault.store import strength as policy
from knowhold.vault.store.keys import Argon2Params, normalise_recovery_code
from knowhold.vault.store.strength import Strength
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

WAIT_MS = 20_000  # generous: Argon2id on a busy 2-core CI runner
STRONG = "tundra maple quiver osmosis"
WRONG_CODE = "0000-0000-0000-0000-0000-0000-0000-0000"


class RecordingSession(VaultSession):
    """The real session, noting which thread each create and recover ran on."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, FakeClock())
        self.threads: list[threading.Thread] = []
        self.made: list[NewVault] = []

    def create(self, name: str, passphrase: str, kdf: Argon2Params | None = None) -> NewVault:
        self.threads.append(threading.current_thread())
        assert kdf is FAST_KDF  # the wizard passes its injected KDF through
        made = super().create(name, passphrase, kdf)
        self.made.append(made)
        return made

    def recover(self, code: str, new_passphrase: str) -> Unlocked:
        self.threads.append(threading.current_thread())
        return super().recover(code, new_passphrase)


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


# -- the strength meter -----------------------------------------------------------------


def test_meter_shows_verdict_and_advice(qtbot) -> None:
    meter = StrengthMeter()
    qtbot.addWidget(meter)
    meter.set_passphrase("woaini1314")
    assert meter.strength is None  # being estimated, off the GUI thread
    qtbot.waitUntil(lambda: meter.strength is not None, timeout=WAIT_MS)
    assert meter.strength.score == 0 and meter.bar.filled == 1
    assert meter.verdict.text() == "Very weak"
    assert policy.WARNING_COMMON_ZH in meter.advice.text()

    meter.set_passphrase(STRONG)
    qtbot.waitUntil(lambda: meter.strength is not None, timeout=WAIT_MS)
    assert meter.verdict.text() == "Very strong" and meter.bar.filled == 4
    assert meter.accessibleDescription() == "Very strong"

    with qtbot.waitSignal(meter.changed, timeout=WAIT_MS):
        meter.set_passphrase("")
    assert meter.strength is None and meter.bar.filled == 0 and meter.verdict.text() == ""


def test_meter_estimates_off_the_gui_thread_and_the_newest_text_wins(qtbot) -> None:
    gate = threading.Event()
    calls: list[tuple[str, tuple[str, ...], threading.Thread]] = []

    def slow(text: str, inputs: Sequence[str]) -> Strength:
        calls.append((text, tuple(inputs), threading.current_thread()))
        gate.wait(timeout=5)
        return Strength(len(text) % 5, float(len(text)), "", ())

    meter = StrengthMeter(estimator=slow)
    qtbot.addWidget(meter)
    meter.set_user_inputs(["Li Wei"])
    for text in ("a", "ab", "abc", "abcd"):  # typed while the first is still estimated
        meter.set_passphrase(text)
    gate.set()
    qtbot.waitUntil(lambda: meter.strength is not None, timeout=WAIT_MS)
    assert [c[0] for c in calls] == ["a", "abcd"]  # "ab" and "abc" were skipped
    assert meter.strength.guesses_log10 == 4.0  # the result is the newest text's
    assert all(c[1] == ("Li Wei",) for c in calls)
    assert all(c[2] is not threading.main_thread() for c in calls)


def test_every_advice_sentence_of_the_policy_is_translatable() -> None:
    ours = [
        policy.WARNING_COMMON_ZH,
        policy.WARNING_NAMES,
        policy.WARNING_PINYIN,
        policy.WARNING_NUMBERS,
        policy.WARNING_PERSONAL,
        policy.SUGGESTION_WORDS,
    ]
    assert set(ours) <= set(strength_meter.ADVICE)  # the literals lupdate reads
    for sample in ("woaini1314", "zhangwei520", "aaaaaaaa", "qwertyuiop", "1990-01-01", "Password1"):
        found = policy.estimate(sample)
        for sentence in (found.warning, *found.suggestions):
            assert not sentence or sentence in strength_meter.ADVICE, sentence


# -- the create wizard ---------------------------------------------------------------------


def test_wizard_creates_the_vault_and_shows_its_recovery_code_once(qtbot, runner, tmp_path) -> None:
    path = tmp_path / "vault"
    session = RecordingSession(path)
    wizard = CreateVaultWizard(session, kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == PageId.WELCOME
    assert "encrypted vault on this computer" in wizard.welcome.about.text()
    assert wizard.welcome.folder.text() == str(path)  # the usual place, proposed
    assert not wizard.welcome.problem.isVisible()

    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # Enter advances
    assert wizard.currentId() == PageId.NAME
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # a name is needed
    type_into(qtbot, wizard.name_page.name, "   ")
    assert not next_button.isEnabled()
    type_into(qtbot, wizard.name_page.name, "Adaeze Okonkwo")
    assert wizard.name_page.name.accessibleName() == "Your name"
    qtbot.keyClick(wizard.name_page.name, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.PASSPHRASE

    page = wizard.passphrase_page
    create = wizard.button(QWizard.WizardButton.CommitButton)
    assert create.text() == "Create vault" and create.isVisible()
    assert page.fields.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert page.fields.passphrase.accessibleName() == "Passphrase"
    assert page.fields.repeat.accessibleName() == "Repeat passphrase"

    # Weak, though typed twice alike: refused, and the meter says why.
    type_into(qtbot, page.fields.passphrase, "zhangwei520")
    type_into(qtbot, page.fields.repeat, "zhangwei520")
    # Typed in, the fields still say which is which: labels, not placeholders that go.
    for label, field, text in (
        (page.fields.passphrase_label, page.fields.passphrase, "&Passphrase"),
        (page.fields.repeat_label, page.fields.repeat, "&Repeat passphrase"),
    ):
        assert label.isVisible() and label.text() == text and label.buddy() is field
        assert field.placeholderText() == ""
    qtbot.waitUntil(lambda: page.fields.meter.strength is not None, timeout=WAIT_MS)
    assert not page.fields.meter.strength.acceptable
    assert page.fields.meter.verdict.text() == "Weak"
    assert policy.WARNING_NAMES in page.fields.meter.advice.text()
    assert not create.isEnabled()
    qtbot.keyClick(page.fields.repeat, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.PASSPHRASE and not page.is_busy and session.threads == []

    # The user's own name counts against them.
    type_into(qtbot, page.fields.passphrase, "OkonkwoAdaeze")
    qtbot.waitUntil(lambda: page.fields.meter.strength is not None, timeout=WAIT_MS)
    assert page.fields.meter.strength.warning == policy.WARNING_PERSONAL

    # Strong, but the second differs: refused, and said so.
    type_into(qtbot, page.fields.passphrase, STRONG)
    type_into(qtbot, page.fields.repeat, STRONG[:8])
    assert not page.fields.mismatch.isVisible()  # still typing the second one
    type_into(qtbot, page.fields.repeat, STRONG + "s")
    qtbot.waitUntil(lambda: page.fields.meter.strength is not None, timeout=WAIT_MS)
    assert page.fields.meter.strength.acceptable
    assert page.fields.mismatch.isVisible() and page.fields.mismatch.text() == "The two passphrases differ."
    assert not create.isEnabled()

    type_into(qtbot, page.fields.repeat, STRONG)
    assert not page.fields.mismatch.isVisible() and create.isEnabled()
    qtbot.keyClick(page.fields.repeat, Qt.Key.Key_Return)  # Enter creates
    assert page.is_busy and not page.fields.passphrase.isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    wizard.reject()  # Escape while creating does nothing
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RECOVERY, timeout=WAIT_MS)
    assert session.threads and session.threads[0] is not threading.main_thread()
    assert page.fields.passphrase.text() == "" and page.fields.repeat.text() == ""  # not kept in widgets

    recovery = wizard.recovery_page
    made = session.made[0]
    shown = recovery.code.text()
    assert shown == grouped_code(made.recovery_code)
    assert len(shown.splitlines()) == 2 and len(shown.split()) == 8
    assert normalise_recovery_code(shown) == normalise_recovery_code(made.recovery_code)
    assert recovery.code.accessibleName() == "Recovery code"
    assert recovery.code.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert QApplication.clipboard().text() != made.recovery_code

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text() == "Continue" and not finish.isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    with qtbot.assertNotEmitted(wizard.finished):  # closing now would lose the code
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        wizard.close()
    assert wizard.isVisible()
    wizard.accept()  # nor can it finish before the box is ticked
    assert wizard.isVisible() and wizard.unlocked is None

    assert recovery.written.hasFocus()
    qtbot.keyClick(recovery.written, Qt.Key.Key_Space)  # tick it from the keyboard
    assert recovery.written.isChecked() and finish.isEnabled()
    qtbot.keyClick(recovery.written, Qt.Key.Key_Return)  # Enter continues
    assert not wizard.isVisible()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.unlocked == Unlocked("Adaeze Okonkwo")
    assert recovery.code.text() == ""
    assert session.is_open and is_vault(path)

    # What was shown is the vault's real recovery code, and the passphrase is set.
    runner.shutdown()
    session.lock()
    with Vault.open_with_recovery_code(path, shown, clock=FakeClock()) as vault:
        assert vault.name == "Adaeze Okonkwo"
    Vault.open(path, STRONG, clock=FakeClock()).close()


def test_wizard_shows_a_failed_creation_and_lets_the_user_go_back(qtbot, runner, tmp_path) -> None:
    path = tmp_path / "vault"
    wizard = CreateVaultWizard(VaultSession(path, FakeClock()), kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    path.mkdir()  # after the folder was chosen: the core still refuses to write over it
    (path / "vault.db").write_bytes(b"something already here")
    wizard.name_page.name.setText("Li Wei")
    wizard.next()
    page = wizard.passphrase_page
    page.fields.passphrase.setText(STRONG)
    page.fields.repeat.setText(STRONG)
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    wizard.next()
    qtbot.waitUntil(page.error.isVisible, timeout=WAIT_MS)
    assert "already exists" in page.error.text() and "Traceback" not in page.error.text()
    assert wizard.currentId() == PageId.PASSPHRASE and not page.is_busy
    assert page.fields.passphrase.isEnabled() and page.fields.passphrase.text() == STRONG
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert (path / "vault.db").read_bytes() == b"something already here"
    wizard.reject()
    assert wizard.result() == QWizard.DialogCode.Rejected


def test_wizard_lets_the_worker_choose_where_the_vault_lives(qtbot, runner, tmp_path, monkeypatch) -> None:
    session = RecordingSession(tmp_path / "usual" / "vault")
    wizard = CreateVaultWizard(session, kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    welcome = wizard.welcome
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()

    # Refused, each with a sentence saying why: a folder with other files, a file, a relative path.
    busy = tmp_path / "Documents"
    busy.mkdir()
    (busy / "taxes.pdf").write_bytes(b"%PDF")
    refusals = {
        str(busy): "This folder is not empty.",
        str(busy / "taxes.pdf"): "That is a file, not a folder.",
        "my vault": "Type the folder's whole path",
        "  ": "Choose a folder for the vault.",
    }
    for typed, sentence in refusals.items():
        type_into(qtbot, welcome.folder, typed)
        assert not next_button.isEnabled(), typed
        assert welcome.problem.isVisible() and welcome.problem.text().startswith(sentence), typed
    qtbot.keyClick(welcome.folder, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.WELCOME

    # Browse… proposes the nearest folder that exists; an empty folder chosen there is taken.
    chosen = tmp_path / "Documents" / "Knowhold"
    chosen.mkdir()
    starts: list[Path] = []

    def choose(parent: object, start: Path) -> Path:
        starts.append(start)
        return chosen

    monkeypatch.setattr(Choose, "vault_folder", classmethod(lambda cls, parent, start: choose(parent, start)))
    type_into(qtbot, welcome.folder, str(busy / "not yet" / "there"))
    qtbot.mouseClick(welcome.browse, Qt.MouseButton.LeftButton)
    assert starts == [busy] and welcome.folder.text() == str(chosen)
    assert next_button.isEnabled() and not welcome.problem.isVisible()
    qtbot.keyClick(welcome.folder, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.NAME and session.path == chosen

    wizard.name_page.name.setText("Li Wei")
    wizard.next()
    page = wizard.passphrase_page
    page.fields.passphrase.setText(STRONG)
    page.fields.repeat.setText(STRONG)
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RECOVERY, timeout=WAIT_MS)
    assert is_vault(chosen) and not (tmp_path / "usual").exists()
    runner.shutdown()
    session.lock()


def test_the_vault_made_elsewhere_is_opened_from_the_usual_place(tmp_path, monkeypatch) -> None:
    usual, chosen, other = tmp_path / "usual", tmp_path / "chosen", tmp_path / "other"
    monkeypatch.setattr(app_module, "default_vault_path", lambda environ: usual)
    settings = Settings.at(tmp_path / "settings.ini")
    assert app_module.vault_to_open(usual, settings) == usual  # nothing remembered
    settings.vault_folder = chosen
    assert app_module.vault_to_open(usual, settings) == usual  # remembered, but no vault there (yet)
    Vault.create(chosen, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault.close()
    assert app_module.vault_to_open(usual, settings) == chosen
    assert app_module.vault_to_open(other, settings) == other  # --vault elsewhere: that one
    Vault.create(usual, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault.close()
    assert app_module.vault_to_open(usual, settings) == usual  # a vault in the usual place wins


# -- the recover dialog -----------------------------------------------------------------------


@pytest.fixture
def made_vault(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "vault"
    created = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF)
    created.vault.close()
    return path, created.recovery_code


def test_recover_wrong_code_then_right_code_sets_the_new_passphrase(qtbot, runner, made_vault) -> None:
    path, code = made_vault
    session = RecordingSession(path)
    dialog = RecoverDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code.accessibleName() == "Recovery code"
    assert dialog.fields.passphrase.accessibleName() == "New passphrase"

    type_into(qtbot, dialog.fields.passphrase, "woaini1314")
    type_into(qtbot, dialog.fields.repeat, "woaini1314")
    type_into(qtbot, dialog.code, code)
    qtbot.waitUntil(lambda: dialog.fields.meter.strength is not None, timeout=WAIT_MS)
    assert not dialog.recover_button.isEnabled()  # weak new passphrase

    type_into(qtbot, dialog.fields.passphrase, STRONG)
    type_into(qtbot, dialog.fields.repeat, STRONG)
    type_into(qtbot, dialog.code, "ABCD-1234")  # too short to be a code: never sent
    qtbot.waitUntil(lambda: dialog.fields.meter.strength is not None, timeout=WAIT_MS)
    assert not dialog.recover_button.isEnabled()

    type_into(qtbot, dialog.code, WRONG_CODE)
    assert dialog.recover_button.isEnabled()
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # Enter recovers
    assert dialog.is_busy and not dialog.code.isEnabled()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    assert "does not open this vault" in dialog.error.text()
    assert dialog.isVisible() and not dialog.is_busy and not session.is_open
    assert dialog.fields.passphrase.text() == STRONG  # kept for the next try

    # As people copy it from paper: lower case, spaces, O for 0.
    typed = " ".join(
        normalise_recovery_code(code).lower().replace("0", "o")[i : i + 4] for i in range(0, 32, 4)
    )
    type_into(qtbot, dialog.code, typed)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert dialog.unlocked == Unlocked("Li Wei")
    assert session.is_open
    assert all(t is not threading.main_thread() for t in session.threads) and len(session.threads) == 2
    assert dialog.code.text() == "" and dialog.fields.passphrase.text() == ""

    runner.shutdown()
    session.lock()
    Vault.open(path, STRONG, clock=FakeClock()).close()
    with pytest.raises(WrongSecret):
        Vault.open(path, PASSPHRASE, clock=FakeClock())
    Vault.open_with_recovery_code(path, code, clock=FakeClock()).close()  # the code still works


def test_unlock_dialog_forgot_passphrase_goes_on_as_unlocked(qtbot, runner, made_vault, monkeypatch):
    path, _ = made_vault
    asked: list[VaultSession] = []

    def ask(session: VaultSession, parent=None) -> Unlocked:
        asked.append(session)
        return Unlocked("Li Wei")

    monkeypatch.setattr(RecoverDialog, "ask", staticmethod(ask))
    session = VaultSession(path, FakeClock())
    dialog = UnlockDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.forgot_button.text() == "Forgot passphrase?"
    with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert asked == [session]
    assert blocker.args == [Unlocked("Li Wei")]

    monkeypatch.setattr(RecoverDialog, "ask", staticmethod(lambda session, parent=None: None))
    with qtbot.assertNotEmitted(dialog.unlocked):
        qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)  # cancelled


# -- the app's first start ---------------------------------------------------------------------


@pytest.fixture
def private_settings(tmp_path: Path, monkeypatch) -> Settings:
    settings = Settings.at(tmp_path / "settings.ini")
    monkeypatch.setattr(Settings, "default", classmethod(lambda cls: settings))
    return settings


@pytest.mark.usefixtures("private_settings")
def test_first_start_cancelled_creates_nothing(qtbot, tmp_path, monkeypatch):
    asked: list[Path] = []
    monkeypatch.setattr(
        CreateVaultWizard, "ask", staticmethod(lambda session, kdf=None: asked.append(session.path))
    )
    assert app_module.main(tmp_path / "nowhere") == 0
    assert asked == [tmp_path / "nowhere"]
    assert not is_vault(tmp_path / "nowhere")


@pytest.mark.parametrize("elsewhere", [False, True], ids=["usual-place", "chosen-folder"])
def test_first_start_goes_on_to_the_main_window_on_the_new_vault(
    qtbot, tmp_path, monkeypatch, private_settings, elsewhere
):
    started_on = tmp_path / "vault"
    path = tmp_path / "chosen" if elsewhere else started_on
    seen: list[str] = []

    def ask(session: VaultSession, kdf: Argon2Params | None = None) -> Unlocked:
        session.path = path  # where the worker chose, on the welcome page
        made = session.create("Li Wei", STRONG, FAST_KDF)  # what the wizard leaves behind

        def check() -> None:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
            visible = [w for w in windows if w.isVisible()]
            if not visible:
                QTimer.singleShot(20, check)
                return
            seen.append(visible[0].windowTitle())
            QApplication.quit()

        QTimer.singleShot(0, check)
        return Unlocked(made.name)

    monkeypatch.setattr(CreateVaultWizard, "ask", staticmethod(ask))
    assert app_module.main(started_on) == 0
    assert seen == ["Li Wei — Knowhold"]
    # Made elsewhere than where the app was started: remembered, for the next start.
    assert private_settings.vault_folder == (path if elsewhere else None)
    Vault.open(path, STRONG, clock=FakeClock()).close()  # locked again on the way out
