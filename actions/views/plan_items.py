"""Milestones of an action and indicators of a strategy in the staff screens.

Milestones follow the rule for editing their action (`can_edit_action`: the responsible
department's editors, coordinators, admins); indicators belong to the whole plan
(`can_edit_plan`: coordinators, admins). Every change is in the rows' history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_action, can_edit_plan

from .. import selectors
from ..plan_item_forms import IndicatorFormSet, MilestoneFormSet, indicator_choices


@login_required
def milestones_edit(request, pk):
    action = selectors.action_for_write(request.user, pk)
    if not can_edit_action(request.user, action):
        raise PermissionDenied
    formset = MilestoneFormSet(
        request.POST if request.method == "POST" else None,
        instance=action,
        prefix="milestones",
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("The milestones are saved."))
        return redirect(action)
    return render(
        request,
        "actions/milestones_form.html",
        {
            "action": action,
            "municipality": action.strategy.municipality,
            "formset": formset,
        },
        status=400 if request.method == "POST" else 200,
    )


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
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("The indicators are saved."))
        return redirect(reverse("actions:indicators", args=[strategy.slug]))
    return render(
        request,
        "actions/indicators_form.html",
        {
            "strategy": strategy,
            "municipality": strategy.municipality,
            "formset": formset,
        },
        status=400 if request.method == "POST" else 200,
    )
