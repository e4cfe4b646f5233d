"""``[[links]]`` and task lists in the preview, following a link, and the Linked from list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from knowhold.ui import markdown, plain_text
from knowhold.ui.session import VaultSession
from knowhold.ui.widgets.backlinks import Backlinks
from knowhold.ui.widgets.entry_pane import EntryPane
from knowhold.ui.widgets.preview import Preview
from knowhold.ui.widgets.safe_browser import SafeBrowser
from knowhold.vault import Vault
from knowhold.vault.knowledge import filerefs
from knowhold.vault.knowledge.links import LinkedEntry
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock

HOME_BODY = (
    "Read [[Deploy the service]], [[deploy the service#Rollback|how to undo]] and [[Nowhere]].\n\n"
    "- [ ] check the logs\n- [x] tell the team\n"
)

# The heading far enough down that showing it at the top scrolls the preview.
DEPLOY_BODY = "Back to [[home]].\n\n" + "Step.\n\n" * 60 + "## Roll*back*\n\nUndo it.\n\n" + "More.\n\n" * 60


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("links-template") / "vault"
    clock = FakeClock()
    vault = Vault.create(path, PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault
    try:
        add = vault.entries.add
        ids = {"home": add("note", "Home", HOME_BODY).id}
        clock.advance(60)
        ids["deploy"] = add("playbook", "Deploy the service", DEPLOY_BODY).id
        vault.entries.record_import(ids["deploy"], "Deploy.md", "aliases: [Ship it]\n")  # as import keeps it
        clock.advance(60)
        ids["retro"] = add("note", "复盘", "`[[Deploy the service]]` is code, [[Home]] is not.").id
    finally:
        vault.close()
    return path, ids


def test_links_render_found_missing_and_labelled() -> None:
    html = markdown.render(HOME_BODY, lambda targets: {t: "id" for t in targets if t != "Nowhere"})
    assert '<a href="knowhold-entry:Deploy%20the%20service">Deploy the service</a>' in html
    assert '<a href="knowhold-entry:deploy%20the%20service%23Rollback">how to undo</a>' in html
    missing = html.split('href="knowhold-entry:Nowhere"')[1].split(">")[0]
    assert f"color: {markdown.MISSING_COLOUR}" in missing and "No entry named “Nowhere”" in missing
    assert "☐ check the logs" in html and "☑ tell the team" in html and "[ ]" not in html
    assert "list-style-type: none" in html


def test_targets_are_resolved_in_one_call_and_not_without_links() -> None:
    calls: list[set[str]] = []

    def resolve(targets: object) -> dict[str, str]:
        calls.append(set(targets))  # type: ignore[call-overload]
        return {}

    markdown.render("[[a]] [[b|x]] [[a#h]] `[[code]]` [[#here]]", resolve)
    markdown.render("no links", resolve)
    assert calls == [{"a", "b"}]


def test_untrusted_link_text_is_text() -> None:
    html = markdown.render('[[<img src="/dev/zero">|<b>bold</b> **x**]] [[a"onclick=x]]', lambda t: {})
    assert "<img" not in html and "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt; **x**" in html
    assert 'href="knowhold-entry:%3Cimg%20src%3D%22%2Fdev%2Fzero%22%3E"' in html
    assert 'href="knowhold-entry:a%22onclick%3Dx"' in html
    # The tooltip is escaped twice: Qt reads the attribute, then shows the <qt> text as text.
    assert plain_text.tooltip('No entry named “a"onclick=x”') in html.replace("&lt;", "<").replace(
        "&gt;", ">"
    ).replace("&quot;", '"').replace("&amp;", "&")


def test_without_a_resolver_links_are_plain_text() -> None:
    html = markdown.render("[[Home|start]] and - [ ] no task here")
    assert "<a" not in html and "start" in html


def test_a_mixed_list_keeps_its_bullets() -> None:
    html = markdown.render("- [ ] task\n- plain\n")
    assert "☐ task" in html and "list-style" not in html


@pytest.mark.parametrize("name", ["Home", "CI/CD", "复盘 模板", "50% off?", "a&b", "../x%2F"])
def test_clicking_an_entry_link_emits_its_name(qtbot, name: str) -> None:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.entry_link_clicked) as blocker:
        browser.anchorClicked.emit(QUrl(markdown.entry_url(name)))
    assert blocker.args == [name]


def test_other_schemes_are_not_entry_links(qtbot) -> None:
    browser = Preview()
    qtbot.addWidget(browser)
    with qtbot.assertNotEmitted(browser.entry_link_clicked):
        for url in ("file:///etc/passwd", "knowhold:x", "custom:Home"):
            browser.anchorClicked.emit(QUrl(url))


def test_the_preview_shows_missing_links_as_missing(qtbot, session: VaultSession) -> None:
    preview = Preview(resolve=session.resolve_links)
    qtbot.addWidget(preview)
    preview.show_markdown(HOME_BODY)
    qtbot.waitUntil(lambda: preview.rendered_text == HOME_BODY, timeout=UI_WAIT_MS)
    html = preview.toHtml()
    assert "knowhold-entry:Nowhere" in html and "knowhold-entry:Deploy%20the%20service" in html
    cursor = preview.document().find("Nowhere")
    assert cursor.charFormat().toolTip() == plain_text.tooltip("No entry named “Nowhere”")
    assert cursor.charFormat().foreground().color().name() == markdown.MISSING_COLOUR
    found = preview.document().find("how to undo").charFormat()
    assert found.toolTip() == "" and found.foreground().color().name() != markdown.MISSING_COLOUR


def test_the_pane_lists_backlinks_and_follows_links(qtbot, pane: EntryPane, ids: dict[str, str]) -> None:
    pane.open_entry(ids["home"])
    qtbot.waitUntil(lambda: [e.title for e in pane.backlinks.linked] == ["Deploy the service", "复盘"])
    assert pane.backlinks.isVisible() and "Linked from:" in pane.backlinks.text()

    with qtbot.waitSignal(pane.open_requested, timeout=UI_WAIT_MS) as chosen:
        pane.backlinks.linkActivated.emit(ids["retro"])
    assert chosen.args == [ids["retro"]]

    with qtbot.waitSignal(pane.open_requested, timeout=UI_WAIT_MS) as followed:
        pane.editor.preview.entry_link_clicked.emit("DEPLOY the service")
    assert followed.args == [ids["deploy"]]
    with qtbot.waitSignal(pane.message, timeout=UI_WAIT_MS) as said:
        pane.editor.preview.entry_link_clicked.emit("Nowhere")
    assert said.args == ["No entry named “Nowhere”."]

    pane.open_entry(ids["retro"])
    qtbot.waitUntil(lambda: pane.backlinks.entry_id == ids["retro"] and not pane.backlinks.isVisible())
    pane.clear()
    assert pane.backlinks.entry_id is None and not pane.backlinks.isVisible()


def test_a_hostile_title_in_the_list_is_text(qtbot, session: VaultSession) -> None:
    widget = Backlinks(session)
    qtbot.addWidget(widget)
    widget._show([LinkedEntry("abc", '<img src="/dev/zero"> <a href="x">y</a>')])
    assert "<img" not in widget.text() and "&lt;img" in widget.text() and 'href="x"' not in widget.text()


EMBEDS = (
    "![[a.png]] ![[b.png#part]] ![[c.png|300]] ![[d.png#p|alt]] ![[ e.png ]] ![[dir/f.png]]\n\n"
    "`![[code.png]]` ![[g.png#]] \\![[h.png]] ![[|x]] ![[#only]]\n"
)


def test_the_preview_draws_the_embeds_import_attaches() -> None:
    """One rule (``filerefs.embeds``): every file import would attach is drawn, and no other."""
    targets = {ref.target for ref in filerefs.file_refs(EMBEDS) if ref.wiki}
    assert targets == {"a.png", "b.png", "c.png", "d.png", "e.png", "dir/f.png", "g.png"}
    names = ("a.png", "b.png", "c.png", "d.png", "e.png", "dir/f.png", "g.png", "code.png", "h.png")
    attachments = {name: f"{i:064x}" for i, name in enumerate(names)}
    html = markdown.render(EMBEDS, attachments=attachments)
    drawn = {name for name, sha256 in attachments.items() if markdown.attachment_url(sha256) in html}
    assert drawn == targets


def test_headings_get_anchors_made_of_hex_digits_only() -> None:
    html = markdown.render('# Roll **back** `now`\n\n## <a name="x"> "quoted"\n', lambda t: {})
    assert f'<h1><a name="{markdown.heading_anchor("roll back now")}"></a>' in html
    hostile = markdown.heading_anchor('<a name="x"> "quoted"')
    assert f'<h2><a name="{hostile}"></a>' in html
    assert '<a name="x">' not in html
    assert re.fullmatch(r"h-[0-9a-f]{16}", markdown.heading_anchor('"><script>'))
    assert markdown.heading_anchor("Q1: plan") == markdown.heading_anchor("q1 plan")  # as Obsidian links it
    same = markdown.render("[[#Roll back]] [[Deploy#Roll back|undo]]", lambda t: {"Deploy": "id"})
    assert '<a href="knowhold-entry:%23Roll%20back">Roll back</a>' in same
    assert '<a href="knowhold-entry:Deploy%23Roll%20back">undo</a>' in same


def _heading_at_top(preview: Preview, heading: str) -> bool:
    cursor = preview.document().find(heading)
    top = preview.document().documentLayout().blockBoundingRect(cursor.block()).top()
    return cursor.block().isValid() and abs(preview.verticalScrollBar().value() - top) < 40


def test_a_heading_link_opens_the_entry_at_that_heading(qtbot, pane: EntryPane, ids: dict[str, str]) -> None:
    pane.open_requested.connect(pane.open_entry)  # as the window does
    preview = pane.editor.preview
    pane.editor.toggle_preview()
    pane.open_entry(ids["home"])
    qtbot.waitUntil(lambda: preview.rendered_text == HOME_BODY, timeout=UI_WAIT_MS)
    preview.entry_link_clicked.emit("deploy the service#ROLLBACK")
    qtbot.waitUntil(lambda: preview.rendered_text == DEPLOY_BODY, timeout=UI_WAIT_MS)
    assert preview.verticalScrollBar().value() > 0 and _heading_at_top(preview, "Rollback")

    preview.verticalScrollBar().setValue(0)  # a heading of the shown entry, by its name or by "#" alone
    preview.entry_link_clicked.emit("Deploy the service#Rollback")
    qtbot.waitUntil(lambda: _heading_at_top(preview, "Rollback"), timeout=UI_WAIT_MS)
    preview.verticalScrollBar().setValue(0)
    preview.entry_link_clicked.emit("#rollback")
    assert _heading_at_top(preview, "Rollback")

    preview.verticalScrollBar().setValue(0)  # no such heading: the entry stays where it is
    preview.entry_link_clicked.emit("#Nowhere")
    assert preview.verticalScrollBar().value() == 0

    pane.open_entry(ids["home"])  # a link followed, then another entry chosen first: no scroll later
    qtbot.waitUntil(lambda: preview.rendered_text == HOME_BODY, timeout=UI_WAIT_MS)
    pane.open_requested.disconnect(pane.open_entry)
    with qtbot.waitSignal(pane.open_requested, timeout=UI_WAIT_MS):
        preview.entry_link_clicked.emit("Deploy the service#Rollback")
    pane.open_entry(ids["retro"])
    qtbot.waitUntil(lambda: pane.editor.entry_id == ids["retro"], timeout=UI_WAIT_MS)
    pane.open_entry(ids["deploy"])
    qtbot.waitUntil(lambda: preview.rendered_text == DEPLOY_BODY, timeout=UI_WAIT_MS)
    assert preview.verticalScrollBar().value() == 0


def test_an_alias_link_opens_its_entry_and_is_drawn_as_found(
    qtbot, pane: EntryPane, session: VaultSession, ids: dict[str, str]
) -> None:
    with qtbot.waitSignal(pane.open_requested, timeout=UI_WAIT_MS) as followed:
        pane.editor.preview.entry_link_clicked.emit("ship IT")
    assert followed.args == [ids["deploy"]]
    preview = Preview(resolve=session.resolve_links)
    qtbot.addWidget(preview)
    preview.show_markdown("[[Ship it]]")
    qtbot.waitUntil(lambda: preview.rendered_text == "[[Ship it]]", timeout=UI_WAIT_MS)
    link = preview.document().find("Ship it").charFormat()
    assert link.isAnchor() and link.foreground().color().name() != markdown.MISSING_COLOUR
