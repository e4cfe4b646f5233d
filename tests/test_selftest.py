"""``knowhold self-test``: every step passes on a working install, and a broken piece fails its step.

The breakages are made in the core the self-test calls (a revocation that
destroys nothing, a library that cannot load), so these tests show the
self-test would catch them in a frozen build, not only that it runs.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from knowhold.vault import Vault, selftest
from knowhold.vault.cli import main
from knowhold.vault.knowledge.search import Search
from knowhold.vault.licensing import enforcement
from knowhold.vault.selftest import EXIT_FAILED, STEPS, run_self_test
from tests.conftest import FakeClock


def _cli(*args: str, clock: FakeClock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["self-test", *args], environ={}, stdout=out, stderr=err, clock=clock)
    return code, out.getvalue(), err.getvalue()


def test_every_step_passes_in_order(tmp_path: Path, clock: FakeClock) -> None:
    report = run_self_test(tmp_path, clock=clock)
    assert [(s.name, s.ok) for s in report.steps] == [(name, True) for name, _ in STEPS]
    assert report.passed
    # Both languages are written and searched, and the chain is checked on both sides.
    assert "'投诉' finds the Chinese entry" in [s.detail for s in report.steps]
    assert report.steps[-1].detail == "both hash chains are intact (3 and 4 records)"


def test_the_command_prints_one_line_per_step_and_exits_zero(clock: FakeClock) -> None:
    code, out, err = _cli(clock=clock)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(STEPS) + 1
    assert all(line.startswith("ok  ") for line in lines[:-1])
    assert lines[-1] == "Self-test passed."


def test_the_json_report_names_every_step(clock: FakeClock) -> None:
    code, out, err = _cli("--json", clock=clock)
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc["passed"] is True
    assert [s["name"] for s in doc["steps"]] == [name for name, _ in STEPS]
    assert set(doc["steps"][0]) == {"name", "ok", "detail", "seconds"}


def test_a_revocation_that_destroys_nothing_fails_its_step(
    monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    monkeypatch.setattr(enforcement.Enforcer, "destroy", lambda *args, **kwargs: None)
    code, out, err = _cli(clock=clock)
    assert code == EXIT_FAILED
    lines = out.splitlines()
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 1 and "content destroyed" in failed[0]
    assert "the content is still there" in failed[0]
    # The steps after it need what it checks: skipped, never run and never "ok".
    assert lines[-2].startswith(" --   audit chain") and "skipped" in lines[-2]
    assert lines[-1] == "Self-test FAILED."
    assert err.count("\n") == 1 and err.startswith("knowhold: self-test failed at content destroyed: "), err


def test_a_library_error_is_a_failed_step_with_its_type_never_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    def missing(*args: object) -> bytes:
        raise ImportError("No module named 'cryptography.hazmat.bindings._rust'\n(frozen build)")

    monkeypatch.setattr(selftest, "make_card", missing)
    report = run_self_test(tmp_path, clock=clock)
    assert not report.passed
    outcome = {s.name: (s.ok, s.detail) for s in report.steps}
    assert outcome["search Chinese"][0] is True
    # One line: the type and the message, line breaks folded.
    assert outcome["exchange cards"] == (
        False,
        "ImportError: No module named 'cryptography.hazmat.bindings._rust' (frozen build)",
    )
    after = [name for name, _ in STEPS][[name for name, _ in STEPS].index("exchange cards") + 1 :]
    assert after and all(outcome[name][0] is None for name in after)


def test_the_vaults_are_closed_after_a_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    monkeypatch.setattr(Search, "search", lambda *args, **kwargs: [])
    report = run_self_test(tmp_path, clock=clock)
    assert [(s.ok, s.detail) for s in report.steps[1:3]] == [
        (True, "wrote an English and a Chinese entry and read them back"),
        (False, "searching 'escalate' found 0 entries, not 1"),
    ]
    # Closed vaults release their locks: the folder can be opened again at once.
    for name in ("li", "acme"):
        with Vault.open(tmp_path / name, selftest.PASSPHRASE, clock=clock) as vault:
            assert vault.is_open
