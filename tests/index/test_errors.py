"""Every index error has its own Finnish message for the edge (CLI, UI)."""

from __future__ import annotations

import re

import pytest

from index import errors
from index.errors import IndexStoreError

ERROR_CLASSES = sorted(
    (cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, IndexStoreError)),
    key=lambda cls: cls.__name__,
)
DETAILS = dict(name="x", valid="y", hint="z", where="w", built="b", wanted="v", current="c", url="u",
               seconds="2.0", holder="h", reason="r", value="v")
FINNISH = re.compile(r"[äö]|hakemisto|upotusmalli|palvelin", re.IGNORECASE)


def test_the_family_is_complete() -> None:
    names = {cls.__name__ for cls in ERROR_CLASSES}
    assert {"IndexStoreError", "IndexNotBuilt", "EmbedderMismatch", "StaleIndex", "UnknownEmbedder", "StoreUnavailable",
            "StoreTimeout", "IndexDamaged", "IndexNotWritable", "DiskFull", "BuildInProgress", "BuildFailed"} <= names


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_each_error_has_its_own_finnish_message(cls: type[IndexStoreError]) -> None:
    message = cls("english detail", **DETAILS).finnish()
    assert FINNISH.search(message), message
    assert "?" not in message
    if cls is not IndexStoreError:
        assert cls.finnish_template != IndexStoreError.finnish_template


@pytest.mark.parametrize(
    "cls",
    [errors.IndexNotBuilt, errors.StaleIndex, errors.EmbedderMismatch, errors.DimensionMismatch, errors.IndexDamaged,
     errors.DiskFull, errors.BuildFailed],
    ids=lambda cls: cls.__name__,
)
def test_rebuild_errors_say_how_to_rebuild(cls: type[IndexStoreError]) -> None:
    assert "python -m index build" in cls("x", **DETAILS).finnish()


@pytest.mark.parametrize("cls", [errors.IndexDamaged, errors.DimensionMismatch, errors.DiskFull, errors.BuildFailed], ids=lambda cls: cls.__name__)
def test_repairs_are_forced_rebuilds(cls: type[IndexStoreError]) -> None:
    assert "python -m index build --force" in cls("x", **DETAILS).finnish()
