"""The report job is idempotent, fails with a reason the coordinator can act on, never hangs.

A failed report stays failed (no late "done" beside the version made again), a report that
stops the worker every time is given up after REPORT_MAX_ATTEMPTS, and the reason is shown
in the viewer's language without internal details.
"""

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation

from annual_reports import services
from annual_reports.models import AnnualReport
from annual_reports.tasks import render_report

from .conftest import YEAR, build_strategy, users_for

pytestmark = pytest.mark.django_db


def queued(strategy, **fields):
    return AnnualReport.objects.create(strategy=strategy, year=YEAR, version=1, **fields)


def report_files(settings):
    return sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def reason(report):
    """The reason as an English-speaking coordinator reads it."""
    report.refresh_from_db()
    with translation.override("en"):
        return report.error


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
    assert reason(report) == "Rendering took longer than 300 seconds and was stopped."


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
    assert report.stops == 0  # retries of a passing error are not a stopped job


def test_a_persistent_transient_error_ends_failed_after_the_last_retry(strategy, monkeypatch):
    def broken(html):
        raise OSError("disk full")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    report = queued(strategy)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.attempts == 4
    assert reason(report).startswith("Rendering failed 4 times because the database or the")


def test_an_unexpected_error_shows_a_generic_reason_and_logs_the_details(
    client, strategy, users, monkeypatch, caplog
):
    def broken(html):
        raise KeyError("/srv/app/media/secret path")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    report = queued(strategy)
    with caplog.at_level(logging.ERROR, logger="annual_reports.tasks"):
        render_report.apply((report.pk,))
    assert "/srv/app/media/secret path" in caplog.text  # the administrator finds it in the log
    client.force_login(users["coordinator"])
    page = client.get(reverse("annual_reports:annual", args=[strategy.slug])).content.decode()
    assert "An unexpected error stopped the report. Tell the system administrator." in page
    assert "secret path" not in page and "KeyError" not in page
    report.refresh_from_db()
    assert (report.status, report.failure) == ("failed", "unexpected")


def test_a_report_that_stops_the_worker_every_time_is_given_up(client, strategy, users, settings):
    """Killed mid-render (out of memory, a crash in the PDF library) on each of its
    REPORT_MAX_ATTEMPTS attempts: the next delivery fails it instead of rendering again."""
    settings.REPORT_MAX_ATTEMPTS = 3
    report = queued(strategy, status="rendering", attempts=3, stops=2, progress=10)
    assert render_report.apply((report.pk,)).get() == "nothing to do"
    report.refresh_from_db()
    assert (report.status, report.attempts, report.stops) == ("failed", 3, 3)
    assert report_files(settings) == []
    client.force_login(users["coordinator"])
    page = client.get(reverse("annual_reports:annual", args=[strategy.slug])).content.decode()
    assert "The job stopped 3 times while making this report" in page
    # Delivered once more (still in the queue somewhere): nothing happens.
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert (report.status, report.attempts) == ("failed", 3)


def test_a_report_that_stopped_fewer_times_than_the_cap_is_finished(strategy, settings):
    settings.REPORT_MAX_ATTEMPTS = 3
    report = queued(strategy, status="rendering", attempts=2, stops=1, progress=10)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert (report.status, report.attempts, report.stops) == ("done", 3, 2)


def test_limits_in_order_soft_hard_visibility_sweep(settings):
    from annual_reports import tasks

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert tasks.RETRY_BACKOFF_MAX < visibility
    assert (
        settings.REPORT_SOFT_TIME_LIMIT
        < settings.REPORT_TIME_LIMIT
        < visibility
        # Redis needs up to ~100 s after the timeout to hand a dead worker's job out again.
        < visibility + 100
        < settings.REPORT_STUCK_AFTER
    )
    assert render_report.acks_late and render_report.reject_on_worker_lost
    assert render_report.time_limit == settings.REPORT_TIME_LIMIT


def test_reports_stuck_past_the_time_limit_are_shown_as_failed(client, strategy, users, settings):
    settings.REPORT_STUCK_AFTER = 20 * 60
    long_ago = timezone.now() - timedelta(minutes=21)
    stuck = queued(strategy, status="rendering", started_at=long_ago)
    fresh = AnnualReport.objects.create(
        strategy=strategy, year=YEAR, version=2, started_at=timezone.now(), status="rendering"
    )
    client.force_login(users["coordinator"])
    html = client.get(reverse("annual_reports:annual", args=[strategy.slug])).content.decode()
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == "failed" and stuck.failure == "not_finished"
    assert "did not finish within 20 minutes" in html
    assert fresh.status == "rendering"


def test_a_report_failed_as_stuck_is_not_rendered_when_its_job_comes_back(strategy, settings):
    """The page told the coordinator to generate it again: a late re-delivery of the old
    job must not turn it done beside the new version."""
    report = queued(strategy, status="rendering", started_at=timezone.now() - timedelta(hours=1))
    assert services.fail_stuck_reports() == 1
    assert render_report.apply((report.pk,)).get() == "nothing to do"
    report.refresh_from_db()
    assert (report.status, report.failure, report.attempts) == ("failed", "not_finished", 0)
    assert not report.file and report_files(settings) == []


def test_a_report_swept_while_rendering_is_not_stored(strategy, settings, monkeypatch):
    real = services.html_to_pdf

    def swept_meanwhile(html):
        pdf = real(html)
        services.fail_stuck_reports(now=timezone.now() + services.stuck_after() * 2)
        return pdf

    monkeypatch.setattr(services, "html_to_pdf", swept_meanwhile)
    report = queued(strategy)
    render_report.apply((report.pk,))
    report.refresh_from_db()
    assert (report.status, report.failure) == ("failed", "not_finished")
    assert report_files(settings) == []


def test_the_reason_is_in_the_language_of_whoever_reads_it(client, settings):
    """Beat sweeps with no viewer (Norwegian default); Arvika's coordinator reads Swedish."""
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    arvika = build_strategy(language="sv")
    people = users_for(arvika)
    report = queued(arvika, status="rendering", started_at=timezone.now() - timedelta(hours=1))
    with translation.override("nb"):
        services.fail_stuck_reports()
    client.force_login(people["coordinator"])
    partial = client.get(
        reverse("annual_reports:annual_status", args=[arvika.slug])
    ).content.decode()
    minutes = settings.REPORT_STUCK_AFTER // 60
    assert f"Rapporten blev inte klar inom {minutes} minuter." in partial
    assert "Rapporten ble ikke ferdig" not in partial
    report.refresh_from_db()
    with translation.override("nn"):
        assert report.error.startswith(f"Rapporten vart ikkje ferdig innan {minutes} minutt.")


def test_old_reasons_stored_as_text_become_codes():
    from importlib import import_module

    migration = import_module("reporting.migrations.0002_failure_code_and_stops")
    assert migration.failure_code("Rapporten blev inte klar inom 11 minuter.") == "not_finished"
    assert migration.failure_code("Jobbkøen svarer ikke, så …") == "queue_unreachable"
    assert migration.failure_code("Rendering failed 4 times on a passing error (OSError).") == (
        "passing_errors"
    )
    assert migration.failure_code("Rendering failed: KeyError: '/srv/secret'") == "unexpected"


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
        reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": YEAR}, follow=True
    )
    assert timezone.now() - started < timedelta(seconds=10)  # no hanging request
    assert "The job queue is not reachable" in response.content.decode()
    report = AnnualReport.objects.get()
    assert report.status == "failed" and "not reachable" in reason(report)
    assert not report.file and not report.checksum and report.page_count is None
    assert report_files(settings) == []
