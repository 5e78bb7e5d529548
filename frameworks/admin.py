"""Frameworks in the admin, and the links from goals and actions to their items."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from accounts.admin_scope import BoundedInlineMixin, ScopedAdmin, ScopedTabularInline

from .models import (
    ActionLink,
    Framework,
    FrameworkItem,
    GoalAreaLink,
    GoalLink,
    StrategyFramework,
    StrategyPointLink,
)
from .services import LINKS, stray_links


class FrameworkItemInline(BoundedInlineMixin, admin.TabularInline):
    model = FrameworkItem
    fields = ["code", "order", "parent", "name_nb", "name_nn", "name_sv", "name_en", "colour"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("framework", "parent")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A target's goal is one of this framework's goals: read once for the page, not
        once a row (the SDGs have 186 items)."""
        if db_field.name != "parent":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # The framework being edited is the page's object (none on the add page).
        page = getattr(request, "resolver_match", None)
        framework = (getattr(page, "kwargs", None) or {}).get("object_id")
        goals = FrameworkItem.objects.filter(parent__isnull=True).select_related("framework")
        kwargs["queryset"] = goals.filter(framework_id=framework) if framework else goals.none()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.choices = list(field.choices)
        return field


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    """Shared frameworks (the SDGs) are the administrators'; a municipality's own ones
    (its master plan) are its coordinators'."""

    list_display = ["code", "name", "municipality"]
    inlines = [FrameworkItemInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if permissions.is_admin(request.user):
            return queryset
        m = permissions.membership_of(request.user)
        own = m.municipality_id if m is not None else None
        return queryset.filter(Q(municipality__isnull=True) | Q(municipality=own))

    def _may_change(self, request, obj):
        if permissions.is_admin(request.user):
            return True
        return (
            obj is not None
            and obj.municipality is not None
            and permissions.can_edit_plan(request.user, obj.municipality)
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


def strategy_of(row):
    """The strategy of a goal area, goal, strategy point or action."""
    if row is None:
        return None
    if row._meta.label == "goals.Goal":
        return row.goal_area.strategy
    return row.strategy


class LinkForm(forms.ModelForm):
    """A link's item must be of a framework its strategy names, if it names any."""

    def clean(self):
        cleaned = super().clean()
        field = LINKS_BY_MODEL[self._meta.model]
        row, item = cleaned.get(field), cleaned.get("item")
        strategy = strategy_of(row)
        if strategy is not None and item is not None:
            named = set(strategy.framework_choices.values_list("framework_id", flat=True))
            if named and item.framework_id not in named:
                self.add_error(
                    "item",
                    _("The strategy names other frameworks: %(names)s.")
                    % {"names": ", ".join(str(f) for f in strategy.frameworks.all())},
                )
        return cleaned


LINKS_BY_MODEL = {model: field for model, field in LINKS.values()}


class StrategyFrameworkFormSet(ScopedTabularInline.formset):
    """Naming frameworks must not leave links to another framework's items."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms) or self.instance.pk is None:
            return
        named = [
            form.cleaned_data["framework"]
            for form in self.forms
            if form.cleaned_data.get("framework") and not form.cleaned_data.get("DELETE")
        ]
        stray = stray_links(self.instance, named)
        if stray:
            raise forms.ValidationError(
                _(
                    "These links are to a framework the strategy would not name: %(links)s. "
                    "Remove them first, or name their framework too."
                )
                % {"links": "; ".join(stray)}
            )


class StrategyFrameworkInline(ScopedTabularInline):
    """The frameworks a strategy names, on the strategy's admin page: only their items
    are offered for the plan's links (none named: every shared framework's)."""

    model = StrategyFramework
    formset = StrategyFrameworkFormSet
    fields = ["framework"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "framework" and not permissions.is_admin(request.user):
            m = permissions.membership_of(request.user)
            own = m.municipality_id if m is not None else None
            kwargs["queryset"] = Framework.objects.filter(
                Q(municipality__isnull=True) | Q(municipality=own)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class _LinkAdmin(ScopedAdmin):
    """A link from the plan to a framework item, scoped to the staff member's municipality
    (the models' municipality_path). Its own admin page, not an inline on the goal
    and action pages: those forms stay as the plan's apps define them."""

    form = LinkForm
    list_display = ["item", "__str__", "note"]
    list_select_related = ["item__framework"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "item":
            queryset = FrameworkItem.objects.select_related("framework")
            if not permissions.is_admin(request.user):
                m = permissions.membership_of(request.user)
                own = m.municipality_id if m is not None else None
                queryset = queryset.filter(
                    Q(framework__municipality__isnull=True) | Q(framework__municipality=own)
                )
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(GoalLink)
class GoalLinkAdmin(_LinkAdmin):
    fields = ["goal", "item", "note"]
    list_display = ["item", "goal", "note"]
    search_fields = ["goal__text", "note"]


@admin.register(ActionLink)
class ActionLinkAdmin(_LinkAdmin):
    fields = ["action", "item", "note"]
    list_display = ["item", "action", "note"]
    search_fields = ["action__title", "action__code", "note"]


@admin.register(GoalAreaLink)
class GoalAreaLinkAdmin(_LinkAdmin):
    fields = ["goal_area", "item", "note"]
    list_display = ["item", "goal_area", "note"]
    search_fields = ["goal_area__title", "goal_area__code", "note"]


@admin.register(StrategyPointLink)
class StrategyPointLinkAdmin(_LinkAdmin):
    fields = ["strategy_point", "item", "note"]
    list_display = ["item", "strategy_point", "note"]
    search_fields = ["strategy_point__title", "strategy_point__code", "note"]
