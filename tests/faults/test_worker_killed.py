"""The whole Celery worker is killed (SIGKILL: OOM killer, node lost) while rendering.

The jobs still queued are made by the next worker; the one that was rendering goes silent
(no heartbeat), and beat's sweep re-queues it under a new job token within about a minute:
it is finished as the same version. When Redis hands the dead worker's message out again
after the visibility timeout, it finds nothing to do. A job the lost-job sweeper failed
that comes back after all is dropped too: a failed report never turns done. A report that
kills its worker on every attempt is given up after REPORT_MAX_ATTEMPTS. Nothing is made
twice.
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.utils import translation
from kombu import Connection

from annual_reports import services
from tests.report.conftest import build_strategy, users_for
from tests.workers import children, report_of, wait_for

from .test_broker_restart import YEARS, assert_settled_once_each, generate, sweep_later

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def redeliver_overdue(broker_url):
    """What a worker does once the visibility timeout has passed (15 min in production):
    put the jobs a dead worker took but never acknowledged back on their queue."""
    with Connection(broker_url, transport_options={"visibility_timeout": 0}) as connection:
        connection.default_channel.qos.restore_visible(num=100)


def test_worker_killed_mid_render_every_report_ends_done_or_failed_once(
    client, redis_server, workers, settings
):
    """The heartbeat sweep, not the broker's visibility timeout, brings the killed
    worker's report back: done within 2 minutes of the kill, as the same version, once."""
    strategy = build_strategy()
    people = users_for(strategy)
    first = workers.start(render_delay=60)
    client.force_login(people["coordinator"])
    for year in YEARS:
        generate(client, strategy, year)
    wait_for(
        lambda: report_of(strategy).filter(status="rendering", progress=10).exists(),
        60,
        workers.logs,
    )
    assert redis_server.queued(workers.queue) == 2

    os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool process, no goodbye
    killed_at = time.monotonic()
    first.wait(timeout=10)
    killed = report_of(strategy).get(status="rendering")

    workers.start()
    # Beat's sweep (every 30 s in production; called here), with the silence a dead job is
    # taken for shortened from 60 s to 3 s (the workers beat every 0.5 s).
    settings.REPORT_HEARTBEAT_TIMEOUT = 3
    wait_for(lambda: services.recover_stalled_reports()[0] == 1, 60, workers.logs)
    wait_for(lambda: report_of(strategy).filter(status="done").count() == 3, 90, workers.logs)
    recovered_in = time.monotonic() - killed_at
    assert recovered_in < 120, recovered_in
    killed.refresh_from_db()
    assert (killed.status, killed.version, killed.attempts, killed.stops) == ("done", 1, 2, 1)

    # Much later Redis hands the dead worker's message out again: nothing is made twice.
    redeliver_overdue(redis_server.url)
    wait_for(lambda: "'nothing to do'" in workers.logs(), 60, workers.logs)
    sweep_later()  # the lost-job sweeper finds nothing left either
    killed.refresh_from_db()
    assert (killed.status, killed.attempts) == ("done", 2)
    reports = assert_settled_once_each(strategy, settings)
    assert sorted(reports) == sorted(YEARS)


def test_a_report_failed_as_lost_stays_failed_when_its_job_turns_up_again(
    client, redis_server, workers, settings
):
    """The page said "generate it again"; the old job coming back must not add a copy."""
    strategy = build_strategy()
    people = users_for(strategy)
    first = workers.start(render_delay=60)
    client.force_login(people["coordinator"])
    generate(client, strategy, YEARS[0])
    wait_for(
        lambda: report_of(strategy).filter(status="rendering", progress=10).exists(),
        60,
        workers.logs,
    )
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    sweep_later()
    lost = report_of(strategy).get()
    assert (lost.status, lost.failure) == ("failed", "not_finished")

    workers.start()
    redeliver_overdue(redis_server.url)
    wait_for(lambda: "'nothing to do'" in workers.logs(), 60, workers.logs)
    lost.refresh_from_db()
    assert (lost.status, lost.failure, lost.attempts) == ("failed", "not_finished", 1)
    assert list(Path(settings.MEDIA_ROOT).rglob("*.pdf")) == []


def test_a_report_that_kills_its_worker_every_time_is_given_up(
    client, redis_server, workers, settings
):
    """Each attempt's process dies (out of memory, a crash in the PDF library); the job is
    re-queued each time (reject_on_worker_lost) until REPORT_MAX_ATTEMPTS, then failed."""
    strategy = build_strategy()
    people = users_for(strategy)
    worker = workers.start(render_delay=60)
    client.force_login(people["coordinator"])
    generate(client, strategy, YEARS[0])
    for attempt in range(1, settings.REPORT_MAX_ATTEMPTS + 1):
        wait_for(
            lambda attempt=attempt: (
                report_of(strategy)
                .filter(status="rendering", progress=10, attempts=attempt)
                .exists()
            ),
            60,
            workers.logs,
        )
        for child in children(worker.pid):
            os.kill(child, signal.SIGKILL)
    wait_for(lambda: report_of(strategy).filter(status="failed").exists(), 60, workers.logs)
    report = report_of(strategy).get()
    assert (report.failure, report.attempts) == ("job_stopped", settings.REPORT_MAX_ATTEMPTS)
    with translation.override("en"):
        assert f"The job stopped {settings.REPORT_MAX_ATTEMPTS} times" in report.error
    assert worker.poll() is None  # the worker itself lives on for the next reports
    assert list(Path(settings.MEDIA_ROOT).rglob("*.pdf")) == []
