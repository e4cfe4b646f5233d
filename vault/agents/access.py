"""Who may reach the MCP server over HTTP: the address it binds, and the bearer token.

Over standard input and output, the only client is the program that started
the server. Over HTTP (``--http HOST:PORT``), anyone who can reach the port
can ask, so:

* the address is loopback unless one is named (``--http 8765`` binds
  127.0.0.1), and a name that is not a literal loopback address counts as
  reachable from elsewhere (``localhost`` included: it may resolve anywhere);
* any bind that is not loopback needs a bearer token (``--token-file``):
  without one the server refuses to start, rather than serve licensed text
  to a network;
* a token given is required on every request, loopback or not, and compared
  in constant time (``hmac.compare_digest``), so response times do not leak
  how much of a guess was right. A request without it gets 401 before the
  SDK sees it.

The token file's first line is the token, at least ``MIN_TOKEN`` characters
of printable ASCII, so a short or empty file cannot open the server by
accident.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowhold.vault.errors import UsageError
from knowhold.vault.store.fsutil import read_limited

DEFAULT_HOST = "127.0.0.1"
MIN_TOKEN = 32
_TOKEN_FILE_LIMIT = 4096

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Bind:
    host: str
    port: int

    @property
    def loopback(self) -> bool:
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def parse_bind(text: str) -> Bind:
    """``PORT``, ``HOST:PORT`` or ``[IPv6]:PORT``; ``UsageError`` for anything else."""
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = DEFAULT_HOST, text
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not port.isascii() or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise UsageError(f"--http wants HOST:PORT with a port from 1 to 65535, not {text[:80]!r}.")
    if not host or any(c.isspace() for c in host):
        raise UsageError(f"--http wants HOST:PORT, not {text[:80]!r}.")
    return Bind(host, int(port))


def read_token(path: Path) -> str:
    """The bearer token: the file's first line, long enough and printable."""
    try:
        data = read_limited(path, _TOKEN_FILE_LIMIT)
    except (OSError, ValueError) as exc:
        raise UsageError(f"Cannot read the token file {path}.") from exc
    lines = data.decode("ascii", errors="replace").splitlines()
    token = lines[0].strip() if lines else ""
    if len(token) < MIN_TOKEN or not token.isascii() or not token.isprintable() or " " in token:
        raise UsageError(
            f"The token in {path} must be at least {MIN_TOKEN} printable ASCII characters without spaces."
        )
    return token


def check_exposure(bind: Bind, token: str | None) -> None:
    """Refuse to serve beyond this computer without a token."""
    if token is None and not bind.loopback:
        raise UsageError(
            f"Serving on {bind.host} reaches beyond this computer: give a bearer token with --token-file."
        )


class BearerCheck:
    """ASGI middleware: every HTTP request must carry ``Authorization: Bearer <token>``."""

    def __init__(self, app: App, token: str) -> None:
        self._app = app
        self._expected = f"Bearer {token}".encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._allowed(scope):
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [(b"content-type", b"text/plain"), (b"www-authenticate", b"Bearer")],
                }
            )
            await send({"type": "http.response.body", "body": b"A bearer token is required.\n"})
            return
        await self._app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        given = next((v for k, v in scope.get("headers", ()) if k.lower() == b"authorization"), b"")
        return hmac.compare_digest(bytes(given), self._expected)


__all__ = ["DEFAULT_HOST", "MIN_TOKEN", "BearerCheck", "Bind", "check_exposure", "parse_bind", "read_token"]
