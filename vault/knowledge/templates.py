"""Starting templates for new entries, one per kind, in English and Chinese.

A blank editor gets surface-level notes; a template that asks for the
exceptions, the reasons and the signs of trouble gets the judgment that
makes an entry worth keeping. Each section is a ``## heading`` followed by
one italic line telling the worker what to write there; checklists and
playbooks also get a skeleton of items or steps to overwrite. Everything is
plain Markdown (no HTML, no comments), so a template reads the same in the
editor, the command line's ``template`` and any other Markdown tool.

The guidance is for the worker, never part of their knowledge: a prompt line
left exactly as the template wrote it is dropped whenever a body is saved
(``without_guidance``, which ``Entries.add`` and ``update`` apply), so the app,
the command line and an import all store only what the worker wrote; the app
shows such lines greyed while they are there. Entries saved before that rule
may still hold some: ``untouched_guidance`` finds them, so the license wizard
can say "this entry still holds the template's instructions" before they
leave the vault.

The display labels and descriptions here are the English source strings;
the UI passes them through ``tr()`` like any other text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from knowhold.vault.errors import InvalidValue
from knowhold.vault.store.schema import KINDS

LANGUAGES: tuple[str, ...] = ("en", "zh")

KIND_LABELS: dict[str, str] = {
    "playbook": "Playbook",
    "heuristic": "Heuristic",
    "decision": "Decision",
    "checklist": "Checklist",
    "edge-case": "Edge case",
    "template": "Template",
    "note": "Note",
}

KIND_DESCRIPTIONS: dict[str, str] = {
    "playbook": "A repeatable way of getting a recurring job done, step by step.",
    "heuristic": "A rule of thumb you apply from experience, and when it stops holding.",
    "decision": "A choice that was made, the options weighed and why, so it is not re-argued blindly.",
    "checklist": "The items to verify before or after a task so that nothing is forgotten.",
    "edge-case": "An unusual situation where the normal way fails, and how you handle it.",
    "template": "A reusable text with blanks to fill, such as a report, a reply or an interview guide.",
    "note": "Anything else worth keeping that fits no other kind.",
}


@dataclass(frozen=True, slots=True)
class Section:
    """One part of a template: a heading, what to write under it, starter lines."""

    heading: str  # empty for a template that is only a prompt (a note)
    prompt: str
    skeleton: str = ""


_EN: dict[str, tuple[Section, ...]] = {
    "playbook": (
        Section("Goal", "What this gets done, and for whom, in one or two sentences."),
        Section("When to use", "The situation that calls for it, and when another way is better."),
        Section(
            "Steps",
            "The steps in order, with the judgment calls a newcomer would miss.",
            "1. First step\n2. Next step\n3. Next step",
        ),
        Section("Pitfalls", "Where people usually go wrong, and how you avoid it."),
        Section("What done looks like", "How you know the job is finished, and finished well."),
    ),
    "heuristic": (
        Section("Rule", "The rule of thumb in one sentence, as you would tell a new colleague."),
        Section("When it applies", "The situations in which you reach for this rule."),
        Section("Exceptions", "When the rule does not hold, and what you do instead."),
        Section("Why it works", "The reasoning or the experience behind it."),
        Section("Example", "A real case where following the rule made the difference."),
    ),
    "decision": (
        Section("Context", "What was happening, and what forced a decision."),
        Section("Options considered", "Each option with its main advantage and its drawback."),
        Section("Decision", "What was decided, by whom, and from when."),
        Section("Rationale", "Why this option won over the others."),
        Section("Consequences", "What changes because of it, including the costs you accepted."),
        Section("Revisit when", "The signals or dates that should reopen this decision."),
    ),
    "checklist": (
        Section("Purpose", "What this checklist protects against."),
        Section("When to run it", "The moment or the event that triggers it."),
        Section(
            "Items",
            "One check per line, phrased so that it can be answered yes or no.",
            "- [ ] First check\n- [ ] Next check\n- [ ] Next check",
        ),
    ),
    "edge-case": (
        Section("Situation", "What happens, and how it differs from the normal case."),
        Section("What usually goes wrong", "What people do out of habit here, and where it leads."),
        Section("How to recognise it", "The early signs that you are in this situation."),
        Section("What to do", "The steps that work, in order."),
        Section("Why", "Why the normal way fails here, so the reader can handle variations."),
    ),
    "template": (
        Section("What it is for", "When to use this template, and who reads the result."),
        Section(
            "Template",
            "The text to copy; write the parts that change each time as {{placeholder}}.",
            "{{first part}}\n\n{{next part}}",
        ),
        Section("How to fill it", "What goes into each placeholder, and the usual mistakes."),
    ),
    "note": (Section("", "Write freely: anything worth keeping that fits no other kind."),),
}

_ZH: dict[str, tuple[Section, ...]] = {
    "playbook": (
        Section("目标", "这件事要达成什么、为谁做，用一两句话写清楚。"),
        Section("何时使用", "什么情况下用这套做法，什么情况下换别的办法更好。"),
        Section(
            "步骤",
            "按顺序写下步骤，以及新人容易忽略的判断点。",
            "1. 第一步\n2. 下一步\n3. 下一步",
        ),
        Section("常见坑", "大家通常在哪里出错，你是怎么避免的。"),
        Section("完成的标准", "怎样算做完了，而且做好了。"),
    ),
    "heuristic": (
        Section("规则", "用一句话写下这条经验法则，就像讲给新同事听。"),
        Section("适用场景", "什么情况下你会用到这条规则。"),
        Section("例外", "什么时候这条规则不成立，那时你怎么做。"),
        Section("为什么有效", "这条规则背后的道理或经验。"),
        Section("例子", "一个按这条规则做、结果不一样的真实例子。"),
    ),
    "decision": (
        Section("背景", "当时发生了什么，为什么必须做决定。"),
        Section("考虑过的选项", "每个选项的主要优点和缺点。"),
        Section("决定", "决定了什么，谁决定的，从什么时候开始执行。"),
        Section("理由", "为什么选了这个，而不是其他选项。"),
        Section("影响", "因此会改变什么，包括接受了哪些代价。"),
        Section("何时重新评估", "出现哪些信号或到了什么时间，应该重新讨论这个决定。"),
    ),
    "checklist": (
        Section("目的", "这份清单防的是什么问题。"),
        Section("何时执行", "在什么时间点、或者什么事情发生之后执行。"),
        Section(
            "检查项",
            "每行一项，写成能用“是”或“否”回答的形式。",
            "- [ ] 第一项检查\n- [ ] 下一项检查\n- [ ] 下一项检查",
        ),
    ),
    "edge-case": (
        Section("情况", "发生了什么，和正常情况有什么不同。"),
        Section("通常会出什么错", "大家按习惯会怎么做，结果会怎样。"),
        Section("如何识别", "哪些早期迹象说明你遇到了这种情况。"),
        Section("怎么处理", "按顺序写下有效的做法。"),
        Section("原因", "为什么常规做法在这里行不通，方便读者应对变化。"),
    ),
    "template": (
        Section("用途", "什么时候用这个模板，结果给谁看。"),
        Section(
            "模板正文",
            "要复制的文字；每次会变的部分写成 {{占位符}}。",
            "{{第一部分}}\n\n{{下一部分}}",
        ),
        Section("填写说明", "每个占位符该填什么，常见的错误有哪些。"),
    ),
    "note": (Section("", "随意记录：值得保留、又不属于其他类型的内容。"),),
}

_BY_LANGUAGE: dict[str, dict[str, tuple[Section, ...]]] = {"en": _EN, "zh": _ZH}


def normalise_language(language: str) -> str:
    """``"zh"`` for any Chinese locale name (``zh_CN``, ``zh-Hans``…), else ``"en"``.

    Unknown languages fall back to English rather than failing, because the
    language usually comes from the system locale, which the user did not
    choose for Knowhold.
    """
    code = language.strip().lower().replace("_", "-")
    return "zh" if code == "zh" or code.startswith("zh-") else "en"


def sections_for(kind: str, language: str = "en") -> tuple[Section, ...]:
    """The sections of the starting template for ``kind``; ``InvalidValue`` if unknown."""
    # Not entries.check_kind: entries imports this module, to drop guidance on save.
    sections = _BY_LANGUAGE[normalise_language(language)].get(kind)
    if sections is None:
        raise InvalidValue(f"Unknown kind {kind!r}; choose one of: {', '.join(KINDS)}.")
    return sections


def _prompt_line(section: Section) -> str:
    """A section's guidance as the template writes it (and as ``untouched_guidance`` finds it)."""
    return f"*{section.prompt}*"


def template_for(kind: str, language: str = "en") -> str:
    """The Markdown a new entry of ``kind`` starts with."""
    blocks: list[str] = []
    for section in sections_for(kind, language):
        lines = [f"## {section.heading}"] if section.heading else []
        lines.append(_prompt_line(section))
        if section.skeleton:
            lines += ["", section.skeleton]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


@functools.cache
def _prompt_lines() -> frozenset[str]:
    # Every kind in every language: an entry may have changed kind, or been
    # started in the other language, and still hold the first template's lines.
    return frozenset(
        _prompt_line(section)
        for sections in _BY_LANGUAGE.values()
        for kind_sections in sections.values()
        for section in kind_sections
    )


def is_guidance(line: str) -> bool:
    """Whether ``line`` is a template's prompt, untouched.

    A line counts only when it is exactly a prompt as ``template_for`` wrote it
    (``*What this checklist protects against.*``), give or take the spaces
    around it: a worker who edited the sentence has written their own words.
    """
    return line.strip() in _prompt_lines()


def untouched_guidance(body: str) -> tuple[str, ...]:
    """The template prompt lines ``body`` still holds, in order, each once (see ``is_guidance``)."""
    return tuple(dict.fromkeys(line.strip() for line in body.splitlines() if is_guidance(line)))


def without_guidance(body: str) -> str:
    """``body`` without its untouched prompt lines (see ``is_guidance``); every other line as it was."""
    lines = body.splitlines(keepends=True)
    kept = [line for line in lines if not is_guidance(line)]
    return body if len(kept) == len(lines) else "".join(kept)
