"""A follow-up whose text alone changes (staff writing its narrative, save after save)
leaves the dashboard's cached figures as they are, and shows at once where its text is
shown: the public plan and the open-data API's Last-Modified. A save that changes a
figure still shows on the very next dashboard."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from dashboards import cache as plan_cache
from tests.factories import member

from .scenario import build_time_like

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = build_time_like(published=True)
    plan["coordinator"] = member(Role.COORDINATOR, plan["municipality"], username="koord")
    return plan


def _edit(client, follow_up, **changes):
    """The coordinator's form, loaded and posted back with `changes`."""
    url = reverse("actions:follow_up_edit", args=[follow_up.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in {
            **{n: form[n].value() for n in form.fields},
            "funding-TOTAL_FORMS": 0,
            "funding-INITIAL_FORMS": 0,
        }.items()
        if value is not None
    }
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _dashboard(client, plan):
    url = reverse("dashboards:dashboard", args=[plan["strategy"].slug]) + "?year=2018"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    return page, len(queries)


def _approved(plan):
    return (
        FollowUp.objects.filter(action__strategy=plan["strategy"], year=2018, state="approved")
        .order_by("pk")
        .first()
    )


def test_a_text_only_save_keeps_the_figures_and_shows_on_the_public_plan(client, plan):
    follow_up = _approved(plan)
    client.force_login(plan["coordinator"])
    _dashboard(client, plan)
    _, warm = _dashboard(client, plan)
    changed_before = plan_cache.plan_changed_at(plan["municipality"].pk)

    _edit(client, follow_up, what_was_done="Twin town visit held in June.")

    _, after = _dashboard(client, plan)
    assert after == warm  # served from the cache: no figure changed
    assert plan_cache.plan_changed_at(plan["municipality"].pk) > changed_before
    client.logout()
    public = reverse("dashboards:public", args=[plan["municipality"].slug]) + "?year=2018"
    assert "Twin town visit held in June." in client.get(public).content.decode()
    follow_up.refresh_from_db()
    assert follow_up.what_was_done == "Twin town visit held in June."
    assert follow_up.version == 2


def test_a_save_that_changes_a_figure_shows_on_the_next_dashboard(client, plan):
    follow_up = _approved(plan)
    client.force_login(plan["coordinator"])
    _dashboard(client, plan)
    _, warm = _dashboard(client, plan)

    _edit(client, follow_up, hours="4321", what_was_done="Also the hours.")

    page, after = _dashboard(client, plan)
    assert after > warm  # computed anew
    assert "4\xa0321" in page or "4 321" in page or "4,321" in page
    follow_up.refresh_from_db()
    assert follow_up.hours == Decimal("4321")
