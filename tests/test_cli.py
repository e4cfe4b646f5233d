"""The command line as a script uses it: exit codes, JSON shapes, one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.cli import main
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock


class Cli:
    def __init__(self, vault: Path, clock: FakeClock) -> None:
        self.vault = vault
        self.clock = clock
        self.env = {"KNOWHOLD_VAULT": str(vault), "KNOWHOLD_PASSPHRASE": PASSPHRASE}

    def __call__(self, *args: str, stdin: str = "", env: dict | None = None, app=None):
        out, err = io.StringIO(), io.StringIO()
        code = main(
            list(args),
            environ={**self.env, **(env or {})},
            stdin=io.StringIO(stdin),
            stdout=out,
            stderr=err,
            clock=self.clock,
            kdf=FAST_KDF,
            open_app=app,
        )
        return code, out.getvalue(), err.getvalue()

    def json(self, *args: str, stdin: str = "", env: dict | None = None):
        code, out, err = self(*args, "--json", stdin=stdin, env=env)
        assert code == 0, err
        assert err == ""
        return json.loads(out)

    def fails(self, expected: int, *args: str, stdin: str = "", env: dict | None = None) -> str:
        code, out, err = self(*args, stdin=stdin, env=env)
        assert code == expected, (code, out, err)
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("knowhold: "), err
        assert "Traceback" not in err
        return err


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock) -> Cli:
    return Cli(tmp_path / "vault", clock)


@pytest.fixture
def ready(cli: Cli) -> Cli:
    cli.json("init", "--name", "Li Wei")
    return cli


def test_init_prints_recovery_code_once(cli: Cli) -> None:
    doc = cli.json("init", "--name", "Li Wei")
    assert len(doc["recovery_code"].split("-")) == 8
    with Vault.open_with_recovery_code(cli.vault, doc["recovery_code"], clock=cli.clock):
        pass
    assert doc["recovery_code"] not in (cli.vault / "vault.key").read_text()
    err = cli.fails(1, "init")
    assert "already exists" in err


def test_init_refuses_short_passphrase(cli: Cli) -> None:
    cli.fails(2, "init", env={"KNOWHOLD_PASSPHRASE": "short"})
    assert not cli.vault.exists() or not (cli.vault / "vault.key").exists()


def test_add_show_edit_history_roundtrip(ready: Cli) -> None:
    added = ready.json(
        "add",
        "--kind",
        "heuristic",
        "--title",
        "Escalate early",
        "--tag",
        "support",
        stdin="When a customer mentions 复盘, escalate.\n",
    )
    entry_id = added["id"]
    shown = ready.json("show", entry_id)
    for key in ("id", "kind", "title", "body", "tags", "private", "version"):
        assert key in shown
    assert shown["body"] == "When a customer mentions 复盘, escalate.\n"
    assert shown["tags"] == ["support"] and shown["private"] is False and shown["version"] == 1

    ready.clock.advance(60)
    edited = ready.json(
        "edit", entry_id, "--title", "Escalate early, always", "--tag", "support", "--tag", "sla"
    )
    assert edited["version"] == 2 and edited["changed"] is True
    history = ready.json("history", entry_id)
    assert [v["version"] for v in history["versions"]] == [2, 1]
    assert ready.json("show", entry_id, "--version", "1")["title"] == "Escalate early"
    assert ready.json("revert", entry_id, "--version", "1")["version"] == 3


def test_add_from_file_and_private(ready: Cli, tmp_path: Path) -> None:
    body = tmp_path / "body.md"
    body.write_text("﻿From a file with BOM", encoding="utf-8")
    entry_id = ready.json("add", "--kind", "note", "--title", "Mine", "--private", "--file", str(body))["id"]
    shown = ready.json("show", entry_id)
    assert shown["body"] == "From a file with BOM" and shown["private"] is True


def test_list_shape_filters_and_trash(ready: Cli) -> None:
    ids = [
        ready.json("add", "--kind", k, "--title", f"T{i}", "--tag", "x" if i else "y")["id"]
        for i, k in enumerate(["note", "heuristic", "note"])
    ]
    listed = ready.json("list")
    assert listed["total"] == 3 and len(listed["entries"]) == 3
    assert set(listed["entries"][0]) >= {"id", "title", "kind", "tags"}
    assert ready.json("list", "--limit", "1")["total"] == 3
    assert len(ready.json("list", "--limit", "1")["entries"]) == 1
    assert ready.json("list", "--kind", "note")["total"] == 2
    assert ready.json("list", "--tag", "y")["total"] == 1

    ready.json("rm", ids[0])
    assert ready.json("list")["total"] == 2
    assert [e["id"] for e in ready.json("list", "--trash")["entries"]] == [ids[0]]
    ready.json("restore", ids[0])
    assert ready.json("list")["total"] == 3
    ready.json("rm", ids[1])
    assert ready.json("empty-trash") == {"deleted": 1}
    ready.fails(1, "show", ids[1])


def test_json_flag_after_command(ready: Cli) -> None:
    code, out, _ = ready("list", "--json")
    assert code == 0 and json.loads(out)["total"] == 0


def test_search_shape(ready: Cli) -> None:
    ready.json(
        "add", "--kind", "playbook", "--title", "周五复盘", stdin="我们每周五做一次复盘会议，回顾本周的问题。"
    )
    ready.json("add", "--kind", "note", "--title", "Unrelated", stdin="Nothing here.")
    hits = ready.json("search", "复盘")["hits"]
    assert len(hits) == 1
    assert set(hits[0]) >= {"id", "title", "snippet"}
    assert "复盘" in hits[0]["snippet"]
    assert hits[0]["title_highlights"] == [[2, 4]]  # 周五复盘: where the title holds the word
    assert ready.json("search", "zwfp")["hits"][0]["title_highlights"] == [[0, 4]]  # by its pinyin initials
    assert ready.json("search", "nothing-matches-this")["hits"] == []


def test_scan_shape(ready: Cli) -> None:
    clean = ready.json("add", "--kind", "note", "--title", "Clean", stdin="Just prose.")["id"]
    dirty = ready.json(
        "add", "--kind", "note", "--title", "Dirty", stdin="Call 13812345678 or mail li.wei@example.com"
    )["id"]
    assert ready.json("scan", clean) == {"findings": []}
    titled = ready.json("add", "--kind", "note", "--title", "Ask ops@example.com", stdin="ok")["id"]
    in_title = ready.json("scan", titled)["findings"]
    assert [(f["field"], f["kind"]) for f in in_title] == [("title", "email")]
    ready.json("rm", titled)
    findings = ready.json("scan")["findings"]
    assert {f["kind"] for f in findings} == {"phone", "email"}
    assert all(f["entry"] == dirty for f in findings)
    assert all({"entry", "kind", "start", "end"} <= set(f) for f in findings)
    # The scan reports where, not the secret itself.
    assert "13812345678" not in json.dumps(findings)


def test_scan_reads_attachment_names(ready: Cli) -> None:
    # The signed manifest shows each attached file's name: scan screens it as the review does.
    clean = ready.json("add", "--kind", "note", "--title", "Clean", stdin="Just prose.")["id"]
    dirty = ready.json("add", "--kind", "note", "--title", "Screenshot", stdin="See the picture.")["id"]
    picture = b"\x89PNG\r\n\x1a\n" + bytes(16)
    with Vault.open(ready.vault, PASSPHRASE, clock=ready.clock) as vault:
        vault.attachments.add(clean, "diagram.png", picture)
        vault.attachments.add(dirty, "a-plan.png", picture)
        vault.attachments.add(dirty, "li.wei@example.com.png", picture)
    assert ready.json("scan", clean) == {"findings": []}
    code, out, err = ready("scan", clean)
    assert (code, err) == (0, "") and out.strip() == "No sensitive data found."
    [found] = ready.json("scan")["findings"]
    assert found == {
        "entry": dirty,
        "title": "Screenshot",
        "field": "file",
        "index": 1,  # the second attachment, in name order as the manifest lists them
        "kind": "email",
        "start": 0,
        "end": found["end"],
        "detail": found["detail"],
        "masked": found["masked"],
    }
    assert found["end"] >= len("li.wei@example.com") and "li.wei" not in found["masked"]
    code, out, err = ready("scan", dirty)  # a finding is no failure: the exit code stays 0
    assert (code, err) == (0, "")
    assert out.split()[:3] == [dirty, "file", "email"] and "example.com" not in out
    ready.fails(1, "scan", "zzzzzzzzzz")


def test_passphrase_change_and_recover(cli: Cli) -> None:
    code = cli.json("init")["recovery_code"]
    cli.json("passphrase", env={"KNOWHOLD_NEW_PASSPHRASE": "second passphrase"})
    cli.fails(1, "list")  # old passphrase no longer works
    assert cli.json("list", env={"KNOWHOLD_PASSPHRASE": "second passphrase"})["total"] == 0
    cli.json("recover", env={"KNOWHOLD_RECOVERY_CODE": code, "KNOWHOLD_NEW_PASSPHRASE": "third passphrase"})
    assert cli.json("list", env={"KNOWHOLD_PASSPHRASE": "third passphrase"})["total"] == 0
    cli.fails(
        1,
        "recover",
        env={
            "KNOWHOLD_RECOVERY_CODE": "0000-0000-0000-0000-0000-0000-0000-0000",
            "KNOWHOLD_NEW_PASSPHRASE": "fourth passphrase",
        },
    )


def test_passphrase_file(ready: Cli, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    env = {"KNOWHOLD_PASSPHRASE": "wrong one"}
    assert ready.json("list", "--passphrase-file", str(secret), env=env)["total"] == 0


def test_no_passphrase_argument_exists(ready: Cli) -> None:
    err = ready.fails(2, "list", "--passphrase", PASSPHRASE)
    assert PASSPHRASE not in err


def test_import_export_backup_restore(ready: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (notes / "sub").mkdir(parents=True)
    (notes / "a.md").write_text("---\ntags: [x]\nkind: heuristic\n---\n# Rule A\nBody #复盘\n")
    (notes / "sub" / "b.md").write_text("Plain note")
    (notes / "pic.png").write_bytes(b"\x89PNG\x00\x00")
    first = ready.json("import", str(notes))
    assert first["created"] == 2
    assert ready.json("import", str(notes))["created"] == 0
    out = tmp_path / "export"
    assert ready.json("export", "--out", str(out))["written"] == 2
    assert len(list(out.rglob("*.md"))) == 2

    backup_file = tmp_path / "vault.backup"
    assert ready.json("backup", "--out", str(backup_file))["bytes"] > 0
    restored = Cli(tmp_path / "restored", ready.clock)
    doc = restored.json("restore", str(backup_file))
    assert doc["entries"] == 2
    assert restored.json("list")["total"] == 2


def test_demo_is_created_once(cli: Cli) -> None:
    first = cli.json("demo", "--vault", str(cli.vault))
    assert first["created"] is True and first["passphrase"]
    second = cli.json("demo", "--vault", str(cli.vault))
    assert second["created"] is False
    env = {"KNOWHOLD_PASSPHRASE": first["passphrase"]}
    entries = cli.json("list", env=env)["entries"]
    assert {e["kind"] for e in entries} == {
        "playbook",
        "heuristic",
        "decision",
        "checklist",
        "edge-case",
        "template",
        "note",
    }


def test_demo_open_calls_the_app_after_printing(cli: Cli) -> None:
    opened = []
    code, out, _ = cli(
        "demo", "--vault", str(cli.vault), "--open", app=lambda p, pw: opened.append((p, pw)) or 0
    )
    assert code == 0 and "passphrase" in out
    assert opened and opened[0][0] == cli.vault


def test_no_command_opens_the_app(cli: Cli) -> None:
    opened = []
    code, _, _ = cli(app=lambda p, pw: opened.append((p, pw)) or 0)
    assert code == 0 and opened == [(cli.vault, None)]


@pytest.mark.parametrize(
    "args, code, words",
    [
        (("list",), 1, "knowhold init"),  # no vault: say how to create one
        (("frobnicate",), 2, "invalid choice"),  # unknown command
        (("add", "--kind", "essay", "--title", "x"), 2, "invalid choice"),
        (("list", "--limit", "-3"), 2, "negative"),
        (("list", "--limit", "many"), 2, "whole number"),
    ],
)
def test_errors_without_vault(cli: Cli, args, code, words) -> None:
    assert words in cli.fails(code, *args)


def test_errors_with_vault(ready: Cli) -> None:
    assert "Wrong passphrase" in ready.fails(1, "list", env={"KNOWHOLD_PASSPHRASE": "nope nope"})
    assert "No entry" in ready.fails(1, "show", "zzzzzzzzzz")
    assert "No entry" in ready.fails(1, "rm", "zzzzzzzzzz")
    assert "title" in ready.fails(2, "add", "--kind", "note", "--title", "   ")
    assert "Nothing to change" in ready.fails(2, "edit", "abcd")
    assert "No such file" in ready.fails(2, "add", "--kind", "note", "--title", "x", "--file", "/no/such")
    assert ready.json("list")["total"] == 0  # nothing stored by any of these


def test_vault_in_use_is_a_lock_not_corruption(ready: Cli) -> None:
    with Vault.open(ready.vault, PASSPHRASE, clock=ready.clock):
        err = ready.fails(1, "list")
    assert "in another" in err and "damaged" not in err


def test_no_passphrase_non_interactive(ready: Cli) -> None:
    err = ready.fails(1, "list", env={"KNOWHOLD_PASSPHRASE": ""})
    assert "Wrong passphrase" in err  # an empty passphrase is a wrong one
    env = {k: v for k, v in ready.env.items() if k != "KNOWHOLD_PASSPHRASE"}
    out, errs = io.StringIO(), io.StringIO()
    code = main(
        ["list"], environ=env, stdin=io.StringIO(""), stdout=out, stderr=errs, clock=ready.clock, kdf=FAST_KDF
    )
    assert code == 2 and "KNOWHOLD_PASSPHRASE" in errs.getvalue()


def test_real_process_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, as a script calls it."""
    env = {
        "KNOWHOLD_VAULT": str(tmp_path / "none"),
        "KNOWHOLD_PASSPHRASE": PASSPHRASE,
        "PATH": "/usr/bin:/bin",
    }
    run = subprocess.run(
        [sys.executable, "-m", "knowhold.ui.launcher", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("knowhold: No vault") and "Traceback" not in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "knowhold.ui.launcher", "--bogus"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert run.returncode == 2 and run.stderr.count("\n") == 1


def test_a_vault_held_by_the_app_names_the_fix(created, vault_path: Path, clock: FakeClock) -> None:
    # ``created`` keeps the vault open, as the desktop app does until it is locked.
    err = Cli(vault_path, clock).fails(1, "list")
    assert "open in another Knowhold window" in err
    assert "lock it (Ctrl+L) or close it first" in err
