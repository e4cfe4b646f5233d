"""Attachments in the app: attached by the file dialog, by a drop and by pasting a screenshot,
listed, saved out and removed under the editor, and drawn in the preview from the vault only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from knowhold.ui import markdown
from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.session import VaultSession
from knowhold.ui.widgets.attachments import AttachmentList
from knowhold.ui.widgets.entry_pane import EntryPane
from knowhold.ui.widgets.preview import MAX_PIXELS, decode_image
from knowhold.vault import Vault
from knowhold.vault.knowledge import attachments
from knowhold.vault.knowledge.attachments import Attachment, Attachments
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock

RED = QColor(220, 30, 30)
DRAG = (Qt.DropAction.CopyAction,)
BUTTONS = (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def png(colour: QColor, width: int = 40, height: int = 30) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(colour)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return data.data()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("attachments-template") / "vault"
    clock = FakeClock()
    vault = Vault.create(path, PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault
    try:
        add = vault.entries.add
        ids = {"plain": add("note", "Plain", "Nothing attached yet.").id}
        body = "Red: ![](red.png)\n\nEmbedded: ![[red.png]]\n\nRemote: ![x](https://example.com/x.png)\n"
        ids["drawn"] = add("note", "Drawn", body).id
        Attachments(vault.db).add(ids["drawn"], "red.png", png(RED, 200, 120))
    finally:
        vault.close()
    return path, ids


@pytest.fixture
def pane(pane: EntryPane) -> EntryPane:
    pane.resize(760, 600)  # room for the attachment list under the text
    return pane


def listed(pane: EntryPane) -> list[str]:
    return [a.name for a in pane.attachments.attachments]


def open_and_wait(qtbot, pane: EntryPane, entry_id: str) -> None:
    pane.open_entry(entry_id)
    qtbot.waitUntil(lambda: pane.attachments.entry_id == entry_id, timeout=UI_WAIT_MS)


def test_only_the_entrys_attachments_become_images() -> None:
    found = {"red.png": "ab" * 32, "my file.png": "cd" * 32}
    html = markdown.render(
        "![](red.png) ![[red.png]] ![](my%20file.png) ![](other.png) ![](file:///red.png) "
        "![](data:image/png;base64,AAAA) ![](https://example.com/red.png) ![[nope.png]]",
        attachments=found,
    )
    assert html.count(f'src="{markdown.attachment_url("ab" * 32)}"') == 2
    assert f'src="{markdown.attachment_url("cd" * 32)}"' in html
    assert html.count("<img") == 3  # nothing else is an image
    assert "<em>[nope.png]</em>" in html


def test_obsidian_embeds_with_a_size_or_alt_text_are_drawn() -> None:
    found = {"red.png": "ab" * 32}
    html = markdown.render("![[red.png|300]] ![[red.png|300x200]] ![[red.png|<b>Red</b>]]", attachments=found)
    assert html.count("<img") == 3 and 'alt="&lt;b&gt;Red&lt;/b&gt;"' in html and "<b>" not in html
    assert "<em>[a picture]</em>" in markdown.render("![[gone.png|a picture]]", attachments=found)


def test_a_copy_carrying_text_pastes_the_text(qtbot, pane: EntryPane) -> None:
    pane.new_entry("note", [])
    pane.editor.body.setPlainText("")
    mime = QMimeData()
    mime.setImageData(QImage.fromData(png(RED)))
    mime.setText("the words of an office document")
    with qtbot.assertNotEmitted(pane.editor.body.image_pasted):
        pane.editor.body.insertFromMimeData(mime)
    assert pane.editor.body.toPlainText() == "the words of an office document"


def test_switching_entries_keeps_the_new_entrys_text_in_the_preview(
    qtbot, pane: EntryPane, ids: dict[str, str]
) -> None:
    pane.editor.toggle_preview()
    open_and_wait(qtbot, pane, ids["drawn"])
    qtbot.waitUntil(lambda: "<img" in pane.editor.preview.toHtml(), timeout=UI_WAIT_MS)
    open_and_wait(qtbot, pane, ids["plain"])
    qtbot.waitUntil(lambda: pane.editor.preview.rendered_text == "Nothing attached yet.", timeout=UI_WAIT_MS)
    qtbot.wait(200)  # the attachments listed for it render again: still its text
    assert "Nothing attached yet." in pane.editor.preview.toPlainText()


def test_a_file_chosen_in_the_dialog_is_attached_and_listed(
    qtbot, pane: EntryPane, ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "规格 <b>spec.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 3000)
    monkeypatch.setattr(Choose, "files_to_attach", classmethod(lambda cls, parent: [pdf]))
    open_and_wait(qtbot, pane, ids["plain"])
    assert pane.attachments.isVisible() and not pane.attachments.list.isVisible()
    pane.attachments.attach_button.click()
    qtbot.waitUntil(lambda: listed(pane) == [pdf.name], timeout=UI_WAIT_MS)
    item = pane.attachments.list.item(0)
    assert item.text().startswith(pdf.name) and ("KiB" in item.text() or "kB" in item.text())
    assert "<b>" not in item.toolTip() and "&lt;b&gt;" in item.toolTip()
    assert pane.attachments.attachments[0].mime == "application/pdf"


def test_files_dropped_on_the_pane_attach_to_the_shown_entry(
    qtbot, pane: EntryPane, ids: dict[str, str], tmp_path: Path
) -> None:
    first, second = tmp_path / "a.png", tmp_path / "notes.md"
    first.write_bytes(png(RED))
    second.write_text("# a note, attached rather than imported\n")
    open_and_wait(qtbot, pane, ids["plain"])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    for kind in (QDropEvent.Type.DragEnter, QDropEvent.Type.Drop):  # as a file manager's drag is
        event = QDropEvent(QPointF(20, 20), *DRAG, mime, *BUTTONS, kind)
        QApplication.sendEvent(pane, event)
        assert event.isAccepted()
    qtbot.waitUntil(lambda: listed(pane) == ["a.png", "notes.md"], timeout=UI_WAIT_MS)

    text = QMimeData()
    text.setText("just text")
    ignored = QDropEvent(QPointF(20, 20), *DRAG, text, *BUTTONS, QDropEvent.Type.DragEnter)
    assert not pane.drop.eventFilter(pane, ignored)  # a text drag goes on to the editor as before


def test_a_pasted_screenshot_is_attached_and_referred_to(qtbot, pane: EntryPane) -> None:
    pane.new_entry("note", [])
    editor = pane.editor
    editor.title.setText("Screenshot")
    editor.body.setPlainText("See: ")
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setImageData(QImage.fromData(png(RED)))
    assert editor.body.canInsertFromMimeData(mime)
    editor.body.insertFromMimeData(mime)
    body = editor.body.toPlainText()
    assert body.startswith("See: ![](pasted-") and body.endswith(".png)")
    name = body[len("See: ![](") : -1]
    qtbot.waitUntil(lambda: listed(pane) == [name], timeout=UI_WAIT_MS)
    assert editor.entry_id is not None and pane.attachments.attachments[0].mime == "image/png"


def test_remove_asks_and_save_as_writes_the_bytes(
    qtbot, pane: EntryPane, ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, pane, ids["drawn"])
    qtbot.waitUntil(lambda: listed(pane) == ["red.png"], timeout=UI_WAIT_MS)
    pane.attachments.list.setCurrentRow(0)
    out = tmp_path / "out.png"
    monkeypatch.setattr(Choose, "attachment_file", classmethod(lambda cls, parent, suggested: out))
    pane.attachments.save_button.click()
    qtbot.waitUntil(out.exists, timeout=UI_WAIT_MS)
    assert QImage(str(out)).pixelColor(5, 5) == RED

    answers = iter([False, True])
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *args: next(answers)))
    pane.attachments.remove_button.click()
    assert listed(pane) == ["red.png"]
    pane.attachments.remove_button.click()
    qtbot.waitUntil(lambda: listed(pane) == [], timeout=UI_WAIT_MS)


def test_the_preview_draws_the_attachment_and_fetches_nothing_else(
    qtbot, pane: EntryPane, ids: dict[str, str]
) -> None:
    open_and_wait(qtbot, pane, ids["drawn"])
    qtbot.waitUntil(lambda: listed(pane) == ["red.png"], timeout=UI_WAIT_MS)
    preview = pane.editor.preview
    pane.editor.toggle_preview()
    qtbot.waitUntil(lambda: "<img" in preview.toHtml(), timeout=UI_WAIT_MS)
    url = markdown.attachment_url(pane.attachments.attachments[0].sha256)
    image = preview.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert isinstance(image, QImage) and image.width() == 200 and image.pixelColor(3, 3) == RED
    remote = preview.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("https://example.com/x.png")
    )
    assert remote is None or (isinstance(remote, QImage) and remote.width() == 1)
    assert "example.com" not in preview.toHtml()  # written as its alt text, never as <img>
    grab = preview.grab().toImage()
    reds = sum(
        grab.pixelColor(x, y) == RED for x in range(0, grab.width(), 4) for y in range(0, grab.height(), 4)
    )
    assert reds > 100


def test_a_hostile_image_is_not_decoded() -> None:
    data = bytearray(png(RED, 1, 1))
    # The header claims 60,000 × 60,000 pixels; the decoder must refuse before allocating.
    data[16:24] = (60_000).to_bytes(4, "big") * 2
    assert MAX_PIXELS < 60_000 * 60_000 and decode_image(bytes(data), 600) is None
    assert decode_image(b"not an image", 600) is None
    scaled = decode_image(png(RED, 2000, 1000), 500)
    assert scaled is not None and (scaled.width(), scaled.height()) == (500, 250)


def test_a_too_large_file_says_so_in_one_line_and_stores_nothing(
    qtbot, pane: EntryPane, ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT", 1000)
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 1001)
    open_and_wait(qtbot, pane, ids["plain"])
    with qtbot.waitSignal(pane.message, timeout=UI_WAIT_MS) as said:
        pane.attach_paths([big])
    assert said.args[0].startswith("Not attached: big.bin:") and "\n" not in said.args[0]
    pane.attachments.reload()
    qtbot.wait(200)
    assert listed(pane) == []


def test_a_hostile_name_in_the_list_is_text(qtbot, session: VaultSession) -> None:
    widget = AttachmentList(session, lambda: None)
    qtbot.addWidget(widget)
    widget._show([Attachment("ab" * 32, '<img src="/dev/zero">.png', 10, "image/png")])
    item = widget.list.item(0)
    assert item.text().startswith('<img src="/dev/zero">.png')  # an item shows its text as typed
    assert "<img" not in item.toolTip().removeprefix("<qt>")
