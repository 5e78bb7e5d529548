"""Import writes change history attributed to the importing user."""

import pytest
from django.core.management import call_command

from actions.models import Action
from goals.models import GoalArea, Strategy
from partners.models import Partner
from strategy_files.importer import import_file, import_strategy
from tests.factories import UserFactory

from .conftest import SMALL

pytestmark = pytest.mark.django_db


def test_created_rows_have_history_by_the_importing_user():
    user = UserFactory(username="importer")
    strategy = import_file(SMALL, user=user)
    records = [
        strategy.history.earliest("history_date"),
        Action.history.filter(code="1.1").earliest("history_date"),
        Partner.history.filter(key="ks").earliest("history_date"),
        GoalArea.history.filter(code="1").earliest("history_date"),
    ]
    assert {(r.history_type, r.history_user) for r in records} == {("+", user)}
    # Linking goals, partners… to an action is history too, by the same user.
    assert set(Action.history.values_list("history_user", flat=True)) == {user.pk}
    assert strategy.history.get().history_change_reason == "Imported from a strategy file"


def test_import_without_a_user_has_no_history_user():
    import_file(SMALL)
    assert Strategy.history.get().history_user is None


def test_changes_and_deletions_on_reimport_name_the_user(small_data):
    import_strategy(small_data)
    editor = UserFactory(username="second")
    small_data["strategy"]["goal_areas"][0]["actions"][0]["title"] = "Ny tittel"
    small_data["strategy"]["goal_areas"][0]["actions"].pop(1)

    import_strategy(small_data, user=editor)

    changed = Action.history.filter(code="1.1", history_type="~").latest("history_date")
    deleted = Action.history.get(code="1.2", history_type="-")
    assert (changed.title, changed.history_user) == ("Ny tittel", editor)
    assert deleted.history_user == editor


def test_unchanged_reimport_adds_no_history():
    import_file(SMALL)
    before = Action.history.count(), Strategy.history.count(), Partner.history.count()
    import_file(SMALL, user=UserFactory())
    assert (Action.history.count(), Strategy.history.count(), Partner.history.count()) == before


def test_command_attributes_history_to_the_named_user():
    user = UserFactory(username="kari")
    call_command("import_strategy", str(SMALL), user="kari")
    assert Strategy.history.get().history_user == user


def test_admin_upload_attributes_history_to_the_signed_in_user(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.post(
        "/admin/goals/strategy/import/",
        {"file": SimpleUploadedFile("s.yaml", SMALL.read_bytes())},
    )
    assert Strategy.history.get().history_user == admin
