"""Entry bodies from Markdown to the HTML a QTextBrowser shows.

Raw HTML in a body is never passed through (``html: False``): it is escaped
and shown as text, so an imported note cannot inject markup, forms or
remote images. Link targets are checked by markdown-it's own validator,
which drops ``javascript:`` and similar schemes.

An image is written as its alt text, never as ``<img>``: Qt would open the
image's path itself (``/dev/zero`` aborts the app, a FIFO hangs the GUI
thread, ``//host/share/x.png`` is an SMB fetch on Windows). The browser
refuses every resource as well (``ui.widgets.safe_browser``), so this is
two locks on one door. The one exception is an attachment of the shown
entry: ``![](name)`` or ``![[name]]`` (``![[name#part]]`` too: the core's
rule, ``vault.knowledge.filerefs.embeds``, the one import attaches by)
naming one of them exactly (given as ``attachments``, name to hash) becomes ``<img>`` with a
``knowhold-attachment:`` source carrying only that hash, which the browser
answers from the bytes the vault holds (``ui.widgets.safe_browser``). Any
other source, a web address, a path, ``data:``, a name the entry has no
attachment by, stays alt text.

``[[Note]]`` links (``vault.knowledge.links``) become ``knowhold-entry:``
links whose only content is the target's name, percent-encoded; the
browser hands them to the entry pane (``SafeBrowser.entry_link_clicked``),
which opens the entry the name resolves to then. The names are resolved in
one call while rendering, so a target no entry has is drawn as missing,
with a tooltip saying so. A label is text: ``[[x|<b>y</b>]]`` shows the tags.
Without a resolver (a licensed entry, whose links name the licensor's
notes) a link is its text alone. A heading in the link (``[[Note#Heading]]``,
or ``[[#Heading]]`` in the same entry) follows the name after a ``#``, which
a name cannot hold: the pane opens the entry and scrolls to the first
heading that reads so (``heading_anchor``). Every heading gets an anchor
whose name is a hash of its text, hex digits only, so nothing the heading
holds reaches the markup as a name.

Task list items (``- [ ]``, ``- [x]``) start with a box, ☐ or ☑, as text:
Qt's rich text has no check boxes, and these are not meant to be ticked here.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from PySide6.QtCore import QCoreApplication

from knowhold.ui import plain_text
from knowhold.vault.knowledge.filerefs import embeds
from knowhold.vault.knowledge.links import WikiLink, name_key, wikilinks

ENTRY_SCHEME = "knowhold-entry"
ATTACHMENT_SCHEME = "knowhold-attachment"
MISSING_COLOUR = "#c0392b"  # reads as "not there" on light and dark backgrounds alike
Resolver = Callable[[Collection[str]], Mapping[str, str]]
"""Link targets to the ids of the entries they name (``VaultSession.resolve_links``)."""

_TASK = re.compile(r"\[([ xX])\][ \t]")
_WORD = re.compile(r"\w+")
_WIDTH = re.compile(r"(\d{1,4})(?:x\d{1,4})?")
# Embeds by the core's rule, so the preview draws the files import attached.
_md = MarkdownIt("commonmark", {"html": False}).use(wikilinks).use(embeds)


def _image_as_alt_text(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, object],
) -> str:
    alt = renderer.renderInlineAsText(tokens[idx].children or [], options, env)
    return _picture(unquote(str(tokens[idx].attrGet("src") or "")), alt, env)


def attachment_url(sha256: str) -> str:
    return f"{ATTACHMENT_SCHEME}:{sha256}"


def _picture(name: str, alt: str, env: MutableMapping[str, object]) -> str:
    """The shown entry's attachment ``name`` as an image; anything else as its ``alt`` text."""
    attachments = env.get("attachments")
    if not isinstance(attachments, Mapping) or name not in attachments:
        # In brackets and italics, so a reader sees that something stood here.
        return f"<em>[{html.escape(alt)}]</em>" if alt else ""
    return f'<img src="{attachment_url(str(attachments[name]))}" alt="{html.escape(alt)}">'


def _embed(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, object],
) -> str:
    # ``![[name|alt]]``, or Obsidian's ``![[name|300]]`` and ``![[name|300x200]]`` (a size).
    name, after_bar = tokens[idx].meta["target"], tokens[idx].meta["after_bar"]
    width = _WIDTH.fullmatch(after_bar)
    # A width is not followed: the image is already as wide as the preview at most.
    return _picture(name, ("" if width else after_bar) or name, env)


def entry_url(target: str, heading: str | None = None) -> str:
    """The link to the entry ``target`` names; its path decodes to ``target`` or ``target#heading``."""
    return f"{ENTRY_SCHEME}:{quote(target if heading is None else f'{target}#{heading}', safe='')}"


def heading_anchor(heading: str) -> str:
    """The anchor of a heading that reads ``heading``: its words as links compare names (``name_key``).

    Words only, because Obsidian writes a link to ``## Q1: plan`` as ``[[Note#Q1 plan]]``.
    """
    words = " ".join(_WORD.findall(name_key(heading)))
    return "h-" + hashlib.sha256(words.encode()).hexdigest()[:16]


def _heading_text(inline: Token) -> str:
    """A heading's words as a link names it: its text and code, without the markup."""
    parts: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "wikilink":
            parts.append(child.meta["link"].text)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _heading_open(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, object],
) -> str:
    anchor = heading_anchor(_heading_text(tokens[idx + 1]))
    return f'{renderer.renderToken(tokens, idx, options, env)}<a name="{anchor}"></a>'


def _wikilink(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, object],
) -> str:
    link: WikiLink = tokens[idx].meta["link"]
    text = html.escape(link.text)
    found = env.get("found")
    if not isinstance(found, Mapping):
        return text  # nothing to resolve against
    url = html.escape(entry_url(link.target, link.heading))
    if not link.target:  # a heading of this entry
        return f'<a href="{url}">{text}</a>'
    if link.target in found:
        return f'<a href="{url}">{text}</a>'
    tip = QCoreApplication.translate("Preview", "No entry named “{name}”").format(name=link.target)
    # Qt reads the title as the tooltip and guesses whether it is markup: wrapped as text.
    title = html.escape(plain_text.tooltip(tip))
    return f'<a href="{url}" title="{title}" style="color: {MISSING_COLOUR}">{text}</a>'


def _mark_tasks(tokens: list[Token]) -> None:
    """Turn a list item's leading ``[ ]``/``[x]`` into a box glyph; a list of tasks only loses its bullets."""
    for i, token in enumerate(tokens):
        if token.type != "inline" or i < 2 or tokens[i - 2].type != "list_item_open":
            continue
        first = token.children[0] if token.children else None
        if first is None or first.type != "text" or not (box := _TASK.match(first.content)):
            continue
        first.content = ("☑" if box.group(1) in "xX" else "☐") + " " + first.content[box.end() :]
        tokens[i - 2].meta["task"] = True
    lists: list[Token] = []
    for token in tokens:
        if token.type == "bullet_list_open":
            token.meta["all_tasks"] = True
            lists.append(token)
        elif token.type == "bullet_list_close":
            lists.pop()
        elif token.type == "list_item_open" and lists and not token.meta.get("task"):
            lists[-1].meta["all_tasks"] = False
    for token in tokens:
        if token.type == "bullet_list_open" and token.meta["all_tasks"]:
            token.attrSet("style", "list-style-type: none")


_md.add_render_rule("image", _image_as_alt_text)
_md.add_render_rule("embed", _embed)
_md.add_render_rule("wikilink", _wikilink)
_md.add_render_rule("heading_open", _heading_open)


def render(text: str, resolve: Resolver | None = None, attachments: Mapping[str, str] | None = None) -> str:
    """``text`` as HTML; ``resolve`` (called once, with every target) marks which links go nowhere.

    ``attachments`` maps the shown entry's attachment names to their hashes:
    the only images drawn (see the module's docstring).
    """
    env: dict[str, object] = {"attachments": attachments or {}}
    tokens = _md.parse(text, env)
    _mark_tasks(tokens)
    if resolve is not None:
        targets = {
            child.meta["link"].target
            for token in tokens
            for child in token.children or ()
            if child.type == "wikilink" and child.meta["link"].target
        }
        env["found"] = resolve(targets) if targets else {}
    return _md.renderer.render(tokens, _md.options, env)
