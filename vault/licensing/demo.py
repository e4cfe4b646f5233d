"""Licenses in the demo vault, so the ledger and the received library have something to show.

The demo worker freelances: two clients hold licenses to parts of the
samples (one with pay per month, one paid once, one revoked when a project
ended early), and a colleague has licensed two of her own notes to the demo
worker. The other parties' keys are made here and thrown away: nobody can
act as them later, which is all a demo needs. The package files are written
to ``folder`` (the worker would send them to the client).

Everything goes through the same core calls as real licensing (``Ledger.issue``,
``Library.ingest``): the demo shows only what the product really does.
"""

from __future__ import annotations

from pathlib import Path

from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.package import build_package, new_license_id
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.store.storage import Vault

DAY = 86_400

_COLLEAGUE_NOTES = (
    (
        "heuristic",
        "When a supplier goes quiet, call the plant, not sales",
        "Sales answers within a day when things are fine. When they stop answering, the plant "
        "usually has a problem nobody has told them about yet.\n\n"
        "- Ask the plant's shift lead what is running on the line this week.\n"
        "- If our part is not on the schedule, escalate the same day.\n",
        ("suppliers", "escalation"),
    ),
    (
        "checklist",
        "来料检验：先看包装再看件",
        "1. 外箱有没有压痕、水渍——运输问题往往先出现在包装上。\n"
        "2. 标签上的批次号和送货单是否一致。\n"
        "3. 抽检时从箱子底层取样，不要只拿最上面一层。\n",
        ("质量", "来料"),
    ),
)


def add_demo_licenses(vault: Vault, folder: Path) -> None:
    """Issue the demo's licenses into ``folder`` and receive one; nothing if it fails half way.

    Each step is the core's own transaction; the demo vault is made fresh and
    removed whole if this raises (``create_demo``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    now = vault.db.now()
    contacts = Contacts(vault.db)
    acme = Identity.generate("Acme Robotics 艾克机器人", created_at=now - 40 * DAY)
    logistics = Identity.generate("华东物流 East China Logistics", created_at=now - 20 * DAY)
    contacts.add(make_card(acme), verified=True)
    contacts.add(make_card(logistics))

    ledger = Ledger(vault)
    ledger.issue(
        to=acme.public.name,
        tags=["support", "billing"],
        expires_at=now + 90 * DAY,
        terms=Terms.make(
            allow=["ai-retrieval"],
            human_review=True,
            attribution="Demo worker",
            fee=("1200", "CNY"),
            per="month",
            compensation_note="Invoiced on the 1st of each month.",
        ),
        revocation=Revocation.make(),
        redact=True,  # one sample holds a (fake) customer address: it leaves redacted
        out=folder / "acme-support.knowhold",
    )
    ledger.issue(
        to=logistics.public.name,
        tags=["物流"],
        expires_at=now + 365 * DAY,
        terms=Terms.make(allow=["ai-retrieval", "copy-excerpts"], fee=("5000", "CNY"), per="once"),
        revocation=Revocation.make(),
        redact=True,
        out=folder / "east-china-logistics.knowhold",
    )
    ended = ledger.issue(
        to=acme.public.name,
        tags=["sales"],
        expires_at=now + 30 * DAY,
        terms=Terms.make(allow=["ai-retrieval"], fee=("800", "CNY"), per="once"),
        revocation=Revocation.make(),
        redact=True,
        out=folder / "acme-sales.knowhold",
    )
    ledger.revoke(ended.license_id, "The pilot project ended early.")

    colleague = Identity.generate("陈静 Chen Jing", created_at=now - 60 * DAY)
    me = load_identity(vault.db).public
    license_id = new_license_id()
    notes = [
        LicensedEntry(f"demo{index:02d}", 1, kind, title, body, tags)
        for index, (kind, title, body, tags) in enumerate(_COLLEAGUE_NOTES)
    ]
    data, _ = build_package(
        colleague,
        me,
        notes,
        license_id=license_id,
        issued_at=now,
        not_before=now,
        expires_at=now + 180 * DAY,
        terms=Terms.make(allow=["ai-retrieval"], human_review=True, attribution="陈静 Chen Jing"),
        revocation=Revocation.make(),
    )
    Library(vault).ingest(data, trust=True)
