"""How to start the desktop app again as a second process, on another vault.

Its own module so that a dialog can offer "Open Restored Vault" without
importing the launcher, which imports the whole app (a cycle otherwise).
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_command(vault_path: Path) -> tuple[str, list[str]]:
    """The program and arguments that start the desktop app on ``vault_path``.

    The frozen app is its own program; from source or a wheel it is the
    launcher module run by the same interpreter, so the same installation
    opens it.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, ["--vault", str(vault_path)]
    return sys.executable, ["-m", "knowhold.ui.launcher", "--vault", str(vault_path)]
