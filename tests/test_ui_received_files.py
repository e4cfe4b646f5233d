"""A received entry shows the images it carries, drawn from the checked package only."""

from __future__ import annotations

import dataclasses
import io

from PIL import Image
from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QImage, QTextDocument

from knowhold.ui.licensing.received_entry import ReceivedEntry
from knowhold.ui.markdown import attachment_url
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.payload import LicensedFile
from knowhold.vault.licensing.received import Library
from tests.conftest import UI_WAIT_MS
from tests.licensing_kit import entries, make_package, me, trust


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), (220, 40, 40)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


def test_the_images_an_entry_carries_are_drawn_and_other_files_listed(
    qtbot, runner, library: Library, employer: Vault, licensor: Identity
) -> None:
    first = dataclasses.replace(
        entries(1)[0],
        body="The flow:\n\n![[flow.png]]\n\n![[elsewhere.png]]",
        files=(
            LicensedFile("flow.png", "image/png", PNG),
            LicensedFile("spec.pdf", "application/pdf", b"%PDF"),
        ),
    )
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), items=[first])).license_id
    record, [entry] = library.show(lid, first.id, purpose="view")
    reader = ReceivedEntry()
    qtbot.addWidget(reader)
    reader.resize(700, 500)
    reader.show()
    reader.show_entry(record, entry)
    qtbot.waitUntil(lambda: reader.body.rendered_text == entry.body, timeout=UI_WAIT_MS)
    png_size = QLocale().formattedDataSize(len(PNG))
    assert reader.files.text() == f"Attachments: flow.png ({png_size}), spec.pdf (4 bytes)"
    sha256 = entry.files[0].listed().sha256
    image = reader.body.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(attachment_url(sha256))
    )
    assert isinstance(image, QImage) and image.width() == 60
    assert image.pixelColor(5, 5).red() == 220
    # A name the entry does not carry stays its alt text: nothing is loaded for it.
    assert "elsewhere.png" in reader.body.toPlainText()
    reader.clear()
    assert reader.files.isHidden()
