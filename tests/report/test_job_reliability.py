"""The report job is idempotent, fails with a reason the coordinator can act on, never hangs."""

from datetime import timedelta
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from reporting import services
from reporting.models import AnnualReport
from reporting.tasks import render_report

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def queued(strategy, **fields):
    return AnnualReport.objects.create(strategy=strategy, year=YEAR, version=1, **fields)


def report_files(settings):
    return sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_running_the_task_twice_makes_one_version_and_one_file(strategy, settings):
    report = queued(strategy)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    first = (report.checksum, report.file.name, report.finished_at)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert AnnualReport.objects.count() == 1
    assert (report.checksum, report.file.name, report.finished_at) == first
    assert report.attempts == 1
    assert len(report_files(settings)) == 1


def test_a_report_left_rendering_by_a_dead_worker_is_finished_on_redelivery(strategy, settings):
    report = queued(strategy, status="rendering", attempts=1, progress=50)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert (report.status, report.attempts, report.progress) == ("done", 2, 100)
    assert len(report_files(settings)) == 1


def test_soft_time_limit_marks_the_report_failed_with_the_reason(strategy, monkeypatch):
    def too_slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "html_to_pdf", too_slow)
    report = queued(strategy)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert report.status == "failed"
    assert "longer than" in report.error and "stopped" in report.error


def test_transient_errors_are_retried_and_the_report_still_finishes(strategy, monkeypatch):
    real = services.html_to_pdf
    calls = []

    def flaky(html):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("database restarting")
        return real(html)

    monkeypatch.setattr(services, "html_to_pdf", flaky)
    report = queued(strategy)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert len(calls) == 3
    assert report.status == "done" and report.attempts == 3


def test_a_persistent_transient_error_ends_failed_after_the_last_retry(strategy, monkeypatch):
    def broken(html):
        raise OSError("disk full")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    report = queued(strategy)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.attempts == 4
    assert "OSError" in report.error


def test_retry_back_off_stays_below_the_visibility_timeout(settings):
    from reporting import tasks

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert tasks.RETRY_BACKOFF_MAX < visibility
    assert settings.REPORT_SOFT_TIME_LIMIT < settings.REPORT_TIME_LIMIT < visibility
    assert render_report.acks_late and render_report.reject_on_worker_lost
    assert render_report.time_limit == settings.REPORT_TIME_LIMIT


def test_reports_stuck_past_the_time_limit_are_shown_as_failed(client, strategy, users, settings):
    settings.REPORT_TIME_LIMIT, settings.REPORT_STUCK_MARGIN = 360, 240
    long_ago = timezone.now() - timedelta(minutes=11)
    stuck = queued(strategy, status="rendering", started_at=long_ago)
    fresh = AnnualReport.objects.create(
        strategy=strategy, year=YEAR, version=2, started_at=timezone.now(), status="rendering"
    )
    client.force_login(users["coordinator"])
    html = client.get(reverse("reporting:annual", args=[strategy.slug])).content.decode()
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == "failed" and "did not finish within 10 minutes" in stuck.error
    assert "did not finish within 10 minutes" in html
    assert fresh.status == "rendering"


def test_queued_reports_never_picked_up_are_failed_too(strategy, settings):
    report = queued(strategy)
    AnnualReport.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - timedelta(hours=1)
    )
    assert services.fail_stuck_reports() == 1
    report.refresh_from_db()
    assert report.status == "failed"


@pytest.fixture
def dead_broker(settings):
    """Celery publishing for real, to a port where nothing listens."""
    from strategy_portal.celery import app

    saved = (app.conf.broker_url, app._pool, app.amqp._producer_pool)
    # A fresh connection pool for the dead address; the working one is put back after.
    app._pool = app.amqp._producer_pool = None
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    yield
    app.conf.broker_url, app._pool, app.amqp._producer_pool = saved


@pytest.mark.django_db(transaction=True)  # on_commit runs as in production
def test_broker_down_tells_the_coordinator_and_leaves_a_failed_row(
    client, strategy, users, dead_broker, settings
):
    client.force_login(users["coordinator"])
    started = timezone.now()
    response = client.post(
        reverse("reporting:annual_generate", args=[strategy.slug]), {"year": YEAR}, follow=True
    )
    assert timezone.now() - started < timedelta(seconds=10)  # no hanging request
    assert "The job queue is not reachable" in response.content.decode()
    report = AnnualReport.objects.get()
    assert report.status == "failed" and "not reachable" in report.error
    assert not report.file and not report.checksum and report.page_count is None
    assert report_files(settings) == []
