"""``knowhold identity …`` and ``knowhold contacts …``: the vault's own card
and fingerprint, and the people whose cards it has imported."""

from __future__ import annotations

import base64
import shlex
from pathlib import Path

from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import Result
from knowhold.vault.cli.parser import Command, group
from knowhold.vault.licensing.identity import (
    CARD_MAX_BYTES,
    Contact,
    Contacts,
    load_identity,
    normalise_fingerprint,
    write_card,
)
from knowhold.vault.timefmt import format_time


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _contact_json(contact: Contact) -> dict[str, object]:
    return {
        "name": contact.name,
        "fingerprint": contact.fingerprint,
        "verified": contact.verified,
        "added_at": format_time(contact.added_at),
    }


def cmd_identity_show(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        public = load_identity(vault.db).public
    return Result(
        {
            "name": public.name,
            "fingerprint": public.fingerprint,
            "signing_key": _b64(public.signing_key),
            "hpke_key": _b64(public.hpke_key),
            "created_at": format_time(public.created_at),
        },
        [
            f"Name:         {public.name}",
            f"Fingerprint:  {public.fingerprint}",
            "",
            "Share your card with `knowhold identity export --out me.card` and send the file.",
            "Then read this fingerprint to the other person (aloud or on paper) so they can",
            "check that the card they received is really yours.",
        ],
    )


def cmd_identity_export(ctx: Context) -> Result:
    out: Path = ctx.args.out
    with ctx.open_vault() as vault:
        identity = load_identity(vault.db)
    write_card(identity, out)
    fp = identity.public.fingerprint
    return Result(
        {"out": str(out), "fingerprint": fp},
        [f"Wrote your identity card to {out}.", f"Its fingerprint: {fp}"],
    )


def cmd_contacts_add(ctx: Context) -> Result:
    data = ctx.read_document(ctx.args.file, CARD_MAX_BYTES, "card file")
    with ctx.open_vault() as vault:
        contacts = Contacts(vault.db)
        contact = contacts.add(data, verified=ctx.args.verified)
    doc = {"name": contact.name, "fingerprint": contact.fingerprint, "verified": contact.verified}
    if contact.verified:
        lines = [f"{contact.name} is a verified contact.", f"Fingerprint: {contact.fingerprint}"]
    else:
        lines = [
            f"Added {contact.name} (not verified yet).",
            f"Fingerprint: {contact.fingerprint}",
            "",
            f"Compare this fingerprint with {contact.name} aloud, in person or by phone (not through",
            "the channel the card came by). If every group matches, run:",
            f"    knowhold contacts verify {shlex.quote(contact.name)} FINGERPRINT",
        ]
    return Result(doc, lines)


def cmd_contacts_list(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        contacts = Contacts(vault.db).everyone()
    lines = [
        f"{c.fingerprint}  {'verified  ' if c.verified else 'unverified'}  {c.name}" for c in contacts
    ] or ["No contacts. Add one with `knowhold contacts add FILE`."]
    return Result({"contacts": [_contact_json(c) for c in contacts]}, lines)


def cmd_contacts_verify(ctx: Context) -> Result:
    normalise_fingerprint(ctx.args.fingerprint)  # a typo is a usage error before any passphrase is asked
    with ctx.open_vault() as vault:
        contact = Contacts(vault.db).verify(ctx.args.name, ctx.args.fingerprint)
    return Result(
        {"name": contact.name, "fingerprint": contact.fingerprint, "verified": contact.verified},
        [f"{contact.name} is now a verified contact ({contact.fingerprint})."],
    )


def cmd_contacts_remove(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        contact = Contacts(vault.db).remove(ctx.args.name)
    return Result(
        {"name": contact.name, "fingerprint": contact.fingerprint, "removed": True},
        [
            f"Removed {contact.name} ({contact.fingerprint}). If their keys really changed, "
            "add their new card and compare its fingerprint with them."
        ],
    )


def register(command: Command) -> None:
    identity = group(command, "identity", "your identity: name, fingerprint and card")
    identity("show", "show your name and fingerprint").set_defaults(handler=cmd_identity_show)
    p = identity("export", "write your identity card, to send to people you license to or from")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=cmd_identity_export)

    contacts = group(command, "contacts", "people whose identity cards you have imported")
    p = contacts("add", "import someone's identity card")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--verified", action="store_true", help="you have already compared fingerprints")
    p.set_defaults(handler=cmd_contacts_add)
    contacts("list", "list your contacts and whether each is verified").set_defaults(
        handler=cmd_contacts_list
    )
    p = contacts("verify", "mark a contact verified after comparing fingerprints with them")
    p.add_argument("name", metavar="NAME")
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.set_defaults(handler=cmd_contacts_verify)
    p = contacts("remove", "forget a contact (to accept a genuine key change, then add the new card)")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_contacts_remove)
