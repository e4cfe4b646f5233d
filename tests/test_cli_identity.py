"""``knowhold identity …`` and ``knowhold contacts …`` as scripts and people use them."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest

from knowhold.vault.cli import main
from knowhold.vault.licensing.identity import Identity, make_card, parse_card
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock


class Cli:
    def __init__(self, vault: Path, clock: FakeClock) -> None:
        self.env = {"KNOWHOLD_VAULT": str(vault), "KNOWHOLD_PASSPHRASE": PASSPHRASE}
        self.clock = clock

    def __call__(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(
            list(args),
            environ=self.env,
            stdin=io.StringIO(""),
            stdout=out,
            stderr=err,
            clock=self.clock,
            kdf=FAST_KDF,
        )
        return code, out.getvalue(), err.getvalue()

    def json(self, *args: str) -> Any:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        assert err == ""
        return json.loads(out)

    def fails(self, expected: int, *args: str) -> str:
        code, out, err = self(*args)
        assert code == expected, (code, out, err)
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("knowhold: "), err
        return err


@pytest.fixture
def worker(tmp_path: Path, clock: FakeClock) -> Cli:
    cli = Cli(tmp_path / "worker", clock)
    cli.json("init", "--name", "Li Wei")
    return cli


@pytest.fixture(scope="module")
def li_card(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Li Wei's card, exported once through the CLI for the employer-side tests, and its fingerprint."""
    folder = tmp_path_factory.mktemp("li")
    cli = Cli(folder / "vault", FakeClock())
    cli.json("init", "--name", "Li Wei")
    doc = cli.json("identity", "export", "--out", str(folder / "li.card"))
    return folder / "li.card", doc["fingerprint"]


@pytest.fixture
def employer(tmp_path: Path, clock: FakeClock) -> Cli:
    cli = Cli(tmp_path / "employer", clock)
    cli.json("init", "--name", "Acme Support")
    return cli


def test_identity_show(worker: Cli, clock: FakeClock) -> None:
    doc = worker.json("identity", "show")
    assert set(doc) == {"name", "fingerprint", "signing_key", "hpke_key", "created_at"}
    assert doc["name"] == "Li Wei"
    assert len(base64.b64decode(doc["signing_key"])) == 32
    assert len(base64.b64decode(doc["hpke_key"])) == 1216
    assert doc["created_at"] == "2026-09-21T14:13:20Z"  # the injected clock, not the real one
    assert worker.json("identity", "show") == doc  # the same identity every time
    code, out, err = worker("identity", "show")
    assert code == 0 and err == ""
    assert "Li Wei" in out and doc["fingerprint"] in out and "identity export" in out


def test_identity_export_writes_a_valid_card(worker: Cli, tmp_path: Path) -> None:
    out = tmp_path / "li.card"
    doc = worker.json("identity", "export", "--out", str(out))
    assert doc == {"out": str(out), "fingerprint": worker.json("identity", "show")["fingerprint"]}
    card = parse_card(out.read_bytes())
    assert card.name == "Li Wei" and card.fingerprint == doc["fingerprint"]
    assert not list(tmp_path.glob(".li.card.*"))  # no temp file left behind


def test_identity_export_to_missing_folder_fails_cleanly(worker: Cli, tmp_path: Path) -> None:
    err = worker.fails(1, "identity", "export", "--out", str(tmp_path / "no" / "such" / "li.card"))
    assert "Cannot write" in err


def test_identity_needs_a_subcommand_and_a_vault(tmp_path: Path, clock: FakeClock) -> None:
    cli = Cli(tmp_path / "nothing", clock)
    cli.fails(2, "identity")
    cli.fails(2, "identity", "export")  # --out is required
    cli.fails(1, "identity", "show")  # no vault here


def test_contacts_add_list_verify(employer: Cli, li_card: tuple[Path, str], clock: FakeClock) -> None:
    card, fp = li_card
    assert employer.json("contacts", "list") == {"contacts": []}
    clock.advance(60)
    added = employer.json("contacts", "add", str(card))
    assert added == {"name": "Li Wei", "fingerprint": fp, "verified": False}
    listed = employer.json("contacts", "list")
    assert listed == {
        "contacts": [
            {"name": "Li Wei", "fingerprint": fp, "verified": False, "added_at": "2026-09-21T14:14:20Z"}
        ]
    }

    # The wrong fingerprint: exit 1, one loud line, still unverified.
    other = Identity.generate("x", created_at=0).public.fingerprint
    err = employer.fails(1, "contacts", "verify", "Li Wei", other)
    assert "does not match Li Wei's key" in err
    assert employer.json("contacts", "list")["contacts"][0]["verified"] is False
    employer.fails(2, "contacts", "verify", "Li Wei", "not-a-fingerprint")
    assert "No contact named" in employer.fails(1, "contacts", "verify", "Nobody", fp)

    typed = fp.lower().replace("-", " ")
    assert employer.json("contacts", "verify", "Li Wei", typed) == {
        "name": "Li Wei",
        "fingerprint": fp,
        "verified": True,
    }
    code, out, _ = employer("contacts", "list")
    assert code == 0 and f"{fp}  verified" in out and "Li Wei" in out


def test_contacts_add_human_text_says_how_to_verify(employer: Cli, li_card: tuple[Path, str]) -> None:
    card, fp = li_card
    code, out, err = employer("contacts", "add", str(card))
    assert code == 0 and err == ""
    assert fp in out and "aloud" in out
    assert "knowhold contacts verify 'Li Wei' FINGERPRINT" in out


def test_contacts_add_verified_and_again_is_a_no_op(employer: Cli, li_card: tuple[Path, str]) -> None:
    card, _ = li_card
    assert employer.json("contacts", "add", str(card), "--verified")["verified"] is True
    assert employer.json("contacts", "add", str(card))["verified"] is True
    assert len(employer.json("contacts", "list")["contacts"]) == 1


def test_key_change_is_refused(employer: Cli, li_card: tuple[Path, str], tmp_path: Path) -> None:
    card, fp = li_card
    employer.json("contacts", "add", str(card), "--verified")
    before = employer.json("contacts", "list")
    impostor = Identity.generate("Li Wei", created_at=0)
    fake = tmp_path / "fake.card"
    fake.write_bytes(make_card(impostor))
    err = employer.fails(1, "contacts", "add", str(fake))
    assert "KEY CHANGE" in err and impostor.public.fingerprint in err
    assert fp in err
    assert employer.json("contacts", "list") == before


def test_genuine_key_change_needs_an_explicit_remove(
    employer: Cli, li_card: tuple[Path, str], tmp_path: Path
) -> None:
    card, fp = li_card
    employer.json("contacts", "add", str(card), "--verified")
    new_keys = Identity.generate("Li Wei", created_at=0)
    new_card = tmp_path / "new.card"
    new_card.write_bytes(make_card(new_keys))
    employer.fails(1, "contacts", "add", str(new_card))
    removed = employer.json("contacts", "remove", "Li Wei")
    assert removed == {"name": "Li Wei", "fingerprint": fp, "removed": True}
    added = employer.json("contacts", "add", str(new_card))
    assert added["fingerprint"] == new_keys.public.fingerprint and added["verified"] is False
    assert "No contact" in employer.fails(1, "contacts", "remove", "Nobody")


def test_bad_card_files(employer: Cli, tmp_path: Path) -> None:
    assert "No such file" in employer.fails(2, "contacts", "add", str(tmp_path / "missing.card"))
    employer.fails(2, "contacts", "add", str(tmp_path))  # a folder
    empty = tmp_path / "empty.card"
    empty.write_bytes(b"")
    assert "empty" in employer.fails(10, "contacts", "add", str(empty))
    garbage = tmp_path / "garbage.card"
    garbage.write_bytes(b"knowhold-card-v1\n{}\nnot a signature\n")
    employer.fails(10, "contacts", "add", str(garbage))
    huge = tmp_path / "huge.card"
    with huge.open("wb") as handle:  # sparse: refused by its size, never read
        handle.truncate(64 * 1024 * 1024)
    assert "larger" in employer.fails(10, "contacts", "add", str(huge))
    card = tmp_path / "ok.card"
    card.write_bytes(make_card(Identity.generate("Li Wei", created_at=0)))
    flipped = bytearray(card.read_bytes())
    flipped[40] ^= 0x01
    card.write_bytes(bytes(flipped))
    employer.fails(10, "contacts", "add", str(card))
    assert employer.json("contacts", "list") == {"contacts": []}
