"""Milestones of an action and indicators of a strategy, edited in the staff screens.

A milestone a follow-up reports as reached, or an indicator with recorded values, is part
of what was reported: it cannot be removed here (the admin's superusers still can)."""

from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from goals.models import DatePrecision, Strategy

from .forms import DATE, VersionedForm
from .models import Action, Indicator, Milestone

# Bounds on what one post may hold (Django's default would build 2,000 forms).
MAX_MILESTONES = 50
MAX_INDICATORS = 100


class VersionedRow(VersionedForm):
    """A row that carries the version its editor loaded (`services.save_rows_if_unchanged`).

    Changed means an edited field, not an older loaded version: a row the user left as it
    now stands is not saved, so it is never refused because someone else saved it."""

    def has_changed(self):
        return any(name != "loaded_version" for name in self.changed_data)


class MilestoneForm(VersionedRow):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "order"]
        widgets = {"due_on": DATE}

    def _post_clean(self):
        super()._post_clean()
        if "due_on" in self.changed_data:
            # A date picked here is a day; the plan's "by May 2027" was a month.
            self.instance.due_on_precision = DatePrecision.DAY


class MilestoneRows(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.follow_ups.exists():
                raise ValidationError(
                    _("“%(title)s” is reported reached in a follow-up: it cannot be removed.")
                    % {"title": form.instance.title}
                )


MilestoneFormSet = inlineformset_factory(
    Action,
    Milestone,
    form=MilestoneForm,
    formset=MilestoneRows,
    extra=1,
    can_delete=True,
    max_num=MAX_MILESTONES,
    absolute_max=MAX_MILESTONES,
    validate_max=True,
)


class IndicatorForm(VersionedRow):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "baseline",
            "target",
            "target_year",
            "goal_area",
            "action",
        ]

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        # The strategy's own goal areas and actions, read once for every row.
        for name in ["goal_area", "action"]:
            field = self.fields[name]
            field.queryset = choices[name]["queryset"]
            field.choices = choices[name]["choices"]


class IndicatorRows(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.values.exists():
                raise ValidationError(
                    _("“%(name)s” has recorded values: it cannot be removed.")
                    % {"name": form.instance.name}
                )


IndicatorFormSet = inlineformset_factory(
    Strategy,
    Indicator,
    form=IndicatorForm,
    formset=IndicatorRows,
    extra=1,
    can_delete=True,
    max_num=MAX_INDICATORS,
    absolute_max=MAX_INDICATORS,
    validate_max=True,
)


def indicator_choices(strategy):
    """Goal areas and actions an indicator of `strategy` may point to (two queries)."""
    areas = strategy.goal_areas.order_by("order", "code")
    actions = Action.objects.filter(strategy=strategy).order_by("goal_area__order", "order", "code")
    empty = [("", "---------")]
    return {
        "goal_area": {
            "queryset": areas,
            "choices": empty + [(a.pk, f"{a.code} {a.title}") for a in areas],
        },
        "action": {
            "queryset": actions,
            "choices": empty + [(a.pk, str(a)) for a in actions],
        },
    }
