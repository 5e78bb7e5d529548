"""The admin page "Import a strategy file", the export action and the admin's scoping."""

from unittest.mock import patch

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, StopUpload
from django.http.multipartparser import MultiPartParser
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from actions.models import Action
from goals.models import Strategy
from strategy_files.admin_import import CappedUploadHandler
from strategy_files.importer import import_file
from tests.factories import ActionFactory, MunicipalityFactory, UserFactory, member

from .conftest import SMALL, row_counts

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/goals/strategy/import/"


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def _coordinator(municipality):
    from django.contrib.auth.models import Permission

    user = member(Role.COORDINATOR, municipality, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["goals", "actions"])
    )
    return user


def _upload(client, content, name="strategi.yaml"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def test_strategy_list_links_to_the_import_page(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:goals_strategy_changelist"))
    assert f'href="{IMPORT_URL}"' in response.content.decode()


def test_upload_imports_and_redirects_to_the_strategy_with_a_message(client, superuser):
    client.force_login(superuser)
    response = _upload(client, SMALL.read_bytes())
    strategy = Strategy.objects.get(slug="testby-2024-2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:goals_strategy_change", args=[strategy.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Imported “Internasjonal strategi 2024–2027" in page
    assert strategy.actions.count() == 3


def test_upload_with_errors_lists_every_message_and_writes_nothing(client, superuser):
    client.force_login(superuser)
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("responsible: kultur", "responsible: x", 1).replace(
        "adopted_on: 2024-02-15", "adopted_on: 2019-13-45"
    )
    before = row_counts()
    response = _upload(client, text.encode())
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file was not imported: 2 problems" in page
    assert "strategy.goal_areas[0].actions[0].responsible: unknown responsible party" in page
    assert "strategy.adopted_on: &#x27;2019-13-45&#x27; is not a valid date" in page
    assert row_counts() == before


def test_a_file_over_the_size_limit_is_refused_unread(client, superuser, settings):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(superuser)
    before = row_counts()
    response = _upload(client, SMALL.read_bytes())
    assert "at most 1000" in response.content.decode()
    assert row_counts() == before


def test_only_yaml_and_json_files_are_accepted(client, superuser):
    client.force_login(superuser)
    before = row_counts()
    response = _upload(client, SMALL.read_bytes(), name="strategi.txt")
    assert "Choose a .yaml, .yml or .json file." in response.content.decode()
    assert row_counts() == before


def test_a_non_staff_member_cannot_reach_the_import_page(client):
    municipality = MunicipalityFactory(slug="testby")
    # An editor's role gives no admin access (accounts.services): the admin's door is shut.
    client.force_login(member(Role.EDITOR, municipality, is_staff=True))
    before = row_counts()
    response = _upload(client, SMALL.read_bytes())
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert row_counts() == before


def test_staff_of_another_municipality_cannot_import_its_strategy(client):
    MunicipalityFactory(slug="testby")
    client.force_login(_coordinator(MunicipalityFactory(slug="annenby")))
    before = row_counts()
    response = _upload(client, SMALL.read_bytes())
    assert "you may only import strategies of your own municipality" in response.content.decode()
    assert row_counts() == before


def test_staff_may_not_create_a_municipality_by_import(client):
    client.force_login(_coordinator(MunicipalityFactory(slug="annenby")))
    before = row_counts()
    response = _upload(client, SMALL.read_bytes())
    assert "you may only import strategies of your own municipality" in response.content.decode()
    assert row_counts() == before


def test_coordinator_imports_their_own_municipality(client):
    municipality = MunicipalityFactory(slug="testby")
    client.force_login(_coordinator(municipality))
    response = _upload(client, SMALL.read_bytes())
    assert response.status_code == 302
    assert Strategy.objects.get(slug="testby-2024-2027").municipality == municipality


def test_a_politician_given_staff_status_by_hand_is_still_refused(client):
    user = member(Role.POLITICIAN, MunicipalityFactory(slug="testby"), is_staff=True)
    client.force_login(user)
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    user.refresh_from_db()
    assert not user.is_staff  # the role decides, not a flag set by hand


def test_export_action_downloads_the_strategy_file(client, superuser):
    strategy = import_file(SMALL)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:goals_strategy_changelist"),
        {"action": "export_action", "_selected_action": [strategy.pk]},
    )
    assert response["Content-Disposition"] == 'attachment; filename="testby-2024-2027.yaml"'
    assert import_file(response.content, "back.yaml").pk == strategy.pk


def test_admin_lists_only_the_staff_members_municipality(client):
    own, other = ActionFactory(title="Vårt tiltak"), ActionFactory(title="Deres tiltak")
    client.force_login(_coordinator(own.strategy.municipality))
    page = client.get(reverse("admin:actions_action_changelist")).content.decode()
    assert "Vårt tiltak" in page
    assert "Deres tiltak" not in page
    assert other.strategy.title not in page  # not even in the filters
    response = client.get(reverse("admin:actions_action_change", args=[other.pk]))
    assert response.status_code == 302  # "does not exist", never the data
    assert "Deres tiltak" not in client.get(response["Location"]).content.decode()


def test_admin_action_list_costs_the_same_queries_for_more_actions(client, superuser):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = ActionFactory()
    client.force_login(superuser)
    url = reverse("admin:actions_action_changelist")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        ActionFactory(goal_area=first.goal_area)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert Action.objects.count() == 16


@pytest.mark.parametrize("url", [IMPORT_URL, "/admin/goals/strategy/"])
def test_strategy_admin_pages_cost_the_same_queries_for_more_strategies(client, superuser, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import StrategyFactory

    StrategyFactory()
    client.force_login(superuser)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    StrategyFactory.create_batch(12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_admin_choice_lists_offer_only_the_own_municipality(client):
    from tests.factories import ResponsiblePartyFactory

    action = ActionFactory()
    own = ResponsiblePartyFactory(municipality=action.strategy.municipality, name="Vår avdeling")
    ResponsiblePartyFactory(name="Fremmed avdeling")
    client.force_login(_coordinator(action.strategy.municipality))
    page = client.get(reverse("admin:actions_action_change", args=[action.pk])).content.decode()
    assert own.name in page
    assert "Fremmed avdeling" not in page


def test_admin_history_shows_who_imported_the_strategy(client, superuser):
    strategy = import_file(SMALL, user=superuser)
    client.force_login(superuser)
    page = client.get(reverse("admin:goals_strategy_history", args=[strategy.pk]))
    assert "Imported from a strategy file" in page.content.decode()
    assert "root" in page.content.decode()


def test_an_upload_is_stopped_at_the_size_limit_while_it_streams_in(client, superuser, settings):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(superuser)
    stored = []
    with patch.object(
        MemoryFileUploadHandler, "file_complete", lambda self, size: stored.append(size)
    ):
        response = _upload(client, b"x" * 5000)
    assert response.status_code == 413
    assert "at most 1000" in response.content.decode()
    assert stored == []  # the file never reached the handlers that keep it


def test_capped_handler_stops_after_the_chunk_that_passes_the_limit(settings):
    settings.IMPORT_MAX_BYTES = 1000
    handler = CappedUploadHandler()
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x" * 600, 600)
    assert handler.stopped


def test_a_request_declared_too_big_is_refused_before_its_body_is_read(client, superuser, settings):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(superuser)
    with patch.object(MultiPartParser, "parse", side_effect=AssertionError("body was read")):
        response = _upload(client, b"x" * 200_000)
    assert response.status_code == 413
    assert "at most 1000" in response.content.decode()


def test_the_import_page_still_checks_the_csrf_token(superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    before = row_counts()
    refused = _upload(client, SMALL.read_bytes())
    assert refused.status_code == 403
    assert row_counts() == before
    client.get(IMPORT_URL)
    token = client.cookies["csrftoken"].value
    response = client.post(
        IMPORT_URL,
        {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("s.yaml", SMALL.read_bytes())},
    )
    assert response.status_code == 302
    assert Strategy.objects.filter(slug="testby-2024-2027").exists()
