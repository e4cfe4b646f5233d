"""The vault's identity, identity cards, fingerprints and contacts.

Each vault has one identity: an Ed25519 signing key and an HPKE key
(ML-KEM-768 + X25519, see ``docs/format.md``) on which it receives license
packages. The private halves live only in the ``identity`` table, inside
the encrypted database; they never leave it.

People exchange **identity cards**: self-signed files with a name and both
public keys. A card proves possession of the keys, not who the person is;
that is what comparing **fingerprints** aloud or on paper is for. Contacts
keep one key set per name: a card under a known name with other keys, or
known keys under another name, is a loud ``KeyChanged``, never a silent
replacement.

Reading a card follows the order every signed document follows here: size
limit, split, verify the signature over the exact received bytes, and only
then parse the JSON (strictly canonical) and check its fields. A card file
is read only if it is a regular file within that limit: a FIFO would block
the reader forever, ``/dev/zero`` never ends.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from knowhold.vault.errors import (
    ExportFailed,
    InvalidValue,
    KeyChanged,
    LicenseError,
    Malformed,
    NoContact,
    NotFound,
    VaultCorrupt,
    VaultError,
)
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.store.db import Database
from knowhold.vault.store.diskerrors import os_failure_or_none
from knowhold.vault.store.fsutil import atomic_write
from knowhold.vault.text import LINE, code_point, find_unsafe
from knowhold.vault.timefmt import MAX_TIME, parse_strict_time

__all__ = [
    "CARD_MAX_BYTES",
    "DEFAULT_NAME",
    "HPKE_PUBLIC_BYTES",
    "HPKE_SUITE",
    "Contact",
    "Contacts",
    "Identity",
    "PublicIdentity",
    "card_from_text",
    "create_identity",
    "fingerprint",
    "fingerprint_matches",
    "load_identity",
    "make_card",
    "normalise_fingerprint",
    "parse_card",
    "read_card_file",
    "write_card",
]

HPKE_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
MLKEM_PUBLIC_BYTES = 1184
X25519_BYTES = 32
HPKE_PUBLIC_BYTES = MLKEM_PUBLIC_BYTES + X25519_BYTES  # 1216
SIGNING_KEY_BYTES = 32
MLKEM_SEED_BYTES = 64
CARD_MAX_BYTES = 16 * 1024
NAME_MAX = 100
DEFAULT_NAME = "Knowhold user"

CARD_FORMAT = "knowhold-card"
CARD_VERSION = 1
_CARD_KEYS = frozenset({"created_at", "format", "hpke_key", "name", "signing_key", "version"})
_PARTY_KEYS = frozenset({"hpke_key", "name", "signing_key"})

_FP_DOMAIN = b"knowhold-fingerprint-v1\x00"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FP_CHARS = 32  # 20 bytes = 160 bits = 32 five-bit characters
# Readers forgive what people misread or mistype when copying by hand.
_FP_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


# -- names, keys, fingerprints ---------------------------------------------------


def _name_problem(name: object) -> str | None:
    if not isinstance(name, str):
        return "the name is not text"
    if not 1 <= len(name) <= NAME_MAX:
        return f"the name must be 1 to {NAME_MAX} characters"
    # A control character could rewrite a terminal line; a format character
    # (a zero-width space, a bidi override) lets "Li\u200bWei" sit beside the
    # real "Li Wei" with other keys, or reverse the notice the name goes into.
    unsafe = find_unsafe(name, LINE)
    if unsafe is not None:
        return f"the name contains an invisible or control character ({code_point(unsafe)})"
    return None


def check_name(name: str) -> str:
    """The display name as it will be stored, or ``InvalidValue`` saying what is wrong."""
    cleaned = name.strip() or DEFAULT_NAME
    problem = _name_problem(cleaned)
    if problem is not None:
        raise InvalidValue(f"Invalid name {cleaned[:NAME_MAX]!r}: {problem}.")
    return cleaned


def _same_name_key(name: str) -> str:
    """What two names must share to count as "the same name" among contacts.

    "Li Wei", "li wei" and "Li  Wei " look alike in a list; an impostor must
    not get a second contact beside the real one by changing case or spacing.
    """
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def fingerprint(signing_key: bytes, hpke_key: bytes) -> str:
    """``XXXX-XXXX-…`` (8 groups of 4): the first 20 bytes of the keys' hash, Crockford base32."""
    digest = hashlib.sha256(_FP_DOMAIN + signing_key + hpke_key).digest()[:20]
    value = int.from_bytes(digest, "big")
    chars = "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(_FP_CHARS)))
    return "-".join(chars[i : i + 4] for i in range(0, _FP_CHARS, 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces, O for 0, I/L for 1) in its shown form.

    Raises ``InvalidValue`` for text that cannot be a fingerprint at all.
    """
    compact = "".join(text.split()).replace("-", "").upper().translate(_FP_READ_AS)
    if len(compact) != _FP_CHARS or any(ch not in _CROCKFORD for ch in compact):
        raise InvalidValue(
            "That is not a Knowhold fingerprint: it has 8 groups of 4 letters and digits, "
            "such as 7K3M-9QXA-…."
        )
    return "-".join(compact[i : i + 4] for i in range(0, _FP_CHARS, 4))


def fingerprint_matches(identity: PublicIdentity, compared: str) -> bool:
    """Whether ``compared`` (as typed: see ``normalise_fingerprint``) is ``identity``'s fingerprint.

    Compared in constant time. ``InvalidValue`` for text that cannot be a fingerprint at all.
    """
    return hmac.compare_digest(normalise_fingerprint(compared), identity.fingerprint)


def _mismatch(name: str) -> KeyChanged:
    return KeyChanged(f"The fingerprint you compared does not match {name}'s key: do not trust this card.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key_from_b64(value: object, size: int, what: str) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * size:
        raise Malformed(f"The {what} is missing or not base64.")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Malformed(f"The {what} is not valid base64.") from exc
    # One spelling per key: stray bits in the padding would make a second one.
    if len(raw) != size or _b64(raw) != value:
        raise Malformed(f"The {what} has the wrong length or is not canonical base64.")
    return raw


def _hpke_public(hpke_key: bytes) -> hpke.MLKEM768X25519PublicKey:
    try:
        return hpke.MLKEM768X25519PublicKey(
            mlkem.MLKEM768PublicKey.from_public_bytes(hpke_key[:MLKEM_PUBLIC_BYTES]),
            x25519.X25519PublicKey.from_public_bytes(hpke_key[MLKEM_PUBLIC_BYTES:]),
        )
    except ValueError as exc:
        raise Malformed("The encryption key is not a valid ML-KEM-768 + X25519 key.") from exc


def _checked_public(name: object, signing_key: bytes, hpke_key: bytes, created_at: int) -> PublicIdentity:
    problem = _name_problem(name)
    if problem is not None:
        raise Malformed(f"Invalid identity: {problem}.")
    assert isinstance(name, str)
    if len(signing_key) != SIGNING_KEY_BYTES or len(hpke_key) != HPKE_PUBLIC_BYTES:
        raise Malformed("Invalid identity: a key has the wrong length.")
    _hpke_public(hpke_key)  # a key nobody could encrypt to is refused now, not at issue time
    return PublicIdentity(name, signing_key, hpke_key, created_at)


# -- identities ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicIdentity:
    """Someone's name and public keys, as a card or a manifest carries them."""

    name: str
    signing_key: bytes
    hpke_key: bytes
    created_at: int = 0

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key, self.hpke_key)

    def hpke_public_key(self) -> hpke.MLKEM768X25519PublicKey:
        return _hpke_public(self.hpke_key)

    def to_party(self) -> dict[str, str]:
        """The form a manifest names a licensor or licensee in."""
        return {"hpke_key": _b64(self.hpke_key), "name": self.name, "signing_key": _b64(self.signing_key)}

    @classmethod
    def from_party(cls, obj: object) -> PublicIdentity:
        """Read ``to_party``'s form from parsed JSON; ``Malformed`` for anything else."""
        if not isinstance(obj, dict) or set(obj) != _PARTY_KEYS:
            raise Malformed("A party must have exactly hpke_key, name and signing_key.")
        return _checked_public(
            obj["name"],
            _key_from_b64(obj["signing_key"], SIGNING_KEY_BYTES, "signing key"),
            _key_from_b64(obj["hpke_key"], HPKE_PUBLIC_BYTES, "encryption key"),
            0,
        )


@dataclass(frozen=True, slots=True)
class Identity:
    """The vault's own identity: the public part and the private keys behind it."""

    public: PublicIdentity
    signing_private: Ed25519PrivateKey = field(repr=False, compare=False)
    mlkem_seed: bytes = field(repr=False, compare=False)
    x25519_private: x25519.X25519PrivateKey = field(repr=False, compare=False)

    @classmethod
    def from_private_bytes(
        cls, name: str, signing_seed: bytes, mlkem_seed: bytes, x25519_private: bytes, created_at: int
    ) -> Identity:
        """Rebuild an identity from its stored secrets (raises ``ValueError`` if they are damaged)."""
        if len(mlkem_seed) != MLKEM_SEED_BYTES:
            raise ValueError("ML-KEM seed must be 64 bytes")
        signing = Ed25519PrivateKey.from_private_bytes(signing_seed)
        kem = mlkem.MLKEM768PrivateKey.from_seed_bytes(mlkem_seed)
        dh = x25519.X25519PrivateKey.from_private_bytes(x25519_private)
        public = PublicIdentity(
            name,
            sshsig.public_key_bytes(signing.public_key()),
            kem.public_key().public_bytes_raw() + dh.public_key().public_bytes_raw(),
            created_at,
        )
        return cls(public, signing, bytes(mlkem_seed), dh)

    @classmethod
    def generate(cls, name: str, *, created_at: int) -> Identity:
        """Fresh keys (not stored anywhere: ``create_identity`` is what keeps them in a vault)."""
        problem = _name_problem(name)
        if problem is not None:
            raise InvalidValue(f"Invalid name {name[:NAME_MAX]!r}: {problem}.")
        return cls.from_private_bytes(
            name,
            _raw_private(Ed25519PrivateKey.generate()),
            mlkem.MLKEM768PrivateKey.generate().private_bytes_raw(),
            _raw_private(x25519.X25519PrivateKey.generate()),
            created_at,
        )

    def sign(self, namespace: str, message: bytes) -> str:
        """The armored SSHSIG of ``message`` under ``namespace`` (one of ``sshsig.NAMESPACES``)."""
        return sshsig.sign(self.signing_private, namespace, message)

    def hpke_private_key(self) -> hpke.MLKEM768X25519PrivateKey:
        # Built on demand: cryptography's hybrid key object cannot be serialised, its seed can.
        return hpke.MLKEM768X25519PrivateKey(
            mlkem.MLKEM768PrivateKey.from_seed_bytes(self.mlkem_seed), self.x25519_private
        )


def _raw_private(key: Ed25519PrivateKey | x25519.X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _store(db: Database, identity: Identity) -> None:
    db.conn.execute(
        "INSERT INTO identity (id, name, signing_seed, mlkem_seed, x25519_private, created_at) "
        "VALUES (1, ?, ?, ?, ?, ?)",
        (
            identity.public.name,
            _raw_private(identity.signing_private),
            identity.mlkem_seed,
            _raw_private(identity.x25519_private),
            identity.public.created_at,
        ),
    )


def _read(db: Database) -> Identity | None:
    row = db.conn.execute(
        "SELECT name, signing_seed, mlkem_seed, x25519_private, created_at FROM identity WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    try:
        name, signing_seed, mlkem_seed, x25519_private, created_at = row
        return Identity.from_private_bytes(
            str(name), bytes(signing_seed), bytes(mlkem_seed), bytes(x25519_private), int(created_at)
        )
    except (ValueError, TypeError) as exc:
        raise VaultCorrupt("The vault's identity keys are damaged.") from exc


def create_identity(db: Database, name: str) -> Identity:
    """Generate and keep the vault's identity; an empty name becomes ``DEFAULT_NAME``."""
    with db.transaction():
        if _read(db) is not None:
            raise VaultError("This vault already has an identity; nothing was changed.")
        identity = Identity.generate(name.strip() or DEFAULT_NAME, created_at=db.now())
        _store(db, identity)
    return identity


def _name_for_older_vault(meta_name: str | None) -> str:
    # The vault's name was never validated as a card name: make it one rather than fail.
    cleaned = LINE.refused.sub("", meta_name or "").strip()
    return cleaned[:NAME_MAX].strip() or DEFAULT_NAME


def load_identity(db: Database) -> Identity:
    """The vault's identity, created now for a vault made before identities existed."""
    identity = _read(db)
    if identity is not None:
        return identity
    with db.transaction():
        identity = _read(db)  # another process may have created it meanwhile
        if identity is None:
            identity = Identity.generate(_name_for_older_vault(db.get_meta("name")), created_at=db.now())
            _store(db, identity)
    return identity


# -- identity cards ----------------------------------------------------------------


def make_card(identity: Identity) -> bytes:
    """The signed card file to send to people (public keys only)."""
    public = identity.public
    body = canonical(
        {
            "created_at": public.created_at,
            "format": CARD_FORMAT,
            "hpke_key": _b64(public.hpke_key),
            "name": public.name,
            "signing_key": _b64(public.signing_key),
            "version": CARD_VERSION,
        }
    )
    return signedfile.encode(signedfile.TAG_CARD, body, identity.sign(sshsig.NS_CARD, body))


def write_card(identity: Identity, out: Path) -> None:
    """Write ``identity``'s card to ``out`` atomically (public keys only: 0600 all the same).

    A full or read-only disk is ``WriteFailed``; any other failure ``ExportFailed``.
    """
    try:
        atomic_write(out, make_card(identity))
    except OSError as exc:
        disk = os_failure_or_none(exc, out.parent)
        if disk is not None:
            raise disk from exc
        raise ExportFailed(f"Cannot write {out}: {exc.strerror or exc}.") from exc


def read_card_file(path: Path) -> bytes:
    """A card file's bytes, refused before reading unless it is a regular file of at most ``CARD_MAX_BYTES``.

    ``NotFound`` if there is no such file, ``Malformed`` if it cannot be a
    card, ``LicenseError`` if it cannot be read.
    """
    try:
        # Non-blocking, so opening a FIFO returns at once; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise Malformed(f"{path} is not a file, so it is not an identity card.")
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(CARD_MAX_BYTES + 1)  # bounded, even if the file grows meanwhile
    except FileNotFoundError as exc:
        raise NotFound(f"No such file: {path}") from exc
    except OSError as exc:
        raise LicenseError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(data) > CARD_MAX_BYTES:
        raise Malformed(f"{path} is larger than any identity card can be ({CARD_MAX_BYTES:,} bytes).")
    return data


def card_from_text(text: str) -> bytes:
    """A card pasted as text, as the bytes ``parse_card`` reads.

    A clipboard or a chat changes line endings and trims or adds blank space
    around a message; only that is undone (a signed card holds no CR and
    starts and ends with no blank space). The signed line must still be
    exactly as signed.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").strip().encode("utf-8") + b"\n"


def _card_time(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_TIME:
        return value
    if isinstance(value, str):
        try:
            return parse_strict_time(value)
        except InvalidValue as exc:
            raise Malformed("The card's created_at is not a valid time.") from exc
    raise Malformed("The card's created_at is not a valid time.")


def parse_card(data: bytes) -> PublicIdentity:
    """Read a card: ``Malformed`` (with the reason) for anything not exactly as specified."""
    # Verify before parsing; the JSON must then claim the key that signed it.
    signer, _body, obj = signedfile.open_signed(data, signedfile.TAG_CARD, sshsig.NS_CARD, CARD_MAX_BYTES)
    if not isinstance(obj, dict):
        raise Malformed("The card is not a JSON object.")
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > CARD_VERSION:
        raise Malformed(f"This card is version {version}, from a newer Knowhold; please update.")
    if set(obj) != _CARD_KEYS:
        raise Malformed("The card's fields are not exactly those of a version 1 card.")
    if obj["format"] != CARD_FORMAT or version != CARD_VERSION or isinstance(version, bool):
        raise Malformed("This is not a version 1 identity card.")
    signing_key = _key_from_b64(obj["signing_key"], SIGNING_KEY_BYTES, "card's signing key")
    if not hmac.compare_digest(signing_key, signer):
        raise Malformed("The card is not signed by the key it contains.")
    hpke_key = _key_from_b64(obj["hpke_key"], HPKE_PUBLIC_BYTES, "card's encryption key")
    return _checked_public(obj["name"], signing_key, hpke_key, _card_time(obj["created_at"]))


# -- contacts ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    identity: PublicIdentity
    verified: bool
    added_at: int

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint


_CONTACT_COLUMNS = "name, signing_key, hpke_key, card_created_at, verified, added_at"


def _contact(row: tuple[Any, ...]) -> Contact:
    name = str(row[0])
    identity = PublicIdentity(name, bytes(row[1]), bytes(row[2]), int(row[3]))
    return Contact(name, identity, bool(row[4]), int(row[5]))


class Contacts:
    """The people whose keys this vault knows, one key set per name."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, card: bytes, *, verified: bool = False) -> Contact:
        """Import a card. ``KeyChanged`` if its name or its keys already belong to another key set."""
        return self._keep(parse_card(card), card, verified)

    def pin(self, identity: PublicIdentity, *, verified: bool = False) -> Contact:
        """Trust keys met without a card (a licensor trusted at ingest), under the same rules."""
        identity = _checked_public(
            identity.name, identity.signing_key, identity.hpke_key, identity.created_at
        )
        return self._keep(identity, b"", verified)

    def get(self, name: str) -> Contact:
        row = self._db.conn.execute(
            f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE name = ?", (name,)
        ).fetchone()
        if row is not None:
            return _contact(row)
        found = self._same_name(name)
        if found is None:
            raise NoContact(f"No contact named {name!r}.")
        return found

    def by_signing_key(self, key: bytes) -> Contact | None:
        row = self._db.conn.execute(
            f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE signing_key = ?", (key,)
        ).fetchone()
        return None if row is None else _contact(row)

    def everyone(self) -> list[Contact]:
        rows = self._db.conn.execute(f"SELECT {_CONTACT_COLUMNS} FROM contacts").fetchall()
        return sorted((_contact(r) for r in rows), key=lambda c: (_same_name_key(c.name), c.name))

    def add_compared(self, card: bytes, fingerprint: str) -> Contact:
        """Import a card as verified: ``fingerprint`` is what its owner read out.

        ``KeyChanged`` if it is not the card's fingerprint (nothing is stored),
        and under ``add``'s rules.
        """
        identity = parse_card(card)
        if not fingerprint_matches(identity, fingerprint):
            raise _mismatch(identity.name)
        return self._keep(identity, card, True)

    def verify(self, name: str, fingerprint: str) -> Contact:
        """Mark a contact verified once the fingerprint compared with them matches theirs."""
        typed = normalise_fingerprint(fingerprint)
        with self._db.transaction():
            contact = self.get(name)
            if not hmac.compare_digest(typed, contact.fingerprint):
                raise _mismatch(contact.name)
            self._db.conn.execute("UPDATE contacts SET verified = 1 WHERE name = ?", (contact.name,))
        return Contact(contact.name, contact.identity, True, contact.added_at)

    def remove(self, name: str) -> Contact:
        """Forget a contact: the only way to accept a genuine key change is to
        remove the old keys on purpose and add the new card. Licenses already
        issued keep the licensee key they were issued to."""
        with self._db.transaction():
            contact = self.get(name)
            self._db.conn.execute("DELETE FROM contacts WHERE name = ?", (contact.name,))
        return contact

    def _same_name(self, name: str) -> Contact | None:
        wanted = _same_name_key(name)
        return next((c for c in self.everyone() if _same_name_key(c.name) == wanted), None)

    def _keep(self, identity: PublicIdentity, card: bytes, verified: bool) -> Contact:
        with self._db.transaction():
            by_name = self._same_name(identity.name)
            by_key = self.by_signing_key(identity.signing_key)
            if by_name is not None and not _same_keys(by_name.identity, identity):
                raise KeyChanged(
                    f"KEY CHANGE: this card says it is {identity.name}, but your contact "
                    f"{by_name.name} has other keys (known fingerprint {by_name.fingerprint}, "
                    f"this card {identity.fingerprint}). It may be an impostor. Nothing was changed; "
                    f"ask {by_name.name} in person or by phone whether their keys really changed.",
                    **_clash(identity, by_name),
                )
            if by_key is not None and (by_name is None or by_key.name != by_name.name):
                raise KeyChanged(
                    f"KEY CHANGE: these keys (fingerprint {identity.fingerprint}) already belong to "
                    f"your contact {by_key.name}, but this card calls them {identity.name}. "
                    "Nothing was changed.",
                    **_clash(identity, by_key),
                )
            if by_name is not None:
                if verified and not by_name.verified:
                    self._db.conn.execute("UPDATE contacts SET verified = 1 WHERE name = ?", (by_name.name,))
                    return Contact(by_name.name, by_name.identity, True, by_name.added_at)
                return by_name
            now = self._db.now()
            self._db.conn.execute(
                "INSERT INTO contacts (name, signing_key, hpke_key, fingerprint, card, card_created_at, "
                "verified, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    identity.name,
                    identity.signing_key,
                    identity.hpke_key,
                    identity.fingerprint,
                    card,
                    identity.created_at,
                    int(verified),
                    now,
                ),
            )
        return Contact(identity.name, identity, verified, now)


def _clash(card: PublicIdentity, known: Contact) -> dict[str, str]:
    """``KeyChanged``'s facts: what the card says, and the contact it clashes with."""
    return {
        "card_name": card.name,
        "card_fingerprint": card.fingerprint,
        "contact_name": known.name,
        "known_fingerprint": known.fingerprint,
    }


def _same_keys(a: PublicIdentity, b: PublicIdentity) -> bool:
    return hmac.compare_digest(a.signing_key + a.hpke_key, b.signing_key + b.hpke_key)
