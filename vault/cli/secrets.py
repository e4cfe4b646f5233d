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
from enum import Enum
from pathlib import Path

from knowhold.vault.errors import InvalidValue, UsageError
from knowhold.vault.i18n import N_, Translated
from knowhold.vault.i18n import gettext as _
from knowhold.vault.store.fsutil import read_limited
from knowhold.vault.store.strength import estimate, refusal

_SECRET_FILE_LIMIT = 64 * 1024


class Secret(Enum):
    """What is asked for, as a sentence names it (translated where shown)."""

    PASSPHRASE = N_("passphrase")
    NEW_PASSPHRASE = N_("new passphrase")
    RECOVERY_CODE = N_("recovery code")


# The prompt for each: a whole phrase, so a translation need not capitalise a word.
PROMPTS = {
    Secret.PASSPHRASE: N_("Passphrase: "),
    Secret.NEW_PASSPHRASE: N_("New passphrase: "),
    Secret.RECOVERY_CODE: N_("Recovery code: "),
}


@dataclass
class SecretSource:
    passphrase_file: Path | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    prompt: Callable[[str], str] = getpass.getpass
    interactive: Callable[[], bool] = lambda: sys.stdin.isatty()

    def _ask(self, what: Secret, env_name: str) -> str:
        if not self.interactive():
            absent = _("No {secret}: set {variable} or run in a terminal to be asked.")
            raise UsageError(Translated(absent.format(secret=_(what.value), variable=env_name)))
        try:
            return self.prompt(_(PROMPTS[what]))
        except EOFError as exc:
            raise UsageError(Translated(_("No {secret} given.").format(secret=_(what.value)))) from exc

    def passphrase(self) -> str:
        """The passphrase of the vault being opened."""
        given = self._given()
        if given is not None:
            return given
        if not self.interactive():
            absent = _(
                "No passphrase: set KNOWHOLD_PASSPHRASE, use --passphrase-file FILE, or run in a terminal."
            )
            raise UsageError(Translated(absent))
        return self._ask(Secret.PASSPHRASE, "KNOWHOLD_PASSPHRASE")

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
                unreadable = _("Cannot read the passphrase file {path}.").format(path=self.passphrase_file)
                raise UsageError(Translated(unreadable)) from exc
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UsageError(Translated(_("The passphrase file is not UTF-8 text."))) from exc
            # The first line, without its line ending: editors add one.
            return text.splitlines()[0] if text else ""
        return self.environ.get("KNOWHOLD_PASSPHRASE")

    def new_passphrase(self, env_name: str) -> str:
        """A passphrase being set: from ``env_name`` or typed twice."""
        if env_name in self.environ:
            value = self.environ[env_name]
        else:
            value = self._ask(Secret.NEW_PASSPHRASE, env_name)
            if self.prompt(_("Repeat the new passphrase: ")) != value:
                raise InvalidValue(Translated(_("The two passphrases differ; nothing was changed.")))
        check_new_passphrase(value)
        return value

    def recovery_code(self) -> str:
        if "KNOWHOLD_RECOVERY_CODE" in self.environ:
            return self.environ["KNOWHOLD_RECOVERY_CODE"]
        return self._ask(Secret.RECOVERY_CODE, "KNOWHOLD_RECOVERY_CODE")


def check_new_passphrase(value: str) -> None:
    """The app's policy (vault/strength.py): zxcvbn score 3 or more, not a length rule."""
    strength = estimate(value)
    if not strength.acceptable:
        raise InvalidValue(refusal(strength))
