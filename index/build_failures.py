"""What can go wrong while a build writes, as index errors: a full disk, a read-only place, a hung server, …

A build is the one place where anything of Chroma, SQLite, the file system or the network can fail; each
failure becomes the IndexStoreError that names it, so that the edge shows a Finnish message, never a trace.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import BuildFailed, DiskFull, IndexNotWritable, IndexStoreError, StoreTimeout, StoreUnavailable

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
# SQLite's words (through Chroma's Rust bindings) for the same failures.
_FULL_TEXT = ("database or disk is full", "no space left on device", "file too large", "quota exceeded")
_DENIED_TEXT = ("readonly database", "read-only file system", "permission denied")


@contextmanager
def build_failures(where: Path | str, timeout_s: float) -> Iterator[None]:
    """Turn any failure inside the block into the IndexStoreError that describes it (`timeout_s`: the bound
    of one server request, for the message of a timeout)."""
    try:
        yield
    except IndexStoreError:
        raise
    except Exception as exc:
        raise build_failure(exc, str(where), timeout_s) from exc


def build_failure(exc: Exception, where: str, timeout_s: float) -> IndexStoreError:
    """The index error for one failure of a build at `where`."""
    text = str(exc).lower()
    code = exc.errno if isinstance(exc, OSError) else None
    if code in _FULL or any(words in text for words in _FULL_TEXT):
        return DiskFull(f"disk full while writing the index at {where}: {exc}", where=where)
    if code in _DENIED or any(words in text for words in _DENIED_TEXT):
        return IndexNotWritable(f"cannot write the index at {where}: {exc}", where=where)
    httpx = sys.modules.get("httpx")  # only a loaded httpx (a server store) raises its errors: not imported here
    if httpx is not None and isinstance(exc, httpx.TimeoutException):
        return StoreTimeout(f"the Chroma server did not answer in time while building: {exc}", url=where, seconds=f"{timeout_s:.0f}")
    if httpx is not None and isinstance(exc, httpx.TransportError):
        return StoreUnavailable(f"lost the Chroma server while building: {exc}", url=where)
    return BuildFailed(f"building the index at {where} failed: {type(exc).__name__}: {exc}", where=where, reason=exc)
