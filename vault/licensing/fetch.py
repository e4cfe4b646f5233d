"""Fetching status documents over HTTP(S): bounded in time, size and destination.

A status URL is written by the licensor into the manifest, and every byte a
server sends back is attacker-controlled. What each rule defends against:

* **Only ``http://`` and ``https://``**, for the URL and for every redirect:
  ``file://`` or ``ftp://`` would read local files or reach other services.
* **An overall deadline per URL** (``FETCH_DEADLINE``, 30 s): a server that
  sends a byte every few seconds, in its headers or its body, never trips a
  per-read socket timeout and would hold ``received refresh`` (and the vault
  it has open) for ever. A watchdog shuts the socket down when the deadline
  passes, whatever phase the exchange is in (TLS handshake, headers, body).
* **At most ``limit`` bytes** (a status document's size limit): a declared
  ``Content-Length`` above it is refused before reading, and reading stops one
  byte past it.
* **At most ``MAX_REDIRECTS`` redirects**: no endless loops.
* **No redirect from a public address to an internal one** (loopback,
  private, link-local, carrier NAT, unspecified, multicast or otherwise not
  globally routable, ``is_public``): a server on the internet must not steer
  the employer's machine into its own network (server-side request forgery:
  an intranet admin page, a cloud metadata service). The redirect's host is
  resolved here, every address it resolves to must pass, and the connection is
  then made to exactly those checked addresses (pinned), so a name that
  answers differently a moment later (DNS rebinding) cannot slip an internal
  address in between the check and the connection.

Limits, on purpose:

* The status URL itself may name an internal address: the licensor wrote it,
  the employer can read it (``received show``) before ingesting, and a status
  server on an intranet is legitimate. Only the jump from public to internal
  that a redirect makes behind the user's back is refused.
* Proxies from the environment (``HTTPS_PROXY``…) are not used: a proxy
  resolves names itself, beyond these checks.
* Name resolution (``getaddrinfo``) cannot be interrupted; it is bounded by the
  system resolver's own timeouts. ``fetch_all`` stops waiting at the deadline
  regardless and leaves such a lookup to end on its own daemon thread.

``fetch_all`` fetches several URLs at once, on threads that touch nothing but
the network: the caller applies what came back on its own thread, with its
own database connection, so one slow URL never holds up the others.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import math
import queue
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowhold.vault.errors import KnowholdError, LicenseError
from knowhold.vault.licensing.status import MAX_STATUS

FETCH_DEADLINE = 30.0  # seconds for one URL, from the first byte sent to the last one read
MAX_REDIRECTS = 5
MAX_PARALLEL = 8  # URLs fetched at once; more wait for a free thread
_GRACE = 0.5  # how long fetch_all waits past a deadline for a fetch to report it
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_SHOWN = 200  # characters of a URL quoted in a message

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolve = Callable[[str, int], Sequence[IPAddress]]
IsPublic = Callable[[IPAddress], bool]
Fetch = Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class Fetched:
    """One URL's outcome: its bytes, or why there are none (a sentence)."""

    url: str
    data: bytes | None
    error: str | None = None


def is_public(address: IPAddress) -> bool:
    """Globally routable unicast. An IPv4-mapped IPv6 address (``::ffff:a.b.c.d``)
    is judged as the IPv4 address it carries, since that is where it connects."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to, in the resolver's order, without repeats."""
    found: list[IPAddress] = []
    for family, _type, _proto, _name, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        if family in (socket.AF_INET, socket.AF_INET6):
            address = ipaddress.ip_address(sockaddr[0])
            if address not in found:
                found.append(address)
    return found


def fetch_status(
    url: str,
    *,
    deadline: float = FETCH_DEADLINE,
    limit: int = MAX_STATUS,
    resolver: Resolve = resolve,
    public: IsPublic = is_public,
) -> bytes:
    """GET a status document: within ``deadline`` seconds in all, at most
    ``limit`` bytes, following redirects only as the module docstring says.

    ``resolver`` and ``public`` are parameters so tests can stand a local
    server in for a public one. Every failure is a ``LicenseError`` sentence.
    """
    shown = url[:_SHOWN]
    clock = _Deadline(deadline, shown)
    current = url
    from_public = False  # whether the server that sent the last redirect is public
    for hop in range(MAX_REDIRECTS + 1):
        target = _Target.of(current, shown)
        addresses = _resolve(target, resolver, shown)
        clock.check()
        if hop and from_public:
            internal = [a for a in addresses if not public(a)]
            if internal:
                named = target.host[:_SHOWN]
                where = named if named == str(internal[0]) else f"{named} ({internal[0]})"
                raise LicenseError(
                    f"Refused {shown}: it redirects from a public address to {where}, "
                    "an address inside a private network or on this computer."
                )
        answer = _get(target, addresses, clock, limit, shown)
        if answer.location is None:
            return answer.body
        from_public = public(answer.peer)
        current = urllib.parse.urljoin(current, answer.location)
    raise LicenseError(f"Could not fetch {shown}: it redirects more than {MAX_REDIRECTS} times.")


def fetch_all(
    urls: Sequence[str],
    fetch: Fetch | None = None,
    *,
    deadline: float = FETCH_DEADLINE,
    parallel: int = MAX_PARALLEL,
) -> list[Fetched]:
    """Fetch every URL at once (``parallel`` at a time), each within ``deadline``.

    Results come in the order of ``urls``. A network failure becomes the
    result's ``error``; any other exception (a bug) is raised here, on the
    caller's thread. A fetch that overruns its deadline (an injected one, or a
    stuck name lookup) is reported as such and left to end on its daemon
    thread, which holds nothing of the caller's.
    """
    fetcher: Fetch = fetch if fetch is not None else functools.partial(fetch_status, deadline=deadline)
    if not urls:
        return []
    jobs: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in range(len(urls)):
        jobs.put(i)
    outcomes: list[Fetched | BaseException | None] = [None] * len(urls)
    done = [threading.Event() for _ in urls]
    abandoned = threading.Event()

    def work() -> None:
        while not abandoned.is_set():
            try:
                i = jobs.get_nowait()
            except queue.Empty:
                return
            outcomes[i] = _one(urls[i], fetcher)
            done[i].set()

    workers = min(max(parallel, 1), len(urls))
    for _ in range(workers):
        threading.Thread(target=work, name="knowhold-fetch", daemon=True).start()
    # Each round of `workers` fetches takes at most one deadline (plus the grace to report it).
    end = time.monotonic() + math.ceil(len(urls) / workers) * (deadline + _GRACE)
    for event in done:
        event.wait(max(0.0, end - time.monotonic()))
    abandoned.set()
    results: list[Fetched] = []
    for url, outcome in zip(urls, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            raise outcome
        results.append(outcome or Fetched(url, None, f"No complete answer within {deadline:g} s."))
    return results


def _one(url: str, fetch: Fetch) -> Fetched | BaseException:
    try:
        return Fetched(url, fetch(url))
    except KnowholdError as exc:
        return Fetched(url, None, exc.message)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return Fetched(url, None, str(exc) or type(exc).__name__)
    except Exception as exc:  # a bug: handed to the caller's thread, raised there
        return exc


# -- one exchange ----------------------------------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float, shown: str) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.shown = shown

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def check(self) -> float:
        left = self.remaining()
        if left <= 0:
            raise self.error()
        return left

    def error(self) -> LicenseError:
        return LicenseError(f"Could not fetch {self.shown}: no complete answer within {self.seconds:g} s.")


@dataclass(frozen=True, slots=True)
class _Target:
    https: bool
    host: str
    port: int
    path: str

    @classmethod
    def of(cls, url: str, shown: str) -> _Target:
        try:
            parts = urllib.parse.urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise LicenseError(f"Could not fetch {shown}: {url[:_SHOWN]!r} is not a valid address.") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise LicenseError(f"Refusing to fetch {url[:_SHOWN]!r}: only http:// and https:// are used.")
        if not parts.hostname:
            raise LicenseError(f"Could not fetch {shown}: {url[:_SHOWN]!r} names no host.")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default = 443 if scheme == "https" else 80
        return cls(scheme == "https", parts.hostname, port or default, path)


@dataclass(frozen=True, slots=True)
class _Answer:
    body: bytes
    location: str | None  # set for a redirect
    peer: IPAddress  # the address that answered


def _resolve(target: _Target, resolver: Resolve, shown: str) -> list[IPAddress]:
    try:
        addresses = list(resolver(target.host, target.port))
    except (OSError, UnicodeError, ValueError) as exc:
        raise LicenseError(
            f"Could not fetch {shown}: the name {target.host[:_SHOWN]} was not found."
        ) from exc
    if not addresses:
        raise LicenseError(f"Could not fetch {shown}: the name {target.host[:_SHOWN]} was not found.")
    return addresses


class _PinnedConnection(http.client.HTTPConnection):
    """HTTP(S) to the checked addresses only, under the host's own name (the
    ``Host`` header, TLS SNI and certificate check all use the name), and
    abortable from another thread."""

    def __init__(self, target: _Target, addresses: Sequence[IPAddress], clock: _Deadline) -> None:
        super().__init__(target.host, target.port, timeout=max(clock.remaining(), 0.001))
        self._target = target
        self._addresses = addresses
        self._clock = clock
        self.aborted = False
        self.peer: IPAddress | None = None

    def connect(self) -> None:
        last: OSError = OSError("no address to connect to")
        for address in self._addresses:
            left = self._clock.check()
            try:
                sock = socket.create_connection((str(address), self.port), timeout=left)
            except OSError as exc:
                last = exc
                continue
            self.sock = sock
            self.peer = address
            if self.aborted:  # the watchdog fired while connecting
                raise self._clock.error()
            if self._target.https:
                context = ssl.create_default_context()
                self.sock = context.wrap_socket(sock, server_hostname=self._target.host)
            return
        raise last

    def abort(self) -> None:
        """Called by the watchdog: a blocked read returns at once, whatever it waits for."""
        self.aborted = True
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _get(
    target: _Target, addresses: Sequence[IPAddress], clock: _Deadline, limit: int, shown: str
) -> _Answer:
    conn = _PinnedConnection(target, addresses, clock)
    watchdog = threading.Timer(clock.check(), conn.abort)
    watchdog.daemon = True
    watchdog.start()
    response: http.client.HTTPResponse | None = None
    try:
        conn.request("GET", target.path, headers={"User-Agent": "Knowhold", "Connection": "close"})
        response = conn.getresponse()
        if response.status in _REDIRECT_CODES:
            location = response.getheader("Location")
            if not location:
                raise LicenseError(f"Could not fetch {shown}: a redirect names no new address.")
            assert conn.peer is not None  # connected, since it answered
            return _Answer(b"", location, conn.peer)
        if response.status != 200:
            reason = " ".join(str(response.reason).split())[:80]
            answered = f"{response.status} {reason}".rstrip()
            raise LicenseError(f"Could not fetch {shown}: the server answered {answered}.")
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(shown, limit)
        body = response.read(limit + 1)
    except LicenseError:
        raise
    except (OSError, ValueError, http.client.HTTPException) as exc:  # timeouts and TLS errors are OSErrors
        if conn.aborted:
            raise clock.error() from exc
        raise LicenseError(f"Could not fetch {shown}: {_reason(exc)}") from exc
    finally:
        watchdog.cancel()
        if response is not None:  # it holds the socket open until closed itself
            response.close()
        conn.close()
    if conn.aborted:  # the body may have been cut short by the watchdog
        raise clock.error()
    if len(body) > limit:
        raise _too_large(shown, limit)
    assert conn.peer is not None
    return _Answer(body, None, conn.peer)


def _too_large(shown: str, limit: int) -> LicenseError:
    return LicenseError(f"{shown} sent more than {limit} bytes; that is not a status document.")


def _reason(exc: BaseException) -> str:
    """The library's reason in a few words, as the end of a sentence (one full stop)."""
    text = " ".join(str(exc).split())[:200] or type(exc).__name__
    return text if text.endswith(".") else text + "."


__all__ = [
    "FETCH_DEADLINE",
    "MAX_PARALLEL",
    "MAX_REDIRECTS",
    "Fetch",
    "Fetched",
    "fetch_all",
    "fetch_status",
    "is_public",
    "resolve",
]
