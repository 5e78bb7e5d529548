"""The SVG drawing the charts (`dashboards.charts`) share: colours, fill patterns and
markers, text that wraps, legends, the <svg> element with its title and description.
Every string is escaped here; values are numbers."""

import hashlib
from decimal import Decimal
from html import escape

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


def num(value):
    return float(value) if isinstance(value, (int, float, Decimal)) and value is not None else 0.0


def uid(*parts):
    # Deterministic ids (same chart, same markup) that differ between charts on one page.
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()[:8]
    return f"c{digest}"


# Characters that surely fit on one 11 px line of a bar label (LABEL_WIDTH) or a legend
# entry (188 px) in DejaVu Sans, whose glyphs average about 0.55 em in these languages.
LABEL_CHARS = 32
LEGEND_CHARS = 30
LINE_HEIGHT = 13


def clip(label, length=30):
    label = str(label)
    return label if len(label) <= length else label[: length - 1] + "…"


def wrap(label, length, max_lines=2):
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
        lines = lines[: max_lines - 1] + [clip(" ".join(lines[max_lines - 1 :]), length)]
    return [clip(line, length) for line in lines]


def text_lines(x, y_centre, lines, *, anchor="start", size=12):
    """Lines of text centred vertically on `y_centre` (one <text> per line)."""
    first = y_centre + size / 3 - (len(lines) - 1) * LINE_HEIGHT / 2
    return "".join(
        text(x, first + i * LINE_HEIGHT, line, anchor=anchor, size=size)
        for i, line in enumerate(lines)
    )


def text(x, y, content, *, anchor="start", size=12, weight="normal", colour=TEXT_COLOUR):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" fill="{colour}" text-anchor="{anchor}">'
        f"{escape(str(content))}</text>"
    )


def pattern_defs(uid, count):
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


def fill(uid, index):
    return f"url(#{uid}-p{index})"


def open_svg(uid, width, height, title, description):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d" '
        f'style="max-width:100%;height:auto">'
        f'<title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(description)}</desc>'
    )


def legend_rows(names):
    """(names' wrapped lines, height of each legend row): three entries a row."""
    wrapped = [wrap(name, LEGEND_CHARS) for name in names]
    heights = [
        20 + LINE_HEIGHT * (max(len(lines) for lines in wrapped[start : start + 3]) - 1)
        for start in range(0, len(wrapped), 3)
    ]
    return wrapped, heights


def legend(uid, names, y, *, markers=False):
    """Legend row(s): swatch (or marker) and name, three a row; long names wrap."""
    wrapped, heights = legend_rows(names)
    parts = []
    for i, lines in enumerate(wrapped):
        col, row = i % 3, i // 3
        x = 10 + col * 210
        yy = y + sum(heights[:row])
        if markers:
            parts.append(marker(i, x + 8, yy - 4))
        else:
            parts.append(
                f'<rect x="{x}" y="{yy - 11}" width="16" height="12" fill="{fill(uid, i)}" '
                f'stroke="{AXIS_COLOUR}" stroke-width="0.5"/>'
            )
        parts.extend(
            text(x + 22, yy + k * LINE_HEIGHT, line, size=11) for k, line in enumerate(lines)
        )
    return "".join(parts)


def legend_height(names):
    return sum(legend_rows(names)[1]) + 6 if names else 0


def auto_description(title, headers, rows, unit):
    pieces = []
    for row in rows[:12]:
        values = ", ".join(
            f"{h}: {format_number(v, unit)}" for h, v in zip(headers[1:], row[1:], strict=False)
        )
        pieces.append(f"{row[0]} ({values})")
    more = "…" if len(rows) > 12 else ""
    return f"{title}. " + "; ".join(pieces) + more


def marker(index, x, y, colour=None):
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
