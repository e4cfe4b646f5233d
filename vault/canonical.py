"""Canonical JSON (RFC 8785) for everything Knowhold signs, read strictly.

Signed documents are RFC 8785 bytes, signed over exactly those bytes. On
the way in, after the signature has been verified, ``parse_canonical``
accepts the bytes only if they are what canonicalisation of their own
content produces. That closes the gaps JSON leaves open between what a
signer meant and what a reader sees:

* duplicate keys (``{"expires_at": 1, "expires_at": 9}``: which one did
  they sign?) are rejected, not resolved last-wins;
* numbers are integers only, within ±(2^53 - 1) (no floats, NaN, Infinity, or
  integers that lose precision in other JSON readers);
* nesting depth, string and document sizes are bounded before Python's
  recursive parser can be made to exhaust the stack;
* any byte the canonical form would not have (whitespace, escapes spelled
  another way, key order) is a rejection.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

from vault.errors import Malformed

MAX_DEPTH = 16
MAX_INT = 2**53 - 1  # what rfc8785 (and every JSON reader) holds exactly


def canonical(value: Any) -> bytes:
    """The RFC 8785 bytes of ``value`` (dicts, lists, str, int, bool, None)."""
    return rfc8785.dumps(value)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise Malformed(f"Duplicate key {key[:40]!r} in a signed document.")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise Malformed(f"{name} is not allowed in a signed document.")


def _reject_float(text: str) -> Any:
    raise Malformed("Fractional numbers are not allowed in a signed document.")


def _check_int(text: str) -> int:
    if len(text) > 20:
        raise Malformed("A number in the document is out of range.")
    value = int(text)
    if abs(value) > MAX_INT:
        raise Malformed("A number in the document is out of range.")
    return value


def _depth_ok(text: str) -> bool:
    """Nesting depth, counted outside strings, without recursion."""
    depth = 0
    in_string = False
    escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def loads_strict(data: bytes, max_bytes: int) -> Any:
    """Parse JSON with the rules above; ``Malformed`` for anything else."""
    if len(data) > max_bytes:
        raise Malformed(f"The document is larger than {max_bytes} bytes.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Malformed("The document is not UTF-8.") from exc
    if not _depth_ok(text):
        raise Malformed("The document is nested too deeply.")
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
            parse_float=_reject_float,
            parse_int=_check_int,
        )
    except (json.JSONDecodeError, RecursionError) as exc:
        raise Malformed("The document is not valid JSON.") from exc


def parse_canonical(data: bytes, max_bytes: int) -> Any:
    """Parse signed bytes, accepting them only if they are already canonical."""
    value = loads_strict(data, max_bytes)
    try:
        again = canonical(value)
    except (rfc8785.CanonicalizationError, ValueError) as exc:
        raise Malformed("The document cannot be canonicalised.") from exc
    if again != data:
        raise Malformed("The document is not in canonical form (RFC 8785): it differs from what was signed.")
    return value
