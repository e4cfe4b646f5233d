"""The terms view: every term the licensor signed, in words, as plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from knowhold.ui.licensing.terms_view import TermsView
from knowhold.ui.models.entry_list import format_time
from knowhold.vault.licensing.terms import PERMISSIONS, Terms
from tests.conftest import START
from tests.licensing_kit import DAY


@pytest.fixture
def view(qtbot) -> TermsView:
    view = TermsView()
    qtbot.addWidget(view)
    return view


def test_every_term_is_shown_in_words(view) -> None:
    terms = Terms.make(
        allow=("ai-retrieval",),
        human_review=True,
        attribution="Li Wei, support lead",
        fee=("1200", "cny"),
        per="month",
        compensation_note="Paid by invoice",
        text="Use inside Acme only.\nNo resale.",
    )
    view.set_terms(terms, starts=START, ends=START + 30 * DAY)
    assert view.dates.text() == f"From {format_time(START)} until {format_time(START + 30 * DAY)}"
    verdicts = {p: view.permissions[p][0].text() for p in PERMISSIONS}
    assert verdicts == {
        "view": "Allowed",
        "copy-excerpts": "Not allowed",
        "ai-retrieval": "Allowed",
        "ai-training": "Not allowed",
        "redistribute": "Not allowed",
    }
    assert "person must review" in view.review.text()
    assert view.attribution.text() == "Li Wei, support lead"
    assert view.compensation.text() == "1200.00 CNY per month\nPaid by invoice"
    assert view.text.toPlainText() == "Use inside Acme only.\nNo resale."
    assert not view.text.isHidden() and view.no_text.isHidden()


def test_ai_look_up_and_ai_training_read_differently_either_way(view) -> None:
    # The one difference a reader must never miss: look-up ends with the license, training does not.
    seen: dict[tuple[str, bool], str] = {}
    for allow in ((), ("ai-retrieval", "ai-training")):
        view.set_terms(Terms.make(allow=allow), starts=START, ends=START + DAY)
        for permission in ("ai-retrieval", "ai-training"):
            seen[(permission, bool(allow))] = view.permissions[permission][1].text()
    assert len(set(seen.values())) == 4
    assert seen[("ai-retrieval", True)].startswith("AI look-up:")
    assert "not trained" in seen[("ai-retrieval", True)]
    assert seen[("ai-training", True)].startswith("AI training:")
    assert "after the license ends" in seen[("ai-training", True)]


def test_unpaid_terms_without_text_say_so(view) -> None:
    view.set_terms(Terms.make(compensation_note="A favour"), starts=START, ends=START + DAY)
    assert view.compensation.text() == "None: this license is unpaid.\nA favour"
    assert view.attribution.text() == "None asked for."
    assert view.review.text() == "Not required."
    assert view.text.isHidden() and not view.no_text.isHidden()


@pytest.mark.parametrize(("per", "shown"), [("once", "99.50 EUR, paid once"), ("year", "99.50 EUR per year")])
def test_each_period_is_named(view, per, shown) -> None:
    view.set_terms(Terms.make(fee=("99.5", "EUR"), per=per), starts=START, ends=START + DAY)
    assert view.compensation.text() == shown


def test_the_licensors_words_are_never_markup(view) -> None:
    markup = '<img src="/dev/zero"><b>bold</b>'
    view.set_terms(Terms.make(attribution=markup, text=markup), starts=START, ends=START + DAY)
    assert view.attribution.textFormat() == Qt.TextFormat.PlainText
    assert view.attribution.text() == markup
    assert view.text.toPlainText() == markup
