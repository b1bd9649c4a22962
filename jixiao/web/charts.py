"""Inline SVG bar charts, drawn on the server so the page needs no chart library."""

from __future__ import annotations

from markupsafe import Markup, escape


def bar_chart(values: list[tuple[str, int]], *, bar_height: int = 22, label_width: int = 150,
              width: int = 560, title: str = "") -> Markup:
    """Horizontal bars, one per ``(label, count)``; labels are escaped document text."""
    if not values:
        return Markup("")
    top = max(n for _, n in values) or 1
    plot = width - label_width - 40
    rows = []
    for i, (label, n) in enumerate(values):
        y = i * (bar_height + 6)
        w = max(2.0, plot * n / top)
        short = label if len(label) <= 14 else label[:13] + "…"
        rows.append(
            f'<g transform="translate(0,{y})"><title>{escape(label)}: {n}</title>'
            f'<text x="{label_width - 8}" y="{bar_height * 0.7:.1f}" text-anchor="end" class="bar-label">{escape(short)}</text>'
            f'<rect x="{label_width}" y="0" width="{w:.1f}" height="{bar_height}" rx="3" class="chart-bar"/>'
            f'<text x="{label_width + w + 6:.1f}" y="{bar_height * 0.7:.1f}" class="bar-value">{n}</text></g>')
    height = len(values) * (bar_height + 6)
    return Markup(f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>')
