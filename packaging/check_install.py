"""Install Knowhold as a user would, into a fresh virtual environment, and use it.

    .venv/bin/python packaging/check_install.py        (or: make check-install)

An editable install imports straight from the checkout, so it hides a wheel
that leaves out a subpackage or a data file; this script tests what users
get. It builds the sdist and, from it, the wheel (``python -m build``, so a
file missing from the sdist is missing from the wheel too), creates a virtual
environment in a temporary folder, installs the wheel there (not editable),
and runs, from a temporary working folder so the checkout is never on
``sys.path``:

1. ``knowhold --version``: the console script exists and reports pyproject's version;
2. a CLI round trip across two vaults: a worker inits, adds, searches, exports
   its card; an employer inits and exports its card; the worker adds and
   verifies the employer as a contact and issues a license; the employer
   verifies the package, ingests it and reads the entry;
3. the desktop app (``knowhold`` with no command), offscreen: still running after 5 s,
   with nothing on standard error; then ``knowhold self-test``;
4. an import of every module of the installed ``knowhold`` (Qt offscreen),
   each of which must come from the new environment, plus the icons and
   translations through ``importlib.resources``.

Exit 0 when all pass; otherwise exit 1 with one line saying what failed.
It needs the project's environment (the ``test`` extra: ``build`` and
setuptools) and reuses pip's download cache, so after the first run nothing
is fetched. ``--keep`` leaves the temporary folder for a post-mortem;
``--ref COMMIT`` checks a commit instead of the working tree.

``--frozen dist`` checks the download instead (``make check-frozen``, after
``make dist``): it unpacks ``dist/knowhold-VERSION-linux-x86_64.tar.gz``,
checks it holds what must ship (SQLCipher, the xcb, wayland and offscreen Qt
platforms, icons, translations, desktop files, licenses), runs steps 1 to 3
on the program in it, then ``knowhold self-test``, then its ``install.sh``
into a home folder of its own, the installed command, and ``uninstall.sh``.
The app start fails on anything written to standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "check-install: correct horse battery staple"
# Skipped when copying a tree that is not a git checkout (an unpacked sdist).
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")

# Runs inside the fresh environment. Every module must load from that
# environment's site-packages: a file from the checkout would mean the
# check proves nothing about the wheel.
IMPORT_ALL = """
import importlib, importlib.resources, json, pkgutil, sys
from pathlib import Path
prefix = Path(sys.prefix).resolve()
import knowhold
if getattr(knowhold, "__file__", None):
    raise SystemExit(f"knowhold is not a namespace package: {knowhold.__file__}")
names = sorted(m.name for m in pkgutil.walk_packages(knowhold.__path__, "knowhold."))
outside = []
for name in names:
    module = importlib.import_module(name)
    if not Path(module.__file__).resolve().is_relative_to(prefix):
        outside.append(f"{name} from {module.__file__}")
if outside:
    raise SystemExit("imported from outside the new environment: " + "; ".join(outside))
resources = importlib.resources.files("knowhold.resources")
data = sorted(p.name for p in resources.iterdir() if p.name.endswith(".svg"))
data += sorted(p.name for p in resources.joinpath("translations").iterdir() if p.name.endswith(".qm"))
print(json.dumps({"modules": names, "data": data}))
"""


class CheckFailed(Exception):
    """One failed step; its message is the one line the script prints."""


def run(
    args: Sequence[str | Path],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: str = "",
    expect: int = 0,
) -> str:
    """Run a command; its standard output, or CheckFailed naming the command and its last error line."""
    shown = " ".join(Path(a).name if isinstance(a, Path) else a for a in args)
    try:
        result = subprocess.run(
            [str(a) for a in args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CheckFailed(f"`{shown}` could not run: {exc}") from exc
    if result.returncode != expect:
        lines = (result.stderr.strip() or result.stdout.strip() or "(no output)").splitlines()
        raise CheckFailed(f"`{shown}` exited {result.returncode} (expected {expect}): {lines[-1]}")
    return result.stdout


def source_files(root: Path) -> list[str] | None:
    """The files git would commit (tracked, plus new ones not ignored), or None outside git."""
    if not (root / ".git").exists() or shutil.which("git") is None:
        return None
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root)
    return sorted(name for name in listed.split("\0") if name and (root / name).is_file())


def copy_source(root: Path, target: Path, *, ref: str | None) -> None:
    # A copy, not the checkout: setuptools writes build/ and *.egg-info into the
    # source folder, and stale files left in build/ end up in the next wheel.
    if ref is not None:  # a commit, leaving out work in progress in the tree
        target.mkdir()
        archive = target.parent / "source.tar"
        run(["git", "archive", "--format=tar", "-o", archive, ref], cwd=root)
        run(["tar", "-xf", archive, "-C", target], cwd=root)
        return
    names = source_files(root)
    if names is None:
        shutil.copytree(root, target, ignore=shutil.ignore_patterns(*NOT_SOURCE))
        return
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target / name)


def build(source: Path, out: Path, *, isolated: bool) -> Path:
    """Build the sdist, then the wheel from it; returns the wheel."""
    flags = [] if isolated else ["--no-isolation"]
    run([sys.executable, "-m", "build", *flags, "--outdir", out, source], cwd=source)
    wheels = sorted(out.glob("*.whl"))
    if len(wheels) != 1 or not sorted(out.glob("*.tar.gz")):
        raise CheckFailed(f"the build left {[p.name for p in out.iterdir()]}, not one wheel and one sdist")
    return wheels[0]


def make_venv(venv: Path, wheel: Path, cwd: Path) -> Path:
    """A fresh environment with the wheel and its dependencies; returns its bin folder."""
    # No pip of its own (ensurepip takes seconds): this environment's pip
    # installs into it with --python, from pip's cache after the first run.
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=cwd)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", wheel], cwd=cwd)
    return venv / "bin"


def round_trip(knowhold: Path, work: Path, env: dict[str, str]) -> None:
    """A worker licenses one entry to an employer, through the installed console script."""
    worker, employer = work / "worker", work / "employer"

    def cli(vault: Path, *args: str, stdin: str = "", expect: int = 0) -> dict:
        out = run(
            [knowhold, "--vault", str(vault), "--json", *args], cwd=work, env=env, stdin=stdin, expect=expect
        )
        try:
            return json.loads(out)
        except json.JSONDecodeError as exc:
            raise CheckFailed(f"`knowhold {' '.join(args)}` printed no JSON document: {out[:80]!r}") from exc

    def expect(condition: bool, what: str) -> None:
        if not condition:
            raise CheckFailed(f"CLI round trip: {what}")

    cli(worker, "init", "--name", "Li Wei")
    entry = cli(worker, "add", "--kind", "playbook", "--title", "Escalate early", "--tag", "support",
                "--file", "-", stdin="Escalate after two hours without progress.\n")["id"]  # fmt: skip
    hits = cli(worker, "search", "escalate")
    expect(entry in json.dumps(hits), f"search did not find entry {entry}: {hits}")
    cli(worker, "identity", "export", "--out", str(work / "li.card"))

    cli(employer, "init", "--name", "Acme Support")
    cli(employer, "identity", "export", "--out", str(work / "acme.card"))
    acme = cli(worker, "contacts", "add", str(work / "acme.card"))
    # The fingerprint as the employer reads it out, not as the card claims it.
    fingerprint = cli(employer, "identity", "show")["fingerprint"]
    expect(acme["fingerprint"] == fingerprint, "the card's fingerprint differs from the identity's")
    expect(cli(worker, "contacts", "verify", "Acme Support", fingerprint)["verified"] is True, "verify")

    package = work / "acme.knowhold"
    issued = cli(worker, "license", "issue", "--to", "Acme Support", "--entry", entry,
                 "--expires", "90d", "--allow", "ai-retrieval", "--out", str(package))  # fmt: skip
    # The employer has not trusted Li Wei's key yet: every check passes but trust (exit 16).
    report = cli(employer, "verify", str(package), expect=16)
    failed = [check["name"] for check in report["checks"] if check["ok"] is False]
    expect(failed == ["trust"], f"verify failed checks {failed}, expected only trust")
    ingested = cli(employer, "received", "ingest", str(package), "--trust")
    expect(ingested["license_id"] == issued["license_id"], "ingest kept another license id")
    expect(cli(employer, "verify", str(package))["valid"] is True, "verify after ingest is not valid")
    shown = cli(employer, "received", "show", issued["license_id"])
    expect([e["title"] for e in shown["entries"]] == ["Escalate early"], "the employer reads other entries")


def offscreen_note(line: str) -> bool:
    """One of the offscreen platform's notes that it cannot do what a desktop can.

    The same patterns pytest ignores (``qt_log_ignore`` in pyproject.toml), read
    from there so the two lists cannot drift: every other line is a failure.
    """
    with open(ROOT / "pyproject.toml", "rb") as file:
        patterns = tomllib.load(file)["tool"]["pytest"]["ini_options"]["qt_log_ignore"]
    return any(re.search(pattern, line) for pattern in patterns)


def app_starts(knowhold: Path, vault: Path, cwd: Path, env: dict[str, str], seconds: float = 5) -> None:
    """The desktop app (no command) on ``vault`` runs for ``seconds``, offscreen, and says nothing.

    Anything on standard error fails the check (a missing Qt plugin, a
    translation or icon not found, a Qt warning or a Python traceback all
    print there while the app may keep running), but the offscreen
    platform's own notes.
    """
    with subprocess.Popen(
        [str(knowhold), "--vault", str(vault)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as app:
        try:
            code = app.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            app.terminate()
            said = [line for line in app.communicate(timeout=30)[1].splitlines() if line.strip()]
            errors = [line for line in said if not offscreen_note(line)]
            if errors:
                raise CheckFailed(f"the desktop app wrote to standard error: {errors[0]}") from None
            return
        lines = (app.communicate()[1].strip() or "(no output)").splitlines()
        raise CheckFailed(f"the desktop app exited {code} within {seconds}s: {lines[-1]}")


def user_env(work: Path) -> dict[str, str]:
    # The user's environment minus anything that could reach the checkout or
    # their own vault: no PYTHONPATH, a home and data folders of our own. English,
    # whatever the machine's language: the app in Chinese on a machine with no
    # Chinese font says so on standard error, which the app start would fail on
    # (the Chinese command line is checked on its own, chinese_cli).
    locale = ("PYTHON", "KNOWHOLD_", "XDG_", "LANG", "LC_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(locale)}
    env |= {"HOME": str(work), "XDG_DATA_HOME": str(work / "data"), "XDG_CONFIG_HOME": str(work / "config")}
    return env | {"QT_QPA_PLATFORM": "offscreen", "KNOWHOLD_PASSPHRASE": PASSPHRASE, "LANG": "C.UTF-8"}


def use(knowhold: Path, version: str, work: Path, env: dict[str, str]) -> None:
    """``--version``, the CLI round trip and the desktop app, through one ``knowhold`` program."""
    printed = run([knowhold, "--version"], cwd=work, env=env).strip()
    if printed != f"knowhold {version}":
        raise CheckFailed(f"`knowhold --version` printed {printed!r}, expected 'knowhold {version}'")
    round_trip(knowhold, work, env)
    app_starts(knowhold, work / "worker", work, env)


def archive_name(version: str) -> str:
    """The download's file name: ``knowhold-0.1.0-linux-x86_64.tar.gz`` (packaging/build_dist.py)."""
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    return f"knowhold-{version}-{system}-{platform.machine().lower()}.tar.gz"


def project_version(root: Path) -> str:
    with open(root / "pyproject.toml", "rb") as file:
        return str(tomllib.load(file)["project"]["version"])


class Steps:
    """Prints each step with the seconds since the start: the check is meant to stay fast."""

    def __init__(self, prefix: str = "check-install") -> None:
        self.prefix = prefix
        self.started = time.perf_counter()

    def done(self, name: str) -> None:
        print(f"{self.prefix}: {name} {time.perf_counter() - self.started:.1f}s", flush=True)


# What the download must hold besides the program, relative to its folder
# (packaging/build_dist.py): the database driver, the Qt platforms a desktop
# needs, the app's own resources, the desktop files and the licenses.
BUNDLED = (
    "_internal/sqlcipher3/_sqlite3*.so",
    "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
    "_internal/PySide6/Qt/plugins/platforms/libqwayland.so",
    "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "_internal/knowhold/resources/icon.svg",
    "_internal/knowhold/resources/translations/knowhold_zh_CN.qm",
    "_internal/knowhold/resources/locale/zh_CN.mo",
    "share/applications/org.knowhold.Knowhold.desktop",
    "share/mime/packages/org.knowhold.Knowhold.xml",
    "share/metainfo/org.knowhold.Knowhold.metainfo.xml",
    *(f"share/icons/hicolor/{n}x{n}/apps/org.knowhold.Knowhold.png" for n in (16, 32, 48, 128, 256, 512)),
    "licenses/README.txt",
    "licenses/SQLCipher-LICENSE.txt",
    "licenses/Python-LICENSE.txt",
    "licenses/texts/LGPL-3.0.txt",
    "licenses/cryptography-*/LICENSE*",
    "install.sh",
    "uninstall.sh",
)


def unpack(archive: Path, into: Path) -> Path:
    """The archive unpacked as a user would; its one folder, checked for what it must hold."""
    if not archive.is_file():
        raise CheckFailed(f"no download at {archive} (run `make dist` first)")
    into.mkdir()
    run(["tar", "-xzf", archive, "-C", into], cwd=into)
    folders = list(into.iterdir())
    if [f.name for f in folders] != ["knowhold"]:
        raise CheckFailed(f"{archive.name} holds {[f.name for f in folders]}, not one folder knowhold/")
    app = folders[0]
    missing = [pattern for pattern in BUNDLED if not list(app.glob(pattern))]
    if missing:
        raise CheckFailed(f"{archive.name} lacks {', '.join(missing)}")
    # Only texts in licenses/: a file name with "license" in it is not always one (license_detail.py).
    texts = (app / "licenses").rglob("*")
    code = [str(p.relative_to(app)) for p in texts if p.suffix in {".py", ".pyc", ".so"}]
    if code:
        raise CheckFailed(f"{archive.name}'s licenses/ holds code: {', '.join(sorted(code)[:3])}")
    return app


def self_test(program: Path, work: Path, env: dict[str, str]) -> None:
    # JSON, as a script reads it: the words of the text follow the user's language.
    out = run([program, "self-test", "--json"], cwd=work, env=env)
    report = json.loads(out)
    failed = [f"{s['name']}: {s['detail']}" for s in report["steps"] if not s["ok"]]
    if not report["passed"] or failed:
        raise CheckFailed(f"`knowhold self-test` exited 0 but failed {failed}")


def chinese_cli(program: Path, work: Path, env: dict[str, str]) -> None:
    """The command line's catalogue is found in the bundle: its help reads in Chinese."""
    if not run([program, "--lang", "zh-CN", "--help"], cwd=work, env=env).startswith("用法"):
        raise CheckFailed("`knowhold --lang zh-CN --help` is not in Chinese: the catalogue was not found")


def desktop_install(app: Path, home: Path, env: dict[str, str]) -> None:
    """install.sh into a home of our own, the installed command used, then uninstall.sh."""
    data = home / ".local" / "share"
    vault = data / "Knowhold" / "vault"  # the user's data: never touched by either script
    vault.mkdir(parents=True)
    (vault / "kept").write_text("kept", encoding="utf-8")
    env = env | {"HOME": str(home), "XDG_DATA_HOME": str(data)}
    run(["sh", app / "install.sh"], cwd=home, env=env)
    installed = data / "knowhold-app"
    desktop = data / "applications" / "org.knowhold.Knowhold.desktop"
    icon = data / "icons/hicolor/256x256/apps/org.knowhold.Knowhold.png"
    for path in (desktop, data / "mime/packages/org.knowhold.Knowhold.xml", icon, installed / "knowhold"):
        if not path.is_file():
            raise CheckFailed(f"install.sh did not install {path.relative_to(home)}")
    if f'Exec="{installed}/knowhold" %f' not in desktop.read_text("utf-8").splitlines():
        raise CheckFailed("the installed menu entry does not run the installed program on a file")
    # The desktop's caches, where its tools are installed: .knowhold files are
    # the package type, and that type opens with Knowhold.
    if shutil.which("update-mime-database"):
        globs = (data / "mime" / "globs2").read_text("utf-8")
        if "application/vnd.knowhold.package:*.knowhold" not in globs:
            raise CheckFailed("the shared MIME database does not map *.knowhold to the package type")
    if shutil.which("update-desktop-database"):
        handlers = (data / "applications" / "mimeinfo.cache").read_text("utf-8")
        if "application/vnd.knowhold.package=org.knowhold.Knowhold.desktop;" not in handlers.splitlines():
            raise CheckFailed("the desktop database does not open the package type with Knowhold")
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", desktop], cwd=home, env=env)
    command = home / ".local" / "bin" / "knowhold"
    if not run([command, "--version"], cwd=home, env=env).startswith("knowhold "):
        raise CheckFailed("the installed knowhold command does not run")
    run(["sh", installed / "uninstall.sh"], cwd=home, env=env)
    left = [p for p in (installed, desktop, command) if p.exists() or p.is_symlink()]
    if left:
        raise CheckFailed(f"uninstall.sh left {', '.join(str(p.relative_to(home)) for p in left)}")
    if not (vault / "kept").is_file():
        raise CheckFailed("uninstall.sh removed the vault's folder")


def check_frozen(root: Path, tmp: Path, target: Path) -> None:
    """The download (packaging/build_dist.py) in place of the installed wheel.

    ``target`` is the dist folder (its archive for this version is unpacked
    and checked whole), an archive, or a frozen program to check alone.
    """
    steps = Steps()
    version = project_version(root)
    work = tmp / "work"
    work.mkdir()
    env = user_env(work)
    app: Path | None = None
    target = target.resolve()
    if target.is_dir() or target.name.endswith(".tar.gz"):
        archive = target / archive_name(version) if target.is_dir() else target
        app = unpack(archive, tmp / "unpacked")
        program = app / "knowhold"
        steps.done(f"unpacked {archive.name}: everything bundled is there")
    else:
        program = target
    if not program.is_file():
        raise CheckFailed(f"no frozen program at {program} (run `make dist` first)")
    use(program, version, work, env)
    steps.done("frozen: --version, the CLI round trip and the app start with nothing on standard error")
    self_test(program, work, env)
    chinese_cli(program, work, env)
    steps.done("frozen: self-test passed; the command line speaks Chinese")
    if app is not None:
        desktop_install(app, tmp / "home", env)
        steps.done("install.sh into a home of its own, the command run, uninstall.sh")


def check(root: Path, tmp: Path, *, isolated: bool, ref: str | None) -> None:
    steps = Steps()
    source, work = tmp / "src", tmp / "work"
    work.mkdir()
    copy_source(root, source, ref=ref)
    wheel = build(source, tmp / "dist", isolated=isolated)
    steps.done("built sdist and wheel")
    bin_dir = make_venv(tmp / "venv", wheel, work)
    steps.done("installed the wheel in a fresh venv")

    env = user_env(work)
    use(bin_dir / "knowhold", project_version(source), work, env)
    self_test(bin_dir / "knowhold", work, env)
    steps.done("knowhold --version, the CLI round trip, the app start and self-test")

    out = run([bin_dir / "python", "-I", "-c", IMPORT_ALL], cwd=work, env=env)
    found = json.loads(out.strip().splitlines()[-1])
    for must in ("knowhold.vault.cli", "knowhold.ui.app", "knowhold.vault.licensing.verify"):
        if must not in found["modules"]:
            raise CheckFailed(f"{must} is not in the installed package")
    if not any(n.endswith(".qm") for n in found["data"]) or "icon.svg" not in found["data"]:
        raise CheckFailed(f"icons or translations missing from the installed package: {found['data']}")
    steps.done(f"imported all {len(found['modules'])} modules from the venv")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    parser.add_argument(
        "--isolated",
        action="store_true",
        help="build in an isolated environment, as `pip install .` does (fetches the build backend)",
    )
    parser.add_argument("--ref", metavar="COMMIT", help="check a commit (e.g. HEAD), not the working tree")
    parser.add_argument(
        "--frozen",
        type=Path,
        metavar="DIST|ARCHIVE|PROGRAM",
        help="check the download (dist/, or its .tar.gz) or a frozen program instead of the wheel",
    )
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="knowhold-check-install-"))
    try:
        if args.frozen:
            check_frozen(ROOT, tmp, args.frozen)
        else:
            check(ROOT, tmp, isolated=args.isolated, ref=args.ref)
    except CheckFailed as exc:
        print(f"check-install: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"check-install: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("check-install: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
