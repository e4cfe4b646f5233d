"""What one entry would look like in the package, as the review page shows it.

Field by field, the text exactly as it would leave the vault: every finding
the worker left to be redacted shows as its placeholder, every one included
anyway as itself, each on a tint so the eye finds it. The title, body,
tags and origin are the worker's own text and may hold anything
(``<img src=…>`` included): every character is escaped, and the document is
shown in a ``SafeBrowser``, which loads nothing.

The result is checked against the core: the tags shown are exactly
``EntryReview.licensed``'s and the origin ``EntryReview.licensed_origin``'s,
and the title and body are the same text with each span replaced the way
``scanner.redact`` replaces it.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Collection, Sequence

from PySide6.QtCore import QCoreApplication

from knowhold.ui.labels import kind_label
from knowhold.ui.widgets.origin_edit import origin_text
from knowhold.vault.knowledge.origin import OriginKind
from knowhold.vault.licensing.issuing import FindingKey, Found
from knowhold.vault.licensing.review import EntryReview

# Tints that read on light and dark backgrounds alike (alpha out of 255).
REDACTED_TINT = "rgba(46, 125, 50, 70)"
INCLUDED_TINT = "rgba(208, 138, 22, 110)"


def _tinted(text: str, tint: str) -> str:
    return f'<span style="background-color: {tint};">{html.escape(text)}</span>'


def _pieces(
    text: str, findings: Sequence[Found], include: Collection[FindingKey]
) -> list[tuple[str, str | None]]:
    """``text`` as it would leave, in pieces: (text, its tint, or None for the worker's own)."""
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for found in sorted(findings, key=lambda f: f.key.start):
        pieces.append((text[pos : found.key.start], None))
        if found.key in include:
            pieces.append((found.finding.text, INCLUDED_TINT))
        else:
            pieces.append((found.placeholder, REDACTED_TINT))
        pos = found.key.end
    pieces.append((text[pos:], None))
    return pieces


def _html(pieces: Sequence[tuple[str, str | None]]) -> str:
    return "".join(html.escape(text) if tint is None else _tinted(text, tint) for text, tint in pieces)


def _in_field(entry: EntryReview, name: str) -> list[Found]:
    return [f for f in entry.findings if f.key.field == name]


def marked_text(text: str, findings: Sequence[Found], include: Collection[FindingKey]) -> str:
    """``text`` as HTML, as it would leave: each finding as its placeholder or, if included, itself."""
    return _html(_pieces(text, findings, include))


# Stands for the name in the translated sentence, which is escaped before the
# tinted name goes in; no translation or name holds it (the vault refuses NUL).
_NAME = "\x00"


def marked_origin(entry: EntryReview, include: Collection[FindingKey]) -> str:
    """The origin as it would leave (the core's own result), in words, the findings in its name on a tint."""
    origin, source = entry.licensed_origin(include), entry.origin
    if origin is None or source is None or origin.kind is OriginKind.OWN:
        return html.escape(origin_text(origin))
    pieces = _pieces(source.name, _in_field(entry, "origin"), include)
    # A name cut to fit after its redactions (issuing.licensed_origin) is shown as cut, untinted.
    fits = "".join(text for text, _ in pieces) == origin.name
    name = _html(pieces) if fits else html.escape(origin.name)
    return html.escape(origin_text(dataclasses.replace(origin, name=_NAME))).replace(_NAME, name)


def marked_tags(entry: EntryReview, include: Collection[FindingKey]) -> str:
    """The tags as they would leave (the core's own result), those a finding touched on a tint."""
    tagged = _in_field(entry, "tags")
    placeholders = {f.placeholder for f in tagged if f.key not in include}
    touched = {entry.tags[f.key.index] for f in tagged}
    shown: list[str] = []
    for tag in entry.licensed(include)[2]:
        if tag in placeholders and tag not in entry.tags:
            shown.append(_tinted(f"#{tag}", REDACTED_TINT))
        elif tag in touched:
            shown.append(_tinted(f"#{tag}", INCLUDED_TINT))
        else:
            shown.append(html.escape(f"#{tag}"))
    return " ".join(shown)


def entry_html(entry: EntryReview, include: Collection[FindingKey]) -> str:
    """The whole entry as it would leave, field by field."""

    captions = (
        QCoreApplication.translate("ReviewPage", "Kind"),
        QCoreApplication.translate("ReviewPage", "Version"),
        QCoreApplication.translate("ReviewPage", "Title"),
        QCoreApplication.translate("ReviewPage", "Tags"),
        QCoreApplication.translate("ReviewPage", "Origin"),
    )
    values = (
        html.escape(kind_label(entry.kind)),
        str(entry.version),
        marked_text(entry.title, _in_field(entry, "title"), include),
        marked_tags(entry, include) or html.escape(QCoreApplication.translate("ReviewPage", "(none)")),
        marked_origin(entry, include),
    )
    body = marked_text(entry.body, _in_field(entry, "body"), include) or html.escape(
        QCoreApplication.translate("ReviewPage", "(empty)")
    )
    head = "".join(
        f'<tr><td style="padding-right: 12px;"><b>{html.escape(caption)}</b></td><td>{value}</td></tr>'
        for caption, value in zip(captions, values, strict=True)
    )
    text = html.escape(QCoreApplication.translate("ReviewPage", "Text"))
    body_html = f'<p style="white-space: pre-wrap;">{body}</p>'
    return f"<table cellspacing='2'>{head}</table><p><b>{text}</b></p>{body_html}"
