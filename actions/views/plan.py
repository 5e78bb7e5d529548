"""The action plan screen, one action's page, and writing actions."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    action_edit_scope,
    can_archive_action,
    can_assign_responsible,
    can_create_action,
    can_edit_action,
    can_edit_plan,
    can_write_follow_up,
    may_edit_in_scope,
)
from actions.rules import clamp_year
from core.tenancy import municipality_page
from dashboards.cache import cached_for_plan
from strategy_portal.middleware import MAX_QUERY_VALUE

from .. import selectors, services
from ..export import actions_csv
from ..filters import ActionFilter
from ..forms import ActionForm, StatusForm
from ..history import action_history


def _with_permissions(scope, actions, strategy):
    """Each row with `can_edit`, from the user's `action_edit_scope` (no query per row)."""
    for action in actions:
        action.strategy = strategy  # already loaded: no query per row
        action.can_edit = may_edit_in_scope(scope, action)
    return actions


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
def plan(request, slug):
    strategy = selectors.strategy_for_staff(request.user, slug)
    today = timezone.localdate()
    year = _column_year(request.GET.get("follow_up_year"), strategy, today)
    action_filter = ActionFilter(
        request.GET, queryset=selectors.plan_actions(strategy, today, year), strategy=strategy
    )
    if request.GET.get("format") == "csv":
        return actions_csv(action_filter.qs, strategy)
    scope = action_edit_scope(request.user, strategy.municipality)
    context = {
        "strategy": strategy,
        "municipality": strategy.municipality,
        "filter": action_filter,
        "filter_fields": _filter_fields(request, strategy, action_filter),
        # Read only when the list is rendered, not when it comes from the cache. The
        # list shows no partners or twin towns (the CSV does).
        "actions": SimpleLazyObject(
            lambda: _with_permissions(
                scope, list(action_filter.qs.prefetch_related(None)), strategy
            )
        ),
        "can_create": can_create_action(request.user, strategy.municipality),
        "year": year,
        "csv_query": _csv_query(request),
    }
    context["action_list"] = _action_list(request, strategy, context, scope, today)
    # A history restore (back button) needs the whole page, not the list alone.
    if request.htmx and not request.htmx.history_restore_request:
        return HttpResponse(context["action_list"])
    return render(request, "actions/plan.html", context)


def _csrf_placeholder():
    """Stands for the CSRF token in a cached list: the same in every process, and not
    one an action's author can guess and write into a title."""
    return "csrf-" + salted_hmac("actions.plan-list", "csrf-placeholder").hexdigest()[:32]


def _action_list(request, strategy, context, scope, today):
    """The action list as HTML: most of the page's cost (a query with four subqueries,
    and a table row per action with its status form), and the same for everyone with the
    same edit scope. Cached per plan version, language, day ("late" changes with it),
    follow-up year, edit scope and query; the status forms' CSRF token is put in per
    request, so a cached list never carries another user's token."""
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    placeholder = _csrf_placeholder()
    html = cached_for_plan(
        strategy.municipality_id,
        ["plan-list", strategy.pk, get_language(), today, context["year"], scope, query],
        lambda: str(
            render_to_string(
                "actions/_plan_list.html", {**context, "csrf_token": placeholder}, request
            )
        ),
    )
    if placeholder in html:
        html = html.replace(placeholder, get_token(request))
    return mark_safe(html)  # noqa: S308 - our template's output, every value escaped there


def _filter_fields(request, strategy, action_filter):
    """The filter form's fields as HTML. Rendering its choice lists (goals, parties,
    partners…) is most of the page's cost, and they change only with the plan: cached per
    plan version, language and query. The fields hold no user data and no CSRF token."""
    if request.htmx and not request.htmx.history_restore_request:
        return ""  # the list alone is swapped in

    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    html = cached_for_plan(
        strategy.municipality_id,
        ["plan-filters", strategy.pk, get_language(), query],
        lambda: str(render_to_string("actions/_plan_filters.html", {"filter": action_filter})),
    )
    return mark_safe(html)  # noqa: S308 - our template's output, every value escaped there


def _column_year(asked, strategy, today):
    """The year of the follow-up column: the drill-down's year when the period covers it
    (a figure of 2017 shows the 2017 follow-ups), else this year clamped to the period."""
    try:
        asked = int(asked or "")
    except ValueError:
        asked = None
    if asked is not None and strategy.covers_year(asked):
        return asked
    return clamp_year(strategy, today.year)


def _csv_query(request):
    query = request.GET.copy()
    query["format"] = "csv"
    return query.urlencode()


@municipality_page("actions.Action", staff_only=True)
@login_required
def action_detail(request, pk):
    action = selectors.action_for_staff(request.user, pk, timezone.localdate())
    municipality = action.strategy.municipality
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "strategy": action.strategy,
            "municipality": municipality,
            "history": action_history(action),
            "can_edit": can_edit_action(request.user, action),
            "can_edit_milestones": can_edit_plan(request.user, municipality),
            "can_archive": can_archive_action(request.user, action),
            "can_write_follow_up": can_write_follow_up(request.user, action)
            and not action.is_archived,
        },
    )


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
def action_new(request, slug):
    strategy = selectors.strategy_for_staff(request.user, slug)
    if not can_create_action(request.user, strategy.municipality):
        raise PermissionDenied
    return _action_form(request, strategy, None)


@municipality_page("actions.Action", staff_only=True)
@login_required
def action_edit(request, pk):
    action = selectors.action_for_write(request.user, pk)
    if not can_edit_action(request.user, action):
        raise PermissionDenied
    return _action_form(request, action.strategy, action)


def _action_form(request, strategy, action):
    municipality = strategy.municipality
    form = ActionForm(
        request.POST or None,
        instance=action,
        strategy=strategy,
        can_assign=can_assign_responsible(request.user, municipality),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        try:
            services.save_action(
                edited, form.cleaned_data["loaded_version"], form.save_m2m, actor=request.user
            )
        except services.StaleEdit as stale:
            conflict = form.refuse_stale(stale, edited)
        else:
            messages.success(request, _("The action is saved."))
            return redirect(edited)
    return render(
        request,
        "actions/action_form.html",
        {
            "form": form,
            "action": action,
            "strategy": strategy,
            "municipality": municipality,
            "conflict": conflict,
        },
    )


@municipality_page("actions.Action", staff_only=True)
@login_required
@require_POST
def action_archive(request, pk):
    """Archive or bring back (POST archived=1/0); an action is never deleted."""
    action = selectors.action_for_write(request.user, pk)
    if not can_archive_action(request.user, action):
        raise PermissionDenied
    archived = request.POST.get("archived", "1") == "1"
    services.set_action_archived(action, archived)
    if archived:
        messages.success(request, _("The action is archived. You can bring it back later."))
    else:
        messages.success(request, _("The action is back in the plan."))
    return redirect(action)


def _list_query(request):
    """The plan list's filters the row came from, to go back to. A query longer than any
    the list writes is dropped (the redirect would be refused after the save)."""
    query = QueryDict(request.POST.get("list_query", "")).urlencode()
    return query if len(query) <= MAX_QUERY_VALUE else ""


@municipality_page("actions.Action", staff_only=True)
@login_required
@require_POST
def action_status(request, pk):
    """Inline status change on the plan list: a table row for htmx, a redirect otherwise."""
    action = selectors.action_for_write(request.user, pk)
    if not can_edit_action(request.user, action):
        raise PermissionDenied
    form = StatusForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.set_action_status(
                action,
                form.cleaned_data["status"],
                form.cleaned_data["loaded_version"],
                actor=request.user,
            )
        except services.StaleEdit as stale:
            error = _(
                "Someone else changed this action (status now: %(status)s). Nothing is saved."
            ) % {"status": stale.current.get_status_display()}
    else:
        error = _("Choose a valid status.")
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("The status is saved."))
        # Back to the list as it was filtered (a past year's figure keeps its year).
        query = _list_query(request)
        plan_url = reverse("actions:plan", args=[action.strategy.slug])
        return redirect(f"{plan_url}?{query}" if query else plan_url)
    today = timezone.localdate()
    # The row keeps the follow-up column's year of the list it stands in.
    year = _column_year(request.POST.get("follow_up_year"), action.strategy, today)
    row = selectors.plan_actions(action.strategy, today, year).get(pk=action.pk)
    _with_permissions(
        action_edit_scope(request.user, action.strategy.municipality), [row], action.strategy
    )
    return render(
        request,
        "actions/_action_row.html",
        {
            "action": row,
            "municipality": action.strategy.municipality,
            "year": year,
            "list_query": _list_query(request),
            "row_error": error,
            "row_saved": error is None,
        },
        status=409 if error and form.is_valid() else 200,
    )
