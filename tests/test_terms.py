"""License terms: what a person may type, and what a manifest may say."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from knowhold.vault.errors import InvalidValue, Malformed
from knowhold.vault.licensing.terms import PERMISSIONS, Compensation, Revocation, Terms


def test_everything_not_allowed_is_denied_except_view() -> None:
    terms = Terms.make(allow=["ai-retrieval"])
    assert terms.allowed == frozenset({"view", "ai-retrieval"})
    assert terms.allows("view") and terms.allows("ai-retrieval")
    for permission in ("copy-excerpts", "ai-training", "redistribute"):
        assert not terms.allows(permission)
    assert Terms.make().allowed == frozenset({"view"})


def test_allow_view_is_accepted_and_case_and_spaces_forgiven() -> None:
    assert Terms.make(allow=["view", " AI-Training "]).allowed == frozenset({"view", "ai-training"})


def test_deny_view_is_refused() -> None:
    with pytest.raises(InvalidValue, match="view is always granted"):
        Terms.make(deny=["view"])


def test_unknown_permission_lists_the_valid_ones() -> None:
    with pytest.raises(InvalidValue) as info:
        Terms.make(allow=["ai-finetune"])
    assert "ai-finetune" in str(info.value)
    for permission in PERMISSIONS:
        assert permission in str(info.value)
    with pytest.raises(InvalidValue):
        Terms.make(deny=["print"])
    with pytest.raises(InvalidValue):
        Terms.make().allows("print")


def test_allowed_and_denied_at_once_is_refused() -> None:
    with pytest.raises(InvalidValue, match="both allowed and denied"):
        Terms.make(allow=["redistribute"], deny=["redistribute"])


@pytest.mark.parametrize(
    ("typed", "written"),
    [("1200", "1200.00"), ("12.5", "12.50"), (" 99.99 ", "99.99"), ("0.01", "0.01"), ("0", None)],
)
def test_fee_amount_is_written_with_two_decimals(typed: str, written: str | None) -> None:
    if written is None:
        with pytest.raises(InvalidValue, match="more than zero"):
            Terms.make(fee=(typed, "EUR"))
        return
    assert Terms.make(fee=(typed, "EUR")).compensation.amount == written


@pytest.mark.parametrize(
    "amount", ["-5", "1e3", "1,200", "12.345", "abc", "", "0012", "1234567890123", "12.", "١٢"]
)
def test_bad_fee_amounts_are_refused(amount: str) -> None:
    with pytest.raises(InvalidValue, match="fee amount"):
        Terms.make(fee=(amount, "EUR"))


def test_currency_is_uppercased_and_must_be_three_letters() -> None:
    assert Terms.make(fee=("10", "cny")).compensation.currency == "CNY"
    for bad in ("yuan", "C1Y", "", "ÉUR", "EU"):
        with pytest.raises(InvalidValue, match="currency"):
            Terms.make(fee=("10", bad))


def test_period_defaults_to_once_and_needs_a_fee() -> None:
    assert Terms.make(fee=("10", "EUR")).compensation.period == "once"
    assert Terms.make(fee=("10", "EUR"), per="Month").compensation.period == "month"
    with pytest.raises(InvalidValue, match="needs a fee"):
        Terms.make(per="year")
    with pytest.raises(InvalidValue, match="period"):
        Terms.make(fee=("10", "EUR"), per="week")


def test_unpaid_terms_keep_a_note() -> None:
    terms = Terms.make(compensation_note="goodwill, no fee")
    assert terms.compensation == Compensation(note="goodwill, no fee")


def test_string_limits_on_input() -> None:
    with pytest.raises(InvalidValue, match="attribution"):
        Terms.make(attribution="x" * 1001)
    with pytest.raises(InvalidValue, match="compensation note"):
        Terms.make(compensation_note="x" * 2001)
    with pytest.raises(InvalidValue, match="terms text"):
        Terms.make(text="x" * 100_001)
    assert len(Terms.make(text="条" * 100_000).text) == 100_000


FULL = Terms.make(
    allow=["copy-excerpts", "ai-retrieval"],
    human_review=True,
    attribution="Li Wei, senior support lead",
    fee=("1200", "CNY"),
    per="month",
    compensation_note="paid monthly",
    text="Human-readable terms.",
)


def test_json_round_trip_matches_the_spec_example() -> None:
    obj = FULL.to_json()
    assert obj == {
        "attribution": "Li Wei, senior support lead",
        "compensation": {"amount": "1200.00", "currency": "CNY", "note": "paid monthly", "period": "month"},
        "human_review": True,
        "permissions": {
            "ai-retrieval": True,
            "ai-training": False,
            "copy-excerpts": True,
            "redistribute": False,
            "view": True,
        },
        "text": "Human-readable terms.",
    }
    assert Terms.from_json(obj) == FULL
    assert Terms.from_json(Terms.make().to_json()) == Terms.make()


def _broken(change: Any) -> dict[str, Any]:
    obj = copy.deepcopy(FULL.to_json())
    change(obj)
    return obj


@pytest.mark.parametrize(
    "change",
    [
        lambda o: o["permissions"].update({"view": False}),
        lambda o: o["permissions"].pop("redistribute"),
        lambda o: o["permissions"].update({"print": True}),
        lambda o: o["permissions"].update({"ai-training": 1}),
        lambda o: o.update({"critical-new-thing": True}),
        lambda o: o.pop("text"),
        lambda o: o.update({"human_review": "yes"}),
        lambda o: o.update({"attribution": "x" * 1001}),
        lambda o: o.update({"text": None}),
        lambda o: o["compensation"].update({"currency": None}),
        lambda o: o["compensation"].update({"amount": "-1.00"}),
        lambda o: o["compensation"].update({"amount": "0.00"}),
        lambda o: o["compensation"].update({"amount": 1200}),
        lambda o: o["compensation"].update({"amount": "12.00\n"}),
        lambda o: o["compensation"].update({"currency": "cny"}),
        lambda o: o["compensation"].update({"period": "week"}),
        lambda o: o["compensation"].update({"note": "x" * 2001}),
        lambda o: o["compensation"].update({"extra": 1}),
    ],
)
def test_reader_refuses_anything_off_spec(change: Any) -> None:
    with pytest.raises(Malformed):
        Terms.from_json(_broken(change))


def test_reader_refuses_non_objects() -> None:
    for value in (None, [], "terms", 3):
        with pytest.raises(Malformed):
            Terms.from_json(value)


def test_revocation_make_and_read() -> None:
    rev = Revocation.make("https://example.org/knowhold.status", 604800)
    assert rev.to_json() == {"max_status_age": 604800, "status_url": "https://example.org/knowhold.status"}
    assert Revocation.from_json(rev.to_json()) == rev
    assert Revocation.from_json({"max_status_age": None, "status_url": None}) == Revocation()
    for url in ("ftp://example.org/x", "https://", "https://exa mple.org", "file:///etc/passwd", "x" * 10):
        with pytest.raises(InvalidValue):
            Revocation.make(url)
        with pytest.raises(Malformed):
            Revocation.from_json({"max_status_age": None, "status_url": url})
    with pytest.raises(InvalidValue):
        Revocation.make("https://example.org/" + "a" * 2000)
    for age in (0, -1, True, 2**53):
        with pytest.raises(InvalidValue):
            Revocation.make(None, age)
        with pytest.raises(Malformed):
            Revocation.from_json({"max_status_age": age, "status_url": None})
    with pytest.raises(Malformed):
        Revocation.from_json({"max_status_age": None})
