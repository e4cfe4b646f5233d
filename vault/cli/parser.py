"""The command line's grammar: ``knowhold [--vault PATH] [--json] COMMAND …``.

This is a public interface that scripts depend on: commands, flags and
exit codes are only ever added, never renamed. argparse's own error exit
(a multi-line usage dump) is replaced by ``UsageError``, so a bad option is
one line on standard error and exit code 2, like every other usage error.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from knowhold.vault.errors import UsageError
from knowhold.vault.i18n import ENGLISH, N_, SIMPLIFIED_CHINESE, Translated, ngettext
from knowhold.vault.i18n import gettext as _
from knowhold.vault.store.schema import KINDS

# Modules that add commands: each has ``register(command)`` where
# ``command(name, help) -> ArgumentParser`` makes a subcommand; the module
# sets ``handler=`` on it with ``set_defaults``. Add a module here to add commands.
COMMAND_MODULES = (
    "knowhold.vault.cli.vault_commands",
    "knowhold.vault.cli.identity_commands",
    "knowhold.vault.cli.license_commands",
    "knowhold.vault.cli.received_commands",
    "knowhold.vault.cli.agent_commands",
    "knowhold.vault.cli.usage_commands",
    "knowhold.vault.cli.selftest_commands",
)

Command = Callable[[str, str], argparse.ArgumentParser]

# --lang's values as people write them, and the language each names: the
# BCP 47 tag, and the POSIX name that LANG shows them (zh_CN.UTF-8).
LANGUAGE_OPTIONS = {"en": ENGLISH, "zh-CN": SIMPLIFIED_CHINESE, "zh_CN": SIMPLIFIED_CHINESE}


def requested_language(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` names, read before parsing, since help is written in it.

    None when it is not given, or names no language of ours: the parser then
    says so, in the system's language.
    """
    value = ""
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
    return LANGUAGE_OPTIONS.get(value)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        # No abbreviations: `--passphrase SECRET` must not be read as
        # `--passphrase-file SECRET`, and flags stay exact for scripts.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        unrecognised = _("unrecognized arguments: %s")  # argparse's own words, in the language in use
        prefix = unrecognised.partition("%s")[0]
        if message.startswith(prefix):
            # Echo only the flags: a stray value may be a secret typed in the wrong place.
            flags = [word for word in message[len(prefix) :].split() if word.startswith("-")]
            message = unrecognised % (" ".join(flags) or _("(values not shown)"))
        raise UsageError(
            Translated(_("{message} (see `{prog} --help`)").format(message=message, prog=self.prog))
        )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(text=repr(text))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("must not be negative: {text}").format(text=repr(text)))
    return value


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On the top parser these set defaults; repeated on each command (with
    # SUPPRESS) so `knowhold list --json` works as well as `knowhold --json list`.
    default = (lambda v: v) if top else (lambda v: argparse.SUPPRESS)
    parser.add_argument(
        "--vault",
        type=Path,
        default=default(None),
        metavar="PATH",
        help=_("vault folder (default: $KNOWHOLD_VAULT, else your data folder)"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help=_("print one JSON document on standard output"),
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        default=default(None),
        metavar="FILE",
        help=_("read the passphrase from the first line of FILE"),
    )
    parser.add_argument(
        "--lang",
        choices=tuple(LANGUAGE_OPTIONS),
        metavar="{en,zh-CN}",  # zh_CN is taken too, unlisted
        default=default(None),
        help=_("the language of messages and help (default: the system's)"),
    )


def _version() -> str:
    # The installed distribution's metadata: pyproject.toml is the one place
    # the version is written, so the CLI, Help > About and pip never disagree.
    try:
        return metadata.version("knowhold")
    except metadata.PackageNotFoundError:  # imported from a tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    # argparse words its own messages ("usage:", "the following arguments are
    # required: %s") with the gettext functions it imported, which read the
    # system's locale folders. Pointed at ours, they are in Knowhold's one
    # catalogue, follow --lang and ship inside the package.
    vars(argparse).update(_=_, ngettext=ngettext)
    parser = _Parser(
        prog="knowhold",
        description=_(
            "Your work knowledge in an encrypted vault, licensed on your terms. "
            "With no command, starts the desktop app."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help=_("print the version and exit"),
    )
    _global_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, top=False)
        return p

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(command)
    return parser


def group(command: Command, name: str, help_text: str) -> Command:
    """A command with subcommands (``license issue``): returns their ``command``."""
    parent = command(name, help_text)
    sub = parent.add_subparsers(
        dest=f"{name}_command", metavar="SUBCOMMAND", parser_class=_Parser, required=True
    )

    def subcommand(sub_name: str, sub_help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(sub_name, help=sub_help, description=sub_help)
        _global_options(p, top=False)
        return p

    return subcommand


_ORIGIN_HELP = N_(
    "where the knowledge comes from: own (your own experience), org:NAME (learned at an organisation) "
    "or public:SOURCE (a book, a standard…)"
)


def register_vault_commands(plain: Command) -> dict[str, argparse.ArgumentParser]:
    """The vault's own commands; returns their parsers by name for the handlers."""
    made: dict[str, argparse.ArgumentParser] = {}

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        made[name] = plain(name, help_text)
        return made[name]

    p = command("init", _("create a vault and print its recovery code once"))
    p.add_argument("--name", default="", help=_("your display name"))

    p = command("add", _("add an entry (body from --file or standard input); prints its id"))
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--title", required=True)
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("--private", action="store_true", help=_("never allowed into a license"))
    p.add_argument("--origin", metavar="ORIGIN", help=_(_ORIGIN_HELP))
    p.add_argument("--file", type=Path, metavar="F", help=_("Markdown body ('-' for standard input)"))
    p.add_argument("--template", action="store_true", help=_("start the body from the kind's template"))

    p = command("edit", _("change an entry; every change is kept as a version"))
    p.add_argument("id")
    p.add_argument("--title")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--file", type=Path, metavar="F", help=_("new Markdown body ('-' for standard input)"))
    p.add_argument("--tag", action="append", metavar="TAG", help=_("replace the tags (repeat for several)"))
    p.add_argument("--private", dest="private", action="store_true", default=None)
    p.add_argument("--not-private", dest="private", action="store_false")
    p.add_argument(
        "--origin", metavar="ORIGIN", help=_("{origin}; none forgets it").format(origin=_(_ORIGIN_HELP))
    )

    p = command("show", _("print an entry, or one of its earlier versions"))
    p.add_argument("id")
    p.add_argument("--version", type=_positive_int, metavar="N")

    p = command("history", _("list an entry's versions"))
    p.add_argument("id")

    p = command("revert", _("make an earlier version the current one (a new version)"))
    p.add_argument("id")
    p.add_argument("--version", type=_positive_int, metavar="N", required=True)

    p = command("list", _("list entries, most recently changed first"))
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--tag")
    p.add_argument("--trash", action="store_true", help=_("list the trash instead"))
    p.add_argument("--limit", type=_positive_int, metavar="N")

    p = command("rm", _("move an entry to the trash"))
    p.add_argument("id")

    p = command("restore", _("take an entry out of the trash (ID), or restore a backup FILE into --vault"))
    p.add_argument("target", metavar="ID|FILE")

    command("empty-trash", _("delete everything in the trash for good"))

    p = command("search", _('full-text search (words AND, OR, -word, "phrase", prefix*, tag:x, kind:y)'))
    p.add_argument("query")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--tag")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N")

    p = command("tags", _("list tags with how many entries carry each"))

    p = command("import", _("import Markdown files or folders (Obsidian-style)"))
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    p = command("export", _("export every entry as a plain Markdown folder"))
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--by-kind",
        action="store_true",
        help=_("one folder per kind, rather than the folders and file names the notes were imported with"),
    )

    p = command("backup", _("write an encrypted backup of the whole vault to one file"))
    p.add_argument("--out", type=Path, required=True, metavar="FILE")

    p = command("passphrase", _("change the passphrase (new one from a prompt or $KNOWHOLD_NEW_PASSPHRASE)"))
    p.add_argument(
        "--rotate-key",
        action="store_true",
        help=_(
            "also re-encrypt the vault with a new key, so copies of the old vault.key no longer open it "
            "(prints a new recovery code)"
        ),
    )
    command("recover", _("open with the recovery code and set a new passphrase"))

    p = command("scan", _("find sensitive data (e-mails, phones, IDs, cards, IPs, secrets)"))
    p.add_argument("ids", nargs="*", metavar="ID")

    p = command("template", _("print the starting template of a kind"))
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--language", choices=("en", "zh"), default="en")

    p = command("demo", _("create (once) a demo vault with sample entries and say how to open it"))
    p.add_argument("--open", action="store_true", help=_("then start the desktop app on it"))
    return made
