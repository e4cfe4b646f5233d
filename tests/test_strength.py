"""The passphrase policy: zxcvbn with Chinese passwords and pinyin, shared by app and CLI."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from knowhold.vault.cli import main
from knowhold.vault.cli.secrets import check_new_passphrase
from knowhold.vault.errors import InvalidValue
from knowhold.vault.store.strength import (
    MIN_ACCEPTABLE_SCORE,
    WARNING_COMMON_ZH,
    WARNING_NAMES,
    WARNING_NUMBERS,
    WARNING_PERSONAL,
    estimate,
    refusal,
)
from tests.conftest import FAST_KDF, FakeClock


@pytest.mark.parametrize(
    "passphrase",
    [
        "woaini1314",  # "I love you forever": plain zxcvbn calls it fair
        "zhangwei520",  # the commonest name in China + "I love you": plain zxcvbn says 3
        "ZhangWei520",
        "weizhang2024",  # given name first, and a year zxcvbn's own pattern misses
        "lixiaolong888",
        "wangxiaoming1990",
        "baobao666",
        "laogong5201314",
        "qwe123asd",
        "password",
        "12345678",
    ],
)
def test_common_and_chinese_patterns_are_weak(passphrase: str) -> None:
    strength = estimate(passphrase)
    assert strength.score <= 1, (passphrase, strength)
    assert not strength.acceptable
    assert strength.suggestions  # always something to do instead


def test_long_random_word_phrases_are_strong() -> None:
    phrases = ("tundra maple quiver osmosis", "correct horse battery staple", "guava-ripple-anvil-sonnet-7")
    for passphrase in phrases:
        strength = estimate(passphrase)
        assert strength.score == 4 and strength.acceptable, passphrase
        assert strength.guesses_log10 > 12
        assert strength.warning == ""


def test_the_warning_says_which_habit_was_spotted() -> None:
    assert estimate("woaini1314").warning == WARNING_COMMON_ZH
    assert estimate("zhangwei520").warning == WARNING_NAMES
    assert estimate("8888520").warning == WARNING_NUMBERS
    assert estimate("password").warning == "This is a top-10 common password."


def test_the_users_own_name_counts_against_them() -> None:
    alone = estimate("OkonkwoAdaeze")
    assert alone.acceptable
    named = estimate("OkonkwoAdaeze", user_inputs=["Adaeze Okonkwo"])  # surname first, run together
    assert named.guesses_log10 < alone.guesses_log10 - 4
    assert not named.acceptable and named.warning == WARNING_PERSONAL


def test_threshold_and_edges() -> None:
    assert MIN_ACCEPTABLE_SCORE == 3
    empty = estimate("")
    assert empty.score == 0 and not empty.acceptable
    # zxcvbn refuses more than 72 characters; the estimate looks at a prefix instead.
    long = estimate("tundra maple quiver osmosis " * 5)
    assert long.acceptable


def test_refusal_is_one_sentence_line_with_advice() -> None:
    text = refusal(estimate("zhangwei520"))
    assert "\n" not in text
    assert text.startswith("This passphrase is too easy to guess.")
    assert WARNING_NAMES in text and "Add another word" in text


# -- the command line uses the same policy ---------------------------------------------


def test_cli_policy_is_the_estimator() -> None:
    with pytest.raises(InvalidValue) as caught:
        check_new_passphrase("woaini1314")
    assert WARNING_COMMON_ZH in caught.value.message
    assert caught.value.exit_code == 2
    check_new_passphrase("tundra maple quiver osmosis")  # no error


def _cli(vault: Path, passphrase: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        list(args),
        environ={"KNOWHOLD_VAULT": str(vault), "KNOWHOLD_PASSPHRASE": passphrase},
        stdin=io.StringIO(""),
        stdout=out,
        stderr=err,
        clock=FakeClock(),
        kdf=FAST_KDF,
    )
    return code, out.getvalue(), err.getvalue()


def test_cli_init_refuses_a_weak_passphrase_and_creates_nothing(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    code, out, err = _cli(vault, "zhangwei520", "init")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "too easy to guess" in err and WARNING_NAMES in err
    assert not (vault / "vault.key").exists()
    code, _, err = _cli(vault, "tundra maple quiver osmosis", "init")
    assert code == 0, err


def test_zxcvbn_is_loaded_only_when_a_passphrase_is_checked() -> None:
    probe = "import sys, knowhold.vault.cli, knowhold.vault.store.strength; print('zxcvbn' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
