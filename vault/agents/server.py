"""The MCP server: ``AgentDesk``'s three tools over the official ``mcp`` SDK (2.x, ``MCPServer``).

This module only adapts: it names the tools, describes them for the agent,
turns the core's errors into tool errors (the core's own sentence, nothing
else: no traceback reaches a client), and runs a transport, standard input
and output or streamable HTTP (``vault.agents.access`` decides who may
connect). The SDK is an optional extra (``knowhold[agents]``): it is
imported only when a server is built, so the rest of Knowhold installs and
imports without it.

The SDK runs a plain function tool on a worker thread; ``AgentDesk`` holds
one lock for the vault's connection, so calls are served one at a time.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from knowhold.vault.agents.access import BearerCheck, Bind
from knowhold.vault.agents.desk import DEFAULT_LIMIT, AgentDesk
from knowhold.vault.errors import KnowholdError

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

log = logging.getLogger(__name__)

NAME = "knowhold"
INSTRUCTIONS = (
    "Work knowledge licensed to you through Knowhold. Every text carries a notice: who licensed it, "
    "to whom, until when, the permitted uses and whether a person must review AI use of it. Keep the "
    "notice with anything you quote. A license that has ended or been revoked disappears, and asking "
    "for it returns the reason."
)


def _tool_error(exc: KnowholdError) -> Exception:
    from mcp.server.mcpserver.exceptions import ToolError

    return ToolError(exc.message)


def build_server(desk: AgentDesk) -> MCPServer:
    """The SDK's server with the three tools, calling ``desk``."""
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError

    server: MCPServer = MCPServer(NAME, instructions=INSTRUCTIONS, log_level="WARNING")

    def guarded(call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except KnowholdError as exc:
            raise _tool_error(exc) from exc
        except Exception as exc:  # a bug: the agent gets a sentence, never a traceback
            log.debug("tool failed", exc_info=True)
            raise ToolError(f"Unexpected error ({type(exc).__name__}); nothing was changed.") from exc

    def list_licenses() -> dict[str, Any]:
        """The licenses you may use now: id, licensor, title, end date, permitted uses, whether a
        person must review AI use, and the notice to keep with anything you quote."""
        views = guarded(desk.list_licenses)
        return {"licenses": [v.to_json() for v in views]}

    def search_knowledge(
        query: str, license_id: str | None = None, limit: int = DEFAULT_LIMIT
    ) -> dict[str, Any]:
        """Search the licensed entries. Words must all match; also OR, -word, "a phrase",
        prefix*, tag:x, kind:y. Optionally within one license; limit 1-50. Each hit has
        license_id, entry_id, title, snippet and its license's notice."""
        hits = guarded(desk.search, query, license_id, limit)
        return {"hits": [h.to_json() for h in hits]}

    def read_entry(license_id: str, entry_id: str) -> dict[str, Any]:
        """One licensed entry in full. Its text opens with the license notice: keep it with any quote."""
        return dict(guarded(desk.read, license_id, entry_id).to_json())

    server.add_tool(list_licenses, name="list_licenses")
    server.add_tool(search_knowledge, name="search_knowledge")
    server.add_tool(read_entry, name="read_entry")
    return server


def serve_stdio(desk: AgentDesk) -> None:
    """Serve on standard input and output until the client closes them."""
    build_server(desk).run("stdio")


def serve_http(desk: AgentDesk, bind: Bind, token: str | None) -> None:
    """Serve streamable HTTP at ``bind`` (path ``/mcp``) until interrupted."""
    import anyio
    import uvicorn

    app: Any = build_server(desk).streamable_http_app(host=bind.host)
    if token is not None:
        app = BearerCheck(app, token)
    config = uvicorn.Config(app, host=bind.host, port=bind.port, log_level="warning")
    anyio.run(uvicorn.Server(config).serve)


__all__ = ["build_server", "serve_http", "serve_stdio"]
