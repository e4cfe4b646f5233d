"""The ledger's lines and its totals: what each license pays, when, per licensee and per month."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import VaultCorrupt
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.ledger_summary import (
    Amount,
    LedgerLine,
    ManifestMemo,
    Signed,
    due_moments,
    ledger_lines,
    summarise,
)
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import START, FakeClock
from tests.licensing_kit import DAY


def at(text: str) -> int:
    """``2026-01-15`` or ``2026-01-15T10:00`` in UTC, as Unix seconds."""
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def month_of(moment: int, tz: timezone = UTC) -> str:
    return datetime.fromtimestamp(moment, tz).strftime("%Y-%m")


def line(
    start: str,
    end: str,
    amount: str | None = "100.00",
    period: str | None = "month",
    *,
    currency: str = "EUR",
    licensee: str = "Acme",
    revoked: str | None = None,
    license_id: str = "a" * 32,
) -> LedgerLine:
    value = None if amount is None else Decimal(amount)
    return LedgerLine(
        license_id=license_id,
        licensee=licensee,
        issued_at=at(start),
        not_before=at(start),
        expires_at=at(end),
        revoked_at=None if revoked is None else at(revoked),
        accepted_at=None,
        signed=Signed(1, value, None if value is None else currency, period, None, None),
    )


# -- when compensation falls due ---------------------------------------------------------


def test_once_is_due_at_the_start_only() -> None:
    assert list(due_moments(line("2026-01-15", "2027-06-01", period="once"), UTC)) == [at("2026-01-15")]


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2026-01-15", "2026-03-15", ["2026-01", "2026-02", "2026-03"]),  # each month it runs in
        ("2026-01-01", "2026-03-01", ["2026-01", "2026-02"]),  # it stops as March begins
        ("2026-01-01", "2026-03-01T00:00:01", ["2026-01", "2026-02", "2026-03"]),
        ("2026-01-20", "2026-01-25", ["2026-01"]),  # a few days: one month
        ("2026-11-10", "2027-02-10", ["2026-11", "2026-12", "2027-01", "2027-02"]),  # across a year
    ],
)
def test_per_month_is_due_in_each_calendar_month_the_license_runs(
    start: str, end: str, months: list[str]
) -> None:
    moments = list(due_moments(line(start, end), UTC))
    assert [month_of(m) for m in moments] == months
    assert moments[0] == at(start)
    assert all(datetime.fromtimestamp(m, UTC).day == 1 for m in moments[1:])  # each month's first instant


def test_per_year_is_due_at_the_start_and_each_anniversary() -> None:
    moments = list(due_moments(line("2024-02-29T09:30", "2027-02-01", period="year"), UTC))
    # 29 February falls on 28 February in other years, at the same time of day.
    assert moments == [at("2024-02-29T09:30"), at("2025-02-28T09:30"), at("2026-02-28T09:30")]
    assert len(list(due_moments(line("2026-05-01", "2027-05-01", period="year"), UTC))) == 1


def test_revocation_stops_the_run_and_one_before_the_start_owes_nothing() -> None:
    revoked = line("2026-01-15", "2026-12-15", revoked="2026-03-02")
    assert [month_of(m) for m in due_moments(revoked, UTC)] == ["2026-01", "2026-02", "2026-03"]
    assert list(due_moments(line("2026-04-01", "2026-12-01", revoked="2026-03-30"), UTC)) == []
    assert list(due_moments(line("2026-04-01", "2026-12-01", revoked="2026-04-01"), UTC)) == []
    assert list(due_moments(line("2026-04-01", "2026-12-01", amount=None, period=None), UTC)) == []


def test_months_are_those_of_the_time_zone_given() -> None:
    # Midnight on 1 March in Beijing is still February in UTC.
    beijing = timezone(timedelta(hours=8))
    start = int(datetime(2026, 3, 1, tzinfo=beijing).timestamp())
    paid = LedgerLine(
        "b" * 32, "Acme", start, start, start + 40 * DAY, None, None, line("2026-01-01", "2026-02-01").signed
    )
    assert [month_of(m, beijing) for m in due_moments(paid, beijing)] == ["2026-03", "2026-04"]
    assert [month_of(m) for m in due_moments(paid, UTC)] == ["2026-02", "2026-03", "2026-04"]


# -- totals ------------------------------------------------------------------------------


def test_totals_per_licensee_and_month_never_mix_currencies() -> None:
    lines = [
        line("2026-01-10", "2026-03-10", "1200.10", license_id="1" * 32, licensee="Acme"),  # Jan Feb Mar
        line(
            "2026-02-05", "2026-02-20", "300.20", "once", currency="CNY", license_id="2" * 32, licensee="Acme"
        ),
        line(
            "2026-02-01",
            "2027-02-01",
            "0.10",
            "year",
            currency="CNY",
            license_id="3" * 32,
            licensee="星辰科技",
        ),
        line("2026-01-01", "2026-06-01", None, None, license_id="4" * 32, licensee="acme"),  # unpaid
        line(
            "2026-01-01",
            "2026-12-01",
            "99.99",
            revoked="2026-01-31",
            license_id="5" * 32,
            licensee="星辰科技",
        ),
    ]
    summary = summarise(lines, at("2026-02-25"), UTC)

    assert [(t.licensee, t.licenses, t.in_force) for t in summary.licensees] == [
        ("Acme", 2, 1),  # the one-off ended on 20 February
        ("acme", 1, 1),  # names are the contacts' own: never merged by case
        ("星辰科技", 2, 1),
    ]
    acme, unpaid, xingchen = summary.licensees
    assert acme.amounts == (Amount("CNY", Decimal("300.20")), Amount("EUR", Decimal("3600.30")))
    assert unpaid.amounts == ()
    assert xingchen.amounts == (Amount("CNY", Decimal("0.10")), Amount("EUR", Decimal("99.99")))

    months = {(m.year, m.month): m for m in summary.months}
    assert sorted(months) == [(2026, 1), (2026, 2), (2026, 3)]
    assert months[(2026, 1)].amounts == (Amount("EUR", Decimal("1300.09")),)
    assert months[(2026, 2)].amounts == (Amount("CNY", Decimal("300.30")), Amount("EUR", Decimal("1200.10")))
    assert months[(2026, 2)].licenses == 3
    assert months[(2026, 3)].amounts == (Amount("EUR", Decimal("1200.10")),)
    assert summary.amounts == (Amount("CNY", Decimal("300.30")), Amount("EUR", Decimal("3700.29")))
    assert summary.amounts[1].text == "3700.29 EUR"  # exact, two fraction digits, never a float


def test_an_empty_ledger_sums_to_nothing() -> None:
    assert summarise([], START, UTC).licensees == ()
    assert summarise([], START, UTC).amounts == ()


# -- reading the lines from the ledger ---------------------------------------------------


@pytest.fixture
def ledger(vault: Vault) -> Ledger:
    for name in ("Acme Support", "星辰科技"):
        Contacts(vault.db).add(make_card(Identity.generate(name, created_at=START)), verified=True)
    return Ledger(vault)


def issue(ledger: Ledger, vault: Vault, tmp_path: Path, to: str, n: int, **terms: object) -> LicenseRecord:
    ids = [
        vault.entries.add("note", f"Note {to} {i}", "Call them back within the hour.").id for i in range(n)
    ]
    revocation = terms.pop("revocation", Revocation())
    return ledger.issue(
        to=to,
        entry_ids=ids,
        expires_at=START + 90 * DAY,
        terms=Terms.make(**terms),
        revocation=revocation,
        out=tmp_path / f"{to}-{n}.knowhold",
    )


def test_lines_say_what_the_full_records_say(
    ledger: Ledger, vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    issue(
        ledger,
        vault,
        tmp_path,
        "Acme Support",
        3,
        fee=("1200", "eur"),
        per="month",
        revocation=Revocation.make("https://li.example/knowhold.status", 7 * DAY),
    )
    clock.advance(60)
    unpaid = issue(ledger, vault, tmp_path, "星辰科技", 1)
    ledger.revoke(unpaid.license_id, "contract ended")

    memo: ManifestMemo = {}
    lines = ledger_lines(vault.db, memo)
    records = ledger.licenses()
    assert [x.license_id for x in lines] == [r.license_id for r in records]  # newest first, the same order
    for got, record in zip(lines, records, strict=True):
        assert (got.licensee, got.signed.entries) == (record.licensee, len(record.entries))
        assert (got.issued_at, got.not_before, got.expires_at) == (
            record.issued_at,
            record.not_before,
            record.expires_at,
        )
        assert (got.revoked_at, got.accepted_at) == (record.revoked_at, record.accepted_at)
        assert got.status(clock.now) == record.status
        pay = record.terms.compensation
        assert (got.signed.currency, got.signed.period) == (pay.currency, pay.period)
        assert got.signed.amount == (None if pay.amount is None else Decimal(pay.amount))
        assert got.signed.status_url == record.revocation.status_url
        assert got.signed.max_status_age == record.revocation.max_status_age
    assert lines[1].signed.amount == Decimal("1200.00") and lines[0].status(clock.now) == "revoked"
    assert len(memo) == 2


def test_a_manifest_is_read_once_then_remembered(ledger: Ledger, vault: Vault, tmp_path: Path) -> None:
    record = issue(ledger, vault, tmp_path, "Acme Support", 2, fee=("50", "CNY"), per="once")
    memo: ManifestMemo = {}
    first = ledger_lines(vault.db, memo)
    # Damage the stored manifest: a reader that remembered it never looks again...
    vault.db.conn.execute("UPDATE licenses SET manifest = X'7b7d' WHERE license_id = ?", (record.license_id,))
    ledger_end = "UPDATE licenses SET expires_at = ? WHERE license_id = ?"  # as a renewal does
    vault.db.conn.execute(ledger_end, (START + 120 * DAY, record.license_id))  # read afresh each time
    again = ledger_lines(vault.db, memo)
    assert again[0].signed == first[0].signed and again[0].expires_at == START + 120 * DAY
    # ...and one that did not remember it finds the damage and says so.
    with pytest.raises(VaultCorrupt, match=record.license_id):
        ledger_lines(vault.db, {})
