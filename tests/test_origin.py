"""Where knowledge comes from: the value, its text form, the vault, the package, the command line."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest
import rfc8785
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault import Vault
from knowhold.vault.errors import InvalidValue, Malformed, UnsafeText
from knowhold.vault.knowledge.entries import Entries
from knowhold.vault.knowledge.markdown_export import export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.notes import format_markdown, parse_markdown
from knowhold.vault.knowledge.origin import (
    MAX_ORIGIN_NAME,
    Origin,
    OriginConcern,
    OriginKind,
    format_origin,
    origin_concern,
    origin_warning,
    parse_origin,
)
from knowhold.vault.knowledge.porting import SkipReason
from knowhold.vault.licensing import package, sshsig
from knowhold.vault.licensing.identity import HPKE_SUITE, Identity, load_identity
from knowhold.vault.licensing.package import build_package, open_entries, parse_package, read_package
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate
from tests.conftest import PASSPHRASE, START, FakeClock
from tests.licensing_kit import DAY, make_package
from tests.test_cli import Cli

ACME = Origin(OriginKind.ORGANISATION, "Acme Ltd")
RFC = Origin(OriginKind.PUBLIC, "RFC 9110")
OWN = Origin(OriginKind.OWN)


# -- the value and its text form ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("own", OWN),
        ("  OWN ", OWN),
        ("own:", OWN),
        ("org:Acme Ltd", ACME),
        ("Org :  Acme   Ltd ", ACME),
        ("organisation:Acme Ltd", ACME),
        ("public:RFC 9110", RFC),
        ("public:ISO 9001:2015", Origin(OriginKind.PUBLIC, "ISO 9001:2015")),  # a colon in the name stays
        ("org:深圳星河物流有限公司", Origin(OriginKind.ORGANISATION, "深圳星河物流有限公司")),
        ("none", None),
        ("", None),
    ],
)
def test_the_text_form_reads_as_documented(text: str, origin: Origin | None) -> None:
    assert parse_origin(text) == origin
    assert parse_origin(format_origin(origin)) == origin


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("employer:Acme", "Unknown origin 'employer'"),
        ("mine", "Unknown origin 'mine'"),
        ("org", "must not be empty"),
        ("org:   ", "must not be empty"),
        ("public:", "must not be empty"),
        ("own:side project", "takes no name"),
        ("org:" + "x" * (MAX_ORIGIN_NAME + 1), "longer than 200"),
    ],
)
def test_what_cannot_be_an_origin_says_what_to_change(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason) as info:
        parse_origin(text)
    assert info.value.exit_code == 2 and "\n" not in str(info.value)


def test_names_refuse_invisible_and_control_characters() -> None:
    assert parse_origin("org:" + "x" * MAX_ORIGIN_NAME) == Origin(OriginKind.ORGANISATION, "x" * 200)
    for name in ("Acme\u200bLtd", "Acme\u202eLtd", "Acme\x1b[2J"):
        with pytest.raises(UnsafeText, match="U\\+"):
            Origin.make("organisation", name)
    with pytest.raises(InvalidValue, match="Unknown origin"):
        Origin.make("employer", "Acme")


def test_the_json_form_names_kind_and_name() -> None:
    assert ACME.to_json() == {"kind": "organisation", "name": "Acme Ltd"}
    assert OWN.to_json() == {"kind": "own", "name": ""}


# -- the warnings before licensing -----------------------------------------------------------


def test_knowledge_from_another_organisation_may_belong_to_it() -> None:
    assert origin_concern(ACME, "Beta Corp") is OriginConcern.OTHER_ORGANISATION
    warning = origin_warning(ACME, "Beta Corp")
    assert warning is not None
    assert "may belong to Acme Ltd" in warning and "Beta Corp" in warning


@pytest.mark.parametrize("licensee", ["Acme Ltd", "acme ltd", "  ACME   Ltd ", "Ａｃｍｅ Ltd"])
def test_knowledge_from_the_licensee_itself_is_what_they_may_already_own(licensee: str) -> None:
    assert origin_concern(ACME, licensee) is OriginConcern.LICENSEE
    warning = origin_warning(ACME, licensee)
    assert warning is not None and "may already own" in warning and "selling back" in warning


def test_a_near_name_is_another_organisation_and_still_warned() -> None:
    # Nothing cleverer than case and spaces: the worker is warned either way.
    assert origin_concern(ACME, "Acme") is OriginConcern.OTHER_ORGANISATION


@pytest.mark.parametrize("origin", [None, OWN, RFC, Origin(OriginKind.PUBLIC, "Acme Ltd")])
def test_own_public_and_unrecorded_knowledge_raise_no_warning(origin: Origin | None) -> None:
    assert origin_concern(origin, "Acme Ltd") is None
    assert origin_warning(origin, "Acme Ltd") is None


# -- entries keep it, version by version --------------------------------------------------------


def test_an_entry_keeps_its_origin_with_every_version(vault: Vault, clock: FakeClock) -> None:
    entries = vault.entries
    entry = entries.add("heuristic", "Escalate early", "Two hours.", origin=ACME)
    assert entries.get(entry.id).origin == ACME == entry.origin
    clock.advance(60)
    assert entries.update(entry.id, body="Two hours, then call.").origin == ACME  # kept unless given
    clock.advance(60)
    changed = entries.update(entry.id, origin=RFC)
    assert changed.version == 3 and entries.get(entry.id).origin == RFC
    assert entries.update(entry.id, origin=RFC).version == 3  # the same origin is no change
    clock.advance(60)
    cleared = entries.update(entry.id, origin=None)
    assert cleared.version == 4 and entries.get(entry.id).origin is None
    assert [entries.get(entry.id, v).origin for v in (1, 2, 3, 4)] == [ACME, ACME, RFC, None]
    restored = entries.restore_version(entry.id, 1)
    assert restored.origin == ACME and entries.get(entry.id).origin == ACME
    other = entries.add("note", "Unrecorded", "x")
    assert [e.origin for e in entries.get_many([entry.id, other.id])] == [ACME, None]


def test_a_vault_from_before_origins_upgrades_with_none_recorded(tmp_path: Path, clock: FakeClock) -> None:
    db = Database(connect(tmp_path / "old.db", new_data_key()), clock)
    try:
        assert migrate(db.conn, MIGRATIONS[:3]) == 3  # the schema before origins
        db.conn.execute(
            "INSERT INTO entries (id, kind, title, body, private, version, created_at, updated_at) "
            "VALUES ('abcd234567', 'note', 'Old', 'Kept.', 0, 1, ?, ?)",
            (START, START),
        )
        db.conn.execute(
            "INSERT INTO versions (entry_rowid, version, kind, title, body, tags, private, saved_at) "
            "VALUES (1, 1, 'note', 'Old', 'Kept.', '[]', 0, ?)",
            (START,),
        )
        assert migrate(db.conn) == current_version(db.conn) == len(MIGRATIONS)
        entries = Entries(db)
        old = entries.get("abcd234567")
        assert (old.title, old.body, old.origin) == ("Old", "Kept.", None)
        clock.advance(60)
        assert entries.update(old.id, origin=OWN).origin == OWN
        assert entries.get(old.id, 1).origin is None
        with pytest.raises(sqlcipher.IntegrityError, match="CHECK"):
            db.conn.execute("UPDATE entries SET origin_kind = 'employer'")
    finally:
        db.close()


# -- the package carries it -----------------------------------------------------------------


LICENSOR = Identity.generate("Li Wei", created_at=START - DAY)
LICENSEE = Identity.generate("Beta Corp", created_at=START - DAY)


def _build(items: list[LicensedEntry]) -> bytes:
    data, _ = build_package(
        LICENSOR,
        LICENSEE.public,
        items,
        license_id="0f" * 16,
        issued_at=START,
        not_before=START,
        expires_at=START + 30 * DAY,
        terms=Terms.make(allow=["ai-retrieval"]),
        revocation=Revocation.make(),
    )
    return data


def _items(*origins: Origin | None) -> list[LicensedEntry]:
    return [
        LicensedEntry(f"entry{i}", 1, "note", f"Title {i}", "Body.", (), origin=o)
        for i, o in enumerate(origins)
    ]


def _plaintext(data: bytes) -> bytes:
    parsed = parse_package(data)
    key, _ = open_entries(parsed, LICENSEE)
    aad = package.AAD_PREFIX + parsed.manifest_hash
    return ChaCha20Poly1305(key).decrypt(parsed.payload[:12], parsed.payload[12:], aad)


def test_a_package_with_origins_is_version_2_and_opens_with_them() -> None:
    data = _build(_items(OWN, ACME, RFC, None))
    package = parse_package(data)
    assert package.manifest.version == 2
    _, opened = open_entries(package, LICENSEE)
    assert [e.origin for e in opened] == [OWN, ACME, RFC, None]
    items = json.loads(_plaintext(data))["entries"]
    assert [i["origin"] for i in items] == [OWN.to_json(), ACME.to_json(), RFC.to_json(), None]


def test_a_package_without_origins_is_exactly_version_1() -> None:
    data = _build(_items(None, None))
    assert parse_package(data).manifest.version == 1
    assert json.loads(parse_package(data).manifest_bytes)["version"] == 1
    assert b'"origin"' not in _plaintext(data)


@pytest.mark.parametrize(
    ("origin", "reason"),
    [
        (Origin(OriginKind.PUBLIC, ""), "origin.name"),
        (Origin(OriginKind.OWN, "side project"), "empty string for own"),
        (Origin(OriginKind.ORGANISATION, "x" * 201), "origin.name"),
        (Origin(OriginKind.ORGANISATION, "Acme\u202eLtd"), "invisible or control"),
    ],
)
def test_the_writer_refuses_an_origin_its_reader_would(origin: Origin, reason: str) -> None:
    # Origin() directly, past Origin.make: a caller that skipped the checks.
    with pytest.raises(InvalidValue, match=reason):
        _build(_items(origin))


def _forged(items: list[dict[str, object]], version: int) -> bytes:
    """A package whose payload is exactly ``items``, every hash signed: only the payload's shape can fail."""
    document = json.loads(parse_package(_build(_items(OWN))).manifest_bytes)
    document["version"] = version
    document["entries"] = [
        {"id": i["id"], "kind": i["kind"], "title": i["title"], "version": i["version"]} for i in items
    ]
    for listed, item in zip(document["entries"], items, strict=True):
        listed["sha256"] = hashlib.sha256(rfc8785.dumps(item)).hexdigest()
    manifest = rfc8785.dumps(document)
    digest = hashlib.sha256(manifest).digest()
    key = ChaCha20Poly1305.generate_key()
    sealed = HPKE_SUITE.encrypt(key, LICENSEE.public.hpke_public_key(), info=package.INFO_PREFIX + digest)
    nonce = bytes(12)
    plain = rfc8785.dumps({"entries": items})
    payload = nonce + ChaCha20Poly1305(key).encrypt(nonce, plain, package.AAD_PREFIX + digest)
    return package.assemble(manifest, LICENSOR.sign(sshsig.NS_MANIFEST, manifest), sealed, payload)


def _item(origin: object) -> dict[str, object]:
    notice = json.loads(_plaintext(_build(_items(OWN))))["entries"][0]["notice"]
    return {
        "body": "Body.",
        "id": "entry0",
        "kind": "note",
        "notice": notice,
        "origin": origin,
        "tags": [],
        "title": "Title 0",
        "version": 1,
    }


@pytest.mark.parametrize(
    ("origin", "reason"),
    [
        ({"kind": "employer", "name": "Acme"}, "origin.kind"),
        ({"kind": ["own"], "name": ""}, "origin.kind"),
        ({"kind": "own", "name": "Acme"}, "empty string for own"),
        ({"kind": "public", "name": ""}, "origin.name"),
        ({"kind": "public", "name": 7}, "origin.name"),
        ({"kind": "organisation", "name": "x" * 201}, "longer than 200"),
        ({"kind": "organisation", "name": "Acme\u200b"}, "invisible or control"),
        ({"kind": "organisation"}, "missing 'name'"),
        ({"kind": "own", "name": "", "since": 2019}, "unknown key 'since'"),
        ("own", "expected an object"),
    ],
)
def test_the_reader_refuses_an_origin_off_spec(origin: object, reason: str) -> None:
    package = parse_package(_forged([_item(origin)], 2))
    with pytest.raises(Malformed, match=reason):
        open_entries(package, LICENSEE)


def test_the_forged_baseline_opens() -> None:
    _, opened = open_entries(
        parse_package(_forged([_item({"kind": "organisation", "name": "Acme"})], 2)), LICENSEE
    )
    assert opened[0].origin == Origin(OriginKind.ORGANISATION, "Acme")


# -- Markdown export and import ---------------------------------------------------------------


def test_export_writes_the_origin_and_import_reads_it_back(vault: Vault, tmp_path: Path) -> None:
    with_origin = vault.entries.add("note", "From Acme", "Body.", origin=ACME)
    without = vault.entries.add("note", "Mine", "Body.")
    text = format_markdown(vault.entries.get(with_origin.id))
    assert "\norigin: org:Acme Ltd\n" in text
    assert "origin" not in format_markdown(vault.entries.get(without.id))
    assert parse_markdown(text, "x").origin == ACME
    export_markdown(vault, tmp_path / "out")
    vault.entries.update(with_origin.id, origin=None)
    vault.entries.update(without.id, origin=OWN)
    summary = import_markdown(vault, [tmp_path / "out"])
    assert summary.updated == 2 and not summary.skipped
    assert vault.entries.get(with_origin.id).origin == ACME  # a Knowhold export is authoritative
    assert vault.entries.get(without.id).origin is None


def test_another_tools_origin_key_is_not_ours_to_judge() -> None:
    note = parse_markdown("---\norigin: https://example.org/page\n---\nClipped.\n", "Clipped")
    assert note.origin is None and note.body == "Clipped.\n"
    assert parse_markdown("---\norigin: public:RFC 9110\n---\nx\n", "t").origin == RFC
    assert parse_markdown("---\norigin: [1, 2]\n---\nx\n", "t").origin is None
    assert parse_markdown("---\norigin: [1, 2]\n---\nx\n", "t").front_matter == "origin:\n- 1\n- 2\n"


def test_a_damaged_origin_in_a_knowhold_export_skips_the_file(vault: Vault, tmp_path: Path) -> None:
    entry = vault.entries.add("note", "From Acme", "Body.", origin=ACME)
    note = tmp_path / "note.md"
    note.write_text(format_markdown(entry).replace("org:Acme Ltd", "own:Acme"), "utf-8")
    with pytest.raises(InvalidValue):
        parse_markdown(note.read_text("utf-8"), "note")
    skipped = import_markdown(vault, [note]).skipped
    assert skipped == ((f"{tmp_path.name}/note.md", SkipReason.BAD_FRONT_MATTER),)


# -- the command line -------------------------------------------------------------------------


@pytest.fixture
def ready(tmp_path: Path, clock: FakeClock) -> Cli:
    cli = Cli(tmp_path / "vault", clock)
    cli.json("init", "--name", "Li Wei")
    return cli


def test_add_edit_show_the_origin(ready: Cli) -> None:
    added = ready.json("add", "--kind", "note", "--title", "Escalate", "--origin", "org:Acme Ltd", stdin="x")
    entry_id = added["id"]
    shown = ready.json("show", entry_id)
    assert shown["origin"] == {"kind": "organisation", "name": "Acme Ltd"}
    code, out, _ = ready("show", entry_id)
    assert code == 0 and "origin: learned at Acme Ltd\n" in out
    assert ready.json("edit", entry_id, "--origin", "public:RFC 9110")["version"] == 2
    assert ready.json("show", entry_id)["origin"] == {"kind": "public", "name": "RFC 9110"}
    assert ready.json("edit", entry_id, "--origin", "none")["version"] == 3
    assert ready.json("show", entry_id)["origin"] is None
    code, out, _ = ready("show", entry_id)
    assert "origin:" not in out
    assert ready.json("show", entry_id, "--version", "1")["origin"]["name"] == "Acme Ltd"
    plain = ready.json("add", "--kind", "note", "--title", "Plain", stdin="x")
    assert ready.json("show", plain["id"])["origin"] is None
    ready.json("edit", plain["id"], "--origin", "own")
    code, out, _ = ready("show", plain["id"])
    assert "origin: own experience\n" in out


def test_a_bad_origin_is_one_line_and_changes_nothing(ready: Cli) -> None:
    assert "Unknown origin 'employer'" in ready.fails(
        2, "add", "--kind", "note", "--title", "T", "--origin", "employer:X"
    )
    assert "must not be empty" in ready.fails(2, "add", "--kind", "note", "--title", "T", "--origin", "org:")
    err = ready.fails(2, "add", "--kind", "note", "--title", "T", "--origin", "org:Acme\x1b[2J")
    assert "U+001B" in err and "\x1b" not in err
    assert ready.json("list")["total"] == 0
    entry_id = ready.json("add", "--kind", "note", "--title", "T", stdin="x")["id"]
    ready.fails(2, "edit", entry_id, "--origin", "own:me")
    assert ready.json("show", entry_id)["version"] == 1
    assert "--origin" in ready.fails(2, "edit", entry_id)


@pytest.mark.usefixtures("fast_unlock")
def test_received_show_gives_each_entrys_origin(tmp_path: Path, clock: FakeClock, licensor: Identity) -> None:
    cli = Cli(tmp_path / "employer", clock)
    cli.json("init", "--name", "Beta Corp")
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        me = load_identity(vault.db).public
    items = [
        LicensedEntry("entry0x", 1, "note", "From Acme", "Body.", (), origin=ACME),
        LicensedEntry("entry1x", 1, "note", "Unrecorded", "Body.", ()),
    ]
    pkg = tmp_path / "li.knowhold"
    pkg.write_bytes(make_package(licensor, me, items=items))
    lid = read_package(pkg).manifest.license_id
    cli.json("received", "ingest", str(pkg), "--trust")
    shown = cli.json("received", "show", lid)
    assert [e["origin"] for e in shown["entries"]] == [ACME.to_json(), None]
    code, out, _ = cli("received", "show", lid)
    assert code == 0 and out.count("origin: learned at Acme Ltd\n") == 1


def test_licensed_entry_origin_defaults_to_not_recorded() -> None:
    # issuing.build passes the entry's origin; until it does, every package is version 1.
    entry = LicensedEntry("e", 1, "note", "t", "b", ())
    assert entry.origin is None
    assert dataclasses.replace(entry, origin=ACME).origin == ACME
