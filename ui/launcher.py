"""The ``knowhold`` console entry point.

With no command it starts the desktop app; with a command it is the CLI.
It lives in ``ui/`` so that ``vault/`` never imports Qt: the CLI is handed
a function that opens the app, and Qt is imported only when it is called.

A license package named where a command would go (``knowhold
license.knowhold``, as a file manager runs the app on a file) starts the app
on that package; ``knowhold verify license.knowhold`` is still the command.
"""

from __future__ import annotations

import sys
from pathlib import Path

from knowhold.vault.licensing.package import PACKAGE_SUFFIX

# The top-level options that take a value (vault/cli/parser.py, _global_options).
_TAKES_VALUE = frozenset({"--vault", "--passphrase-file", "--lang"})


def open_app(vault_path: Path, passphrase: str | None, package: Path | None = None) -> int:
    from knowhold.ui.app import main as app_main

    return app_main(vault_path, passphrase, package=package)


def package_argument(argv: list[str]) -> tuple[list[str], Path | None]:
    """``argv`` without a package named in the command's place, and that package (or None)."""
    value_next = False
    for index, arg in enumerate(argv):
        if value_next:
            value_next = False
        elif arg in _TAKES_VALUE:
            value_next = True
        elif not arg.startswith("-"):
            if Path(arg).suffix.lower() != PACKAGE_SUFFIX:
                break  # a command
            return argv[:index] + argv[index + 1 :], Path(arg)
    return argv, None


def main() -> int:
    from knowhold.vault.cli import main as cli_main

    argv, package = package_argument(sys.argv[1:])
    return cli_main(argv, open_app=lambda vault_path, passphrase: open_app(vault_path, passphrase, package))


if __name__ == "__main__":
    sys.exit(main())
