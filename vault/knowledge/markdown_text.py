"""Markdown as the plain text a search snippet shows.

A snippet is a few lines of an entry in a results list, drawn as plain text:
``**Why:**``, ``## Steps`` or ``[the runbook](https://…)`` there are noise
the writer never meant to be read. ``plain`` keeps the words and drops the
markup: emphasis and code marks, heading and quote marks, list markers and
task boxes, rules, code fences, the pipes of a table row, HTML tags; a link or an image
becomes its text, a wikilink its label (``[[a|b]]`` → ``b``) or its target.
Paragraphs stay apart (a blank line), so a phrase is still not matched
across one.

It is a handful of regular expressions, line by line, not a Markdown parser:
a snippet is made for every hit on a page from up to 256 KiB of its body,
and a parse would cost more than the search. Where a regex reads less than
a parser would (markup inside code, unusual nesting), a mark stays in the
snippet; no word is ever lost, and nothing here is rendered.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,}).*$", re.MULTILINE)
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$", re.MULTILINE)
_TABLE_RULE = re.compile(r"^ *\|? *:?-{3,}:? *(?:\| *:?-{3,}:? *)*\|? *$", re.MULTILINE)
_LINE_START = re.compile(
    r"^[ \t]*(?:>[ \t]?)*[ \t]*"  # quote marks
    r"(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?",  # heading, list item, task box
    re.MULTILINE,
)
_HEADING_END = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_WIKILINK = re.compile(r"!?\[\[([^\]|\n]*)(?:\|([^\]\n]*))?\]\]")
_LINK = re.compile(r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_MARKS = re.compile(r"[*`]+|~~|_+")
_TABLE_ROW = re.compile(r"^ *\|.*$", re.MULTILINE)
_PIPE = re.compile(r" *\| *")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


def _wikilink(match: re.Match[str]) -> str:
    return (match.group(2) or match.group(1)).strip()


def _mark(match: re.Match[str]) -> str:
    """Nothing for an emphasis or code mark; an underscore inside a word (snake_case) stays."""
    text, start, end = match.string, match.start(), match.end()
    inside = match.group()[0] == "_" and start > 0 and end < len(text)
    return match.group() if inside and text[start - 1].isalnum() and text[end].isalnum() else ""


def plain(markdown: str) -> str:
    """``markdown`` without its markup: the words a reader sees, paragraphs apart.

    Each expression runs only when the character it needs is in the text: most
    snippets are prose, and scanning them a dozen times costs more than the search.
    """
    text = markdown
    if "`" in text or "~" in text:
        text = _FENCE.sub("", text)
    if "-" in text or "*" in text or "_" in text:
        text = _TABLE_RULE.sub("", _RULE.sub("", text))
    text = _LINE_START.sub("", text)
    if "#" in text:
        text = _HEADING_END.sub("", text)
    if "[" in text:
        text = _LINK.sub(r"\1", _WIKILINK.sub(_wikilink, text))
    if "<" in text:
        text = _TAG.sub("", _AUTOLINK.sub(r"\1", text))
    text = _MARKS.sub(_mark, text)
    if "|" in text:
        text = _TABLE_ROW.sub(lambda m: _PIPE.sub("  ", m.group()).strip(), text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text
