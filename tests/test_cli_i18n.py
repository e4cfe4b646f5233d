"""The command line in Chinese: chosen by --lang or the system, same JSON and exit codes, complete catalogue.

What a script reads (JSON keys and values, exit codes) must not change with
the language a person reads; what a person reads must be in their language,
help and argparse's own messages included. The catalogue
(``resources/locale/zh_CN.po``) must hold every marked sentence, translated,
with its placeholders, and ship compiled.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from knowhold.vault import Vault, i18n
from knowhold.vault.cli import main
from knowhold.vault.cli.parser import requested_language
from knowhold.vault.cli.secrets import SecretSource
from knowhold.vault.errors import UsageError
from knowhold.vault.i18n import ENGLISH, SIMPLIFIED_CHINESE, language_from_environment
from knowhold.vault.licensing.identity import Identity, PublicIdentity, load_identity
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock
from tests.licensing_kit import DAY, make_package, make_status, trust

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Placeholders a translation must keep: str.format fields, printf ones (argparse's), Qt's %n and %1.
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sr]|%[srd]|%n|%L?\d")

# The ways to ask for each language: English by default or by name, Chinese by flag or by the system.
ENGLISH_WAYS: list[tuple[list[str], dict[str, str]]] = [([], {}), (["--lang", "en"], {"LANG": "zh_CN.UTF-8"})]
CHINESE_WAYS: list[tuple[list[str], dict[str, str]]] = [
    (["--lang", "zh-CN"], {}),
    ([], {"LANG": "zh_CN.UTF-8"}),
    (["--lang=zh-CN"], {"LANG": "en_GB.UTF-8"}),
    (["--lang", "zh_CN"], {"LANG": "en_GB.UTF-8"}),  # as LANG spells it
]


class Cli:
    def __init__(self, vault: Path, clock: FakeClock) -> None:
        self.vault = vault
        self.clock = clock
        # No locale variables of the test machine's own: each test says which language it wants.
        self.env = {"KNOWHOLD_VAULT": str(vault), "KNOWHOLD_PASSPHRASE": PASSPHRASE}

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(
            list(args),
            environ={**self.env, **(env or {})},
            stdin=io.StringIO(""),
            stdout=out,
            stderr=err,
            clock=self.clock,
            kdf=FAST_KDF,
        )
        return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock) -> Cli:
    cli = Cli(tmp_path / "vault", clock)
    assert cli("init", "--name", "Li Wei", "--json")[0] == 0
    return cli


@pytest.fixture
def entry(cli: Cli, tmp_path: Path) -> str:
    body = tmp_path / "body.md"
    body.write_text("Rotate the keys first, then restart the 数据库.\n", encoding="utf-8")
    code, out, _ = cli(
        "add", "--kind", "playbook", "--title", "密钥轮换", "--tag", "ops", "--file", str(body)
    )
    assert code == 0
    cli("add", "--kind", "note", "--title", "Private", "--private", "--file", str(body))
    return out.strip()


def trusting(cli: Cli, clock: FakeClock, licensor: Identity, verified: bool = True) -> PublicIdentity:
    """The command line vault's own public identity, once it trusts ``licensor``."""
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        trust(vault, licensor, verified=verified)
        return load_identity(vault.db).public


# -- choosing the language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, SIMPLIFIED_CHINESE),
        ({"LANG": "zh_SG.UTF-8"}, SIMPLIFIED_CHINESE),
        ({"LC_ALL": "zh_Hans"}, SIMPLIFIED_CHINESE),
        ({"LANG": "zh_TW.UTF-8"}, ENGLISH),  # traditional script: no guess
        ({"LANG": "de_DE.UTF-8"}, ENGLISH),
        ({"LANG": "C.UTF-8"}, ENGLISH),
        ({}, ENGLISH),
        # gettext's order: the first variable set wins, and LANGUAGE lists preferences.
        ({"LANGUAGE": "de:zh_CN", "LANG": "en_US.UTF-8"}, SIMPLIFIED_CHINESE),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, ENGLISH),
        ({"LC_MESSAGES": "zh_CN.GB18030@pinyin", "LANG": "en_US"}, SIMPLIFIED_CHINESE),
        ({"LANGUAGE": "", "LANG": "zh_CN.UTF-8"}, SIMPLIFIED_CHINESE),  # set but empty: not chosen
    ],
)
def test_the_system_language_is_read_as_gettext_does(environ, expected) -> None:
    assert language_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "zh-CN", "list"], SIMPLIFIED_CHINESE),
        (["list", "--lang=zh-CN"], SIMPLIFIED_CHINESE),
        (["--lang", "zh-CN", "--lang", "en"], ENGLISH),  # the last one, as argparse takes it
        (["--lang", "fr"], None),  # not ours: the system's, and argparse says why
        (["search", "--", "--lang", "zh-CN"], None),  # a search for the words, not the flag
        (["--lang"], None),
        (["list"], None),
    ],
)
def test_lang_is_read_before_parsing(argv, expected) -> None:
    assert requested_language(argv) == expected


def test_the_language_is_the_runs_own(cli: Cli) -> None:
    """A run in Chinese leaves the process in the language it found (the app's, or a test's)."""
    assert i18n.current_language() == ENGLISH
    cli("list", "--lang", "zh-CN")
    assert i18n.current_language() == ENGLISH
    with i18n.using(SIMPLIFIED_CHINESE):
        cli("list", "--lang", "en")
        assert i18n.current_language() == SIMPLIFIED_CHINESE


# -- same JSON, same exit codes, Chinese text ----------------------------------------------------


READ_ONLY = [
    ("list",),
    ("list", "--trash"),
    ("tags",),
    ("search", "密钥"),
    ("scan",),
    ("template", "playbook"),
    ("identity", "show"),
    ("contacts", "list"),
    ("license", "list"),
    ("license", "totals"),
    ("received", "list"),
    ("audit",),
]


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_json_and_exit_codes_do_not_change_with_the_language(cli: Cli, entry: str, command) -> None:
    english = [cli(*command, *flags, "--json", env=env) for flags, env in ENGLISH_WAYS]
    chinese = [cli(*command, *flags, "--json", env=env) for flags, env in CHINESE_WAYS]
    code, out, err = english[0]
    assert code == 0 and err == ""
    json.loads(out)
    assert {run[:2] for run in english + chinese} == {(code, out)}


def test_an_entry_reads_in_chinese_and_its_json_does_not(cli: Cli, entry: str) -> None:
    assert cli("show", entry, "--json") == cli("show", entry, "--json", "--lang", "zh-CN")
    assert cli("history", entry, "--json") == cli("history", entry, "--json", env={"LANG": "zh_CN.UTF-8"})
    code, out, err = cli("show", entry, "--lang", "zh-CN")
    assert code == 0 and err == ""
    assert f"id：{entry}   类型：playbook   版本：1" in out  # codes (the kind) stay as scripts write them
    assert "标签：#ops" in out
    assert "id: " not in cli("show", entry, env={"LANG": "zh_CN.UTF-8"})[1]
    assert "个字符" in cli("history", entry, "--lang", "zh-CN")[1]
    assert "[私密]" in cli("list", "--lang", "zh-CN")[1]
    assert "[private]" in cli("list")[1]


def test_results_of_changes_read_in_chinese_with_the_same_json(cli: Cli, entry: str) -> None:
    english = json.loads(cli("rm", entry, "--json")[1])
    cli("restore", entry)
    chinese = json.loads(cli("rm", entry, "--json", "--lang", "zh-CN")[1])
    assert english == chinese
    code, out, _ = cli("restore", entry, "--lang", "zh-CN")
    assert (code, out) == (0, f"已从回收站恢复 {entry}。\n")
    code, out, _ = cli("empty-trash", "--lang", "zh-CN")
    assert (code, out) == (0, "已永久删除 0 个条目。\n")
    assert cli("empty-trash")[1] == "Deleted 0 entries for good.\n"


# -- errors: one Chinese line, the same exit code ------------------------------------------------


FAILURES = [
    (1, ("show", "0000000000")),  # a core error with the core's details
    (2, ("list", "--kind", "nope")),  # argparse's own message
    (2, ("show",)),  # argparse: a required argument
    (2, ("list", "--no-such-flag", "secret-value")),
    (2, ("edit", "0000000000")),  # the command line's own error
    (2, ("verify", "/no/such/file.knowhold")),
    (2, ("contacts", "verify", "Nobody", "AAAA-BBBB")),  # a core error the core words precisely
]


@pytest.mark.parametrize(
    ("exit_code", "command"), FAILURES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_an_error_is_one_chinese_line_with_the_english_exit_code(cli: Cli, exit_code: int, command) -> None:
    code, out, english = cli(*command)
    assert code == exit_code and out == ""
    for flags, env in CHINESE_WAYS:
        code, out, err = cli(*command, *flags, env=env)
        assert (code, out) == (exit_code, ""), err
        assert err.startswith("knowhold: ") and err.count("\n") == 1 and err.endswith("\n"), err
        assert CJK.search(err), err
        assert "Traceback" not in err
        assert err != english
    assert "secret-value" not in cli("list", "--no-such-flag", "secret-value", "--lang", "zh-CN")[2]


def test_a_core_error_says_its_class_sentence_in_chinese_with_the_cores_details(cli: Cli) -> None:
    err = cli("show", "0000000000", "--lang", "zh-CN")[2]
    assert err.startswith("knowhold: 找不到该条目。详情：No entry")
    missing = Cli(cli.vault.parent / "nothing-here", cli.clock)
    err = missing("list", "--lang", "zh-CN")[2]
    hint = "请用 `knowhold init` 创建一个（或试试 `knowhold demo`）。"
    assert err == f"knowhold: {missing.vault} 没有保险库。{hint}\n"


def test_a_check_failure_keeps_its_exit_code_and_json(cli: Cli, tmp_path: Path) -> None:
    package = tmp_path / "broken.knowhold"
    package.write_bytes(b"not a package")
    english = cli("verify", str(package), "--json")
    assert english[0] == 10
    assert cli("verify", str(package), "--json", "--lang", "zh-CN") == english
    code, _, err = cli("verify", str(package), "--lang", "zh-CN")
    assert code == 10 and err.startswith("knowhold: 无效（") and err.count("\n") == 1


def test_verify_reads_its_checks_in_chinese_and_its_json_does_not_change(
    cli: Cli, tmp_path: Path, clock: FakeClock, licensor: Identity
) -> None:
    """The employer's most used command: each check's words translated, the values in them intact."""
    mine = trusting(cli, clock, licensor, verified=False)
    package = tmp_path / "li.knowhold"
    package.write_bytes(make_package(licensor, mine, allow=("ai-retrieval",)))

    code, english, _ = cli("verify", str(package))
    assert code == 0
    assert f"ok    addressed   addressed to this vault ({mine.fingerprint})\n" in english
    assert f"known, not verified: contact Li Wei ({licensor.public.fingerprint})" in english
    json_english = cli("verify", str(package), "--json")
    details = {c["name"]: c["detail"] for c in json.loads(json_english[1])["checks"]}
    assert details["addressed"] == f"addressed to this vault ({mine.fingerprint})"  # what scripts read
    assert details["revocation"] == "no status document known: not known to be revoked"
    for args, env in CHINESE_WAYS:
        assert cli("verify", str(package), "--json", *args, env=env) == json_english
        code, chinese, _ = cli("verify", str(package), *args, env=env)
        assert code == 0
        lines = dict(line.split(maxsplit=2)[1:] for line in chinese.splitlines()[:10])
        assert lines["format"] == "格式、签名和规范形式均有效"
        assert lines["integrity"] == "2 个条目均已解密，且与各自的哈希值相符"
        assert lines["addressed"] == f"接收方为此保险库（{mine.fingerprint}）"
        assert lines["trust"] == f"已知，未验证：联系人 Li Wei（{licensor.public.fingerprint}）"
        assert lines["revocation"] == "没有已知的状态文件：未发现已被撤销"
        # The permissions' names are the terms' own words, as --allow takes them.
        allowed = "允许：view, ai-retrieval；禁止：copy-excerpts, ai-training, redistribute"
        assert lines["permissions"] == allowed + "；AI 的使用须经人工审核"
        assert lines["expiry"].startswith("于 2026-") and lines["expiry"].endswith(" 结束")
        assert all(CJK.search(text) for text in lines.values())


def test_a_failing_checks_reason_is_chinese_too(cli: Cli, tmp_path: Path, licensor: Identity) -> None:
    package = tmp_path / "li.knowhold"
    package.write_bytes(make_package(licensor, licensor.public))  # addressed to someone else
    english = cli("verify", str(package), "--json")
    assert english[0] == 15
    assert cli("verify", str(package), "--json", "--lang", "zh-CN") == english
    code, out, err = cli("verify", str(package), "--lang", "zh-CN")
    assert code == 15
    assert f"接收方为 Li Wei（{licensor.public.fingerprint}），而不是此保险库（" in out
    assert err.startswith("knowhold: 无效（addressed）：接收方为 Li Wei（") and err.count("\n") == 1


# -- help and prompts ----------------------------------------------------------------------------


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str], cli: Cli) -> None:
    assert cli("--help", "--lang", "zh-CN")[0] == 0
    top = capsys.readouterr().out
    assert top.startswith("用法：knowhold")
    assert "把你的工作知识存进加密保险库" in top and "显示此帮助信息并退出" in top
    assert "--lang {en,zh-CN}" in top  # the flags and their values stay as typed
    assert cli("license", "issue", "--help", env={"LANG": "zh_CN.UTF-8"})[0] == 0
    issue = capsys.readouterr().out
    assert "被授权方：联系人的名称" in issue and "--allow-sensitive" in issue
    assert cli("--help")[0] == 0
    assert capsys.readouterr().out.startswith("usage: knowhold")


def test_every_commands_help_formats_in_chinese(capsys: pytest.CaptureFixture[str], cli: Cli) -> None:
    """argparse formats help with %: a stray one in a translation would fail `--help` with a traceback."""
    import argparse

    from knowhold.vault.cli.parser import build_parser

    def commands(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [words]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += commands(sub, (*words, name))
        return found

    with i18n.using(SIMPLIFIED_CHINESE):
        every = commands(build_parser(), ())
    assert len(every) > 40
    for words in every:
        code, _, err = cli(*words, "--help", "--lang", "zh-CN")
        assert (code, err) == (0, ""), words
        assert CJK.search(capsys.readouterr().out), words


def test_passphrase_prompts_are_in_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def prompt(text: str) -> str:
        asked.append(text)
        return "correct horse battery staple 42"

    source = SecretSource(environ={}, prompt=prompt, interactive=lambda: True)
    with i18n.using(SIMPLIFIED_CHINESE):
        source.passphrase()
        source.new_passphrase("KNOWHOLD_NEW_PASSPHRASE")
        source.recovery_code()
    assert asked == ["主密码：", "新主密码：", "再次输入新主密码：", "恢复码："]
    silent = SecretSource(environ={}, interactive=lambda: False)
    with (
        i18n.using(SIMPLIFIED_CHINESE),
        pytest.raises(UsageError, match="没有恢复码：请设置 KNOWHOLD_RECOVERY_CODE"),
    ):
        silent.recovery_code()


# -- the catalogue -------------------------------------------------------------------------------


def catalogue():
    with open(LOCALE / "zh_CN.po", "rb") as file:
        return read_po(file, locale="zh_CN")


def extracted() -> set[str | tuple[str, str]]:
    """What `make translations` would extract: every _(), N_(), ngettext() in vault/ and ui/errors.py,
    and argparse's own messages."""
    import argparse

    keywords = {**extract.DEFAULT_KEYWORDS, "N_": None}
    found: set[str | tuple[str, str]] = set()
    files = [*sorted((ROOT / "vault").rglob("*.py")), ROOT / "ui" / "errors.py", Path(argparse.__file__)]
    for path in files:
        with open(path, "rb") as source:
            for _lineno, message, _comments, _context in extract.extract("python", source, keywords):
                found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def test_every_marked_sentence_is_in_the_catalogue_and_nothing_else() -> None:
    in_catalogue = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogue() if m.id}
    assert extracted() - in_catalogue == set(), "run `make translations` and translate the new sentences"
    assert in_catalogue - extracted() == set(), "run `make translations`: these are no longer in the code"


def test_every_sentence_is_translated_with_its_placeholders() -> None:
    messages = [m for m in catalogue() if m.id]
    assert len(messages) > 200
    for m in messages:
        sources = [m.id] if isinstance(m.id, str) else list(m.id)
        forms = [m.string] if isinstance(m.string, str) else list(m.string)
        assert "fuzzy" not in m.flags, f"unfinished: {sources[0]!r}"
        assert len(forms) == 1, f"Chinese has one plural form: {sources[0]!r}"  # nplurals=1
        for form in forms:
            assert form.strip(), f"not translated: {sources[0]!r}"
            # A lost placeholder shows a sentence without its name or number; an added one fails to format.
            assert sorted(set(PLACEHOLDER.findall(form))) == sorted(set(PLACEHOLDER.findall(sources[-1]))), (
                sources,
                form,
            )


def test_the_compiled_catalogue_is_fresh() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue())
    assert compiled.getvalue() == (LOCALE / "zh_CN.mo").read_bytes(), "run `make translations`"


def test_a_missing_catalogue_is_english_not_a_traceback(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    class Nowhere:
        def __truediv__(self, name: str) -> Nowhere:
            return self

        def read_bytes(self) -> bytes:
            raise FileNotFoundError("no zh_CN.mo")

    monkeypatch.setattr(i18n.resources, "files", lambda package: Nowhere())
    i18n.catalogue.cache_clear()
    try:
        assert i18n.catalogue(SIMPLIFIED_CHINESE).gettext("No matches.") == "No matches."
        assert "no usable catalogue" in caplog.text
    finally:
        i18n.catalogue.cache_clear()


def test_the_catalogue_ships_in_the_installed_package() -> None:
    """Read as the wheel and the frozen app read it: importlib.resources, in a process of its own."""
    script = (
        "from knowhold.vault import i18n; "
        "print(i18n.catalogue(i18n.SIMPLIFIED_CHINESE).gettext('No matches.'))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out == "没有匹配的结果。\n"


def test_a_refresh_says_its_changes_in_chinese_and_its_json_does_not_change(
    cli: Cli, tmp_path: Path, clock: FakeClock, licensor: Identity
) -> None:
    mine = trusting(cli, clock, licensor)
    kept, revoked = (make_package(licensor, mine, status_url="https://li.example/s") for _ in range(2))
    ids = []
    for data in (kept, revoked):
        package = tmp_path / "li.knowhold"
        package.write_bytes(data)
        code, out, _ = cli("received", "ingest", str(package), "--json")
        assert code == 0
        ids.append(json.loads(out)["license_id"])
    clock.advance(DAY)
    status = tmp_path / "li.status"
    gone, renewed = [(ids[1], clock.now, "")], [(ids[0], clock.now + 90 * DAY)]
    status.write_bytes(make_status(licensor, 1, issued_at=clock.now, revoked=gone, renewed=renewed))
    # The same refresh three times over, on copies of the vault: English JSON, Chinese JSON, Chinese text.
    copies = []
    for name in ("en", "zh-json", "zh"):
        shutil.copytree(cli.vault, tmp_path / name)
        copies.append(Cli(tmp_path / name, clock))
    english = copies[0]("received", "refresh", "--status", str(status), "--json")
    assert english[0] == 0
    changes = json.loads(english[1])["changes"]
    assert changes[0].startswith("Status document 1 from Li Wei (issued ")
    assert f"License {ids[1]} was revoked (no reason given); its content was destroyed." in changes
    assert copies[1]("received", "refresh", "--status", str(status), "--json", "--lang", "zh-CN") == english
    code, chinese, _ = copies[2]("received", "refresh", "--status", str(status), "--lang", "zh-CN")
    assert code == 0
    assert "file: 已接受 Li Wei 的状态文件 1（签发于 " in chinese
    assert f"file: 授权 {ids[1]} 已被撤销（未说明原因）；其内容已销毁。\n" in chinese
    assert f"file: 授权 {ids[0]} 已续期至 " in chinese


def test_issuings_warnings_read_in_chinese_and_stay_english_in_json(
    cli: Cli, entry: str, tmp_path: Path, clock: FakeClock, stranger: Identity
) -> None:
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        trust(vault, stranger, verified=False)
    fingerprint = stranger.public.fingerprint
    english = (
        f"Mallory is not verified: compare fingerprints with them ({fingerprint}), then mark them verified."
    )

    def issue(*more: str) -> tuple[int, str, str]:
        out = tmp_path / f"{len(more)}.knowhold"
        args = ("license", "issue", "--to", "Mallory", "--expires", "90d", "--tag", "ops")
        return cli(*args, *more, "--out", str(out))

    for more in (["--json"], ["--json", "--lang", "zh-CN"]):
        code, out, _ = issue(*more)
        assert code == 0 and json.loads(out)["warnings"] == [english]
    code, out, _ = issue("--lang", "zh-CN")
    assert code == 0
    assert f"Mallory 尚未验证：请与对方核对指纹（{fingerprint}），然后将其标记为已验证。" in out


def test_imports_skip_reasons_read_in_chinese_and_stay_english_in_json(cli: Cli, tmp_path: Path) -> None:
    picture = tmp_path / "picture.bin"
    picture.write_bytes(b"\x89PNG")
    english = cli("import", str(picture), "--json")
    assert english[0] == 0
    assert [s["reason"] for s in json.loads(english[1])["skipped"]] == ["not a Markdown file"]
    assert cli("import", str(picture), "--json", "--lang", "zh-CN") == english
    code, out, _ = cli("import", str(picture), "--lang", "zh-CN")
    assert code == 0 and "：不是 Markdown 文件\n" in out


def test_self_tests_steps_read_in_chinese_and_stay_english_in_json(clock: FakeClock) -> None:
    def self_test(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        code = main(["self-test", *args], environ={}, stdout=out, stderr=io.StringIO(), clock=clock)
        return code, out.getvalue()

    def steps(*args: str) -> list[tuple[str, str]]:
        code, out = self_test("--json", *args)
        assert code == 0
        # Each run issues a license of its own: its id is the one difference.
        return [
            (s["name"], re.sub(r"license [0-9a-f]{8}:", "license ID:", s["detail"]))
            for s in json.loads(out)["steps"]
        ]

    english = steps()
    assert ("search Chinese", "'投诉' finds the Chinese entry") in english
    assert steps("--lang", "zh-CN") == english
    code, out = self_test("--lang", "zh-CN")
    assert code == 0
    assert "'投诉' 找到了中文条目" in out and "两条哈希链均完整（3 条和 4 条记录）" in out
    assert all(CJK.search(line) for line in out.splitlines())


def test_why_a_license_is_not_active_reads_in_chinese_and_stays_english_in_json(
    cli: Cli, tmp_path: Path, clock: FakeClock, licensor: Identity
) -> None:
    mine = trusting(cli, clock, licensor)
    package = tmp_path / "later.knowhold"
    package.write_bytes(make_package(licensor, mine, not_before=clock.now + 10 * DAY))
    code, out, _ = cli("received", "ingest", str(package), "--lang", "zh-CN")
    assert code == 0
    # The status is the name scripts read too; why, in the reader's language.
    assert "状态：not-yet-valid (2026-10-01T14:13:20Z 开始)\n" in out
    code, out, _ = cli("received", "list", "--json", "--lang", "zh-CN")
    [listed] = json.loads(out)["licenses"]
    assert listed["status_detail"].startswith("starts 20")
