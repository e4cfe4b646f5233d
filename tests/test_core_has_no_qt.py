"""The core never imports Qt or the GUI: importing all of vault/ in a fresh
interpreter leaves PySide6, shiboken6 and ui out of sys.modules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from knowhold import vault

NAMED = [
    "knowhold.vault",
    "knowhold.vault.store.storage",
    "knowhold.vault.knowledge.entries",
    "knowhold.vault.store.keys",
    "knowhold.vault.store.db",
]


def core_modules() -> list[str]:
    """Every module under vault/, found on disk so new ones are checked too."""
    root = Path(vault.__file__).parent
    names = set(NAMED)
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.add(".".join(("knowhold", "vault", *parts)))
    return sorted(names)


def test_importing_the_core_loads_no_qt_and_no_gui() -> None:
    modules = core_modules()
    assert "knowhold.vault.store.storage" in modules and len(modules) > len(NAMED)
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(modules) <= set(loaded)  # the imports really happened
    forbidden = [
        name
        for name in loaded
        if name.split(".")[0] in {"PySide6", "shiboken6"} or name.startswith("knowhold.ui")
    ]
    assert forbidden == []
