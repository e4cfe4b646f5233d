"""The files a note's text refers to: what import attaches and export writes back.

Two ways of naming a file, as Obsidian and other Markdown tools write them:

* by name, anywhere in the folder: an embed ``![[image.png]]`` (also
  ``![[image.png|300]]``, ``![[spec.pdf#page=2]]``) or a link to a file that
  is not a note, ``[[spec.pdf]]``;
* by a path relative to the note: ``![alt](img/photo.png)`` or
  ``[doc](files/spec.pdf)``, percent-encoding undone (``my%20photo.png``).

Parsed with markdown-it, so a reference inside a code span or code block is
text, as the preview shows it. A URL (``https:``, ``mailto:``, ``data:``), an
absolute path and a link to a heading of the same note (``#…``) name no file
in the folder and are left out. Whether a reference names a file that exists
is the caller's to find out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from knowhold.vault.knowledge.links import MAX_TARGET, wikilinks

NOTE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
# Obsidian's embed: a target, then an optional "#part" and "|size or label".
_EMBED = re.compile(r"!\[\[([^\[\]|#\n]+)(?:#[^\[\]|\n]*)?(?:\|[^\[\]\n]*)?\]\]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class FileRef:
    target: str  # as written: a name or path for a wiki reference, a decoded relative path otherwise
    wiki: bool  # by name anywhere in the folder (Obsidian's rule), else relative to the note

    @property
    def name(self) -> str:
        """The file name the reference ends in."""
        return PurePosixPath(self.target).name


def _embed_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if not state.src.startswith("![[", pos):
        return False
    found = _EMBED.match(state.src, pos)
    if found is None or len(found.group(0)) > MAX_TARGET:
        return False
    if not silent:
        token = state.push("embed", "", 0)
        token.meta = {"target": found.group(1).strip()}
        token.content = found.group(0)
    state.pos = found.end()
    return True


_md = MarkdownIt("commonmark", {"html": False}).use(wikilinks)
_md.inline.ruler.before("image", "embed", _embed_rule)


def _relative(href: str) -> str | None:
    """The relative path a link's destination names; None for a URL, an anchor or an absolute path."""
    if not href or _SCHEME.match(href) or href.startswith(("#", "/", "\\")):
        return None
    path = unquote(href.split("#", 1)[0].split("?", 1)[0])
    return path or None


def file_refs(body: str) -> list[FileRef]:
    """The references to files in ``body``, in order, repeats kept; none inside code."""
    found: list[FileRef] = []
    for block in _md.parse(body):
        for token in block.children or ():
            if token.type == "embed" and token.meta["target"]:
                found.append(FileRef(token.meta["target"], wiki=True))
            elif token.type == "wikilink":
                target = token.meta["link"].target
                if PurePosixPath(target).suffix.lower() not in NOTE_SUFFIXES | {""}:
                    found.append(FileRef(target, wiki=True))
            elif token.type in ("image", "link_open"):
                path = _relative(str(token.attrGet("src" if token.type == "image" else "href") or ""))
                if path is not None:
                    found.append(FileRef(path, wiki=False))
    return found
