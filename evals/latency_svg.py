"""A latency histogram as an inline SVG string (no scripts, no external resources)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from evals.latency import percentile

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 28, 40
BINS = 24


def histogram(values: Sequence[float], bins: int = BINS) -> tuple[float, list[int]]:
    """Bin width and counts of `values` in `bins` equal bins from 0 to the maximum."""
    top = max(values, default=0.0)
    width = top / bins if top > 0 else 1.0
    counts = [0] * bins
    for value in values:
        counts[min(int(value / width), bins - 1)] += 1
    return width, counts


def latency_svg(values: Sequence[float], title: str) -> str:
    """A histogram of latencies in milliseconds with the median and 95th percentile marked."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bin_w, counts = histogram(values)
    top_count = max(counts, default=0) or 1
    x_max = bin_w * len(counts)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="latency" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" aria-label="{escape(title)}">',
        f'<title>{escape(title)}</title>',
        f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#555"/>',
    ]
    bar_w = plot_w / len(counts)
    for i, count in enumerate(counts):
        if count:
            h = plot_h * count / top_count
            low, high = i * bin_w, (i + 1) * bin_w
            parts.append(
                f'<rect x="{LEFT + i * bar_w + 1:.1f}" y="{TOP + plot_h - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                f'height="{h:.1f}" fill="#3b6ea8"><title>{low:.1f}–{high:.1f} ms: {count}</title></rect>'
            )
    for tick in _ticks(x_max):
        x = LEFT + plot_w * tick / x_max if x_max else LEFT
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" font-size="11" text-anchor="middle">{tick:g}</text>')
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" font-size="11" text-anchor="middle">viive (ms)</text>'
    )
    parts.append(f'<text x="{LEFT - 6}" y="{TOP + 4}" font-size="11" text-anchor="end">{top_count}</text>')
    parts.append(f'<text x="{LEFT - 6}" y="{TOP + plot_h}" font-size="11" text-anchor="end">0</text>')
    for row, (label, q, color) in enumerate((("p50", 50, "#2a7d2a"), ("p95", 95, "#b33"))):
        value = percentile(values, q)
        x = LEFT + plot_w * value / x_max if x_max else LEFT
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="{color}" stroke-dasharray="4 3"/>'
        )
        # labels on separate rows so that close percentiles stay legible; near the right edge, left of the line
        near_edge = x > LEFT + plot_w * 0.75
        anchor, text_x = ("end", x - 3) if near_edge else ("start", x + 3)
        parts.append(
            f'<text x="{text_x:.1f}" y="{TOP + 10 + 13 * row}" font-size="11" fill="{color}" '
            f'text-anchor="{anchor}">{label} {value:.1f} ms</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(x_max: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to about x_max."""
    if x_max <= 0:
        return [0.0]
    raw = x_max / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(int(x_max / step) + 1)]
