"""The goals for the whole plan, edited by the municipality's coordinators in a staff
screen (the admin's inline stays for administrators).

A plan goal has no version column: each row carries a short digest of what its editor
loaded (`row_state`), and a row someone else saved since is refused, not overwritten
(`services.save_plan_goals`), as the other staff forms refuse a stale version. One level
of sub-goals, as the strategy file has it: a main goal with sub-goals cannot become a
sub-goal, nor be removed while its sub-goals stay.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import PlanGoal, Strategy
from .services import row_state

# Bounds on what one post may hold (Django's default would build 2,000 forms).
MAX_PLAN_GOALS = 100
MAX_TEXT = 5000
ID_RANGE = range(-(2**63), 2**63)  # what a database id column can hold


def goal_label(goal):
    text = " ".join(goal.text.split())
    text = text if len(text) <= 70 else f"{text[:69]}…"
    return f"{goal.code} {text}".strip()


class PlanGoalForm(forms.ModelForm):
    loaded_state = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    # Chosen among the strategy's main goals, read once for every row (no query per row,
    # and an id no database column holds is simply not among the choices).
    parent = forms.TypedChoiceField(
        label=_("main goal"), required=False, coerce=int, empty_value=None
    )

    class Meta:
        model = PlanGoal
        fields = ["code", "text", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, main_goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.main_goals = main_goals
        self.fields["parent"].choices = [("", _("None: a main goal"))] + [
            (pk, goal_label(goal)) for pk, goal in main_goals.items() if pk != self.instance.pk
        ]
        self.fields["text"].validators.append(MaxLengthValidator(MAX_TEXT))
        self.fields["text"].widget.attrs["maxlength"] = MAX_TEXT
        if self.instance.pk:
            self.fields["loaded_state"].required = True
            self.initial.setdefault("loaded_state", row_state(self.instance))
            self.initial.setdefault("parent", self.instance.parent_id)

    def full_clean(self):
        # An id posted too large for the database: SQLite would raise OverflowError when
        # the formset looks it up (a server error); it is "not a valid choice" instead.
        key = self.add_prefix("id")
        if self.is_bound and key in self.data:
            try:
                out_of_range = int(str(self.data[key]).strip()) not in ID_RANGE
            except ValueError:
                out_of_range = False
            if out_of_range:
                data = self.data.copy()
                data[key] = "invalid"
                self.data = data
        super().full_clean()

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        self.instance.parent = self.main_goals.get(parent) if parent else None
        return cleaned

    def has_changed(self):
        """An edited field; a row the user left as it stands is never refused."""
        return any(name != "loaded_state" for name in self.changed_data)

    def show_state(self, state):
        """After a refused save: keep the user's input, but let the next save win."""
        data = self.data.copy()
        data[self.add_prefix("loaded_state")] = state
        self.data = data


class PlanGoalRows(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.has_changed() or f.instance.pk]
        kept = [f for f in kept if not (self.can_delete and self._should_delete_form(f))]
        with_subs = {f.cleaned_data.get("parent") for f in kept} - {None}
        for form in kept:
            if form.instance.pk in with_subs and form.cleaned_data.get("parent"):
                raise ValidationError(
                    _("“%(goal)s” has sub-goals: it cannot itself be a sub-goal.")
                    % {"goal": goal_label(form.instance)}
                )
        for form in self.deleted_forms:
            if form.instance.pk in with_subs:
                raise ValidationError(
                    _(
                        "“%(goal)s” has sub-goals: remove them or move them to another main "
                        "goal first."
                    )
                    % {"goal": goal_label(form.instance)}
                )


PlanGoalFormSet = inlineformset_factory(
    Strategy,
    PlanGoal,
    form=PlanGoalForm,
    formset=PlanGoalRows,
    extra=1,
    can_delete=True,
    max_num=MAX_PLAN_GOALS,
    absolute_max=MAX_PLAN_GOALS,
    validate_max=True,
)


def plan_goal_formset(strategy, data=None):
    """The strategy's plan goals, each main goal followed by its sub-goals (2 queries)."""
    mains = {
        goal.pk: goal
        for goal in PlanGoal.objects.filter(strategy=strategy, parent__isnull=True).order_by(
            "order", "pk"
        )
    }
    rows = PlanGoal.objects.order_by(
        Coalesce("parent__order", "order"),
        Coalesce("parent_id", "id"),
        F("parent_id").asc(nulls_first=True),
        "order",
        "pk",
    )
    return PlanGoalFormSet(
        data, instance=strategy, prefix="goals", queryset=rows, form_kwargs={"main_goals": mains}
    )
