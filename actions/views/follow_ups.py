"""Writing, submitting and reviewing the yearly follow-up of an action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_edit_follow_up,
    can_review_follow_up,
    can_submit_follow_up,
    can_write_follow_up,
)
from core.tenancy import municipality_page

from .. import selectors, services
from ..forms import FollowUpForm, FundingFormSet, ReviewForm
from ..history import follow_up_history, funding_conflict
from ..models import FollowUp


@municipality_page("actions.Action", staff_only=True)
@login_required
def follow_up_new(request, pk):
    action = selectors.action_for_write(request.user, pk)
    if not can_write_follow_up(request.user, action):
        raise PermissionDenied
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        # Not always this year: Time's 2016–2019 plan still waits for its 2019 reports.
        year = selectors.open_follow_up_year(action, timezone.localdate())
    return _follow_up_form(request, action, FollowUp(action=action, year=year))


@municipality_page("actions.FollowUp", staff_only=True)
@login_required
def follow_up_edit(request, pk):
    follow_up = selectors.follow_up_for_staff(request.user, pk)
    if not can_edit_follow_up(request.user, follow_up):
        raise PermissionDenied
    return _follow_up_form(request, follow_up.action, follow_up)


def _follow_up_form(request, action, follow_up):
    municipality = action.strategy.municipality
    indicators = selectors.indicator_values_for(action, follow_up.year)
    data = request.POST if request.method == "POST" else None
    form = FollowUpForm(
        data,
        instance=follow_up,
        action=action,
        indicators=indicators,
        initial={"year": follow_up.year},
    )
    formset = FundingFormSet(
        data,
        instance=follow_up,
        prefix="funding",
        form_kwargs={"default_currency": municipality.currency},
    )
    conflict = None
    if data is not None and all([form.is_valid(), formset.is_valid()]):
        edited = form.save(commit=False)

        def save_related(saved):
            form.save_m2m()
            formset.instance = saved
            formset.save()
            services.save_indicator_values(indicators, saved.year, form.indicator_values())

        try:
            services.save_follow_up(
                edited, form.cleaned_data["loaded_version"], save_related=save_related
            )
        except services.StaleEdit as stale:
            conflict = form.refuse_stale(stale, edited) + funding_conflict(
                stale.current, formset, form.cleaned_data["loaded_version"]
            )
        else:
            messages.success(request, _("The follow-up is saved."))
            return redirect(edited)
    return render(
        request,
        "actions/follow_up_form.html",
        {
            "form": form,
            "formset": formset,
            "action": action,
            "follow_up": follow_up if follow_up.pk else None,
            "municipality": municipality,
            "conflict": conflict,
        },
    )


def _detail(request, follow_up, review_form=None, status=200):
    user = request.user
    municipality = follow_up.action.strategy.municipality
    can_review = can_review_follow_up(user, municipality)
    return render(
        request,
        "actions/follow_up_detail.html",
        {
            "follow_up": follow_up,
            "action": follow_up.action,
            "municipality": municipality,
            "indicators": selectors.indicator_values_for(follow_up.action, follow_up.year),
            "history": follow_up_history(follow_up),
            "can_edit": can_edit_follow_up(user, follow_up),
            "can_submit": can_submit_follow_up(user, follow_up),
            "review_form": (
                review_form or ReviewForm(initial={"loaded_version": follow_up.version})
            )
            if can_review and follow_up.state == FollowUp.State.SUBMITTED
            else None,
        },
        status=status,
    )


@municipality_page("actions.FollowUp", staff_only=True)
@login_required
def follow_up_detail(request, pk):
    return _detail(request, selectors.follow_up_for_staff(request.user, pk))


@municipality_page("actions.FollowUp", staff_only=True)
@login_required
@require_POST
def follow_up_submit(request, pk):
    follow_up = selectors.follow_up_for_staff(request.user, pk)
    if not can_submit_follow_up(request.user, follow_up):
        raise PermissionDenied
    try:
        services.submit_follow_up(follow_up, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up is submitted to the coordinator."))
    return redirect(follow_up)


@municipality_page("actions.FollowUp", staff_only=True)
@login_required
@require_POST
def follow_up_review(request, pk):
    """Approve, or return with a comment (POST decision=approve|return)."""
    follow_up = selectors.follow_up_for_staff(request.user, pk)
    if not can_review_follow_up(request.user, follow_up.action.strategy.municipality):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    decision = request.POST.get("decision")
    if form.is_valid():
        try:
            if decision == "approve":
                services.approve_follow_up(
                    follow_up, request.user, form.cleaned_data["loaded_version"]
                )
                messages.success(request, _("The follow-up is approved."))
            elif decision == "return":
                services.return_follow_up(follow_up, request.user, form.cleaned_data["comment"])
                messages.success(request, _("The follow-up is returned to the department."))
            else:
                raise ValidationError(_("Choose to approve or to return the follow-up."))
        except ValidationError as error:
            if error.code == "stale":
                # The page shows the follow-up as it is now: approving that is what's offered.
                data = request.POST.copy()
                data["loaded_version"] = follow_up.version
                form = ReviewForm(data)
                form.is_valid()
            form.add_error(None, error)
        else:
            return redirect(follow_up)
    return _detail(request, follow_up, review_form=form, status=400)
