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

Render the table with ``{% include "reporting/includes/chart.html" with chart=… %}`` (HTML)
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

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

FONT = "DejaVu Sans, sans-serif"
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#595959"
TRACK_COLOUR = "#e9ecef"
# Dark, distinguishable colours (Okabe-Ito inspired, darkened for contrast on white).
PALETTE = ["#0b5394", "#b45f06", "#38761d", "#741b47", "#a61c00", "#4d4d4d", "#006d77"]
PATTERNS = ["solid", "diagonal", "dots", "cross", "horizontal", "vertical", "diagonal-back"]
MARKERS = ["circle", "square", "triangle", "diamond"]

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 90
BAR_HEIGHT = 22
BAR_GAP = 10


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


def format_number(value, unit=""):
    """Short human number for labels in the SVG: 1 234, 12.5, 40 %."""
    if value is None:
        return "–"
    number = float(value)
    if number.is_integer():
        text = f"{int(number):,}".replace(",", "\u00a0")
    else:
        text = f"{number:,.1f}".replace(",", "\u00a0")
    return f"{text}\u00a0{unit}" if unit else text


def _num(value):
    return float(value) if isinstance(value, (int, float, Decimal)) and value is not None else 0.0


def _uid(*parts):
    # Deterministic ids (same chart, same markup) that differ between charts on one page.
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()[:8]
    return f"c{digest}"


# Characters that surely fit on one 11 px line of a bar label (LABEL_WIDTH) or a legend
# entry (188 px) in DejaVu Sans, whose glyphs average about 0.55 em in these languages.
LABEL_CHARS = 32
LEGEND_CHARS = 30
LINE_HEIGHT = 13


def _clip(label, length=30):
    label = str(label)
    return label if len(label) <= length else label[: length - 1] + "…"


def _wrap(label, length, max_lines=2):
    """The label in at most `max_lines` lines of `length` characters, broken at spaces.

    Only the last line is cut (with "…") when the label is longer still; a single word
    longer than a line is cut too.
    """
    words = str(label).split()
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= length or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [_clip(" ".join(lines[max_lines - 1 :]), length)]
    return [_clip(line, length) for line in lines]


def _text_lines(x, y_centre, lines, *, anchor="start", size=12):
    """Lines of text centred vertically on `y_centre` (one <text> per line)."""
    first = y_centre + size / 3 - (len(lines) - 1) * LINE_HEIGHT / 2
    return "".join(
        _text(x, first + i * LINE_HEIGHT, line, anchor=anchor, size=size)
        for i, line in enumerate(lines)
    )


def _text(x, y, content, *, anchor="start", size=12, weight="normal", colour=TEXT_COLOUR):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" fill="{colour}" text-anchor="{anchor}">'
        f"{escape(str(content))}</text>"
    )


def _pattern_defs(uid, count):
    """One <pattern> per series: the colour plus a texture, white lines on the colour."""
    defs = []
    for i in range(count):
        colour = PALETTE[i % len(PALETTE)]
        kind = PATTERNS[i % len(PATTERNS)]
        shapes = {
            "solid": "",
            "diagonal": '<path d="M0,8 L8,0" stroke="#ffffff" stroke-width="1.5"/>',
            "diagonal-back": '<path d="M0,0 L8,8" stroke="#ffffff" stroke-width="1.5"/>',
            "dots": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
            "cross": '<path d="M0,4 L8,4 M4,0 L4,8" stroke="#ffffff" stroke-width="1.2"/>',
            "horizontal": '<path d="M0,4 L8,4" stroke="#ffffff" stroke-width="1.5"/>',
            "vertical": '<path d="M4,0 L4,8" stroke="#ffffff" stroke-width="1.5"/>',
        }[kind]
        defs.append(
            f'<pattern id="{uid}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{shapes}</pattern>'
        )
    return "<defs>" + "".join(defs) + "</defs>"


def _fill(uid, index):
    return f"url(#{uid}-p{index})"


def _open_svg(uid, width, height, title, description):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d" '
        f'style="max-width:100%;height:auto">'
        f'<title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(description)}</desc>'
    )


def _legend_rows(names):
    """(names' wrapped lines, height of each legend row): three entries a row."""
    wrapped = [_wrap(name, LEGEND_CHARS) for name in names]
    heights = [
        20 + LINE_HEIGHT * (max(len(lines) for lines in wrapped[start : start + 3]) - 1)
        for start in range(0, len(wrapped), 3)
    ]
    return wrapped, heights


def _legend(uid, names, y, *, markers=False):
    """Legend row(s): swatch (or marker) and name, three a row; long names wrap."""
    wrapped, heights = _legend_rows(names)
    parts = []
    for i, lines in enumerate(wrapped):
        col, row = i % 3, i // 3
        x = 10 + col * 210
        yy = y + sum(heights[:row])
        if markers:
            parts.append(_marker(i, x + 8, yy - 4))
        else:
            parts.append(
                f'<rect x="{x}" y="{yy - 11}" width="16" height="12" fill="{_fill(uid, i)}" '
                f'stroke="{AXIS_COLOUR}" stroke-width="0.5"/>'
            )
        parts.extend(
            _text(x + 22, yy + k * LINE_HEIGHT, line, size=11) for k, line in enumerate(lines)
        )
    return "".join(parts)


def _legend_height(names):
    return sum(_legend_rows(names)[1]) + 6 if names else 0


def _auto_description(title, headers, rows, unit):
    pieces = []
    for row in rows[:12]:
        values = ", ".join(
            f"{h}: {format_number(v, unit)}" for h, v in zip(headers[1:], row[1:], strict=False)
        )
        pieces.append(f"{row[0]} ({values})")
    more = "…" if len(rows) > 12 else ""
    return f"{title}. " + "; ".join(pieces) + more


def bar_chart(title, items, *, description="", unit="", value_heading=None, unit_label=None):
    items = [(str(label), value) for label, value in items]
    headers = ("", value_heading or (unit or _("Value")))
    rows = tuple((label, value) for label, value in items)
    description = description or _auto_description(title, headers, rows, unit)
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
    description = description or _auto_description(title, headers, rows, unit)
    return _bars(title, description, headers, rows, names, unit, stacked=stacked)


def _bars(title, description, headers, rows, names, unit, *, stacked):
    uid = _uid("bars", title, headers, rows, stacked)
    series_count = max(len(headers) - 1, 1)
    show_legend = bool(names)
    per_row = BAR_HEIGHT if stacked else BAR_HEIGHT * series_count * 0.7 + 2
    row_height = per_row + BAR_GAP
    top = 8
    height = int(top + row_height * max(len(rows), 1) + 8)
    legend_y = height + 14
    if show_legend:
        height += _legend_height(names)
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    if stacked:
        maximum = max((sum(_num(v) for v in row[1:]) for row in rows), default=0)
    else:
        maximum = max((_num(v) for row in rows for v in row[1:]), default=0)
    scale = plot_width / maximum if maximum > 0 else 0

    parts = [_open_svg(uid, WIDTH, height, title, description), _pattern_defs(uid, series_count)]
    for r, row in enumerate(rows):
        y = top + r * row_height
        label = row[0]
        parts.append(f"<g><title>{escape(label)}</title>")
        lines = _wrap(label, LABEL_CHARS, max_lines=max(1, int(row_height // LINE_HEIGHT)))
        parts.append(_text_lines(LABEL_WIDTH - 8, y + per_row / 2, lines, anchor="end", size=11))
        parts.append("</g>")
        x = LABEL_WIDTH
        if stacked:
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{plot_width}" height="{BAR_HEIGHT}" '
                f'fill="{TRACK_COLOUR}"/>'
            )
            for i, value in enumerate(row[1:]):
                w = _num(value) * scale
                if w <= 0:
                    continue
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BAR_HEIGHT}" '
                    f'fill="{_fill(uid, i)}" stroke="#ffffff" stroke-width="1"/>'
                )
                x += w
            total = sum(_num(v) for v in row[1:])
            parts.append(_text(x + 6, y + BAR_HEIGHT / 2 + 4, format_number(total, unit)))
        else:
            sub = BAR_HEIGHT * 0.7
            for i, value in enumerate(row[1:]):
                yy = y + i * (sub + 1)
                w = _num(value) * scale
                parts.append(
                    f'<rect x="{x}" y="{yy:.1f}" width="{max(w, 0):.1f}" height="{sub:.1f}" '
                    f'fill="{_fill(uid, i)}"/>'
                )
                parts.append(
                    _text(x + w + 6, yy + sub / 2 + 4, format_number(value, unit), size=10)
                )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 2}" x2="{LABEL_WIDTH}" '
        f'y2="{top + row_height * max(len(rows), 1) - BAR_GAP + 2:.1f}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    if show_legend:
        parts.append(_legend(uid, names, legend_y))
    parts.append("</svg>")
    return Chart(title, description, headers, rows, mark_safe("".join(parts)))


def progress_bar(title, value, maximum=100, *, description="", unit="%", unit_label=None):
    uid = _uid("progress", title, value, maximum)
    value_n = _num(value)
    share = min(max(value_n / _num(maximum), 0), 1) if _num(maximum) else 0
    description = description or f"{title}: {format_number(value, unit)}"
    width, height, bar_w = 320, 28, 240
    parts = [
        _open_svg(uid, width, height, title, description),
        f'<rect x="0" y="6" width="{bar_w}" height="16" fill="{TRACK_COLOUR}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="0.5"/>',
        f'<rect x="0" y="6" width="{bar_w * share:.1f}" height="16" fill="{PALETTE[0]}"/>',
        _text(bar_w + 8, 19, format_number(value, unit), weight="bold"),
        "</svg>",
    ]
    headers = ("", unit or _("Value"))
    rows = ((title, value),)
    svg = mark_safe("".join(parts))
    return Chart(
        title, description, headers, rows, svg, str(unit if unit_label is None else unit_label)
    )


def _marker(index, x, y, colour=None):
    colour = colour or PALETTE[index % len(PALETTE)]
    kind = MARKERS[index % len(MARKERS)]
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "triangle":
        d = f"M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 4:.1f} L{x - 5:.1f},{y + 4:.1f} Z"
    else:
        d = f"M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} L{x:.1f},{y + 5:.1f} L{x - 5:.1f},{y:.1f} Z"
    return f'<path d="{d}" fill="{colour}"/>'


def line_chart(title, x_labels, series, *, targets=None, description="", unit="", unit_label=None):
    targets = targets or {}
    x_labels = [str(x) for x in x_labels]
    names = [str(name) for name, _values in series]
    headers = ("", *x_labels) + ((_("Target"),) if targets else ())
    rows = tuple(
        (str(name), *list(values)) + ((targets.get(name),) if targets else ())
        for name, values in series
    )
    description = description or _auto_description(title, headers, rows, unit)
    uid = _uid("line", title, headers, rows)
    left, right, top, plot_h = 60, 20, 14, 180
    legend_names = names
    height = top + plot_h + 30 + _legend_height(legend_names)
    if any(v is not None for v in targets.values()):
        height += 20
    all_values = [_num(v) for _n, values in series for v in values if v is not None]
    all_values += [_num(v) for v in targets.values() if v is not None]
    maximum = max(all_values, default=0) or 1
    plot_w = WIDTH - left - right
    step = plot_w / max(len(x_labels) - 1, 1)

    def px(i):
        return left + (i * step if len(x_labels) > 1 else plot_w / 2)

    def py(v):
        return top + plot_h - _num(v) / maximum * plot_h

    parts = [_open_svg(uid, WIDTH, height, title, description)]
    for tick in (0, 0.5, 1):
        y = top + plot_h - tick * plot_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{TRACK_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            _text(left - 6, y + 4, format_number(maximum * tick, unit), anchor="end", size=10)
        )
    for i, label in enumerate(x_labels):
        parts.append(_text(px(i), top + plot_h + 16, label, anchor="middle", size=10))
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
        parts.extend(_marker(s, x, y) for x, y in points)
        target = targets.get(name)
        if target is not None:
            y = py(target)
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="4,4"/>'
            )
            parts.append(
                _text(
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
    parts.append(_legend(uid, legend_names, top + plot_h + 40, markers=True))
    if any(v is not None for v in targets.values()):
        y = height - 8
        parts.append(
            f'<line x1="10" y1="{y - 4}" x2="26" y2="{y - 4}" stroke="{AXIS_COLOUR}" '
            f'stroke-width="1.5" stroke-dasharray="4,4"/>'
        )
        parts.append(_text(32, y, _("Target (dashed line)"), size=11))
    parts.append("</svg>")
    svg = mark_safe("".join(parts))
    return Chart(
        title, description, headers, rows, svg, str(unit if unit_label is None else unit_label)
    )
