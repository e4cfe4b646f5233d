"""``received usage-report`` and ``usage import`` as scripts use them, with the usage that ``license
show`` and ``license list`` gain: JSON keys, exit codes, one-line errors, nothing stored when refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Contacts, load_identity, make_card
from knowhold.vault.licensing.usage import day_of, parse_report
from knowhold.vault.timefmt import format_time
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock
from tests.licensing_kit import DAY, flipped
from tests.test_cli import Cli


@pytest.fixture
def parties(tmp_path: Path, clock: FakeClock) -> tuple[Cli, Cli, str, list[str]]:
    """The worker and the employer, each with a vault, and a license from one to the other, ingested."""
    with Vault.create(tmp_path / "worker", PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault as w:
        with Vault.create(
            tmp_path / "employer", PASSPHRASE, clock=clock, name="Acme Support", kdf=FAST_KDF
        ).vault as e:
            Contacts(w.db).add(make_card(load_identity(e.db)), verified=True)
            Contacts(e.db).add(make_card(load_identity(w.db)), verified=True)
        ids = [w.entries.add("playbook", f"Escalate {i}", f"After {i} hours.", []).id for i in (1, 2)]
    worker, employer = Cli(tmp_path / "worker", clock), Cli(tmp_path / "employer", clock)
    pkg = tmp_path / "acme.knowhold"
    issued = worker.json(
        "license", "issue", "--to", "Acme Support", "--expires", "90d", "--entry", *ids, "--out", str(pkg)
    )
    employer.json("received", "ingest", str(pkg))
    return worker, employer, issued["license_id"], ids


def test_report_import_and_show(
    parties: tuple[Cli, Cli, str, list[str]], clock: FakeClock, tmp_path: Path
) -> None:
    worker, employer, lid, ids = parties
    clock.advance(60)
    employer.json("received", "show", lid, ids[0])
    employer.json("received", "show", lid)
    clock.advance(DAY)
    out = tmp_path / "usage.txt"
    made = employer.json("received", "usage-report", lid[:8], "--out", str(out))
    assert made == {
        "license_id": lid,
        "out": str(out),
        "sequence": made["sequence"],
        "since": made["since"],
        "until": made["until"],
        "rows": 2,
        "returned": 0,
        "read": 3,
    }
    taken = worker.json("usage", "import", str(out))
    assert taken["license_id"] == lid and taken["licensee"] == "Acme Support"
    assert (taken["already"], taken["read"], taken["returned"]) == (False, 3, 0)
    assert worker.json("usage", "import", str(out))["already"] is True

    usage = worker.json("license", "show", lid)["usage"]
    assert usage["reports"] == 1 and usage["read"] == 3
    assert usage["channels"]["app"] == {"returned": 0, "read": 3}
    assert usage["entries"] == [
        {"entry_id": ids[0], "returned": 0, "read": 2},
        {"entry_id": ids[1], "returned": 0, "read": 1},
    ]
    assert [m["read"] for m in usage["months"]] == [3]
    listed = worker.json("license", "list")["licenses"][0]
    assert listed["usage"] == usage
    code, text, _err = worker("license", "show", lid)
    assert code == 0 and f"  {ids[0]}  returned 0, read 2" in text

    # The next report starts where this one ended; --since reaches back, and the worker refuses
    # the overlap: use would be counted twice.
    clock.advance(DAY)
    again = employer.json("received", "usage-report", lid, "--out", str(out))
    assert again["since"] == made["until"] and again["rows"] == 0
    back = tmp_path / "back.txt"
    employer.json("received", "usage-report", lid, "--out", str(back), "--since", "2020-01-01")
    assert "counted twice" in worker.fails(10, "usage", "import", str(back))


def test_refused_reports_change_nothing(
    parties: tuple[Cli, Cli, str, list[str]], clock: FakeClock, tmp_path: Path
) -> None:
    worker, employer, lid, _ids = parties
    employer.json("received", "show", lid)
    clock.advance(DAY)
    out = tmp_path / "usage.txt"
    employer.json("received", "usage-report", lid, "--out", str(out))
    data = out.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(flipped(data, data.index(b'"read":1') + 7))
    worker.fails(10, "usage", "import", str(bad))
    bad.write_bytes(data.replace(b"\n", b"\r\n"))
    assert "CRLF" in worker.fails(10, "usage", "import", str(bad))
    worker.fails(2, "usage", "import", str(tmp_path / "missing.txt"))
    # The employer's own vault has no such license in a ledger: not for it.
    assert "not this vault's" in employer.fails(1, "usage", "import", str(out))
    assert worker.json("license", "show", lid)["usage"]["reports"] == 0
    # The employer refuses to write over a file that is not a usage report.
    keep = tmp_path / "notes.txt"
    keep.write_text("mine")
    employer.fails(2, "received", "usage-report", lid, "--out", str(keep))
    assert keep.read_text() == "mine"


def test_terms_can_ask_for_monthly_reports(
    parties: tuple[Cli, Cli, str, list[str]], clock: FakeClock, tmp_path: Path
) -> None:
    worker, employer, _lid, ids = parties
    pkg = tmp_path / "asks.knowhold"
    args = [
        "license",
        "issue",
        "--to",
        "Acme Support",
        "--expires",
        "90d",
        "--entry",
        ids[0],
        "--out",
        str(pkg),
    ]
    issued = worker.json(*args, "--usage-report", "monthly")
    assert worker.json("license", "show", issued["license_id"])["terms"]["usage_report"] == "monthly"
    code, text, _err = employer("received", "ingest", str(pkg))
    assert code == 0 and "Usage reports: monthly" in text
    lid = issued["license_id"]
    clock.advance(40 * DAY)
    assert worker.json("license", "show", lid)["usage"]["overdue"] is True
    assert "A usage report is overdue" in worker("license", "show", lid)[1]
    out = tmp_path / "usage.txt"
    employer.json("received", "usage-report", lid, "--out", str(out))
    worker.json("usage", "import", str(out))
    assert worker.json("license", "show", lid)["usage"]["overdue"] is False
    worker.fails(2, *args, "--usage-report", "weekly")


def test_until_ends_a_report_and_the_next_one_starts_there(
    parties: tuple[Cli, Cli, str, list[str]], clock: FakeClock, tmp_path: Path
) -> None:
    worker, employer, lid, ids = parties
    clock.advance(60)
    employer.json("received", "show", lid, ids[0])
    clock.advance(DAY)
    cut = clock.now
    employer.json("received", "show", lid, ids[1])  # at the end itself: not in [since, until)
    clock.advance(DAY)
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    made = employer.json("received", "usage-report", lid, "--out", str(first), "--until", format_time(cut))
    assert made["until"] == format_time(cut) and (made["rows"], made["read"]) == (1, 1)
    report = parse_report(first.read_bytes())
    assert report.until == cut and [(r.entry_id, r.day) for r in report.rows] == [(ids[0], day_of(cut - DAY))]
    # Without --until the next report runs from there to now, and the two tile time.
    after = employer.json("received", "usage-report", lid, "--out", str(second))
    assert (after["since"], after["until"]) == (format_time(cut), format_time(clock.now))
    assert [(r.entry_id, r.read) for r in parse_report(second.read_bytes()).rows] == [(ids[1], 1)]
    worker.json("usage", "import", str(first))
    worker.json("usage", "import", str(second))  # the worker refuses any overlap: there is none
    assert worker.json("license", "show", lid)["usage"]["read"] == 2


def test_an_until_before_since_or_in_the_future_is_refused_with_nothing_written(
    parties: tuple[Cli, Cli, str, list[str]], clock: FakeClock, tmp_path: Path
) -> None:
    _worker, employer, lid, ids = parties
    start = clock.now  # the license's ingest: where the first report starts
    employer.json("received", "show", lid, ids[0])
    clock.advance(DAY)
    out = tmp_path / "usage.txt"
    report = ["received", "usage-report", lid, "--out", str(out)]
    refused = [
        ["--since", format_time(start + 60), "--until", format_time(start)],
        ["--since", format_time(start + 60), "--until", str(start + 60)],  # an empty period
        ["--until", format_time(start)],  # at the start the last report (none: the ingest) left
        ["--until", format_time(clock.now + 1)],
        ["--until", "1d"],  # a duration from now, as --since reads it
    ]
    for args in refused:
        assert "period" in employer.fails(2, *report, *args)
        assert not out.exists()
    employer.fails(2, *report, "--until", "next week")
    made = employer.json(*report, "--until", str(clock.now))  # now itself, as seconds
    assert (made["since"], made["until"], made["read"]) == (format_time(start), format_time(clock.now), 1)
