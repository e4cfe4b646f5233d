"""How hard a new passphrase is to guess: zxcvbn, taught Chinese habits.

zxcvbn (Dropbox's estimator) finds the cheapest way to build a password
from dictionary words, keyboard walks, repeats, sequences and dates, and
counts the guesses an attacker trying those in order would need. Its
dictionaries are English, so by itself it rates ``woaini1314`` ("I love
you forever") or ``zhangwei520`` (the most common name in China, then
"I love you") as fair. Here it also gets dictionaries of the passwords
that top the published analyses of Chinese leaks (CSDN and Tianya 2011,
12306 in 2014; the order is approximate), pinyin surnames, given names and
full names in both orders, pinyin words people put in passwords, lucky
numbers, and the years around now.

The policy, shared by the desktop app and the command line: a new
passphrase is acceptable at zxcvbn score 3 or more, about 10^8 guesses or
more. The vault's Argon2id is calibrated to about half a second per guess
on the worker's own laptop, so 10^8 guesses is years of one machine's
time, while scores up to 2 fall to a list of common passwords and names.

zxcvbn's cost grows with length and with l33t symbols (seconds for 70
characters of nothing but them), so the desktop app estimates off the GUI
thread. Only the first ``MAX_ESTIMATED`` characters are estimated (zxcvbn
refuses more): a prefix is never stronger than the whole, so a long
passphrase is at worst underrated.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_ACCEPTABLE_SCORE = 3
MAX_ESTIMATED = 72

# The sentences the estimator adds to zxcvbn's own (which it leaves empty for
# dictionaries it does not know). The desktop app translates them by text.
WARNING_COMMON_ZH = "This is one of the most common passwords in China."
WARNING_NAMES = "Common names and surnames are easy to guess."
WARNING_PINYIN = "Common pinyin words and phrases are easy to guess."
WARNING_NUMBERS = "Lucky numbers like 520, 1314 and 888, and years, are easy to guess."
WARNING_PERSONAL = "Your own name is easy to guess."
SUGGESTION_WORDS = "Use four or more unrelated words."

# -- dictionaries, most common first -------------------------------------------------

_PASSWORDS_ZH = """
123456 123456789 111111 5201314 12345678 123123 000000 woaini1314 a123456 123456a
qq123456 1qaz2wsx 11111111 7758521 woaini 123qwe qwe123 1q2w3e4r 123321 woaini520
1314520 88888888 666666 888888 112233 654321 121212 123456aa 5211314 a123456789
123456789a asd123 aa123456 a5201314 woaini123 zhang123 100200 123123a 1qazxsw2
aini1314 woaini521 5201314a 31415926 q1w2e3r4 1234qwer qwer1234 a111111 520520
iloveyou abc123 110110 111111a 123456abc w123456 7758258 123qweasd 159753 a000000
qq123123 zxc123 123654 abc123456 123456q qq5201314 000000a 456852 as123456 1314521
112233a dearbook 00000000 123123123 1234567890 147258369 987654321 aaaaaaaa
1111111111 66666666 11223344 xiazhili 789456123 password 87654321 qqqqqqqq
qwertyuiop 12344321 asdfghjkl 123654789 12121212 qazwsxedc abcd1234 12341234
110110110 asdasdasd 22222222 123321123 a12345678 123456123 a1234567 qwertyui
asdfasdf 99999999 123456123456 520520520 963852741 55555555 741852963 33333333
qwe asd zxc qweasd qweasdzxc asdzxc qwe123456 asd123456 zxc123456 woaiwojia
woaiwolaopo woaiwolaogong iloveyou1314 woaini1314520 147258 258369 159357 1314
"""

_SURNAMES = """
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo
zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai
jiang yu du ye cheng wei su lv lu ding ren shen yao cui zhong tan fan jin shi liao
jia xia fu fang bai zou meng xiong qin qiu hou yin xue yan duan lei hao long shao
wan qian yi chang wen gong lai kong kang mao gu hong niu shang ou ouyang situ zhuge
murong shangguan sima dongfang
"""

_GIVEN_NAMES = """
wei fang na min jing li qiang lei jun yang yong yan jie juan tao ming chao xiuying
xia ping gang guiying hua hui ying hong bin bo peng hao yu xin yi jian feng dan lin
ling ting qing yun fei long kai liang rui ning xue mei lan zhen hai tian zhiqiang
jianhua jianguo jianjun guoqiang haiyan xiaohong xiaoming xiaoli xiaoyan xiaolong
xiaowei xiaojun xiaoyu xiaofeng xiaomei xiaoling xiaoping xiaohui yuxuan zihan
haoran yuhan xinyi zixuan yichen jiahao junjie zhihao yuting mengqi shuang lili
lina jingjing tingting yanyan wenjing hongmei yumei guilan xiuzhen xiulan fengying
guihua jianping jianming zhiyong zhiming haitao hailong dongmei chunmei lihua
lijuan liping wenjie wenbo yifan zhiwei weiwei yuqi zimo yutong ruoxi siyu xinyu
haoyu yuhang zeyu mingxuan chen bing jia qi xu ze hang yue
"""

_PINYIN_WORDS = """
woaini aini wo ai ni woaiwo aiwo baobao baobei laogong laopo qinqin qinai qinaide
xiaobao beibei tiantian zhongguo beijing shanghai guangzhou shenzhen nihao mima
wodemima huanhuan lele yangyang feifei yueyue dandan xiaoxiao haha hehe aiqing
xingfu kuaile xiaozhu zhuzhu mengmeng shengri xiaogou gougou maomao xiaomao tianshi
yongyuan yishengyishi yiqi zaiyiqi wuliao jiayou wanmei xiaoxin xiaobai xiaohei dabai
shuaige meinv niuniu doudou guoguo wangzi gongzhu pengyou zhenai xiexie zaijian
qingchun mingtian xiwang menghuan kaixin pingan jiating huahua dabao erbao nannan
woaiwoma woaiwoba xiaoming xiaohong laoshi xuesheng gege jiejie meimei didi mama baba
"""

_NUMBERS = """
520 1314 5201314 1314520 521 5211314 888 8888 88888 888888 666 6666 66666 666666 168
1688 518 5188 918 999 9999 99999 999999 7758521 7758258 110 119 120 886 3344 9420
1314521 520520 147258369 159357 159753 741852963 147258 258369 123 321 100 200 1000
"""


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(text.split()))


def _full_names(surnames: list[str], given: list[str]) -> list[str]:
    """Surname + given name, likeliest first; given-name-first order after its twin."""
    ranked: list[tuple[int, str]] = []
    for (s_rank, surname), (g_rank, name) in itertools.product(enumerate(surnames, 1), enumerate(given, 1)):
        cost = s_rank * g_rank
        ranked.append((cost, surname + name))
        ranked.append((cost * 4, name + surname))  # "WeiZhang", the order forms abroad use
    ranked.sort(key=lambda item: item[0])
    return list(dict.fromkeys(name for _, name in ranked))


def _years() -> list[str]:
    # zxcvbn's own year pattern stops at 2019; recent years first.
    return [str(year) for year in range(2035, 1949, -1)]


_WARNINGS = {
    "passwords_zh": WARNING_COMMON_ZH,
    "pinyin_full_names": WARNING_NAMES,
    "pinyin_surnames": WARNING_NAMES,
    "pinyin_given_names": WARNING_NAMES,
    "pinyin_words": WARNING_PINYIN,
    "numbers_zh": WARNING_NUMBERS,
    "years": WARNING_NUMBERS,
    "user_inputs": WARNING_PERSONAL,
}

# zxcvbn keeps its dictionaries, and the caller's user inputs, in one global.
_lock = threading.Lock()


@functools.cache
def _zxcvbn() -> Any:
    """zxcvbn with the Chinese dictionaries added; imported on first use (it is slow to load)."""
    import zxcvbn
    from zxcvbn import matching

    surnames, given = _words(_SURNAMES), _words(_GIVEN_NAMES)
    # add_frequency_lists is zxcvbn's documented way to add ranked dictionaries.
    matching.add_frequency_lists(
        {
            "passwords_zh": _words(_PASSWORDS_ZH),
            "pinyin_full_names": _full_names(surnames, given),
            "pinyin_surnames": surnames,
            "pinyin_given_names": given,
            "pinyin_words": _words(_PINYIN_WORDS),
            "numbers_zh": _words(_NUMBERS),
            "years": _years(),
        }
    )
    return zxcvbn.zxcvbn


@dataclass(frozen=True, slots=True)
class Strength:
    """zxcvbn's verdict. ``warning`` and ``suggestions`` are English sentences."""

    score: int  # 0 (too guessable) … 4 (very unguessable)
    guesses_log10: float
    warning: str
    suggestions: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_ACCEPTABLE_SCORE


def _personal_inputs(user_inputs: Sequence[str]) -> list[str]:
    """Each input, its words, and its words run together ("Li Wei" → li, wei, liwei, weili)."""
    found: list[str] = []
    for text in user_inputs:
        words = text.lower().split()
        found.extend([text.lower(), *words, "".join(words), "".join(reversed(words))])
    return [word for word in dict.fromkeys(found) if word]


def _warning(result: dict[str, Any]) -> str:
    """zxcvbn's warning, or ours when its longest match came from a dictionary added here."""
    if result["feedback"]["warning"] or result["score"] >= MIN_ACCEPTABLE_SCORE:
        return str(result["feedback"]["warning"])
    sequence = result["sequence"]
    if not sequence:
        return ""
    longest = max(sequence, key=lambda match: len(match["token"]))
    if longest.get("pattern") != "dictionary":
        return ""
    return _WARNINGS.get(longest.get("dictionary_name", ""), "")


def estimate(passphrase: str, user_inputs: Sequence[str] = ()) -> Strength:
    """How guessable ``passphrase`` is; ``user_inputs`` are words an attacker knows (the name)."""
    if not passphrase:  # zxcvbn fails on an empty string
        return Strength(0, 0.0, "", (SUGGESTION_WORDS,))
    estimator = _zxcvbn()
    with _lock:
        result = estimator(passphrase[:MAX_ESTIMATED], user_inputs=_personal_inputs(user_inputs))
    suggestions = tuple(str(s) for s in result["feedback"]["suggestions"])
    score = int(result["score"])
    if score < MIN_ACCEPTABLE_SCORE and not suggestions:
        suggestions = (SUGGESTION_WORDS,)
    return Strength(score, float(result["guesses_log10"]), _warning(result), suggestions)


def refusal(strength: Strength) -> str:
    """One sentence saying why a passphrase is refused, with what to do instead."""
    parts = ["This passphrase is too easy to guess."]
    if strength.warning:
        parts.append(strength.warning)
    parts.append(strength.suggestions[0] if strength.suggestions else SUGGESTION_WORDS)
    return " ".join(parts)
