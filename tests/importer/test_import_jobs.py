"""The admin's "Check only" (a dry run) and large files imported by the worker: the page
follows the job and shows its outcome; nothing heavy runs in the web request."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from goals.models import Strategy
from strategy_files import import_jobs
from strategy_files.models import ImportJob
from tests.factories import MunicipalityFactory, UserFactory, member

from .conftest import SMALL, row_counts

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/goals/strategy/import/"


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _post(client, content, **extra):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile("strategi.yaml", content), **extra})


def _padded(content, size):
    """The same strategy file, made larger than `size` by a YAML comment."""
    return content + b"\n# " + b"x" * size + b"\n"


def test_check_only_lists_what_would_change_and_writes_nothing(admin_client):
    before = row_counts()
    response = _post(admin_client, SMALL.read_bytes(), check="Check only")

    assert response.status_code == 200
    page = response.content.decode()
    assert "The file can be imported. Nothing was written" in page
    assert "Tiltak: 3 added" in page
    assert row_counts() == before


def test_check_only_of_a_bad_file_lists_its_errors(admin_client):
    bad = SMALL.read_bytes().replace(b"responsible: kultur", b"responsible: x", 1)
    page = _post(admin_client, bad, check="Check only").content.decode()
    assert "unknown responsible party" in page
    assert "The file can be imported" not in page


def test_an_import_says_what_it_changed(admin_client):
    response = _post(admin_client, SMALL.read_bytes())
    page = admin_client.get(response["Location"]).content.decode()
    assert "Satsingsområder: 2 added" in page


def test_a_large_file_goes_to_the_worker_and_the_page_follows_it(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_IN_WORKER_BYTES = 4096
    content = _padded(SMALL.read_bytes(), 5000)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _post(admin_client, content)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:goals_strategy_import_job", args=[job.pk])
    assert not Strategy.objects.exists()  # nothing imported in the request

    waiting = admin_client.get(response["Location"]).content.decode()
    assert "Waiting for the worker" in waiting
    assert "data-refresh" in waiting

    for callback in callbacks:  # the broker hands the job to the (eager) worker
        callback()
    done = admin_client.get(response["Location"]).content.decode()
    assert "Imported. What changed:" in done
    assert "Tiltak: 3 added" in done
    assert "data-refresh" not in done
    job.refresh_from_db()
    assert job.status == "done" and job.content == b""
    assert job.strategy == Strategy.objects.get(slug="testby-2024-2027")


def test_a_large_file_with_errors_shows_every_error_on_the_job_page(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_IN_WORKER_BYTES = 1024
    bad = SMALL.read_bytes().replace(b"responsible: kultur", b"responsible: x", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(admin_client, _padded(bad, 2000))
    page = admin_client.get(response["Location"]).content.decode()
    assert "The file was not imported: 1 problem" in page
    assert "unknown responsible party" in page
    assert not Strategy.objects.exists()


def test_a_large_check_only_runs_in_the_worker_and_writes_nothing(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_IN_WORKER_BYTES = 1024
    before = row_counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(admin_client, _padded(SMALL.read_bytes(), 2000), check="1")
    page = admin_client.get(response["Location"]).content.decode()
    assert "Nothing was written; an import would change:" in page
    assert row_counts() == before


def test_only_who_started_a_job_sees_it(client, superuser):
    municipality = MunicipalityFactory(slug="testby")
    job = ImportJob.objects.create(
        requested_by=superuser, filename="x.yaml", content=b"", language="en"
    )
    other = member(Role.COORDINATOR, municipality, is_staff=True)
    client.force_login(other)
    assert client.get(reverse("admin:goals_strategy_import_job", args=[job.pk])).status_code in (
        302,
        403,
        404,
    )
    client.force_login(superuser)
    assert client.get(reverse("admin:goals_strategy_import_job", args=[job.pk])).status_code == 200


def test_a_job_past_its_time_limit_fails_with_the_reason_and_writes_nothing(superuser, monkeypatch):
    with translation.override("en"):
        job = import_jobs.start(SMALL.read_bytes(), "s.yaml", user=superuser)

    def too_slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("strategy_files.import_writer.write", too_slow)
    before = row_counts()
    assert import_jobs.run(job.pk, time_limit_errors=(SoftTimeLimitExceeded,)) == "timed out"
    job.refresh_from_db()
    assert job.status == "failed"
    assert "was stopped; nothing was written" in job.errors[0]
    assert row_counts() == before


def test_a_job_that_keeps_stopping_the_worker_is_given_up(superuser):
    job = import_jobs.start(SMALL.read_bytes(), "s.yaml", user=superuser)
    ImportJob.objects.filter(pk=job.pk).update(status="running", attempts=2)

    assert import_jobs.run(job.pk) == "nothing to do"

    job.refresh_from_db()
    assert job.status == "failed" and "stopped the worker 2 times" in job.errors[0]


def test_a_job_for_another_municipality_is_refused_in_the_worker(superuser):
    MunicipalityFactory(slug="testby")
    coordinator = member(Role.COORDINATOR, MunicipalityFactory(slug="annenby"), is_staff=True)
    job = import_jobs.start(SMALL.read_bytes(), "s.yaml", user=coordinator)

    import_jobs.run(job.pk)

    job.refresh_from_db()
    assert job.status == "failed"
    assert not Strategy.objects.exists()


def test_a_dead_queue_fails_the_job_with_a_clear_message(superuser, monkeypatch):
    with translation.override("en"):
        job = import_jobs.start(SMALL.read_bytes(), "s.yaml", user=superuser)

    def unreachable(*args, **kwargs):
        raise ConnectionError("refused")

    monkeypatch.setattr("strategy_files.tasks.import_strategy_file.apply_async", unreachable)
    import_jobs.enqueue(job.pk)

    job.refresh_from_db()
    assert job.status == "failed"
    assert "The import queue is not reachable" in job.errors[0]
