"""Fetching status documents: real local HTTP servers that drip, redirect and overflow.

Every server here runs in a thread of the test (``http.server``); time limits
are short parameters, so a test that would hang on the old code fails in
about a second instead.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import LicenseError, Revoked
from knowhold.vault.licensing.fetch import Fetched, fetch_all, fetch_status, is_public
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.package import build_package, new_license_id
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.status import StatusItemRevoked, build_status
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock

DOC = b"knowhold-status-v1\n{}\nnot a real signature"
DEADLINE = 1.0  # seconds: what the slow servers below are given
PUBLIC_HOST = "127.0.0.2"  # a loopback address these tests call "public" through the classifier
DAY = 86400

Behaviour = Callable[[BaseHTTPRequestHandler], None]


class Server:
    """One HTTP server on its own thread; ``behaviour`` answers every GET."""

    def __init__(self, host: str, behaviour: Behaviour) -> None:
        self.hits = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.hits += 1
                behaviour(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.host = host
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str = "/knowhold.status", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Servers:
    """The test's servers; ``stop`` ends every drip when the test is over."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.running: list[Server] = []

    def __call__(self, behaviour: Behaviour, host: str = "127.0.0.1") -> Server:
        self.running.append(Server(host, behaviour))
        return self.running[-1]


@pytest.fixture
def serve() -> Iterator[Servers]:
    servers = Servers()
    yield servers
    servers.stop.set()  # the drips end, so their threads do too
    for server in servers.running:
        server.close()


def document(data: bytes = DOC) -> Behaviour:
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return answer


def redirect(location: Callable[[], str], code: int = 302) -> Behaviour:
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(code)
        h.send_header("Location", location())
        h.send_header("Content-Length", "0")
        h.end_headers()

    return answer


def drip(stop: threading.Event, *, in_headers: bool = False, every: float = 0.1) -> Behaviour:
    """A byte every ``every`` seconds, for ever: in the body, or before the headers end."""

    def answer(h: BaseHTTPRequestHandler) -> None:
        try:
            if in_headers:
                h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            else:
                h.send_response(200)
                h.send_header("Content-Length", "100000")
                h.end_headers()
            while not stop.wait(every):
                h.wfile.write(b"a")
                h.wfile.flush()
        except OSError:
            pass  # the client hung up: what a deadline does

    return answer


# -- the deadline --------------------------------------------------------------------------------


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_a_slow_drip_hits_the_overall_deadline(serve: Servers, in_headers: bool) -> None:
    """One byte every 0.1 s never trips a per-read timeout; only an overall
    deadline ends it, wherever the server drips (body or headers)."""
    slow = serve(drip(serve.stop, in_headers=in_headers))
    began = time.monotonic()
    with pytest.raises(LicenseError, match=r"no complete answer within 1 s") as caught:
        fetch_status(slow.url(), deadline=DEADLINE)
    took = time.monotonic() - began
    assert DEADLINE * 0.9 <= took < DEADLINE + 1.0, took
    assert caught.value.message.count("..") == 0 and slow.url() in caught.value.message


def test_a_prompt_server_is_read_whole(serve: Servers) -> None:
    assert fetch_status(serve(document()).url(), deadline=DEADLINE) == DOC


def test_urls_are_fetched_at_once_and_a_slow_one_holds_up_no_other(serve: Servers) -> None:
    """Two dripping servers and a prompt one: fetched one after the other this
    takes two deadlines; at once, one. Results keep the order of the URLs."""
    stop = serve.stop
    slow_a, fast, slow_b = serve(drip(stop)), serve(document()), serve(drip(stop))
    urls = [slow_a.url(), fast.url(), slow_b.url()]
    began = time.monotonic()
    results = fetch_all(urls, deadline=DEADLINE)
    took = time.monotonic() - began
    assert took < 1.8 * DEADLINE, took
    assert [r.url for r in results] == urls
    assert results[1] == Fetched(fast.url(), DOC, None)
    for r in (results[0], results[2]):
        assert r.data is None and r.error is not None and "within 1 s" in r.error


def test_fetch_all_gives_up_on_a_fetcher_that_ignores_its_deadline() -> None:
    """An injected (or stuck) fetcher still cannot hold the caller past the deadline."""
    release = threading.Event()

    def stuck(url: str) -> bytes:
        release.wait(10)
        return DOC

    began = time.monotonic()
    try:
        results = fetch_all(["https://stuck.example/s", "https://quick.example/s"], stuck, deadline=0.3)
    finally:
        release.set()
    assert time.monotonic() - began < 2.0
    assert all(r.data is None and "within" in (r.error or "") for r in results)


def test_fetch_errors_become_results_and_bugs_are_raised() -> None:
    def fetch(url: str) -> bytes:
        if "refused" in url:
            raise OSError("connection refused")
        if "bug" in url:
            raise KeyError("a bug, not a network failure")
        return DOC

    ok, refused = fetch_all(["https://a.example/s", "https://refused.example/s"], fetch)
    assert ok == Fetched("https://a.example/s", DOC, None)
    assert refused == Fetched("https://refused.example/s", None, "connection refused")
    with pytest.raises(KeyError):
        fetch_all(["https://bug.example/s"], fetch)
    assert fetch_all([], fetch) == []


# -- redirects -------------------------------------------------------------------------------------


def only(address: str) -> Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], bool]:
    """A classifier for which exactly ``address`` is public."""
    return lambda a: a == ipaddress.ip_address(address)


def test_a_redirect_from_a_public_address_to_loopback_is_refused(serve: Servers) -> None:
    inside = serve(document())
    outside = serve(redirect(lambda: inside.url()), host=PUBLIC_HOST)
    with pytest.raises(LicenseError, match="redirect") as caught:
        fetch_status(outside.url(), deadline=DEADLINE, public=only(PUBLIC_HOST))
    assert "127.0.0.1" in caught.value.message and ".." not in caught.value.message
    assert (outside.hits, inside.hits) == (1, 0)  # the inside server was never asked
    # The control: the same redirect between two addresses both called public is followed…
    assert fetch_status(outside.url(), deadline=DEADLINE, public=lambda a: True) == DOC
    # …and so is one inside a private network (an intranet status server).
    assert fetch_status(outside.url(), deadline=DEADLINE, public=lambda a: False) == DOC


def test_a_redirect_is_judged_by_what_its_host_resolves_to(serve: Servers) -> None:
    """The redirect names a host, not an address: it is resolved, judged, and
    connected to exactly as judged (so ``status.test`` works only because the
    resolver's answer is the address used)."""
    inside = serve(document())
    outside = serve(redirect(lambda: inside.url(host="intranet.test")), host=PUBLIC_HOST)
    names = {"status.test": PUBLIC_HOST, "intranet.test": "127.0.0.1"}

    def resolver(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return [ipaddress.ip_address(names[host])]

    url = outside.url(host="status.test")
    with pytest.raises(LicenseError, match=r"intranet\.test"):
        fetch_status(url, deadline=DEADLINE, resolver=resolver, public=only(PUBLIC_HOST))
    assert inside.hits == 0
    names["intranet.test"] = PUBLIC_HOST  # now the redirect stays on the public side…
    inside_public = serve(document(), host=PUBLIC_HOST)
    outside_b = serve(redirect(lambda: inside_public.url(host="intranet.test")), host=PUBLIC_HOST)
    got = fetch_status(
        outside_b.url(host="status.test"), deadline=DEADLINE, resolver=resolver, public=only(PUBLIC_HOST)
    )
    assert got == DOC and inside_public.hits == 1


def test_a_name_with_one_internal_address_among_public_ones_is_refused(serve: Servers) -> None:
    inside = serve(document())
    outside = serve(redirect(lambda: inside.url(host="mixed.test")), host=PUBLIC_HOST)

    def resolver(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return [ipaddress.ip_address(PUBLIC_HOST), ipaddress.ip_address("127.0.0.1")]

    with pytest.raises(LicenseError, match="redirect"):
        fetch_status(outside.url(), deadline=DEADLINE, resolver=resolver, public=only(PUBLIC_HOST))


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/s", "gopher://x/"])
def test_a_redirect_to_another_scheme_is_refused(serve: Servers, target: str) -> None:
    server = serve(redirect(lambda: target))
    with pytest.raises(LicenseError, match="only http"):
        fetch_status(server.url(), deadline=DEADLINE)


def test_endless_redirects_stop(serve: Servers) -> None:
    server = serve(redirect(lambda: "/again", code=307))
    with pytest.raises(LicenseError, match="redirects more than 5 times"):
        fetch_status(server.url(), deadline=DEADLINE)
    assert server.hits == 6


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # shared address space (carrier NAT)
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:10.0.0.1", False),
        ("::ffff:93.184.216.34", True),
        ("::", False),
    ],
)
def test_the_default_classifier(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


# -- what else a server can do ---------------------------------------------------------------------


def test_the_size_limit_holds(serve: Servers) -> None:
    big = serve(document(b"x" * 101))
    with pytest.raises(LicenseError, match="more than 100 bytes"):
        fetch_status(big.url(), deadline=DEADLINE, limit=100)
    assert fetch_status(big.url(), deadline=DEADLINE, limit=101) == b"x" * 101

    def unannounced(h: BaseHTTPRequestHandler) -> None:  # no Content-Length: read until the limit
        h.send_response(200)
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(b"y" * 500)

    with pytest.raises(LicenseError, match="more than 100 bytes"):
        fetch_status(serve(unannounced).url(), deadline=DEADLINE, limit=100)


def test_an_error_status_is_reported(serve: Servers) -> None:
    def missing(h: BaseHTTPRequestHandler) -> None:
        h.send_error(404, "Not Found")

    with pytest.raises(LicenseError, match="404") as caught:
        fetch_status(serve(missing).url(), deadline=DEADLINE)
    assert ".." not in caught.value.message


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/s", "data:,x", "http://", "http://:80/"]
)
def test_only_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(LicenseError):
        fetch_status(url, deadline=DEADLINE)


def test_nothing_listening_is_a_clean_error() -> None:
    with pytest.raises(LicenseError, match="Could not fetch"):
        fetch_status("http://127.0.0.1:9/s", deadline=DEADLINE)


# -- the employer's refresh ------------------------------------------------------------------------


def test_refresh_fetches_every_url_at_once_and_applies_on_its_own_thread(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The first URL's fetch waits for the second's to start: one after the
    other, that would fail after 5 s; at once, both arrive. The database work
    (applying the revocation) happens on the caller's thread."""
    licensor = Identity.generate("Li Wei", created_at=START - DAY)
    created = Vault.create(tmp_path / "employer", PASSPHRASE, clock=clock, name="Acme", kdf=FAST_KDF)
    with created.vault as employer:
        Contacts(employer.db).add(make_card(licensor), verified=True)
        library = Library(employer)
        me = load_identity(employer.db).public
        ids = []
        for url in ("https://a.example/s", "https://b.example/s"):
            data, _ = build_package(
                licensor,
                me,
                [LicensedEntry("entry0x", 1, "playbook", "Escalate", "Call within the hour.", ())],
                license_id=new_license_id(),
                issued_at=START,
                not_before=START,
                expires_at=START + 30 * DAY,
                terms=Terms.make(attribution="Li Wei"),
                revocation=Revocation.make(url, None),
            )
            ids.append(library.ingest(data).license_id)
        status = build_status(
            licensor,
            sequence=1,
            issued_at=START,
            next_update=START + DAY,
            revoked=[StatusItemRevoked(ids[0], START, "ended")],
            renewed=[],
        )
        second_started = threading.Event()
        threads: set[int] = set()

        def fetch(url: str) -> bytes:
            threads.add(threading.get_ident())
            if url.startswith("https://b."):
                second_started.set()
            elif not second_started.wait(5):
                raise OSError("fetched one after the other")
            return status

        results = library.refresh(fetch=fetch)
        assert [r.error for r in results[:2]] == [None, None]
        assert threading.get_ident() not in threads
        with pytest.raises(Revoked):
            library.show(ids[0])
