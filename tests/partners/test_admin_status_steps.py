"""In the admin a twin town's status is its last step's: a step added below the history
with the order left at 0 is the latest, becomes the current status and is listed last; a
step dated before the relation began is refused."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from partners.models import TwinTownStatus, TwinTownStatusChange
from tests.factories import TwinTownFactory, member
from tests.goals.admin_forms import posted_back
from tests.pages import visible_text
from tests.security.tenancy_world import staff_coordinator

pytestmark = pytest.mark.django_db


def _url(twin_town):
    return reverse("admin:partners_twintown_change", args=[twin_town.pk])


def _twin_town_with_history():
    twin_town = TwinTownFactory(name="Ljungby", since=1990, status=TwinTownStatus.DORMANT)
    for order, (status, year) in enumerate([("active", 1990), ("dormant", 2010)]):
        TwinTownStatusChange.objects.create(
            twin_town=twin_town, status=status, year=year, order=order
        )
    return twin_town


def _add_step(client, twin_town, **row):
    data = posted_back(client.get(_url(twin_town)))
    index = int(data["status_changes-TOTAL_FORMS"])
    data["status_changes-TOTAL_FORMS"] = index + 1
    data.update({f"status_changes-{index}-{key}": value for key, value in row.items()})
    return client.post(_url(twin_town), data)


@pytest.mark.parametrize("who", ["admin", "coordinator"])
def test_a_later_step_with_order_left_at_0_becomes_the_status_and_is_listed_last(client, who):
    twin_town = _twin_town_with_history()
    if who == "admin":
        user = member(Role.ADMIN, None, is_staff=True, is_superuser=True)
    else:
        user = staff_coordinator(twin_town.municipality)
    client.force_login(user)
    response = _add_step(
        client, twin_town, order="0", status="active", changed_on="2024-03-01", decision="KS 12/24"
    )
    assert response.status_code == 302
    twin_town.refresh_from_db()
    assert twin_town.status == TwinTownStatus.ACTIVE
    steps = list(twin_town.status_changes.all())
    assert [step.status for step in steps] == ["active", "dormant", "active"]
    assert steps[-1].decision == "KS 12/24"
    # The portal's page lists it last too.
    page = visible_text(client.get(twin_town.get_absolute_url()))
    assert page.index("2010") < page.index("KS 12/24")


def test_a_step_dated_before_the_relation_began_is_refused(client):
    twin_town = _twin_town_with_history()
    client.force_login(member(Role.ADMIN, None, is_staff=True, is_superuser=True))
    response = _add_step(client, twin_town, order="5", status="active", changed_on="1985-05-01")
    assert response.status_code == 200
    step = response.context["inline_admin_formsets"][0].formset.forms[-1]
    assert "1990" in " ".join(step.errors["changed_on"])
    assert twin_town.status_changes.count() == 2


def test_the_portal_refuses_a_status_change_before_the_relation_began(client):
    twin_town = _twin_town_with_history()
    client.force_login(member(Role.COORDINATOR, twin_town.municipality))
    url = reverse("partners:twin_town_status", args=[twin_town.municipality.slug, twin_town.key])
    response = client.post(url, {"status": "active", "changed_on": datetime.date(1985, 5, 1)})
    assert response.status_code == 200
    assert "1990" in " ".join(response.context["form"].errors["changed_on"])
    assert twin_town.status_changes.count() == 2
