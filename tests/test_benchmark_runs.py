"""The benchmark script keeps working (tiny sizes; the figures themselves are not asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def test_benchmark_runs_and_prints_every_row(tmp_path: Path, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location(
        "knowhold_bench", Path(__file__).parent / "benchmarks" / "bench.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "knowhold_bench", bench)  # dataclasses look their module up
    spec.loader.exec_module(bench)
    out = tmp_path / "table.md"
    assert bench.main(["--entries", "150", "--queries", "3", "--license-sizes", "40", "--out", str(out)]) == 0
    table = out.read_text("utf-8")
    for row in (
        "insert cost",
        "Chinese 2-char word",
        "prefix",
        "key derivation",
        "open to first page",
        "change passphrase",
        "verify a 40-entry package",
        "license issue",
        "received ingest",
    ):
        assert row in table, row
    assert "nan" not in table.lower()
