"""How text becomes search-index text, shared by indexing and querying.

SQLite's ``unicode61`` tokenizer splits on spaces and punctuation, which
Chinese and Japanese do not use between words: a whole Chinese sentence
would be one token and ``复盘`` inside it could never match. We cannot
register a custom tokenizer through ``sqlcipher3``, so, as Signal does, we
give every CJK character its own token, by putting spaces around it before
the text reaches FTS5. A Chinese word in a query then becomes a phrase of
its characters (``"复 盘"``), which FTS5 matches only where those characters
stand next to each other, in that order. Latin text is left as it is, so
mixed text such as ``API接口`` indexes as ``API 接 口``.

NFKC folds full-width letters and digits (common with Chinese input
methods) to their ASCII forms, so ``ＡＰＩ`` finds ``API``.
"""

from __future__ import annotations

import re
import unicodedata

# Han (with extensions and compatibility ideographs), kana, Hangul, bopomofo.
CJK_CLASS = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31bf\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_CHAR = re.compile(f"([{CJK_CLASS}])")
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")


def index_text(text: str) -> str:
    """The form of ``text`` that is stored in (and queried against) FTS5."""
    return CJK_CHAR.sub(r" \1 ", unicodedata.normalize("NFKC", text))


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None
