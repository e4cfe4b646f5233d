"""``knowhold self-test``: a worker and an employer, end to end, on two throwaway vaults.

Why it exists: a frozen build (PyInstaller) can leave out a module the CLI
loads by name, a C extension (SQLCipher, cryptography's HPKE and Argon2id)
or a data file, and nothing shows it until a user takes that path; a user
who reports a problem can run this and paste its lines. So it walks what
the two users do, through the same core calls the commands and the app
make: create and reopen two vaults, write and search entries in English and
Chinese, exchange cards, issue a license, verify it, ingest it, read it,
revoke it, refresh from the status document, see the content destroyed,
and check both audit chains.

Each step checks its own outcome, not only that nothing raised: a revoke
that never reaches the employer fails the step that expects the content
gone. The first step that fails stops the run (the later ones need what it
made) with its one-line reason; the steps after it are reported as
skipped. Any exception counts as a failure, a library's too: that is what
a missing piece of a frozen build raises.

Time is the caller's clock, read through the vaults as everywhere in the
core. The vaults are made with ``SELF_TEST_KDF``, Argon2id at the floor the
core accepts rather than this machine's calibrated cost: the self-test
checks that key derivation works, not that it is slow, and its vaults are
deleted when it ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from knowhold.vault.errors import KnowholdError, Revoked
from knowhold.vault.i18n import N_, Message
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contacts, load_identity, make_card
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.licensing.verify import verify_package
from knowhold.vault.store.db import Clock
from knowhold.vault.store.keys import Argon2Params
from knowhold.vault.store.storage import Vault

# Exit code of a failed self-test: sysexits' EX_SOFTWARE, "an internal software
# error", since the program, not the user's input or data, is what failed.
EXIT_FAILED = 70

# Argon2id at the floor the core accepts (64 MiB, 3 passes), not calibrated: fast, for
# throwaway vaults only. Never used for a vault a person keeps.
SELF_TEST_KDF = Argon2Params()
PASSPHRASE = "self-test: correct horse battery staple"
DAY = 86400
WORKER, EMPLOYER = "Li Wei", "Acme Support"
ENGLISH = ("Escalate early", "When a customer threatens to churn, call them within the hour.")
CHINESE = ("客户投诉升级", "客户威胁流失时，一小时内打电话，不要先发邮件。")
MAX_REASON = 300  # characters of a failure's reason: one line, never a page


@dataclass(frozen=True, slots=True)
class StepResult:
    name: str
    ok: bool | None  # None: skipped, an earlier step failed
    detail: str  # what was checked (an i18n.Message), or why it failed, on one line
    seconds: float


@dataclass(frozen=True, slots=True)
class SelfTestReport:
    steps: tuple[StepResult, ...]

    @property
    def passed(self) -> bool:
        return all(step.ok for step in self.steps)


class StepFailed(Exception):
    """A step's outcome is not the one expected; the message is its reason."""


def _expect(condition: bool, reason: str) -> None:
    if not condition:
        raise StepFailed(reason)


def _reason(exc: Exception) -> str:
    # A library's error: its type is most of the story (ImportError, OSError…).
    text = str(exc) if isinstance(exc, StepFailed | KnowholdError) else f"{type(exc).__name__}: {exc}"
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


class _Run:
    """The two vaults and what the steps hand on to each other."""

    def __init__(self, folder: Path, clock: Clock) -> None:
        self.folder = folder
        self.clock = clock
        self.vaults: dict[str, Vault] = {}
        self.entry_ids: dict[str, str] = {}
        self.package = b""
        self.license_id = ""
        self.status = b""

    @property
    def worker(self) -> Vault:
        return self.vaults[WORKER]

    @property
    def employer(self) -> Vault:
        return self.vaults[EMPLOYER]

    def close(self) -> None:
        for vault in self.vaults.values():
            vault.close()

    # -- the steps, in order ----------------------------------------------------------

    def create_vaults(self) -> str:
        for name in (WORKER, EMPLOYER):
            path = self.folder / name.split()[0].lower()
            Vault.create(path, PASSPHRASE, clock=self.clock, name=name, kdf=SELF_TEST_KDF).vault.close()
            # Opened again from its key file: the passphrase unwraps the key, SQLCipher opens.
            self.vaults[name] = Vault.open(path, PASSPHRASE, clock=self.clock)
            _expect(self.vaults[name].name == name, f"the vault {path.name} does not hold its name")
        kdf = SELF_TEST_KDF
        created = N_(
            "created and reopened two vaults (Argon2id at its floor, for speed: {mib} MiB, {passes} passes)"
        )
        return Message(created, mib=str(kdf.memory_kib // 1024), passes=str(kdf.iterations))

    def write_entries(self) -> str:
        entries = self.worker.entries
        for language, (title, body) in (("English", ENGLISH), ("Chinese", CHINESE)):
            entry = entries.add("playbook", title, body, ("support",))
            self.entry_ids[language] = entry.id
            stored = entries.get(entry.id)
            _expect((stored.title, stored.body) == (title, body), f"the {language} entry reads back changed")
        return Message(N_("wrote an English and a Chinese entry and read them back"))

    def _search(self, language: str, query: str) -> str:
        hits = self.worker.search.search(query)
        found = [hit.id for hit in hits]
        _expect(found == [self.entry_ids[language]], f"searching {query!r} found {len(found)} entries, not 1")
        finds = (
            N_("{query} finds the English entry")
            if language == "English"
            else N_("{query} finds the Chinese entry")
        )
        return Message(finds, query=repr(query))

    def search_english(self) -> str:
        return self._search("English", "escalate")

    def search_chinese(self) -> str:
        return self._search("Chinese", "投诉")

    def exchange_cards(self) -> str:
        worker_card = make_card(load_identity(self.worker.db))
        employer_card = make_card(load_identity(self.employer.db))
        Contacts(self.worker.db).add(employer_card, verified=True)
        Contacts(self.employer.db).add(worker_card, verified=True)
        return Message(N_("each vault added the other's signed card as a verified contact"))

    def issue_license(self) -> str:
        out = self.folder / "acme.knowhold"
        issued = Ledger(self.worker).issue(
            to=EMPLOYER,
            entry_ids=list(self.entry_ids.values()),
            expires_at=self.clock() + 30 * DAY,
            terms=Terms.make(allow=("ai-retrieval",)),
            revocation=Revocation.make(),
            out=out,
        )
        held = len(issued.entries)
        _expect(held == len(self.entry_ids), f"the license holds {held} entries, not {len(self.entry_ids)}")
        self.package = out.read_bytes()
        self.license_id = issued.license_id
        issued_one = N_("issued license {id}: {count} entries, signed and sealed")
        return Message(issued_one, id=issued.license_id[:8], count=str(held))

    def verify(self) -> str:
        report = verify_package(self.package, vault=self.employer, status=None, at=None)
        failed = [f"{c.name}: {c.detail}" for c in report.checks if c.ok is False]
        _expect(report.valid and not failed, "not valid: " + "; ".join(failed))
        return Message(
            N_("every check passed ({checks})"), checks=", ".join(c.name for c in report.checks if c.ok)
        )

    def ingest(self) -> str:
        record = Library(self.employer).ingest(self.package)
        _expect(record.status == "active", f"the ingested license is {record.status}, not active")
        return Message(N_("the employer's vault keeps the license, active"))

    def read(self) -> str:
        _record, entries = Library(self.employer).show(self.license_id)
        got = sorted((e.title, e.body) for e in entries)
        _expect(got == sorted((ENGLISH, CHINESE)), "the licensed entries read differently than written")
        return Message(N_("the employer reads both entries as written"))

    def revoke(self) -> str:
        ledger = Ledger(self.worker)
        ledger.revoke(self.license_id, "self-test")
        published = ledger.publish(self.folder / "knowhold.status")
        revoked = [item.license_id for item in published.document.revoked]
        _expect(revoked == [self.license_id], f"the status document revokes {len(revoked)} licenses, not 1")
        self.status = published.path.read_bytes()
        return Message(N_("revoked the license and published a signed status document saying so"))

    def refresh(self) -> str:
        results = Library(self.employer).refresh(status_file=self.status)
        changes = [change for result in results for change in result.changes]
        _expect(any("revoked" in change for change in changes), "the status document changed nothing")
        return Message(N_("the employer's vault took in the status document"))

    def content_destroyed(self) -> str:
        library = Library(self.employer)
        record = library.get(self.license_id)
        _expect(record.destroyed_at is not None, f"the content is still there (status {record.status})")
        try:
            library.show(self.license_id)
        except Revoked:
            return Message(N_("the content is gone and reading it is refused as revoked"))
        raise StepFailed("the revoked license's entries can still be read")

    def audit_chain(self) -> str:
        expected = {
            WORKER: {"issued", "revoked", "status-published"},
            EMPLOYER: {"ingested", "viewed", "refreshed", "destroyed"},
        }
        counts = []
        for name, events in expected.items():
            log = AuditLog(self.vaults[name].db)
            check = log.verify()
            _expect(check.intact, f"{name}'s audit log is broken: {check.reason}")
            missing = events - {event.event for event in log.events()}
            _expect(not missing, f"{name}'s audit log lacks {', '.join(sorted(missing))}")
            counts.append(str(check.count))
        worker, employer = counts
        intact = N_("both hash chains are intact ({worker} and {employer} records)")
        return Message(intact, worker=worker, employer=employer)


STEPS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("create vaults", _Run.create_vaults),
    ("write entries", _Run.write_entries),
    ("search English", _Run.search_english),
    ("search Chinese", _Run.search_chinese),
    ("exchange cards", _Run.exchange_cards),
    ("issue license", _Run.issue_license),
    ("verify", _Run.verify),
    ("ingest", _Run.ingest),
    ("read", _Run.read),
    ("revoke", _Run.revoke),
    ("refresh", _Run.refresh),
    ("content destroyed", _Run.content_destroyed),
    ("audit chain", _Run.audit_chain),
)


def run_self_test(folder: Path, *, clock: Clock) -> SelfTestReport:
    """Run every step in ``folder`` (empty, and the caller's to delete); stops at the first failure."""
    run = _Run(Path(folder), clock)
    results: list[StepResult] = []
    try:
        for name, step in STEPS:
            if results and not results[-1].ok:
                results.append(StepResult(name, None, Message(N_("skipped: an earlier step failed")), 0.0))
                continue
            started = time.perf_counter()
            try:
                detail, ok = step(run), True
            except Exception as exc:  # every failure is this step's result, never a traceback
                detail, ok = _reason(exc), False
            results.append(StepResult(name, ok, detail, time.perf_counter() - started))
    finally:
        run.close()
    return SelfTestReport(tuple(results))
