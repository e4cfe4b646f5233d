"""Every string a person reads is marked for translation, in the app and on the command line.

A sentence left as a bare literal is shown in English to a Chinese reader, and
no translation test can see it: ``make translations`` extracts only what is
marked. These tests read the source (``ast``), find the literals that reach a
person, and fail on any not wrapped in a translation call.

The app (``ui/``): a literal passed where Qt shows text (widget constructors,
``setText``, ``setToolTip``, ``setWindowTitle``, ``setPlaceholderText``,
``addItem``, ``addAction``, message boxes...) must be inside ``tr()``,
``QCoreApplication.translate`` or ``QT_TRANSLATE_NOOP``.

The command line (``vault/cli``): a literal in a result's text lines, a
message written to a stream, an error raised, an argparse ``help=`` or
``description=``, a command's help, or a label passed on (``progress``,
``read_document``) must be inside ``_()``, ``ngettext`` or ``N_``.

A literal counts only if it holds a word (two letters or more): spacing,
punctuation and format fields are not language. ``ALLOWED`` names the few
worded literals that are not language either.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[A-Za-z]{2,}")

# A call's result is not a literal (tr(), _(), a helper's words are checked where they are written),
# except these, which pass their argument's text through unchanged: what they wrap is checked.
TRANSPARENT = {"Translated", "Body", "str", "PlainText", "plain"}

# Worded literals that are not language: the program's name, commands to type, file patterns.
ALLOWED = {
    "knowhold: ",  # the program's name before its one-line error, as every Unix tool writes it
    "    knowhold contacts verify ",  # a command line to type: the name and the fingerprint are its
    " FINGERPRINT",
    " B  sha256 ",  # a file's size in bytes and its hash, as sha256sum names it
    "XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX",  # the recovery code's shape, as a placeholder
    "https://example.org/knowhold.status",  # an example address, as a placeholder
    "Knowhold",  # the program's name
}

# -- the app ---------------------------------------------------------------------------------------

# Qt calls that show a text argument, with the positions that hold it (None: every positional).
UI_TEXT_CALLS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setWindowTitle": (0,),
    "setPlaceholderText": (0,),
    "setTitle": (0,),
    "setSubTitle": (0,),
    "setLabelText": (0,),
    "setButtonText": (1,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setSpecialValueText": (0,),
    "setTabText": (1,),
    "setHeaderLabels": (0,),
    "showMessage": (0,),
    "addItem": (0,),
    "addItems": (0,),
    "insertItem": (1,),
    "addTab": (1,),
    "insertTab": (2,),
    "addAction": (0,),
    "addMenu": (0,),
    "addButton": (0,),
    "addRow": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "QTableWidgetItem": (0,),
    "QListWidgetItem": (0,),
    "QStandardItem": (0,),
    "QLabel": (0,),
    "QPushButton": (0,),
    "QToolButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0,),
    "QMenu": (0,),
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "getOpenFileName": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
    "getText": (1, 2),
}
UI_TEXT_KEYWORDS = {"text", "title", "toolTip", "tooltip", "placeholderText", "label", "caption", "filter"}

# -- the command line ----------------------------------------------------------------------------

# Names of the lists a command's text lines are built in.
LINE_LISTS = {"lines", "text", "head"}
# Calls that take a label for people, at these positions.
CLI_TEXT_CALLS: dict[str, tuple[int, ...]] = {"progress": (0,), "read_document": (2,), "prompt": (0,)}
COMMAND_NAME = re.compile(r"^[a-z][a-z-]*$")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def unmarked(node: ast.expr | None) -> Iterator[str]:
    """The worded literals in ``node`` that reach a person without a translation call."""
    if node is None:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if WORD.search(node.value) and node.value not in ALLOWED:
            yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            yield from unmarked(part) if isinstance(part, ast.Constant) else ()
    elif isinstance(node, ast.BinOp):
        yield from unmarked(node.left)
        yield from unmarked(node.right)
    elif isinstance(node, ast.IfExp):
        yield from unmarked(node.body)
        yield from unmarked(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from unmarked(value)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            yield from unmarked(element.value if isinstance(element, ast.Starred) else element)
    elif isinstance(node, (ast.ListComp, ast.GeneratorExp)):
        yield from unmarked(node.elt)
    elif isinstance(node, ast.Call):
        name = _name(node.func)
        if name == "format" and isinstance(node.func, ast.Attribute):
            yield from unmarked(node.func.value)  # "... {x}".format(): the receiver is the sentence
        elif name == "join" and isinstance(node.func, ast.Attribute):
            yield from (unmarked(node.args[0]) if node.args else ())
        elif name in TRANSPARENT:
            for arg in node.args:
                yield from unmarked(arg)


def _positional(call: ast.Call, positions: tuple[int, ...] | None) -> Iterator[ast.expr]:
    for i, arg in enumerate(call.args):
        if positions is None or i in positions:
            yield arg


def ui_findings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in UI_TEXT_CALLS:
            for arg in _positional(node, UI_TEXT_CALLS[name]):
                yield from ((node.lineno, text) for text in unmarked(arg))
            for keyword in node.keywords:
                if keyword.arg in UI_TEXT_KEYWORDS:
                    yield from ((node.lineno, text) for text in unmarked(keyword.value))


def cli_findings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    def found(node: ast.AST, value: ast.expr | None) -> Iterator[tuple[int, str]]:
        return ((getattr(node, "lineno", 0), text) for text in unmarked(value))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name == "Result":
                yield from found(node, node.args[1] if len(node.args) > 1 else None)
                yield from (x for k in node.keywords if k.arg == "text" for x in found(node, k.value))
            elif (
                name in {"append", "extend", "insert"}
                and _name(getattr(node.func, "value", node)) in LINE_LISTS
            ):
                for arg in node.args[-1:]:
                    yield from found(node, arg)
            elif name in {"write", "print"}:
                for arg in node.args:
                    yield from found(node, arg)
            elif name in CLI_TEXT_CALLS:
                for arg in _positional(node, CLI_TEXT_CALLS[name]):
                    yield from found(node, arg)
            for keyword in node.keywords:
                if keyword.arg in {"help", "description"}:
                    yield from found(node, keyword.value)
            # command("name", "help"), group(command, "name", "help"): a command's help.
            literal_args = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if (
                len(node.args) >= 2
                and node.args[-2] in literal_args
                and COMMAND_NAME.match(node.args[-2].value)  # type: ignore[union-attr]
            ):
                yield from found(node, node.args[-1])
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            yield from found(node, node.exc.args[0] if node.exc.args else None)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in LINE_LISTS | {"message"} for t in targets):
                yield from found(node, node.value)


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _report(findings: dict[Path, list[tuple[int, str]]]) -> str:
    return "\n".join(
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path, found in findings.items()
        for line, text in found
    )


@pytest.mark.parametrize(
    ("folder", "finder"), [("ui", ui_findings), ("vault/cli", cli_findings)], ids=["app", "command line"]
)
def test_every_string_a_person_reads_is_marked_for_translation(folder, finder) -> None:
    findings = {}
    for path in _sources(folder):
        found = sorted(set(finder(ast.parse(path.read_text(encoding="utf-8")))))
        if found:
            findings[path] = found
    assert not findings, "mark these for translation (or add to ALLOWED if not language):\n" + _report(
        findings
    )


# -- the rules themselves find what they should ---------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        'label.setText("Saved")',
        'self.setWindowTitle(f"Open {name}")',
        'box.addItems(["Own experience", self.tr("Organisation")])',
        'QLabel("Name:" + self.tr("x"))',
        'QMessageBox.warning(self, self.tr("Title"), "Could not save.")',
        'edit.setPlaceholderText("Search {x}".format(x=1))',
        'button.setToolTip(self.tr("a") if ok else "Locked")',
    ],
)
def test_the_app_rules_find_an_unmarked_string(source) -> None:
    assert list(ui_findings(ast.parse(source)))


@pytest.mark.parametrize(
    "source",
    [
        'label.setText(self.tr("Saved"))',
        'label.setText(self.tr("Open {name}").format(name=name))',
        'label.setText(QCoreApplication.translate("errors", "x"))',
        "label.setText(title)",  # data, not a literal: shown as text elsewhere
        'label.setText("—")',
        'label.setText(f"{count} / {total}")',
        'box.addItem(QT_TRANSLATE_NOOP("kinds", "Playbook"), "playbook")',
    ],
)
def test_the_app_rules_pass_a_marked_string(source) -> None:
    assert not list(ui_findings(ast.parse(source)))


@pytest.mark.parametrize(
    "source",
    [
        'Result({}, ["Nothing to prune."])',
        'Result({}, lines or ["No matches."])',
        'lines.append(f"Removed {p}")',
        'text.extend(f"Warning: {w}" for w in warnings)',
        'raise UsageError("Choose what to license.")',
        'raise UsageError(Translated(f"No such file: {path}"))',
        'p.add_argument("--to", help="the licensee")',
        'command("init", "create a vault")',
        'group(command, "license", "issue licenses")',
        'stderr.write(f"knowhold: interrupted; nothing was kept.\\n")',
        'ctx.progress("Importing")',
        'lines = ["The trash is empty."] if a.trash else []',
    ],
)
def test_the_command_line_rules_find_an_unmarked_string(source) -> None:
    assert list(cli_findings(ast.parse(source)))


@pytest.mark.parametrize(
    "source",
    [
        'Result({"id": x}, [_("Moved {id}.").format(id=x)])',
        'Result({}, lines or [_("No matches.")])',
        'lines.append(f"{e.id}  {e.kind:<10} {e.title}")',
        'raise UsageError(Translated(_("No such file: {path}").format(path=p)))',
        'p.add_argument("--to", required=True, metavar="CONTACT", help=_("the licensee"))',
        'command("init", _("create a vault"))',
        'stderr.write(f"knowhold: {error_line(exc)}\\n")',
        'lines.append(ngettext("{n} entry", "{n} entries", n).format(n=n))',
        'data = {"status": "revoked"}',  # JSON: for scripts, never translated
    ],
)
def test_the_command_line_rules_pass_a_marked_string(source) -> None:
    assert not list(cli_findings(ast.parse(source)))
