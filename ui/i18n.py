"""The app's languages: which translation to load, loaded from ``resources``.

Knowhold's own translations live in ``resources/translations`` as Qt ``.ts``
sources (edited by people, kept in git) and compiled ``.qm`` files (what is
loaded). English needs one too: it holds only plural forms, so "%n entries"
reads "1 entry". ``make translations`` refreshes both from the sources.

The ``.qm`` bytes come through importlib.resources, as icons do, so a source
run, a wheel and the frozen app take the same path. Qt's own strings (the
buttons of standard dialogs) come from Qt's translations where the Qt build
ships them.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# Languages by Qt locale name. Chinese in simplified script only: a reader of
# traditional script gets English rather than a guess.
ENGLISH = "en"
SIMPLIFIED_CHINESE = "zh_CN"

_SIMPLIFIED_SCRIPT_COUNTRIES = ("CN", "SG", "MY")


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


def language_for(ui_languages: list[str], shipped: frozenset[str]) -> str:
    """The shipped language to use for a user's preferred languages, best first.

    ``ui_languages`` is what ``QLocale.uiLanguages()`` gives: BCP 47 tags such
    as ``zh-Hans-CN``, ``zh-TW``, ``en-GB``. English is the fallback.
    """
    for tag in ui_languages:
        parts = tag.replace("_", "-").split("-")
        language = parts[0].lower()
        if language == "en":
            return ENGLISH
        if language == "zh" and SIMPLIFIED_CHINESE in shipped:
            rest = [part.upper() if len(part) == 2 else part.title() for part in parts[1:]]
            if "Hant" in rest:
                continue
            if "Hans" in rest or not rest or any(c in rest for c in _SIMPLIFIED_SCRIPT_COUNTRIES):
                return SIMPLIFIED_CHINESE
    return ENGLISH


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

    def install(self, app: QCoreApplication, language: str) -> None:
        """Load ``language`` (a shipped one) and Qt's own strings for it."""
        self.remove(app)
        if language not in shipped_languages():
            raise ValueError(f"no translation for {language!r}")
        self.language = language
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
        """Load the language the user's system prefers; returns which one."""
        language = language_for(QLocale.system().uiLanguages(), shipped_languages())
        self.install(app, language)
        return language

    def remove(self, app: QCoreApplication) -> None:
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators.clear()
        self._buffers.clear()

    def _add(self, app: QCoreApplication, translator: QTranslator, data: bytes | None) -> None:
        app.installTranslator(translator)
        self._translators.append(translator)
        if data is not None:
            self._buffers.append(data)
