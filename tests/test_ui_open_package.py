"""Opening a license package in the app: the report check by check, trust, and nothing stored unasked."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import shiboken6
from PySide6.QtCore import Qt

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.i18n import SIMPLIFIED_CHINESE, Translations
from knowhold.ui.launcher import package_argument
from knowhold.ui.licensing import open_package
from knowhold.ui.licensing.check_words import CHECK_WORDS
from knowhold.ui.licensing.open_package import (
    OpenPackageDialog,
    ask_open_package,
    is_package,
)
from knowhold.ui.session import VaultSession
from knowhold.ui.single_instance import (
    COMMAND,
    MAX_REQUEST,
    OPEN_COMMAND,
    BadRequest,
    SingleInstance,
    open_request,
    parse_request,
)
from knowhold.ui.tasks import Op
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Contacts, Identity, PublicIdentity, load_identity
from knowhold.vault.licensing.package import MAX_FILE, parse_package
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.verify import CHECKS
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.licensing_kit import DAY, flipped, make_package, snapshot, trust

T = TypeVar("T")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PublicIdentity]:
    """The employer's vault, closed, and its public identity (what packages are addressed to)."""
    path = tmp_path_factory.mktemp("employer-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Acme Support", kdf=FAST_KDF).vault
    try:
        public = load_identity(vault.db).public
    finally:
        vault.close()
    return path, public


@pytest.fixture
def me(template) -> PublicIdentity:
    return template[1]


def on_worker(qtbot, session: VaultSession, fn: Callable[[Vault], T]) -> T:
    """``fn(vault)`` on the app's worker, as the dialog's own calls run; its result."""
    done: list[T] = []
    Op(None, lambda: fn(session.vault()), done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=UI_WAIT_MS)
    return done[0]


def write(tmp_path: Path, data: bytes, name: str = "license.knowhold") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def opened(qtbot, session: VaultSession, path: Path) -> OpenPackageDialog:
    dialog = OpenPackageDialog(session, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.examined is not None or dialog.add_button.isHidden(), timeout=UI_WAIT_MS)
    return dialog


def shown_red(dialog: OpenPackageDialog, check: str) -> bool:
    row = dialog.check_rows[check]
    return all("color" in label.styleSheet() for label in (row.mark, row.title, row.sentence))


def held(qtbot, session: VaultSession) -> list[str]:
    return on_worker(qtbot, session, lambda v: [r.license_id for r in Library(v).licenses()])


# -- a good package -----------------------------------------------------------------


def test_a_trusted_licensors_package_is_all_green_and_added(qtbot, session, tmp_path, licensor, me):
    on_worker(qtbot, session, lambda v: trust(v, licensor))
    data = make_package(licensor, me, fee=("1200", "CNY"), per="month", text="Use inside Acme only.")
    license_id = parse_package(data).manifest.license_id
    dialog = opened(qtbot, session, write(tmp_path, data))

    assert "genuine and made for you" in dialog.headline.text()
    marks = {name: row.mark.text() for name, row in dialog.check_rows.items()}
    assert marks == {
        "format": "✓",
        "integrity": "✓",
        "addressed": "✓",
        "clock": "✓",
        "not-before": "✓",
        "expiry": "✓",
        "revocation": "✓",
        "status": "–",  # this license asks for no status updates
        "trust": "✓",
        "permissions": "–",
    }
    assert dialog.check_rows["addressed"].title.text() == "Addressed to this vault"
    assert dialog.check_rows["addressed"].sentence.text() == "Made for this vault: only you can open it."
    assert dialog.check_rows["trust"].detail.text().startswith("verified contact Li Wei")  # the core's words
    assert not any(shown_red(dialog, name) for name in dialog.check_rows)
    assert dialog.licensor.text() == "Li Wei"
    assert dialog.fingerprint.text() == licensor.public.fingerprint
    assert dialog.license_id.text() == license_id
    assert dialog.entry_count.text() == "2 entries"
    assert dialog.terms.compensation.text() == "1200.00 CNY per month"
    assert dialog.terms.text.toPlainText() == "Use inside Acme only."
    assert dialog.trust_box.isHidden()
    assert held(qtbot, session) == []  # shown, not stored

    assert dialog.add_button.isEnabled()
    with qtbot.waitSignal(dialog.ingested, timeout=UI_WAIT_MS) as signal:
        dialog.add_button.click()
    assert signal.args == [license_id]
    assert held(qtbot, session) == [license_id]
    assert not dialog.isVisible()


def test_closing_the_report_stores_nothing(qtbot, session, tmp_path, licensor, me):
    before = on_worker(qtbot, session, snapshot)
    dialog = opened(qtbot, session, write(tmp_path, make_package(licensor, me)))
    assert dialog.examined is not None
    dialog.close()
    assert on_worker(qtbot, session, snapshot) == before


def test_the_same_package_twice_says_it_is_already_held(qtbot, session, tmp_path, licensor, me):
    on_worker(qtbot, session, lambda v: trust(v, licensor))
    data = make_package(licensor, me)
    on_worker(qtbot, session, lambda v: Library(v).ingest(data, trust=False))
    dialog = opened(qtbot, session, write(tmp_path, data))
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=UI_WAIT_MS)
    assert dialog.message.text() == "This license is already in your library; nothing changed."
    assert not dialog.add_button.isEnabled()


def test_a_license_not_started_yet_is_added_with_its_content_locked(qtbot, session, tmp_path, licensor, me):
    on_worker(qtbot, session, lambda v: trust(v, licensor))
    data = make_package(licensor, me, not_before=START + 3 * DAY)
    dialog = opened(qtbot, session, write(tmp_path, data))
    row = dialog.check_rows["not-before"]
    assert row.mark.text() == "!" and not shown_red(dialog, "not-before")
    assert "stays locked until it starts" in row.sentence.text()
    with qtbot.waitSignal(dialog.ingested, timeout=UI_WAIT_MS):
        dialog.add_button.click()
    assert len(held(qtbot, session)) == 1


# -- an unknown licensor --------------------------------------------------------------


def test_an_unknown_licensor_must_be_compared_before_adding(qtbot, session, tmp_path, licensor, me):
    dialog = opened(qtbot, session, write(tmp_path, make_package(licensor, me)))
    assert "not one of your contacts" in dialog.headline.text()
    assert dialog.check_rows["trust"].mark.text() == "!"
    assert not dialog.trust_box.isHidden()
    assert dialog.trust_fingerprint.text() == licensor.public.fingerprint
    assert "in person or by phone" in dialog.trust_explain.text()
    assert not dialog.add_button.isEnabled()

    dialog.compare_edit.setText("not a fingerprint")
    dialog.verify_button.click()
    assert "8 groups of 4" in dialog.compare_result.text()
    other = Identity.generate("Li Wei", created_at=START).public.fingerprint
    dialog.compare_edit.setText(other)
    dialog.verify_button.click()
    assert "do not match" in dialog.compare_result.text()
    assert not dialog.add_button.isEnabled()

    # Read out over the phone and typed as heard: lower case, spaces, O for 0.
    typed = licensor.public.fingerprint.lower().replace("-", " ").replace("0", "o")
    dialog.compare_edit.setText(typed)
    dialog.verify_button.click()
    assert "match" in dialog.compare_result.text() and "do not" not in dialog.compare_result.text()
    assert dialog.add_button.isEnabled()
    dialog.compare_edit.setText(typed + "x")  # changed after the comparison: compare again
    assert not dialog.add_button.isEnabled()
    dialog.compare_edit.setText(typed)
    dialog.verify_button.click()

    with qtbot.waitSignal(dialog.ingested, timeout=UI_WAIT_MS):
        dialog.add_button.click()
    contact = on_worker(qtbot, session, lambda v: Contacts(v.db).by_signing_key(licensor.public.signing_key))
    assert contact is not None and contact.verified
    assert len(held(qtbot, session)) == 1


def test_trusting_without_verifying_is_a_choice_made_on_purpose(qtbot, session, tmp_path, licensor, me):
    dialog = opened(qtbot, session, write(tmp_path, make_package(licensor, me)))
    assert not dialog.add_button.isEnabled()
    dialog.trust_anyway.setChecked(True)
    assert dialog.add_button.isEnabled()
    with qtbot.waitSignal(dialog.ingested, timeout=UI_WAIT_MS):
        dialog.add_button.click()
    contact = on_worker(qtbot, session, lambda v: Contacts(v.db).by_signing_key(licensor.public.signing_key))
    assert contact is not None and not contact.verified  # pinned, and known to be unverified


def test_a_known_name_with_other_keys_is_refused_at_add_with_nothing_stored(
    qtbot, session, tmp_path, licensor, me
):
    on_worker(qtbot, session, lambda v: trust(v, licensor))
    impostor = Identity.generate("Li Wei", created_at=START - DAY)
    before = on_worker(qtbot, session, snapshot)
    dialog = opened(qtbot, session, write(tmp_path, make_package(impostor, me)))
    assert not dialog.trust_box.isHidden()  # their keys are unknown, whatever the name
    dialog.trust_anyway.setChecked(True)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=UI_WAIT_MS)
    assert "KEY CHANGE" in dialog.message.text() and "color" in dialog.message.styleSheet()
    assert on_worker(qtbot, session, snapshot) == before


# -- what cannot be added -------------------------------------------------------------


@pytest.mark.parametrize("where", ["manifest", "payload"])
def test_a_tampered_package_shows_the_check_that_failed_and_stores_nothing(
    qtbot, session, tmp_path, licensor, me, where
):
    on_worker(qtbot, session, lambda v: trust(v, licensor))
    data = make_package(licensor, me)
    package = parse_package(data)
    offset = 40 if where == "manifest" else len(data) - len(package.payload) // 2
    before = on_worker(qtbot, session, snapshot)
    dialog = opened(qtbot, session, write(tmp_path, flipped(data, offset)))

    failed = "format" if where == "manifest" else "integrity"
    assert shown_red(dialog, failed) and dialog.check_rows[failed].mark.text() == "✗"
    name = dialog.check_rows[failed].title.text()
    assert name in dialog.headline.text()
    assert "color" in dialog.headline.styleSheet()
    assert dialog.add_button.isHidden()
    dialog.add()  # even asked directly, it stores nothing
    dialog.close()
    assert on_worker(qtbot, session, snapshot) == before


def test_a_package_for_another_vault_says_so(qtbot, session, tmp_path, licensor, other_licensee):
    on_worker(qtbot, session, lambda v: trust(v, licensor))
    dialog = opened(qtbot, session, write(tmp_path, make_package(licensor, other_licensee.public)))
    assert shown_red(dialog, "addressed")
    assert "Not addressed to this vault" in dialog.check_rows["addressed"].sentence.text()
    assert "Other Co" in dialog.check_rows["addressed"].detail.text()
    assert "Addressed to this vault" in dialog.headline.text()
    assert dialog.add_button.isHidden()


def test_an_ended_license_cannot_be_added(qtbot, session, tmp_path, licensor, me):
    on_worker(qtbot, session, lambda v: trust(v, licensor))
    data = make_package(licensor, me, issued_at=START - 40 * DAY, expires_at=START - DAY)
    dialog = opened(qtbot, session, write(tmp_path, data))
    assert shown_red(dialog, "expiry")
    assert dialog.add_button.isHidden()


def test_a_file_that_is_not_a_package_is_one_clear_line(qtbot, session, tmp_path):
    dialog = opened(qtbot, session, write(tmp_path, b"# Notes\n\nNot a package.\n", "notes.knowhold"))
    assert dialog.headline.text() == "Nothing can be added from this file: the check “Signature” failed."
    assert list(dialog.check_rows) == ["format"]  # the one check that ran and failed, nothing else
    assert dialog.check_rows["format"].detail.text() == "This is not a Knowhold license package."
    assert dialog.terms_box.isHidden() and dialog.add_button.isHidden()


def test_an_oversized_file_is_refused_unread(qtbot, session, tmp_path):
    path = tmp_path / "huge.knowhold"
    with path.open("wb") as f:
        f.truncate(MAX_FILE + 1)  # sparse: refused from its size alone, never read
    dialog = opened(qtbot, session, path)
    assert dialog.headline.text() == "huge.knowhold is larger than any license package can be."
    assert dialog.check_rows == {}


def test_a_missing_file_or_a_folder_is_one_clear_line(qtbot, session, tmp_path):
    missing = opened(qtbot, session, tmp_path / "gone.knowhold")
    assert missing.headline.text() == f"There is no file at {tmp_path / 'gone.knowhold'}."
    folder = tmp_path / "folder.knowhold"
    folder.mkdir()
    dialog = opened(qtbot, session, folder)
    assert dialog.headline.text() == "folder.knowhold is a folder, not a license package."


def test_names_from_a_package_are_plain_text(qtbot, session, tmp_path, me):
    mallory = Identity.generate("<b>Li</b> Wei", created_at=START - DAY)
    dialog = opened(qtbot, session, write(tmp_path, make_package(mallory, me)))
    assert dialog.licensor.text() == "<b>Li</b> Wei"
    assert dialog.licensor.textFormat() == Qt.TextFormat.PlainText
    assert dialog.headline.textFormat() == Qt.TextFormat.PlainText


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The app in Chinese, installed as the app does it: its screens and the core's sentences."""
    translations = Translations()
    translations.install(qapp, SIMPLIFIED_CHINESE)
    yield
    translations.remove(qapp)


def test_the_cores_details_are_in_the_apps_language(qtbot, chinese, session, tmp_path, me):
    wang = Identity.generate("<b>王芳</b> Wang Fang", created_at=START - DAY)
    dialog = opened(qtbot, session, write(tmp_path, make_package(wang, me)))
    rows = dialog.check_rows
    assert rows["addressed"].title.text() == "发给此保险库"
    assert rows["addressed"].detail.text() == f"接收方为此保险库（{me.fingerprint}）"
    assert rows["integrity"].detail.text() == "2 个条目均已解密，且与各自的哈希值相符"
    # The licensor's name and fingerprint are put in as they came: data, never markup.
    trust = rows["trust"].detail
    assert trust.text() == f"未知：<b>王芳</b> Wang Fang（{wang.public.fingerprint}）不是联系人"
    assert trust.textFormat() == Qt.TextFormat.PlainText
    assert all(CJK.search(row.detail.text()) for row in rows.values())


# -- how the window opens it ----------------------------------------------------------------


def test_every_check_the_core_makes_has_words():
    assert set(CHECK_WORDS) == {name for name, _code, _fn in CHECKS}


def test_packages_are_known_by_their_name():
    assert is_package(Path("a/License.KNOWHOLD"))
    assert not is_package(Path("notes.md")) and not is_package(Path("knowhold"))


def test_open_license_asks_for_a_file_and_remembers_its_folder(
    qtbot, session, settings, tmp_path, licensor, me, monkeypatch
):
    path = write(tmp_path, make_package(licensor, me))
    asked: list[Path | None] = []

    def choose(_parent: object, start: Path | None) -> Path | None:
        asked.append(start)
        return path if len(asked) == 1 else None

    monkeypatch.setattr(Choose, "package_to_open", classmethod(lambda cls, *args: choose(*args)))
    parent = open_package.QWidget()
    qtbot.addWidget(parent)
    dialog = ask_open_package(parent, session, settings)
    assert dialog is not None and dialog.path == path and dialog.isVisible()
    assert settings.package_folder == str(tmp_path)
    assert ask_open_package(parent, session, settings) is None  # cancelled: no dialog
    assert asked == [None, tmp_path]
    dialog.close()


# -- starting the app on a package ------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "rest", "package"),
    [
        (["license.knowhold"], [], "license.knowhold"),
        (["--vault", "v.knowhold", "a/b.KNOWHOLD"], ["--vault", "v.knowhold"], "a/b.KNOWHOLD"),
        (
            ["--json", "--passphrase-file", "p", "x.knowhold"],
            ["--json", "--passphrase-file", "p"],
            "x.knowhold",
        ),
        (["verify", "x.knowhold"], ["verify", "x.knowhold"], None),  # the command, as before
        (["received", "ingest", "x.knowhold"], ["received", "ingest", "x.knowhold"], None),
        (["--vault", "v"], ["--vault", "v"], None),
        (["--lang", "zh-CN", "x.knowhold"], ["--lang", "zh-CN"], "x.knowhold"),
        ([], [], None),
    ],
)
def test_a_package_named_in_the_commands_place_opens_the_app_on_it(argv, rest, package):
    assert package_argument(argv) == (rest, None if package is None else Path(package))


def test_open_requests_carry_an_absolute_path_and_nothing_else(tmp_path):
    name = tmp_path / "李伟 license.knowhold"
    request = open_request(name)
    assert request is not None and request.endswith(b"\n")
    assert parse_request(request) == name
    for cut in range(len(request)):
        assert parse_request(request[:cut]) is None  # incomplete, never wrong
    assert parse_request(COMMAND) is True
    assert open_request(Path("relative.knowhold")) == open_request(Path.cwd() / "relative.knowhold")
    hostile = [
        OPEN_COMMAND + base64.b64encode(b"relative.knowhold") + b"\n",
        OPEN_COMMAND + base64.b64encode(b"/tmp/a\0b") + b"\n",
        OPEN_COMMAND + b"not base64!\n",
        OPEN_COMMAND + b"QQ=x\n",
        OPEN_COMMAND + b"\n",
        OPEN_COMMAND + b"QUFB\n\n",
        OPEN_COMMAND + b"A" * MAX_REQUEST,
        b"KNOWHOLD-OPEN?",
    ]
    for data in hostile:
        with pytest.raises(BadRequest):
            parse_request(data)


@pytest.fixture
def instances(qtbot) -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.close()
        shiboken6.delete(instance)


def test_a_second_start_on_a_package_hands_it_to_the_first(qtbot, tmp_path, instances):
    vault_path = tmp_path / "vault"
    first, second = SingleInstance(vault_path), SingleInstance(vault_path)
    instances += [first, second]
    assert first.claim()
    raised: list[bool] = []
    first.raise_requested.connect(lambda: raised.append(True))
    package = tmp_path / "license.knowhold"
    with qtbot.waitSignal(first.open_requested, timeout=UI_WAIT_MS) as signal:
        assert not second.claim(package)
    assert signal.args == [package]
    assert raised == []


def test_a_second_process_on_a_package_hands_it_over_and_exits_with_0(qtbot, tmp_path, instances):
    vault_path = tmp_path / "vault"  # the request comes before any vault is read
    first = SingleInstance(vault_path)
    instances.append(first)
    assert first.claim()
    asked: list[Path] = []
    first.open_requested.connect(asked.append)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    with subprocess.Popen(
        [sys.executable, "-m", "knowhold.ui.launcher", "--vault", str(vault_path), "license.knowhold"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
        finally:
            if process.poll() is None:
                process.kill()
        _, stderr = process.communicate()
    assert process.returncode == 0
    assert stderr.strip().splitlines() == [
        "knowhold: this vault is already open; the package was passed to its window."
    ]
    assert asked == [tmp_path / "license.knowhold"]  # made absolute by the process that was started


def test_a_package_asked_for_while_locked_opens_once_unlocked(qtbot, shell, tmp_path):
    requested: list[Path] = []
    shell.package_requested.connect(requested.append)
    shell.start()
    package = tmp_path / "license.knowhold"
    shell.open_package(package)
    assert requested == []  # nothing is verified against a locked vault
    shell.unlock_dialog.unlock_with(PASSPHRASE)
    qtbot.waitUntil(lambda: shell.window.isVisible(), timeout=UI_WAIT_MS)
    assert requested == [package]
    later = tmp_path / "later.knowhold"
    shell.open_package(later)
    assert requested == [package, later]  # unlocked: at once
