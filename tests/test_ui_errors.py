"""Core errors as the app shows them: one sentence per class, translated, with the core's details kept."""

from __future__ import annotations

import gettext
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import knowhold.vault
from knowhold.ui.dialogs.unlock import UnlockDialog
from knowhold.ui.errors import SCREEN_SENTENCES, SENTENCES, Screen, message
from knowhold.ui.i18n import ENGLISH, SIMPLIFIED_CHINESE, Translations
from knowhold.ui.tasks import Failure, Op
from knowhold.vault import Vault
from knowhold.vault import i18n as core_i18n
from knowhold.vault.errors import KnowholdError, NoContact, NotFound, VaultInUse, WriteFailed, WrongSecret
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock

# Chinese for a few of the table's sentences, as the shipped catalogue holds them.
CHINESE = {
    SENTENCES[NotFound]: "找不到该条目。",
    SENTENCES[VaultInUse]: "保险库已在另一个 Knowhold 窗口或命令中打开；请先关闭它，然后再试。",
    SCREEN_SENTENCES[Screen.UNLOCK][WrongSecret]: "主密码不正确",
    "Details: {detail}": "详情：{detail}",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, None]:
    path = tmp_path_factory.mktemp("errors-template") / "vault"
    Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault.close()
    return path, None


class _Catalogue(gettext.NullTranslations):
    """A gettext catalogue holding only ``CHINESE``: the rest is not translated yet."""

    def gettext(self, message: str) -> str:
        return CHINESE.get(message, message)


@pytest.fixture
def chinese(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The core's sentences in Chinese from a catalogue holding ``CHINESE``, for the test."""
    monkeypatch.setattr(core_i18n, "catalogue", lambda language: _Catalogue())
    with core_i18n.using(core_i18n.SIMPLIFIED_CHINESE):
        yield
    assert core_i18n.gettext(SENTENCES[NotFound]) == SENTENCES[NotFound]  # English again after


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The shipped English translation, as the app installs it."""
    translations = Translations()
    translations.install(qapp, ENGLISH)
    yield
    translations.remove(qapp)


def core_error_classes() -> set[type[KnowholdError]]:
    """Every KnowholdError subclass defined anywhere in the core, found by importing all of it."""
    for module in pkgutil.walk_packages(knowhold.vault.__path__, "knowhold.vault."):
        importlib.import_module(module.name)
    found: set[type[KnowholdError]] = set()
    waiting: list[type[KnowholdError]] = [KnowholdError]
    while waiting:
        cls = waiting.pop()
        if cls.__module__.startswith("knowhold.vault."):
            found.add(cls)
        waiting.extend(cls.__subclasses__())
    return found


# -- the table ------------------------------------------------------------------------------


def test_every_core_error_class_has_its_own_sentence() -> None:
    classes = core_error_classes()
    assert {"Unfinished", "WriteFailed", "SensitiveRefused"} <= {cls.__name__ for cls in classes}
    missing = sorted(cls.__qualname__ for cls in classes - SENTENCES.keys())
    assert not missing, f"no sentence in ui/errors.py for {missing}"


def test_each_sentence_is_what_an_english_reader_of_its_class_sees() -> None:
    """The translator translates the class's default sentence, so the two never drift apart."""
    for cls, sentence in SENTENCES.items():
        assert sentence == cls.default_message, cls.__qualname__


def test_every_screen_has_a_sentence_of_its_own() -> None:
    assert set(SCREEN_SENTENCES) == set(Screen)
    assert all(SCREEN_SENTENCES.values())


def test_every_sentence_is_translated_in_the_one_catalogue_the_cli_shares() -> None:
    chinese = core_i18n.catalogue(core_i18n.SIMPLIFIED_CHINESE)
    screens = [sentence for table in SCREEN_SENTENCES.values() for sentence in table.values()]
    for sentence in [*SENTENCES.values(), *screens, "Details: {detail}"]:
        assert chinese.gettext(sentence) != sentence, sentence


def test_the_app_language_puts_the_core_sentences_in_it(qapp: QApplication) -> None:
    translations = Translations()
    translations.install(qapp, SIMPLIFIED_CHINESE)
    try:
        assert message(NotFound()) == "找不到该条目。"
        assert message(NotFound("No entry with id 'abc'.")) == "找不到该条目。\n详情：No entry with id 'abc'."
    finally:
        translations.remove(qapp)
    assert message(NotFound()) == NotFound.default_message


# -- English: the core's words --------------------------------------------------------------


def test_english_shows_the_core_message_unchanged(english: None) -> None:
    specific = [
        NotFound("No entry with id 'abc'."),
        NoContact("No contact named 'Ana Díaz'."),
        WriteFailed("The disk holding /media/usb is full; nothing was changed."),
        VaultInUse(),
        KnowholdError(),
    ]
    for error in specific:
        assert message(error) == error.message


def test_a_screen_sentence_replaces_the_class_one_and_keeps_the_details(english: None) -> None:
    assert message(WrongSecret(), Screen.UNLOCK) == "Wrong passphrase"
    assert message(WrongSecret()) == WrongSecret.default_message  # elsewhere, the class's own
    assert message(VaultInUse(), Screen.UNLOCK) == VaultInUse.default_message  # no sentence of its own there
    not_a_vault = WrongSecret("This folder is not a Knowhold vault (no vault key file).")
    assert message(not_a_vault, Screen.UNLOCK) == (
        "Wrong passphrase\nDetails: This folder is not a Knowhold vault (no vault key file)."
    )


# -- another language: the translated sentence, details on a second line ------------------


def test_chinese_shows_the_translated_sentence_and_the_core_details(chinese: None) -> None:
    assert message(NotFound()) == "找不到该条目。"  # the core said nothing more: no details line
    assert message(NotFound("No entry with id 'abc'.")) == "找不到该条目。\n详情：No entry with id 'abc'."
    assert message(WrongSecret(), Screen.UNLOCK) == "主密码不正确"


def test_the_most_specific_class_with_a_sentence_is_used(chinese: None) -> None:
    class Unlisted(NotFound):
        """A subclass with no sentence of its own: it says its parent's."""

    assert message(Unlisted("Entry 7 has no version 3.")) == "找不到该条目。\n详情：Entry 7 has no version 3."


def test_a_sentence_not_yet_translated_shows_the_core_message(chinese: None) -> None:
    error = NoContact("No contact named 'Ana Díaz'.")
    assert message(error) == error.message  # no worse than English: never the bare class sentence


# -- through the worker and the widgets, with the real core ---------------------------------


def failure_of(qtbot, fn) -> Failure:  # type: ignore[no-untyped-def]
    failures: list[Failure] = []
    Op(None, fn, lambda _result: None).failure(failures.append).run()
    qtbot.waitUntil(lambda: bool(failures), timeout=UI_WAIT_MS)
    return failures[0]


def test_the_english_app_shows_the_core_message_of_a_failed_op(qtbot, session, english) -> None:
    failure = failure_of(qtbot, lambda: session.entry("0000000000"))
    assert isinstance(failure.error, NotFound)
    assert failure.message == "No entry with id '0000000000'."


def test_an_unexpected_failure_keeps_its_one_sentence_on_every_screen() -> None:
    failure = Failure("Something unexpected went wrong. The details are in the log.", None)
    assert failure.message_on(Screen.UNLOCK) == failure.message


def test_the_chinese_app_shows_a_chinese_sentence_for_a_core_error(qtbot, session, chinese) -> None:
    failure = failure_of(qtbot, lambda: session.entry("0000000000"))
    assert failure.message == "找不到该条目。\n详情：No entry with id '0000000000'."
    assert failure.message_on(Screen.UNLOCK) == failure.message  # unlock has no sentence of its own for it


def test_the_chinese_unlock_dialog_says_wrong_passphrase_in_chinese(
    qtbot, runner, locked_session, chinese
) -> None:
    dialog = UnlockDialog(locked_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unlock_with("not the passphrase")
    qtbot.waitUntil(dialog.error.isVisible, timeout=UI_WAIT_MS)
    assert dialog.error.text() == "主密码不正确"
