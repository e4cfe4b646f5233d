"""Importing notes that are not UTF-8: what is detected, what is refused and why (issue 10).

The fixtures are real bytes: Chinese paragraphs encoded as GB18030 and GBK
(the ANSI encoding of Chinese Windows), Shift-JIS, Big5 and EUC-KR, UTF-16
with a BOM as Notepad writes it, Windows-1252 French, KOI8-R Russian, a
line too short to tell, and a PNG. A refused file must leave the vault as
it was, and the command line must report each file as a script reads it.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.notes import DecodedText, Undecodable, decode_text
from knowhold.vault.knowledge.porting import SkipReason
from tests.conftest import FakeClock
from tests.test_cli import Cli

WEEKLY = (
    "# 周报：客户数据迁移\n\n"
    "本周完成了客户数据迁移的第一阶段，共迁移了三百二十个账户。迁移过程中发现旧系统的日期格式不统一，"
    "部分记录使用农历日期，需要人工核对。 #复盘\n\n"
    "下周计划：与财务部门确认对账规则，整理迁移脚本，并编写操作手册，方便其他同事接手。\n"
)
MEETING_TXT = (
    "会议纪要\r\n---\r\n"
    "明天下午三点在三楼会议室开会，讨论第二季度的预算安排，请各部门负责人准时参加。\r\n"
    "#不是标签 这一行是纯文本。\r\n"
)
FOUR_BYTES = "# 复盘\n\n欧元符号€，四字节字符𠀀与㐀。\n" + WEEKLY
JAPANESE = (
    "# 議事録\n\n本日の会議では、来期の予算案について議論しました。"
    "営業部からは新しい顧客管理システムの導入が提案され、費用対効果の検討を続けることになりました。\n"
)
TRADITIONAL = (
    "# 會議紀錄\n\n今天的會議討論了下一季的預算。業務部門提出導入新的客戶管理系統，並將繼續評估成本效益。\n"
)
KOREAN = (
    "# 회의록\n\n오늘 회의에서는 다음 분기 예산에 대해 논의했습니다. "
    "영업부는 새로운 고객 관리 시스템 도입을 제안했습니다.\n"
)
FRENCH = "# Réunion d'équipe\n\nNous avons décidé de déménager le bureau. Élève, garçon, naïve, Noël.\n"
RUSSIAN = "Привет, мир! Сегодня мы обсудили бюджет на следующий квартал и решили перенести встречу.\n"
PNG = codecs.decode(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5dd1a3e0000000049454e44ae426082",
    "hex",
)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (WEEKLY.encode("gb18030"), WEEKLY, "gb18030"),
        (MEETING_TXT.encode("gbk"), MEETING_TXT, "gb18030"),  # GB18030 holds GBK: the same text
        (FOUR_BYTES.encode("gb18030"), FOUR_BYTES, "gb18030"),  # past GBK: € and four-byte 𠀀
        (JAPANESE.encode("shift_jis"), JAPANESE, "cp932"),
        (JAPANESE.encode("euc_jp"), JAPANESE, "euc_jp"),
        (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
        (KOREAN.encode("euc_kr"), KOREAN, "cp949"),
        ("复盘\r\n".encode("utf-16"), "复盘\r\n", "utf-16"),  # Notepad's "Unicode": a BOM
        (codecs.BOM_UTF16_BE + WEEKLY.encode("utf-16-be"), WEEKLY, "utf-16"),
        (codecs.BOM_UTF8 + WEEKLY.encode(), WEEKLY, "utf-8"),
    ],
)
def test_detected(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_text(data)
    assert isinstance(decoded, DecodedText)
    assert decoded.encoding == encoding
    assert decoded.text == text


@pytest.mark.parametrize(
    ("data", "verdict"),
    [
        # Single-byte code pages: every byte is a letter in each, so none is taken.
        (FRENCH.encode("cp1252"), Undecodable.CODE_PAGE),
        ("café".encode("latin-1"), Undecodable.CODE_PAGE),
        (RUSSIAN.encode("koi8_r"), Undecodable.CODE_PAGE),
        (RUSSIAN.encode("cp1251"), Undecodable.CODE_PAGE),
        # Four GBK characters read as cleanly in EUC-KR and Shift-JIS: too short to tell.
        ("复盘笔记".encode("gbk"), Undecodable.UNSURE),
        (b"\xb8\xb4", Undecodable.UNSURE),
        # Binary, and UTF-8 that is broken: refused, never read as some other encoding.
        (PNG, Undecodable.BINARY),
        (bytes(range(128, 256)), Undecodable.BINARY),
        (WEEKLY.encode()[:40] + b"\xff" + WEEKLY.encode()[40:], Undecodable.BINARY),
        (WEEKLY.encode()[:-2], Undecodable.BINARY),  # cut inside the last character
        (codecs.BOM_UTF8 + WEEKLY.encode("gb18030"), Undecodable.BINARY),  # a mark that lies
        ("ab\x00cd".encode("gb18030"), Undecodable.BINARY),
    ],
)
def test_refused(data: bytes, verdict: Undecodable) -> None:
    assert decode_text(data) is verdict


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    root = tmp_path / "legacy"
    _write(root / "周报.md", WEEKLY.encode("gb18030"))
    _write(root / "会议 纪要.txt", MEETING_TXT.encode("gbk"))
    _write(root / "jp" / "議事録.md", JAPANESE.encode("shift_jis"))
    _write(root / "tw.md", TRADITIONAL.encode("big5"))
    _write(root / "unicode.txt", "记事本的 Unicode\r\n".encode("utf-16"))
    _write(root / "french.md", FRENCH.encode("cp1252"))
    _write(root / "short.txt", "复盘笔记".encode("gbk"))
    _write(root / "image.md", PNG)  # an image with a note's name
    _write(root / "image.png", PNG)
    return root


LEGACY_SKIPPED = {
    "legacy/french.md": SkipReason.CODE_PAGE,
    "legacy/short.txt": SkipReason.UNSURE_ENCODING,
    "legacy/image.md": SkipReason.NOT_TEXT,
    "legacy/image.png": SkipReason.NOT_MARKDOWN,
}
LEGACY_CONVERTED = {
    "legacy/周报.md": "gb18030",
    "legacy/会议 纪要.txt": "gb18030",
    "legacy/jp/議事録.md": "cp932",
    "legacy/tw.md": "big5",
}


def test_import_reads_legacy_encodings_and_lists_the_rest(vault: Vault, legacy: Path) -> None:
    summary = import_markdown(vault, [legacy])
    assert (summary.created, summary.updated, summary.unchanged) == (5, 0, 0)
    assert dict(summary.skipped) == LEGACY_SKIPPED
    assert dict(summary.converted) == LEGACY_CONVERTED

    weekly = vault.entries.by_source("md:legacy/周报.md")
    assert weekly is not None
    assert (weekly.title, weekly.body, weekly.tags) == ("周报", WEEKLY, ("复盘",))
    meeting = vault.entries.by_source("md:legacy/会议 纪要.txt")
    assert meeting is not None
    # Plain text: the file name is the title; "---" and "#" lines are text, not front matter or tags.
    assert (meeting.title, meeting.body, meeting.tags) == ("会议 纪要", MEETING_TXT, ())
    assert vault.entries.by_source("md:legacy/unicode.txt") is not None

    again = import_markdown(vault, [legacy])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)


def test_a_refused_file_changes_nothing_stored(vault: Vault, tmp_path: Path, clock: FakeClock) -> None:
    root = tmp_path / "notes"
    _write(root / "plan.md", FRENCH.encode())
    import_markdown(vault, [root])
    before = vault.entries.by_source("md:notes/plan.md")
    assert before is not None

    clock.advance(60)
    for data, reason in (
        (FRENCH.replace("bureau", "siège").encode("cp1252"), SkipReason.CODE_PAGE),
        ("复盘笔记".encode("gbk"), SkipReason.UNSURE_ENCODING),
        (PNG, SkipReason.NOT_TEXT),
    ):
        _write(root / "plan.md", data)
        summary = import_markdown(vault, [root])
        assert summary.skipped == (("notes/plan.md", reason),)
        assert summary.created == summary.updated == 0
        assert vault.entries.by_source("md:notes/plan.md") == before
    assert vault.entries.page()[1] == 1

    _write(root / "plan.md", FRENCH.replace("bureau", "siège").encode())  # saved as UTF-8: taken
    assert import_markdown(vault, [root]).updated == 1


def test_code_is_not_a_source_of_tags_on_import(vault: Vault, tmp_path: Path) -> None:
    root = tmp_path / "vault"
    body = (
        "# Colours\n\n> [!example]\n> ```css\n> .red { color: #ff0000; }\n> ```\n\n"
        "    #indented\n\nUse `#00ff00` for #design\n"
    )
    _write(root / "Colours.md", body.encode())
    import_markdown(vault, [root])
    entry = vault.entries.by_source("md:vault/Colours.md")
    assert entry is not None and entry.tags == ("design",)


def test_cli_import_reports_each_file(tmp_path: Path, clock: FakeClock, legacy: Path) -> None:
    cli = Cli(tmp_path / "kh", clock)
    cli.json("init", "--name", "Li Wei")
    doc = cli.json("import", str(legacy))
    assert doc["created"] == 5
    assert {s["path"]: s["reason"] for s in doc["skipped"]} == {p: str(r) for p, r in LEGACY_SKIPPED.items()}
    assert {c["path"]: c["encoding"] for c in doc["converted"]} == LEGACY_CONVERTED

    code, out, err = cli("import", str(legacy))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Imported 0 new, 0 updated, 5 unchanged, 4 skipped."
    assert "  read as big5: legacy/tw.md" in lines
    assert f"  skipped legacy/french.md: {SkipReason.CODE_PAGE}" in lines
    assert f"  skipped legacy/short.txt: {SkipReason.UNSURE_ENCODING}" in lines
    assert f"  skipped legacy/image.md: {SkipReason.NOT_TEXT}" in lines
