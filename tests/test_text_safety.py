"""Text from outside: invisible and control characters refused where text enters,
escaped wherever it still reaches a terminal (``vault.text``; audit items 4.6, 4.7).

Hostile files are built by switching off the writer's own checks for a moment
(``unchecked``), as an attacker's writer would not have them.
"""

# The shared fixtures are imported from test_received, so their parameters shadow them.

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.cli.output import Result, emit, error_line
from knowhold.vault.errors import (
    InvalidValue,
    KnowholdError,
    Malformed,
    NoContact,
    NoVault,
    PrivateRefused,
    SensitiveRefused,
    StatusStale,
    UnsafeText,
)
from knowhold.vault.knowledge import markdown_import, porting
from knowhold.vault.knowledge.origin import Origin, OriginKind
from knowhold.vault.licensing import identity as identity_mod
from knowhold.vault.licensing import package as package_mod
from knowhold.vault.licensing import status as status_mod
from knowhold.vault.licensing.identity import (
    Contacts,
    Identity,
    check_name,
    load_identity,
    make_card,
    parse_card,
)
from knowhold.vault.licensing.package import open_entries, parse_package
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.skills import export_skill
from knowhold.vault.licensing.status import parse_status
from knowhold.vault.licensing.terms import Compensation, Terms
from knowhold.vault.text import (
    BODY,
    LINE,
    MULTILINE,
    TextRule,
    display_width,
    find_unsafe,
    for_terminal,
    is_safe_line,
    pad,
    refuse_unsafe,
    reserved_on_windows,
)
from knowhold.vault.timefmt import parse_strict_time
from tests.conftest import PASSPHRASE, START, FakeClock
from tests.licensing_kit import BODY as PLAIN_BODY
from tests.licensing_kit import DAY, entries, make_package, make_status, me, trust
from tests.test_cli import Cli
from tests.test_skills import validate_skill

ESCAPES = "\x1b[2J\x1b]0;pwn\x07Hacked"  # clear the screen, retitle the window
RLO = "\u202e"  # right-to-left override
ZWSP = "\u200b"  # zero-width space
VAULT_SRC = Path(__file__).resolve().parent.parent / "vault"


@contextlib.contextmanager
def unchecked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An attacker's writer: none of the reader's checks run while a file is built."""
    with monkeypatch.context() as m:
        m.setattr(identity_mod, "_name_problem", lambda name: None)
        m.setattr(package_mod, "manifest_from_json", lambda document: None)
        m.setattr(package_mod, "check_payload_body", lambda item, where, version: None)
        m.setattr(status_mod, "parse_status", lambda data, key=None: None)
        m.setattr(status_mod, "LINE", TextRule("nothing", re.compile("(?!)")))
        yield


def no_raw_controls(text: str, *, body: bool = False) -> bool:
    """Nothing a terminal would act on: no control, format or separator character."""
    allowed = "\n\t" if body else "\n"  # the output's own line ends
    return all(
        ch in allowed or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") or ch in "\u200c\u200d"
        for ch in text
    )


# -- the rules themselves ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Li\u200bWei",
        f"{RLO}txt.exe",
        "a\x1bb",
        "a\x07",
        "a\nb",
        "a\tb",
        "a\u2028b",
        "soft\u00adhyphen",
        "tag\U000e0041",
        "bom\ufeff",
        "c1\x9b",
        "del\x7f",
    ],
)
def test_line_rule_refuses_every_control_format_and_separator(text: str) -> None:
    assert find_unsafe(text, LINE) is not None
    with pytest.raises(UnsafeText, match=r"U\+[0-9A-F]{4}"):
        refuse_unsafe(text, "The name")


@pytest.mark.parametrize("text", ["Li Wei", "李伟", "José Müller", "O'Brien-Smith", "עברית", "مرحبا", "👍"])
def test_line_rule_keeps_names_of_every_script(text: str) -> None:
    assert find_unsafe(text, LINE) is None and refuse_unsafe(text, "The name") == text


def test_body_and_multiline_rules() -> None:
    prose = "# Steps\n\n\tindented\r\nWindows line\nemoji 👩\u200d💻, Persian \u200c, Hebrew \u200f."
    assert find_unsafe(prose, BODY) is None
    for bad in ("\x1b[2J", "\x07", "\x0c", "\x9b", "\x00", "\x7f"):
        assert find_unsafe(f"text {bad} more", BODY) == bad[0]
    assert find_unsafe("Use inside Acme.\n\tOnly.", MULTILINE) is None
    for bad in ("\r", "\x1b", RLO, ZWSP, "\u2029"):
        assert find_unsafe(f"terms {bad}", MULTILINE) == bad


def test_the_fixed_table_covers_the_installed_unicode_database() -> None:
    """The table is fixed (two builds must agree on a signed file); it must never
    lag the Python it runs on: every Cc, Cf, Zl, Zp code point here is refused,
    and every code point refused is one of them, or unassigned in this database."""
    refused = LINE.refused
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        category = unicodedata.category(ch)
        hit = refused.match(ch) is not None
        # The isprintable fast path gives the table's answer, alone and inside text.
        assert (find_unsafe(f"a{ch}b") is not None) == hit == (not is_safe_line(ch)), f"U+{cp:04X}"
        if category in ("Cc", "Cf", "Zl", "Zp"):
            assert hit, f"U+{cp:04X} ({category}) is not in vault.text's table"
        elif hit:
            assert category == "Cn", f"U+{cp:04X} ({category}) is refused but is not a format character"


def test_for_terminal_escapes_what_a_terminal_would_act_on() -> None:
    assert for_terminal(ESCAPES) == "\\x1b[2J\\x1b]0;pwn\\x07Hacked"
    assert for_terminal(f"{RLO}gpj.exe") == "\\u202egpj.exe"
    assert for_terminal("a\x9bb\x7fc\u2028d\U000e0041") == "a\\x9bb\\x7fc\\u2028d\\U000e0041"
    assert for_terminal("line\nforged") == "line\\nforged"  # one-line text cannot forge a line
    body = "one\r\ntwo\n\tthree\rback \x1b[31mred 👩\u200d💻"
    assert for_terminal(body, body=True) == "one\ntwo\n\tthree\\rback \\x1b[31mred 👩\u200d💻"
    assert for_terminal("李伟 José") == "李伟 José"


# -- typed or entered text ---------------------------------------------------------------


def test_entries_refuse_controls_in_titles_tags_and_bodies(vault: Vault) -> None:
    store = vault.entries
    for title in (ESCAPES, f"Li{ZWSP}Wei", f"{RLO}txt"):
        with pytest.raises(UnsafeText):
            store.add("note", title, "body")
    with pytest.raises(UnsafeText):
        store.add("note", "ok", "body", tags=[f"sales{ZWSP}"])
    with pytest.raises(UnsafeText):
        store.add("note", "ok", f"before {ESCAPES}")
    entry = store.add("note", "Fine", "line one\r\n\tline two 👩\u200d💻\n")
    with pytest.raises(UnsafeText):
        store.update(entry.id, title=f"Fine{RLO}")
    assert store.get(entry.id).title == "Fine" and store.get(entry.id).version == 1


def test_names_terms_and_reasons_refuse_controls(vault: Vault) -> None:
    for name in (f"Li{ZWSP}Wei", f"Li Wei{RLO}", "Li\u2028Wei", "Li\x1bWei"):
        with pytest.raises(InvalidValue):
            check_name(name)
        with pytest.raises(InvalidValue):
            Identity.generate(name, created_at=START)
    with pytest.raises(UnsafeText):
        Terms.make(attribution=f"Li Wei {RLO}")
    with pytest.raises(UnsafeText):
        Terms.make(compensation_note="per\x1b[2J month", fee=("10", "EUR"))
    with pytest.raises(UnsafeText):
        Terms.make(text=f"Use inside Acme {ESCAPES}")
    assert Terms.make(text="Use inside Acme only.\n\tNo copies.").text.endswith("copies.")


# -- files from someone else: Malformed (exit 10) -------------------------------------------


def hostile_package(
    monkeypatch: pytest.MonkeyPatch,
    licensee: Identity,
    *,
    name: str = "Li Wei",
    title: str = "Escalate early",
    tags: tuple[str, ...] = ("support",),
    body: str = PLAIN_BODY,
    terms: Terms | None = None,
    origin: Origin | None = None,
) -> bytes:
    with unchecked(monkeypatch):
        signer = Identity.generate(name, created_at=START - DAY)
        data, _package = package_mod.build_package(
            signer,
            licensee.public,
            [LicensedEntry("entry0x", 1, "playbook", title, body, tags, origin=origin)],
            license_id="ab" * 16,
            issued_at=START,
            not_before=START,
            expires_at=START + 30 * DAY,
            terms=terms or Terms.make(),
            revocation=status_mod_revocation(),
        )
    return data


def status_mod_revocation():  # a small indirection: Revocation lives in terms
    from knowhold.vault.licensing.terms import Revocation

    return Revocation.make()


@pytest.mark.parametrize(
    "field",
    ["name", "title", "tag", "attribution", "note", "text", "body", "origin"],
)
def test_package_with_invisible_or_control_characters_is_malformed(
    monkeypatch: pytest.MonkeyPatch, other_licensee: Identity, field: str
) -> None:
    evil = {
        "name": {"name": f"Li{ZWSP}Wei"},
        "title": {"title": f"Escalate {RLO}early"},
        "tag": {"tags": (f"sup{ZWSP}port",)},
        "attribution": {"terms": Terms(frozenset({"view"}), attribution=f"Li Wei{RLO}")},
        "note": {"terms": Terms(frozenset({"view"}), compensation=Compensation(note="a\x1b[2J"))},
        "text": {"terms": Terms(frozenset({"view"}), text=f"Use {ESCAPES}")},
        "body": {"body": f"Clear {ESCAPES}"},
        "origin": {"origin": Origin(OriginKind.ORGANISATION, f"Acme{RLO} Ltd")},
    }[field]
    data = hostile_package(monkeypatch, other_licensee, **evil)
    with pytest.raises(Malformed, match="invisible or control character"):
        open_entries(parse_package(data), other_licensee)  # the payload is read by its licensee only


def test_a_clean_package_still_parses(monkeypatch: pytest.MonkeyPatch, other_licensee: Identity) -> None:
    data = hostile_package(monkeypatch, other_licensee, body="Tabs\tand\r\nnewlines are prose.\n")
    assert parse_package(data).manifest.entries[0].title == "Escalate early"


def test_card_with_a_zero_width_space_in_its_name_is_malformed(monkeypatch: pytest.MonkeyPatch) -> None:
    with unchecked(monkeypatch):
        impostor = Identity.generate(f"Li{ZWSP}Wei", created_at=START)
        card = make_card(impostor)
    with pytest.raises(Malformed, match="invisible or control character"):
        parse_card(card)


def test_impostor_card_cannot_sit_beside_the_real_contact(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, licensor: Identity
) -> None:
    contacts = Contacts(vault.db)
    contacts.add(make_card(licensor))
    with unchecked(monkeypatch):
        card = make_card(Identity.generate(f"Li{ZWSP} Wei", created_at=START))
    with pytest.raises(Malformed):
        contacts.add(card)
    assert [c.name for c in contacts.everyone()] == ["Li Wei"]


def test_status_document_with_control_characters_in_a_reason_is_malformed(
    monkeypatch: pytest.MonkeyPatch, licensor: Identity
) -> None:
    with unchecked(monkeypatch):
        data = make_status(licensor, 1, revoked=[("cd" * 16, START, f"ended {ESCAPES}")])
    with pytest.raises(Malformed, match="invisible or control character"):
        parse_status(data)
    # A reason stored before Ledger.revoke refused them still gets published, made visible.
    [item] = parse_status(make_status(licensor, 1, revoked=[("cd" * 16, START, f"ended {RLO}x")])).revoked
    assert item.reason == "ended \ufffdx"


def test_ledger_refuses_a_revocation_reason_with_controls(vault: Vault) -> None:
    from knowhold.vault.licensing.ledger import Ledger

    with pytest.raises(UnsafeText):
        Ledger(vault).revoke("ab" * 16, f"ended {ESCAPES}")


# -- import --------------------------------------------------------------------------------


def test_import_skips_notes_with_control_characters_and_says_why(vault: Vault, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "escape.md").write_text(f'---\ntitle: "{ESCAPES.encode("unicode_escape").decode()}"\n---\nx\n')
    (notes / "zwsp.md").write_text(f"---\ntags: [sales{ZWSP}]\n---\nx\n")
    (notes / "heading.md").write_text(f"---\ntitle: Reversed {RLO}title\n---\n# Fine\n\nbody\n")
    (notes / "body.md").write_text(f"# Fine\n\nclear {ESCAPES}\n")
    (notes / "good.md").write_text("# Good\n\nline\r\n\tindented\n")
    summary = markdown_import.import_markdown(vault, [notes])
    assert summary.created == 1
    reasons = dict(summary.skipped)
    assert set(reasons) == {"notes/escape.md", "notes/zwsp.md", "notes/heading.md", "notes/body.md"}
    assert set(reasons.values()) == {porting.SkipReason.CONTROL_CHARACTERS}


# -- what the command line prints ------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock) -> Cli:
    cli = Cli(tmp_path / "vault", clock)
    cli.json("init", "--name", "Li Wei")
    return cli


def test_typed_escapes_are_refused_with_one_clean_line(cli: Cli) -> None:
    err = cli.fails(2, "add", "--kind", "note", "--title", ESCAPES)
    assert "U+001B" in err and no_raw_controls(err)
    assert cli.json("list")["entries"] == []


def test_stored_escapes_are_shown_escaped_by_list_show_and_errors(cli: Cli) -> None:
    """An entry written before these checks (or by an older Knowhold) is shown, not obeyed."""
    added = cli.json("add", "--kind", "note", "--title", "placeholder", "--tag", "t")
    with Vault.open(cli.vault, PASSPHRASE, clock=cli.clock) as vault:
        vault.db.conn.execute(
            "UPDATE entries SET title = ?, body = ? WHERE id = ?",
            (ESCAPES, f"a\n{ESCAPES}\n{RLO}b", added["id"]),
        )
    for args in (("list",), ("show", added["id"]), ("search", "placeholder")):
        code, out, err = cli(*args)
        assert code == 0 and no_raw_controls(out, body=args[0] == "show"), (args, out)
    code, out, _err = cli("show", added["id"])
    assert "\\x1b[2J\\x1b]0;pwn\\x07Hacked" in out and "\\u202eb" in out and "\na\n" in out
    # JSON stays JSON, with the same text, and holds no raw C1, bidi or format character.
    code, out, _err = cli("show", added["id"], "--json")
    assert json.loads(out)["title"] == ESCAPES and no_raw_controls(out)
    # An error that quotes what was typed quotes it escaped.
    err = cli.fails(1, "show", f"zz{ESCAPES}")
    assert no_raw_controls(err)


@pytest.mark.usefixtures("fast_unlock")
def test_received_show_escapes_what_a_package_may_carry_and_refuses_the_rest(
    cli: Cli, tmp_path: Path, licensor: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body may keep format characters (prose needs them): shown escaped. Controls are refused."""
    with Vault.open(cli.vault, PASSPHRASE, clock=cli.clock) as vault:
        me = load_identity(vault.db).public
    item = entries(1)[0]
    bidi = LicensedEntry(item.id, 1, "playbook", "Title", f"line one\nrev {RLO}gpj.exe{ZWSP}", ("support",))
    pkg = tmp_path / "bidi.knowhold"
    pkg.write_bytes(make_package(licensor, me, items=[bidi]))
    lid = cli.json("received", "ingest", str(pkg), "--trust")["license_id"]
    code, out, _err = cli("received", "show", lid)
    assert code == 0 and "rev \\u202egpj.exe\\u200b" in out and no_raw_controls(out, body=True)
    assert "\nline one\n" in out  # the body keeps its lines

    hostile = LicensedEntry(item.id, 1, "playbook", "Title", f"body {ESCAPES}", ("support",))
    with unchecked(monkeypatch):
        data = make_package(licensor, me, items=[hostile])
    pkg.write_bytes(data)
    err = cli.fails(10, "received", "ingest", str(pkg), "--trust")
    assert "invisible or control character" in err and no_raw_controls(err)


def test_json_output_escapes_c1_bidi_and_format_characters(tmp_path: Path) -> None:
    data = {"title": f"a\x9bb{RLO}c{ZWSP}d\u2028e\x7f", "emoji": "👩\u200d💻"}
    out = io.StringIO()
    emit(Result(data, ["x"]), as_json=True, out=out)
    assert json.loads(out.getvalue()) == data
    assert all(ch not in out.getvalue() for ch in "\x9b\u202e\u200b\u2028\x7f")


# -- strict times ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2026-01-01T00:00:00Z\n", "٢٠٢٦-01-01T00:00:00Z", "2026-01-01T00:00:0０Z", "2026-01-01T00:00:00Z\n\n"],
)
def test_strict_time_is_ascii_and_whole(text: str) -> None:
    with pytest.raises(InvalidValue):
        parse_strict_time(text)
    assert parse_strict_time("2026-01-01T00:00:00Z") == 1767225600


# -- the core says what happened; the command line says what to type ------------------------


def _string_constants_outside_docstrings(tree: ast.AST) -> Iterator[ast.Constant]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def test_core_messages_give_no_command_line_advice() -> None:
    """Finds new modules by itself: no string in vault/ outside vault/cli names a command."""
    offenders = [
        f"{path.relative_to(VAULT_SRC)}:{node.lineno}"
        for path in sorted(VAULT_SRC.rglob("*.py"))
        if "cli" not in path.relative_to(VAULT_SRC).parts
        for node in _string_constants_outside_docstrings(ast.parse(path.read_text(encoding="utf-8")))
        if "knowhold " in node.value and "`" in node.value
    ]
    assert offenders == []


def test_the_command_line_adds_the_hint_the_core_left_out(tmp_path: Path, clock: FakeClock) -> None:
    assert "knowhold" not in str(NoVault())
    err = Cli(tmp_path / "none", clock).fails(1, "list")
    assert "knowhold init" in err


# -- file names an agent's tools will open on Windows ------------------------------------------


def test_skill_reference_files_never_use_windows_device_names(
    library: Library, employer: Vault, licensor: Identity, tmp_path: Path
) -> None:
    ids = ("con", "nul", "com1", "lpt9", "aux", "prn", "console", "nul-x")
    items = [LicensedEntry(i, 1, "playbook", f"Entry {i}", "body", ()) for i in ids]
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), items=items)).license_id
    folder = export_skill(library, lid, tmp_path / "skills")
    names = sorted(p.name for p in (folder / "references").iterdir())
    assert len(names) == len(ids)
    assert not [n for n in names if reserved_on_windows(n)], names
    assert {"console.md", "nul-x.md"} <= set(names)  # ordinary ids keep their own name
    validate_skill(folder)
    for stem in ("CON", "con", "Nul.md", "com1.txt.md", "LPT9", "aux."):
        assert reserved_on_windows(stem)
    assert not reserved_on_windows("console.md") and not reserved_on_windows("com10")


# -- one table of kind labels ------------------------------------------------------------------


def test_kind_labels_are_one_core_table_that_the_app_translates() -> None:
    """The app's labels come from the core's table; its lupdate markers are that
    table's values exactly (QtCore only: no application is created)."""
    from knowhold.ui import labels
    from knowhold.vault.knowledge.templates import KIND_LABELS
    from knowhold.vault.store.schema import KINDS

    assert list(KIND_LABELS) == list(KINDS)
    assert sorted(labels.MARKED_FOR_TRANSLATION) == sorted(KIND_LABELS.values())
    assert labels.kind_label("edge-case") == KIND_LABELS["edge-case"] and labels.kind_label("x") == "x"


@pytest.mark.parametrize(
    "error, words",
    [
        (
            NoVault("No vault at /x."),
            "No vault at /x. Create one with `knowhold init` (or try `knowhold demo`).",
        ),
        (NoContact("No contact named 'Bob'."), "Add their card with `knowhold contacts add FILE`."),
        (StatusStale(), "Run `knowhold received refresh` to fetch one."),
        (PrivateRefused(), "(`knowhold edit ID --not-private`)"),
        (SensitiveRefused(entry_ids=("aaaa", "bbbb")), "Review them with `knowhold scan aaaa bbbb`, or use"),
        (SensitiveRefused(entry_ids=tuple("abcdef")), "Review them with `knowhold scan`, or use"),
        (Malformed(f"Field title: {ESCAPES}"), "Field title: \\x1b[2J\\x1b]0;pwn\\x07Hacked"),
    ],
)
def test_error_lines_add_the_command_and_escape_the_rest(error: Exception, words: str) -> None:
    assert isinstance(error, KnowholdError)
    line = error_line(error)
    assert words in line and "\n" not in line and no_raw_controls(line)


def test_tables_pad_by_terminal_columns() -> None:
    """A Chinese name takes two columns a character: padded by len, the next column slips."""
    assert display_width("李伟 Li") == 7 and display_width("e\u0301") == 1 and display_width("") == 0
    assert pad("李伟", 6) == "李伟  " and pad("too long", 3) == "too long"
