"""What one entry would look like in the package, as the review page shows it.

Field by field, the text exactly as it would leave the vault: every finding
the worker left to be redacted shows as its placeholder, every one included
anyway as itself, each on a tint so the eye finds it. The title, body and
tags are the worker's own text and may hold anything (``<img src=…>``
included): every character is escaped, and the document is shown in a
``SafeBrowser``, which loads nothing.

The result is checked against the core: the tags shown are exactly
``EntryReview.licensed``'s, and the title and body are the same text with
each span replaced the way ``scanner.redact`` replaces it.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence

from PySide6.QtCore import QCoreApplication

from knowhold.ui.labels import kind_label
from knowhold.vault.licensing.issuing import FindingKey, Found
from knowhold.vault.licensing.review import EntryReview

# Tints that read on light and dark backgrounds alike (alpha out of 255).
REDACTED_TINT = "rgba(46, 125, 50, 70)"
INCLUDED_TINT = "rgba(208, 138, 22, 110)"


def _tinted(text: str, tint: str) -> str:
    return f'<span style="background-color: {tint};">{html.escape(text)}</span>'


def marked_text(text: str, findings: Sequence[Found], include: Collection[FindingKey]) -> str:
    """``text`` as HTML, as it would leave: each finding as its placeholder or, if included, itself."""
    parts: list[str] = []
    pos = 0
    for found in sorted(findings, key=lambda f: f.key.start):
        parts.append(html.escape(text[pos : found.key.start]))
        if found.key in include:
            parts.append(_tinted(found.finding.text, INCLUDED_TINT))
        else:
            parts.append(_tinted(found.placeholder, REDACTED_TINT))
        pos = found.key.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def marked_tags(entry: EntryReview, include: Collection[FindingKey]) -> str:
    """The tags as they would leave (the core's own result), those a finding touched on a tint."""
    tagged = [f for f in entry.findings if f.key.field == "tags"]
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

    def in_field(name: str) -> list[Found]:
        return [f for f in entry.findings if f.key.field == name]

    captions = (
        QCoreApplication.translate("ReviewPage", "Kind"),
        QCoreApplication.translate("ReviewPage", "Version"),
        QCoreApplication.translate("ReviewPage", "Title"),
        QCoreApplication.translate("ReviewPage", "Tags"),
    )
    values = (
        html.escape(kind_label(entry.kind)),
        str(entry.version),
        marked_text(entry.title, in_field("title"), include),
        marked_tags(entry, include) or html.escape(QCoreApplication.translate("ReviewPage", "(none)")),
    )
    body = marked_text(entry.body, in_field("body"), include) or html.escape(
        QCoreApplication.translate("ReviewPage", "(empty)")
    )
    head = "".join(
        f'<tr><td style="padding-right: 12px;"><b>{html.escape(caption)}</b></td><td>{value}</td></tr>'
        for caption, value in zip(captions, values, strict=True)
    )
    text = html.escape(QCoreApplication.translate("ReviewPage", "Text"))
    body_html = f'<p style="white-space: pre-wrap;">{body}</p>'
    return f"<table cellspacing='2'>{head}</table><p><b>{text}</b></p>{body_html}"
