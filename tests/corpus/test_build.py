"""`python -m corpus build` reproduces the committed artifacts exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.__main__ import main
from corpus.manifest import DOCUMENTS_DIR, discover_manifests
from corpus.store import ARTIFACTS, load_document


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rebuilt")
    assert main(["build", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("manifest", discover_manifests(), ids=lambda m: m.id)
@pytest.mark.parametrize("artifact", ARTIFACTS)
def test_rebuild_matches_committed_artifacts(rebuilt: Path, manifest, artifact: str) -> None:
    committed = (manifest.derived_dir / artifact).read_bytes()
    fresh = (rebuilt / manifest.id / artifact).read_bytes()
    assert fresh == committed, f"{artifact} differs: run `python -m corpus build` and commit the result"


def test_rebuilt_artifacts_load(rebuilt: Path) -> None:
    manifest = discover_manifests()[0]
    document = load_document(manifest, rebuilt / manifest.id)
    assert document.cells and document.goals and document.chunks


def test_build_reports_a_broken_document_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "docs" / "broken"
    broken.mkdir(parents=True)
    (broken / "manifest.toml").write_text('id = "broken"\n', encoding="utf-8")
    assert main(["build", "--documents", str(tmp_path / "docs"), "--out", str(tmp_path / "out")]) == 1
    assert "manifest.toml: required key 'title' is missing" in capsys.readouterr().err


def test_committed_artifacts_live_beside_the_source() -> None:
    for manifest in discover_manifests(DOCUMENTS_DIR):
        assert all((manifest.derived_dir / name).is_file() for name in ARTIFACTS)
