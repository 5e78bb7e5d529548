"""A draft strategy is its municipality's working paper: even in a published municipality,
outsiders (anonymous visitors, members of other municipalities) never see it, not its
pages, not its goal areas, goals or actions in lists, search or compare. Its members and
admins still do; adopted and superseded strategies stay public."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from goals.models import Strategy
from tests.factories import (
    ActionFactory,
    FollowUpFactory,
    GoalAreaFactory,
    GoalFactory,
    MunicipalityFactory,
    PartnerFactory,
    StrategyFactory,
    TwinTownFactory,
    member,
)
from tests.pages import visible_text

pytestmark = pytest.mark.django_db

DRAFT = "KLADDEMERKE"  # in every title and text of the draft; never in a URL
DRAFT_SLUG = "kladdeplan-2028"
SHARED_WORD = "Ungdomsutveksling"  # in an action and a goal of both strategies


@dataclass
class World:
    municipality: object
    adopted: object
    draft: object
    adopted_action: object
    draft_action: object
    draft_follow_up: object
    partner: object
    twin: object


@pytest.fixture
def world():
    municipality = MunicipalityFactory(slug="aapen", name="Åpen kommune", is_published=True)
    partner = PartnerFactory(municipality=municipality, key="aabo", name="Åbo stad")
    twin = TwinTownFactory(municipality=municipality, key="vennby", name="Vennby")
    adopted = StrategyFactory(
        municipality=municipality,
        slug="vedtatt-plan",
        title="Vedtatt strategi",
        period_start=2024,
        period_end=2027,
    )
    # The draft is the newer one, so "the most recent" never picks it by accident.
    draft = StrategyFactory(
        municipality=municipality,
        slug=DRAFT_SLUG,
        title=f"{DRAFT} strategi",
        period_start=2028,
        period_end=2031,
        status=Strategy.Status.DRAFT,
    )
    actions = {}
    for strategy, prefix in [(adopted, "Vedtatt"), (draft, DRAFT)]:
        area = GoalAreaFactory(strategy=strategy, code="1", title=f"{prefix} område")
        GoalFactory(goal_area=area, text=f"{SHARED_WORD} {prefix} mål")
        action = ActionFactory(goal_area=area, title=f"{SHARED_WORD} {prefix} tiltak")
        action.partners.add(partner)
        action.twin_towns.add(twin)
        actions[strategy.pk] = action
    draft_follow_up = FollowUpFactory(
        action=actions[draft.pk], year=2028, state=FollowUp.State.APPROVED, progress=10
    )
    return World(
        municipality,
        adopted,
        draft,
        actions[adopted.pk],
        actions[draft.pk],
        draft_follow_up,
        partner,
        twin,
    )


@pytest.fixture
def elsewhere():
    return MunicipalityFactory(slug="annan", name="Annan kommune", is_published=True)


def _browser(user=None):
    browser = Client()
    if user is not None:
        browser.force_login(user)
    return browser


OUTSIDERS = ["anonymous", "politician elsewhere", "coordinator elsewhere"]
INSIDERS = ["politician", "editor", "coordinator", "admin"]


def _user(who, world, elsewhere):
    own = world.municipality
    return {
        "anonymous": lambda: None,
        "politician elsewhere": lambda: member(Role.POLITICIAN, elsewhere),
        "coordinator elsewhere": lambda: member(Role.COORDINATOR, elsewhere),
        "politician": lambda: member(Role.POLITICIAN, own),
        "editor": lambda: member(Role.EDITOR, own),
        "coordinator": lambda: member(Role.COORDINATOR, own),
        "admin": lambda: member(Role.ADMIN, None),
    }[who]()


def _public_pages(world):
    """The draft's pages that a published strategy shows to anyone."""
    return {
        "strategy": reverse("goals:strategy", args=[world.draft.slug]),
        "dashboard": reverse("dashboards:dashboard", args=[world.draft.slug]),
        "public page": reverse("dashboards:public", args=[world.municipality.slug])
        + f"?strategy={world.draft.slug}",
    }


def _staff_pages(world):
    return {
        "action plan": reverse("actions:plan", args=[world.draft.slug]),
        "action": reverse("actions:detail", args=[world.draft_action.pk]),
        "follow-up": reverse("actions:follow_up", args=[world.draft_follow_up.pk]),
    }


def _lists(world):
    """Pages that list strategies, goals or actions of a published municipality."""
    slug = world.municipality.slug
    return {
        "home": reverse("home"),
        "municipality": reverse("goals:municipality", args=[slug]),
        "public page": reverse("dashboards:public", args=[slug]),
        "public page of the adopted": reverse("dashboards:public", args=[slug])
        + f"?strategy={world.adopted.slug}",
        "compare and search": reverse("dashboards:compare") + f"?q={SHARED_WORD}",
        "partner": reverse("partners:partner", args=[slug, world.partner.key]),
        "twin town": reverse("partners:twin_town", args=[slug, world.twin.key]),
    }


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_a_404_for_the_drafts_pages(world, elsewhere, who):
    browser = _browser(_user(who, world, elsewhere))
    for name, url in _public_pages(world).items():
        response = browser.get(url)
        assert response.status_code == 404, name
        assert DRAFT not in visible_text(response), name


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_learn_from_staff_screens_no_more_than_from_a_missing_draft(
    world, elsewhere, who
):
    browser = _browser(_user(who, world, elsewhere))
    missing = {
        "action plan": reverse("actions:plan", args=["finst-ikkje"]),
        "action": reverse("actions:detail", args=[999999]),
        "follow-up": reverse("actions:follow_up", args=[999999]),
    }
    for name, url in _staff_pages(world).items():
        response = browser.get(url)
        # Signed-in outsiders: 404; anonymous: sent to sign in, as for any address.
        assert response.status_code == (302 if who == "anonymous" else 404), name
        assert response.status_code == browser.get(missing[name]).status_code, name
        assert DRAFT not in visible_text(response), name


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_never_find_the_draft_in_lists_search_or_compare(world, elsewhere, who):
    browser = _browser(_user(who, world, elsewhere))
    for name, url in _lists(world).items():
        response = browser.get(url)
        assert response.status_code == 200, name
        page = response.content.decode()
        assert DRAFT not in visible_text(page), name
        assert DRAFT_SLUG not in page, f"{name} links to the draft"
    # The adopted strategy's action and goal are still found: search itself works.
    search = visible_text(browser.get(reverse("dashboards:compare") + f"?q={SHARED_WORD}"))
    assert f"{SHARED_WORD} Vedtatt tiltak" in search
    assert f"{SHARED_WORD} Vedtatt mål" in search


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_count_only_the_adopted_strategys_actions_of_a_partner(world, elsewhere, who):
    browser = _browser(_user(who, world, elsewhere))
    response = browser.get(reverse("partners:registry", args=[world.municipality.slug]))
    assert [p.action_count for p in response.context["partners"]] == [1]
    assert [t.action_count for t in response.context["twin_towns"]] == [1]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_public_page_shows_outsiders_the_adopted_strategy(world, elsewhere, who):
    browser = _browser(_user(who, world, elsewhere))
    response = browser.get(reverse("dashboards:public", args=[world.municipality.slug]))
    assert response.context["strategy"] == world.adopted
    assert response.context["other_strategies"] == []


def test_a_municipality_with_only_a_draft_shows_no_strategy_to_the_public(client):
    municipality = MunicipalityFactory(is_published=True)
    StrategyFactory(municipality=municipality, title=DRAFT, status=Strategy.Status.DRAFT)
    response = client.get(reverse("dashboards:public", args=[municipality.slug]))
    assert response.status_code == 200
    assert "No strategy has been published yet." in visible_text(response)
    assert DRAFT not in visible_text(response)


@pytest.mark.parametrize("who", INSIDERS)
def test_members_and_admins_still_see_the_draft(world, elsewhere, who):
    browser = _browser(_user(who, world, elsewhere))
    for name, url in {**_public_pages(world), **_staff_pages(world)}.items():
        response = browser.get(url)
        assert response.status_code == 200, name
        assert DRAFT in visible_text(response), name
    for name, url in _lists(world).items():
        if name in {"public page", "public page of the adopted"}:
            continue  # the adopted strategy is shown; the draft is among "other strategies"
        response = browser.get(url)
        assert DRAFT in visible_text(response), name
    search = visible_text(browser.get(reverse("dashboards:compare") + f"?q={SHARED_WORD}"))
    assert f"{SHARED_WORD} {DRAFT} tiltak" in search
    assert f"{SHARED_WORD} {DRAFT} mål" in search


@pytest.mark.parametrize("who", INSIDERS)
def test_members_public_page_leads_with_what_the_public_sees(world, elsewhere, who):
    browser = _browser(_user(who, world, elsewhere))
    response = browser.get(reverse("dashboards:public", args=[world.municipality.slug]))
    assert response.context["strategy"] == world.adopted
    assert response.context["other_strategies"] == [world.draft]
    page = " ".join(visible_text(response).split())
    assert f"{DRAFT} strategi (draft)" in page
    response = browser.get(
        reverse("dashboards:public", args=[world.municipality.slug]) + f"?strategy={DRAFT_SLUG}"
    )
    assert "only members of the municipality see it" in visible_text(response)


@pytest.mark.parametrize("who", INSIDERS)
def test_members_count_the_drafts_actions_of_a_partner(world, elsewhere, who):
    browser = _browser(_user(who, world, elsewhere))
    response = browser.get(reverse("partners:registry", args=[world.municipality.slug]))
    assert [p.action_count for p in response.context["partners"]] == [2]
    assert [t.action_count for t in response.context["twin_towns"]] == [2]


@pytest.mark.parametrize(
    "status", [Strategy.Status.ADOPTED, Strategy.Status.SUPERSEDED], ids=["adopted", "superseded"]
)
def test_adopted_and_superseded_strategies_stay_public(world, client, status):
    Strategy.objects.filter(pk=world.draft.pk).update(status=status)
    for name, url in _public_pages(world).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert DRAFT in visible_text(response), name
    search = visible_text(client.get(reverse("dashboards:compare") + f"?q={SHARED_WORD}"))
    assert f"{SHARED_WORD} {DRAFT} tiltak" in search
