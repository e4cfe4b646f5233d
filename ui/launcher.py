"""The ``knowhold`` console entry point.

With no command it starts the desktop app; with a command it is the CLI.
It lives in ``ui/`` so that ``vault/`` never imports Qt: the CLI is handed
a function that opens the app, and Qt is imported only when it is called.
"""

from __future__ import annotations

import sys
from pathlib import Path


def open_app(vault_path: Path, passphrase: str | None) -> int:
    from knowhold.ui.app import main as app_main

    return app_main(vault_path, passphrase)


def main() -> int:
    from knowhold.vault.cli import main as cli_main

    return cli_main(open_app=open_app)


if __name__ == "__main__":
    sys.exit(main())
