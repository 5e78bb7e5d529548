"""The admin's framework-link pages are scoped to the staff member's municipality."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Role
from frameworks.models import ActionLink, FrameworkItem
from frameworks.services import set_links
from tests.factories import ActionFactory, MunicipalityFactory, member

pytestmark = pytest.mark.django_db


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


def coordinator(municipality):
    user = member(Role.COORDINATOR, municipality, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="frameworks"))
    return user


def test_a_coordinator_links_their_action_and_never_sees_or_picks_a_neighbours(client):
    ours, theirs = ActionFactory(title="Vårt tiltak"), ActionFactory(title="Hemmelig tiltak")
    set_links(theirs, [sdg("4")])
    client.force_login(coordinator(ours.strategy.municipality))

    listing = client.get(reverse("admin:frameworks_actionlink_changelist")).content.decode()
    assert "Hemmelig tiltak" not in listing
    add = reverse("admin:frameworks_actionlink_add")
    assert "Hemmelig tiltak" not in client.get(add).content.decode()
    refused = client.post(add, {"action": theirs.pk, "item": sdg("11").pk, "note": ""})
    assert refused.status_code == 200  # "select a valid choice"
    assert not ActionLink.objects.filter(action=theirs, item=sdg("11")).exists()
    other_link = ActionLink.objects.get(action=theirs)
    change = reverse("admin:frameworks_actionlink_change", args=[other_link.pk])
    assert client.get(change).status_code in (302, 403, 404)

    made = client.post(add, {"action": ours.pk, "item": sdg("11").pk, "note": "Byvandring"})
    assert made.status_code == 302
    link = ActionLink.objects.get(action=ours)
    assert link.note == "Byvandring"
    assert link.history.count() == 1


def test_another_municipalitys_coordinator_sees_none_of_our_links(client):
    set_links(ActionFactory(), [sdg("4")])
    client.force_login(coordinator(MunicipalityFactory()))
    listing = client.get(reverse("admin:frameworks_actionlink_changelist")).content.decode()
    assert "SDG 4" not in listing


def test_the_coordinators_group_may_link_but_not_add_a_shared_framework(client):
    from accounts.services import coordinator_group

    action = ActionFactory()
    user = member(Role.COORDINATOR, action.strategy.municipality, is_staff=True)
    user.groups.add(coordinator_group())
    client.force_login(user)
    assert client.get(reverse("admin:frameworks_actionlink_add")).status_code == 200
    assert client.get(reverse("admin:frameworks_framework_add")).status_code == 403
