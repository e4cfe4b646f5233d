"""Every failure the core can report, in one tree.

Each class carries the exit code the command line returns for it and a
plain sentence for the user. Lower-level errors (sqlcipher3, cryptography,
OSError) are converted where they cross into the core, with ``raise … from``,
so nothing above ``vault/`` ever sees a library exception or a traceback.

    KnowholdError                      exit 1
    ├── UsageError                     exit 2   bad option or value
    │   └── InvalidValue               exit 2   a value the core refuses
    ├── VaultError                     exit 1
    │   ├── NoVault                             no vault at the path
    │   ├── VaultExists                         refusing to overwrite one
    │   ├── WrongSecret                         wrong passphrase/code, or not a vault
    │   ├── VaultInUse                          another process holds the lock
    │   ├── VaultCorrupt                        key file or database damaged
    │   ├── VaultTooNew                         written by a newer Knowhold
    │   └── VaultLocked                         used after close()
    ├── NotFound                       exit 1   unknown id
    ├── ImportFailed                   exit 1   nothing importable at a path
    ├── BackupError                    exit 1   backup file unreadable or damaged
    ├── ExportFailed                   exit 1   cannot write the export
    └── Cancelled                      exit 1   the user stopped long work
"""

from __future__ import annotations


class KnowholdError(Exception):
    """Base of every error the core raises on purpose."""

    exit_code: int = 1
    default_message: str = "Something went wrong."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class UsageError(KnowholdError):
    exit_code = 2
    default_message = "Invalid usage."


class InvalidValue(UsageError):
    default_message = "Invalid value."


class VaultError(KnowholdError):
    default_message = "The vault cannot be used."


class NoVault(VaultError):
    default_message = "No vault here. Create one with `knowhold init`."


class VaultExists(VaultError):
    default_message = "A vault already exists here; nothing was changed."


class WrongSecret(VaultError):
    default_message = "Wrong passphrase, or this folder is not a Knowhold vault."


class VaultInUse(VaultError):
    default_message = "The vault is open in another Knowhold window or command; close it and try again."


class VaultCorrupt(VaultError):
    default_message = "The vault's files are damaged."


class VaultTooNew(VaultError):
    default_message = "This vault was written by a newer Knowhold; please update."


class VaultLocked(VaultError):
    default_message = "The vault is locked."


class NotFound(KnowholdError):
    default_message = "No such entry."


class ImportFailed(KnowholdError):
    default_message = "Nothing could be imported."


class BackupError(KnowholdError):
    default_message = "The backup file is damaged or not a Knowhold backup."


class ExportFailed(KnowholdError):
    default_message = "The export could not be written."


class Cancelled(KnowholdError):
    """Raised from a progress callback to stop long work; nothing half-done is kept."""

    default_message = "Cancelled."
