"""Where the command line gets passphrases and recovery codes.

Never from a command-line argument (it would sit in shell history and be
visible to every user in the process list). In order: ``--passphrase-file``,
the environment, then an interactive prompt on the terminal.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from knowhold.vault.errors import InvalidValue, UsageError
from knowhold.vault.store.fsutil import read_limited
from knowhold.vault.store.strength import estimate, refusal

_SECRET_FILE_LIMIT = 64 * 1024


@dataclass
class SecretSource:
    passphrase_file: Path | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    prompt: Callable[[str], str] = getpass.getpass
    interactive: Callable[[], bool] = lambda: sys.stdin.isatty()

    def _ask(self, what: str, env_name: str) -> str:
        if not self.interactive():
            raise UsageError(f"No {what}: set {env_name} or run in a terminal to be asked.")
        try:
            return self.prompt(f"{what[0].upper()}{what[1:]}: ")
        except EOFError as exc:
            raise UsageError(f"No {what} given.") from exc

    def passphrase(self) -> str:
        """The passphrase of the vault being opened."""
        given = self._given()
        if given is not None:
            return given
        if not self.interactive():
            raise UsageError(
                "No passphrase: set KNOWHOLD_PASSPHRASE, use --passphrase-file FILE, or run in a terminal."
            )
        return self._ask("passphrase", "KNOWHOLD_PASSPHRASE")

    def initial_passphrase(self) -> str:
        """The passphrase for a vault being created: given, or typed twice."""
        given = self._given()
        if given is None:
            return self.new_passphrase("KNOWHOLD_PASSPHRASE")
        check_new_passphrase(given)
        return given

    def _given(self) -> str | None:
        if self.passphrase_file is not None:
            try:
                data = read_limited(self.passphrase_file, _SECRET_FILE_LIMIT)
            except (OSError, ValueError) as exc:
                raise UsageError(f"Cannot read the passphrase file {self.passphrase_file}.") from exc
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UsageError("The passphrase file is not UTF-8 text.") from exc
            # The first line, without its line ending: editors add one.
            return text.splitlines()[0] if text else ""
        return self.environ.get("KNOWHOLD_PASSPHRASE")

    def new_passphrase(self, env_name: str) -> str:
        """A passphrase being set: from ``env_name`` or typed twice."""
        if env_name in self.environ:
            value = self.environ[env_name]
        else:
            value = self._ask("new passphrase", env_name)
            if self.prompt("Repeat the new passphrase: ") != value:
                raise InvalidValue("The two passphrases differ; nothing was changed.")
        check_new_passphrase(value)
        return value

    def recovery_code(self) -> str:
        if "KNOWHOLD_RECOVERY_CODE" in self.environ:
            return self.environ["KNOWHOLD_RECOVERY_CODE"]
        return self._ask("recovery code", "KNOWHOLD_RECOVERY_CODE")


def check_new_passphrase(value: str) -> None:
    """The app's policy (vault/strength.py): zxcvbn score 3 or more, not a length rule."""
    strength = estimate(value)
    if not strength.acceptable:
        raise InvalidValue(refusal(strength))
