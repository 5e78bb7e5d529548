"""The goals for the whole plan in a staff screen: coordinators (and administrators) of
the municipality edit them outside the admin; editors and politicians get a 403, other
municipalities a 404. Every change is in the goals' history, shown below the form, and a
goal someone else saved since it was loaded is refused, not overwritten."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_plan, require_member
from core.tenancy import municipality_page

from . import services
from .history import RowHistory, row_history_entries
from .models import PlanGoal, Strategy
from .plan_goal_forms import goal_label, plan_goal_formset
from .versioning import STALE_EDIT_MESSAGE


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
def plan_goals_edit(request, slug):
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    municipality = strategy.municipality
    require_member(request.user, municipality)
    if not can_edit_plan(request.user, municipality):
        raise PermissionDenied
    formset = plan_goal_formset(strategy, request.POST if request.method == "POST" else None)
    conflict = _save(request, formset)
    if conflict is None:
        return redirect(strategy.get_absolute_url() + "#plan-goals")
    return render(
        request,
        "goals/plan_goals_form.html",
        {
            "strategy": strategy,
            "municipality": municipality,
            "formset": formset,
            "conflict": conflict,
            "history": _history(strategy),
        },
        status=400 if request.method == "POST" else 200,
    )


def _save(request, formset):
    """None once saved; else what to show beside the form: [] (not posted, or an error
    next to its field) or, when someone else saved a goal since, what they changed."""
    if request.method != "POST" or not formset.is_valid():
        return []
    try:
        services.save_plan_goals(formset)
    except services.StalePlanGoal as stale:
        return _refuse(formset, stale)
    messages.success(request, _("The goals for the whole plan are saved."))
    return None


def _refuse(formset, stale):
    """Keep the user's input, say what the other person saved, let the next save win."""
    form, current = stale.form, stale.current
    formset._non_form_errors.append(STALE_EDIT_MESSAGE)
    label = goal_label(form.instance)
    if current is None:
        return [(label, _("Removed"), label)]
    form.show_state(services.row_state(current))
    main_goals = form.main_goals
    mine = form.cleaned_data
    rows = [
        (PlanGoal._meta.get_field(name).verbose_name, getattr(current, name), mine.get(name))
        for name in ("code", "text", "order")
    ]
    theirs_parent = main_goals.get(current.parent_id)
    mine_parent = main_goals.get(mine.get("parent"))
    rows.append(
        (
            PlanGoal._meta.get_field("parent").verbose_name,
            goal_label(theirs_parent) if theirs_parent else "",
            goal_label(mine_parent) if mine_parent else "",
        )
    )
    return [(f"{label}: {field}", old, new) for field, old, new in rows if old != new]


def _history(strategy):
    """Who changed which plan goal, and when (one query)."""

    def summary(record):
        return f"{record.code} {record.text}".strip()

    source = RowHistory(
        PlanGoal.history.filter(strategy_id=strategy.pk),
        label=lambda record: _("Goal for the whole plan"),
        summary=summary,
    )
    return row_history_entries(source)
