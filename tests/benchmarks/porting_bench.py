"""Markdown import and export of a large folder of notes, measured for tests/benchmarks/bench.py.

Writes a folder as a worker's notes look after a few years in Obsidian: notes
in nested folders (some named in Chinese), each a few kilobytes of mixed English
and Chinese text with front matter, a heading, a task list, a wikilink to
another note and a code block; some of them embed a picture of 50 to 300 KB,
half by name (``![[img-K.png]]``, the file in ``attachments/``), half by a path
from the note (``![](img/img-K.png)``, the file beside it). The pictures are
valid PNGs (a real header and a large stored IDAT of noise, so they do not
compress), since the vault tells an image by its bytes.

Then times, in one run: ``import_markdown`` of the folder into a new vault,
``export_markdown`` of that vault into an empty folder, and the baseline beside
both, ``shutil.copytree`` of the same folder (the least that reading every file
and writing it again can cost; a copy neither parses, encrypts nor fsyncs, and
export writes each file atomically with an fsync).

Nothing here asserts a figure; bench.py turns them into table rows.
"""

from __future__ import annotations

import random
import shutil
import struct
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from knowhold.vault import Vault
from knowhold.vault.knowledge.markdown_export import export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.store.db import Clock
from knowhold.vault.store.keys import Argon2Params

AREAS = ("Projects", "客户", "Ops/Runbooks", "Hiring", "复盘/2025", "Vendors/供应商")
IMAGE_WIDTH = 256  # pixels; a row of RGB is 769 bytes with its filter byte
MIN_IMAGE, MAX_IMAGE = 50_000, 300_000


@dataclass(frozen=True, slots=True)
class PortingFigures:
    notes: int
    images: int
    folder_bytes: int
    import_s: float
    export_s: float
    copy_s: float  # shutil.copytree of the same folder


def png(size: int, rng: random.Random) -> bytes:
    """A valid RGB PNG of about ``size`` bytes: noise, stored without compression."""
    row = 1 + IMAGE_WIDTH * 3
    height = max(1, size // row)
    pixels = b"".join(b"\x00" + rng.randbytes(row - 1) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", IMAGE_WIDTH, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels, 0))
        + chunk(b"IEND", b"")
    )


def build(
    folder: Path, texts: Sequence[tuple[str, str, str, list[str]]], images: int, seed: int = 17
) -> None:
    """Write ``len(texts) // 2`` notes into ``folder``, ``images`` of them embedding a picture.

    Each note is two of ``texts`` (bench.make_corpus's entries), so it is a few
    kilobytes; its file name is the first one's title, unique by its number.
    """
    rng = random.Random(seed)
    n = len(texts) // 2
    with_image = set(rng.sample(range(n), min(images, n)))
    for i in range(n):
        _, title, body, tags = texts[2 * i]
        _, second_title, second_body, _ = texts[2 * i + 1]
        area = AREAS[i % len(AREAS)]
        where = folder if i % 10 == 0 else folder / area / f"{area.split('/')[0].lower()}-{i % 7}"
        where.mkdir(parents=True, exist_ok=True)
        other = texts[2 * rng.randrange(n)][1]
        lines = [
            "---",
            f"tags: [{', '.join(tags)}]",
            f"created: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "---",
            f"# {title}",
            "",
            body,
            "",
            f"## {second_title}",
            "",
            second_body,
            "",
            f"- [x] Read [[{other}]] again",
            "- [ ] Ask the team before Friday",
            "",
            "```sh",
            f"grep -rn '#{i:06x}' logs/ | tail -n 20",
            "```",
        ]
        if i in with_image:
            data = png(rng.randint(MIN_IMAGE, MAX_IMAGE), rng)
            if i % 2:
                lines += ["", f"![[img-{i}.png]]"]
                picture = folder / "attachments" / f"img-{i}.png"
            else:
                lines += ["", f"![diagram](img/img-{i}.png)"]
                picture = where / "img" / f"img-{i}.png"
            picture.parent.mkdir(parents=True, exist_ok=True)
            picture.write_bytes(data)
        (where / f"{title}.md").write_text("\n".join(lines) + "\n", "utf-8")


def measure(
    folder: Path, notes: int, images: int, passphrase: str, workdir: Path, clock: Clock
) -> PortingFigures:
    """Import ``folder`` (written by ``build``) into a new vault, export it, and copy the folder."""
    start = time.perf_counter()
    shutil.copytree(folder, workdir / "porting-copy")
    copy_s = time.perf_counter() - start
    with Vault.create(workdir / "porting-vault", passphrase, clock=clock, kdf=Argon2Params()).vault as vault:
        start = time.perf_counter()
        imported = import_markdown(vault, [folder])
        import_s = time.perf_counter() - start
        if imported.created != notes or len(imported.attached) != images:
            raise RuntimeError(f"the benchmark's folder did not import whole: {imported}")
        start = time.perf_counter()
        exported = export_markdown(vault, workdir / "porting-export")
        export_s = time.perf_counter() - start
        if exported.written != notes or exported.attachments != images:
            raise RuntimeError(f"the benchmark's vault did not export whole: {exported}")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return PortingFigures(notes, images, size, import_s, export_s, copy_s)
