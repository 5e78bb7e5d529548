"""Server-side SVG charts: one code path for the dashboard (HTML) and the annual PDF report.

Pure Python, no JavaScript, no external libraries. Every function returns a ``Chart``:

- ``chart.svg``         – safe markup (``<svg role="img" aria-labelledby=…>`` with ``<title>``
                          and ``<desc>``), inline attributes only (no CSS classes, no flex),
                          fonts via ``font-family="DejaVu Sans, sans-serif"``, so WeasyPrint
                          renders it exactly as the browser does;
- ``chart.headers``     – column headings of the accessible data table;
- ``chart.table``       – rows for that table: ``(label, value, value, …)`` with raw numbers
                          (int/float/Decimal, ``None`` for "no value"); the first cell is the
                          row heading (``<th scope="row">``);
- ``chart.title`` / ``chart.description`` – the text alternative;
- ``chart.unit_label``  – what the values count ("hours", "NOK", "%"), for a visible
                          caption next to the title (``unit_label=`` or else ``unit``);
- ``str(chart)`` and ``{{ chart }}`` give the SVG.

Render the table with ``{% include "dashboards/includes/chart.html" with chart=… %}`` (HTML)
or loop over ``headers``/``table`` in the print template.

Functions (labels are plain strings; they are escaped here):

``bar_chart(title, items, *, description="", unit="", value_heading=None)``
    Horizontal bars; ``items`` = ``[(label, value), …]``.
``stacked_bar_chart(title, categories, series, *, description="", unit="")``
    One horizontal bar per category, split into series; ``series`` =
    ``[(series_name, [value per category]), …]``. Legend and data table included.
``grouped_bar_chart(title, categories, series, *, description="", unit="")``
    Bars side by side per category (e.g. spent vs estimated); same arguments as stacked.
``progress_bar(title, value, maximum=100, *, description="", unit="%")``
    A single bar with its value written next to it.
``line_chart(title, x_labels, series, *, targets=None, description="", unit="")``
    Values over years; ``series`` = ``[(name, [value or None per x]), …]``; ``targets`` =
    ``{series_name: target_value}`` drawn as a dashed line and listed in the table.

Long category and legend names wrap onto a second line and only then end in "…"; the
full name is always in the ``<title>`` and the data table.

Colour is never the only carrier of meaning: each series has a colour (all ≥ 4.5:1 against
white, so ≥ 3:1 for graphics as WCAG 1.4.11 asks) AND a fill pattern or marker shape, and
every chart has a text legend, written values and a data table.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import svg as draw
from .svg import (
    AXIS_COLOUR,
    BAR_GAP,
    BAR_HEIGHT,
    LABEL_CHARS,
    LABEL_WIDTH,
    LINE_HEIGHT,
    PALETTE,
    TRACK_COLOUR,
    VALUE_WIDTH,
    WIDTH,
    format_number,
)


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    headers: tuple
    table: tuple
    svg: str
    unit_label: str = ""

    def __str__(self):
        return self.svg

    def __html__(self):
        return self.svg


def bar_chart(title, items, *, description="", unit="", value_heading=None, unit_label=None):
    items = [(str(label), value) for label, value in items]
    headers = ("", value_heading or (unit or _("Value")))
    rows = tuple((label, value) for label, value in items)
    description = description or draw.auto_description(title, headers, rows, unit)
    chart = _bars(title, description, headers, rows, [], unit, stacked=True)
    return _labelled(chart, unit if unit_label is None else unit_label)


def _labelled(chart, unit_label):
    return Chart(**{**chart.__dict__, "unit_label": str(unit_label or "")})


def stacked_bar_chart(title, categories, series, *, description="", unit="", unit_label=None):
    chart = _multi(title, categories, series, description, unit, stacked=True)
    return _labelled(chart, unit if unit_label is None else unit_label)


def grouped_bar_chart(title, categories, series, *, description="", unit="", unit_label=None):
    chart = _multi(title, categories, series, description, unit, stacked=False)
    return _labelled(chart, unit if unit_label is None else unit_label)


def _multi(title, categories, series, description, unit, *, stacked):
    names = [str(name) for name, _values in series]
    headers = ("", *names)
    rows = tuple(
        (str(category), *[values[i] for _name, values in series])
        for i, category in enumerate(categories)
    )
    description = description or draw.auto_description(title, headers, rows, unit)
    return _bars(title, description, headers, rows, names, unit, stacked=stacked)


def _bars(title, description, headers, rows, names, unit, *, stacked):
    uid = draw.uid("bars", title, headers, rows, stacked)
    series_count = max(len(headers) - 1, 1)
    show_legend = bool(names)
    per_row = BAR_HEIGHT if stacked else BAR_HEIGHT * series_count * 0.7 + 2
    row_height = per_row + BAR_GAP
    top = 8
    height = int(top + row_height * max(len(rows), 1) + 8)
    legend_y = height + 14
    if show_legend:
        height += draw.legend_height(names)
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    if stacked:
        maximum = max((sum(draw.num(v) for v in row[1:]) for row in rows), default=0)
    else:
        maximum = max((draw.num(v) for row in rows for v in row[1:]), default=0)
    scale = plot_width / maximum if maximum > 0 else 0

    parts = [
        draw.open_svg(uid, WIDTH, height, title, description),
        draw.pattern_defs(uid, series_count),
    ]
    for r, row in enumerate(rows):
        y = top + r * row_height
        label = row[0]
        parts.append(f"<g><title>{escape(label)}</title>")
        lines = draw.wrap(label, LABEL_CHARS, max_lines=max(1, int(row_height // LINE_HEIGHT)))
        parts.append(
            draw.text_lines(LABEL_WIDTH - 8, y + per_row / 2, lines, anchor="end", size=11)
        )
        parts.append("</g>")
        x = LABEL_WIDTH
        if stacked:
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{plot_width}" height="{BAR_HEIGHT}" '
                f'fill="{TRACK_COLOUR}"/>'
            )
            for i, value in enumerate(row[1:]):
                w = draw.num(value) * scale
                if w <= 0:
                    continue
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BAR_HEIGHT}" '
                    f'fill="{draw.fill(uid, i)}" stroke="#ffffff" stroke-width="1"/>'
                )
                x += w
            total = sum(draw.num(v) for v in row[1:])
            parts.append(draw.text(x + 6, y + BAR_HEIGHT / 2 + 4, format_number(total, unit)))
        else:
            sub = BAR_HEIGHT * 0.7
            for i, value in enumerate(row[1:]):
                yy = y + i * (sub + 1)
                w = draw.num(value) * scale
                parts.append(
                    f'<rect x="{x}" y="{yy:.1f}" width="{max(w, 0):.1f}" height="{sub:.1f}" '
                    f'fill="{draw.fill(uid, i)}"/>'
                )
                parts.append(
                    draw.text(x + w + 6, yy + sub / 2 + 4, format_number(value, unit), size=10)
                )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 2}" x2="{LABEL_WIDTH}" '
        f'y2="{top + row_height * max(len(rows), 1) - BAR_GAP + 2:.1f}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    if show_legend:
        parts.append(draw.legend(uid, names, legend_y))
    parts.append("</svg>")
    return Chart(title, description, headers, rows, mark_safe("".join(parts)))


def progress_bar(title, value, maximum=100, *, description="", unit="%", unit_label=None):
    uid = draw.uid("progress", title, value, maximum)
    value_n = draw.num(value)
    share = min(max(value_n / draw.num(maximum), 0), 1) if draw.num(maximum) else 0
    description = description or f"{title}: {format_number(value, unit)}"
    width, height, bar_w = 320, 28, 240
    parts = [
        draw.open_svg(uid, width, height, title, description),
        f'<rect x="0" y="6" width="{bar_w}" height="16" fill="{TRACK_COLOUR}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="0.5"/>',
        f'<rect x="0" y="6" width="{bar_w * share:.1f}" height="16" fill="{PALETTE[0]}"/>',
        draw.text(bar_w + 8, 19, format_number(value, unit), weight="bold"),
        "</svg>",
    ]
    headers = ("", unit or _("Value"))
    rows = ((title, value),)
    svg = mark_safe("".join(parts))
    return Chart(
        title, description, headers, rows, svg, str(unit if unit_label is None else unit_label)
    )


def line_chart(title, x_labels, series, *, targets=None, description="", unit="", unit_label=None):
    targets = targets or {}
    x_labels = [str(x) for x in x_labels]
    names = [str(name) for name, _values in series]
    headers = ("", *x_labels) + ((_("Target"),) if targets else ())
    rows = tuple(
        (str(name), *list(values)) + ((targets.get(name),) if targets else ())
        for name, values in series
    )
    description = description or draw.auto_description(title, headers, rows, unit)
    uid = draw.uid("line", title, headers, rows)
    left, right, top, plot_h = 60, 20, 14, 180
    legend_names = names
    height = top + plot_h + 30 + draw.legend_height(legend_names)
    if any(v is not None for v in targets.values()):
        height += 20
    all_values = [draw.num(v) for _n, values in series for v in values if v is not None]
    all_values += [draw.num(v) for v in targets.values() if v is not None]
    maximum = max(all_values, default=0) or 1
    plot_w = WIDTH - left - right
    step = plot_w / max(len(x_labels) - 1, 1)

    def px(i):
        return left + (i * step if len(x_labels) > 1 else plot_w / 2)

    def py(v):
        return top + plot_h - draw.num(v) / maximum * plot_h

    parts = [draw.open_svg(uid, WIDTH, height, title, description)]
    for tick in (0, 0.5, 1):
        y = top + plot_h - tick * plot_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{TRACK_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            draw.text(left - 6, y + 4, format_number(maximum * tick, unit), anchor="end", size=10)
        )
    for i, label in enumerate(x_labels):
        parts.append(draw.text(px(i), top + plot_h + 16, label, anchor="middle", size=10))
    dashes = ["", "6,3", "2,3", "8,3,2,3"]
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        points = [(px(i), py(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash = dashes[s % len(dashes)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dash_attr}/>'
            )
        parts.extend(draw.marker(s, x, y) for x, y in points)
        target = targets.get(name)
        if target is not None:
            y = py(target)
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="4,4"/>'
            )
            parts.append(
                draw.text(
                    WIDTH - right,
                    y - 4,
                    format_number(target, unit),
                    anchor="end",
                    size=10,
                    colour=colour,
                )
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - right}" y2="{top + plot_h}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    parts.append(draw.legend(uid, legend_names, top + plot_h + 40, markers=True))
    if any(v is not None for v in targets.values()):
        y = height - 8
        parts.append(
            f'<line x1="10" y1="{y - 4}" x2="26" y2="{y - 4}" stroke="{AXIS_COLOUR}" '
            f'stroke-width="1.5" stroke-dasharray="4,4"/>'
        )
        parts.append(draw.text(32, y, _("Target (dashed line)"), size=11))
    parts.append("</svg>")
    svg = mark_safe("".join(parts))
    return Chart(
        title, description, headers, rows, svg, str(unit if unit_label is None else unit_label)
    )
