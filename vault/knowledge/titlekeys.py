"""What a title answers to besides its letters: its pinyin, its place in the list, its aliases.

Pinyin (``pypinyin``, which reads whole words from its phrase dictionary,
so 重庆 is chong qing and 银行 yin hang): a Chinese title sorts where its
pinyin goes among Latin titles, as Chinese contact lists do (复盘 under F,
between "Budget" and "Onboarding"), and it is found by its pinyin initials
or its full pinyin (``fp`` or ``fupan`` finds 复盘). ``pinyin_words``
gives, for each run of Han characters, its initials and its syllables run
together as two words (复盘流程 → ``fplc fupanliucheng``); search indexes
them in a column of their own with a low weight, so a word typed whole
finds a title whose run is exactly that word, and a prefix as typed in the
app (``fp*``) any run it starts. The dictionaries take about 0.3 s and
60 MB to load, so they are loaded on the first Han character, never by a
vault without one.

The list's title order (``sort_key``) is the title with its Han characters
written as pinyin syllables, folded (case, width, accents: "Édition" sorts
with the e's), then the title itself to break ties, which the entry's id
breaks in the end. It is kept in a column written on every save (``entries.title_sort``), so
the list sorts on an index and the command line needs no collation.

Aliases: the ``aliases`` key of the front matter an import kept (``entries.front_matter``),
read with ``yaml.safe_load`` as ``vault.knowledge.notes`` reads front
matter; search indexes them with the title.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
MAX_ALIASES = 64  # more is not a list of names; the rest are left out of search
_TIE = "\x1f"  # below every character a title may hold: "apple" before "apple pie"
_COMBINING = re.compile("[\u0300-\u036f]+")
_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def _lazy_pinyin(run: str) -> list[str]:
    # Loaded on the first Han title only: see the module docstring.
    from pypinyin import lazy_pinyin

    return list(lazy_pinyin(run))


def _syllables(run: str) -> list[str]:
    return [s for s in _lazy_pinyin(run) if s.isascii() and s.isalpha()]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return _COMBINING.sub("", text)


def sort_key(title: str) -> str:
    """The title as the list's title order compares it, code point by code point."""
    spelled = HAN_RUN.sub(lambda m: " " + " ".join(_syllables(m.group())) + " ", title)
    return " ".join(_fold(spelled).split()) + _TIE + title


def pinyin_words(text: str) -> str:
    """Initials and full pinyin of each Han run in ``text``, as words (see the module docstring)."""
    words: list[str] = []
    for run in HAN_RUN.findall(unicodedata.normalize("NFKC", text)):
        syllables = _syllables(run)
        if syllables:
            words += ["".join(s[0] for s in syllables), "".join(syllables)]
    return " ".join(words)


def aliases_in(front_matter: str | None) -> tuple[str, ...]:
    """The names the front matter's ``aliases`` key gives (a name or a list of names)."""
    if not front_matter:
        return ()
    try:
        meta = yaml.safe_load(front_matter)
    except _YAML_ERRORS:
        return ()
    value = meta.get("aliases") if isinstance(meta, dict) else None
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(" ".join(n.split()) for n in names[:MAX_ALIASES] if isinstance(n, str) and n.strip())


def pinyin_spans(title: str, word: str, prefix: bool) -> list[tuple[int, int]]:
    """Where in ``title`` a Latin ``word`` (folded) was found by pinyin: the characters it spells.

    The same test as the index's (``pinyin_words``): the word is a run's
    initials or its syllables run together, whole, or their start when
    ``prefix``. ``fp`` marks 复盘 in 复盘流程 only as a prefix (the run's
    initials are ``fplc``); ``fupanl`` marks 复盘流. A run whose characters
    and syllables cannot be paired (a character without pinyin among
    several) is left unmarked: a missing highlight, never a wrong one.
    """
    if not word or not word.isascii() or not word.isalpha():
        return []
    spans: list[tuple[int, int]] = []
    for run in HAN_RUN.finditer(title):
        chars = unicodedata.normalize("NFKC", run.group())
        if len(chars) != len(run.group()):
            continue
        # (offset in the run, syllable) for each character that has one.
        syllables: list[tuple[int, str]] = []
        at = 0
        for item in _lazy_pinyin(chars):
            if item.isascii() and item.isalpha():
                syllables.append((at, item))
                at += 1
            else:
                at += len(item)  # characters without pinyin come back as they are
        if at != len(chars) or not syllables:
            continue
        for spelled in ([s[0] for _, s in syllables], [s for _, s in syllables]):
            joined = "".join(spelled)
            if not (joined == word or (prefix and joined.startswith(word))):
                continue
            covered, used = 0, 0
            while covered < len(word):
                covered += len(spelled[used])
                used += 1
            end = syllables[used - 1][0] + 1
            spans.append((run.start() + syllables[0][0], run.start() + end))
            break
    return spans
