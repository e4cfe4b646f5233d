"""The vault's data key, its key slots and the key file.

The database is encrypted with a random 256-bit data key. That key is never
derived from the passphrase; it is *wrapped* (ChaCha20-Poly1305) in key slots:

* ``passphrase``: wrapping key from Argon2id(passphrase, salt), with
  parameters calibrated on this machine at creation and stored in the slot,
  never below 64 MiB of memory and 3 passes.
* ``recovery``: wrapping key from HKDF-SHA256 over a 160-bit random
  recovery code shown once at creation. The code is high-entropy, so it
  needs no slow KDF; it is grouped in fours for reading aloud.

Each slot's associated data binds the vault id and the slot id, so a slot
copied from another vault, or moved to another slot position, fails to open.
Changing the passphrase rewraps the data key in one slot and rewrites only
the key file: the database is not touched, so an old copy of the key file
still opens it with the old passphrase. ``vault.store.rotation`` replaces the
data key itself when that matters.
"""

from __future__ import annotations

import base64
import contextlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from knowhold.vault.errors import InvalidValue, VaultCorrupt, VaultTooNew, WrongSecret
from knowhold.vault.store.diskerrors import write_failure
from knowhold.vault.store.fsutil import atomic_write, read_limited

DATA_KEY_BYTES = 32
KEYFILE_FORMAT = "knowhold-vault-keys"
KEYFILE_VERSION = 1
KEYFILE_MAX_BYTES = 64 * 1024

MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
LANES = 4
# Upper bounds on what a key file may ask for, so a crafted key file cannot
# make opening it exhaust memory or run for hours.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 64
MAX_CALIBRATED_MEMORY_KIB = 1024 * 1024

SLOT_PASSPHRASE = "passphrase"
SLOT_RECOVERY = "recovery"

RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
RECOVERY_CHARS = 32  # 160 bits
RECOVERY_GROUP = 4
# Crockford's reading rules: letters people confuse map to the digit meant.
_RECOVERY_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})

_AAD_PREFIX = b"knowhold/keyslot/v1\x00"
_RECOVERY_INFO = b"knowhold/recovery-code/v1"


@dataclass(frozen=True, slots=True)
class Argon2Params:
    memory_kib: int = MIN_MEMORY_KIB
    iterations: int = MIN_ITERATIONS
    lanes: int = LANES

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return Argon2id(
            salt=salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(secret)


@dataclass(frozen=True, slots=True)
class KeySlot:
    slot_id: str
    salt: bytes
    nonce: bytes
    wrapped: bytes
    argon2: Argon2Params | None  # None for the recovery slot (HKDF)


@dataclass(frozen=True, slots=True)
class KeyFile:
    vault_id: bytes
    slots: tuple[KeySlot, ...]

    def slot(self, slot_id: str) -> KeySlot:
        for slot in self.slots:
            if slot.slot_id == slot_id:
                return slot
        raise VaultCorrupt(f"The vault's key file has no {slot_id} slot.")

    def with_slot(self, new: KeySlot) -> KeyFile:
        slots = tuple(new if s.slot_id == new.slot_id else s for s in self.slots)
        return replace(self, slots=slots)


def measure_derivation(params: Argon2Params) -> float:
    """Seconds one Argon2id run with ``params`` takes on this machine."""
    start = time.perf_counter()
    params.derive(b"calibration", b"\x00" * 16)
    return time.perf_counter() - start


def calibrate(
    target_seconds: float = 0.5,
    measure: Callable[[Argon2Params], float] = measure_derivation,
) -> Argon2Params:
    """Pick Argon2id parameters that take about ``target_seconds`` here.

    Starts at the floor (64 MiB, 3 passes) and raises memory first, since
    memory is what makes guessing on GPUs expensive, then passes. Each step
    doubles the cost, so stopping once a run takes over half the target
    lands between half and the whole target.
    """
    params = Argon2Params()
    while measure(params) * 2 <= target_seconds:
        if params.memory_kib * 2 <= MAX_CALIBRATED_MEMORY_KIB:
            params = replace(params, memory_kib=params.memory_kib * 2)
        elif params.iterations * 2 <= MAX_ITERATIONS:
            params = replace(params, iterations=params.iterations * 2)
        else:
            break
    return params


def new_data_key() -> bytearray:
    return bytearray(secrets.token_bytes(DATA_KEY_BYTES))


def new_vault_id() -> bytes:
    return secrets.token_bytes(16)


def _aad(vault_id: bytes, slot_id: str) -> bytes:
    return _AAD_PREFIX + vault_id + b"\x00" + slot_id.encode("ascii")


def _wrap(
    wrapping_key: bytes, vault_id: bytes, slot_id: str, data_key: bytes | bytearray
) -> tuple[bytes, bytes]:
    nonce = secrets.token_bytes(12)
    wrapped = ChaCha20Poly1305(wrapping_key).encrypt(nonce, bytes(data_key), _aad(vault_id, slot_id))
    return nonce, wrapped


def _unwrap(wrapping_key: bytes, vault_id: bytes, slot: KeySlot) -> bytearray:
    try:
        key = ChaCha20Poly1305(wrapping_key).decrypt(slot.nonce, slot.wrapped, _aad(vault_id, slot.slot_id))
    except InvalidTag as exc:
        raise WrongSecret() from exc
    if len(key) != DATA_KEY_BYTES:
        raise VaultCorrupt("The vault's key file holds a key of the wrong size.")
    return bytearray(key)


# -- passphrase slot ---------------------------------------------------------


def passphrase_slot(
    passphrase: str, data_key: bytes | bytearray, vault_id: bytes, params: Argon2Params
) -> KeySlot:
    if not passphrase:
        raise InvalidValue("The passphrase must not be empty.")
    salt = secrets.token_bytes(16)
    wrapping = params.derive(passphrase.encode("utf-8"), salt)
    nonce, wrapped = _wrap(wrapping, vault_id, SLOT_PASSPHRASE, data_key)
    return KeySlot(SLOT_PASSPHRASE, salt, nonce, wrapped, params)


def open_with_passphrase(keyfile: KeyFile, passphrase: str) -> bytearray:
    slot = keyfile.slot(SLOT_PASSPHRASE)
    assert slot.argon2 is not None  # guaranteed by parse_keyfile
    wrapping = slot.argon2.derive(passphrase.encode("utf-8"), slot.salt)
    return _unwrap(wrapping, keyfile.vault_id, slot)


# -- recovery slot -------------------------------------------------------------


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CHARS))
    groups = [raw[i : i + RECOVERY_GROUP] for i in range(0, RECOVERY_CHARS, RECOVERY_GROUP)]
    return "-".join(groups)


def normalise_recovery_code(code: str) -> str:
    """Accept the code as people type it: any case, spaces or dashes, O for 0."""
    cleaned = "".join(ch for ch in code.upper() if not ch.isspace() and ch != "-")
    cleaned = cleaned.translate(_RECOVERY_ALIASES)
    if len(cleaned) != RECOVERY_CHARS or any(ch not in RECOVERY_ALPHABET for ch in cleaned):
        raise WrongSecret("That is not a recovery code: it has 32 letters and digits in groups of 4.")
    return cleaned


def _recovery_wrapping_key(code: str, salt: bytes) -> bytes:
    material = normalise_recovery_code(code).encode("ascii")
    return HKDF(hashes.SHA256(), 32, salt, _RECOVERY_INFO).derive(material)


def recovery_slot(code: str, data_key: bytes | bytearray, vault_id: bytes) -> KeySlot:
    salt = secrets.token_bytes(16)
    nonce, wrapped = _wrap(_recovery_wrapping_key(code, salt), vault_id, SLOT_RECOVERY, data_key)
    return KeySlot(SLOT_RECOVERY, salt, nonce, wrapped, None)


def open_with_recovery_code(keyfile: KeyFile, code: str) -> bytearray:
    slot = keyfile.slot(SLOT_RECOVERY)
    return _unwrap(_recovery_wrapping_key(code, slot.salt), keyfile.vault_id, slot)


# -- the key file --------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, size: int | None = None) -> bytes:
    if not isinstance(value, str) or len(value) > 4096:
        raise VaultCorrupt("The vault's key file is damaged.")
    try:
        data = base64.b64decode(value, validate=True)
    except ValueError as exc:
        raise VaultCorrupt("The vault's key file is damaged.") from exc
    if size is not None and len(data) != size:
        raise VaultCorrupt("The vault's key file is damaged.")
    return data


def serialise_keyfile(keyfile: KeyFile) -> bytes:
    slots = []
    for slot in keyfile.slots:
        item: dict[str, object] = {
            "id": slot.slot_id,
            "salt": _b64(slot.salt),
            "nonce": _b64(slot.nonce),
            "wrapped": _b64(slot.wrapped),
        }
        if slot.argon2 is not None:
            item["kdf"] = {
                "name": "argon2id",
                "memory_kib": slot.argon2.memory_kib,
                "iterations": slot.argon2.iterations,
                "lanes": slot.argon2.lanes,
            }
        else:
            item["kdf"] = {"name": "hkdf-sha256"}
        slots.append(item)
    doc = {
        "format": KEYFILE_FORMAT,
        "version": KEYFILE_VERSION,
        "vault_id": keyfile.vault_id.hex(),
        "slots": slots,
    }
    return (json.dumps(doc, indent=2) + "\n").encode("utf-8")


def _int_in(value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise VaultCorrupt("The vault's key file has key parameters out of range.")
    return value


def parse_keyfile(data: bytes) -> KeyFile:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VaultCorrupt("The vault's key file is damaged.") from exc
    if not isinstance(doc, dict) or doc.get("format") != KEYFILE_FORMAT:
        raise WrongSecret("This folder is not a Knowhold vault (no vault key file).")
    version = doc.get("version")
    if not isinstance(version, int) or version > KEYFILE_VERSION:
        raise VaultTooNew()
    try:
        vault_id = bytes.fromhex(doc["vault_id"])
        raw_slots = doc["slots"]
    except (KeyError, TypeError, ValueError) as exc:
        raise VaultCorrupt("The vault's key file is damaged.") from exc
    if len(vault_id) != 16 or not isinstance(raw_slots, list) or len(raw_slots) > 8:
        raise VaultCorrupt("The vault's key file is damaged.")
    slots = []
    for raw in raw_slots:
        if not isinstance(raw, dict) or not isinstance(raw.get("kdf"), dict):
            raise VaultCorrupt("The vault's key file is damaged.")
        slot_id = raw.get("id")
        kdf = raw["kdf"]
        argon2: Argon2Params | None = None
        if slot_id == SLOT_PASSPHRASE and kdf.get("name") == "argon2id":
            argon2 = Argon2Params(
                memory_kib=_int_in(kdf.get("memory_kib"), MIN_MEMORY_KIB, MAX_MEMORY_KIB),
                iterations=_int_in(kdf.get("iterations"), MIN_ITERATIONS, MAX_ITERATIONS),
                lanes=_int_in(kdf.get("lanes"), 1, 16),
            )
        elif not (slot_id == SLOT_RECOVERY and kdf.get("name") == "hkdf-sha256"):
            raise VaultCorrupt("The vault's key file has an unknown key slot.")
        slots.append(
            KeySlot(
                slot_id=slot_id,
                salt=_unb64(raw.get("salt"), 16),
                nonce=_unb64(raw.get("nonce"), 12),
                wrapped=_unb64(raw.get("wrapped")),
                argon2=argon2,
            )
        )
    return KeyFile(vault_id=vault_id, slots=tuple(slots))


def read_keyfile(path: Path) -> KeyFile:
    try:
        data = read_limited(path, KEYFILE_MAX_BYTES)
    except ValueError as exc:
        raise VaultCorrupt("The vault's key file is too large to be genuine.") from exc
    return parse_keyfile(data)


def write_keyfile(path: Path, keyfile: KeyFile) -> None:
    """Replace the key file atomically; a failed write leaves the old one whole."""
    try:
        atomic_write(path, serialise_keyfile(keyfile))
    except OSError as exc:
        raise write_failure(exc, path.parent) from exc


def raw_key_pragma(data_key: bytes | bytearray) -> str:
    """The one place the data key becomes SQL: SQLCipher's raw-key form.

    A raw key (``x'…'``) is used as is; SQLCipher does not run its own KDF
    over it. The hex comes from our own bytes, so it cannot carry a quote.
    """
    if len(data_key) != DATA_KEY_BYTES:
        raise VaultCorrupt("The data key has the wrong size.")
    return "PRAGMA key = \"x'" + bytes(data_key).hex() + "'\""


def wipe(buffer: bytearray) -> None:
    """Overwrite a key held in a mutable buffer (best effort in Python)."""
    for i in range(len(buffer)):
        buffer[i] = 0


def disable_core_dumps() -> Callable[[], None]:
    """Stop this process writing core dumps (which would hold the key).

    Returns a function that restores the previous limit.
    """
    try:
        import resource
    except ImportError:  # Windows: no core dumps in this sense
        return lambda: None
    previous = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, previous[1]))
    except (ValueError, OSError):
        return lambda: None

    def restore() -> None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, previous)

    return restore
