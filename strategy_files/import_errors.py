"""The one error an import answers a bad strategy file with, listing every problem.

Below every step of the import (reading, checks, writing, framework links), which all raise
it; the importer offers it to its callers as `importer.StrategyFileError`.
"""

from django.utils.translation import ngettext


class StrategyFileError(Exception):
    """A strategy file that cannot be imported; `errors` lists every problem."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(self.errors)

    def __str__(self):
        count = len(self.errors)
        heading = ngettext(
            "The strategy file cannot be imported (%(count)d problem):",
            "The strategy file cannot be imported (%(count)d problems):",
            count,
        ) % {"count": count}
        return "\n".join([heading] + [f"- {error}" for error in self.errors])
