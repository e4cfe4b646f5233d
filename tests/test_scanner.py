"""Tests for vault.scanner: what it finds, what it leaves alone, spans, redaction, speed.

Secret-looking test values are assembled from pieces so that secret scanners
pointed at this repository do not report the test file itself.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge import normalise
from knowhold.vault.knowledge.scanner import (
    KINDS,
    Finding,
    cnid_check_char,
    luhn_ok,
    placeholder,
    redact,
    scan,
    scan_entry,
)

# ---- helpers written independently of the module under test -------------------------


def luhn_complete(partial: str) -> str:
    """``partial`` plus the digit that makes it pass Luhn."""
    for last in "0123456789":
        digits = partial + last
        total = 0
        for i, ch in enumerate(digits[::-1]):
            d = int(ch) * (2 if i % 2 else 1)
            total += d // 10 + d % 10
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


def iso7064_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 written from its definition (weights 2^(17-i) mod 11)."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def only(text: str) -> Finding:
    findings = scan(text)
    assert len(findings) == 1, findings
    return findings[0]


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in scan(text)]


# ---- e-mail ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mail zhang.san@example.com today", "zhang.san@example.com"),
        ("联系邮箱zhang.san@example.com谢谢", "zhang.san@example.com"),
        ("Write to a.b+tag@sub.example.co.uk.", "a.b+tag@sub.example.co.uk"),
        ("(li_wei@corp-mail.cn)", "li_wei@corp-mail.cn"),
        ("手机邮箱13812345678@163.com，", "13812345678@163.com"),
    ],
)
def test_finds_email(text: str, value: str) -> None:
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("email", value, "e-mail address")


@pytest.mark.parametrize(
    "text",
    ["root@localhost", "user@", "@example.com", "a@b.c", "@@@", "x@-example-.com"],
)
def test_rejects_non_email(text: str) -> None:
    assert scan(text) == []


def test_full_width_email_is_found_with_original_text() -> None:
    text = "邮箱：ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ。"
    f = only(text)
    assert f.kind == "email"
    assert f.text == "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ" == text[f.start : f.end]


# ---- phone -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "detail"),
    [
        ("Call +44 20 7946 0958 now", "+44 20 7946 0958", "international phone number"),
        ("US: +1 (415) 555-0132.", "+1 (415) 555-0132", "international phone number"),
        ("电话13812345678联系", "13812345678", "China mobile number"),
        ("手机：+86 138 1234 5678。", "+86 138 1234 5678", "China mobile number"),
        ("+8613812345678", "+8613812345678", "China mobile number"),
        ("号码138-1234-5678，", "138-1234-5678", "China mobile number"),
        ("0086 139 8765 4321", "0086 139 8765 4321", "China mobile number"),
        ("办公室010-62345678转", "010-62345678", "China landline number"),
        ("订单 2024 13812345678", "13812345678", "China mobile number"),
    ],
)
def test_finds_phone(text: str, value: str, detail: str) -> None:
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("phone", value, detail)


@pytest.mark.parametrize(
    "text",
    [
        "12345678901",  # 12… is no mobile prefix
        "x13812345678",  # inside a word
        "ID138123456789",  # twelve digits
        "138123456789",
        "+12 345",  # too few digits for a phone
        "score +100",
        "13812345678.5",
    ],
)
def test_rejects_non_phone(text: str) -> None:
    assert [f for f in scan(text) if f.kind == "phone"] == []


def test_phone_groups_stop_at_fifteen_digits() -> None:
    # E.164 numbers have at most 15 digits: a number after it is not swallowed.
    assert found("+44 20 7946 0958 1234 5") == [("phone", "+44 20 7946 0958")]


# ---- China resident ID ---------------------------------------------------------------


def test_check_character_matches_the_standard_and_the_definition() -> None:
    # The two examples printed in GB 11643-1999.
    assert cnid_check_char("11010519491231002") == "X"
    assert cnid_check_char("44052418800101001") == "4"
    rng = random.Random(11643)
    for _ in range(200):
        digits = "".join(rng.choice("0123456789") for _ in range(17))
        assert cnid_check_char(digits) == iso7064_check(digits)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("身份证号11010519491231002X。", "11010519491231002X"),
        ("身份证号11010519491231002x，", "11010519491231002x"),
        ("ID: 440524188001010014", "440524188001010014"),
        ("证件 110105 19491231 002X 已核对", "110105 19491231 002X"),
    ],
)
def test_finds_cn_id(text: str, value: str) -> None:
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("cn-id", value, "China resident ID number")


def test_generated_ids_are_found() -> None:
    for first17 in ("32010219900307123", "51010720000229456", "65010219851231789"):
        number = first17 + iso7064_check(first17)
        assert found(f"号码{number}号") == [("cn-id", number)]


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",  # wrong check character
        "11010519490230002" + iso7064_check("11010519490230002"),  # 30 February
        "11010519491331002" + iso7064_check("11010519491331002"),  # month 13
        "99010519491231002" + iso7064_check("99010519491231002"),  # no province 99
        "11010521491231002" + iso7064_check("11010521491231002"),  # born in 2149
    ],
)
def test_rejects_invalid_cn_id(number: str) -> None:
    assert [f for f in scan(f"证件{number}。") if f.kind == "cn-id"] == []


def test_cn_id_inside_longer_number_is_not_reported() -> None:
    assert [f for f in scan("911010519491231002X") if f.kind == "cn-id"] == []


# ---- payment cards -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "detail"),
    [
        ("card 4111 1111 1111 1111 ok", "4111 1111 1111 1111", "Luhn-valid card number (Visa)"),
        ("4111-1111-1111-1111", "4111-1111-1111-1111", "Luhn-valid card number (Visa)"),
        ("卡号4111111111111111，", "4111111111111111", "Luhn-valid card number (Visa)"),
        ("5555555555554444", "5555555555554444", "Luhn-valid card number (Mastercard)"),
        ("Amex 378282246310005.", "378282246310005", "Luhn-valid card number (Amex)"),
        ("Amex 3782 822463 10005", "3782 822463 10005", "Luhn-valid card number (Amex)"),
        ("4111 1111 1111 1111 123", "4111 1111 1111 1111", "Luhn-valid card number (Visa)"),
    ],
)
def test_finds_card(text: str, value: str, detail: str) -> None:
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("card", value, detail)


def test_finds_generated_unionpay_19_digits() -> None:
    number = luhn_complete("621234567890123456")
    grouped = " ".join([number[:4], number[4:8], number[8:12], number[12:16], number[16:]])
    assert found(f"银联卡{number}到期") == [("card", number)]
    assert found(f"银联卡 {grouped} 到期") == [("card", grouped)]


def test_cards_right_after_other_numbers() -> None:
    assert found("4111 1111 1111 1111 5555 5555 5555 4444 3782 822463 10005") == [
        ("card", "4111 1111 1111 1111"),
        ("card", "5555 5555 5555 4444"),
        ("card", "3782 822463 10005"),
    ]
    assert found("10.0.0.12 4111 1111 1111 1111") == [
        ("ipv4", "10.0.0.12"),
        ("card", "4111 1111 1111 1111"),
    ]
    assert found("+44 20 7946 0958 4111 1111 1111 1111") == [
        ("phone", "+44 20 7946 0958"),
        ("card", "4111 1111 1111 1111"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "4111111111111112",  # Luhn fails
        "4111 1111 1111 1112",
        "4111 1111-1111 1111",  # mixed separators
        luhn_complete("911111111111111"),  # no issuer starts with 9
        "1714521600000",  # a millisecond timestamp
        "41111111111111111111",  # twenty digits
        "x4111111111111111",  # inside a word
    ],
)
def test_rejects_non_card(text: str) -> None:
    assert [f for f in scan(text) if f.kind == "card"] == []


def test_no_card_is_read_deep_inside_a_table_of_numbers() -> None:
    # Some window of a long table passes Luhn by chance; it is not reported.
    table = "1234 5678 9012 3456 4111 1111 1111 1111 2222 3333"
    assert [f for f in scan(table) if f.kind == "card"] == []
    assert found("1234 5678 9012 4111 1111 1111 1111") == [("card", "4111 1111 1111 1111")]


def test_card_wins_over_overlapping_phone() -> None:
    # The phone reading "+1 4111 1111 1111" overlaps the card; the card is kept alone.
    assert found("+1 4111 1111 1111 1111") == [("card", "4111 1111 1111 1111")]


def test_luhn() -> None:
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")
    assert luhn_ok(luhn_complete("400000000000000"))


# ---- IPv4 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "detail"),
    [
        ("服务器10.0.0.12端口", "10.0.0.12", "private IPv4 address"),
        ("dns 8.8.8.8.", "8.8.8.8", "IPv4 address"),
        ("http 192.168.1.1:8080", "192.168.1.1", "private IPv4 address"),
        ("local 127.0.0.1", "127.0.0.1", "loopback IPv4 address"),
        ("edge 255.255.255.255", "255.255.255.255", "IPv4 address"),
    ],
)
def test_finds_ipv4(text: str, value: str, detail: str) -> None:
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("ipv4", value, detail)


@pytest.mark.parametrize(
    "text",
    ["256.1.1.1", "1.2.3", "version 1.2.3.4", "v1.2.3.4", "1.2.3.4.5", "10.0.0.1a", "1.2.3.1000"],
)
def test_rejects_non_ipv4(text: str) -> None:
    assert scan(text) == []


# ---- secrets -------------------------------------------------------------------------

AWS_ID = "AKIA" + "IOSFODNN7EXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0" + "k1L2m3N4o5P6q7R8"
GITHUB_PAT = "github_pat_" + "11ABCDEFG0123456789_" + "abcdefghijKLMNOPQRSTuvwxyz0123456789"
SLACK = "xoxb-" + "123456789012-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx"
GOOGLE = "AIza" + "SyA1B2C3D4E5F6G7H8I9J0KLMNOPQRSTUVW"
STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
OPENAI = "sk-proj-" + "Ab3dEf6hIj9kLmNoPqRsTuVwXyZ012345"
JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
ALIYUN = "LTAI" + "5tAbCdEfGhIjKlMn"


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        (AWS_ID, "AWS access key id"),
        (GITHUB, "GitHub token"),
        (GITHUB_PAT, "GitHub fine-grained token"),
        (SLACK, "Slack token"),
        (GOOGLE, "Google API key"),
        (STRIPE, "Stripe secret key"),
        (OPENAI, "OpenAI-style API key"),
        (JWT, "JSON Web Token"),
        (ALIYUN, "Aliyun AccessKey id"),
    ],
)
def test_finds_named_key_formats(value: str, detail: str) -> None:
    for text in (f"key: {value}\n", f"密钥{value}，请轮换", f'"{value}"'):
        f = only(text)
        assert (f.kind, f.text, f.detail) == ("secret", value, detail)


def test_aws_secret_in_context_redacts_only_the_value() -> None:
    text = f"aws_secret_access_key = {AWS_SECRET}\n"
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("secret", AWS_SECRET, "AWS secret access key")
    assert redact(text) == "aws_secret_access_key = [REDACTED SECRET]\n"


@pytest.mark.parametrize(
    "text",
    [
        "sk-learn-style-words-here-and-more",  # "sk-" then words
        "AKIA1234",  # too short
        "ghp_short",
        "task-" + "Ab3dEf6hIj9kLmNoPqRsTuVwXyZ012345",  # "sk-" inside a word
        "XAKIA" + "IOSFODNN7EXAMPLE",
    ],
)
def test_rejects_lookalike_keys(text: str) -> None:
    assert [f for f in scan(text) if f.detail != "high-entropy token"] == []


RSA_BLOCK = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAzVw3bXq9mZ1v0dT8wq0r+abc/DEF\n"
    "Zx9fK2mQ8vLp4RtY7wNb3HcJ6sDg1AeUZx9fK2mQ8vLp==\n"
    "-----END RSA PRIVATE KEY-----"
)


def test_private_key_block_is_one_finding() -> None:
    text = f"部署密钥如下：\n{RSA_BLOCK}\n用完删除。"
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("secret", RSA_BLOCK, "rsa private key block")
    assert redact(text) == "部署密钥如下：\n[REDACTED SECRET]\n用完删除。"


def test_truncated_private_key_covers_its_lines() -> None:
    body = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAA"
    text = body + "\n\nThe rest was cut off, sorry."
    f = only(text)
    assert (f.text, f.detail) == (body, "openssh private key block")


def test_certificate_and_public_keys_are_not_secrets() -> None:
    certificate = (
        "-----BEGIN CERTIFICATE-----\n"
        "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
        "RTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n"
        "-----END CERTIFICATE-----"
    )
    ssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZx9fK2mQ8vLp4RtY7wNb3HcJ6sDg1AeUabcdEFGH me"
    data_uri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    assert scan(f"{certificate}\n{ssh}\n{data_uri}") == []


@pytest.mark.parametrize(
    ("text", "url", "detail"),
    [
        (
            "API: https://api.example.com/v1/items?access_token=abc123def456&page=2 done",
            "https://api.example.com/v1/items?access_token=abc123def456&page=2",
            "URL carrying a secret (access_token=)",
        ),
        (
            "db postgres://admin:s3cr3t@db.internal:5432/app",
            "postgres://admin:s3cr3t@db.internal:5432/app",
            "URL with a password in it",
        ),
        (
            "(see https://x.example.com/a?sig=abc123XYZ).",
            "https://x.example.com/a?sig=abc123XYZ",
            "URL carrying a secret (sig=)",
        ),
        (
            "链接https://oss.example.cn/f.pdf?X-Amz-Signature=0a1b2c3d，过期",
            "https://oss.example.cn/f.pdf?X-Amz-Signature=0a1b2c3d",
            "URL carrying a secret (X-Amz-Signature=)",
        ),
        (
            "https://h.example.com/hook?api_key=k-123456&x=1",
            "https://h.example.com/hook?api_key=k-123456&x=1",
            "URL carrying a secret (api_key=)",
        ),
    ],
)
def test_finds_token_urls(text: str, url: str, detail: str) -> None:
    f = only(text)
    assert (f.kind, f.text, f.detail) == ("secret", url, detail)


def test_email_inside_token_url_is_reported_once_as_the_url() -> None:
    text = "https://user:pw123@mail.example.com/ and https://e.example.com/?to=li@example.com&token=abcdef"
    assert [f.kind for f in scan(text)] == ["secret", "secret"]
    assert "@" not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/search?q=hello&page=2",
        "https://example.com/?token=",
        "https://user@example.com/path",
        "https://docs.python.org/3/library/re.html#re.Pattern.match",
    ],
)
def test_plain_urls_are_not_secrets(text: str) -> None:
    assert [f for f in scan(text) if f.kind == "secret"] == []


def test_finds_high_entropy_tokens() -> None:
    token = "Zx9fK2mQ8vLp4RtY7wNb3HcJ6sDg1AeU"
    digest = "3f786850e387550fdab836ed7e6dc881de23001b"
    assert found(f"token {token} and 哈希{digest}。") == [("secret", token), ("secret", digest)]
    assert [f.detail for f in scan(f"x={token}")] == ["high-entropy token"]
    assert [f.detail for f in scan(digest)] == ["high-entropy hex string"]


@pytest.mark.parametrize(
    "text",
    [
        "123e4567-e89b-12d3-a456-426614174000",  # a UUID
        "getUserAccountSettingsForTenant2x",  # a long identifier
        "internationalization_and_localization_2024_x",
        "src/components/UserProfileSettings/index2",
        "a" * 64,
        "0123456789" * 5,
        "deadbeef" * 8,  # hex, but low entropy and no digits
    ],
)
def test_rejects_low_entropy_or_wordy_tokens(text: str) -> None:
    assert scan(text) == []


# ---- prose, mixed text, spans ---------------------------------------------------------

PROSE = (
    "2024-05-01 复盘：上线从 12:30 开始，版本 1.2.3 升级到 1.3.0，耗时 45 分钟，"
    "失败率 3.5%，预算 ¥12,345.67，共 678 人参与。The release (v2.10.4) shipped on "
    "May 1st; build 20240501 passed 1,024 tests in 3.2 s. See RFC 7231 and ISO 8601. "
    "Room 1203, floor 12. 订单号 20240501123，工单 #4521。"
)


def test_ordinary_prose_has_no_findings() -> None:
    assert scan(PROSE) == []
    assert redact(PROSE) == PROSE


def test_spans_are_str_indices_even_after_astral_characters() -> None:
    text = (
        "😀𠀀 邮箱zhang@example.com，电话13812345678；🙂 卡号4111111111111111 "
        f"IP 10.1.2.3 身份证11010519491231002X {AWS_ID}"
    )
    findings = scan(text)
    assert [f.kind for f in findings] == ["email", "phone", "card", "ipv4", "cn-id", "secret"]
    for f in findings:
        assert text[f.start : f.end] == f.text
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_results_are_sorted_and_disjoint() -> None:
    text = f"{PROSE} a@example.com {JWT} +44 20 7946 0958 https://x.example.com/?token=abcdef {PROSE}"
    findings = scan(text)
    assert len(findings) == 4
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


# ---- Finding, placeholder, redact -----------------------------------------------------


def test_finding_is_a_frozen_slots_dataclass() -> None:
    f = only("13812345678")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.start = 0  # type: ignore[misc]
    assert not hasattr(f, "__dict__")
    assert KINDS == ("email", "phone", "cn-id", "card", "ipv4", "secret")


def test_masked_hides_the_middle() -> None:
    assert only("13812345678").masked() == "13•••••••78"
    assert only("x 8.8.8.8").masked() == "8•••••8"
    long = only(RSA_BLOCK).masked()
    assert long.startswith("--") and long.endswith("--") and "MII" not in long
    assert len(long) < 40
    short = Finding("secret", 0, 3, "abc", "test")
    assert short.masked() == "•••"


def test_placeholders() -> None:
    assert [placeholder(k) for k in KINDS] == [
        "[REDACTED EMAIL]",
        "[REDACTED PHONE]",
        "[REDACTED CN-ID]",
        "[REDACTED CARD]",
        "[REDACTED IPV4]",
        "[REDACTED SECRET]",
    ]
    with pytest.raises(InvalidValue):
        placeholder("password")


def test_redact_replaces_every_kind() -> None:
    text = (
        "联系zhang@example.com或电话13812345678，身份证11010519491231002X，"
        f"卡4111 1111 1111 1111，服务器10.0.0.12，密钥{AWS_ID}。"
    )
    assert redact(text) == (
        "联系[REDACTED EMAIL]或电话[REDACTED PHONE]，身份证[REDACTED CN-ID]，"
        "卡[REDACTED CARD]，服务器[REDACTED IPV4]，密钥[REDACTED SECRET]。"
    )


def test_redact_with_given_findings() -> None:
    text = "a 13812345678 b zhang@example.com c"
    phone_only = [f for f in scan(text) if f.kind == "phone"]
    assert redact(text, phone_only) == "a [REDACTED PHONE] b zhang@example.com c"
    assert redact(text, []) == text
    assert redact("") == ""


def test_redact_merges_overlapping_findings() -> None:
    text = "0123456789"
    findings = [
        Finding("secret", 2, 6, "2345", "x"),
        Finding("email", 4, 8, "4567", "y"),
    ]
    assert redact(text, findings) == "01[REDACTED SECRET]89"


def test_redact_refuses_findings_of_another_text() -> None:
    stale = scan("call 13812345678")
    with pytest.raises(InvalidValue):
        redact("call 13912345678", stale)
    with pytest.raises(InvalidValue):
        redact("short", [Finding("phone", 3, 40, "x", "y")])


# ---- speed ------------------------------------------------------------------------------

PATHOLOGICAL = [
    "a" * 100_000,
    "1" * 100_000,
    "1." * 100_000,
    "a@" * 100_000,
    "@a." * 100_000,
    "+1 " * 100_000,
    "1 " * 100_000,
    "4111 " * 100_000,
    "0-" * 100_000,
    "http://" * 50_000,
    "https://a/?token=" * 20_000,
    "sk-" * 100_000,
    "eyJ." * 100_000,
    "-----BEGIN PRIVATE KEY-----\n" * 30_000,  # no END line: each takes its own lines
    "-----BEGIN " * 50_000,
    "aws secret " * 50_000,
    ("x" * 31 + " ") * 10_000,
    "１" * 100_000,
    "😀" * 100_000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda t: repr(t[:12]))
def test_pathological_input_is_fast(text: str) -> None:
    started = time.process_time()
    findings = scan(text)
    redact(text, findings)
    # A guard against catastrophic backtracking (minutes), not a speed measurement:
    # each takes about 0.15 s of CPU here; speed is measured in tests/benchmarks.
    assert time.process_time() - started < 10


def test_four_mib_body_finds_every_planted_value() -> None:
    rng = random.Random(4)
    zh = "今天我们复盘了上线流程，发现数据库迁移脚本在凌晨执行时锁表，导致接口超时，后来改成分批执行。"
    en = "The deploy pipeline failed because the cache warmup job ran before migrations. "
    other = "v1.2 on 2024-05-01 took 45 ms\n"
    plants = ["zhang.san@example.com", "13812345678", "4111 1111 1111 1111", "10.0.0.12", AWS_ID]
    parts: list[str] = []
    size = 0
    while size < 4 * 1024 * 1024:
        roll = rng.random()
        if roll < 0.02:
            part = f" {rng.choice(plants)} "
        else:
            piece = rng.choice((zh, en, other))
            cut = rng.randrange(len(piece))
            part = piece[cut:] + piece[:cut]
        parts.append(part)
        size += len(part)
    text = "".join(parts)
    started = time.process_time()
    findings = scan(text)
    assert len(findings) == sum(text.count(p) for p in plants) > 1000
    # About 0.25 s of CPU here; the bound only catches a runaway regex.
    assert time.process_time() - started < 10


# ---- properties -------------------------------------------------------------------------

PLANTS = [
    "zhang.san@example.com",
    "li.wei+work@corp.example.cn",
    "4111 1111 1111 1111",
    "5555555555554444",
    "13812345678",
    "+44 20 7946 0958",
    "11010519491231002X",
    AWS_ID,
]
FILLER = st.text(alphabet="abcxyz ABC0123456789.,:;/()电话邮箱联系，。", max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILLER, st.sampled_from(PLANTS)), max_size=6), FILLER)
def test_planted_values_are_found_and_redacted(parts: list[tuple[str, str]], tail: str) -> None:
    text, planted = "", []
    for filler, value in parts:
        text += filler + "\n"
        planted.append((len(text), value))
        text += value + "\n"
    text += tail
    spans = {(f.start, f.end): f.text for f in scan(text)}
    for start, value in planted:
        assert spans.get((start, start + len(value))) == value
    redacted = redact(text)
    for _, value in planted:
        assert value not in redacted


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_scan_never_raises_and_spans_hold(text: str) -> None:
    findings = scan(text)
    previous_end = 0
    for f in findings:
        assert f.kind in KINDS
        assert previous_end <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        previous_end = f.end
    assert redact(text).count("[REDACTED ") >= len(findings)


# ---- disguises: invisible characters, look-alike spaces and dots (issue 8) ---------------

ZWSP, NBSP, NNBSP, WJ, SHY = "\u200b", "\u00a0", "\u202f", "\u2060", "\u00ad"
LOWER_KEY_BLOCK = (
    "-----begin rsa private key-----\n"
    "MIIEowIBAAKCAQEAx9fK2mQ8vLp4RtY7wNb3HcJ6sDg1AeU\n"
    "-----end rsa private key-----"
)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (f"Call 138{NBSP}1234{NBSP}5678 now", "phone", f"138{NBSP}1234{NBSP}5678"),
        (f"Call 138{ZWSP}1234{ZWSP}5678 now", "phone", f"138{ZWSP}1234{ZWSP}5678"),
        (f"电话1381234{NNBSP}5678谢谢", "phone", f"1381234{NNBSP}5678"),
        (f"Call 13812{SHY}345678", "phone", f"13812{SHY}345678"),
        ("Call 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖 now", "phone", "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖"),
        (f"Mail li.wei{ZWSP}@example.com today", "email", f"li.wei{ZWSP}@example.com"),
        (f"Mail li.wei{WJ}@exa{ZWSP}mple.com today", "email", f"li.wei{WJ}@exa{ZWSP}mple.com"),
        ("Mail li.wei@example\uff0ecom today", "email", "li.wei@example\uff0ecom"),
        ("邮箱li.wei@example。com谢谢", "email", "li.wei@example。com"),
        ("Card 4111.1111.1111.1111 ok", "card", "4111.1111.1111.1111"),
        (f"Card 4111{NBSP}1111{NBSP}1111{NBSP}1111 ok", "card", f"4111{NBSP}1111{NBSP}1111{NBSP}1111"),
        (f"Card 4111{ZWSP}1111{ZWSP}1111{ZWSP}1111 ok", "card", f"4111{ZWSP}1111{ZWSP}1111{ZWSP}1111"),
        (f"身份证110105{ZWSP}19491231002X", "cn-id", f"110105{ZWSP}19491231002X"),
        ("IP 10\uff0e0\uff0e0\uff0e12 down", "ipv4", "10\uff0e0\uff0e0\uff0e12"),
        (f"key AKIA{ZWSP}IOSFODNN7EXAMPLE rotated", "secret", f"AKIA{ZWSP}IOSFODNN7EXAMPLE"),
        (f"Keep:\n{LOWER_KEY_BLOCK}\nsafe", "secret", LOWER_KEY_BLOCK),
    ],
)
def test_disguised_values_are_found_and_redacted_whole(text: str, kind: str, value: str) -> None:
    f = only(text)
    assert (f.kind, f.text) == (kind, value)
    assert text[f.start : f.end] == value  # offsets point into the original text
    redacted = redact(text)
    assert redacted == text.replace(value, placeholder(kind))
    assert scan(redacted) == []


def test_lower_case_pem_certificate_is_still_not_a_secret() -> None:
    body = "MIIBszCCAVmgAwIBAgIUXk3Lq9Zx7YvR2Pn8Wm4Tc6Hd1AeUwCgYIKoZIzj0EAwIw"
    assert scan(f"-----begin certificate-----\n{body}\n-----end certificate-----") == []


def test_invisible_characters_in_prose_change_nothing() -> None:
    text = f"{PROSE}{ZWSP}{NBSP}。{PROSE}"
    assert scan(text) == [] and redact(text) == text


def test_scan_entry_reads_tags(capsys: pytest.CaptureFixture[str]) -> None:
    found = scan_entry("Clean title", "Clean body.", ("support", "li.wei@example.com", "13812345678"))
    assert [(f.field, f.index, f.finding.kind, f.finding.text) for f in found] == [
        ("tags", 1, "email", "li.wei@example.com"),
        ("tags", 2, "phone", "13812345678"),
    ]
    # Title and body keep their place and their default index.
    found = scan_entry("Call 13812345678", "Mail a@example.com", ())
    assert [(f.field, f.index) for f in found] == [("title", 0), ("body", 0)]


def test_scan_entry_reads_the_origin_name_last() -> None:
    """The organisation or source an entry names leaves with it in a license: it is read too."""
    found = scan_entry("Call 13812345678", "Clean body.", ("ops",), "Acme (li.wei@example.com)")
    assert [(f.field, f.index, f.finding.kind) for f in found] == [
        ("title", 0, "phone"),
        ("origin", 0, "email"),
    ]
    origin = found[1].finding
    assert "Acme (li.wei@example.com)"[origin.start : origin.end] == "li.wei@example.com"


DISGUISES = st.sampled_from([ZWSP, WJ, SHY, "\ufeff", "\u200d"])


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A planted value, with invisible characters inside it and some characters full-width."""
    value = draw(st.sampled_from(PLANTS))
    chars = list(value)
    for i in draw(st.lists(st.integers(0, len(chars) - 1), max_size=3)):
        if chars[i] in "0123456789@." and draw(st.booleans()):
            chars[i] = chr(ord(chars[i]) + 0xFEE0)
    for i in sorted(draw(st.lists(st.integers(1, len(value) - 1), max_size=3)), reverse=True):
        chars.insert(i, draw(DISGUISES))
    return value, "".join(chars)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILLER, disguised()), max_size=5), FILLER)
def test_disguised_plants_map_to_original_spans_and_redact_away(
    parts: list[tuple[str, tuple[str, str]]], tail: str
) -> None:
    text, planted = "", []
    for filler, (_, shown) in parts:
        text += filler + "\n"
        planted.append((len(text), shown))
        text += shown + "\n"
    text += tail
    findings = scan(text)
    for f in findings:
        assert text[f.start : f.end] == f.text
    spans = {(f.start, f.end) for f in findings}
    for start, shown in planted:
        assert (start, start + len(shown)) in spans, shown
    redacted = redact(text, findings)
    assert scan(redacted) == []
    for _, shown in planted:
        assert shown not in redacted


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(f"ab1.@ -{ZWSP}{NBSP}\uff0e\uff11。ﬁ⑴"), max_size=60))
def test_spans_hold_in_text_full_of_disguise_characters(text: str) -> None:
    findings = scan(text)
    previous_end = 0
    for f in findings:
        assert previous_end <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        previous_end = f.end
    assert scan(redact(text, findings)) == []


def test_fold_table_covers_the_whole_code_space() -> None:
    """The table is built from a few blocks for speed: every format character and
    every character whose NFKC form holds ASCII, anywhere, must be in it."""
    table = normalise._table().replace
    missing = []
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        category = unicodedata.category(c)
        if category == "Cf":
            ok = table.get(c) == ""
        elif category in ("Zs", "Zl", "Zp"):
            ok = table.get(c) == " "
        elif c in normalise._KEPT_PUNCTUATION:
            ok = c not in table
        else:
            folded = unicodedata.normalize("NFKC", c)
            ok = folded == c or not any(ch.isascii() for ch in folded) or c in table
        if not ok:
            missing.append(hex(cp))
    assert missing == []
