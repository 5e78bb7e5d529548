""" "My work": an editor's to-do list, a coordinator's overview of every department."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role
from accounts.permissions import is_admin, is_staff_member, membership_of
from dashboards.cache import cached_for_plan

from .. import selectors


def _year(request, default):
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 1900 <= year <= 2200 else default


@login_required
def my_work(request):
    membership = membership_of(request.user)
    admin = is_admin(request.user)
    if not is_staff_member(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    municipality = None if admin else membership.municipality
    strategies = list(selectors.strategies_for_staff(municipality))
    # A plan whose period is over (Time 2016–2019) still has its last year's work.
    year = _year(request, selectors.work_year(strategies, today))
    context = {
        "year": year,
        "membership": membership,
        "editor_work": None,
        "overview": None,
        "strategies": strategies,
    }
    if membership is not None and membership.role == Role.EDITOR:
        # The department's to-do list is plan data, the same for its every editor:
        # cached per plan version, department, year and day ("late" changes with it).
        context["editor_work"] = cached_for_plan(
            membership.municipality_id,
            ["editor-work", membership.department_id, year, today],
            lambda: selectors.editor_work(membership, year, today),
        )
    else:
        # Coordinators, admins and politicians see what every department has reported.
        context["overview"] = selectors.department_overview(municipality, year)
    return render(request, "actions/my_work.html", context)
