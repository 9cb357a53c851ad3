"""Charts as plain inline SVG, each followed by its data as an HTML table.

No scripts, no external services: a chart is a ``<figure>`` holding an
``<svg role="img">`` named by its ``<title>`` and ``<desc>``, followed by a
real ``<table>`` with the same numbers (the text equivalent, also read by screen
readers and search). Bars are at least 3:1 against white, text at least 4.5:1.
Every value that reaches the markup is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from markupsafe import Markup, escape

BAR = "#0b5cad"  # 6.4:1 on white
TEXT = "#1a1a1a"
AXIS = "#4d4d4d"
WIDTH = 640
FONT = 13

Fmt = Callable[[float], str]


def number(value: float, decimal: str = ".") -> str:
    """An integer as is, anything else with one decimal (decimal comma in Finnish and Swedish)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", decimal)


def _default_fmt(value: float) -> str:
    return number(value)


def _text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * 0.56


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Series:
    label: str
    colour: str


def _figure(chart_id: str, title: str, desc: str, width: int, height: int, body: str,
            table: str) -> Markup:
    head = (f'<div class="ihku-chart" id="{escape(chart_id)}">\n<figure class="ihku-chart__figure">\n'
            f'<figcaption class="ihku-chart__title">{escape(title)}</figcaption>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" class="ihku-chart__svg" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
            f'font-family="sans-serif" font-size="{FONT}">\n'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>\n'
            f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>\n')
    return Markup(head + body + "</svg>\n</figure>\n" + table + "</div>\n")


def _table(caption: str, headers: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]]) -> str:
    out = [f'<table class="ihku-chart-data">\n<caption>{escape(caption)}</caption>\n<thead><tr>']
    out += [f'<th scope="col">{escape(h)}</th>' for h in headers]
    out.append("</tr></thead>\n<tbody>\n")
    for label, cells in rows:
        out.append(f'<tr><th scope="row">{escape(label)}</th>'
                   + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def column_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, float]],
                 label_header: str, value_header: str, table_caption: str, fmt: Fmt = _default_fmt) -> Markup:
    """Vertical bars, one per row, the value written above each bar.
    A label may have two lines ("Q1\\n2026")."""
    n = max(1, len(rows))
    top, bottom, side = 24, 40, 10
    plot_h = 180
    height = top + plot_h + bottom
    slot = (WIDTH - 2 * side) / n
    bar_w = min(56.0, slot * 0.7)
    peak = max([v for _, v in rows] + [1])
    parts = [f'<line x1="{side}" y1="{top + plot_h}" x2="{WIDTH - side}" y2="{top + plot_h}" stroke="{AXIS}" stroke-width="1"/>\n']
    for i, (label, value) in enumerate(rows):
        cx = side + slot * i + slot / 2
        bar_h = plot_h * value / peak
        y = top + plot_h - bar_h
        if value:
            parts.append(f'<rect x="{cx - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" fill="{BAR}"/>\n')
        parts.append(f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle" fill="{TEXT}" font-weight="700">{escape(fmt(value))}</text>\n')
        for line_no, line in enumerate(label.split("\n")):
            parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 16 + 15 * line_no}" text-anchor="middle" fill="{TEXT}">{escape(line)}</text>\n')
    table = _table(table_caption, (label_header, value_header),
                   [(label.replace("\n", " "), (fmt(value),)) for label, value in rows])
    return _figure(chart_id, title, desc, WIDTH, height, "".join(parts), table)


def bar_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, float]],
              label_header: str, value_header: str, table_caption: str, fmt: Fmt = _default_fmt,
              value_suffix: Callable[[float], str] | None = None) -> Markup:
    """Horizontal bars, one per row, labelled on the left, value on the right."""
    row_h, bar_h, top = 26, 16, 6
    label_w = min(260.0, max([_text_width(_clip(l, 40)) for l, _ in rows] + [40.0]) + 12)
    value_w = 90
    plot_w = WIDTH - label_w - value_w
    peak = max([v for _, v in rows] + [1])
    height = top * 2 + row_h * max(1, len(rows))
    parts = [f'<line x1="{label_w:.1f}" y1="{top}" x2="{label_w:.1f}" y2="{height - top}" stroke="{AXIS}" stroke-width="1"/>\n']
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        w = plot_w * value / peak
        parts.append(f'<text x="{label_w - 8:.1f}" y="{y + 17}" text-anchor="end" fill="{TEXT}">{escape(_clip(label, 40))}</text>\n')
        if value:
            parts.append(f'<rect x="{label_w:.1f}" y="{y + (row_h - bar_h) / 2:.1f}" width="{w:.1f}" height="{bar_h}" fill="{BAR}"/>\n')
        shown = value_suffix(value) if value_suffix else fmt(value)
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" fill="{TEXT}">{escape(shown)}</text>\n')
    table = _table(table_caption, (label_header, value_header), [(label, (fmt(value),)) for label, value in rows])
    return _figure(chart_id, title, desc, WIDTH, height, "".join(parts), table)


def stacked_bar_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, Sequence[float]]],
                      series: Sequence[Series], label_header: str, total_header: str, table_caption: str,
                      fmt: Fmt = _default_fmt) -> Markup:
    """Horizontal bars split into series (e.g. measures by status), with a
    legend; segments are parted by white gaps and carry their count."""
    row_h, bar_h = 28, 20
    legend_h = 26
    label_w = min(260.0, max([_text_width(_clip(l, 40)) for l, _ in rows] + [40.0]) + 12)
    value_w = 50
    plot_w = WIDTH - label_w - value_w
    peak = max([sum(v) for _, v in rows] + [1])
    top = legend_h + 8
    height = top + row_h * max(1, len(rows)) + 6
    parts: list[str] = []
    x = 0.0
    for s in series:  # legend
        parts.append(f'<rect x="{x:.1f}" y="4" width="14" height="14" fill="{s.colour}"/>\n')
        parts.append(f'<text x="{x + 19:.1f}" y="16" fill="{TEXT}">{escape(s.label)}</text>\n')
        x += 19 + _text_width(s.label) + 16
    parts.append(f'<line x1="{label_w:.1f}" y1="{top}" x2="{label_w:.1f}" y2="{height - 4}" stroke="{AXIS}" stroke-width="1"/>\n')
    for i, (label, values) in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{label_w - 8:.1f}" y="{y + 18}" text-anchor="end" fill="{TEXT}">{escape(_clip(label, 40))}</text>\n')
        x = label_w
        for s, value in zip(series, values):
            if not value:
                continue
            w = plot_w * value / peak
            parts.append(f'<rect x="{x:.1f}" y="{y + (row_h - bar_h) / 2:.1f}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{s.colour}" stroke="#ffffff" stroke-width="1.5"/>\n')
            if w >= 18:
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 18}" text-anchor="middle" fill="#ffffff" font-weight="700">{escape(fmt(value))}</text>\n')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 18}" fill="{TEXT}">{escape(fmt(sum(values)))}</text>\n')
    headers = [label_header] + [s.label for s in series] + [total_header]
    table = _table(table_caption, headers,
                   [(label, [fmt(v) for v in values] + [fmt(sum(values))]) for label, values in rows])
    return _figure(chart_id, title, desc, WIDTH, height, "".join(parts), table)
