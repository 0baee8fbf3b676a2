"""The plan's sign convention: costs are printed negative; net results (Toimintakate…) may be either sign."""

from __future__ import annotations

from corpus.text import fold

# The standard lines of a Finnish municipal income statement that are net results, not costs: their
# minus sign means a deficit, so they are never turned into positive "menot".
NET_ITEMS = frozenset(
    fold(item) for item in ("Toimintakate", "Netto", "Vuosikate", "Tilikauden tulos", "Rahoitustuotot ja -kulut")
)


def is_cost(item: str) -> bool:
    """Whether a negative value of `item` is an expense (not a net result such as Toimintakate)."""
    return fold(item) not in NET_ITEMS
