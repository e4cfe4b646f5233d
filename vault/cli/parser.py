"""The command line's grammar: ``knowhold [--vault PATH] [--json] COMMAND …``.

This is a public interface that scripts depend on: commands, flags and
exit codes are only ever added, never renamed. argparse's own error exit
(a multi-line usage dump) is replaced by ``UsageError``, so a bad option is
one line on standard error and exit code 2, like every other usage error.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from knowhold.vault.errors import UsageError
from knowhold.vault.store.schema import KINDS

# Modules that add commands: each has ``register(command)`` where
# ``command(name, help) -> ArgumentParser`` makes a subcommand; the module
# sets ``handler=`` on it with ``set_defaults``. Add a module here to add commands.
COMMAND_MODULES = (
    "knowhold.vault.cli.vault_commands",
    "knowhold.vault.cli.identity_commands",
    "knowhold.vault.cli.license_commands",
    "knowhold.vault.cli.received_commands",
    "knowhold.vault.cli.selftest_commands",
)

Command = Callable[[str, str], argparse.ArgumentParser]


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        # No abbreviations: `--passphrase SECRET` must not be read as
        # `--passphrase-file SECRET`, and flags stay exact for scripts.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        if message.startswith("unrecognized arguments:"):
            # Echo only the flags: a stray value may be a secret typed in the wrong place.
            flags = [word for word in message.split(":", 1)[1].split() if word.startswith("-")]
            message = "unrecognized arguments: " + (" ".join(flags) or "(values not shown)")
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
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
        help="vault folder (default: $KNOWHOLD_VAULT, else your data folder)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help="print one JSON document on standard output",
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        default=default(None),
        metavar="FILE",
        help="read the passphrase from the first line of FILE",
    )


def _version() -> str:
    # The installed distribution's metadata: pyproject.toml is the one place
    # the version is written, so the CLI, Help > About and pip never disagree.
    try:
        return metadata.version("knowhold")
    except metadata.PackageNotFoundError:  # imported from a tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="knowhold",
        description="Your work knowledge in an encrypted vault, licensed on your terms. "
        "With no command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
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


_ORIGIN_HELP = (
    "where the knowledge comes from: own (your own experience), org:NAME (learned at an organisation) "
    "or public:SOURCE (a book, a standard…)"
)


def register_vault_commands(plain: Command) -> dict[str, argparse.ArgumentParser]:
    """The vault's own commands; returns their parsers by name for the handlers."""
    made: dict[str, argparse.ArgumentParser] = {}

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        made[name] = plain(name, help_text)
        return made[name]

    p = command("init", "create a vault and print its recovery code once")
    p.add_argument("--name", default="", help="your display name")

    p = command("add", "add an entry (body from --file or standard input); prints its id")
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--title", required=True)
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("--private", action="store_true", help="never allowed into a license")
    p.add_argument("--origin", metavar="ORIGIN", help=_ORIGIN_HELP)
    p.add_argument("--file", type=Path, metavar="F", help="Markdown body ('-' for standard input)")
    p.add_argument("--template", action="store_true", help="start the body from the kind's template")

    p = command("edit", "change an entry; every change is kept as a version")
    p.add_argument("id")
    p.add_argument("--title")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--file", type=Path, metavar="F", help="new Markdown body ('-' for standard input)")
    p.add_argument("--tag", action="append", metavar="TAG", help="replace the tags (repeat for several)")
    p.add_argument("--private", dest="private", action="store_true", default=None)
    p.add_argument("--not-private", dest="private", action="store_false")
    p.add_argument("--origin", metavar="ORIGIN", help=_ORIGIN_HELP + "; none forgets it")

    p = command("show", "print an entry, or one of its earlier versions")
    p.add_argument("id")
    p.add_argument("--version", type=_positive_int, metavar="N")

    p = command("history", "list an entry's versions")
    p.add_argument("id")

    p = command("revert", "make an earlier version the current one (a new version)")
    p.add_argument("id")
    p.add_argument("--version", type=_positive_int, metavar="N", required=True)

    p = command("list", "list entries, most recently changed first")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--tag")
    p.add_argument("--trash", action="store_true", help="list the trash instead")
    p.add_argument("--limit", type=_positive_int, metavar="N")

    p = command("rm", "move an entry to the trash")
    p.add_argument("id")

    p = command("restore", "take an entry out of the trash (ID), or restore a backup FILE into --vault")
    p.add_argument("target", metavar="ID|FILE")

    command("empty-trash", "delete everything in the trash for good")

    p = command("search", 'full-text search (words AND, OR, -word, "phrase", prefix*, tag:x, kind:y)')
    p.add_argument("query")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--tag")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N")

    p = command("tags", "list tags with how many entries carry each")

    p = command("import", "import Markdown files or folders (Obsidian-style)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    p = command("export", "export every entry as a plain Markdown folder")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--by-kind",
        action="store_true",
        help="one folder per kind, rather than the folders and file names the notes were imported with",
    )

    p = command("backup", "write an encrypted backup of the whole vault to one file")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")

    p = command("passphrase", "change the passphrase (new one from a prompt or $KNOWHOLD_NEW_PASSPHRASE)")
    p.add_argument(
        "--rotate-key",
        action="store_true",
        help="also re-encrypt the vault with a new key, so copies of the old vault.key no longer open it "
        "(prints a new recovery code)",
    )
    command("recover", "open with the recovery code and set a new passphrase")

    p = command("scan", "find sensitive data (e-mails, phones, IDs, cards, IPs, secrets)")
    p.add_argument("ids", nargs="*", metavar="ID")

    p = command("template", "print the starting template of a kind")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--language", choices=("en", "zh"), default="en")

    p = command("demo", "create (once) a demo vault with sample entries and say how to open it")
    p.add_argument("--open", action="store_true", help="then start the desktop app on it")
    return made
