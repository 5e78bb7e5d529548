"""A YAML syntax error in words a person can act on, in the reader's language, at the line
where the problem starts (strategy_files.importer reads the file; this names what broke)."""

import yaml
from django.utils.translation import gettext as _


def _yaml_problems():
    """PyYAML's (English) problem texts -> what a person can do about it."""
    return [
        (
            "tab character that violates indentation",
            _("a tab character: YAML is indented with spaces only"),
        ),
        (
            "found character '\\t' that cannot start any token",
            _("a tab character: YAML is indented with spaces only"),
        ),
        (
            "found unexpected end of stream",
            _("the file ends inside a quoted text: a quote (\" or ') is not closed"),
        ),
        (
            "found unknown escape character",
            _("a backslash in double quotes: write it twice or use single quotes"),
        ),
        (
            "mapping values are not allowed here",
            _("a colon followed by a space inside a value: put the value in quotes"),
        ),
        (
            "could not find expected ':'",
            _("a line is not “key: value”, or a quote (\" or ') is not closed"),
        ),
        (
            "did not find expected key",
            _("a line is indented differently from the lines around it, or a quote is not closed"),
        ),
        (
            "did not find expected '-' indicator",
            _("a list item is indented differently from the items before it"),
        ),
        ("did not find expected node content", _("a value is missing after a dash or a colon")),
        (
            "expected <block end>",
            _("a line is indented differently from the lines around it, or a quote is not closed"),
        ),
        ("found undefined alias", _("an alias (*name) with no anchor (&name) before it")),
        ("found duplicate anchor", _("the same anchor (&name) is defined twice")),
        (
            "found character '@' that cannot start any token",
            _("a value starts with @: put it in quotes"),
        ),
        (
            "found character '`' that cannot start any token",
            _("a value starts with `: put it in quotes"),
        ),
        ("while scanning an alias", _("an alias (*name) without a name")),
        (
            "expected alphabetic or numeric character",
            _("an anchor or alias name (&name, *name) with characters it cannot have"),
        ),
    ]


def _unclosed_quote(lines, first, last):
    """The first line in first..last (0-based) with an odd number of double or single
    quotes: where a quote that never closed most likely began."""
    for number in range(max(first, 0), min(last, len(lines) - 1) + 1):
        line = lines[number].replace('\\"', "").replace("''", "")
        if line.count('"') % 2 or (line.count("'") % 2 and ": '" in line):
            return number
    return None


def yaml_message(exc, text=""):
    """The YAML error in the reader's language, at the line where the problem starts.

    PyYAML reports where it noticed the problem: for a quote left open, lines later, where
    the text it swallowed ends. Then the line where that quote began is named instead."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    words = next((words for english, words in _yaml_problems() if english in problem), None)
    if isinstance(exc, yaml.constructor.ConstructorError) and problem and words is None:
        words = problem  # our own loader's problems are already in the reader's words
    if "while scanning a quoted scalar" in context:
        words, mark = _("a quoted text starting here is not closed"), start or mark
    elif (
        mark is not None
        and text
        and any(
            english in problem for english in ("expected <block end>", "did not find expected key")
        )
    ):
        lines = text.splitlines()
        opened = _unclosed_quote(lines, start.line if start else mark.line - 20, mark.line)
        if opened is not None and opened < mark.line:
            return _(
                "The file is not valid YAML: line %(line)d: a quote opened on this line is "
                "not closed (or closed on a later line than meant)."
            ) % {"line": opened + 1}
    if words is None:
        words = _("the structure is broken here (%(problem)s)") % {"problem": problem}
    if mark is not None:
        return _("The file is not valid YAML: line %(line)d, column %(column)d: %(problem)s") % {
            "line": mark.line + 1,
            "column": mark.column + 1,
            "problem": words,
        }
    return _("The file is not valid YAML: %(problem)s") % {"problem": words}
