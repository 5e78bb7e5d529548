"""Admin for actions, follow-ups and indicators; scoped to the staff member's municipality."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_scope import ScopedAdmin, ScopedTabularInline
from goals.models import DatePrecision

from . import services
from .forms import PLANNED_DATES, ChoiceIdsInRange, SamePlanChoices, limit_to_plan
from .models import Action, ExternalFunding, FollowUp, Indicator, IndicatorValue, Milestone


def _picked_dates_are_days(form, names):
    """A date changed here without its precision is a day, as in the staff forms: the
    plan's "2028" (a year) must not stay on a date an administrator picked."""
    for name in names:
        precision = f"{name}_precision"
        if name in form.changed_data and precision not in form.changed_data:
            setattr(form.instance, precision, DatePrecision.DAY)


class MilestoneAdminForm(forms.ModelForm):
    def _post_clean(self):
        super()._post_clean()
        _picked_dates_are_days(self, ["due_on"])


class MilestoneInline(ScopedTabularInline):
    form = MilestoneAdminForm
    model = Milestone
    fields = ["order", "title", "due_on", "due_on_precision", "reached_on"]


class ActionAdminForm(SamePlanChoices, ChoiceIdsInRange, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An existing action's links come from its own plan only.
            limit_to_plan(self, self.instance.strategy)

    def _post_clean(self):
        super()._post_clean()
        _picked_dates_are_days(self, PLANNED_DATES)


@admin.register(Action)
class ActionAdmin(ScopedAdmin):
    form = ActionAdminForm
    list_display = ["code", "title", "strategy", "goal_area", "responsible", "status", "recurrence"]
    fixed_fields = ["strategy"]
    list_filter = [
        ("strategy", admin.RelatedOnlyFieldListFilter),
        ("goal_area", admin.RelatedOnlyFieldListFilter),
        "status",
        "recurrence",
        ("responsible", admin.RelatedOnlyFieldListFilter),
        "is_archived",
    ]
    search_fields = ["title", "description", "code"]
    list_select_related = ["strategy", "goal_area", "responsible"]
    filter_horizontal = ["goals", "strategy_points", "partners", "twin_towns"]
    readonly_fields = ["version"]
    inlines = [MilestoneInline]

    def save_model(self, request, obj, form, change):
        """The admin bypasses `services.save_action`: a new status or responsible department
        is announced here the same way, once the admin's transaction commits."""
        before = (
            Action.objects.filter(pk=obj.pk).values("responsible_id", "status").first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        services.announce_action_change(obj, before, request.user)

    def save_formset(self, request, form, formset, change):
        """A milestone changed here gets a new version, so a staff screen's edit begun
        before it is refused as stale instead of overwriting it."""
        if formset.model is Milestone:
            for row in formset.initial_forms:
                if row.instance.pk and row.has_changed():
                    row.instance.version += 1
        super().save_formset(request, form, formset, change)


class ExternalFundingInline(ScopedTabularInline):
    model = ExternalFunding
    fields = ["source", "source_detail", "amount", "currency"]


class FollowUpAdminForm(ChoiceIdsInRange, forms.ModelForm):
    """A follow-up ticks milestones of its own action only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("milestones_reached")
        if field is not None and self.instance.action_id:
            field.queryset = field.queryset.filter(action=self.instance.action_id)

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action") or (self.instance.action_id and self.instance.action)
        milestones = cleaned.get("milestones_reached")
        if action and milestones:
            elsewhere = milestones.exclude(action=action)
            if elsewhere:
                self.add_error(
                    "milestones_reached",
                    _("Milestones of another action: %(names)s")
                    % {"names": ", ".join(str(m) for m in elsewhere)},
                )
        return cleaned


@admin.register(FollowUp)
class FollowUpAdmin(ScopedAdmin):
    form = FollowUpAdminForm
    list_display = ["action", "year", "status", "progress", "state", "is_demo"]
    list_filter = [
        ("action__strategy", admin.RelatedOnlyFieldListFilter),
        "year",
        "state",
        "status",
        "is_demo",
    ]
    search_fields = ["action__title", "action__code", "what_was_done"]
    list_select_related = ["action__strategy"]
    raw_id_fields = ["action"]
    # The workflow (submit, return, approve) is the portal's: the admin shows the state.
    readonly_fields = [
        "state",
        "version",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    ]
    filter_horizontal = ["milestones_reached"]
    inlines = [ExternalFundingInline]

    def get_readonly_fields(self, request, obj=None):
        # A follow-up is its year's report: the year is chosen once, when it is written
        # (FollowUp.clean checks it), never moved afterwards.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "year"] if obj is not None else fields


class IndicatorValueInline(ScopedTabularInline):
    model = IndicatorValue
    fields = ["year", "value"]


class IndicatorAdminForm(ChoiceIdsInRange, forms.ModelForm):
    """An indicator's goal area and action are of its strategy (Indicator.clean)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("goal_area", "action"):
                if name in self.fields:
                    field = self.fields[name]
                    field.queryset = field.queryset.filter(strategy=self.instance.strategy_id)


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    form = IndicatorAdminForm
    list_display = ["code", "name", "strategy", "goal_area", "target", "target_year"]
    fixed_fields = ["strategy"]
    list_filter = [("strategy", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code"]
    list_select_related = ["strategy", "goal_area"]
    inlines = [IndicatorValueInline]
