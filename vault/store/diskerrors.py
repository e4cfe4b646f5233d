"""Turning a failed write into a sentence the user can act on.

A full disk surfaces as sqlcipher's ``OperationalError`` ("database or disk
is full", SQLITE_FULL) or as ``OSError`` (ENOSPC, EDQUOT); a read-only or
foreign folder as SQLITE_READONLY, EROFS, EACCES or EPERM. Each is mapped
here, where the write happens, to ``WriteFailed`` naming the folder, so
neither the command line nor the app ever reports "unexpected error
(OperationalError)". Anything else is returned as ``None`` by the
``*_failure_or_none`` helpers and left to the caller's own mapping.
"""

from __future__ import annotations

import errno
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault.errors import WriteFailed

_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_REFUSED_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_READONLY = 8
_SQLITE_FULL = 13


def _full(where: Path | str) -> WriteFailed:
    return WriteFailed(
        f"The disk holding {where} is full; nothing was changed. Free some space and try again."
    )


def _refused(where: Path | str) -> WriteFailed:
    return WriteFailed(
        f"The folder {where} cannot be written (it is read-only or not yours); nothing was changed."
    )


def os_failure_or_none(exc: OSError, where: Path) -> WriteFailed | None:
    if exc.errno in _FULL_ERRNOS:
        return _full(where)
    if exc.errno in _REFUSED_ERRNOS:
        return _refused(where)
    return None


def write_failure(exc: OSError, where: Path) -> WriteFailed:
    """Any OSError from a write: full and refused get their own sentence."""
    found = os_failure_or_none(exc, where)
    if found is not None:
        return found
    reason = exc.strerror or type(exc).__name__
    return WriteFailed(f"Writing to {where} failed ({reason}); nothing was changed.")


def sqlite_failure_or_none(exc: sqlcipher.Error, where: Path | None) -> WriteFailed | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    place: Path | str = where if where is not None else "the vault's folder"
    if primary == _SQLITE_FULL:
        return _full(place)
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return _refused(place)
    return None


def disk_failure_or_none(exc: BaseException) -> WriteFailed | None:
    """The last line of defence's question: was this unmapped error a full or read-only disk?

    For a write that no boundary mapped (a statement outside a transaction,
    a file written by a library): the CLI and the app ask this before they
    fall back to "unexpected error", so a full disk is never reported as one.
    The place is not known here, so the sentence names the vault's folder.
    """
    if isinstance(exc, OSError):
        return os_failure_or_none(exc, Path(exc.filename) if exc.filename else Path("the vault's folder"))
    if isinstance(exc, sqlcipher.Error):
        return sqlite_failure_or_none(exc, None)
    return None
