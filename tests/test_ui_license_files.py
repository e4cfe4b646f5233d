"""The license wizard's review lists each entry's attachments and what happens to their metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing.wizard_draft import PageId
from knowhold.ui.licensing.wizard_review import Decision
from knowhold.ui.session import VaultSession
from knowhold.vault import Vault
from knowhold.vault.licensing import outgoing
from knowhold.vault.licensing.identity import Contacts, make_card
from knowhold.vault.licensing.package import read_package
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock
from tests.test_licensing_files import NAMED, PDF, PHOTO
from tests.test_ui_license_wizard import ACME, choose, go_to_review, next_page, open_wizard


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("wizard-files") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        ids = {
            "photo": vault.entries.add("playbook", "Site visit", "The rack: ![[rack.jpg]]").id,
            "damaged": vault.entries.add("note", "Old scan", "![[scan.png]]").id,
            "named": vault.entries.add("note", "Passport", "See the scan.").id,
        }
        vault.attachments.add(ids["named"], NAMED, PDF)
        vault.attachments.add(ids["photo"], "rack.jpg", PHOTO)
        vault.attachments.add(ids["photo"], "spec.pdf", PDF)
        vault.attachments.add(ids["damaged"], "scan.png", b"\x89PNG\r\n\x1a\n")
        Contacts(vault.db).add(make_card(ACME), verified=True)
    finally:
        vault.close()
    return path, ids


def _row(review, entry_id: str) -> None:
    items = review.items
    for r in range(items.count()):
        if items.item(r).data(Qt.ItemDataRole.UserRole + 1) == entry_id:
            items.setCurrentRow(r)


def test_each_attachment_is_listed_with_what_is_removed_and_leaves_cleaned(
    qtbot, session: VaultSession, settings, ids, tmp_path: Path, monkeypatch
) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["photo"]])
    go_to_review(qtbot, wizard)
    review = wizard.review_page
    _row(review, ids["photo"])
    files = review.files
    assert review.send_files.isVisible() and files.isVisible() and files.rowCount() == 2
    rows = {files.item(r, 0).text(): files.item(r, 2).text() for r in range(2)}
    assert rows["rack.jpg"] == "Removed: GPS position, camera data (EXIF), XMP"
    assert rows["spec.pdf"] == "Leaves with its metadata: not an image"
    assert "2 attachments" in review.items.currentItem().text()
    assert "Attachments leaving with them: 2." in review.summary.text()
    next_page(qtbot, wizard, PageId.SAVE)
    out = tmp_path / "with-files.knowhold"
    monkeypatch.setattr(Choose, "package_to_save", classmethod(lambda cls, *args: out))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=UI_WAIT_MS)
    [entry] = read_package(out).manifest.entries
    assert [f.name for f in entry.files] == ["rack.jpg", "spec.pdf"]


def test_a_damaged_image_holds_the_page_until_the_attachments_are_left_out(
    qtbot, session: VaultSession, settings, ids, tmp_path: Path, monkeypatch
) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["damaged"]])
    go_to_review(qtbot, wizard)
    review = wizard.review_page
    _row(review, ids["damaged"])
    assert review.files.item(0, 2).text() == "Damaged: it cannot be cleaned, so it cannot leave"
    assert "1 damaged images cannot be cleaned" in review.summary.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    review.send_files.click()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled() and not review.files.isVisible()
    next_page(qtbot, wizard, PageId.SAVE)
    out = tmp_path / "without-files.knowhold"
    monkeypatch.setattr(Choose, "package_to_save", classmethod(lambda cls, *args: out))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=UI_WAIT_MS)
    assert read_package(out).manifest.version == 1


def test_an_address_in_a_file_name_is_a_finding_and_the_table_shows_the_name_that_leaves(
    qtbot, session: VaultSession, settings, ids
) -> None:
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["named"]])
    go_to_review(qtbot, wizard)
    review = wizard.review_page
    _row(review, ids["named"])
    assert review.findings.rowCount() == 1 and review.findings.item(0, 0).text() == "attachment name"
    assert review.files.item(0, 0).text() == "[REDACTED EMAIL].pdf"
    choose(review.findings.cellWidget(0, 3), Decision.INCLUDE)
    assert review.files.item(0, 0).text() == NAMED
    review.send_files.click()  # not sent: the name does not leave, so it is no finding
    assert not review.findings.isVisible() and "Possibly sensitive" not in review.summary.text()


def test_attachments_over_the_limit_hold_the_page(
    qtbot, session: VaultSession, settings, ids, monkeypatch
) -> None:
    monkeypatch.setattr(outgoing, "MAX_FILES_BYTES", 100)
    wizard = open_wizard(qtbot, session, settings, entry_ids=[ids["photo"]])
    go_to_review(qtbot, wizard)
    review = wizard.review_page
    assert "more than one license may carry" in review.summary.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    review.send_files.click()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
