"""Status documents: built, signed and read back; every malformed or forged one refused;
published with a sequence number that only grows, across restores of older backups too."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowhold.vault import Vault
from knowhold.vault.errors import InvalidValue, Malformed, Revoked
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.package import build_package
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.status import (
    MAX_SEQUENCE,
    MAX_STATUS,
    StatusItemRenewed,
    StatusItemRevoked,
    build_status,
    next_sequence,
    parse_status,
)
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.store.backup import backup, restore
from knowhold.vault.timefmt import MAX_TIME
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock
from tests.test_cli import Cli

ID_A = "0a" * 16
ID_B = "1b" * 16
ID_C = "2c" * 16


class Signer:
    """The two things ``build_status`` uses of an Identity: its public signing
    key and ``sign``. Fixed keys, so failures reproduce."""

    def __init__(self, seed: int) -> None:
        self.key = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
        self.public = SimpleNamespace(signing_key=sshsig.public_key_bytes(self.key.public_key()))

    def sign(self, namespace: str, message: bytes) -> str:
        return sshsig.sign(self.key, namespace, message)


LICENSOR = Signer(1)
OTHER = Signer(2)


def good_body(**changes: object) -> dict:
    body = {
        "format": "knowhold-status",
        "issued_at": 1_790_100_000,
        "licensor": base64.b64encode(LICENSOR.public.signing_key).decode(),
        "next_update": 1_790_704_800,
        "renewed": [{"expires_at": 1_800_000_000, "license_id": ID_B}],
        "revoked": [
            {"license_id": ID_A, "reason": "contract ended", "revoked_at": 1_790_090_000},
            {"license_id": ID_C, "reason": "", "revoked_at": 1_790_095_000},
        ],
        "sequence": 4,
        "version": 1,
    }
    body.update(changes)
    return body


def signed(
    body: dict | bytes,
    signer: Signer = LICENSOR,
    *,
    namespace: str = sshsig.NS_STATUS,
    tag: str = signedfile.TAG_STATUS,
) -> bytes:
    raw = body if isinstance(body, bytes) else canonical(body)
    return signedfile.encode(tag, raw, signer.sign(namespace, raw))


def make(**kwargs: object) -> bytes:
    args: dict = {
        "sequence": 4,
        "issued_at": 1_790_100_000,
        "next_update": 1_790_704_800,
        "revoked": [
            StatusItemRevoked(ID_C, 1_790_095_000, ""),
            StatusItemRevoked(ID_A, 1_790_090_000, "ended"),
        ],
        "renewed": [StatusItemRenewed(ID_B, 1_800_000_000)],
    }
    args.update(kwargs)
    return build_status(LICENSOR, **args)  # type: ignore[arg-type]


def test_build_and_parse_roundtrip() -> None:
    data = make()
    doc = parse_status(data, LICENSOR.public.signing_key)
    assert doc.licensor_key == LICENSOR.public.signing_key
    assert (doc.sequence, doc.issued_at, doc.next_update) == (4, 1_790_100_000, 1_790_704_800)
    # Written sorted by license id, whatever order they were given in.
    assert [r.license_id for r in doc.revoked] == [ID_A, ID_C]
    assert doc.revocation_of(ID_A) == StatusItemRevoked(ID_A, 1_790_090_000, "ended")
    assert doc.revocation_of(ID_B) is None
    assert doc.renewal_of(ID_B) == StatusItemRenewed(ID_B, 1_800_000_000)
    assert doc.renewal_of(ID_A) is None
    assert doc.raw == data
    line2 = data.split(b"\n")[1]
    assert doc.doc_hash == hashlib.sha256(line2).digest()
    assert data.startswith(b"knowhold-status-v1\n")
    # Public document: it names licenses by id only.
    assert b"licensee" not in data


def test_parse_without_expected_key_takes_the_signer() -> None:
    assert parse_status(make()).licensor_key == LICENSOR.public.signing_key


def test_empty_lists_are_fine() -> None:
    doc = parse_status(make(revoked=[], renewed=[]))
    assert doc.revoked == () and doc.renewed == ()


def test_expected_licensor_other_than_signer_refused() -> None:
    with pytest.raises(Malformed, match="someone other than the licensor"):
        parse_status(make(), OTHER.public.signing_key)


def test_resigned_by_another_key_refused() -> None:
    """Someone else signs a document that names our licensor: refused even
    without an expected key, because the named licensor did not sign it."""
    forged = signed(good_body(), OTHER)
    with pytest.raises(Malformed, match="someone other than the licensor"):
        parse_status(forged)
    # …and a document that honestly names its own signer is not our licensor's.
    own = signed(good_body(licensor=base64.b64encode(OTHER.public.signing_key).decode()), OTHER)
    assert parse_status(own).licensor_key == OTHER.public.signing_key
    with pytest.raises(Malformed, match="someone other than the licensor"):
        parse_status(own, LICENSOR.public.signing_key)


def test_every_flipped_byte_is_refused() -> None:
    data = make(revoked=[StatusItemRevoked(ID_A, 1, "x")], renewed=[])
    for i in range(len(data)):
        flipped = bytearray(data)
        flipped[i] ^= 0x01
        with pytest.raises(Malformed):
            parse_status(bytes(flipped), LICENSOR.public.signing_key)


@pytest.mark.parametrize(
    "data",
    [b"", b"knowhold-status-v1", b"knowhold-status-v1\n{}", bytes(range(256)) * 4, b"\n\n\n"],
    ids=["empty", "tag-only", "no-signature", "random", "blank-lines"],
)
def test_truncated_empty_random_refused(data: bytes) -> None:
    with pytest.raises(Malformed):
        parse_status(data)


def test_every_truncation_refused() -> None:
    data = make()
    for end in range(0, len(data), 7):
        with pytest.raises(Malformed):
            parse_status(data[:end])


def test_huge_refused_before_parsing() -> None:
    with pytest.raises(Malformed, match="larger than"):
        parse_status(b"knowhold-status-v1\n" + b" " * MAX_STATUS)


@pytest.mark.parametrize("tag", [signedfile.TAG_RECEIPT, signedfile.TAG_CARD, "knowhold-status-v2"])
def test_other_type_tag_refused(tag: str) -> None:
    with pytest.raises(Malformed):
        parse_status(signed(good_body(), tag=tag))


@pytest.mark.parametrize("namespace", [sshsig.NS_RECEIPT, sshsig.NS_MANIFEST, sshsig.NS_CARD])
def test_signature_for_another_purpose_refused(namespace: str) -> None:
    with pytest.raises(Malformed):
        parse_status(signed(good_body(), namespace=namespace))


def test_a_well_formed_crafted_document_is_accepted() -> None:
    """The control for the cases below: the crafted body itself is valid."""
    doc = parse_status(signed(good_body()), LICENSOR.public.signing_key)
    assert doc.sequence == 4 and len(doc.revoked) == 2


def test_strict_time_strings_are_read() -> None:
    doc = parse_status(signed(good_body(issued_at="2026-09-22T03:46:40Z")))
    assert doc.issued_at == 1_790_048_800


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"sequence": 0}, "sequence"),
        ({"sequence": -3}, "sequence"),
        ({"sequence": True}, "sequence"),
        ({"sequence": "4"}, "sequence"),
        ({"issued_at": 1_790_704_801}, "before its issue time"),
        ({"issued_at": "2026-09-22 03:46:40"}, "time"),
        ({"issued_at": "0001-01-01T00:00:00Z"}, "time"),
        ({"next_update": -1}, "time"),
        ({"version": 2}, "newer"),
        ({"version": 0}, "version"),
        ({"format": "knowhold-receipt"}, "not a status"),
        ({"extra": 1}, "unknown field"),
        ({"licensor": base64.b64encode(b"x" * 31).decode()}, "key"),
        ({"licensor": "not base64 at all"}, "key"),
        ({"revoked": {}}, "not a list"),
        ({"revoked": [{"license_id": ID_A, "revoked_at": 1}]}, "lacks reason"),
        ({"revoked": [{"license_id": ID_A.upper(), "reason": "", "revoked_at": 1}]}, "license id"),
        ({"revoked": [{"license_id": ID_A, "reason": "x" * 2001, "revoked_at": 1}]}, "reason"),
        ({"revoked": [{"license_id": ID_A, "reason": 7, "revoked_at": 1}]}, "reason"),
        (
            {
                "revoked": [
                    {"license_id": ID_C, "reason": "", "revoked_at": 1},
                    {"license_id": ID_A, "reason": "", "revoked_at": 1},
                ]
            },
            "not sorted",
        ),
        (
            {
                "revoked": [
                    {"license_id": ID_A, "reason": "", "revoked_at": 1},
                    {"license_id": ID_A, "reason": "", "revoked_at": 2},
                ]
            },
            "repeats",
        ),
        ({"renewed": [{"expires_at": 1, "license_id": ID_B, "note": ""}]}, "unknown field"),
        (
            {"renewed": [{"expires_at": 1, "license_id": ID_B}, {"expires_at": 2, "license_id": ID_B}]},
            "repeats",
        ),
    ],
)
def test_schema_violations_refused(changes: dict, reason: str) -> None:
    body = good_body(**changes)
    with pytest.raises(Malformed, match=reason):
        parse_status(signed(body))


def test_missing_field_refused() -> None:
    body = good_body()
    del body["next_update"]
    with pytest.raises(Malformed, match="lacks next_update"):
        parse_status(signed(body))


def test_signed_but_not_canonical_refused() -> None:
    """Whitespace or key order other than RFC 8785's is refused even when signed."""
    spaced = canonical(good_body()).replace(b'"sequence":4', b'"sequence": 4')
    with pytest.raises(Malformed, match="canonical"):
        parse_status(signed(spaced))
    duplicated = canonical(good_body()).replace(b'"sequence":4', b'"sequence":9,"sequence":4')
    with pytest.raises(Malformed, match="Duplicate"):
        parse_status(signed(duplicated))


def test_same_sequence_other_content_has_another_hash() -> None:
    """What a reader's rollback/tampering check relies on: equal content gives
    an equal hash, any change of content another one."""
    first = parse_status(make())
    again = parse_status(make())
    changed = parse_status(make(revoked=[StatusItemRevoked(ID_A, 1_790_090_000, "other reason")]))
    assert first.doc_hash == again.doc_hash
    assert changed.sequence == first.sequence and changed.doc_hash != first.doc_hash


def test_build_refuses_what_a_reader_would_refuse() -> None:
    with pytest.raises(Malformed):
        make(sequence=0)
    with pytest.raises(Malformed):
        make(issued_at=10, next_update=5)
    with pytest.raises(Malformed):
        make(revoked=[StatusItemRevoked(ID_A, 1, ""), StatusItemRevoked(ID_A, 2, "")])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.integers(min_value=0, max_value=2000))
def test_fuzz_only_clean_errors(noise: bytes, cut: int) -> None:
    """Random bytes, and a real document with random bytes spliced in: the
    parser either accepts or raises Malformed, nothing else."""
    real = make()
    for data in (noise, real[:cut] + noise + real[cut + len(noise) :], b"knowhold-status-v1\n" + noise):
        with contextlib.suppress(Malformed):
            parse_status(data)


def ssh_keygen_verifies(folder: Path, data: bytes, key: bytes, namespace: str) -> bool:
    """Cut a signed file apart as an auditor would and ask stock OpenSSH."""
    _, body, signature = data.split(b"\n", 2)
    (folder / "doc.json").write_bytes(body)
    (folder / "doc.sig").write_bytes(signature)
    (folder / "allowed").write_text(f'x namespaces="{namespace}" {sshsig.ssh_public_key_line(key)}\n')
    with (folder / "doc.json").open("rb") as stdin:
        return (
            subprocess.run(
                [
                    "ssh-keygen",
                    "-Y",
                    "verify",
                    "-f",
                    str(folder / "allowed"),
                    "-I",
                    "x",
                    "-n",
                    namespace,
                    "-s",
                    str(folder / "doc.sig"),
                ],
                stdin=stdin,
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_stock_ssh_keygen_verifies_a_status_document(tmp_path: Path) -> None:
    data = make()
    key = LICENSOR.public.signing_key
    assert ssh_keygen_verifies(tmp_path, data, key, sshsig.NS_STATUS)
    assert not ssh_keygen_verifies(tmp_path, data, key, sshsig.NS_RECEIPT)
    tampered = data.replace(b'"sequence":4', b'"sequence":5')
    assert not ssh_keygen_verifies(tmp_path, tampered, key, sshsig.NS_STATUS)


# -- publishing: the sequence only grows, across restores too ---------------------------------

DAY = 86400


def test_next_sequence_follows_the_signing_time_and_only_grows() -> None:
    t = 1_790_000_000
    assert next_sequence(0, t) == t * 1000  # the first, and the first after a restore
    assert next_sequence(4, t) == t * 1000  # a vault from before this rule jumps ahead once
    assert next_sequence(t * 1000, t) == t * 1000 + 1  # twice in one second
    assert next_sequence(t * 1000 + 1, t + 1) == (t + 1) * 1000  # the clock catches up
    assert next_sequence(t * 1000, t - DAY) == t * 1000 + 1  # a clock set back: still grows
    # A newer document of this licensor found where it publishes: above it too.
    assert next_sequence(5, t, found=t * 1000 + 40) == t * 1000 + 41
    assert next_sequence(t * 1000 + 90, t, found=t * 1000 + 40) == t * 1000 + 91
    # Within the format's integers (2^53 - 1) up to the last time it can write.
    assert next_sequence(0, MAX_TIME) == MAX_TIME * 1000 <= MAX_SEQUENCE
    with pytest.raises(InvalidValue, match="sequence"):
        next_sequence(MAX_SEQUENCE, 1)
    parse_status(make(sequence=MAX_SEQUENCE))  # the largest is a valid document


@pytest.fixture
def worker(tmp_path: Path, clock: FakeClock) -> Iterator[Vault]:
    created = Vault.create(tmp_path / "worker", PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF)
    with created.vault as vault:
        yield vault


@pytest.fixture
def employer(tmp_path: Path, clock: FakeClock, worker: Vault) -> Iterator[Vault]:
    created = Vault.create(tmp_path / "employer", PASSPHRASE, clock=clock, name="Acme Support", kdf=FAST_KDF)
    with created.vault as vault:
        Contacts(worker.db).add(make_card(load_identity(vault.db)), verified=True)
        Contacts(vault.db).add(make_card(load_identity(worker.db)), verified=True)
        yield vault


def test_a_revocation_arrives_after_the_worker_restores_an_older_backup(
    worker: Vault, employer: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    """Publish, back up, revoke and publish, restore the backup, revoke again
    and publish: the employer accepts the new document and the revocation
    arrives. With a counter kept in the vault, the restored vault took the lost
    document's number again, and the employer refused it as tampering."""
    ledger, library = Ledger(worker), Library(employer)
    ids = []
    for name in ("a", "b"):
        entry = worker.entries.add("playbook", f"Escalate {name}", "Call within the hour.", ["support"])
        record = ledger.issue(
            to="Acme Support",
            entry_ids=[entry.id],
            expires_at=START + 90 * DAY,
            terms=Terms.make(),
            revocation=Revocation(),
            out=tmp_path / f"{name}.knowhold",
        )
        ids.append(library.ingest((tmp_path / f"{name}.knowhold").read_bytes()).license_id)
        assert record.license_id == ids[-1]
    site = tmp_path / "site"
    site.mkdir()
    library.apply_status(ledger.publish_status(site).read_bytes())
    backup(worker, tmp_path / "worker.backup")

    clock.advance(60)
    ledger.revoke(ids[0], "contract ended")
    lost = parse_status(ledger.publish_status(site).read_bytes())
    assert library.apply_status(lost.raw)[1:] == [
        f"License {ids[0]} was revoked (contract ended); its content was destroyed."
    ]

    clock.advance(60)
    with restore(
        tmp_path / "worker.backup", tmp_path / "restored", passphrase=PASSPHRASE, clock=clock
    ) as back:
        again = Ledger(back)
        assert again.get(ids[0]).revoked_at is None  # the revocation went back with the backup
        published = again.publish(site)
        # What happened is said, with what the restored vault has forgotten.
        assert published.superseded == lost.sequence
        assert published.forgotten_revocations == (ids[0],)
        assert published.document.sequence > lost.sequence
        assert library.apply_status(published.document.raw)[0].startswith("Status document")

        again.revoke(ids[0], "contract ended")
        again.revoke(ids[1], "project over")
        clock.advance(1)
        final = again.publish(site)
        assert final.superseded is None and final.forgotten_revocations == ()
        changes = library.apply_status(final.document.raw)
    assert f"License {ids[1]} was revoked (project over); its content was destroyed." in changes
    with pytest.raises(Revoked):
        library.show(ids[1])


def test_only_a_document_this_licensor_signed_counts_as_newer(
    worker: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    """A file planted at the output path cannot move the number: only a valid
    document signed by this vault's key is evidence of a forgotten publication."""
    ledger = Ledger(worker)
    target = tmp_path / "knowhold.status"
    target.write_bytes(make(sequence=MAX_SEQUENCE))  # valid, but signed by another key
    published = ledger.publish(target)
    assert published.superseded is None and published.document.sequence == START * 1000
    assert published.previous == 0


def test_publish_to_a_missing_folder_named_with_a_separator_is_refused(
    tmp_path: Path, clock: FakeClock
) -> None:
    """``--out site/`` with no folder ``site`` used to write a file named ``site``."""
    Vault.create(tmp_path / "vault", PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault.close()
    cli = Cli(tmp_path / "vault", clock)
    missing = tmp_path / "site"
    err = cli.fails(2, "status", "publish", "--out", f"{missing}{os.sep}")
    assert "no folder" in err and "site" in err and ".." not in err
    assert not missing.exists()
    # The same path without the separator is a file name, as before; with an existing folder, inside it.
    assert cli.json("status", "publish", "--out", str(missing))["out"] == str(missing)
    folder = tmp_path / "public"
    folder.mkdir()
    assert cli.json("status", "publish", "--out", f"{folder}{os.sep}")["out"] == str(
        folder / "knowhold.status"
    )


def test_publishing_after_a_restore_says_so(tmp_path: Path, clock: FakeClock) -> None:
    Vault.create(tmp_path / "vault", PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault.close()
    cli = Cli(tmp_path / "vault", clock)
    site = tmp_path / "site"
    site.mkdir()
    first = cli.json("status", "publish", "--out", str(site))
    assert first["sequence"] == START * 1000 and first["superseded_sequence"] is None
    with Vault.open(tmp_path / "vault", PASSPHRASE, clock=clock) as vault:
        backup(vault, tmp_path / "vault.backup")
    clock.advance(30)
    second = cli.json("status", "publish", "--out", str(site))
    restore(tmp_path / "vault.backup", tmp_path / "restored", passphrase=PASSPHRASE, clock=clock).close()
    clock.advance(30)
    restored = Cli(tmp_path / "restored", clock)
    code, out, err = restored("status", "publish", "--out", str(site))
    assert code == 0 and err == ""
    assert "This vault was restored from an older backup" in out
    assert f"#{second['sequence']}" in out and "supersedes" in out and ".." not in out
    again = restored.json("status", "publish", "--out", str(site))
    assert again["superseded_sequence"] is None and again["sequence"] > second["sequence"]
    code, out, _ = restored("status", "publish", "--out", str(site))
    assert code == 0 and "restored" not in out  # said once, when it happened


# -- line endings ------------------------------------------------------------------------------


def test_a_crlf_document_says_its_line_endings_were_changed(tmp_path: Path, clock: FakeClock) -> None:
    crlf = make().replace(b"\n", b"\r\n")
    with pytest.raises(Malformed, match="line endings") as caught:
        parse_status(crlf)
    assert not caught.value.message.endswith("..")
    # And through `knowhold verify --status`, which quotes the reason in a sentence of its own.
    licensor = Identity.generate("Li Wei", created_at=START - DAY)
    licensee = Identity.generate("Acme Support", created_at=START - DAY)
    package, _ = build_package(
        licensor,
        licensee.public,
        [LicensedEntry("entry0x", 1, "playbook", "Escalate", "Call within the hour.", ())],
        license_id="0f" * 16,
        issued_at=START,
        not_before=START,
        expires_at=START + 30 * DAY,
        terms=Terms.make(),
        revocation=Revocation(),
    )
    (tmp_path / "p.knowhold").write_bytes(package)
    status = build_status(
        licensor, sequence=1, issued_at=START, next_update=START + DAY, revoked=[], renewed=[]
    )
    (tmp_path / "crlf.status").write_bytes(status.replace(b"\n", b"\r\n"))
    cli = Cli(tmp_path / "no-vault", clock)
    code, out, err = cli("verify", str(tmp_path / "p.knowhold"), "--status", str(tmp_path / "crlf.status"))
    assert code == 10 and "FAIL  status" in out
    assert err.startswith("knowhold: Not valid (status)") and "line endings" in err
    assert err.count("\n") == 1 and ".." not in err
