"""How a figure question was read: a typed FigureQuery, or why it is no figure question or cannot be answered.

A FigureQuery names the cells (rows × areas × columns, in the plan's own names and codes) and the operation on
them; `along` is the dimension the operation compares or runs over. For a difference the first value along it
is the minuend and the second the subtrahend; for a share the first is the part and the last the whole (along
the columns, the whole is the sum of every listed column). `words` records which question
words set each slot, so that a reading can be shown and tested; it does not take part in equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypedDict

from corpus.records import Column

Operation = Literal[
    "lookup", "change", "trend", "sum", "average", "share", "difference", "ranking", "existence", "identity"
]
OPERATIONS: tuple[str, ...] = (
    "lookup", "change", "trend", "sum", "average", "share", "difference", "ranking", "existence", "identity"
)
Along = Literal["", "rows", "areas", "columns"]
Measure = Literal["amount", "change", "percent"]
# What the question left out and the plan's default filled; "areas_with_row": of all areas, those printing the row.
Default = Literal["area", "column", "whole", "columns", "areas_with_row"]


@dataclass(frozen=True)
class SlotWords:
    """The question words that set one slot ("areas" ← "varhaiskasvatuksen")."""

    slot: str
    value: str
    words: str


@dataclass(frozen=True)
class AreaNote:
    """A sub-service the question named that the plan reports only as part of an area (Kirjasto → VIRE)."""

    name: str
    area: str
    plural: bool = False


Order = Literal["desc", "asc"]


class QueryOptions(TypedDict, total=False):
    """The ranking and existence settings a query may carry (FigureQuery's fields of the same names)."""

    order: Order
    top: int | None
    nth: bool
    measure: Measure
    negated: bool


@dataclass(frozen=True)
class FigureQuery:
    """A settled reading: which cells, what to do with them, and the defaults that were taken."""

    operation: Operation
    rows: tuple[str, ...]
    areas: tuple[str, ...]
    columns: tuple[Column, ...]
    along: Along = ""
    order: Order = "desc"  # ranking: largest first
    top: int | None = None  # ranking: how many to list (None: all)
    nth: bool = False  # ranking: place `top` is the answer, the places before it its context ("toiseksi suurin")
    measure: Measure = "amount"  # ranking: by amount, by change in euros or in percent (columns[0] → columns[-1])
    negated: bool = False  # existence: which lack the row
    defaults: tuple[Default, ...] = ()
    notes: tuple[AreaNote, ...] = ()
    words: tuple[SlotWords, ...] = field(default=(), compare=False)

    @property
    def column_labels(self) -> tuple[str, ...]:
        return tuple(column.label for column in self.columns)

    @property
    def is_figure(self) -> bool:
        """The router's test: a figure route (every reading but NotFigure is one)."""
        return True


ImpossibleReason = Literal[
    "year_outside_plan", "no_such_column", "outside_board", "row_missing", "not_itemised", "no_figures"
]


@dataclass(frozen=True)
class NotFigure:
    """The question is not about the budget tables (the router tries goals and text)."""

    reason: str

    @property
    def is_figure(self) -> bool:
        return False


@dataclass(frozen=True)
class Impossible:
    """A figure the plan cannot have; `values` is what was asked, `fallback` the figure the plan does have
    (an area's, clearly labelled), if any."""

    reason: ImpossibleReason
    values: tuple[str, ...]
    fallback: FigureQuery | None = None

    @property
    def is_figure(self) -> bool:
        return True


@dataclass(frozen=True)
class Unsettled:
    """The question lacks something without a sensible default: what is missing, and complete readings."""

    missing: tuple[str, ...]  # Finnish names of the missing slots: "vuodet", "vertailukohde", "rivi"
    suggestions: tuple[FigureQuery, ...]
    partial: FigureQuery | None = None

    @property
    def is_figure(self) -> bool:
        return True


FigureReading = FigureQuery | NotFigure | Impossible | Unsettled
