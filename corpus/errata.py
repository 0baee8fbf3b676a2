"""Errata: corrections of OCR-damaged budget figures, each proved by an accounting identity."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import ManifestError
from corpus.manifest import read_toml


@dataclass(frozen=True)
class Erratum:
    """One damaged figure: where it is printed, what it should read and the identity that proves it."""

    id: str
    line: int  # 1-based source line
    printed: str  # the damaged text exactly as printed on that line
    value: int  # the corrected figure, in euros
    proof: str  # the identity, written out with its figures
    checks: tuple[str, ...]  # names of the identity checks (corpus.identities) that pin the value


_FIELDS: dict[str, type] = {"id": str, "line": int, "printed": str, "value": int, "proof": str, "checks": list}


def load_errata(path: Path) -> tuple[Erratum, ...]:
    """Read `errata.toml`; a document without the file has no errata."""
    if not path.is_file():
        return ()
    data = read_toml(path)
    entries = data.get("erratum", [])
    if not isinstance(entries, list):
        raise ManifestError(f"{path}: errata must be [[erratum]] tables, got {entries!r}")
    errata = tuple(_erratum(path, entry) for entry in entries)
    ids = [erratum.id for erratum in errata]
    duplicates = sorted({item for item in ids if ids.count(item) > 1})
    if duplicates:
        raise ManifestError(f"{path}: erratum ids must be unique, got duplicates {duplicates}")
    return errata


def _erratum(path: Path, entry: Any) -> Erratum:
    if not isinstance(entry, dict):
        raise ManifestError(f"{path}: every [[erratum]] must be a table, got {entry!r}")
    name = entry.get("id", "?")
    for key, expected in _FIELDS.items():
        # bool is an int in Python, but `line = true` is a typo, not a line number
        if key not in entry or not isinstance(entry[key], expected) or isinstance(entry[key], bool):
            raise ManifestError(f"{path}: erratum {name!r}: {key!r} must be a {expected.__name__}, got {entry.get(key)!r}")
    if entry["line"] < 1 or not entry["printed"].strip() or not entry["proof"].strip() or not entry["checks"]:
        raise ManifestError(f"{path}: erratum {name!r} needs a line >= 1, the printed text, a proof and its checks")
    return Erratum(
        id=entry["id"],
        line=entry["line"],
        printed=entry["printed"],
        value=entry["value"],
        proof=entry["proof"],
        checks=tuple(str(check) for check in entry["checks"]),
    )
