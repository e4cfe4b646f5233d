"""Parties, packages and status documents for the licensing tests, shared as a pytest plugin.

``tests/conftest.py`` loads this module as a plugin, so its fixtures
(``licensor``, ``stranger``, ``other_licensee``, ``employer``, ``library``)
reach every test without being imported; the helpers (``make_package``,
``make_status``, ``trust``, ``snapshot``…) are imported by name.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.licensing.identity import Contacts, Identity, PublicIdentity, load_identity, make_card
from knowhold.vault.licensing.package import build_package, new_license_id, parse_package
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.status import StatusItemRenewed, StatusItemRevoked, build_status
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.store import keys
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, migrate
from tests.conftest import START, FakeClock

DAY = 86400
BODY = "When a customer threatens to churn, call them within the hour; never answer by email first."


@pytest.fixture(scope="session")
def licensor() -> Identity:
    return Identity.generate("Li Wei", created_at=START - DAY)


@pytest.fixture(scope="session")
def stranger() -> Identity:
    return Identity.generate("Mallory", created_at=START - DAY)


@pytest.fixture(scope="session")
def other_licensee() -> Identity:
    return Identity.generate("Other Co", created_at=START - DAY)


class BareVault:
    """All a ``Library`` uses of a vault: its encrypted database (no whole vault's Argon2id)."""

    def __init__(
        self, path: Path, clock: FakeClock, name: str, migrations: Sequence[str] = MIGRATIONS
    ) -> None:
        """``migrations``: fewer than all of them, for a vault as an older Knowhold left it."""
        path.mkdir()
        self.path = path
        self.db = Database(connect(path / "vault.db", new_data_key()), clock)
        migrate(self.db.conn, migrations)
        self.db.set_meta("name", name)
        load_identity(self.db)  # made once here, so later checks can say "nothing written"

    def close(self) -> None:
        self.db.close()


@pytest.fixture
def employer(tmp_path: Path, clock: FakeClock) -> Iterator[Vault]:
    vault = BareVault(tmp_path / "employer", clock, "Acme Support")
    yield vault  # type: ignore[misc]
    vault.close()


@pytest.fixture
def library(employer: Vault) -> Library:
    return Library(employer)


def me(vault: Vault) -> PublicIdentity:
    return load_identity(vault.db).public


def entries(n: int = 2) -> list[LicensedEntry]:
    kinds = ("playbook", "heuristic", "checklist")
    return [
        LicensedEntry(
            id=f"entry{i}x",
            version=1 + i,
            kind=kinds[i % 3],
            title=f"Escalate early {i}",
            body=f"{BODY} ({i})",
            tags=("support",),
        )
        for i in range(n)
    ]


def make_package(
    licensor: Identity,
    licensee: PublicIdentity,
    *,
    license_id: str | None = None,
    issued_at: int = START,
    not_before: int | None = None,
    expires_at: int = START + 30 * DAY,
    allow: Sequence[str] = ("ai-retrieval", "copy-excerpts"),
    human_review: bool = True,
    status_url: str | None = None,
    max_status_age: int | None = None,
    items: Sequence[LicensedEntry] | None = None,
    text: str = "Use inside Acme only.",
    fee: tuple[str, str] | None = None,
    per: str | None = None,
) -> bytes:
    data, _package = build_package(
        licensor,
        licensee,
        entries() if items is None else items,
        license_id=license_id or new_license_id(),
        issued_at=issued_at,
        not_before=issued_at if not_before is None else not_before,
        expires_at=expires_at,
        terms=Terms.make(
            allow=allow, human_review=human_review, attribution="Li Wei", fee=fee, per=per, text=text
        ),
        revocation=Revocation.make(status_url, max_status_age),
    )
    return data


def make_status(
    licensor: Identity,
    sequence: int,
    *,
    issued_at: int = START,
    revoked: Sequence[tuple[str, int, str]] = (),
    renewed: Sequence[tuple[str, int]] = (),
) -> bytes:
    return build_status(
        licensor,
        sequence=sequence,
        issued_at=issued_at,
        next_update=issued_at + 7 * DAY,
        revoked=[StatusItemRevoked(i, at, reason) for i, at, reason in revoked],
        renewed=[StatusItemRenewed(i, end) for i, end in renewed],
    )


def status_signed_by(signer: Identity, named: Identity, sequence: int = 1, issued_at: int = START) -> bytes:
    """A status document naming ``named`` as licensor but signed by ``signer``."""
    body = canonical(
        {
            "format": "knowhold-status",
            "issued_at": issued_at,
            "licensor": base64.b64encode(named.public.signing_key).decode("ascii"),
            "next_update": issued_at + DAY,
            "renewed": [],
            "revoked": [],
            "sequence": sequence,
            "version": 1,
        }
    )
    return signedfile.encode(signedfile.TAG_STATUS, body, signer.sign(sshsig.NS_STATUS, body))


def trust(vault: Vault, who: Identity, *, verified: bool = True) -> None:
    Contacts(vault.db).add(make_card(who), verified=verified)


def snapshot(vault: Vault) -> dict[str, object]:
    """Everything a failed operation must leave as it was."""
    c = vault.db.conn
    return {
        table: c.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in ("received", "received_content", "status_seen", "contacts", "audit", "identity")
    }


def flip_offsets(data: bytes, n: int = 48) -> list[int]:
    """Offsets spread over every section: each boundary, and a seeded sample."""
    package = parse_package(data)
    bounds = [0, 18, 19, 22, 23]
    pos = 23 + len(package.manifest_bytes)
    bounds += [pos - 1, pos, pos + 3, pos + 4]
    pos += 4 + len(package.signature)
    bounds += [pos - 1, pos, pos + 3, pos + 4]
    pos += 4 + len(package.sealed_key)
    bounds += [pos - 1, pos, pos + 7, pos + 8, pos + 20, len(data) - 1]
    rng = random.Random(1234)
    return sorted(set(bounds) | {rng.randrange(len(data)) for _ in range(n)})


def flipped(data: bytes, offset: int) -> bytes:
    return data[:offset] + bytes([data[offset] ^ 0x01]) + data[offset + 1 :]


# -- ingest ----------------------------------------------------------------------------


@pytest.fixture
def fast_unlock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command opens the vault; one real Argon2id unwrap per vault is enough here."""
    real = keys.open_with_passphrase
    cache: dict[tuple[bytes, str], bytes] = {}

    def unwrap(keyfile: keys.KeyFile, passphrase: str) -> bytearray:
        key = (keyfile.vault_id, passphrase)
        if key not in cache:
            cache[key] = bytes(real(keyfile, passphrase))
        return bytearray(cache[key])

    monkeypatch.setattr(keys, "open_with_passphrase", unwrap)
