"""Translations: chosen from the system's languages (when a font can show them), complete, and in step
with the code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFontDatabase

from knowhold.ui import i18n
from knowhold.ui.i18n import ENGLISH, SIMPLIFIED_CHINESE, Translations, language_for, shipped_languages
from knowhold.vault import i18n as core_i18n

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
LANGUAGES = sorted(path.stem.removeprefix("knowhold_") for path in TS_DIR.glob("knowhold_*.ts"))
# Placeholders a translation must keep (the same as tests/test_cli_i18n.py's for the gettext catalogue).
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sr]|%[srd]|%n|%L?\d")


def tool(name: str) -> str:
    path = shutil.which(f"pyside6-{name}", path=str(BIN)) or shutil.which(f"pyside6-{name}")
    if path is None:
        pytest.fail(f"pyside6-{name} is not installed (it comes with PySide6)")
    return path


def messages(language: str) -> list[ET.Element]:
    tree = ET.parse(TS_DIR / f"knowhold_{language}.ts")
    return tree.findall(".//message")


def forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    numerus = translation.findall("numerusform")
    return [form.text or "" for form in numerus] if numerus else [translation.text or ""]


@pytest.mark.parametrize(
    ("ui_languages", "expected"),
    [
        (["zh-Hans-CN", "en-US"], SIMPLIFIED_CHINESE),
        (["zh-CN"], SIMPLIFIED_CHINESE),
        (["zh_SG"], SIMPLIFIED_CHINESE),
        (["zh"], SIMPLIFIED_CHINESE),
        (["zh-Hant-TW", "zh-TW"], ENGLISH),  # no traditional-script translation: not a guess
        (["zh-TW", "zh-CN"], SIMPLIFIED_CHINESE),  # a later preference that we do have
        (["de-DE", "en-GB"], ENGLISH),
        (["fr-FR"], ENGLISH),
        ([], ENGLISH),
    ],
)
def test_language_follows_the_first_preference_that_ships(ui_languages, expected):
    assert language_for(ui_languages, frozenset({ENGLISH, SIMPLIFIED_CHINESE})) == expected
    assert language_for(ui_languages, frozenset({ENGLISH})) == ENGLISH


def test_every_translation_source_ships_compiled():
    assert ENGLISH in LANGUAGES
    assert shipped_languages() == frozenset(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_sources_are_in_step_with_the_code(tmp_path, language):
    """`make translations` would change nothing: every string in ui/ is in the .ts file."""
    copy = tmp_path / f"knowhold_{language}.ts"
    shutil.copy(TS_DIR / copy.name, copy)
    sources = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
    flags = ["-pluralonly"] if language == ENGLISH else []
    subprocess.run(
        [
            tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *flags,
            "-target-language",
            language,
            *sources,
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    assert copy.read_bytes() == (TS_DIR / copy.name).read_bytes(), "run `make translations`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_translations_are_fresh(tmp_path, language):
    compiled = tmp_path / f"knowhold_{language}.qm"
    subprocess.run(
        [tool("lrelease"), "-silent", str(TS_DIR / f"knowhold_{language}.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (TS_DIR / compiled.name).read_bytes(), "run `make translations`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language):
    found = messages(language)
    assert found, "no messages: is the .ts file empty?"
    for message in found:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") != "unfinished", source
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for form in forms(message):
            assert form.strip(), source
            # A missing placeholder shows the user a sentence without its name or number.
            assert sorted(set(PLACEHOLDER.findall(form))) == wanted, (source, form)


def test_english_plural_forms(qapp):
    found = {message.findtext("source"): forms(message) for message in messages(ENGLISH)}
    assert all(message.get("numerus") == "yes" for message in messages(ENGLISH))
    assert "%n entries" in found and len(found["%n entries"]) == 2
    translations = Translations()
    translations.install(qapp, ENGLISH)
    try:
        assert QCoreApplication.translate("StatusCount", "%n entries", "", 1) == "1 entry"
        assert QCoreApplication.translate("StatusCount", "%n entries", "", 3) == "3 entries"
        assert QCoreApplication.translate("StatusCount", "%n entries", "", 0) == "0 entries"
    finally:
        translations.remove(qapp)
    assert QCoreApplication.translate("StatusCount", "%n entries", "", 1) == "1 entries"


def test_unknown_language_is_refused(qapp):
    with pytest.raises(ValueError):
        Translations().install(qapp, "xx")


def test_every_count_is_a_plural_message():
    """A "%n" that lupdate did not take for a plural (``QCoreApplication.translate(ctx, text, "", n)``
    is read as an encoding, not a count) never reaches the English file: users read "day(s)"."""
    for message in messages(SIMPLIFIED_CHINESE):
        if "%n" in (message.findtext("source") or ""):
            assert message.get("numerus") == "yes", message.findtext("source")


# -- Chinese needs a font that draws it ----------------------------------------------------------


@pytest.fixture
def chinese_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))


@pytest.mark.usefixtures("chinese_system")
def test_chinese_with_a_font_that_shows_it(qapp, monkeypatch, capsys) -> None:
    monkeypatch.setattr(i18n, "chinese_font_installed", lambda: True)
    translations = Translations()
    try:
        assert translations.install_for_system(qapp) == SIMPLIFIED_CHINESE
        assert translations.fallback_notice is None
        assert core_i18n.current_language() == SIMPLIFIED_CHINESE  # the core's sentences too
    finally:
        translations.remove(qapp)
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("chinese_system")
def test_without_a_chinese_font_the_app_speaks_english_and_says_why_once(qapp, monkeypatch, capsys) -> None:
    monkeypatch.setattr(i18n, "chinese_font_installed", lambda: False)
    translations = Translations()
    try:
        assert translations.install_for_system(qapp) == ENGLISH
        assert translations.fallback_notice == i18n.NO_CHINESE_FONT
        assert core_i18n.current_language() == ENGLISH
    finally:
        translations.remove(qapp)
    err = capsys.readouterr().err
    assert err == f"knowhold: {i18n.NO_CHINESE_FONT}\n"


def test_the_font_check_asks_the_installed_fonts(qapp, monkeypatch) -> None:
    assert isinstance(i18n.chinese_font_installed(), bool)
    # A font database with no Chinese family (a bare system): no font shows Chinese.
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: []))
    assert not i18n.chinese_font_installed()
