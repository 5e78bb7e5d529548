"""Milestones of an action and indicators of a strategy in the staff screens.

Both belong to the plan (`can_edit_plan`: coordinators and admins create and edit them,
as the issue "working together on the plan" asks); editors tick milestones reached and
record indicator values in their follow-up. Every change is in the rows' history, and a
row someone else saved since it was loaded is refused, not overwritten."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_plan
from core.tenancy import municipality_page

from .. import selectors, services
from ..plan_item_forms import IndicatorFormSet, MilestoneFormSet, indicator_choices


@municipality_page("actions.Action", staff_only=True)
@login_required
def milestones_edit(request, pk):
    action = selectors.action_for_write(request.user, pk)
    if not can_edit_plan(request.user, action.strategy.municipality):
        raise PermissionDenied
    formset = MilestoneFormSet(
        request.POST if request.method == "POST" else None,
        instance=action,
        prefix="milestones",
    )
    conflict = _save(request, formset, _("The milestones are saved."))
    if conflict is None:
        return redirect(action)
    return render(
        request,
        "actions/milestones_form.html",
        {
            "action": action,
            "municipality": action.strategy.municipality,
            "formset": formset,
            "conflict": conflict,
        },
        status=400 if request.method == "POST" else 200,
    )


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
def indicators_edit(request, slug):
    strategy = selectors.strategy_for_staff(request.user, slug)
    if not can_edit_plan(request.user, strategy.municipality):
        raise PermissionDenied
    formset = IndicatorFormSet(
        request.POST if request.method == "POST" else None,
        instance=strategy,
        prefix="indicators",
        form_kwargs={"choices": indicator_choices(strategy)},
    )
    conflict = _save(request, formset, _("The indicators are saved."))
    if conflict is None:
        return redirect(reverse("actions:indicators", args=[strategy.slug]))
    return render(
        request,
        "actions/indicators_form.html",
        {
            "strategy": strategy,
            "municipality": strategy.municipality,
            "formset": formset,
            "conflict": conflict,
        },
        status=400 if request.method == "POST" else 200,
    )


def _save(request, formset, saved_message):
    """None once saved; else what to show beside the form: [] (not posted, or an error
    next to its field) or, when someone else saved a row since, what they changed."""
    if request.method != "POST" or not formset.is_valid():
        return []
    try:
        services.save_rows_if_unchanged(formset)
    except services.StaleRow as stale:
        row = stale.form
        changed = row.refuse_stale(stale, row.instance)
        formset._non_form_errors.append(row.non_field_errors()[0])
        return [(f"{stale.current}: {field}", theirs, yours) for field, theirs, yours in changed]
    messages.success(request, saved_message)
    return None
