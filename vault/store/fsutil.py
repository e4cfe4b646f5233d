"""Atomic file replacement and private folders.

Every file Knowhold replaces goes through ``atomic_write``: a temp file in
the same folder, owner-only permissions set before any byte is written,
write, fsync, ``os.replace``, fsync of the folder. A crash at any point
leaves either the old file or the new one, never a mix, and the secret
content is never readable by other users, not even for a moment.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with owner-only permissions; refuse one that exists.

    SQLite creates a missing database with the umask's mode (often 0644) and
    gives its ``-wal`` and ``-shm`` files the database's own mode, so creating
    the empty file first with 0600 makes all three private from their first byte.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    os.close(os.open(path, flags, PRIVATE_FILE_MODE))


def make_folder_private(folder: Path) -> None:
    """Set owner-only modes on ``folder`` and every regular file directly in it.

    For a vault made by an older Knowhold, or copied with a tool that kept
    the umask's modes. Symlinks are never followed (their target is not the
    vault's to change), and files the process does not own are left as they
    are: opening must not fail because of a stray file.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        if os.lstat(folder).st_mode & 0o077:
            os.chmod(folder, PRIVATE_DIR_MODE)
    with os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mode & 0o077:
                    os.chmod(entry.path, PRIVATE_FILE_MODE)


def fsync_file(path: Path) -> None:
    """Flush a file that another writer (SQLite) produced to the disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Persist a rename: on POSIX the folder entry itself needs an fsync."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` atomically on success.

    On any exception the temp file is removed and ``path`` is untouched.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, owner-only permissions."""
    with atomic_writer(path) as handle:
        handle.write(data)


def read_limited(path: Path, limit: int) -> bytes:
    """Read a whole file, refusing (ValueError) one larger than ``limit`` bytes.

    The size is checked from the open handle before reading, and the read
    itself is bounded, so a huge or growing file is never pulled into memory.
    """
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise ValueError(f"file larger than {limit} bytes")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"file larger than {limit} bytes")
    return data
