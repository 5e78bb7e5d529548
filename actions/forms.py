from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from goals import versioning
from goals.models import DatePrecision

from .models import Action, ExternalFunding, FollowUp

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PLANNED_DATES = ("planned_start", "planned_end")
ID_RANGE = range(-(2**63), 2**63)  # what a database id column can hold


def _out_of_range(value):
    try:
        return int(str(value).strip()) not in ID_RANGE
    except ValueError:
        return False  # not a number: the field itself says "select a valid choice"


class ChoiceIdsInRange:
    """A choice posted as an id too large for the database is an invalid choice.

    SQLite raises OverflowError for such an id in a query (a server error) where
    PostgreSQL simply finds nothing; replacing it before validation gives the field's
    usual "select a valid choice" on every database.
    """

    def full_clean(self):
        if self.is_bound:
            fixed = {}
            for name, field in self.fields.items():
                if not isinstance(field, forms.ModelChoiceField) or field.disabled:
                    continue
                key = self.add_prefix(name)
                values = self.data.getlist(key) if hasattr(self.data, "getlist") else []
                if any(_out_of_range(v) for v in values):
                    fixed[key] = ["invalid" if _out_of_range(v) else v for v in values]
            if fixed:
                data = self.data.copy()
                for key, values in fixed.items():
                    data.setlist(key, values)
                self.data = data
        super().full_clean()


class VersionedForm(ChoiceIdsInRange, versioning.VersionedForm):
    pass


def limit_to_plan(form, strategy):
    """Offer in an action form only the goals, points, partners… of `strategy`'s plan
    (Action.PLAN_LINKS), for the portal's form and the admin's alike."""
    for name in Action.PLAN_LINKS:
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):  # not an inline's parent link
            field.queryset = field.queryset.filter(**Action.same_plan(name, strategy))


class SamePlanChoices:
    """A form for an action refuses goals, points, partners… of another strategy or
    municipality, naming the field (the admin's add form cannot know the strategy
    before it is chosen, so its lists offer every plan the user may edit)."""

    def _post_clean(self):
        super()._post_clean()
        # The goal area and responsible party are on the row: Action.clean checks them.
        chosen = {
            name: self.cleaned_data.get(name)
            for name in Action.PLAN_LINKS
            if name in self.fields
            and name not in self.errors
            and Action._meta.get_field(name).many_to_many
        }
        for name, message in self.instance.links_elsewhere(chosen).items():
            self.add_error(name, message)


class ActionForm(VersionedForm):
    also_compared = ("is_archived",)

    class Meta:
        model = Action
        fields = [
            "code",
            "title",
            "description",
            "goal_area",
            "goals",
            "strategy_points",
            "responsible",
            "responsible_note",
            "partners",
            "twin_towns",
            "recurrence",
            "planned_start",
            "planned_end",
            "cost_amount",
            "cost_currency",
            "funding_note",
            "estimated_hours",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.CheckboxSelectMultiple,
            "strategy_points": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "twin_towns": forms.CheckboxSelectMultiple,
            "planned_start": DATE,
            "planned_end": DATE,
        }

    def __init__(self, *args, strategy, can_assign=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy
        municipality = strategy.municipality
        fields = self.fields
        limit_to_plan(self, strategy)
        fields["goal_area"].label = municipality.label_goal_area
        fields["goals"].label = municipality.label_goal
        fields["strategy_points"].label = municipality.label_strategy_point
        if not can_assign:
            # Editors may not move an action away from (or into) their department.
            fields["responsible"].disabled = True
            fields["responsible"].help_text = _("Only a coordinator can change this.")
        for name in PLANNED_DATES:
            precision = getattr(self.instance, f"{name}_precision")
            if getattr(self.instance, name) and precision != DatePrecision.DAY:
                fields[name].help_text = _(
                    "The plan says %(date)s; a date picked here is a day."
                ) % {"date": getattr(self.instance, f"{name}_as_written")}

    def _post_clean(self):
        super()._post_clean()
        for name in PLANNED_DATES:
            if name in self.changed_data:
                # A date picked here is a day; the plan's "våren 2027" was a month.
                setattr(self.instance, f"{name}_precision", DatePrecision.DAY)

    def clean_code(self):
        code = self.cleaned_data["code"]
        taken = Action.objects.filter(strategy=self.instance.strategy, code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Another action in this strategy has this code."))
        return code


class StatusForm(forms.Form):
    """Inline status change on the plan list."""

    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)


class FollowUpForm(VersionedForm):
    also_compared = ("state", "review_comment")

    class Meta:
        model = FollowUp
        fields = [
            "year",
            "status",
            "progress",
            "what_was_done",
            "hours",
            "money_spent",
            "currency",
            "other_resources",
            "contribution_to_goals",
            "milestones_reached",
        ]
        widgets = {
            "what_was_done": forms.Textarea(attrs={"rows": 4}),
            "other_resources": forms.Textarea(attrs={"rows": 2}),
            "contribution_to_goals": forms.Textarea(attrs={"rows": 3}),
            "milestones_reached": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, action, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.instance.action = action
        self.indicators = indicators
        if not self.instance.pk:
            if not self.instance.currency:
                # The instance's empty value would win over a field initial.
                self.initial["currency"] = action.strategy.municipality.currency
        else:
            self.fields["year"].disabled = True
        self._bound_year_to_period(action.strategy)
        self.fields["progress"].max_value = 100
        self.fields["progress"].widget.attrs.update(min=0, max=100)
        self.fields["milestones_reached"].queryset = action.milestones.all()
        for indicator in indicators:
            label = indicator.name + (f" ({indicator.unit})" if indicator.unit else "")
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=getattr(indicator, "year_value", None),
                help_text=_("Value for the year"),
            )

    def _bound_year_to_period(self, strategy):
        """Say the strategy period beside the year, and keep the input within it."""
        year = self.fields["year"]
        if strategy.period_start is None:  # the document states no period
            year.widget.attrs.pop("min", None)
        else:
            year.widget.attrs["min"] = strategy.period_start
        if strategy.period_start is None and strategy.period_end is None:
            year.widget.attrs.pop("max", None)
        elif strategy.period_end is None:  # open-ended: it runs until it is revised
            year.widget.attrs.pop("max", None)
            year.help_text = _("The strategy period runs from %(start)s.") % {
                "start": strategy.period_start
            }
        else:
            year.widget.attrs["max"] = strategy.period_end
            year.help_text = _("The strategy period is %(start)s–%(end)s.") % {
                "start": strategy.period_start or "",
                "end": strategy.period_end,
            }

    def indicator_values(self):
        return {i.pk: self.cleaned_data.get(f"indicator_{i.pk}") for i in self.indicators}


class FundingForm(ChoiceIdsInRange, forms.ModelForm):
    class Meta:
        model = ExternalFunding
        fields = ["source", "source_detail", "amount", "currency"]

    def __init__(self, *args, default_currency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.instance.currency and default_currency:
            self.initial["currency"] = default_currency


# A follow-up names a handful of funding sources. The bound is also what the server
# builds for a post claiming 100,000 rows (Django's default would be 2,000 forms,
# seconds of work for one request).
MAX_FUNDING_ROWS = 20
FundingFormSet = inlineformset_factory(
    FollowUp,
    ExternalFunding,
    form=FundingForm,
    extra=1,
    can_delete=True,
    max_num=MAX_FUNDING_ROWS,
    absolute_max=MAX_FUNDING_ROWS,
    validate_max=True,
)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the department"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the follow-up."),
    )
    # The version the reviewer read: approving content changed since then is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
