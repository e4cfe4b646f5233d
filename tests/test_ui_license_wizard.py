"""The license wizard, driven through its widgets: contact, entries, terms, revocation, review, save."""

from __future__ import annotations

import html
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QComboBox, QWizard

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing.add_contact import AddContactDialog
from knowhold.ui.licensing.wizard import LicenseWizard
from knowhold.ui.licensing.wizard_draft import PageId
from knowhold.ui.licensing.wizard_preview import marked_origin
from knowhold.ui.licensing.wizard_review import Decision
from knowhold.ui.licensing.wizard_save import package_file_name
from knowhold.ui.licensing.wizard_selection import ChoosableEntries, Column
from knowhold.ui.licensing.wizard_terms import BUILT_IN_NAMES, AskPresetName
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Op
from knowhold.vault import Vault
from knowhold.vault.knowledge import entries
from knowhold.vault.knowledge.entries import EntrySummary
from knowhold.vault.knowledge.origin import Origin
from knowhold.vault.knowledge.templates import template_for
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.package import open_entries, read_package
from knowhold.vault.licensing.presets import BUILT_IN
from knowhold.vault.licensing.review import review as core_review
from knowhold.vault.licensing.terms import Terms
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock

EMAIL = "li.wei@example.com"
ACME = Identity.generate("Acme Support", created_at=START)
GLOBEX = Identity.generate("环球 Globex", created_at=START)  # a contact whose fingerprint was never compared


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A closed vault with entries (one with an address in a tag, one private) and two contacts."""
    path = tmp_path_factory.mktemp("wizard-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    # The draft keeps its guidance, as Knowhold saved it before it dropped untouched guidance.
    older = pytest.MonkeyPatch()
    older.setattr(entries, "without_guidance", lambda body: body)
    try:
        add = vault.entries.add
        ids = {
            "tagged": add("playbook", "Escalate early", "Call within the hour.", ["support", EMAIL]).id,
            "refund": add("heuristic", "Refund rule", f"Refund under 50. Ask {EMAIL} above.", ["support"]).id,
            "chinese": add("checklist", "发布前检查", "确认回滚方案。", ["support"]).id,
            "private": add("note", "Salary notes", "My own notes.", ["support"], True).id,
            "other": add("decision", "Office move", "We chose the east building.", ["facilities"]).id,
            "draft": add("checklist", "Before a release", template_for("checklist"), ["drafts"]).id,
            "learned": add(
                "playbook",
                "Globex's escalation",
                "Page the lead.",
                ["drafts"],
                origin=Origin.make("organisation", "Globex"),
            ).id,
        }
        Contacts(vault.db).add(make_card(ACME), verified=True)
        Contacts(vault.db).add(make_card(GLOBEX))
    finally:
        older.undo()
        vault.close()
    return path, ids


def open_wizard(qtbot, session: VaultSession, settings, **kwargs) -> LicenseWizard:
    wizard = LicenseWizard(session, settings, **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.recipient_page.loaded and wizard.selection_page.loaded, timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: bool(wizard.terms_page.presets), timeout=UI_WAIT_MS)
    return wizard


def on_worker(qtbot, fn):
    """``fn``'s result, run on the vault worker as the app runs it."""
    done: list[object] = []
    Op(None, fn, done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=UI_WAIT_MS)
    return done[0]


def next_page(qtbot, wizard: LicenseWizard, expected: PageId) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=UI_WAIT_MS)


def choose_contact(wizard: LicenseWizard, name: str) -> None:
    contacts = wizard.recipient_page.contacts
    matches = [contacts.item(i) for i in range(contacts.count()) if contacts.item(i).text().startswith(name)]
    contacts.setCurrentItem(matches[0])


def tick(model: ChoosableEntries, entry_id: str, checked: bool = True) -> bool:
    """Tick an entry's box as the view does when it is clicked."""
    row = next(r for r in range(model.rowCount()) if model.summary(r).id == entry_id)
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    return model.setData(model.index(row, Column.TITLE), state.value, Qt.ItemDataRole.CheckStateRole)


def choose(combo: QComboBox, decision: Decision) -> None:
    """Pick a choice in a combo box as a person does (``activated`` is only sent for that)."""
    index = combo.findData(decision)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def go_to_review(qtbot, wizard: LicenseWizard, *, contact: str = "Acme Support") -> None:
    choose_contact(wizard, contact)
    next_page(qtbot, wizard, PageId.SELECTION)
    next_page(qtbot, wizard, PageId.TERMS)
    next_page(qtbot, wizard, PageId.REVOCATION)
    wizard.revocation_page.without_url.click()
    next_page(qtbot, wizard, PageId.REVIEW)
    qtbot.waitUntil(lambda: wizard.review_page.review is not None, timeout=UI_WAIT_MS)


# -- the whole way ------------------------------------------------------------------------------


def test_issue_through_the_wizard_redacting_an_address_in_a_tag(
    qtbot, session: VaultSession, settings, ids, tmp_path: Path, monkeypatch
) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["tagged"]])
    emitted: list[str] = []
    wizard.issued.connect(emitted.append)

    # 1. To whom.
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose_contact(wizard, "Acme Support")
    next_page(qtbot, wizard, PageId.SELECTION)

    # 2. What: the entry it was opened on is ticked; tick one more through the filters.
    selection = wizard.selection_page
    assert selection.model.checked_ids == (ids["tagged"],)
    selection.kinds.setCurrentIndex(selection.kinds.findData("heuristic"))
    assert selection.filter.rowCount() == 1
    selection.check_shown.click()
    assert set(selection.model.checked_ids) == {ids["tagged"], ids["refund"]}
    assert selection.count.text() == "2 entries chosen"
    next_page(qtbot, wizard, PageId.TERMS)

    # 3. Terms: AI look-up with human review, paid monthly, for 30 days.
    terms = wizard.terms_page
    terms.uses["ai-retrieval"].click()
    terms.human_review.click()
    terms.length_buttons[30].click()
    terms.amount.setText("1200")
    terms.currency.setCurrentText("CNY")
    terms.per.setCurrentIndex(terms.per.findData("month"))
    next_page(qtbot, wizard, PageId.REVOCATION)

    # 4. Revocation: no status address, said plainly.
    wizard.revocation_page.without_url.click()
    assert "end date" in wizard.revocation_page.without.text()
    next_page(qtbot, wizard, PageId.REVIEW)

    # 5. Review: redact the address in the tag, include the one in the other entry's text.
    review = wizard.review_page
    qtbot.waitUntil(lambda: review.review is not None, timeout=UI_WAIT_MS)
    items = review.items
    rows = {items.item(r).data(Qt.ItemDataRole.UserRole + 1): items.item(r) for r in range(items.count())}
    items.setCurrentItem(rows[ids["tagged"]])
    assert review.findings.rowCount() == 1 and "tag" in review.findings.item(0, 0).text()
    choose(review.findings.cellWidget(0, 3), Decision.REDACT)
    assert "#redacted-email" in review.preview.toPlainText() and EMAIL not in review.preview.toPlainText()
    items.setCurrentItem(rows[ids["refund"]])
    choose(review.findings.cellWidget(0, 3), Decision.INCLUDE)
    assert EMAIL in review.preview.toPlainText()
    items.setCurrentItem(rows["terms"])
    assert "Allowed" in [v.text() for v, _ in review.terms_view.permissions.values()]
    assert "1200.00 CNY per month" in review.terms_view.compensation.text()
    next_page(qtbot, wizard, PageId.SAVE)

    # 6. Save: to the file chosen, suggested from the licensee and the day.
    out = tmp_path / "for-acme.knowhold"
    suggested: list[Path] = []

    def save_to(_parent, path: Path) -> Path:
        suggested.append(path)
        return out

    monkeypatch.setattr(Choose, "package_to_save", classmethod(lambda cls, *args: save_to(*args)))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=UI_WAIT_MS)
    assert suggested[0].name == "Acme-Support-2026-09-21.knowhold"
    assert settings.package_folder == str(tmp_path)  # remembered for the next one
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    # The ledger has it, and what left is what the review showed.
    records: list[LicenseRecord] = on_worker(qtbot, lambda: Ledger(session.vault()).licenses())
    assert len(records) == 1 and emitted == [records[0].license_id]
    record = records[0]
    assert record.licensee == "Acme Support" and {e.id for e in record.entries} == {
        ids["tagged"],
        ids["refund"],
    }
    assert record.redacted and record.sensitive_included
    assert record.terms.allows("ai-retrieval") and record.terms.human_review
    assert record.expires_at - START < 31 * 86400 and record.revocation.status_url is None
    package = read_package(out)
    licensed = {e.id: e for e in open_entries(package, ACME)[1]}
    assert licensed[ids["tagged"]].tags == ("redacted-email", "support")
    assert EMAIL in licensed[ids["refund"]].body
    assert EMAIL.encode() not in package.manifest_bytes

    # The last page: where it went, its folder, and a message to copy.
    done = wizard.done_page
    assert str(out) in done.where.text()
    assert out.name in done.message.toPlainText() and "knowhold received ingest" in done.message.toPlainText()
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    done.show_folder.click()
    assert opened == [str(tmp_path)]
    QGuiApplication.clipboard().clear()
    done.copy.click()
    assert QGuiApplication.clipboard().text() == done.message.toPlainText()
    QGuiApplication.clipboard().clear()


def test_remove_an_entry_on_review_and_a_tag_opens_the_wizard_on_its_entries(
    qtbot, session: VaultSession, settings, ids, tmp_path: Path, monkeypatch
) -> None:
    wizard = open_wizard(qtbot, session, settings, tag="Support")  # a tag in any case is the tag
    # The tag's entries are ticked; the private one it holds is not and cannot be.
    assert set(wizard.selection_page.model.checked_ids) == {ids["tagged"], ids["refund"], ids["chinese"]}
    go_to_review(qtbot, wizard)
    review = wizard.review_page
    items = review.items
    row = next(
        r for r in range(items.count()) if items.item(r).data(Qt.ItemDataRole.UserRole + 1) == ids["tagged"]
    )
    items.setCurrentItem(items.item(row))
    choose(review.findings.cellWidget(0, 3), Decision.REMOVE)
    assert "left out" in items.item(row).text() and "2 entries will leave" in review.summary.text()
    monkeypatch.setattr(Choose, "package_to_save", classmethod(lambda cls, *args: tmp_path / "p.knowhold"))
    next_page(qtbot, wizard, PageId.SAVE)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=UI_WAIT_MS)
    record = on_worker(qtbot, lambda: Ledger(session.vault()).licenses())[0]
    assert {e.id for e in record.entries} == {ids["refund"], ids["chinese"]}
    assert record.redacted and not record.sensitive_included  # the address in the text, redacted by default


def test_private_entries_are_greyed_and_cannot_be_ticked(
    qtbot, session: VaultSession, settings, ids, qtmodeltester
) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["private"], ids["other"]])
    model = wizard.selection_page.model
    qtmodeltester.check(model)
    row = next(r for r in range(model.rowCount()) if model.summary(r).id == ids["private"])
    index = model.index(row, Column.TITLE)
    assert model.flags(index) == Qt.ItemFlag.NoItemFlags  # greyed, no check box
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) is None
    assert "private: never licensed" in model.data(index)
    assert not tick(model, ids["private"])
    assert model.checked_ids == (ids["other"],)  # asked for by id, still left out


def test_an_unverified_contact_is_said_plainly(qtbot, session: VaultSession, settings, ids) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["other"]])
    choose_contact(wizard, "环球 Globex")
    note = wizard.recipient_page.note
    assert note.isVisible() and GLOBEX.public.fingerprint in note.text()
    go_to_review(qtbot, wizard, contact="环球 Globex")
    warnings = wizard.review_page.warnings
    assert warnings.isVisible() and GLOBEX.public.fingerprint in warnings.text()


def test_a_contact_added_from_the_first_page_is_chosen(qtbot, session: VaultSession, settings) -> None:
    wizard = open_wizard(qtbot, session, settings)
    page = wizard.recipient_page
    page.add_button.click()
    dialog = wizard.findChild(AddContactDialog)
    assert dialog is not None and dialog.isVisible()
    newcomer = Identity.generate("王芳 Wang Fang", created_at=START)
    contact = on_worker(qtbot, lambda: Contacts(session.vault().db).add(make_card(newcomer)))
    dialog.added.emit(contact)  # as the dialog does once it has added the card
    qtbot.waitUntil(lambda: page.chosen is not None, timeout=UI_WAIT_MS)
    assert page.chosen.name == "王芳 Wang Fang" and page.contacts.count() == 3
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_template_guidance_and_origin_are_flagged_on_review(
    qtbot, session: VaultSession, settings, ids
) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["draft"], ids["learned"]])
    go_to_review(qtbot, wizard)
    review = wizard.review_page
    assert "*What this checklist protects against.*" in review.entry_notes.text()
    assert "template guidance" in review.items.currentItem().text()
    review.items.setCurrentRow(review.items.currentRow() + 1)
    assert (
        "may belong to Globex" in review.entry_notes.text() and "origin" in review.items.currentItem().text()
    )


def test_an_address_typed_as_the_organisation_is_a_finding_like_any_other(
    qtbot, session: VaultSession, settings, tmp_path: Path, monkeypatch
) -> None:
    """Listed under its field, shown in the preview as it will leave, and decided like the rest."""
    origin = Origin.make("organisation", f"Globex ({EMAIL})")
    learned = on_worker(
        qtbot, lambda: session.vault().entries.add("note", "Ask first", "Then act.", origin=origin).id
    )
    wizard = open_wizard(qtbot, session, settings, entry_ids=[learned])
    go_to_review(qtbot, wizard)
    review = wizard.review_page
    findings = review.findings
    assert findings.rowCount() == 1 and findings.item(0, 0).text() == "origin"
    assert EMAIL not in findings.item(0, 2).text()  # masked, as every finding is
    assert "Origin\nLearned at Globex ([REDACTED EMAIL])\n" in review.preview.toPlainText()
    choose(findings.cellWidget(0, 3), Decision.INCLUDE)
    assert f"Learned at Globex ({EMAIL})" in review.preview.toPlainText()
    choose(review.findings.cellWidget(0, 3), Decision.REMOVE)
    assert (
        "left out" in review.items.currentItem().text()
        and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    )
    choose(review.findings.cellWidget(0, 3), Decision.REDACT)  # puts the entry back, redacted
    assert f"({EMAIL})" not in review.preview.toPlainText()

    out = tmp_path / "p.knowhold"
    monkeypatch.setattr(Choose, "package_to_save", classmethod(lambda cls, *args: out))
    next_page(qtbot, wizard, PageId.SAVE)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=UI_WAIT_MS)
    licensed = open_entries(read_package(out), ACME)[1][0]
    assert licensed.origin == Origin.make("organisation", "Globex ([REDACTED EMAIL])")
    assert EMAIL.encode() not in out.read_bytes()


def test_an_origin_cut_to_fit_is_previewed_as_it_leaves(qtbot, session: VaultSession) -> None:
    """Placeholders longer than what they replace push the name past the limit: the core cuts it."""
    name = "Acme Ltd, " * 18 + "gateway 10.1.2.3"
    learned = on_worker(
        qtbot,
        lambda: (
            session.vault()
            .entries.add("note", "Ops", "Restart.", origin=Origin.make("organisation", name))
            .id
        ),
    )
    result = on_worker(
        qtbot,
        lambda: core_review(session.vault(), to="Acme Support", entry_ids=[learned], terms=Terms.make()),
    )
    entry = result.entries[0]
    licensed = entry.licensed_origin(set())
    assert licensed is not None and licensed.name.endswith("…") and licensed.name != name
    shown = marked_origin(entry, set())
    assert shown == html.escape(f"Learned at {licensed.name}") and "10.1.2.3" not in shown


def test_the_status_folder_is_named_and_an_empty_address_refused(
    qtbot, session: VaultSession, settings, ids, tmp_path: Path
) -> None:
    settings.set_status_folder(session.vault_id, tmp_path)
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["other"]])
    choose_contact(wizard, "Acme Support")
    for page in (PageId.SELECTION, PageId.TERMS, PageId.REVOCATION):
        next_page(qtbot, wizard, page)
    revocation = wizard.revocation_page
    assert revocation.folder.isVisible() and str(tmp_path) in revocation.folder.text()
    wizard.button(QWizard.WizardButton.NextButton).click()  # no address typed
    assert wizard.currentId() == PageId.REVOCATION and "address" in revocation.error.text()


def test_search_narrows_the_list(qtbot, session: VaultSession, settings, ids) -> None:
    wizard = open_wizard(qtbot, session, settings)
    selection = wizard.selection_page
    selection.search.setText("回滚")
    qtbot.waitUntil(lambda: selection.filter.rowCount() == 1, timeout=UI_WAIT_MS)
    assert selection.filter.data(selection.filter.index(0, Column.TITLE)) == "发布前检查"
    selection.search.clear()
    qtbot.waitUntil(lambda: selection.filter.rowCount() == 7, timeout=UI_WAIT_MS)
    selection.checked_only.click()
    assert selection.filter.rowCount() == 0 and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


# -- terms and presets ---------------------------------------------------------------------------


def test_terms_the_core_refuses_keep_the_page(qtbot, session: VaultSession, settings, ids) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["other"]])
    choose_contact(wizard, "Acme Support")
    next_page(qtbot, wizard, PageId.SELECTION)
    next_page(qtbot, wizard, PageId.TERMS)
    terms = wizard.terms_page
    terms.amount.setText("12.345")
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == PageId.TERMS and terms.error.isVisible() and "12.345" in terms.error.text()
    terms.amount.setText("12.50")
    next_page(qtbot, wizard, PageId.REVOCATION)
    revocation = wizard.revocation_page
    revocation.url.setText("ftp://example.org/status")
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == PageId.REVOCATION and revocation.error.isVisible()
    revocation.url.setText("https://example.org/knowhold.status")
    next_page(qtbot, wizard, PageId.REVIEW)
    assert wizard.draft.revocation.max_status_age == 7 * 86400


def test_save_a_preset_and_fill_the_page_from_it(qtbot, session: VaultSession, settings, monkeypatch) -> None:
    wizard = open_wizard(qtbot, session, settings)
    terms = wizard.terms_page
    wizard.draft.now = START
    terms.initializePage()
    terms.uses["copy-excerpts"].click()
    terms.attribution.setText("Li Wei")
    terms.amount.setText("99")
    terms.per.setCurrentIndex(terms.per.findData("year"))
    terms.length_buttons[365].click()
    monkeypatch.setattr(AskPresetName, "ask", classmethod(lambda cls, *args: "Acme yearly"))
    terms.save_preset.click()
    qtbot.waitUntil(lambda: terms.current_preset is not None, timeout=UI_WAIT_MS)
    saved = terms.current_preset
    assert saved is not None and saved.name == "Acme yearly" and saved.days == 365
    assert terms.delete_preset.isEnabled()
    # Kept in the vault: a new wizard lists it after the built-in ones.
    again = open_wizard(qtbot, session, settings)
    names = [again.terms_page.preset.itemText(i) for i in range(again.terms_page.preset.count())]
    assert names[1:] == [*BUILT_IN_NAMES, "Acme yearly"]
    page = again.terms_page
    again.draft.now = START
    page.initializePage()
    index = page.preset.findText("Acme yearly")
    page.preset.setCurrentIndex(index)
    page.preset.activated.emit(index)
    assert page.uses["copy-excerpts"].isChecked() and not page.uses["ai-retrieval"].isChecked()
    assert (page.attribution.text(), page.amount.text(), page.per.currentData()) == (
        "Li Wei",
        "99.00",
        "year",
    )
    assert page.days == 365 and page.terms() == saved.terms
    # A built-in one fills the page too, and cannot be deleted.
    first = page.preset.findText(BUILT_IN_NAMES[0])
    page.preset.setCurrentIndex(first)
    page.preset.activated.emit(first)
    assert page.uses["ai-retrieval"].isChecked() and page.human_review.isChecked() and page.days == 90
    assert not page.delete_preset.isEnabled()


def test_built_in_preset_names_are_marked_for_translation() -> None:
    assert tuple(p.name for p in BUILT_IN) == BUILT_IN_NAMES


# -- cancel, and the file name --------------------------------------------------------------------


def test_cancel_while_issuing_records_and_writes_nothing(
    qtbot, session: VaultSession, settings, ids, tmp_path: Path, monkeypatch
) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["other"], ids["chinese"]])
    go_to_review(qtbot, wizard)
    next_page(qtbot, wizard, PageId.SAVE)
    out = tmp_path / "cancelled.knowhold"
    monkeypatch.setattr(Choose, "package_to_save", classmethod(lambda cls, *args: out))
    wizard.save_page.delay_ms = 0
    # Hold the worker, so Cancel is pressed before the issue has begun.
    gate = threading.Event()
    Op(None, lambda: gate.wait(UI_WAIT_MS / 1000), lambda _done: None).run()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    save = wizard.save_page
    assert save.busy and not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    qtbot.waitUntil(lambda: save.op is not None and save.op.progress_dialog is not None, timeout=UI_WAIT_MS)
    save.op.progress_dialog.cancel_requested.emit()
    gate.set()
    qtbot.waitUntil(lambda: not save.busy, timeout=UI_WAIT_MS)
    assert wizard.currentId() == PageId.SAVE and "nothing was issued" in save.error.text()
    assert on_worker(qtbot, lambda: Ledger(session.vault()).licenses()) == []
    assert not out.exists() and list(tmp_path.glob("*.knowhold*")) == []


def test_package_file_names_keep_to_letters_digits_and_dashes() -> None:
    assert package_file_name("Acme Support", "2026-09-21") == "Acme-Support-2026-09-21.knowhold"
    assert package_file_name("环球 / ../Globex\x1b", "2026-09-21") == "环球-Globex-2026-09-21.knowhold"
    assert package_file_name("../..", "2026-09-21") == "license-2026-09-21.knowhold"


def test_selection_model_stays_quick_with_many_entries(qtbot, qtmodeltester) -> None:
    model = ChoosableEntries()
    summaries = [
        EntrySummary(f"id{i:05d}", "note", f"Entry {i}", ("t",), i % 50 == 0, 1, START, START)
        for i in range(10_000)
    ]
    model.set_entries(summaries, [s.id for s in summaries[:10]])
    assert len(model.checked_ids) == 9  # the first is private
    model.set_checked(range(model.rowCount()), True)
    assert len(model.checked_ids) == 10_000 - 200
    assert model.rowCount(QModelIndex()) == 10_000
