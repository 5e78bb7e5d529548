"""The staff screen linking an action to framework items, from outside."""

import pytest
from django.urls import reverse

from accounts.models import Role
from frameworks.models import ActionLink, FrameworkItem
from tests.factories import ActionFactory, MunicipalityFactory, ResponsiblePartyFactory, member

pytestmark = pytest.mark.django_db


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


def test_a_coordinator_links_an_action_to_sdg_11_and_the_action_page_shows_it(client):
    action = ActionFactory()
    municipality = action.strategy.municipality
    client.force_login(member(Role.COORDINATOR, municipality))
    address = reverse("frameworks:action_links", args=[action.pk])
    form = client.get(address).content.decode()
    assert "SDG 11" in form and "EU2020 1" in form
    field = f"framework_{sdg('11').framework_id}"

    response = client.post(address, {field: [str(sdg("11").pk)]})

    assert response.status_code == 302
    assert list(action.framework_items.all()) == [sdg("11")]
    assert ActionLink.history.filter(action_id=action.pk, history_type="+").count() == 1
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert reverse("frameworks:item", args=[municipality.slug, "sdg", "11"]) in page


def test_a_made_up_choice_is_a_form_error_and_changes_nothing(client):
    action = ActionFactory()
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    address = reverse("frameworks:action_links", args=[action.pk])
    field = f"framework_{sdg('11').framework_id}"
    for bad in ["999999999", "x", str(2**70)]:
        assert client.post(address, {field: [bad]}).status_code == 400
    assert action.framework_items.count() == 0


def test_a_politician_may_not_and_another_municipality_gets_a_404(client):
    action = ActionFactory()
    address = reverse("frameworks:action_links", args=[action.pk])
    client.force_login(member(Role.POLITICIAN, action.strategy.municipality))
    assert client.get(address).status_code == 403
    client.force_login(member(Role.COORDINATOR, MunicipalityFactory()))
    assert client.get(address).status_code == 404
    client.logout()
    assert client.get(address).status_code == 302  # to the sign-in page


def test_an_editor_links_only_their_departments_actions(client):
    department = ResponsiblePartyFactory()
    ours = ActionFactory(responsible=department)
    ours.strategy.municipality = department.municipality
    ours.strategy.save()
    other = ActionFactory(goal_area=ours.goal_area, strategy=ours.strategy)
    client.force_login(member(Role.EDITOR, department.municipality, department=department))
    assert client.get(reverse("frameworks:action_links", args=[ours.pk])).status_code == 200
    assert client.get(reverse("frameworks:action_links", args=[other.pk])).status_code == 403


def test_a_note_says_how_the_action_contributes_and_shows_on_the_sdg_page(client):
    action = ActionFactory(title="Byvandring")
    municipality = action.strategy.municipality
    municipality.is_published = True
    municipality.save()
    client.force_login(member(Role.COORDINATOR, municipality))
    address = reverse("frameworks:action_links", args=[action.pk])
    field = f"framework_{sdg('11').framework_id}"
    note = f"note_{sdg('11').pk}"

    client.post(address, {field: [str(sdg("11").pk)], note: "Trygge gater for alle"})
    assert ActionLink.objects.get(action=action).note == "Trygge gater for alle"
    assert "Trygge gater for alle" in client.get(address).content.decode()  # kept in the form

    client.post(address, {field: [str(sdg("11").pk)], note: "Trygge gater"})
    assert ActionLink.objects.get(action=action).note == "Trygge gater"
    assert ActionLink.history.filter(action_id=action.pk, history_type="~").count() == 1
    client.logout()
    item_page = reverse("frameworks:item", args=[municipality.slug, "sdg", "11"])
    assert "Trygge gater" in client.get(item_page).content.decode()


def test_a_note_on_a_goal_not_ticked_is_an_error_and_nothing_is_saved(client):
    action = ActionFactory()
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    address = reverse("frameworks:action_links", args=[action.pk])
    response = client.post(address, {f"note_{sdg('4').pk}": "Skolebesøk"})
    assert response.status_code == 400
    assert "Skolebesøk" in response.content.decode()  # the words are kept for the next try
    assert not ActionLink.objects.filter(action=action).exists()
