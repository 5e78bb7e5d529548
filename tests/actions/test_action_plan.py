"""The plan screen: grouped by goal area in the municipality's words, filters, search,
htmx partial updates and inline status change that also work as plain requests."""

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, FollowUpFactory, GoalAreaFactory

from .helpers import INTERNATIONAL_DAY, THIS_YEAR


@pytest.fixture
def plan_url(time_plan):
    return reverse("actions:plan", args=[time_plan["strategy"].slug])


def test_actions_are_grouped_under_the_municipalitys_label(client, users, time_plan, plan_url):
    GoalAreaFactory(strategy=time_plan["strategy"], code="2", title="Næringsutvikling")
    ActionFactory(goal_area=time_plan["strategy"].goal_areas.get(code="2"), title="Messe")
    client.force_login(users["politician"])
    html = client.get(plan_url).content.decode()
    html = html[html.index('id="action-list"') :]
    assert "Satsingsområde 1" in html and "Satsingsområde 2" in html
    assert html.index(INTERNATIONAL_DAY) < html.index("Næringsutvikling") < html.index("Messe")


@pytest.mark.parametrize(
    "params, shown, hidden",
    [
        ({"q": "bryne"}, INTERNATIONAL_DAY, "Elevutveksling"),
        ({"recurrence": "yearly"}, INTERNATIONAL_DAY, "Elevutveksling"),
        ({"status": "planned", "recurrence": "one_off"}, "Elevutveksling", INTERNATIONAL_DAY),
        ({"responsible": "schools"}, "Elevutveksling", INTERNATIONAL_DAY),
        ({"partner": "partner"}, INTERNATIONAL_DAY, "Elevutveksling"),
        ({"goal_area": "area", "q": "elev"}, "Elevutveksling", INTERNATIONAL_DAY),
        ({"year": THIS_YEAR - 1}, INTERNATIONAL_DAY, "Elevutveksling"),
    ],
)
def test_filters_narrow_the_list(client, users, time_plan, plan_url, params, shown, hidden):
    FollowUpFactory(action=time_plan["day"], year=THIS_YEAR - 1)
    query = {k: (time_plan[v].pk if v in time_plan else v) for k, v in params.items()}
    client.force_login(users["coordinator"])
    html = client.get(plan_url, query).content.decode()
    assert shown in html
    assert hidden not in html


def test_filter_request_from_htmx_gets_only_the_list(client, users, plan_url):
    client.force_login(users["coordinator"])
    partial = client.get(plan_url, {"q": "bryne"}, HTTP_HX_REQUEST="true").content.decode()
    full = client.get(plan_url, {"q": "bryne"}).content.decode()
    assert INTERNATIONAL_DAY in partial and "<h1>" not in partial
    assert "<h1>" in full and 'hx-get="' in full and 'hx-push-url="true"' in full


def test_inline_status_change_returns_the_row_for_htmx(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["editor"])
    response = client.post(
        reverse("actions:status", args=[day.pk]),
        {"status": "in_progress", "loaded_version": 1},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<tr") and 'value="in_progress" selected' in html
    day.refresh_from_db()
    assert day.status == "in_progress"


def test_inline_status_change_works_as_a_plain_post(client, users, time_plan, plan_url):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:status", args=[day.pk]), {"status": "done", "loaded_version": 1}
    )
    assert response.status_code == 302 and response["Location"] == plan_url
    day.refresh_from_db()
    assert day.status == "done"


def test_coordinator_creates_an_action_with_links(client, users, time_plan):
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:new", args=[time_plan["strategy"].slug]),
        {
            "code": "1.3",
            "title": "Vennskapsbytur til Älmhult",
            "goal_area": time_plan["area"].pk,
            "goals": [time_plan["goal"].pk],
            "responsible": time_plan["schools"].pk,
            "partners": [time_plan["partner"].pk],
            "twin_towns": [time_plan["twin"].pk],
            "recurrence": "one_off",
            "status": "planned",
            "cost_amount": "15000",
            "cost_currency": "NOK",
        },
    )
    assert response.status_code == 302
    action = time_plan["strategy"].actions.get(code="1.3")
    assert list(action.twin_towns.all()) == [time_plan["twin"]]
    assert action.responsible == time_plan["schools"]
