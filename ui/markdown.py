"""Entry bodies from Markdown to the HTML a QTextBrowser shows.

Raw HTML in a body is never passed through (``html: False``): it is escaped
and shown as text, so an imported note cannot inject markup, forms or
remote images. Link targets are checked by markdown-it's own validator,
which drops ``javascript:`` and similar schemes.

An image is written as its alt text, never as ``<img>``: Qt would open the
image's path itself (``/dev/zero`` aborts the app, a FIFO hangs the GUI
thread, ``//host/share/x.png`` is an SMB fetch on Windows). The browser
refuses every resource as well (``ui.widgets.safe_browser``), so this is
two locks on one door.
"""

from __future__ import annotations

import html
from collections.abc import MutableMapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

_md = MarkdownIt("commonmark", {"html": False})


def _image_as_alt_text(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, object],
) -> str:
    alt = renderer.renderInlineAsText(tokens[idx].children or [], options, env)
    # In brackets and italics, so a reader sees that something stood here.
    return f"<em>[{html.escape(alt)}]</em>" if alt else ""


_md.add_render_rule("image", _image_as_alt_text)


def render(text: str) -> str:
    return _md.render(text)
