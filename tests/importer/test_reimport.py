"""Importing the same strategy again replaces its plan in place and keeps follow-ups."""

import pytest

from actions.models import Action, FollowUp, Milestone
from goals.models import GoalArea, ResponsibleParty, Strategy
from partners.models import Partner, TwinTown
from strategy_files.importer import import_file, import_strategy
from tests.factories import FollowUpFactory, ResponsiblePartyFactory

from .conftest import SMALL, row_counts

pytestmark = pytest.mark.django_db


def test_importing_an_unchanged_file_again_changes_nothing():
    import_file(SMALL)
    before = row_counts()
    import_file(SMALL)
    assert row_counts() == before  # no duplicates and no new history rows


def test_reimport_keeps_follow_ups_of_actions_whose_code_is_unchanged(small_data):
    strategy = import_strategy(small_data)
    action = strategy.actions.get(code="1.1")
    follow_up = FollowUpFactory(action=action, year=2024, what_was_done="Holdt dagen")
    follow_up.milestones_reached.add(action.milestones.first())

    small_data["strategy"]["goal_areas"][0]["actions"][0]["title"] = "Ny tittel"
    import_strategy(small_data)

    action.refresh_from_db()
    assert action.title == "Ny tittel"
    assert action.version == 2  # an edit form opened before the import notices
    assert list(action.follow_ups.values_list("what_was_done", flat=True)) == ["Holdt dagen"]
    assert follow_up.milestones_reached.count() == 1


def test_reimport_moves_an_action_to_another_goal_area_without_losing_it(small_data):
    strategy = import_strategy(small_data)
    action = strategy.actions.get(code="1.2")
    FollowUpFactory(action=action)
    moved = small_data["strategy"]["goal_areas"][0]["actions"].pop(1)
    moved["goals"] = []
    small_data["strategy"]["goal_areas"][1]["actions"].append(moved)

    import_strategy(small_data)

    action.refresh_from_db()
    assert action.goal_area.code == "2"
    assert action.follow_ups.count() == 1


def test_reimport_removes_what_the_file_no_longer_names(small_data):
    strategy = import_strategy(small_data)
    del small_data["strategy"]["goal_areas"][1]
    small_data["strategy"]["goal_areas"][0]["actions"].pop(1)
    small_data["strategy"]["goal_areas"][0]["actions"][0]["milestones"].pop()
    small_data["strategy"]["statements"].pop()

    import_strategy(small_data)

    assert list(strategy.goal_areas.values_list("code", flat=True)) == ["1"]
    assert list(strategy.actions.values_list("code", flat=True)) == ["1.1"]
    assert Milestone.objects.filter(action__strategy=strategy).count() == 1
    assert strategy.statements.count() == 1


def test_reimport_archives_a_followed_up_action_the_file_no_longer_names(small_data):
    strategy = import_strategy(small_data)
    action = strategy.actions.get(code="1.2")
    FollowUpFactory(action=action, year=2024, what_was_done="Rapport for 2024")
    small_data["strategy"]["goal_areas"][0]["actions"].pop(1)
    del small_data["strategy"]["goal_areas"][1]

    import_strategy(small_data)

    action.refresh_from_db()
    assert action.is_archived
    assert list(action.follow_ups.values_list("what_was_done", flat=True)) == ["Rapport for 2024"]
    assert list(strategy.goal_areas.values_list("code", flat=True)) == ["1"]


def test_parties_partners_and_twin_towns_are_upserted_by_key_never_deleted(small_data):
    strategy = import_strategy(small_data)
    own_party = ResponsiblePartyFactory(municipality=strategy.municipality, key="eget")
    partner_pk = Partner.objects.get(key="ks").pk
    small_data["partners"][0]["name"] = "KS – Kommunesektorens organisasjon"
    small_data["responsible_parties"].pop(0)  # ordforer: still named by action 1.2
    small_data["strategy"]["goal_areas"][0]["actions"][1]["responsible"] = "ordforer"

    import_strategy(small_data)

    partner = Partner.objects.get(key="ks")
    assert partner.pk == partner_pk
    assert partner.name == "KS – Kommunesektorens organisasjon"
    assert Partner.objects.count() == 2
    assert ResponsibleParty.objects.filter(key__in=["ordforer", own_party.key]).count() == 2
    assert TwinTown.objects.get(key="lulea").status_changes.count() == 1


def test_reimport_updates_rows_in_place(small_data):
    strategy = import_strategy(small_data)
    pks = (
        set(GoalArea.objects.values_list("pk", flat=True)),
        set(Action.objects.values_list("pk", flat=True)),
    )
    small_data["strategy"]["goal_areas"][1]["title"] = "Vennskapsbyer og nettverk"
    small_data["strategy"]["title"] = "Revidert strategi"

    import_strategy(small_data)

    assert (
        set(GoalArea.objects.values_list("pk", flat=True)),
        set(Action.objects.values_list("pk", flat=True)),
    ) == pks
    assert Strategy.objects.get(pk=strategy.pk).title == "Revidert strategi"
    assert GoalArea.objects.get(code="2").title == "Vennskapsbyer og nettverk"
    assert FollowUp.objects.count() == 0


def test_a_file_for_an_existing_municipality_needs_only_its_slug(small_data):
    import_strategy(small_data)
    small_data["municipality"] = {"slug": "testby", "published": True}
    small_data["strategy"]["slug"] = "testby-2028-2031"

    strategy = import_strategy(small_data)

    assert strategy.municipality.name == "Testby kommune"  # kept
    assert strategy.municipality.is_published  # the one field given is updated
    assert Strategy.objects.filter(municipality=strategy.municipality).count() == 2
    assert Partner.objects.count() == 2  # upserted by key, not duplicated
