"""What every command is given: parsed options, where secrets come from,
the vault path, the streams, and the clock (the real one enters here, at
the edge, and nowhere in the core)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import platformdirs

from knowhold.vault.cli.output import entries_count
from knowhold.vault.cli.secrets import SecretSource
from knowhold.vault.errors import Malformed, NoVault, UsageError
from knowhold.vault.i18n import Translated
from knowhold.vault.i18n import gettext as _
from knowhold.vault.store.db import Clock
from knowhold.vault.store.fsutil import read_limited
from knowhold.vault.store.keys import Argon2Params
from knowhold.vault.store.storage import DB_NAME, Vault, is_vault

APP_DIR_NAME = "Knowhold"
MAX_BODY_INPUT = 4 * 1024 * 1024

# Starts the desktop app on a vault; given by the launcher so the core never imports Qt.
OpenApp = Callable[[Path, str | None], int]


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False)


def default_vault_path(environ: Mapping[str, str]) -> Path:
    if environ.get("KNOWHOLD_VAULT"):
        return Path(environ["KNOWHOLD_VAULT"]).expanduser()
    return data_dir() / "vault"


def system_clock() -> int:
    return int(time.time())


def _cannot_read(path: Path, exc: OSError) -> Translated:
    # The system's reason (strerror) is in the system's language already.
    return Translated(_("Cannot read {path}: {reason}.").format(path=path, reason=exc.strerror))


@dataclass
class Context:
    args: argparse.Namespace
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    clock: Clock = system_clock
    open_app: OpenApp | None = None
    # None: calibrate on this machine. Tests pass the floor to stay quick.
    kdf: Argon2Params | None = None
    secrets: SecretSource = field(init=False)

    def __post_init__(self) -> None:
        self.secrets = SecretSource(passphrase_file=self.args.passphrase_file, environ=self.environ)

    @property
    def vault_path(self) -> Path:
        explicit: Path | None = self.args.vault
        return explicit.expanduser() if explicit is not None else default_vault_path(self.environ)

    def open_vault(self) -> Vault:
        path = self.vault_path
        if not is_vault(path) and not (path / DB_NAME).exists():
            raise NoVault(Translated(_("No vault at {path}.").format(path=path)))
        return Vault.open(path, self.secrets.passphrase(), clock=self.clock, progress=self._announce_reindex)

    def _announce_reindex(self, done: int, total: int, _what: str) -> None:
        # Once after an update the open rebuilds the search index (about 2 ms an
        # entry): one line says why the command waits, even in a script's log.
        if done == 0:
            line = _("updating the search index once after an update ({entries})…")
            self.stderr.write(f"knowhold: {line.format(entries=entries_count(total))}\n")
            self.stderr.flush()

    def read_body(self, file: Path | None) -> str:
        """An entry body from a file, or standard input for None or '-'."""
        if file is None or str(file) == "-":
            data = self.stdin.read(MAX_BODY_INPUT + 1)
            if len(data) > MAX_BODY_INPUT:
                raise UsageError(Translated(_("The body on standard input is larger than 4 MiB.")))
            return data
        try:
            raw = read_limited(file, MAX_BODY_INPUT)
        except FileNotFoundError as exc:
            raise UsageError(Translated(_("No such file: {path}").format(path=file))) from exc
        except ValueError as exc:
            raise UsageError(Translated(_("{path} is larger than 4 MiB.").format(path=file))) from exc
        except OSError as exc:
            raise UsageError(_cannot_read(file, exc)) from exc
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UsageError(Translated(_("{path} is not UTF-8 text.").format(path=file))) from exc

    def read_document(self, path: Path, limit: int, what: str) -> bytes:
        """A card, package, status document or receipt (``what``, translated) named on the command line.

        Refused before reading when larger than ``limit``: a huge file is never
        read into memory, and is reported as malformed (exit 10) since no such
        document can be that large.
        """
        try:
            return read_limited(path, limit)
        except FileNotFoundError as exc:
            raise UsageError(Translated(_("No such file: {path}").format(path=path))) from exc
        except IsADirectoryError as exc:
            folder = _("{path} is a folder, not a {document}.").format(path=path, document=what)
            raise UsageError(Translated(folder)) from exc
        except ValueError as exc:
            too_large = _("{path} is larger than any {document} can be ({limit} bytes).")
            raise Malformed(
                Translated(too_large.format(path=path, document=what, limit=f"{limit:,}"))
            ) from exc
        except OSError as exc:
            raise UsageError(_cannot_read(path, exc)) from exc

    def progress(self, label: str) -> Callable[[int, int, str], None] | None:
        """A progress line on standard error (``label``, translated), for people at a terminal only."""
        if self.args.json or not self.stderr.isatty():
            return None

        def report(done: int, total: int, current: str) -> None:
            self.stderr.write(f"\r{label} {done}/{total}".ljust(40))
            if done >= total:
                self.stderr.write("\n")
            self.stderr.flush()

        return report
