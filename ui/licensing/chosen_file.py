"""Reading a file the user chose or dropped (a package, a receipt, a status document).

Read on the worker, bounded by what such a file can hold, so a wrong
choice (a film, a folder, a file without permission) is one plain
sentence, never a traceback or a long read. The sentence is the caller's:
it knows what kind of file was expected.
"""

from __future__ import annotations

from enum import Enum, auto
from pathlib import Path

from knowhold.vault.store.fsutil import read_limited


class Unreadable(Enum):
    """Why the file could not be read (nothing was done with it)."""

    MISSING = auto()
    FOLDER = auto()
    TOO_LARGE = auto()
    DENIED = auto()


def read_chosen(path: Path, limit: int) -> bytes | Unreadable:
    """The file's bytes, or why they could not be read. Worker thread only."""
    try:
        return read_limited(path, limit)
    except FileNotFoundError:
        return Unreadable.MISSING
    except IsADirectoryError:
        return Unreadable.FOLDER
    except ValueError:
        return Unreadable.TOO_LARGE
    except OSError:
        return Unreadable.DENIED
