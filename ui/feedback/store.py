"""The feedback database: one table, any SQLAlchemy URL (SQLite file by default, PostgreSQL for a city).

Each row keeps the question, the answer's kind, the sections it cited, whether it helped, an optional
comment, the app version and the time (UTC): no IP address, no session, no user agent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sqlalchemy import Boolean, DateTime, Integer, String, Text, create_engine, event, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool

from ui.errors import FeedbackNotFound, FeedbackStoreUnavailable
from ui.feedback.privacy import COMMENT_LIMIT, QUESTION_LIMIT, scrub

DB_FILE = "feedback.sqlite3"
PACKAGE = "kaytto-assistentti"
SECTION_SEPARATOR = " "
NOT_FOUND_KIND = "not_found"


class _Base(DeclarativeBase):
    pass


class FeedbackRow(_Base):
    """The table (`feedback`)."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer_kind: Mapped[str] = mapped_column(String(32), index=True)
    cited_sections: Mapped[str] = mapped_column(Text, default="")
    helpful: Mapped[bool] = mapped_column(Boolean, index=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    app_version: Mapped[str] = mapped_column(String(64), default="")


@dataclass(frozen=True)
class Feedback:
    """One resident's verdict on one answer, as stored."""

    id: int
    created_at: dt.datetime
    question: str
    answer_kind: str
    cited_sections: tuple[str, ...]
    helpful: bool
    comment: str
    app_version: str


@dataclass(frozen=True)
class FeedbackFilter:
    """Which rows a listing shows; the default is what the plan's authors need: unhelpful or not found."""

    only_problems: bool = True  # thumbs-down or the answer was "not in the plan"
    kind: str = ""  # one answer kind, or "" for all
    search: str = ""  # text in the question or comment (case-insensitive)
    since: dt.datetime | None = None
    limit: int = 1000


def default_url(data_dir: Path) -> str:
    """The SQLite file under the data dir."""
    return f"sqlite:///{Path(data_dir) / DB_FILE}"


class FeedbackStore:
    """Records and lists feedback; every failure is a `FeedbackStoreUnavailable` with the URL's scheme."""

    def __init__(self, engine: Engine, app_version: str = "") -> None:
        self.engine = engine
        self.app_version = app_version

    @classmethod
    def open(cls, url: str, app_version: str = "") -> FeedbackStore:
        """Connect to `url` and create the table when missing (a SQLite file's folder too)."""
        try:
            if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            if url in ("sqlite://", "sqlite:///:memory:"):
                # One shared in-memory database for every thread (tests, and a store nobody configured).
                engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
            else:
                engine = create_engine(url, pool_pre_ping=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            _Base.metadata.create_all(engine)
        except ImportError as exc:  # the URL names a driver that is not installed (e.g. psycopg)
            raise FeedbackStoreUnavailable(
                f"cannot open the feedback database ({_scheme(url)}): its driver is not installed ({exc.name}); pip install {exc.name}"
            ) from exc
        except (SQLAlchemyError, OSError) as exc:
            # The URL may hold a password: only its scheme and the kind of failure are shown.
            raise FeedbackStoreUnavailable(f"cannot open the feedback database ({_scheme(url)}): {type(exc).__name__}") from exc
        return cls(engine, app_version)

    def record(self, question: str, answer_kind: str, cited_sections: Sequence[str], helpful: bool, comment: str = "") -> int:
        """Store one verdict (text scrubbed of personal identifiers); returns the row id."""
        row = FeedbackRow(
            created_at=dt.datetime.now(dt.UTC),
            question=scrub(question, QUESTION_LIMIT),
            answer_kind=answer_kind[:32],
            cited_sections=SECTION_SEPARATOR.join(dict.fromkeys(s for s in cited_sections if s)),
            helpful=bool(helpful),
            comment=scrub(comment, COMMENT_LIMIT),
            app_version=self.app_version[:64],
        )
        with self._session() as session:
            session.add(row)
            session.flush()
            row_id = int(row.id)
            session.commit()
        return row_id

    def add_comment(self, row_id: int, comment: str) -> None:
        """Attach (or replace) the optional comment of row `row_id`."""
        with self._session() as session:
            row = session.get(FeedbackRow, row_id)
            if row is None:
                raise FeedbackNotFound(f"no feedback row {row_id}")
            row.comment = scrub(comment, COMMENT_LIMIT)
            session.commit()

    def set_helpful(self, row_id: int, helpful: bool) -> None:
        """Change the verdict of row `row_id` (a resident changed their mind)."""
        with self._session() as session:
            row = session.get(FeedbackRow, row_id)
            if row is None:
                raise FeedbackNotFound(f"no feedback row {row_id}")
            row.helpful = bool(helpful)
            session.commit()

    def rows(self, where: FeedbackFilter = FeedbackFilter()) -> list[Feedback]:
        """Rows matching `where`, newest first."""
        query = select(FeedbackRow).order_by(FeedbackRow.created_at.desc(), FeedbackRow.id.desc())
        if where.only_problems:
            query = query.where(or_(FeedbackRow.helpful.is_(False), FeedbackRow.answer_kind == NOT_FOUND_KIND))
        if where.kind:
            query = query.where(FeedbackRow.answer_kind == where.kind)
        if where.search.strip():
            needle = f"%{where.search.strip()}%"
            query = query.where(or_(FeedbackRow.question.ilike(needle), FeedbackRow.comment.ilike(needle)))
        if where.since is not None:
            query = query.where(FeedbackRow.created_at >= where.since)
        with self._session() as session:
            return [_feedback(row) for row in session.scalars(query.limit(where.limit))]

    def _session(self) -> _GuardedSession:
        return _GuardedSession(self.engine)


class _GuardedSession:
    """A session whose database errors become `FeedbackStoreUnavailable` (the URL and password never shown)."""

    def __init__(self, engine: Engine) -> None:
        self._session = Session(engine, expire_on_commit=False)

    def __enter__(self) -> Session:
        return self._session

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        if error is not None:
            self._session.rollback()
        self._session.close()
        if isinstance(error, SQLAlchemyError):
            raise FeedbackStoreUnavailable(f"the feedback database failed: {type(error).__name__}") from error


def _feedback(row: FeedbackRow) -> Feedback:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return Feedback(
        id=row.id,
        created_at=created,
        question=row.question,
        answer_kind=row.answer_kind,
        cited_sections=tuple(row.cited_sections.split()) if row.cited_sections else (),
        helpful=row.helpful,
        comment=row.comment or "",
        app_version=row.app_version or "",
    )


def _scheme(url: str) -> str:
    return url.split(":", 1)[0]


def _sqlite_pragmas(connection: object, record: object) -> None:
    # Several app threads write: wait for a lock instead of failing at once.
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def app_version() -> str:
    """The installed package's version (recorded with each feedback row)."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "tuntematon"
