"""The command line's language, and the one catalogue the core's sentences are translated from.

Knowhold speaks English and Simplified Chinese. The desktop app translates
its screens with Qt (``ui/i18n.py``, ``resources/translations``); the command
line, which never loads Qt, and the sentences of the core's errors, which both
faces show, are translated here with the standard library's gettext, from
``resources/locale/zh_CN.po`` compiled to ``zh_CN.mo`` (``make translations``
extracts, updates and compiles it with Babel). English is the source language
and needs no catalogue.

One language is in use at a time (``using``): the command line's from
``--lang`` or the system (``language_from_environment``), the app's the one its
screens are shown in, so its dialogs and the core's sentences never disagree.
Only text for people changes: JSON keys, codes, ids and exit codes are the
same in every language.

The ``.mo`` bytes are read with importlib.resources, as the app's icons are,
so a source run, a wheel and the frozen app read the same file.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import io
import logging
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources

log = logging.getLogger(__name__)

# Languages by POSIX locale name (Qt's too). Chinese in simplified script only:
# a reader of traditional script gets English rather than a guess.
ENGLISH = "en"
SIMPLIFIED_CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, SIMPLIFIED_CHINESE)

_SIMPLIFIED_SCRIPT_COUNTRIES = ("CN", "SG", "MY")

# What the system's language is read from, in gettext's own order: the first
# one set wins, and LANGUAGE may list several preferences ("de:zh_CN").
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_for(preferences: Sequence[str], shipped: Collection[str] = LANGUAGES) -> str:
    """The shipped language to use for a user's preferred languages, best first.

    ``preferences`` are BCP 47 tags as Qt gives them (``zh-Hans-CN``,
    ``zh-TW``, ``en-GB``) or POSIX names (``zh_CN``, ``zh_SG``). English is the
    fallback.
    """
    for tag in preferences:
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


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The language the system asks for: ``LANG=zh_CN.UTF-8`` is Simplified Chinese."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            # zh_CN.UTF-8@modifier -> zh_CN
            return language_for([item.split(".")[0].split("@")[0] for item in value.split(":")])
    return ENGLISH


@cache
def catalogue(language: str) -> stdlib_gettext.NullTranslations:
    """The compiled catalogue ``resources/locale/<language>.mo``; none for English.

    A missing or damaged catalogue (a broken installation) is logged and read
    as English: never a traceback, and no language shows less than English.
    """
    if language == ENGLISH:
        return stdlib_gettext.NullTranslations()
    try:
        data = (resources.files("knowhold.resources") / "locale" / f"{language}.mo").read_bytes()
        return stdlib_gettext.GNUTranslations(io.BytesIO(data))
    except (OSError, ValueError) as exc:  # gettext reports a damaged file as OSError or ValueError
        log.warning("no usable catalogue for %s (%s); using English", language, exc)
        return stdlib_gettext.NullTranslations()


class Translated(str):
    """An error's message already in the reader's language: shown as it is.

    The core's errors carry precise English (which file, which entry), which a
    presenter shows in another language after the class's translated
    sentence, as details. The command line's own errors (a bad option, an
    unreadable file) are worded in the language in use when raised, and say
    so with this type (``vault.cli.output.error_line``).
    """

    __slots__ = ()


class Message(str):
    """Words the core makes for people, in English, that remember how they were made.

    A refresh's changes and the like are read by scripts too (JSON, the audit
    log), so they are English strings, the same in every language; the
    template (marked with ``N_``) and the values put in it (names, ids,
    times: never translated) let a presenter show them in the reader's
    language with ``say``.
    """

    template: str
    fields: Mapping[str, str]

    def __new__(cls, template: str, **fields: str) -> Message:
        message = super().__new__(cls, template.format(**fields))
        message.template = template
        message.fields = fields
        return message


def say(text: str) -> str:
    """``text`` in the language in use if it is a ``Message``; any other text as it is."""
    if isinstance(text, Message):
        return gettext(text.template).format(**text.fields)
    return text


class _Speaking:
    """The language in use, and its catalogue."""

    language = ENGLISH
    translations = catalogue(ENGLISH)


def use(language: str) -> None:
    """Speak ``language`` (one of ``LANGUAGES``) from now on: the app's choice."""
    if language not in LANGUAGES:
        raise ValueError(f"no catalogue for {language!r}")
    _Speaking.language = language
    _Speaking.translations = catalogue(language)


@contextmanager
def using(language: str) -> Iterator[None]:
    """Speak ``language`` for a while (one command line run), then the language before."""
    before = _Speaking.language, _Speaking.translations
    use(language)
    try:
        yield
    finally:
        _Speaking.language, _Speaking.translations = before


def current_language() -> str:
    return _Speaking.language


def gettext(message: str) -> str:
    """``message`` in the language in use (imported as ``_``)."""
    return _Speaking.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n`` in the language in use (Chinese has one)."""
    return _Speaking.translations.ngettext(singular, plural, n)


def N_(message: str) -> str:  # gettext's conventional name for "mark, translate where shown"
    """Mark ``message`` for extraction into the catalogue; translated later, where it is shown."""
    return message
