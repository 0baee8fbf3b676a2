"""Manifests: the real one loads; broken ones fail with the file (and line) named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.errors import ManifestError, SourceError
from corpus.manifest import DOCUMENTS_DIR, discover_manifests, load_manifest

REAL = DOCUMENTS_DIR / "hyvinvointilautakunta-2024"


def test_real_manifest_describes_the_plan() -> None:
    manifest = load_manifest(REAL)
    assert (manifest.id, manifest.municipality, manifest.year) == ("hyvinvointilautakunta-2024", "Heinola", 2024)
    assert [area.code for area in manifest.areas] == ["HYTE", "OPKOU", "VAKA", "VIRE"]
    assert manifest.area("TOIMIALA").name == "Hyvinvointilautakunnan toimiala"
    assert len(manifest.read_source_lines()) == 976


def copy_document(tmp_path: Path) -> Path:
    folder = tmp_path / "doc"
    shutil.copytree(REAL, folder, ignore=shutil.ignore_patterns("derived"))
    return folder


def test_missing_manifest_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"doc/manifest.toml: manifest is missing"):
        load_manifest(tmp_path / "doc")


def test_malformed_manifest_names_file_and_line(tmp_path: Path) -> None:
    folder = copy_document(tmp_path)
    path = folder / "manifest.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('year = 2024', 'year = = 2024'), encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest.toml: malformed TOML: .*line 6"):
        load_manifest(folder)


def test_missing_key_is_named(tmp_path: Path) -> None:
    folder = copy_document(tmp_path)
    path = folder / "manifest.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('municipality = "Heinola"\n', ""), encoding="utf-8")
    with pytest.raises(ManifestError, match="'municipality' is missing"):
        load_manifest(folder)


def test_missing_source_names_the_file(tmp_path: Path) -> None:
    folder = copy_document(tmp_path)
    (folder / "source.txt").unlink()
    with pytest.raises(SourceError, match=r"doc/source.txt: source file is missing"):
        load_manifest(folder).read_source_lines()


def test_empty_source_is_refused(tmp_path: Path) -> None:
    folder = copy_document(tmp_path)
    (folder / "source.txt").write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(SourceError, match="source file is empty"):
        load_manifest(folder).read_source_lines()


def test_non_utf8_source_is_refused(tmp_path: Path) -> None:
    folder = copy_document(tmp_path)
    (folder / "source.txt").write_bytes("Käyttösuunnitelma".encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8"):
        load_manifest(folder).read_source_lines()


def test_documents_folder_needs_documents(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="no document folders"):
        discover_manifests(tmp_path)
