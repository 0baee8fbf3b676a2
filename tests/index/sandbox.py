"""Running a test script where this process may not write: as an unprivileged user, in a read-only mount, or on
a tiny file system. Root (as in CI) ignores file permissions, so each way is probed and a test that has none
is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOBODY = 65534
_PRELUDE = f"import sys; sys.path.insert(0, {str(REPO)!r})\n"


def _env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(HOME=str(home), PYTHONDONTWRITEBYTECODE="1", HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    return env


def _run(command: list[str], home: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=home, env=_env(home))


@contextmanager
def shared_dir() -> Iterator[Path]:
    """A fresh folder that an unprivileged user can use too (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="kaytto-sandbox-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(stat.S_IRWXU)  # so that root-less cleanup can enter what a test locked
        shutil.rmtree(folder, ignore_errors=True)


@cache
def _unprivileged_prefix() -> tuple[str, ...] | None:
    """How to run as a user without write rights on others' files: nothing when we are one, else setpriv."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    prefix = (setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")
    with shared_dir() as home:
        probe = _run([*prefix, sys.executable, "-c", _PRELUDE + "import index.build, tests.index.chunks"], home, 120)
    return prefix if probe.returncode == 0 else None


def run_unprivileged(script: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a Python script as a user that file permissions apply to (skips the test when there is none)."""
    prefix = _unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root and no unprivileged user can run the repository's code (setpriv)")
    if prefix:
        os.chown(home, NOBODY, NOBODY)
    return _run([*prefix, sys.executable, "-c", _PRELUDE + script], home, timeout)


@cache
def _namespaces() -> bool:
    """Whether this process may make a user and mount namespace (to mount read-only and tmpfs folders)."""
    unshare = shutil.which("unshare")
    if not unshare:
        return False
    with shared_dir() as home:
        probe = subprocess.run(
            [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {home}"],
            capture_output=True, timeout=30,
        )
    return probe.returncode == 0


def run_in_namespace(setup: str, script: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run shell `setup` (mounts) and then a Python script in a private user and mount namespace (skips the
    test when namespaces are not allowed, as in many containers)."""
    if not _namespaces():
        pytest.skip("user namespaces are not available to mount read-only or tiny file systems")
    script_file = home / "script.py"
    script_file.write_text(_PRELUDE + script, encoding="utf-8")
    command = f"{setup} && exec {sys.executable} {script_file}"
    return _run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-ec", command], home, timeout)


def run_read_only(data_dir: Path, script: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a Python script that sees `data_dir` read-only: as an unprivileged user with no write rights
    there, else in a namespace with `data_dir` bind-mounted read-only."""
    if os.geteuid() != 0:
        for path in (data_dir, *data_dir.rglob("*")):
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
        try:
            return run_unprivileged(script, home, timeout)
        finally:
            for path in (data_dir, *data_dir.rglob("*")):
                if not path.is_symlink():
                    path.chmod(path.stat().st_mode | 0o200)
    if _namespaces():
        setup = f"mount --bind {data_dir} {data_dir} && mount -o remount,bind,ro {data_dir} {data_dir}"
        return run_in_namespace(setup, script, home, timeout)
    return run_unprivileged(script, home, timeout)  # root's files are not writable by nobody
