"""Backup → empty database → restore gives back every row and every report file."""

import zipfile

import pytest
from django.core import management
from django.core.management.base import CommandError

from accounts.models import Membership, Role
from actions.models import Action, ExternalFunding, FollowUp
from annual_reports.models import AnnualReport
from partners.models import TwinTown
from partners.services import change_twin_town_status
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    PartnerFactory,
    TwinTownFactory,
    member,
)


@pytest.fixture
def plan(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    action = ActionFactory(title="Arrangera årleg open internasjonal dag")
    municipality = action.strategy.municipality
    action.partners.add(PartnerFactory(municipality=municipality, name="KS"))
    twin = TwinTownFactory(municipality=municipality, name="Älmhult")
    import datetime

    change_twin_town_status(twin, status="being_ended", changed_on=datetime.date(2016, 6, 1))
    follow_up = FollowUpFactory(action=action, year=2025, what_was_done="Open dag med 400 gjester")
    ExternalFundingFactory(follow_up=follow_up, amount=25000)
    member(Role.EDITOR, municipality, username="redaktor")
    report = AnnualReport.objects.create(strategy=action.strategy, year=2025, version=1)
    from django.core.files.base import ContentFile

    report.file.save("time-2025-v1.pdf", ContentFile(b"%PDF-1.7 test"))
    return action


def _snapshot():
    return {
        "actions": list(Action.objects.values_list("title", flat=True)),
        "follow_ups": list(FollowUp.objects.values_list("year", "what_was_done")),
        "funding": list(ExternalFunding.objects.values_list("amount", flat=True)),
        "twin": list(TwinTown.objects.values_list("name", "status")),
        "memberships": list(Membership.objects.values_list("user__username", "role")),
        "history": Action.history.count(),
        "reports": list(AnnualReport.objects.values_list("file", flat=True)),
    }


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_every_row_and_file(plan, tmp_path, settings):
    before = _snapshot()
    archive = tmp_path / "backup.zip"
    management.call_command("backup", str(archive))
    pdf = settings.MEDIA_ROOT / before["reports"][0]
    pdf.unlink()

    management.call_command("flush", interactive=False)
    assert Action.objects.count() == 0

    management.call_command("restore", str(archive))
    assert _snapshot() == before
    assert pdf.read_bytes() == b"%PDF-1.7 test"
    assert TwinTown.objects.get().status_changes.get().status == "being_ended"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(plan, tmp_path):
    archive = tmp_path / "backup.zip"
    management.call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        management.call_command("restore", str(archive))
    assert Action.objects.count() == 1


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    bogus = tmp_path / "bogus.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(CommandError, match="Not a Strategy Portal backup"):
        management.call_command("restore", str(bogus))
