"""What users install is what the checkout holds: the wheel, the sdist, ``--version``.

An editable install imports straight from the folders, so it hides a wheel
that leaves out a subpackage or a data file (it happened: ``pip install .``
then ``knowhold --help`` failed with ``No module named 'vault.cli'``). These
tests read ``pyproject.toml`` and build the real wheel and sdist once per
session, from a copy of the tree (setuptools writes ``build/`` and stale
files there would leak into the wheel), and compare their file lists with
the folders on disk, so a new module, icon or translation is checked without
touching this file. ``packaging/check_install.py`` goes further: it installs
the wheel into a fresh virtual environment and runs it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree

import pytest

from knowhold.ui.launcher import DESKTOP_ID, STARTUP_PROBE
from knowhold.vault.cli import main
from knowhold.vault.licensing.package import MAGIC, PACKAGE_SUFFIX

ROOT = Path(__file__).resolve().parents[1]
# The folders of the checkout and the names they install under.
FOLDERS = {"vault": "knowhold.vault", "ui": "knowhold.ui", "resources": "knowhold.resources"}
DATA_PATTERNS = (
    "resources/*.svg",
    "resources/*.png",
    "resources/translations/*.qm",
    "resources/locale/*.mo",
)
DIST = f"knowhold-{metadata.version('knowhold')}"


def _pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)


def _source_files() -> list[str]:
    """The project's files as git sees them (tracked, plus new files not ignored)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the source tree's file list is unknown")
    # A file deleted but not yet committed is still listed by --cached.
    return sorted(name for name in listed.split("\0") if name and (ROOT / name).is_file())


def _installed_name(relative: str) -> str:
    """``vault/cli/main.py`` -> ``knowhold/vault/cli/main.py``, through package-dir."""
    return f"knowhold/{relative}"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and the sdist, built once per session (sdist first, wheel from it).

    ``python -m build`` builds the wheel from the unpacked sdist, as pip does
    for a user who installs the sdist: a file missing from the sdist is then
    missing from the wheel too, and fails here.
    """
    if shutil.which("git") is None:
        pytest.skip("git is needed to list the source tree")
    work = tmp_path_factory.mktemp("build")
    source = work / "src"
    for name in _source_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    # --no-isolation: the test environment has the build backend (the `test`
    # extra), so this needs no network and takes about two seconds.
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"), str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    (wheel,) = (work / "dist").glob("*.whl")
    (sdist,) = (work / "dist").glob("*.tar.gz")
    return wheel, sdist


def _wheel_files(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return sorted(info.filename for info in archive.infolist() if not info.is_dir())


def _sdist_files(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        return sorted(member.name for member in archive.getmembers() if member.isfile())


def test_every_folder_with_init_is_a_listed_package() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    on_disk = set()
    for folder, package in FOLDERS.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            on_disk.add(".".join((package, *parts)))
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    # A listed name with no folder is a typo that would fail every build.
    for package in listed:
        folder = ROOT / Path(*package.split(".")[1:])
        assert folder.is_dir(), f"{package} is listed but {folder} does not exist"


def test_package_dir_maps_each_folder_under_knowhold() -> None:
    assert _pyproject()["tool"]["setuptools"]["package-dir"] == {v: k for k, v in FOLDERS.items()}


def test_wheel_holds_every_module_and_data_file_and_nothing_else(built) -> None:
    wheel_files = _wheel_files(built[0])
    expected = {
        _installed_name(name)
        for name in _source_files()
        if name.split("/")[0] in FOLDERS and name.endswith(".py")
    }
    expected |= {_installed_name(str(path.relative_to(ROOT))) for p in DATA_PATTERNS for path in ROOT.glob(p)}
    assert any(name.endswith(".qm") for name in expected), "no translations found to check"
    assert any(name.endswith(".svg") for name in expected), "no icons found to check"
    shipped = {name for name in wheel_files if not name.startswith(f"{DIST}.dist-info/")}
    assert expected - shipped == set(), "missing from the wheel"
    # No .ts sources, tests or stray build files in what users install.
    assert shipped - expected == set(), "unexpected files in the wheel"


def test_wheel_claims_only_the_knowhold_name(built) -> None:
    wheel_files = _wheel_files(built[0])
    top = {name.split("/")[0] for name in wheel_files}
    assert top == {"knowhold", f"{DIST}.dist-info"}
    # A namespace package: no knowhold/__init__.py for two distributions to fight over.
    assert "knowhold/__init__.py" not in wheel_files


def test_wheel_metadata_names_knowhold_and_its_script(built) -> None:
    # The file list says which names exist; top_level.txt and the entry points
    # are what pip and importlib.metadata read from the installed wheel.
    wheel, _ = built
    with zipfile.ZipFile(wheel) as archive:
        top_level = archive.read(f"{DIST}.dist-info/top_level.txt").decode()
        entry_points = archive.read(f"{DIST}.dist-info/entry_points.txt").decode()
    assert top_level.split() == ["knowhold"]
    script = _pyproject()["project"]["scripts"]["knowhold"]
    assert f"knowhold = {script}" in entry_points.splitlines()


def test_sdist_holds_the_whole_project(built) -> None:
    sdist_files = _sdist_files(built[1])
    shipped = {name.removeprefix(f"{DIST}/") for name in sdist_files}
    # Everything git knows except its own configuration: sources, .ts
    # translations, docs, tests and their vectors, the Makefile and .ci.
    expected = {name for name in _source_files() if not name.startswith(".git")}
    assert expected - shipped == set(), "add these to MANIFEST.in"
    for must in ("Makefile", ".ci/run", "docs/format.md", "resources/translations/knowhold_zh_CN.ts"):
        assert must in shipped


def test_version_flag_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"knowhold {metadata.version('knowhold')}\n"


def test_console_script_version_exits_zero() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "knowhold.ui.launcher", "--version"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.split() == ["knowhold", metadata.version("knowhold")]


def test_the_startup_probe_reports_the_first_window_and_quits(tmp_path: Path) -> None:
    # tests/benchmarks/startup_bench.py times a start by this line: the first-start
    # wizard (no vault yet) is drawn, the line printed, and the app leaves as if closed.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KNOWHOLD_", "XDG_"))}
    env |= {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-m", "knowhold.ui.launcher", "--vault", str(tmp_path / "vault")],
        env=env | {STARTUP_PROBE: "1"},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (0, "first window: CreateVaultWizard\n"), result.stderr
    assert not (tmp_path / "vault").exists()  # closed as a user would: nothing was created


# -- the Linux download's desktop files (packaging/linux/, packaging/icons.py) ----------

LINUX = ROOT / "packaging" / "linux"


def test_the_desktop_files_agree_on_the_app_and_the_package_type() -> None:
    desktop = (LINUX / f"{DESKTOP_ID}.desktop").read_text("utf-8").splitlines()
    mime = ElementTree.parse(LINUX / f"{DESKTOP_ID}.xml").getroot()
    metainfo = ElementTree.parse(LINUX / f"{DESKTOP_ID}.metainfo.xml").getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    (package_type,) = mime.findall(f"{ns}mime-type")
    assert f"MimeType={package_type.get('type')};" in desktop
    assert package_type.find(f"{ns}glob").get("pattern") == f"*{PACKAGE_SUFFIX}"  # type: ignore[union-attr]
    magic = package_type.find(f"{ns}magic/{ns}match").get("value")  # type: ignore[union-attr]
    assert magic.encode().decode("unicode_escape").encode() == MAGIC  # type: ignore[union-attr]
    assert metainfo.findtext("id") == DESKTOP_ID
    assert metainfo.findtext("launchable") == f"{DESKTOP_ID}.desktop"
    assert metainfo.findtext("provides/mediatype") == package_type.get("type")
    # A file manager runs the app on the file: the launcher takes it as a package.
    assert "Exec=knowhold %f" in desktop


def test_the_newest_appstream_release_is_the_version_being_built() -> None:
    metainfo = ElementTree.parse(LINUX / f"{DESKTOP_ID}.metainfo.xml").getroot()
    newest = metainfo.find("releases/release")
    assert newest is not None and newest.get("version") == _pyproject()["project"]["version"], (
        "add a <release> for the new version to packaging/linux/org.knowhold.Knowhold.metainfo.xml"
    )


def test_ico_and_icns_hold_every_size_as_png() -> None:
    spec = importlib.util.spec_from_file_location("knowhold_icons", ROOT / "packaging" / "icons.py")
    assert spec is not None and spec.loader is not None
    icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(icons)
    # Stand-ins that start as PNGs do and differ per size.
    pngs = {size: b"\x89PNG-" + bytes([size % 256]) * size for size in (16, 32, 64, 128, 256, 512, 1024)}
    ico = icons.ico({size: pngs[size] for size in (16, 32, 256)})
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 3)
    for i, size in enumerate((16, 32, 256)):
        side, _, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        assert (side or 256, ico[offset : offset + length]) == (size, pngs[size])
    icns = icons.icns(pngs)
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8]) == (len(icns),)
    offset, kinds = 8, []
    while offset < len(icns):
        kind, length = icns[offset : offset + 4], struct.unpack(">I", icns[offset + 4 : offset + 8])[0]
        size = dict(icons.ICNS_TYPES)[kind]
        assert icns[offset + 8 : offset + length] == pngs[size]
        kinds.append(kind)
        offset += length
    assert offset == len(icns) and kinds == [kind for kind, _ in icons.ICNS_TYPES]
