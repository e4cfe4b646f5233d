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

Parsing costs about 3.5 ms for a note of a few kilobytes, most of a minute
over 10,000 notes, so ``mentioned_names`` first finds, with one pattern and
no parsing (0.1 ms), every file name the text might refer to, code included:
a note that names none of the folder's files is never parsed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from knowhold.vault.knowledge.links import MAX_TARGET, wikilinks
from knowhold.vault.knowledge.porting import NOTE_SUFFIXES

# Obsidian's embed: a target, then an optional "#part" and "|size or label".
_EMBED = re.compile(r"!\[\[([^\[\]|#\n]+)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Every place file_refs may find a target: [[…]] and ![[…]], a link's destination
# in <…> or bare, and a reference definition "[label]: destination".
_MENTION = re.compile(
    r"\[\[([^\[\]|#\n]+)|\]\(\s*(?:<([^>\n]+)>|([^\s)]+))"
    r"|^ {0,3}\[[^\]\n]+\]:\s*(?:<([^>\n]+)>|(\S+))",
    re.MULTILINE,
)


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
        token.meta = {"target": found.group(1).strip(), "after_bar": (found.group(2) or "").strip()}
        token.content = found.group(0)
    state.pos = found.end()
    return True


def embeds(md: MarkdownIt) -> None:
    """The markdown-it plugin: ``![[…]]`` becomes an ``embed`` token.

    Its ``meta["target"]`` is the file's name or path, ``meta["after_bar"]``
    what follows ``|`` (a size or a label); a ``#part`` is read and dropped,
    since it names a place inside the file, not another file. The one rule
    for what import attaches, export writes back and the preview draws.
    """
    md.inline.ruler.before("image", "embed", _embed_rule)


_md = MarkdownIt("commonmark", {"html": False}).use(wikilinks).use(embeds)
# Emphasis and autolinks (URLs in <…>) never hold a file reference: a third less time.
_md.disable(["emphasis", "autolink", "text_join", "balance_pairs", "fragments_join"])


def _relative(href: str) -> str | None:
    """The relative path a link's destination names; None for a URL, an anchor or an absolute path."""
    if not href or _SCHEME.match(href) or href.startswith(("#", "/", "\\")):
        return None
    path = unquote(href.split("#", 1)[0].split("?", 1)[0])
    return path or None


def mentioned_names(body: str) -> set[str]:
    """Every file name (NFC) a reference in ``body`` may end in: ``file_refs`` finds no other."""
    targets = {next(g for g in match.groups() if g is not None) for match in _MENTION.finditer(body)}
    # As markdown-it reads a destination: backslash escapes and entities undone, then percent-encoding.
    targets |= {html.unescape(t.replace("\\", "")) for t in targets if "\\" in t or "&" in t}
    targets |= {unquote(t.split("#", 1)[0].split("?", 1)[0]) for t in targets if any(c in t for c in "%#?")}
    return {unicodedata.normalize("NFC", t.strip().rstrip("/").rsplit("/", 1)[-1].strip()) for t in targets}


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
