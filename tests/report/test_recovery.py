"""A report whose worker died is going again within a minute and a half, not fifteen.

The running job writes a heartbeat; beat's sweep (every REPORT_SWEEP_SECONDS) re-queues a
report whose heartbeat is older than REPORT_HEARTBEAT_TIMEOUT under a new job token, so the
dead worker's message, handed out again by Redis much later, finds nothing to do: one
render, one file. The coordinator reads "restarted after an interruption". The real-worker
version (kill -9 of the whole worker) is tests/faults/test_worker_killed.py.
"""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from annual_reports import services, tasks
from annual_reports.models import AnnualReport
from annual_reports.tasks import render_report

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def rendering(strategy, beat_ago, **fields):
    """A report a worker took `beat_ago` seconds after its last heartbeat."""
    beat = timezone.now() - timedelta(seconds=beat_ago)
    return AnnualReport.objects.create(
        strategy=strategy,
        year=YEAR,
        version=1,
        status="rendering",
        attempts=1,
        progress=50,
        started_at=beat,
        heartbeat_at=beat,
        job_token="a" * 32,
        **fields,
    )


def tiny_pdf(text=""):
    """A one-page PDF made without WeasyPrint (seconds saved per test)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdfs(settings):
    return sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_a_report_whose_job_went_silent_is_requeued_and_made_once(
    client, strategy, users, settings
):
    settings.REPORT_HEARTBEAT_TIMEOUT = 60
    report = rendering(strategy, beat_ago=61)
    # Tests run jobs in-process: the re-queued job renders right here.
    assert services.recover_stalled_reports() == (1, 0)
    report.refresh_from_db()
    assert (report.status, report.stops, report.attempts) == ("done", 1, 2)
    assert report.job_token not in ("", "a" * 32)
    assert len(pdfs(settings)) == 1
    client.force_login(users["coordinator"])
    with translation.override("en"):
        page = client.get(reverse("annual_reports:annual", args=[strategy.slug])).content.decode()
    assert "Restarted after an interruption" in page


def test_a_job_with_a_recent_heartbeat_is_left_alone(strategy, settings):
    settings.REPORT_HEARTBEAT_TIMEOUT = 60
    report = rendering(strategy, beat_ago=30)
    assert services.recover_stalled_reports() == (0, 0)
    report.refresh_from_db()
    assert (report.status, report.stops, report.job_token) == ("rendering", 0, "a" * 32)


def test_the_dead_workers_message_coming_back_finds_nothing_to_do(strategy, settings, monkeypatch):
    """Redis hands the old message out again after its visibility timeout: dropped."""
    monkeypatch.setattr(services, "enqueue", lambda report: True)  # the new job still queued
    report = rendering(strategy, beat_ago=120)
    assert services.recover_stalled_reports() == (1, 0)
    assert render_report.apply((report.pk, "a" * 32)).get() == "nothing to do"
    report.refresh_from_db()
    assert (report.status, report.attempts) == ("queued", 1)
    assert pdfs(settings) == []


def test_a_job_taken_for_dead_that_finishes_after_all_stores_nothing(strategy, settings):
    """A worker frozen, not dead (SIGSTOP, a stalled disk), wakes after the re-queue: its
    PDF is not stored, its failure not recorded; the new job's result counts."""
    report = rendering(strategy, beat_ago=0)
    AnnualReport.objects.filter(pk=report.pk).update(job_token="b" * 32)
    assert services.store_pdf(report, tiny_pdf(), "a" * 32) is False
    assert services.mark_failed(report.pk, AnnualReport.Failure.UNEXPECTED, "a" * 32) == 0
    assert services.heartbeat(report.pk, "a" * 32) is False
    report.refresh_from_db()
    assert report.status == "rendering" and pdfs(settings) == []


def test_a_report_whose_job_dies_every_time_is_failed_with_the_reason(strategy, settings):
    settings.REPORT_MAX_ATTEMPTS = 3
    report = rendering(strategy, beat_ago=600, stops=2)
    assert services.recover_stalled_reports() == (0, 1)
    report.refresh_from_db()
    assert (report.status, report.failure, report.stops) == ("failed", "job_stopped", 3)
    with translation.override("en"):
        assert "The job stopped 3 times" in report.error


def test_a_new_pdf_replaces_the_old_file_in_one_step(strategy, settings):
    """Same name, new content, no partial file left beside it."""
    report = rendering(strategy, beat_ago=0)
    first = tiny_pdf("new")
    path = Path(settings.MEDIA_ROOT) / services.file_name(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"old half-written file")
    assert services.store_pdf(report, first, "a" * 32)
    report.refresh_from_db()
    assert report.file.name == services.file_name(report)
    assert path.read_bytes() == first
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.django_db(transaction=True)
def test_the_running_job_keeps_its_heartbeat_fresh(strategy, settings):
    settings.REPORT_HEARTBEAT_SECONDS = 0.05
    report = rendering(strategy, beat_ago=300)
    with tasks.Heartbeat(report.pk, "a" * 32):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            report.refresh_from_db()
            if timezone.now() - report.heartbeat_at < timedelta(seconds=5):
                break
            time.sleep(0.05)
    assert timezone.now() - report.heartbeat_at < timedelta(seconds=5)
    settings.REPORT_HEARTBEAT_TIMEOUT = 60
    assert services.recover_stalled_reports() == (0, 0)


def test_beat_sweeps_every_30_seconds_and_the_limits_fit(settings):
    from django.core import checks

    entry = settings.CELERY_BEAT_SCHEDULE["sweep-reports"]
    assert entry["task"] == "reporting.tasks.sweep_reports"
    assert entry["schedule"] == timedelta(seconds=30)
    assert settings.REPORT_HEARTBEAT_TIMEOUT == 60
    settings.REPORT_HEARTBEAT_SECONDS = 30
    errors = [e.id for e in checks.run_checks(tags=["annual_reports"])]
    assert "annual_reports.E003" in errors
