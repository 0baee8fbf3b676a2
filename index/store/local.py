"""The embedded store: builds in `index_dir/builds/<id>/chroma`, published by swapping the `index_dir/current` link.

Each build folder also holds the build's vectors as a numpy snapshot (`index.store.snapshot`), written before
it is published: searching serves from it without importing chromadb, and falls back to Chroma when it is
missing or damaged. Readers never write: a published build in a folder they may not write (a read-only data dir) is served from
a private copy in the temp dir, because Chroma cannot open a database it may not write. Whatever is damaged
(a garbage database, a dangling or non-link `current`, a file where a folder belongs) is reported as
`IndexDamaged` and replaced by the next build.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import REBUILD, BuildInProgress, IndexDamaged, IndexNotWritable, IndexStoreError
from index.store.calls import CallGuard
from index.store.info import ActiveIndex, IndexInfo
from index.store.snapshot import SnapshotUnusable, VectorSnapshot, load_snapshot

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

logger = logging.getLogger(__name__)
DATABASE = "chroma.sqlite3"
LOCK_FILE = ".build.lock"
_POLL_S = 0.2


class LocalStore:
    """Builds in `index_dir/builds/<id>/chroma`, published by swapping the `index_dir/current` symlink."""

    def __init__(self, index_dir: Path, collection: str, timeout_s: float = 5.0) -> None:
        self.index_dir = index_dir
        self.collection = collection
        self.location = str(index_dir)
        self.guard = CallGuard(str(index_dir), timeout_s, threaded=False)
        self._builds = index_dir / "builds"
        self._current = index_dir / "current"
        self._staged: dict[str, ClientAPI] = {}

    def generation(self, deadline: float | None = None) -> str | None:
        try:
            return Path(os.readlink(self._current)).name
        except OSError:  # no link (never built) or not a link (damaged: `active` says so)
            return None

    def active(self, deadline: float | None = None, snapshot: bool = True) -> ActiveIndex | None:
        self.guard.seconds_left(deadline)
        if not self._current.is_symlink():
            if self._current.exists():
                raise _damaged(self._current, "`current` is not a link to a build")
            return None
        folder = self._builds / Path(os.readlink(self._current)).name
        database = folder / "chroma" / DATABASE
        try:
            if not database.is_file():  # checked first: Chroma would create an empty database there
                raise _damaged(folder, "the published build is missing or has no database")
            read_only = not writable(database) or not writable(database.parent)
            if snapshot:
                served = _served_from_snapshot(folder, self.guard, read_only)
                if served is not None:
                    return served
            path = _private_copy(database.parent) if read_only else database.parent
        except OSError as exc:  # e.g. a build folder this process may not read
            raise _damaged(folder, f"cannot read it ({exc})") from exc
        return self._open(folder, path, read_only)

    def _open(self, folder: Path, path: Path, read_only: bool) -> ActiveIndex:
        from index.store import local_chroma  # chromadb: only a build without a usable snapshot needs it

        where = str(folder)
        client = _open_client(path, where)
        try:
            try:
                collection = local_chroma.get_collection(client, self.collection)
            except local_chroma.CollectionMissing as exc:
                raise _damaged(folder, f"collection {self.collection!r} is missing") from exc
            info = IndexInfo.from_metadata(collection.metadata, where)
            count = collection.count()
            if count != info.records:
                raise _damaged(folder, f"it holds {count} of its {info.records} records (a half-written build)")
        except IndexStoreError:
            _close(client)
            raise
        except Exception as exc:  # a damaged database fails in Chroma's own ways
            _close(client)
            raise _damaged(folder, f"Chroma cannot read it ({exc})") from exc
        return ActiveIndex(collection, info, where, self.guard, read_only, lambda: _close(client))

    def stage(self, info: IndexInfo) -> Collection:
        from index.store import local_chroma  # chromadb: builds write Chroma

        _clear_non_folder(self._builds)
        folder = self._builds / info.build_id
        folder.mkdir(parents=True)
        client = _open_client(folder / "chroma", str(folder))
        self._staged[info.build_id] = client
        return local_chroma.create_collection(client, self.collection, info)

    def keep_snapshot(self, snapshot: VectorSnapshot) -> None:
        """Write the staged build's vector snapshot into its folder (before `publish`, so it goes live with it)."""
        snapshot.save(self._builds / snapshot.info.build_id)

    def publish(self, info: IndexInfo) -> None:
        self._close_staged(info.build_id)  # written: readers open it with their own clients
        previous = self.generation()
        if self._current.exists() and not self._current.is_symlink():
            _remove(self._current)  # a damaged `current` (a folder or a file) cannot be swapped atomically
        link = self.index_dir / f".current-{info.build_id}"
        link.unlink(missing_ok=True)
        os.symlink(Path("builds") / info.build_id, link)
        os.replace(link, self._current)  # atomic: readers see the old build or the new one, never neither
        self._prune(keep={info.build_id, previous})

    def discard(self, info: IndexInfo) -> None:
        self._close_staged(info.build_id)
        shutil.rmtree(self._builds / info.build_id, ignore_errors=True)

    @contextmanager
    def lock(self, wait_s: float, ttl_s: float = 0.0, notify: Callable[[str], None] = lambda text: None) -> Iterator[None]:
        """One build at a time per data dir; the OS releases the lock of a killed build, so a lock file left
        behind is never stale. Waits up to `wait_s` for another build, then raises BuildInProgress."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        path = self.index_dir / LOCK_FILE
        if path.is_dir():
            shutil.rmtree(path)
        with open(path, "a+", encoding="utf-8", errors="replace") as handle:
            _acquire(handle, wait_s, notify)
            try:
                handle.seek(0)
                handle.truncate()
                handle.write(f"{socket.gethostname()} pid {os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
                handle.flush()
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def close(self) -> None:
        for build_id in list(self._staged):
            self._close_staged(build_id)

    def _close_staged(self, build_id: str) -> None:
        client = self._staged.pop(build_id, None)
        if client is not None:
            _close(client)

    def _prune(self, keep: set[str | None]) -> None:
        # The previous build stays: a process that opened it before the swap may still be reading it.
        for folder in self._builds.iterdir():
            if folder.name not in keep:
                _remove(folder)
        for link in self.index_dir.glob(".current-*"):
            link.unlink(missing_ok=True)


def writable(path: Path) -> bool:
    """Whether this process may write at `path` (or, when it does not exist yet, create it); asks the OS
    (access(2) also answers no on a read-only file system) without writing anything."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return os.access(candidate, os.W_OK | (os.X_OK if candidate.is_dir() else 0))
    return False


def require_writable(index_dir: Path) -> None:
    """IndexNotWritable unless a build may write under `index_dir` (checked before anything is written)."""
    if not all(writable(path) for path in (index_dir, index_dir / "builds", index_dir / "lexical")):
        raise IndexNotWritable(f"cannot write the index at {index_dir} (read-only or no permission)", where=index_dir)


def _acquire(handle: object, wait_s: float, notify: Callable[[str], None]) -> None:
    end = time.monotonic() + wait_s
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # type: ignore[arg-type]
            return
        except BlockingIOError:
            holder = _read_holder(handle)
            if time.monotonic() >= end:
                raise BuildInProgress(f"another build holds the lock ({holder})", holder=holder) from None
            if not told:
                notify(f"Toinen rakennus on käynnissä ({holder}); odotetaan sen valmistumista…")
                told = True
            time.sleep(_POLL_S)


def _read_holder(handle: object) -> str:
    try:
        handle.seek(0)  # type: ignore[attr-defined]
        return handle.read(200).strip() or "tuntematon"  # type: ignore[attr-defined]
    except (OSError, ValueError):
        return "tuntematon"


def _served_from_snapshot(folder: Path, guard: CallGuard, read_only: bool) -> ActiveIndex | None:
    """The build served from its vector snapshot, or None (logged) when the snapshot cannot be trusted."""
    try:
        snapshot = load_snapshot(folder)
    except SnapshotUnusable as exc:
        logger.info("serving %s from Chroma: %s", folder, exc)
        return None
    return ActiveIndex(None, snapshot.info, str(folder), guard, read_only, snapshot=snapshot)


def _close(client: ClientAPI) -> None:
    from index.store import local_chroma

    local_chroma.close_client(client)


def _open_client(path: Path, where: str) -> ClientAPI:
    from index.store import local_chroma

    try:
        return local_chroma.open_client(path, where)
    except IndexStoreError:
        raise
    except Exception as exc:  # a damaged database fails in Chroma's own ways
        raise _damaged(Path(where), f"Chroma cannot open it ({exc})") from exc


_COPIES: dict[Path, Path] = {}
_COPIES_LOCK = threading.Lock()


def _private_copy(folder: Path) -> Path:
    """A copy of a published (never again changed) Chroma folder in the temp dir, made once per process."""
    with _COPIES_LOCK:
        copy = _COPIES.get(folder)
        if copy is None or not copy.is_dir():
            parent = Path(tempfile.mkdtemp(prefix="kaytto-index-"))
            atexit.register(shutil.rmtree, parent, ignore_errors=True)
            try:
                copy = Path(shutil.copytree(folder, parent / "chroma"))
            except OSError as exc:
                raise _damaged(folder, f"cannot read it to serve it read-only ({exc})") from exc
            for path in (copy, *copy.rglob("*")):
                path.chmod(path.stat().st_mode | 0o200)
            _COPIES[folder] = copy
        return copy


def _clear_non_folder(path: Path) -> None:
    if (path.exists() or path.is_symlink()) and not (path.is_dir() and not path.is_symlink()):
        path.unlink()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _damaged(path: Path, reason: str) -> IndexDamaged:
    return IndexDamaged(f"{path}: {reason}; repair it with `{REBUILD} --force`", where=path)
