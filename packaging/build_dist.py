"""Build the Linux download: the frozen app in dist/knowhold/ and its archive.

    .venv/bin/python packaging/build_dist.py        (or: make dist)

What ships is what is tested, so nothing comes from the checkout's own
environment: the sdist and, from it, the wheel are built from a copy of
the tree (as ``check_install.py`` does), the wheel is installed with its
``packaging`` extra (PyInstaller) into a clean virtual environment, not
editable, and PyInstaller runs there on ``packaging/knowhold.spec``. Then
this script adds what the frozen program alone lacks, and writes the
archive ``dist/knowhold-VERSION-linux-x86_64.tar.gz`` (one folder,
``knowhold/``)::

    knowhold/knowhold                     the program (the app; with a command, the CLI)
    knowhold/_internal/                   Python, Qt (xcb, wayland, offscreen), SQLCipher, icons, .qm
    knowhold/install.sh, uninstall.sh     into the user's own XDG folders, no root
    knowhold/share/applications/…desktop  menu entry; opens .knowhold packages
    knowhold/share/mime/packages/…xml     the package file type (shared-mime-info)
    knowhold/share/metainfo/…metainfo.xml AppStream
                                          (both validated where desktop-file-validate and
                                          appstreamcli are installed)
    knowhold/share/icons/hicolor/…        16 to 512 px, rendered from resources/icon.svg
    knowhold/licenses/                    the licenses of everything bundled

Then ``check_install.py --frozen`` (``make check-frozen``) unpacks the
archive and uses what it holds. Prints each step's time; ends with ``OK``
or ``FAILED:`` and one line (exit 1).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from check_install import CheckFailed, Steps, archive_name, build, copy_source, project_version, run

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.knowhold.Knowhold"
# Texts for what a wheel bundles without shipping its license (SQLCipher and
# OpenSSL are linked into sqlcipher3's extension; Qt's wheel carries none).
NOTICES = ROOT / "packaging" / "licenses"
# Build tools in the clean environment that do not end up in the app (PyInstaller does:
# its bootloader starts it).
BUILD_ONLY = {"pyinstaller-hooks-contrib", "altgraph", "packaging", "setuptools", "pip"}

# Runs in the clean environment: each distribution the app bundles and its license files.
LICENSE_FILES = """
import json
from importlib import metadata
found = {}
for dist in metadata.distributions():
    name = dist.metadata["Name"]
    marks = ("LICEN", "COPYING", "NOTICE", "AUTHORS")
    named = [f for f in dist.files or () if any(m in f.name.upper() for m in marks)]
    # The texts a wheel declares sit in its .dist-info; looking elsewhere only when it has none
    # there, and never at code or pictures (knowhold's own license_detail.py is no license).
    meta = [f for f in named if f.parts[0].endswith(".dist-info")]
    code = (".py", ".pyc", ".pyi", ".so", ".svg", ".png", ".qm", ".mo", ".json")
    files = [str(dist.locate_file(f)) for f in meta or [f for f in named if not f.name.endswith(code)]]
    found[name] = {"version": dist.version, "files": files,
                   "license": dist.metadata.get("License-Expression") or dist.metadata.get("License") or ""}
print(json.dumps(found))
"""


def clean_venv(venv: Path, wheel: Path, cwd: Path) -> Path:
    """A new environment holding the wheel (not editable) and PyInstaller; its python."""
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=cwd)
    python = venv / "bin" / "python"
    # This environment's pip installs into the new one (no pip of its own: seconds
    # saved), from pip's cache after the first run.
    run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", f"{wheel}[packaging]"],
        cwd=cwd,
    )
    return python


def freeze(python: Path, dist: Path, work: Path) -> Path:
    """PyInstaller on the spec, in the clean environment; the one-folder app."""
    # Not from the checkout, and nothing from the caller's PYTHONPATH: the
    # spec must find knowhold in the clean environment only.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"  # packaging/icons.py draws with Qt
    spec = ROOT / "packaging" / "knowhold.spec"
    args = [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    run([*args, "--distpath", dist, "--workpath", work, spec], cwd=work.parent, env=env)
    return dist / "knowhold"


def desktop_files(app: Path, icons: Path) -> None:
    """The desktop integration (packaging/linux/) and the rendered icons, laid out under ``app``."""
    share = app / "share"
    for folder, name in (
        ("applications", f"{APP_ID}.desktop"),
        ("mime/packages", f"{APP_ID}.xml"),
        ("metainfo", f"{APP_ID}.metainfo.xml"),
    ):
        (share / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(LINUX / name, share / folder / name)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor", dirs_exist_ok=True)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX / script, app / script)


def validate(app: Path) -> str:
    """The desktop entry and the AppStream metainfo checked by the desktop's own tools, where installed."""
    share = app / "share"
    checked, skipped = [], []
    for tool, args in (
        ("desktop-file-validate", [share / "applications" / f"{APP_ID}.desktop"]),
        ("appstreamcli", ["validate", "--no-net", share / "metainfo" / f"{APP_ID}.metainfo.xml"]),
    ):
        if shutil.which(tool) is None:
            skipped.append(tool)
            continue
        run([tool, *args], cwd=app)
        checked.append(tool)
    said = f"valid for {' and '.join(checked)}" if checked else "not validated"
    return said + (f" ({', '.join(skipped)} not installed)" if skipped else "")


def bundled_licenses(python: Path, app: Path) -> int:
    """Copy every bundled component's license into ``app/licenses``; how many components."""
    out = app / "licenses"
    shutil.rmtree(out, ignore_errors=True)
    found = json.loads(run([python, "-I", "-c", LICENSE_FILES], cwd=app))
    count = 0
    for name, dist in sorted(found.items()):
        if name.lower() in BUILD_ONLY:
            continue
        folder = out / f"{name}-{dist['version']}"
        folder.mkdir(parents=True)
        for file in dist["files"]:
            shutil.copyfile(file, folder / Path(file).name)
        if not dist["files"]:  # the wheel ships no text: say which license, and where its text is
            (folder / "LICENSE-NOTICE.txt").write_text(
                f"{name} {dist['version']} is distributed under: {dist['license'] or 'see its project'}.\n"
                "Its wheel ships no license file; the texts are in ../texts/.\n",
                encoding="utf-8",
            )
        count += 1
    # What no wheel's metadata names: SQLCipher and OpenSSL inside sqlcipher3, Qt's
    # terms, Python itself, and Knowhold's own license.
    shutil.copytree(NOTICES, out, dirs_exist_ok=True)
    stdlib = run([python, "-I", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], cwd=app)
    shutil.copyfile(Path(stdlib.strip()) / "LICENSE.txt", out / "Python-LICENSE.txt")
    return count + 1


def system_licenses(app: Path) -> int:
    """The Debian copyright files of the system libraries PyInstaller copied in; how many packages.

    Each package's file list in dpkg's database is read once (``dpkg-query -S``
    per library scans them all again, for half a minute). Elsewhere, none.
    """
    libs = {p.name for p in (app / "_internal").glob("lib*.so*")}
    packages = set()
    for listing in Path("/var/lib/dpkg/info").glob("*.list"):
        names = {Path(line).name for line in listing.read_text("utf-8", errors="replace").splitlines()}
        if names & libs:
            packages.add(listing.stem.split(":")[0])
    out = app / "licenses" / "system"
    for package in sorted(packages):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.is_file():
            (out / package).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copyright_file, out / package / "copyright")
    return len(packages)


def unresolved_platform_libraries(app: Path) -> list[str]:
    """Libraries the xcb and wayland platforms load that are neither bundled nor on this machine.

    PyInstaller bundles the libraries a plugin needs that it finds on the build
    machine, and leaves the others to the user's system: a build machine
    without libxcb-icccm4, libxcb-keysyms1 or libwayland-cursor0 makes a
    download that cannot open a window on a desktop without them either (Qt's
    "could not load the Qt platform plugin"). Read with ``ldd``, the bundle's
    folders first, as the program's loader searches them.
    """
    if shutil.which("ldd") is None:
        return []
    internal = app / "_internal"
    env = os.environ | {"LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    missing: set[str] = set()
    for plugin in ("libqxcb.so", "libqwayland.so"):
        path = internal / "PySide6" / "Qt" / "plugins" / "platforms" / plugin
        listed = run(["ldd", path], cwd=app, env=env)
        missing |= {line.split()[0] for line in listed.splitlines() if "not found" in line}
    return sorted(missing)


def pack(app: Path, archive: Path) -> None:
    # The system's tar and gzip, several times faster than tarfile for 200 MB; at
    # gzip's fastest level, which takes a third of the default's time for a file
    # 9% larger (89 MB, not 82).
    archive.unlink(missing_ok=True)
    partial = archive.with_name(archive.name + ".part")
    tar = ["tar", "--owner=0", "--group=0", "--use-compress-program", "gzip -1", "-cf", partial]
    run([*tar, "-C", app.parent, app.name], cwd=app.parent)
    partial.replace(archive)


def build_dist(dist: Path, work: Path, *, ref: str | None) -> Path:
    steps = Steps("dist")
    version = project_version(ROOT)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    source = work / "src"
    copy_source(ROOT, source, ref=ref)
    wheel = build(source, work / "wheel", isolated=False)
    steps.done(f"built {wheel.name}")
    python = clean_venv(work / "venv", wheel, work)
    steps.done("installed it with PyInstaller in a clean venv")
    app = freeze(python, dist, work / "pyinstaller")
    steps.done("froze it with PyInstaller")
    desktop_files(app, work / "pyinstaller" / "knowhold" / "icons")
    validated = validate(app)
    components = bundled_licenses(python, app)
    packages = system_licenses(app)
    steps.done(
        f"desktop files and icons; {validated}; licenses: {components} components, {packages} system packages"
    )
    for library in unresolved_platform_libraries(app):
        # A warning, not a failure: the download still runs where the desktop has it.
        print(f"dist: WARNING: {library} is not bundled (not on this machine); install it and build again")
    archive = dist / archive_name(version)
    pack(app, archive)
    steps.done(f"wrote {archive.relative_to(ROOT) if archive.is_relative_to(ROOT) else archive} "
               f"({archive.stat().st_size / 2**20:.0f} MB)")  # fmt: skip
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app and archive go")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "dist", help="the build's own folder")
    parser.add_argument(
        "--ref",
        metavar="COMMIT",
        help="build a commit (e.g. HEAD), not the working tree (the spec is the tree's)",
    )
    args = parser.parse_args(argv)
    try:
        build_dist(args.dist.resolve(), args.work.resolve(), ref=args.ref)
    except CheckFailed as exc:
        print(f"dist: FAILED: {exc}", file=sys.stderr)
        return 1
    print("dist: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
