"""How text becomes search-index text, shared by indexing and querying.

SQLite's ``unicode61`` tokenizer splits on spaces and punctuation, which
Chinese and Japanese do not use between words: a whole Chinese sentence
would be one token and ``复盘`` inside it could never match. We cannot
register a custom tokenizer through ``sqlcipher3``, so the text is prepared
here before it reaches FTS5, as Lucene's CJK bigram filter does it: every
run of CJK characters becomes its overlapping pairs (``复盘会议`` → ``复盘
盘会 会议``), a run of one character stays itself. A Chinese word of two
characters, which most are, is then one token: one index lookup, however
common its characters. A longer word is a phrase of pairs, which matches
only inside one unbroken run, so ``网页剪藏`` never finds ``网页。剪藏``:
the pair ``页剪`` is not there. Each character of a longer run is also
written once more after the text (each distinct character once per
column, after a barrier), so a search for one character still finds it anywhere.
Latin text is left as it is, so mixed text such as ``API接口`` indexes as
``API 接口``. The limit: there is no word segmentation, so ``复盘`` also
matches inside ``反复盘点`` ("repeatedly take stock"), where the two
characters belong to the words 反复 and 盘点; no segmenter we could ship
tells those apart without losing words it does not know.

Breaks: a phrase must not run from one sentence or paragraph into the next
(``"green deploy"`` should not find ``blue green. Deploy later``), but
``unicode61`` drops punctuation and line breaks, so both sides of a full
stop stand next to each other. So at every break (``BREAK``: a blank line,
a sentence end ``. ! ?`` followed by a space, the end or CJK text, ``。``,
and any punctuation touching a CJK character) the text gets a ``BARRIER``
token, a private-use character: ``unicode61`` keeps those as token
characters, and no query token ever is one (queries keep letters and digits
only), so no phrase can match across it. Queries go through the same
function, so a phrase typed with a full stop inside still finds itself.

NFKC folds full-width letters and digits (common with Chinese input
methods) to their ASCII forms, so ``ＡＰＩ`` finds ``API``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from knowhold.vault.knowledge.titlekeys import pinyin_words

# Han (with extensions and compatibility ideographs), kana, Hangul, bopomofo.
CJK_CLASS = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31bf\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")

BARRIER = "\ue000"  # Unicode category Co: a token to unicode61, never one in a query
# Breaks in NFKC text (full-width ！？ are ! ? by then; 。 has no ASCII form).
BREAK = re.compile(
    r"\n[^\S\n]*\n"  # a blank line
    rf"|[.!?](?=\s|\Z|[{CJK_CLASS}])|。"  # a sentence end
    rf"|(?<=[{CJK_CLASS}])[^\w\s]+|[^\w\s]+(?=[{CJK_CLASS}])"  # punctuation touching CJK text
)
_BARRIERS = re.compile(rf"(?:\s*{BARRIER})+\s*")


def _pairs(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "


def prepared(text: str) -> str:
    """NFKC ``text`` with a ``BARRIER`` at each break and no barrier of its own."""
    text = unicodedata.normalize("NFKC", text).replace(BARRIER, " ")
    return _BARRIERS.sub(f" {BARRIER} ", BREAK.sub(f" {BARRIER} ", text))


def pair_runs(text: str) -> str:
    """``text`` (already ``prepared``) with every CJK run written as its pairs."""
    return CJK_RUN.sub(_pairs, text)


def index_text(text: str) -> str:
    """The form of ``text`` that is stored in FTS5: breaks, pairs, then the lone characters."""
    text = prepared(text)
    unigrams = dict.fromkeys(ch for run in CJK_RUN.findall(text) if len(run) > 1 for ch in run)
    indexed = pair_runs(text)
    return f"{indexed} {BARRIER} {' '.join(unigrams)}" if unigrams else indexed


def index_columns(
    title: str, body: str, tags: Sequence[str], aliases: Sequence[str] = ()
) -> tuple[str, str, str, str]:
    """The FTS5 columns of an entry: title and aliases (apart, as paragraphs), body, tags, pinyin."""
    names = "\n\n".join([title, *aliases])
    return index_text(names), index_text(body), index_text(" ".join(tags)), pinyin_words(names)


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None
