"""Markdown import and export: the user's way into the vault and out of it.

Import (``vault.markdown_import``) takes Markdown files, or folders of them
such as an Obsidian vault, and turns each file into an entry. Export
(``vault.markdown_export``) writes every live entry back out as a plain
Markdown folder with YAML front matter that import reads back exactly.
Export is the one sanctioned plaintext output: it exists so the user's
knowledge is never held hostage by Knowhold.

Reading and writing one file is ``vault.notes`` (pure, fuzzable). This
module holds what both sides share: which files are notes, how large one
may be, and the summaries each hands back to the CLI and the app.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from knowhold.vault.i18n import N_

MAX_FILE_BYTES = 4 * 1024 * 1024
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
NOTE_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES  # the files import reads as notes


class SkipReason(StrEnum):
    """Why a file was not imported; the UI maps each to a translated sentence.

    The values are also the command line's words, marked for its catalogue
    (``vault/i18n.py``): ``--json`` prints them as they are, a person reads
    ``_(reason.value)``.
    """

    NOT_MARKDOWN = N_("not a Markdown file")
    NOT_REGULAR = N_("not a regular file")
    LINKED_FOLDER = N_("linked folder, not followed")
    LINK_OUTSIDE = N_("link to a file outside the folder")
    UNREADABLE = N_("cannot be read")
    TOO_LARGE = N_("larger than 4 MiB")
    NOT_TEXT = N_("not UTF-8 or UTF-16 text")
    UNSURE_ENCODING = N_("text whose encoding cannot be told for sure")
    CODE_PAGE = N_("text in a single-byte code page such as Windows-1252 or Latin-1")
    BAD_FRONT_MATTER = N_("invalid front matter")
    REFUSED = N_("title, tags or text refused by the vault")
    DUPLICATE_ID = N_("same Knowhold id as another file")
    IN_TRASH = N_("its entry is in the trash")
    CONTROL_CHARACTERS = N_("title, tags or text contain control or invisible characters")
    ATTACHMENT_TOO_LARGE = N_("an attachment larger than 25 MiB")
    NAME_TAKEN = N_("another file of the same name is attached to the note")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    skipped: tuple[tuple[str, SkipReason], ...]
    cancelled: bool
    converted: tuple[tuple[str, str], ...] = ()  # (file, encoding) of files not in UTF-8 or UTF-16
    attached: tuple[str, ...] = ()  # files stored as attachments, each once however many notes use it


@dataclass(frozen=True, slots=True)
class ExportSummary:
    written: int
    removed: int
    folder: Path
    cancelled: bool
    attachments: int = 0  # files written beside the notes


def nfc(text: str) -> str:
    """``text`` in NFC, the one form file names are compared in (macOS may hand back another)."""
    return unicodedata.normalize("NFC", text)


__all__ = [
    "MARKDOWN_SUFFIXES",
    "MAX_FILE_BYTES",
    "NOTE_SUFFIXES",
    "TEXT_SUFFIXES",
    "ExportSummary",
    "ImportSummary",
    "SkipReason",
    "nfc",
]
