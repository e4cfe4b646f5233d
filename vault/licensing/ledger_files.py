"""The files the ledger writes: packages and status documents, never half-written.

A package is written only to a file name (never over a folder, never over a
file that is not already a Knowhold package, which would destroy the user's
data), atomically, inside the transaction that records it; if that commit
fails, the files written for it are removed, so the ledger and the disk agree.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from knowhold.vault.errors import ExportFailed, InvalidValue
from knowhold.vault.licensing.package import MAGIC
from knowhold.vault.store.fsutil import atomic_write


def _starts_with(path: Path, head: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(head)) == head
    except OSError:
        return False


def package_target(out: Path) -> Path:
    if out.is_dir():
        raise InvalidValue(
            f"{out} is a folder: give the package a file name, such as {out / 'license.knowhold'}."
        )
    if out.exists() and not _starts_with(out, MAGIC):
        raise InvalidValue(f"{out} exists and is not a Knowhold package: refusing to overwrite it.")
    if not out.parent.is_dir():
        raise InvalidValue(f"No folder {out.parent} to write the package into.")
    return out


@contextlib.contextmanager
def removed_on_failure() -> Iterator[list[Path]]:
    """Files are written inside the transaction that records them; the caller
    lists each one it wrote. Should the commit itself fail after that, the
    files go too: a package the ledger does not know of, or a status document
    whose sequence number was not kept (and would be reused, which a reader
    takes for tampering)."""
    written: list[Path] = []
    try:
        yield written
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def write_file(path: Path, data: bytes, *, mode: int | None = None) -> None:
    try:
        atomic_write(path, data)
        if mode is not None:
            os.chmod(path, mode)
    except OSError as exc:
        raise ExportFailed(f"Cannot write {path}: {exc.strerror or exc}.") from exc
