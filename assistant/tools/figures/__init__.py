"""Figure questions over the budget tables: read (typed FigureQuery) → execute (integer arithmetic) → answer."""

from assistant.tools.figures.query import FigureQuery, FigureReading, Impossible, NotFigure, Unsettled
from assistant.tools.figures.tool import FigureTool

__all__ = ["FigureTool", "FigureReading", "FigureQuery", "NotFigure", "Impossible", "Unsettled"]
