"""The progress callback every long operation takes.

``progress(done, total, what)``: counts (files, bytes…) and a short label of
the current step. It runs on the caller's thread; the UI turns it into a
signal. It may raise ``vault.errors.Cancelled`` to stop the work, which then
ends cleanly (each operation documents what is kept).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
