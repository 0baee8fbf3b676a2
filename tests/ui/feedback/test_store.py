"""The feedback database: rows as recorded, problem filter, no personal data, a Finnish error when down."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from ui.errors import FeedbackNotFound, FeedbackStoreUnavailable
from ui.feedback.privacy import COMMENT_LIMIT, REDACTED, scrub
from ui.feedback.store import FeedbackFilter, FeedbackStore, default_url


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore.open(default_url(tmp_path / "data"), app_version="9.9.9")


def test_a_verdict_is_stored_with_question_kind_sections_version_and_time_only(store: FeedbackStore, tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC)
    row_id = store.record("Paljonko kirjasto maksaa?", "figure", ["a", "b", "a", ""], helpful=False)
    store.add_comment(row_id, "Luku puuttui")
    [entry] = store.rows(FeedbackFilter(only_problems=False))
    assert (entry.id, entry.question, entry.answer_kind, entry.cited_sections, entry.helpful, entry.comment, entry.app_version) == (
        row_id, "Paljonko kirjasto maksaa?", "figure", ("a", "b"), False, "Luku puuttui", "9.9.9",
    )
    assert before <= entry.created_at <= dt.datetime.now(dt.UTC)
    # The file is a real SQLite database with exactly these columns: nothing about the person.
    with sqlite3.connect(tmp_path / "data" / "feedback.sqlite3") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(feedback)")]
    assert columns == ["id", "created_at", "question", "answer_kind", "cited_sections", "helpful", "comment", "app_version"]


def test_the_default_listing_is_thumbs_down_and_not_found(store: FeedbackStore) -> None:
    store.record("hyvä", "figure", [], helpful=True)
    store.record("huono", "text", [], helpful=False)
    store.record("puuttuu", "not_found", [], helpful=True)
    assert [e.question for e in store.rows()] == ["puuttuu", "huono"]  # newest first
    assert [e.question for e in store.rows(FeedbackFilter(only_problems=False))] == ["puuttuu", "huono", "hyvä"]
    assert [e.question for e in store.rows(FeedbackFilter(kind="text"))] == ["huono"]
    assert [e.question for e in store.rows(FeedbackFilter(only_problems=False, search="HYV"))] == ["hyvä"]
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert store.rows(FeedbackFilter(since=tomorrow)) == []


def test_a_changed_mind_updates_the_same_row(store: FeedbackStore) -> None:
    row_id = store.record("q", "owner", [], helpful=True)
    store.set_helpful(row_id, False)
    assert [(e.id, e.helpful) for e in store.rows()] == [(row_id, False)]
    with pytest.raises(FeedbackNotFound, match="no feedback row 999"):
        store.add_comment(999, "x")


def test_writes_from_many_threads_all_land(store: FeedbackStore) -> None:
    threads = [threading.Thread(target=store.record, args=(f"q{i}", "text", [], False)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.rows()) == 16


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soita 040 123 4567 tai +358 40 1234567", f"soita {REDACTED} tai {REDACTED}"),
        ("matti.meikalainen@heinola.fi kysyy", f"{REDACTED} kysyy"),
        ("hetu 010190-123A mukana", f"hetu {REDACTED} mukana"),
        ("Paljonko 8 409 500 € on vuonna 2024?", "Paljonko 8 409 500 € on vuonna 2024?"),  # figures are kept
        ("rivi\u200b\u0000 vaihtuu\n\ntässä", "rivi vaihtuu tässä"),
    ],
)
def test_personal_identifiers_and_control_characters_are_removed(text: str, expected: str) -> None:
    assert scrub(text, 500) == expected


def test_comments_are_cut_to_the_limit(store: FeedbackStore) -> None:
    row_id = store.record("q", "text", [], helpful=False, comment="a" * 5000)
    assert [len(e.comment) for e in store.rows() if e.id == row_id] == [COMMENT_LIMIT]


def test_an_unreachable_database_is_a_feedback_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FeedbackStoreUnavailable, match="cannot open the feedback database \\(sqlite\\)"):
        FeedbackStore.open(f"sqlite:///{blocker}/sub/feedback.sqlite3")
    with pytest.raises(FeedbackStoreUnavailable, match=r"\(postgresql\+psycopg\)") as raised:
        FeedbackStore.open("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(raised.value)
