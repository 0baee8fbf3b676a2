"""Document manifests: one folder per document with a `manifest.toml` describing it."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import ManifestError, SourceError

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"
MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class Area:
    """A service area (palvelualue) with its code, name and the headings that introduce it."""

    code: str
    name: str
    headings: tuple[str, ...]
    covers: tuple[str, ...] = ()  # services the area covers, in the plan's words


@dataclass(frozen=True)
class OutlineEntry:
    """A top-level heading of the document: how to find it, its stable id and Finnish title."""

    id: str
    match: str
    title: str
    subsections: str = ""  # "", "areas" or "tables"
    grid_starts: str = ""
    grid_title: str = ""


@dataclass(frozen=True)
class Manifest:
    """What a document is and where its files live."""

    folder: Path
    id: str
    title: str
    organisation: str
    municipality: str
    year: int
    source: str
    currency: str
    years: tuple[int, ...]
    board: Area
    areas: tuple[Area, ...]
    outline: tuple[OutlineEntry, ...] = ()

    @property
    def source_path(self) -> Path:
        return self.folder / self.source

    @property
    def derived_dir(self) -> Path:
        return self.folder / "derived"

    def area(self, code: str) -> Area:
        for area in (self.board, *self.areas):
            if area.code == code:
                return area
        raise KeyError(code)

    def read_source_lines(self) -> list[str]:
        """The source text as lines (without newlines); line i+1 of the file is element i."""
        path = self.source_path
        if not path.is_file():
            raise SourceError(f"{path}: source file is missing (named by {self.folder / MANIFEST_NAME})")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{path}: not UTF-8 text (byte {exc.start}); save the source as UTF-8") from exc
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not any(line.strip() for line in lines):
            raise SourceError(f"{path}: source file is empty")
        return lines


_REQUIRED: dict[str, type] = {
    "id": str,
    "title": str,
    "organisation": str,
    "municipality": str,
    "year": int,
    "source": str,
    "currency": str,
    "years": list,
    "board": dict,
    "areas": list,
}


def read_toml(path: Path) -> dict[str, Any]:
    """A document's TOML file as data; malformed TOML or non-UTF-8 bytes raise ManifestError naming file and line."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: malformed TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def load_manifest(folder: Path) -> Manifest:
    """Read and validate `folder/manifest.toml`."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError(f"{path}: manifest is missing; every document folder needs one")
    data = read_toml(path)
    for key, expected in _REQUIRED.items():
        if key not in data:
            raise ManifestError(f"{path}: required key {key!r} is missing")
        if not isinstance(data[key], expected):
            raise ManifestError(f"{path}: key {key!r} must be a {expected.__name__}, got {data[key]!r}")
    return Manifest(
        folder=folder,
        id=data["id"],
        title=data["title"],
        organisation=data["organisation"],
        municipality=data["municipality"],
        year=data["year"],
        source=data["source"],
        currency=data["currency"],
        years=tuple(int(year) for year in data["years"]),
        board=_area(path, data["board"]),
        areas=tuple(_area(path, item) for item in data["areas"]),
        outline=tuple(_outline(path, item) for item in data.get("outline", [])),
    )


def _area(path: Path, data: Any) -> Area:
    if not isinstance(data, dict) or not isinstance(data.get("code"), str) or not isinstance(data.get("name"), str):
        raise ManifestError(f"{path}: every area needs a string 'code' and 'name', got {data!r}")
    headings = data.get("headings", [data["name"]])
    covers = data.get("covers", [])
    return Area(
        code=data["code"],
        name=data["name"],
        headings=tuple(str(h) for h in headings),
        covers=tuple(str(c) for c in covers),
    )


def _outline(path: Path, data: Any) -> OutlineEntry:
    if not isinstance(data, dict) or not all(isinstance(data.get(key), str) for key in ("id", "match", "title")):
        raise ManifestError(f"{path}: every [[outline]] entry needs string 'id', 'match' and 'title', got {data!r}")
    subsections = data.get("subsections", "")
    if subsections not in ("", "areas", "tables"):
        raise ManifestError(f"{path}: outline {data['id']!r}: subsections must be 'areas' or 'tables', got {subsections!r}")
    return OutlineEntry(
        id=data["id"],
        match=data["match"],
        title=data["title"],
        subsections=subsections,
        grid_starts=str(data.get("grid_starts", "")),
        grid_title=str(data.get("grid_title", "")),
    )


def discover_manifests(root: Path | Sequence[Path] = DOCUMENTS_DIR) -> list[Manifest]:
    """All documents in the folders of `root` (one folder of document folders, or several), sorted by id."""
    roots = [root] if isinstance(root, Path) else list(root)
    manifests: list[Manifest] = []
    for folder in roots:
        if not folder.is_dir():
            raise ManifestError(f"{folder}: documents folder is missing")
        found = [load_manifest(document) for document in sorted(folder.iterdir()) if document.is_dir()]
        if not found:
            raise ManifestError(f"{folder}: no document folders found")
        manifests.extend(found)
    ids = [manifest.id for manifest in manifests]
    if len(set(ids)) != len(ids):
        where = ", ".join(str(folder) for folder in roots)
        raise ManifestError(f"{where}: document ids must be unique, got {ids}")
    return sorted(manifests, key=lambda manifest: manifest.id)
