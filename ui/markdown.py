"""Entry bodies from Markdown to the HTML a QTextBrowser shows.

Raw HTML in a body is never passed through (``html: False``): it is escaped
and shown as text, so an imported note cannot inject markup, forms or
remote images. Link targets are checked by markdown-it's own validator,
which drops ``javascript:`` and similar schemes.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False})


def render(text: str) -> str:
    return _md.render(text)
