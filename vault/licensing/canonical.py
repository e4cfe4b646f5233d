r"""Canonical JSON (RFC 8785) for everything Knowhold signs, read strictly.

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

Speed: ``rfc8785`` is pure Python, about forty times slower than ``orjson``
on a package's megabytes of text. For JSON made only of objects with ASCII
keys, arrays, strings, booleans, null and integers within ±(2^53 - 1),
``orjson.dumps(value, option=OPT_SORT_KEYS)`` writes exactly RFC 8785: the
same escapes (``\b \t \n \f \r \" \\`` and lowercase ``\u00xx`` for the
other control characters; everything else, U+2028 and U+2029 included, as
UTF-8) and, for ASCII keys, the same order (orjson sorts keys by UTF-8
bytes, RFC 8785 by UTF-16 code units; the two differ only between
characters above U+FFFF and those from U+E000 to U+FFFF).
``tests/test_sshsig_canonical.py`` checks the two agree on generated
documents. Anything else (a non-ASCII key, a float, a big integer, a type
JSON does not have) goes through ``rfc8785``, which decides and raises as
before. Reading uses the same split: a document that orjson parses to such a
plain value and writes back byte for byte is canonical; anything else is
judged, with its reason, by the strict parser and ``rfc8785``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson
import rfc8785

from knowhold.vault.errors import Malformed

MAX_DEPTH = 16
MAX_INT = 2**53 - 1  # what rfc8785 (and every JSON reader) holds exactly

_SORTED = orjson.OPT_SORT_KEYS
_NOT_PARSED = object()


def _plain(value: Any, max_depth: int | None) -> bool:
    """Whether orjson's sorted output of ``value`` is its RFC 8785 form (see above).

    Only exact types count (a ``str`` or ``int`` subclass could encode
    differently); nesting deeper than ``max_depth`` containers is not plain.
    Walks one level at a time, without recursion.
    """
    level = [value]
    depth = 0
    while level:
        below: list[Any] = []
        containers = False
        for v in level:
            t = type(v)
            if t is str or t is bool or v is None:
                continue
            if t is int:
                if -MAX_INT <= v <= MAX_INT:
                    continue
                return False
            if t is dict:
                for key in v:
                    if type(key) is not str or not key.isascii():
                        return False
                below.extend(v.values())
            elif t is list or t is tuple:
                below.extend(v)
            else:
                return False  # float, bytes, a subclass, anything JSON does not have
            containers = True
        if containers:
            depth += 1
            if max_depth is not None and depth > max_depth:
                return False
        level = below
    return True


def canonical(value: Any) -> bytes:
    """The RFC 8785 bytes of ``value`` (dicts, lists, str, int, bool, None).

    Raises what ``rfc8785.dumps`` raises (``CanonicalizationError``, a
    ``ValueError``) for anything it cannot write.
    """
    if _plain(value, None):
        try:
            return orjson.dumps(value, option=_SORTED)
        except orjson.JSONEncodeError:
            pass  # a lone surrogate, or nesting past orjson's limit: rfc8785 decides
    return rfc8785.dumps(value)


def canonical_checked(value: Any) -> bytes:
    """The RFC 8785 bytes of a value whose shape the caller has already checked.

    Only for values made of dicts with ASCII string keys, lists, strings,
    booleans, None and integers within ±(2^53 - 1), nested at most a few
    levels: ``vault.package`` writes its payload and manifest this way after
    its schema checks have passed, saving ``canonical``'s walk over every
    value of a large package. Anything else is a bug in the caller; it raises
    ``ValueError`` where orjson cannot write it, and is otherwise not RFC 8785.
    """
    try:
        return orjson.dumps(value, option=_SORTED)
    except orjson.JSONEncodeError as exc:
        raise ValueError(f"not writable as canonical JSON: {exc}") from exc


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


_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _depth_ok(text: str) -> bool:
    """Nesting depth, counted outside strings, without recursion.

    Strings are cut out first (an unterminated one runs to the end), so
    only the brackets themselves are counted in Python.
    """
    outside = _STRING.sub("", text).split('"', 1)[0]
    depth = 0
    for m in _BRACKET.finditer(outside):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        else:
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
    """Parse signed bytes, accepting them only if they are already canonical.

    Fast path: orjson parses, the value is plain (no floats, integers in
    range, ASCII keys, at most ``MAX_DEPTH`` deep) and orjson writes it back
    as exactly ``data``. Equal bytes rule out duplicate keys (a dropped
    member would be missing from the output), whitespace and other
    spellings; for a plain value orjson's output is RFC 8785, so these are
    exactly the documents the strict path accepts. Everything else takes the
    strict path, which accepts or names the reason for refusing.
    """
    if len(data) > max_bytes:
        raise Malformed(f"The document is larger than {max_bytes} bytes.")
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        value = _NOT_PARSED
    if value is not _NOT_PARSED and _plain(value, MAX_DEPTH):
        try:
            if orjson.dumps(value, option=_SORTED) == data:
                return value
        except orjson.JSONEncodeError:
            pass
    return _parse_canonical_strictly(data, max_bytes)


def _parse_canonical_strictly(data: bytes, max_bytes: int) -> Any:
    value = loads_strict(data, max_bytes)
    try:
        again = rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, ValueError) as exc:
        raise Malformed("The document cannot be canonicalised.") from exc
    if again != data:
        raise Malformed("The document is not in canonical form (RFC 8785): it differs from what was signed.")
    return value
