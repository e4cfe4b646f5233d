"""The vault's identity, identity cards, fingerprints and contacts."""

from __future__ import annotations

import base64
import calendar
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowhold.vault import Vault
from knowhold.vault.errors import InvalidValue, KeyChanged, LicenseError, Malformed, NotFound, VaultError
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.licensing.identity import (
    CARD_MAX_BYTES,
    DEFAULT_NAME,
    HPKE_PUBLIC_BYTES,
    HPKE_SUITE,
    Contacts,
    Identity,
    PublicIdentity,
    card_from_text,
    create_identity,
    fingerprint,
    fingerprint_matches,
    load_identity,
    make_card,
    normalise_fingerprint,
    parse_card,
    read_card_file,
)
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import migrate
from tests.conftest import PASSPHRASE, FakeClock

T0 = 1_790_000_000
# Generated once: key generation is quick, but the card loops below parse thousands of times.
LI = Identity.generate("Li Wei", created_at=T0)
ACME = Identity.generate("Acme Support", created_at=T0)
LI_CARD = make_card(LI)


@pytest.fixture
def db(tmp_path: Path, clock: FakeClock) -> Iterator[Database]:
    """A bare encrypted database at the current schema: a whole vault's Argon2id is not needed here."""
    database = Database(connect(tmp_path / "bare.db", new_data_key()), clock)
    migrate(database.conn)
    database.set_meta("name", "Li Wei")
    yield database
    database.close()


@pytest.fixture
def vault_db(vault: Vault) -> Database:
    # Whether or not Vault.create already made an identity, start these tests without one.
    vault.db.conn.execute("DELETE FROM identity")
    return vault.db


def card_fields(identity: Identity = LI, **changes: Any) -> dict[str, Any]:
    public = identity.public
    fields: dict[str, Any] = {
        "created_at": public.created_at,
        "format": "knowhold-card",
        "hpke_key": base64.b64encode(public.hpke_key).decode(),
        "name": public.name,
        "signing_key": base64.b64encode(public.signing_key).decode(),
        "version": 1,
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not ...}


def signed_card(body: bytes | dict[str, Any], signer: Identity = LI) -> bytes:
    """A card whose body is exactly ``body``, validly signed: only the body's content can be wrong."""
    raw = body if isinstance(body, bytes) else canonical(body)
    return signedfile.encode(signedfile.TAG_CARD, raw, signer.sign(sshsig.NS_CARD, raw))


def contacts_rows(db: Database) -> list[tuple[Any, ...]]:
    return db.conn.execute("SELECT * FROM contacts ORDER BY name").fetchall()


# -- keys and persistence -------------------------------------------------------------


def test_identity_persists_across_reopen(vault_db: Database, vault: Vault, clock: FakeClock) -> None:
    made = create_identity(vault_db, "Li Wei")
    assert made.public.created_at == clock.now
    sealed = HPKE_SUITE.encrypt(b"k" * 32, made.public.hpke_public_key(), info=b"test")
    path = vault.path
    vault.close()
    with Vault.open(path, PASSPHRASE, clock=clock) as again:
        loaded = load_identity(again.db)
    assert loaded.public == made.public
    assert loaded.public.fingerprint == made.public.fingerprint
    # The private keys came back, not just the public ones.
    assert HPKE_SUITE.decrypt(sealed, loaded.hpke_private_key(), info=b"test") == b"k" * 32
    sig = loaded.sign(sshsig.NS_CARD, b"hello")
    sshsig.verify(made.public.signing_key, sshsig.NS_CARD, b"hello", sig)


def test_private_keys_never_on_disk_in_plaintext(vault_db: Database, vault: Vault) -> None:
    made = create_identity(vault_db, "Li Wei")
    secrets = (
        made.mlkem_seed,
        made.x25519_private.private_bytes_raw(),
        made.signing_private.private_bytes_raw(),
    )
    path = vault.path
    vault.close()
    for file in path.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            assert not any(secret in data for secret in secrets), file


def test_create_identity_twice_is_refused(db: Database) -> None:
    first = create_identity(db, "Li Wei")
    with pytest.raises(VaultError, match="already has an identity"):
        create_identity(db, "Someone Else")
    assert load_identity(db).public == first.public


def test_create_identity_names(db: Database) -> None:
    with pytest.raises(InvalidValue):
        create_identity(db, "Li\x1b[2JWei")
    with pytest.raises(InvalidValue):
        create_identity(db, "x" * 101)
    assert db.conn.execute("SELECT count(*) FROM identity").fetchone()[0] == 0
    assert create_identity(db, "   ").public.name == DEFAULT_NAME


@pytest.mark.parametrize(
    ("meta_name", "expected"),
    [("Li Wei", "Li Wei"), ("", DEFAULT_NAME), ("Li\nWei\x07", "LiWei"), ("长" * 150, "长" * 100)],
)
def test_load_identity_creates_one_for_older_vaults(db: Database, meta_name: str, expected: str) -> None:
    db.set_meta("name", meta_name)
    made = load_identity(db)
    assert made.public.name == expected
    assert load_identity(db).public == made.public  # created once, then read back


def test_identity_repr_hides_private_keys() -> None:
    text = repr(LI)
    assert LI.mlkem_seed.hex() not in text and repr(LI.mlkem_seed) not in text
    assert "signing_private" not in text


def test_public_key_sizes() -> None:
    assert len(LI.public.signing_key) == 32
    assert len(LI.public.hpke_key) == HPKE_PUBLIC_BYTES == 1216
    sealed = HPKE_SUITE.encrypt(b"k" * 32, LI.public.hpke_public_key(), info=b"")
    assert len(sealed) == 1168  # the package format's fixed sealed-key size


# -- fingerprints ---------------------------------------------------------------------


def test_fingerprint_matches_the_spec() -> None:
    digest = hashlib.sha256(
        b"knowhold-fingerprint-v1\x00" + LI.public.signing_key + LI.public.hpke_key
    ).digest()[:20]
    rfc4648 = base64.b32encode(digest).decode()
    crockford = rfc4648.translate(
        str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    )
    expected = "-".join(crockford[i : i + 4] for i in range(0, 32, 4))
    assert LI.public.fingerprint == fingerprint(LI.public.signing_key, LI.public.hpke_key) == expected
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}", expected)
    assert ACME.public.fingerprint != expected


def test_normalise_fingerprint_forgives_hand_copying() -> None:
    fp = "0A1B-2C3D-4E5F-6G7H-8J9K-MNPQ-RSTV-WXYZ"
    assert normalise_fingerprint(fp) == fp
    assert normalise_fingerprint("oa1b 2c3d 4e5f 6g7h 8j9k mnpq rstv wxyz") == fp
    assert normalise_fingerprint("0AIB2C3D4E5F6G7H8J9KMNPQRSTVWXYZ") == fp
    assert normalise_fingerprint("0aLb-2c3d-4e5f-6g7h-8j9k-mnpq-rstv-wxyz") == fp
    for bad in ("", "0A1B-2C3D", fp + "-0000", fp.replace("W", "U"), fp.replace("W", "!")):
        with pytest.raises(InvalidValue):
            normalise_fingerprint(bad)


# -- cards ----------------------------------------------------------------------------


def test_card_round_trip() -> None:
    assert LI_CARD.startswith(b"knowhold-card-v1\n")
    assert len(LI_CARD) < CARD_MAX_BYTES
    assert parse_card(LI_CARD) == LI.public
    assert LI_CARD.split(b"\n")[1] == canonical(card_fields())


def test_card_with_strict_time_string_is_accepted() -> None:
    card = signed_card(card_fields(created_at="2026-09-21T00:00:00Z"))
    assert parse_card(card).created_at == calendar.timegm((2026, 9, 21, 0, 0, 0))


def test_every_flipped_byte_is_rejected() -> None:
    for i in range(len(LI_CARD)):
        flipped = bytearray(LI_CARD)
        flipped[i] ^= 0x01
        with pytest.raises(Malformed):
            parse_card(bytes(flipped))


@pytest.mark.parametrize("length", [0, 1, 16, 17, 100, 1000, 1800, 2000])
def test_truncated_cards_are_rejected(length: int) -> None:
    assert length < len(LI_CARD)
    with pytest.raises(Malformed):
        parse_card(LI_CARD[:length])


def test_card_cut_before_the_end_of_its_signature() -> None:
    with pytest.raises(Malformed):
        parse_card(LI_CARD[:-30])


def test_huge_card_refused_by_size() -> None:
    with pytest.raises(Malformed, match="larger"):
        parse_card(LI_CARD + b" " * CARD_MAX_BYTES)


@pytest.mark.parametrize(
    "tag", [signedfile.TAG_STATUS, signedfile.TAG_RECEIPT, "knowhold-card-v2", "knowhold-card"]
)
def test_wrong_type_tag(tag: str) -> None:
    card = LI_CARD.replace(b"knowhold-card-v1", tag.encode(), 1)
    with pytest.raises(Malformed, match="not a card"):
        parse_card(card)


def test_card_signed_by_another_key() -> None:
    # ACME signs a body that claims LI's keys: the signature is valid, but not by the card's key.
    with pytest.raises(Malformed, match="not signed by the key it contains"):
        parse_card(signed_card(card_fields(), signer=ACME))


def test_card_signature_under_another_namespace() -> None:
    body = canonical(card_fields())
    card = signedfile.encode(signedfile.TAG_CARD, body, LI.sign(sshsig.NS_RECEIPT, body))
    with pytest.raises(Malformed):
        parse_card(card)


def test_signature_of_another_card_is_rejected() -> None:
    other = canonical(card_fields(name="Li Wei 2"))
    body = canonical(card_fields())
    card = signedfile.encode(signedfile.TAG_CARD, body, LI.sign(sshsig.NS_CARD, other))
    with pytest.raises(Malformed):
        parse_card(card)


def test_non_canonical_body_validly_signed_is_rejected() -> None:
    spaced = canonical(card_fields()).replace(b'"name":', b'"name": ')
    with pytest.raises(Malformed, match="canonical"):
        parse_card(signed_card(spaced))


def test_duplicate_key_validly_signed_is_rejected() -> None:
    body = canonical(card_fields()).replace(b'"name":"Li Wei"', b'"name":"Li Wei","name":"Mallory"')
    with pytest.raises(Malformed, match="Duplicate"):
        parse_card(signed_card(body))


def _bad_b64_padding(key: bytes) -> str:
    text = base64.b64encode(key).decode()
    # 1216 bytes end in "==": the last data character carries 4 unused bits.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = text[-3]
    return text[:-3] + alphabet[alphabet.index(last) ^ 1] + "=="


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"version": 2}, "newer Knowhold"),
        ({"version": True}, "version 1"),
        ({"version": "1"}, "version 1"),
        ({"format": "knowhold-status"}, "version 1"),
        ({"extra": 1}, "fields"),
        ({"created_at": ...}, "fields"),
        ({"name": ""}, "1 to 100"),
        ({"name": "x" * 101}, "1 to 100"),
        ({"name": "Li\x1b[31mWei"}, "control"),
        ({"name": 7}, "not text"),
        ({"created_at": -1}, "created_at"),
        ({"created_at": True}, "created_at"),
        ({"created_at": "2026-09-21 00:00:00"}, "created_at"),
        ({"created_at": "2026-02-30T00:00:00Z"}, "created_at"),
        ({"hpke_key": base64.b64encode(b"\x00" * 1215).decode()}, "length"),
        ({"hpke_key": base64.b64encode(b"\xff" * 1216).decode()}, "not a valid"),
        ({"hpke_key": _bad_b64_padding(LI.public.hpke_key)}, "canonical base64"),
        ({"hpke_key": "not base64!"}, "base64"),
        ({"hpke_key": None}, "base64"),
    ],
)
def test_validly_signed_cards_with_bad_fields(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(Malformed, match=reason):
        parse_card(signed_card(card_fields(**changes)))


def test_card_body_that_is_not_an_object() -> None:
    with pytest.raises(Malformed, match="not a JSON object"):
        parse_card(signed_card(b"[1,2,3]"))


@given(st.binary(max_size=3000))
@settings(max_examples=200, deadline=None)
def test_fuzz_random_bytes_only_malformed(data: bytes) -> None:
    with pytest.raises(Malformed):
        parse_card(data)


@given(
    st.lists(st.tuples(st.integers(0, len(LI_CARD) - 1), st.integers(0, 255)), min_size=1, max_size=8),
)
@settings(max_examples=200, deadline=None)
def test_fuzz_mutated_cards_only_malformed(edits: list[tuple[int, int]]) -> None:
    data = bytearray(LI_CARD)
    for index, value in edits:
        data[index] = value
    try:
        parsed = parse_card(bytes(data))
    except Malformed:
        return
    # The only way through is to change nothing at all.
    assert bytes(data) == LI_CARD and parsed == LI.public


@given(st.integers(0, len(LI_CARD) - 1), st.binary(min_size=1, max_size=50))
@settings(max_examples=100, deadline=None)
def test_fuzz_inserted_bytes_only_malformed(at: int, inserted: bytes) -> None:
    with pytest.raises(Malformed):
        parse_card(LI_CARD[:at] + inserted + LI_CARD[at:])


# -- parties (the manifest's form) ------------------------------------------------------


def test_party_round_trip_and_rejections() -> None:
    party = LI.public.to_party()
    assert set(party) == {"hpke_key", "name", "signing_key"}
    back = PublicIdentity.from_party(party)
    assert back == PublicIdentity("Li Wei", LI.public.signing_key, LI.public.hpke_key, 0)
    for bad in (
        None,
        [],
        {**party, "extra": 1},
        {k: v for k, v in party.items() if k != "name"},
        {**party, "name": "a\x00b"},
        {**party, "signing_key": base64.b64encode(b"\x00" * 31).decode()},
        {**party, "hpke_key": base64.b64encode(b"\xff" * 1216).decode()},
    ):
        with pytest.raises(Malformed):
            PublicIdentity.from_party(bad)


# -- contacts ---------------------------------------------------------------------------


def test_add_get_list_contacts(db: Database, clock: FakeClock) -> None:
    contacts = Contacts(db)
    added = contacts.add(LI_CARD)
    assert (added.name, added.verified, added.added_at) == ("Li Wei", False, clock.now)
    assert added.identity == LI.public and added.fingerprint == LI.public.fingerprint
    assert contacts.get("Li Wei") == added
    assert contacts.get("li  wei") == added  # people type names loosely
    assert contacts.by_signing_key(LI.public.signing_key) == added
    assert contacts.by_signing_key(ACME.public.signing_key) is None
    contacts.add(make_card(ACME))
    assert [c.name for c in contacts.everyone()] == ["Acme Support", "Li Wei"]
    assert db.conn.execute("SELECT card FROM contacts WHERE name = 'Li Wei'").fetchone()[0] == LI_CARD
    with pytest.raises(NotFound):
        contacts.get("Mallory")


def test_adding_the_same_card_again_changes_nothing_but_may_verify(db: Database, clock: FakeClock) -> None:
    contacts = Contacts(db)
    first = contacts.add(LI_CARD)
    clock.advance(100)
    assert contacts.add(LI_CARD) == first
    upgraded = contacts.add(LI_CARD, verified=True)
    assert upgraded.verified and upgraded.added_at == first.added_at
    assert contacts.add(LI_CARD) == upgraded  # never downgraded
    assert len(contacts.everyone()) == 1


@pytest.mark.parametrize("name", ["Li Wei", "li wei", " Li  Wei "])
def test_key_change_under_same_name_is_loud_and_changes_nothing(db: Database, name: str) -> None:
    contacts = Contacts(db)
    contacts.add(LI_CARD, verified=True)
    before = contacts_rows(db)
    impostor = Identity.generate(name, created_at=T0 + 1)
    with pytest.raises(KeyChanged) as caught:
        contacts.add(make_card(impostor))
    message = str(caught.value)
    assert "Li Wei" in message
    assert LI.public.fingerprint in message and impostor.public.fingerprint in message
    assert contacts_rows(db) == before
    # The same facts, for an app to state without reading the sentence.
    error = caught.value
    assert (error.card_name, error.contact_name) == (name, "Li Wei")
    assert (error.known_fingerprint, error.card_fingerprint) == (
        LI.public.fingerprint,
        impostor.public.fingerprint,
    )


def test_known_keys_under_another_name_is_a_key_change(db: Database) -> None:
    contacts = Contacts(db)
    contacts.add(LI_CARD)
    before = contacts_rows(db)
    renamed = Identity.from_private_bytes(
        "Mallory",
        LI.signing_private.private_bytes_raw(),
        LI.mlkem_seed,
        LI.x25519_private.private_bytes_raw(),
        T0,
    )
    with pytest.raises(KeyChanged, match="already belong to your contact Li Wei") as caught:
        contacts.add(make_card(renamed))
    assert contacts_rows(db) == before
    error = caught.value
    assert (error.card_name, error.contact_name) == ("Mallory", "Li Wei")
    assert error.known_fingerprint == error.card_fingerprint == LI.public.fingerprint


def test_a_card_added_with_the_fingerprint_read_out_is_verified_only_if_it_matches(db: Database) -> None:
    contacts = Contacts(db)
    assert fingerprint_matches(LI.public, LI.public.fingerprint.lower().replace("-", " "))
    assert not fingerprint_matches(LI.public, ACME.public.fingerprint)
    with pytest.raises(InvalidValue):
        fingerprint_matches(LI.public, "7K3M")
    with pytest.raises(KeyChanged, match="does not match Li Wei's key") as caught:
        contacts.add_compared(LI_CARD, ACME.public.fingerprint)
    assert not caught.value.known_fingerprint  # no contact clashes: the comparison failed
    assert contacts_rows(db) == []
    added = contacts.add_compared(LI_CARD, LI.public.fingerprint)
    assert added.verified and contacts.get("Li Wei").verified
    impostor = Identity.generate("Li Wei", created_at=T0)
    with pytest.raises(KeyChanged, match="KEY CHANGE"):
        contacts.add_compared(make_card(impostor), impostor.public.fingerprint)  # matching is not enough
    assert contacts.get("Li Wei").fingerprint == LI.public.fingerprint


def test_card_files_are_read_only_if_they_are_small_regular_files(tmp_path: Path) -> None:
    good = tmp_path / "li.card"
    good.write_bytes(LI_CARD)
    assert read_card_file(good) == LI_CARD
    with pytest.raises(NotFound):
        read_card_file(tmp_path / "missing.card")
    with pytest.raises(Malformed, match="not a file"):
        read_card_file(tmp_path)
    big = tmp_path / "big.card"
    big.write_bytes(b"x" * (CARD_MAX_BYTES + 1))
    with pytest.raises(Malformed, match="larger than any identity card"):
        read_card_file(big)
    locked = tmp_path / "locked.card"
    locked.write_bytes(LI_CARD)
    locked.chmod(0)
    try:
        if not os.access(locked, os.R_OK):  # root reads it all the same
            with pytest.raises(LicenseError, match="Cannot read"):
                read_card_file(locked)
    finally:
        locked.chmod(0o600)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_as_a_card_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.card"
    os.mkfifo(fifo)
    with pytest.raises(Malformed, match="not a file"):
        read_card_file(fifo)  # a blocking open would never return


def test_pasted_card_text_survives_a_clipboard_but_not_an_edit() -> None:
    text = LI_CARD.decode("utf-8")
    for pasted in (text, text.rstrip("\n"), "\n  " + text.replace("\n", "\r\n") + "  \n\n"):
        assert card_from_text(pasted) == LI_CARD
    edited = text.replace("Li Wei", "Li Wel")
    with pytest.raises(Malformed):
        parse_card(card_from_text(edited))


def test_verify_fingerprint(db: Database) -> None:
    contacts = Contacts(db)
    contacts.add(LI_CARD)
    with pytest.raises(KeyChanged, match="does not match Li Wei's key: do not trust this card"):
        contacts.verify("Li Wei", ACME.public.fingerprint)
    assert contacts.get("Li Wei").verified is False
    with pytest.raises(InvalidValue):
        contacts.verify("Li Wei", "1234")
    with pytest.raises(NotFound):
        contacts.verify("Nobody", LI.public.fingerprint)
    typed = LI.public.fingerprint.lower().replace("-", " ")
    assert contacts.verify("Li Wei", typed).verified is True
    assert contacts.get("Li Wei").verified is True


def test_pin_without_card(db: Database) -> None:
    contacts = Contacts(db)
    pinned = contacts.pin(PublicIdentity.from_party(LI.public.to_party()))
    assert pinned.name == "Li Wei" and not pinned.verified
    assert db.conn.execute("SELECT card FROM contacts").fetchone()[0] == b""
    # The card arriving later is the same key set: no change, no error.
    assert contacts.add(LI_CARD).fingerprint == pinned.fingerprint
    impostor = Identity.generate("Li Wei", created_at=T0)
    with pytest.raises(KeyChanged):
        contacts.pin(impostor.public)
    with pytest.raises(Malformed):
        contacts.pin(PublicIdentity("x", b"\x00" * 32, b"\xff" * 1216))
    assert len(contacts.everyone()) == 1


def test_contacts_survive_reopen(vault_db: Database, vault: Vault, clock: FakeClock) -> None:
    Contacts(vault_db).add(LI_CARD, verified=True)
    path = vault.path
    vault.close()
    with Vault.open(path, PASSPHRASE, clock=clock) as again:
        contact = Contacts(again.db).get("Li Wei")
    assert contact.verified and contact.identity == LI.public
