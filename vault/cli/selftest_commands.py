"""``knowhold self-test``: run ``vault.selftest`` in a temporary folder and print one line per step.

It opens no vault of the user's and asks for no passphrase, so it runs the
same on a fresh machine, in CI on a frozen build, or for a user asked to
send its output. Exit 0 when every step passed; ``EXIT_FAILED`` otherwise,
with the failed step's reason once more on standard error.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import Result
from knowhold.vault.cli.parser import Command
from knowhold.vault.i18n import gettext as _
from knowhold.vault.i18n import say
from knowhold.vault.selftest import EXIT_FAILED, run_self_test

_MARK = {True: "ok  ", False: "FAIL", None: " -- "}


def cmd_self_test(ctx: Context) -> Result:
    with tempfile.TemporaryDirectory(prefix="knowhold-self-test-") as folder:
        report = run_self_test(Path(folder), clock=ctx.clock)
    width = max(len(step.name) for step in report.steps)
    lines = [
        f"{_MARK[step.ok]}  {step.name:<{width}}  {step.seconds:5.2f}s  {say(step.detail)}"
        for step in report.steps
    ]
    lines.append(_("Self-test passed.") if report.passed else _("Self-test FAILED."))
    data = {
        "passed": report.passed,
        "steps": [
            {"name": s.name, "ok": s.ok, "detail": s.detail, "seconds": round(s.seconds, 3)}
            for s in report.steps
        ],
    }
    if report.passed:
        return Result(data, lines)
    failed = next(step for step in report.steps if step.ok is False)

    def fail() -> None:
        # The steps went to standard output; a person also gets the one line that matters.
        reason = _("self-test failed at {step}: {detail}").format(step=failed.name, detail=failed.detail)
        ctx.stderr.write(f"knowhold: {reason}\n")

    return Result(data, lines, then=None if ctx.args.json else fail, exit_code=EXIT_FAILED)


def register(command: Command) -> None:
    command(
        "self-test",
        _("check this installation: two throwaway vaults, a license issued, read, revoked and destroyed"),
    ).set_defaults(handler=cmd_self_test)
