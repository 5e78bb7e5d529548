"""Every open-data endpoint costs the same database queries whatever the data size: a
page (and a CSV download) of a small world and of one ten times bigger."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import FollowUp, IndicatorValue
from partners.models import TwinTownStatusChange
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MunicipalityFactory,
    PartnerFactory,
    StrategyFactory,
    StrategyPointFactory,
    TwinTownFactory,
)

LISTS = ["municipalities", "strategies", "goal_areas", "goals", "strategy_points", "actions"]
LISTS += ["follow_ups", "indicators", "partners", "twin_towns"]
URLS = [(name, [], {}) for name in [*LISTS, "index", "schema"]]
URLS += [(name, [], {"municipality": "hamar", "page_size": 3}) for name in LISTS]
URLS += [(name, [], {"strategy": "hamar-2020", "format": "csv"}) for name in LISTS]
URLS += [("municipality", ["hamar"], {}), ("strategy", ["hamar-2020"], {})]


def _grow(world, start, stop):
    """More of everything, in the published municipality's adopted strategy and in more
    published municipalities."""
    public, adopted = world["public"], world["adopted"]
    partners = [PartnerFactory(municipality=public, key=f"p{start}-{i}") for i in range(2)]
    for i in range(start, stop):
        area = GoalAreaFactory(strategy=adopted, code=f"G{i}")
        goal = GoalFactory(goal_area=area, code=f"G{i}.1")
        point = StrategyPointFactory(strategy=adopted, code=f"S{i}")
        point.goal_areas.add(area)
        StrategyPointFactory(strategy=adopted, code=f"S{i}.1", parent=point)
        twin = TwinTownFactory(municipality=public, key=f"t{i}")
        TwinTownStatusChange.objects.create(twin_town=twin, status="active", year=2000)
        action = ActionFactory(goal_area=area, code=f"G{i}.A")
        action.goals.add(goal)
        action.strategy_points.add(point)
        action.partners.add(*partners)
        action.twin_towns.add(twin)
        follow_up = FollowUpFactory(action=action, year=2024, state=FollowUp.State.APPROVED)
        ExternalFundingFactory(follow_up=follow_up)
        indicator = IndicatorFactory(strategy=adopted, action=action, goal_area=area)
        IndicatorValue.objects.create(indicator=indicator, year=2024, value=i)
        other = MunicipalityFactory(slug=f"kommune-{i}", is_published=True)
        StrategyFactory(municipality=other, slug=f"kommune-{i}-plan")
        StrategyFactory(municipality=public, slug=f"hamar-old-{i}")


def _queries(client):
    counts = {}
    for name, args, params in URLS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(f"api:{name}", args=args), params)
        assert response.status_code == 200, (name, params)
        counts[(name, tuple(params.items()))] = len(queries)
    return counts


def test_every_endpoint_costs_the_same_queries_at_two_sizes(client, world):
    _grow(world, 0, 1)
    few = _queries(client)
    _grow(world, 1, 12)
    many = _queries(client)
    assert many == few
    actions = client.get(reverse("api:actions"), {"municipality": "hamar"}).json()
    assert actions["count"] == 13 and len(actions["results"][-1]["partners"]) == 2
