"""The app's languages: which translation to load, loaded from ``resources``.

Knowhold's own translations live in ``resources/translations`` as Qt ``.ts``
sources (edited by people, kept in git) and compiled ``.qm`` files (what is
loaded). English needs one too: it holds only plural forms, so "%n entries"
reads "1 entry". ``make translations`` refreshes both from the sources.

The ``.qm`` bytes come through importlib.resources, as icons do, so a source
run, a wheel and the frozen app take the same path. Qt's own strings (the
buttons of standard dialogs) come from Qt's translations where the Qt build
ships them. The core's error sentences are not Qt's: they come from the
gettext catalogue the command line shares (``vault/i18n.py``), put in the
same language here.

Chinese needs a font that draws it, and neither Qt nor the frozen app brings
one: on a system without, every Chinese word would be a row of boxes. Then
the app speaks English, and says why once (``fallback_notice``).
"""

from __future__ import annotations

import logging
import sys
from importlib import resources
from importlib.resources.abc import Traversable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from knowhold.vault import i18n as core_i18n
from knowhold.vault.i18n import ENGLISH, SIMPLIFIED_CHINESE, language_for

log = logging.getLogger(__name__)

# Common characters of the app's own Chinese words (保险库, 授权, 条目, 主密码):
# a font that draws these draws the screens.
_CHINESE_SAMPLE = "保险库授权条目主密码"

NO_CHINESE_FONT = (
    "No installed font shows Chinese, so Knowhold is in English. "
    "Install one (such as Noto Sans CJK) to use it in Chinese."
)


def QT_TRANSLATE_NOOP(context: str, text: str, /) -> str:
    """Mark ``text`` for lupdate under ``context``; return it untranslated.

    Qt's own returns its argument too, but PySide6's stubs say ``object``, so
    every table of marked strings failed type checking. lupdate finds the
    calls by this name, whatever module they import it from.
    """
    del context  # only lupdate reads it, from the source
    return text


def _translations() -> Traversable:
    return resources.files("knowhold.resources") / "translations"


def shipped_languages() -> frozenset[str]:
    """The languages whose compiled translation is in ``resources/translations``."""
    prefix, suffix = "knowhold_", ".qm"
    return frozenset(
        item.name[len(prefix) : -len(suffix)]
        for item in _translations().iterdir()
        if item.name.startswith(prefix) and item.name.endswith(suffix)
    )


def chinese_font_installed() -> bool:
    """Whether some installed font draws common Chinese characters (needs a QGuiApplication)."""
    return any(
        all(QFontMetrics(QFont(family)).inFontUcs4(ord(ch)) for ch in _CHINESE_SAMPLE)
        for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    )


def translation_bytes(language: str) -> bytes:
    """The compiled translation ``resources/translations/knowhold_<language>.qm``."""
    return (_translations() / f"knowhold_{language}.qm").read_bytes()


class Translations:
    """The translators installed on the application, kept alive while it runs."""

    def __init__(self) -> None:
        self._translators: list[QTranslator] = []
        # QTranslator.load(bytes) reads the buffer in place without copying it:
        # the bytes must live as long as the translator.
        self._buffers: list[bytes] = []
        self.language = ENGLISH
        # Why the app is not in the language the system asks for, to say once (or None).
        self.fallback_notice: str | None = None

    def install(self, app: QCoreApplication, language: str) -> None:
        """Load ``language`` (a shipped one) and Qt's own strings for it."""
        self.remove(app)
        if language not in shipped_languages():
            raise ValueError(f"no translation for {language!r}")
        self.language = language
        core_i18n.use(language)
        data = translation_bytes(language)
        ours = QTranslator()
        if not ours.load(data):
            raise ValueError(f"resources/translations/knowhold_{language}.qm is not a translation")
        self._add(app, ours, data)
        qt_own = QTranslator()
        directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if language != ENGLISH and qt_own.load(f"qtbase_{language}", directory):
            self._add(app, qt_own, None)

    def install_for_system(self, app: QCoreApplication) -> str:
        """Load the language the user's system prefers, if a font can show it; returns which one."""
        language = language_for(QLocale.system().uiLanguages(), shipped_languages())
        self.fallback_notice = None
        if language == SIMPLIFIED_CHINESE and not chinese_font_installed():
            language, self.fallback_notice = ENGLISH, NO_CHINESE_FONT
            log.warning("%s", NO_CHINESE_FONT)
            sys.stderr.write(f"knowhold: {NO_CHINESE_FONT}\n")
        self.install(app, language)
        return language

    def remove(self, app: QCoreApplication) -> None:
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators.clear()
        self._buffers.clear()
        core_i18n.use(ENGLISH)

    def _add(self, app: QCoreApplication, translator: QTranslator, data: bytes | None) -> None:
        app.installTranslator(translator)
        self._translators.append(translator)
        if data is not None:
            self._buffers.append(data)
