"""The API's request and response shapes (for validation and the OpenAPI docs); answers are `Answer.to_json()`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_QUESTION = "Paljonko varhaiskasvatuksen henkilöstökulut ovat 2024?"


class AskRequest(BaseModel):
    """One question, and the conversation state a previous answer returned (if any)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"question": EXAMPLE_QUESTION}]})

    question: str = Field(description="Kysymys suomeksi (enintään 2 000 merkkiä).")
    conversation: dict[str, Any] | None = Field(
        default=None,
        description="Edellisen vastauksen keskustelutila sellaisenaan (jatkokysymyksiä varten); muuten tyhjä.",
    )


class CitationOut(BaseModel):
    n: int
    doc_id: str = ""
    section_id: str
    section: str
    quote: str
    lines: list[int] = Field(min_length=2, max_length=2)


class FigureOut(BaseModel):
    table: str
    area: str
    item: str
    column: str
    value: int | float
    unit: str


class AnswerOut(BaseModel):
    """The `python -m assistant ask --json` contract (extra keys may be added, none removed)."""

    model_config = ConfigDict(extra="allow")

    question: str
    kind: Literal["figure", "owner", "text", "not_found"]
    answer: str
    citations: list[CitationOut]
    figures: list[FigureOut]
    owners: list[str]
    elapsed_ms: float


class ErrorOut(BaseModel):
    """Every failure: a Finnish message and a stable short code."""

    error: str = Field(description="Virheilmoitus suomeksi.")
    error_type: str = Field(
        description="Pysyvä koodi: empty_question, question_too_long, invalid_request, request_too_large, "
        "overloaded, deadline_exceeded, index_unavailable, llm_unavailable, no_such_route, internal_error, …"
    )


class IndexOut(BaseModel):
    build_id: str
    built_at: str
    embedder: str
    fingerprint: str
    chunks: int


class PoolOut(BaseModel):
    workers: int
    capacity: int
    admitted: int


class HealthOut(BaseModel):
    """Whether this worker answers, and which index and corpus it answers from."""

    status: Literal["ok", "starting", "degraded"]
    version: str
    index: IndexOut | None
    corpus_fingerprint: str
    embedder: str
    llm: str
    deadline_s: float
    pools: dict[str, PoolOut]
    error: str | None = None
    error_type: str | None = None
