"""Long texts (vision, introduction, descriptions, follow-ups, the coordinator's words) are
plain text: paragraphs separated by blank lines, line breaks kept, and simple lists.

The one reading of that plain text, shared by every page (the `plain_text` filter in
`goals.templatetags.portal`), the annual report's HTML/PDF and its Word version
(`annual_reports.word`), so a list is a list everywhere and no text is ever taken as HTML.

- A line starting with "-", "*", "•" or "–" and a space is an item of a bulleted list;
- a line starting with a number and "." or ")" and a space ("1. ", "2) ") is an item of a
  numbered list (numbered as written: a list may start at 3);
- an indented line right after an item continues that item;
- any other line belongs to a paragraph; single line breaks inside it are kept.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

BULLET = re.compile(r"^\s*[-*•–]\s+(?P<text>\S.*)$")
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")


@dataclass
class Block:
    """A paragraph ("p": `lines`) or a list ("ul"/"ol": `items`, each a list of lines)."""

    kind: str
    lines: list = field(default_factory=list)
    items: list = field(default_factory=list)
    start: int = 1


def blocks(text):
    """The paragraphs and lists of `text`, in order (see the module docstring)."""
    result = []
    current = None
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        bullet, numbered = BULLET.match(line), NUMBERED.match(line)
        if bullet or numbered:
            kind = "ul" if bullet else "ol"
            if current is None or current.kind != kind:
                current = Block(kind)
                if numbered:
                    current.start = int(numbered["number"])
                result.append(current)
            current.items.append([(bullet or numbered)["text"].strip()])
        elif current is not None and current.kind != "p" and raw[:1].isspace():
            current.items[-1].append(line.strip())
        else:
            if current is None or current.kind != "p":
                current = Block("p")
                result.append(current)
            current.lines.append(line.strip())
    return result


def _lines_html(lines):
    return "<br>".join(escape(line) for line in lines)


def to_html(text):
    """Safe HTML of plain `text`: every character of the text escaped, never markup."""
    parts = []
    for block in blocks(text):
        if block.kind == "p":
            parts.append(f"<p>{_lines_html(block.lines)}</p>")
            continue
        items = "".join(f"<li>{_lines_html(item)}</li>" for item in block.items)
        start = f' start="{block.start}"' if block.kind == "ol" and block.start != 1 else ""
        parts.append(f"<{block.kind}{start}>{items}</{block.kind}>")
    return mark_safe("\n".join(parts))  # noqa: S308 - built only from escaped text
