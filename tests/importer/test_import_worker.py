"""A large strategy file imported by a real Celery worker over a real Redis broker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from goals.models import Strategy
from strategy_files.models import ImportJob
from tests.factories import UserFactory
from tests.workers import wait_for

from .conftest import SMALL

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_imports_a_large_file_and_the_page_shows_the_outcome(client, workers, settings):
    settings.IMPORT_IN_WORKER_BYTES = 1024
    workers.start()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    content = SMALL.read_bytes() + b"\n# " + b"x" * 4000 + b"\n"

    response = client.post(
        "/admin/goals/strategy/import/", {"file": SimpleUploadedFile("big.yaml", content)}
    )

    assert response.status_code == 302
    wait_for(lambda: not ImportJob.objects.get().in_progress, 60, workers.logs)
    job = ImportJob.objects.get()
    assert job.status == "done", job.errors
    assert Strategy.objects.get(slug="testby-2024-2027").actions.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "Tiltak: 3 added" in page
