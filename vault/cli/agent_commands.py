"""``knowhold mcp``: the received library served to AI agents over the Model Context Protocol.

The command decides nothing: it reads the options, opens the vault beside
whoever else has it open (``Vault.open_shared``), and hands it to
``vault.agents``, which checks every call. Standard output belongs to the
protocol while it runs, so the command prints nothing of its own there.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from knowhold.vault.agents.access import check_exposure, parse_bind, read_token
from knowhold.vault.agents.desk import AgentDesk
from knowhold.vault.agents.refresher import StatusRefresher
from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import Result
from knowhold.vault.cli.parser import Command
from knowhold.vault.errors import ExtraMissing, UsageError
from knowhold.vault.i18n import Translated
from knowhold.vault.i18n import gettext as _
from knowhold.vault.store.storage import Vault


def cmd_mcp(ctx: Context) -> Result:
    a = ctx.args
    bind = parse_bind(a.http) if a.http is not None else None
    token = read_token(a.token_file) if a.token_file is not None else None
    if bind is None and token is not None:
        raise UsageError(
            Translated(_("--token-file is for --http: standard input and output need no token."))
        )
    if bind is not None:
        check_exposure(bind, token)
    if importlib.util.find_spec("mcp") is None:
        raise ExtraMissing(
            Translated(_("The MCP server needs the optional mcp package, which is not installed."))
        )
    from knowhold.vault.agents import server

    vault = Vault.open_shared(ctx.vault_path, ctx.secrets.passphrase(), clock=ctx.clock)
    desk: AgentDesk | None = None
    refresher: StatusRefresher | None = None
    try:
        desk = AgentDesk(vault, licenses=a.license or (), audit_queries=not a.no_audit_queries)
        refresher = StatusRefresher(vault, desk)
        refresher.start()
        if bind is None:
            server.serve_stdio(desk)
        else:
            server.serve_http(desk, bind, token)
    finally:
        if refresher is not None:
            refresher.stop()
        if desk is not None:
            desk.close()
        vault.close()
    return Result({}, [])


def register(command: Command) -> None:
    p = command(
        "mcp", _("serve received licenses to AI agents (Model Context Protocol), checked on every call")
    )
    p.add_argument(
        "--license",
        action="append",
        metavar="ID",
        help=_("serve only this license (repeat for several); default: every license allowing ai-retrieval"),
    )
    p.add_argument(
        "--http",
        metavar="HOST:PORT",
        help=_("streamable HTTP instead of standard input and output (a bare PORT binds 127.0.0.1)"),
    )
    p.add_argument(
        "--token-file",
        type=Path,
        metavar="FILE",
        help=_("bearer token every HTTP request must carry; required to bind beyond loopback"),
    )
    p.add_argument(
        "--no-audit-queries",
        action="store_true",
        help=_("leave search queries out of the audit log (calls, licenses and entries are still recorded)"),
    )
    p.set_defaults(handler=cmd_mcp)
