"""What an import changed (or, in a dry run, would change): rows added, changed, archived,
removed and unchanged per kind, in the municipality's own words for its levels."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

OUTCOMES = ("added", "changed", "archived", "removed", "unchanged")


def _kind_labels(municipality):
    """Model label -> the plural a reader of this municipality knows it by."""
    from actions.models import Action
    from goals.models import GoalArea

    labels = {}
    if municipality is not None:
        if municipality.label_goal_area_plural:
            labels[GoalArea._meta.label] = municipality.label_goal_area_plural
        if municipality.label_action_plural:
            labels[Action._meta.label] = municipality.label_action_plural
    return labels


def _outcome_words(outcome, number):
    return {
        "added": ngettext("%(n)d added", "%(n)d added", number),
        "changed": ngettext("%(n)d changed", "%(n)d changed", number),
        "archived": ngettext("%(n)d archived", "%(n)d archived", number),
        "removed": ngettext("%(n)d removed", "%(n)d removed", number),
        "unchanged": ngettext("%(n)d unchanged", "%(n)d unchanged", number),
    }[outcome] % {"n": number}


class ChangeSummary:
    def __init__(self):
        self._counts = {}  # model -> {outcome: number}, in the order first met
        self.municipality = None

    def count(self, model, outcome, number=1):
        counts = self._counts.setdefault(model, dict.fromkeys(OUTCOMES, 0))
        counts[outcome] += number

    def get(self, model, outcome):
        return self._counts.get(model, {}).get(outcome, 0)

    @property
    def changes(self):
        """How many rows were added, changed, archived or removed."""
        return sum(
            number
            for counts in self._counts.values()
            for outcome, number in counts.items()
            if outcome != "unchanged"
        )

    def as_dict(self):
        """{model label: {outcome: number}}: for a job's stored result and for tests."""
        return {model._meta.label: dict(counts) for model, counts in self._counts.items()}

    @classmethod
    def from_dict(cls, data, municipality=None):
        from django.apps import apps

        summary = cls()
        summary.municipality = municipality
        for label, counts in (data or {}).items():
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            for outcome, number in counts.items():
                if outcome in OUTCOMES:
                    summary.count(model, outcome, number)
        return summary

    def lines(self):
        """One line per kind with a change, e.g. "Tiltak: 2 added, 1 archived, 40
        unchanged"; kinds where nothing changed are folded into the last line."""
        labels = _kind_labels(self.municipality)
        result, untouched = [], 0
        for model, counts in self._counts.items():
            if not any(counts[o] for o in OUTCOMES if o != "unchanged"):
                untouched += counts["unchanged"]
                continue
            kind = labels.get(model._meta.label) or str(model._meta.verbose_name_plural)
            parts = [_outcome_words(o, counts[o]) for o in OUTCOMES if counts[o]]
            result.append(f"{kind[:1].upper()}{kind[1:]}: {', '.join(parts)}")
        if not result:
            result.append(_("Nothing changed: the database already holds what the file says."))
        elif untouched:
            result.append(
                ngettext("%(n)d other row unchanged", "%(n)d other rows unchanged", untouched)
                % {"n": untouched}
            )
        return result

    def __str__(self):
        return "\n".join(self.lines())
