"""``knowhold identity …`` and ``knowhold contacts …``: the vault's own card
and fingerprint, and the people whose cards it has imported."""

from __future__ import annotations

import base64
import shlex
from pathlib import Path

from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import Result
from knowhold.vault.cli.parser import Command, group
from knowhold.vault.i18n import gettext as _
from knowhold.vault.licensing.identity import (
    CARD_MAX_BYTES,
    Contact,
    Contacts,
    load_identity,
    normalise_fingerprint,
    write_card,
)
from knowhold.vault.text import display_width, pad
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
            _("Name:         {name}").format(name=public.name),
            _("Fingerprint:  {fingerprint}").format(fingerprint=public.fingerprint),
            "",
            _("Share your card with `knowhold identity export --out me.card` and send the file."),
            _("Then read this fingerprint to the other person (aloud or on paper) so they can"),
            _("check that the card they received is really yours."),
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
        [
            _("Wrote your identity card to {path}.").format(path=out),
            _("Its fingerprint: {fingerprint}").format(fingerprint=fp),
        ],
    )


def cmd_contacts_add(ctx: Context) -> Result:
    data = ctx.read_document(ctx.args.file, CARD_MAX_BYTES, _("card file"))
    with ctx.open_vault() as vault:
        contacts = Contacts(vault.db)
        contact = contacts.add(data, verified=ctx.args.verified)
    doc = {"name": contact.name, "fingerprint": contact.fingerprint, "verified": contact.verified}
    fingerprint = _("Fingerprint: {fingerprint}").format(fingerprint=contact.fingerprint)
    if contact.verified:
        lines = [_("{name} is a verified contact.").format(name=contact.name), fingerprint]
    else:
        lines = [
            _("Added {name} (not verified yet).").format(name=contact.name),
            fingerprint,
            "",
            _("Compare this fingerprint with {name} aloud, in person or by phone (not through").format(
                name=contact.name
            ),
            _("the channel the card came by). If every group matches, run:"),
            f"    knowhold contacts verify {shlex.quote(contact.name)} FINGERPRINT",
        ]
    return Result(doc, lines)


def cmd_contacts_list(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        contacts = Contacts(vault.db).everyone()
    verified, unverified = _("verified"), _("unverified")
    width = max(display_width(verified), display_width(unverified))
    lines = [
        f"{c.fingerprint}  {pad(verified if c.verified else unverified, width)}  {c.name}" for c in contacts
    ] or [_("No contacts. Add one with `knowhold contacts add FILE`.")]
    return Result({"contacts": [_contact_json(c) for c in contacts]}, lines)


def cmd_contacts_verify(ctx: Context) -> Result:
    normalise_fingerprint(ctx.args.fingerprint)  # a typo is a usage error before any passphrase is asked
    with ctx.open_vault() as vault:
        contact = Contacts(vault.db).verify(ctx.args.name, ctx.args.fingerprint)
    return Result(
        {"name": contact.name, "fingerprint": contact.fingerprint, "verified": contact.verified},
        [
            _("{name} is now a verified contact ({fingerprint}).").format(
                name=contact.name, fingerprint=contact.fingerprint
            )
        ],
    )


def cmd_contacts_remove(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        contact = Contacts(vault.db).remove(ctx.args.name)
    return Result(
        {"name": contact.name, "fingerprint": contact.fingerprint, "removed": True},
        [
            _(
                "Removed {name} ({fingerprint}). If their keys really changed, "
                "add their new card and compare its fingerprint with them."
            ).format(name=contact.name, fingerprint=contact.fingerprint)
        ],
    )


def register(command: Command) -> None:
    identity = group(command, "identity", _("your identity: name, fingerprint and card"))
    identity("show", _("show your name and fingerprint")).set_defaults(handler=cmd_identity_show)
    p = identity("export", _("write your identity card, to send to people you license to or from"))
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=cmd_identity_export)

    contacts = group(command, "contacts", _("people whose identity cards you have imported"))
    p = contacts("add", _("import someone's identity card"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--verified", action="store_true", help=_("you have already compared fingerprints"))
    p.set_defaults(handler=cmd_contacts_add)
    contacts("list", _("list your contacts and whether each is verified")).set_defaults(
        handler=cmd_contacts_list
    )
    p = contacts("verify", _("mark a contact verified after comparing fingerprints with them"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.set_defaults(handler=cmd_contacts_verify)
    p = contacts("remove", _("forget a contact (to accept a genuine key change, then add the new card)"))
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_contacts_remove)
