"""The ``knowhold`` console entry point.

With no command it starts the desktop app; with a command it is the CLI.
It lives in ``ui/`` so that ``vault/`` never imports Qt: the CLI is handed
a function that opens the app, and Qt is imported only when it is called.
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_command(vault_path: Path) -> tuple[str, list[str]]:
    """The program and arguments that start the desktop app on ``vault_path``.

    The frozen app is its own program; from source or a wheel it is this
    module run by the same interpreter, so the same installation opens it.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, ["--vault", str(vault_path)]
    return sys.executable, ["-m", "ui.launcher", "--vault", str(vault_path)]


def open_app(vault_path: Path, passphrase: str | None) -> int:
    from ui.app import main as app_main

    return app_main(vault_path, passphrase)


def main() -> int:
    from vault.cli import main as cli_main

    return cli_main(open_app=open_app)


if __name__ == "__main__":
    sys.exit(main())
