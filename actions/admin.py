"""Admin for actions, follow-ups and indicators; scoped to the staff member's municipality."""

from django.contrib import admin

from accounts.admin_scope import ScopedAdmin, ScopedTabularInline

from .models import Action, ExternalFunding, FollowUp, Indicator, IndicatorValue, Milestone


class MilestoneInline(ScopedTabularInline):
    model = Milestone
    fields = ["order", "title", "due_on", "reached_on"]


@admin.register(Action)
class ActionAdmin(ScopedAdmin):
    list_display = ["code", "title", "strategy", "goal_area", "responsible", "status", "recurrence"]
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


class ExternalFundingInline(ScopedTabularInline):
    model = ExternalFunding
    fields = ["source", "source_detail", "amount", "currency"]


@admin.register(FollowUp)
class FollowUpAdmin(ScopedAdmin):
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


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ["code", "name", "strategy", "goal_area", "target", "target_year"]
    list_filter = [("strategy", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code"]
    list_select_related = ["strategy", "goal_area"]
    inlines = [IndicatorValueInline]
