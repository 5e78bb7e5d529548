"""Admin for municipalities and their plans; scoped to the staff member's municipality."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin_scope import PlainDuplicatesFormSet, ScopedAdmin, ScopedTabularInline
from actions.forms import SamePlanChoices, limit_to_plan
from actions.models import Action
from frameworks.admin import StrategyFrameworkInline

from .logo import MAX_UPLOAD_BYTES as MAX_LOGO_BYTES
from .logo import normalise_logo
from .models import (
    Amendment,
    Goal,
    GoalArea,
    Municipality,
    MunicipalityLogo,
    PlanGoal,
    PlanStatement,
    ResponsibleParty,
    Strategy,
    StrategyPoint,
)


class MunicipalityForm(forms.ModelForm):
    """The municipality, with its logo: uploaded here, kept as a PNG the portal made."""

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "PNG, JPEG or SVG, at most 1 MB. Shown on the annual report's cover and in its "
            "page header. An SVG is turned into a picture: scripts and links in it are dropped."
        ),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        # Read no more than one byte past the limit: the size error needs no more.
        return normalise_logo(upload.read(MAX_LOGO_BYTES + 1), size=upload.size)


@admin.register(Municipality)
class MunicipalityAdmin(ScopedAdmin):
    form = MunicipalityForm
    list_display = ["name", "number", "county", "country", "language", "currency", "is_published"]
    list_filter = ["country", "is_published"]
    search_fields = ["name", "slug", "number", "county"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        png = form.cleaned_data.get("logo")
        if png:
            MunicipalityLogo.objects.update_or_create(
                municipality=obj, defaults={"png": png, "updated_by": request.user}
            )
        elif form.cleaned_data.get("remove_logo"):
            MunicipalityLogo.objects.filter(municipality=obj).delete()

    def has_add_permission(self, request):
        return permissions.is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_admin(request.user)


class ActionInlineForm(SamePlanChoices, forms.ModelForm):
    def _get_validation_exclusions(self):
        # The strategy is not a field here but comes from the goal area: checking it keeps
        # the (strategy, code) rule a form error instead of a database error.
        exclude = super()._get_validation_exclusions()
        exclude.discard("strategy")
        return exclude


class SharedChoicesFormSet(PlainDuplicatesFormSet):
    """An inline whose rows offer rows of the parent's plan in select boxes: each list is
    read once for the whole table, not once per row, so the page's queries stay constant
    whatever the plan's size. `plan_choices(form)` narrows a form's fields to the plan."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        self.plan_choices(form)
        cache = self.__dict__.setdefault("_shared_choices", {})
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                field, forms.models.InlineForeignKeyField
            ):
                if name not in cache:
                    cache[name] = list(field.choices)
                field.widget.choices = cache[name]

    def plan_choices(self, form):
        pass


class GoalAreaInline(ScopedTabularInline):
    model = GoalArea
    fields = ["code", "order", "title"]
    show_change_link = True


class PlanStatementInline(ScopedTabularInline):
    model = PlanStatement
    fields = ["kind", "order", "title", "text"]


class AmendmentInline(ScopedTabularInline):
    model = Amendment
    fields = ["order", "kind", "decided_by", "decided_on", "reference", "affects", "text"]


class StrategyPointFormSet(SharedChoicesFormSet):
    def plan_choices(self, form):
        field = form.fields.get("parent")
        if field is not None and self.instance.pk:
            field.queryset = field.queryset.filter(strategy=self.instance)


class StrategyPointInline(ScopedTabularInline):
    model = StrategyPoint
    formset = StrategyPointFormSet
    fields = ["code", "order", "parent", "title", "text"]
    show_change_link = True


class PlanGoalFormSet(SharedChoicesFormSet):
    def plan_choices(self, form):
        field = form.fields.get("parent")
        if field is not None and self.instance.pk:
            field.queryset = field.queryset.filter(strategy=self.instance, parent__isnull=True)


class PlanGoalInline(ScopedTabularInline):
    """Goals for the whole plan: a main goal and its sub-goals (parent), code optional."""

    model = PlanGoal
    formset = PlanGoalFormSet
    fields = ["code", "order", "parent", "text"]


class PlanWideActionFormSet(SharedChoicesFormSet):
    def plan_choices(self, form):
        if self.instance.pk:
            limit_to_plan(form, self.instance)


class PlanWideActionInline(ScopedTabularInline):
    """Actions the document lists for the whole plan, under no goal area (Tranås,
    Trondheim); a row added here is one of them."""

    model = Action
    form = ActionInlineForm
    formset = PlanWideActionFormSet
    fields = ["code", "order", "title", "responsible", "recurrence", "status", "is_archived"]
    show_change_link = True
    verbose_name = _("plan-wide action")
    verbose_name_plural = _("plan-wide actions")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(goal_area__isnull=True)


@admin.register(Strategy)
class StrategyAdmin(ScopedAdmin):
    list_display = ["title", "municipality", "period_label", "status"]
    fixed_fields = ["municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "status"]
    search_fields = ["title", "slug"]
    list_select_related = ["municipality"]
    inlines = [
        GoalAreaInline,
        StrategyPointInline,
        PlanWideActionInline,
        PlanStatementInline,
        AmendmentInline,
        PlanGoalInline,
        # Last, so the plan's own inlines keep their places (frameworks app, issue 24).
        StrategyFrameworkInline,
    ]

    @admin.display(description=_("period"))
    def period_label(self, obj):
        return obj.period_label


class GoalInline(ScopedTabularInline):
    model = Goal
    fields = ["code", "order", "text"]


class GoalAreaActionFormSet(SharedChoicesFormSet):
    """Actions under a goal area: each belongs to the goal area's strategy before it is
    validated, and is offered that plan's responsible parties only."""

    def plan_choices(self, form):
        if self.instance.strategy_id:
            form.instance.strategy_id = self.instance.strategy_id
            limit_to_plan(form, self.instance.strategy)


class ActionInline(ScopedTabularInline):
    model = Action
    form = ActionInlineForm
    formset = GoalAreaActionFormSet
    fields = ["code", "order", "title", "responsible", "recurrence", "status", "is_archived"]
    show_change_link = True


@admin.register(GoalArea)
class GoalAreaAdmin(ScopedAdmin):
    list_display = ["code", "title", "strategy"]
    fixed_fields = ["strategy"]
    list_filter = [("strategy", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "code"]
    list_select_related = ["strategy"]
    inlines = [GoalInline, ActionInline]


class GoalAdminForm(forms.ModelForm):
    """A saved goal moves between the goal areas of its own strategy only: the plan's
    actions link to it, and would otherwise point into another plan."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("goal_area")
        if field is not None and self.instance.pk:
            field.queryset = field.queryset.filter(strategy=self.instance.goal_area.strategy_id)


@admin.register(Goal)
class GoalAdmin(ScopedAdmin):
    form = GoalAdminForm
    list_display = ["code", "text", "goal_area"]
    list_filter = [("goal_area__strategy", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "code"]
    list_select_related = ["goal_area__strategy"]


class StrategyPointAdminForm(forms.ModelForm):
    """A point's parent and goal areas are of its own strategy (StrategyPoint.clean
    checks the parent; the goal areas, chosen with it, are checked here)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("parent", "goal_areas"):
                if name in self.fields:
                    field = self.fields[name]
                    field.queryset = field.queryset.filter(strategy=self.instance.strategy_id)

    def clean(self):
        cleaned = super().clean()
        strategy, areas = cleaned.get("strategy"), cleaned.get("goal_areas")
        if strategy is not None and areas:
            elsewhere = areas.exclude(strategy=strategy)
            if elsewhere:
                self.add_error(
                    "goal_areas",
                    _("Goal areas from another strategy: %(names)s")
                    % {"names": ", ".join(str(area) for area in elsewhere)},
                )
        return cleaned


@admin.register(StrategyPoint)
class StrategyPointAdmin(ScopedAdmin):
    form = StrategyPointAdminForm
    list_display = ["code", "title", "strategy", "parent"]
    fixed_fields = ["strategy"]
    list_filter = [("strategy", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "text", "code"]
    list_select_related = ["strategy", "parent"]
    filter_horizontal = ["goal_areas"]


@admin.register(ResponsibleParty)
class ResponsiblePartyAdmin(ScopedAdmin):
    list_display = ["name", "key", "kind", "municipality"]
    fixed_fields = ["municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "kind"]
    search_fields = ["name", "key"]
    list_select_related = ["municipality"]
