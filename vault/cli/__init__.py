"""The ``knowhold`` command line: parse, call the core, present.

Every failure ends as one line on standard error and a defined exit code:
2 for usage errors, the error's own code otherwise (1 for most), 130 when
interrupted. No traceback ever reaches the user.

Text for people is in the language ``--lang`` names, else the system's
(``vault.i18n``); what scripts read (JSON, exit codes) is the same in each.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from knowhold.vault.cli.context import Context, OpenApp, system_clock
from knowhold.vault.cli.output import emit, error_line
from knowhold.vault.cli.parser import build_parser, requested_language
from knowhold.vault.errors import KnowholdError, UsageError
from knowhold.vault.i18n import Translated, language_from_environment, using
from knowhold.vault.i18n import gettext as _
from knowhold.vault.store.db import Clock
from knowhold.vault.store.diskerrors import disk_failure_or_none
from knowhold.vault.store.keys import Argon2Params

log = logging.getLogger("knowhold")


def main(
    argv: Sequence[str] | None = None,
    *,
    open_app: OpenApp | None = None,
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    clock: Clock = system_clock,
    kdf: Argon2Params | None = None,
) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    environ = os.environ if environ is None else environ
    with using(requested_language(words) or language_from_environment(environ)):
        return _run(words, open_app, environ, stdin, stdout or sys.stdout, stderr or sys.stderr, clock, kdf)


def _run(
    argv: list[str],
    open_app: OpenApp | None,
    environ: Mapping[str, str],
    stdin: TextIO | None,
    stdout: TextIO,
    stderr: TextIO,
    clock: Clock,
    kdf: Argon2Params | None,
) -> int:
    try:
        args = build_parser().parse_args(argv)
        ctx = Context(
            args,
            environ=environ,
            stdin=stdin or sys.stdin,
            stderr=stderr,
            clock=clock,
            open_app=open_app,
            kdf=kdf,
        )
        if args.command is None:
            # No command: the desktop app, on --vault, $KNOWHOLD_VAULT or the default vault.
            if open_app is None:
                raise UsageError(Translated(_("No command given (see `knowhold --help`).")))
            return open_app(ctx.vault_path, None)
        result = args.handler(ctx)
        emit(result, as_json=args.json, out=stdout)
        if result.then is not None:
            result.then()
        return result.exit_code
    except KnowholdError as exc:
        stderr.write(f"knowhold: {error_line(exc)}\n")
        return exc.exit_code
    except SystemExit as exc:  # --help and --version exit through argparse
        return int(exc.code or 0)
    except KeyboardInterrupt:
        interrupted = _("interrupted; nothing half-written was kept.")
        stderr.write(f"knowhold: {interrupted}\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # the last line of defence: never a traceback
        log.debug("unexpected error", exc_info=True)
        disk = disk_failure_or_none(exc)
        if disk is not None:
            stderr.write(f"knowhold: {error_line(disk)}\n")
            return disk.exit_code
        unexpected = _("unexpected error ({name}); nothing was changed.").format(name=type(exc).__name__)
        stderr.write(f"knowhold: {unexpected}\n")
        return 1
