"""The files that leave with a license: each chosen entry's attachments, cleaned.

An entry is its text and the pictures and files its text refers to, so a
license carries an entry's attachments unless the worker leaves them out
(``Ledger.issue(attachments=False)``, ``license issue --no-attachments``, the
wizard's check box). What leaves is never the vault's own bytes but a copy
passed through ``image_metadata.strip_metadata``: an image loses its EXIF
(and the GPS position in it), XMP, IPTC, comments and thumbnails; any other
type leaves as it is, and says so (``OutgoingFile.cleaned``), for the review
to warn that its metadata goes with it.

The review (``vault.licensing.review``) and the issue call the same
``outgoing_files``, so what the worker is shown (name, type, size, what was
found and removed) is what the package holds. An image too damaged to be
cleaned is never sent as it is: the review shows why (``problem``), and the
issue stops with ``DamagedImage`` until the file is removed or the
attachments are left out. The package's limits (``manifest.MAX_FILES``,
``MAX_FILES_BYTES``) are checked here first, with a sentence the worker can
act on, before anything is signed; files far over them (``READ_BOUND``, from
their sizes in the vault) are listed without being read at all, so choosing
entries with gigabytes of attachments costs no memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from knowhold.vault.errors import DamagedImage, InvalidValue
from knowhold.vault.knowledge.attachments import Attachments
from knowhold.vault.knowledge.image_metadata import cleans, strip_metadata
from knowhold.vault.licensing.manifest import MAX_FILES, MAX_FILES_BYTES
from knowhold.vault.licensing.payload import LicensedFile

# Past this many bytes in the vault, files are not read: however much metadata
# came out, they could not fit in MAX_FILES_BYTES (images rarely lose half).
READ_BOUND = 2 * MAX_FILES_BYTES


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    """One attachment as it would leave with its entry."""

    entry_id: str
    name: str
    media_type: str
    size: int  # bytes as carried (the vault's copy less what was removed)
    cleaned: bool  # an image whose metadata is removed; False: any other type, carried as it is
    found: tuple[str, ...]  # what was removed (image_metadata's names: "gps", "exif"…)
    problem: str = ""  # why it cannot leave (a damaged image); "" if it can


@dataclass(frozen=True, slots=True)
class Outgoing:
    """Every chosen entry's outgoing files, and the bytes that would leave."""

    files: tuple[OutgoingFile, ...]
    carried: Mapping[str, tuple[LicensedFile, ...]]  # by entry id, only for files without a problem
    read: bool = True  # False: far over the limits, the files were listed, not read

    def licensed(self) -> Mapping[str, tuple[LicensedFile, ...]]:
        """The bytes to carry, by entry id; ``DamagedImage`` or ``InvalidValue`` if they cannot all leave."""
        for f in self.files:
            if f.problem:
                raise DamagedImage(f"{f.name} (entry {f.entry_id}): {f.problem}")
        total = sum(f.size for f in self.files)
        if not within_limits(self.files) or not self.read:
            raise InvalidValue(
                f"A license carries at most {MAX_FILES:,} files and {MAX_FILES_BYTES >> 20} MiB of them; "
                f"the entries chosen have {len(self.files):,} files, {total / 2**20:.1f} MiB: "
                "leave the attachments out or choose fewer entries."
            )
        return self.carried


NONE = Outgoing((), {})


def within_limits(files: Sequence[OutgoingFile]) -> bool:
    """True if ``files`` fit in one package (``manifest.MAX_FILES``, ``MAX_FILES_BYTES``)."""
    return len(files) <= MAX_FILES and sum(f.size for f in files) <= MAX_FILES_BYTES


def outgoing_files(attachments: Attachments, entry_ids: Iterable[str]) -> Outgoing:
    """Each entry's attachments, cleaned of their metadata, as a license would carry them."""
    files: list[OutgoingFile] = []
    carried: dict[str, tuple[LicensedFile, ...]] = {}
    # Speed: one query for which entries have files, then one listing for each of
    # those alone; most entries have none (two queries apiece for 10,000 entries
    # were a fifth of issuing them).
    having = attachments.entries_with_files()
    listed = [(entry_id, attachments.list(entry_id) if entry_id in having else []) for entry_id in entry_ids]
    everything = [a for _, found in listed for a in found]
    if len(everything) > MAX_FILES or sum(a.size for a in everything) > READ_BOUND:
        unread = (
            OutgoingFile(e, a.name, a.mime, a.size, cleans(a.mime), ()) for e, found in listed for a in found
        )
        return Outgoing(tuple(unread), {}, read=False)
    for entry_id, found in listed:
        kept: list[LicensedFile] = []
        for a in found:
            try:
                stripped = strip_metadata(attachments.data_by_hash(a.sha256), a.mime)
            except DamagedImage as exc:
                files.append(OutgoingFile(entry_id, a.name, a.mime, a.size, True, (), str(exc)))
                continue
            size = len(stripped.data)
            files.append(OutgoingFile(entry_id, a.name, a.mime, size, stripped.cleaned, stripped.found))
            kept.append(LicensedFile(a.name, a.mime, stripped.data))
        if kept:
            carried[entry_id] = tuple(kept)
    return Outgoing(tuple(files), carried)
