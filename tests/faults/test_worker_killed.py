"""The whole Celery worker is killed (SIGKILL: OOM killer, node lost) while rendering.

The jobs still queued are made by the next worker; the one that was rendering shows as
failed with a reason once the stuck-report sweeper sees it past the time limit, and is
finished, as the same version, when Redis hands its unacknowledged job out again after
the visibility timeout. Nothing is made twice.
"""

import os
import signal

import pytest
from kombu import Connection

from tests.report.conftest import build_strategy, users_for
from tests.workers import report_of, wait_for

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
    first.wait(timeout=10)
    killed = report_of(strategy).get(status="rendering")

    workers.start()
    wait_for(lambda: report_of(strategy).filter(status="done").count() == 2, 60, workers.logs)
    sweep_later()
    killed.refresh_from_db()
    assert killed.status == "failed" and "did not finish" in killed.error
    assert_settled_once_each(strategy, settings)

    redeliver_overdue(redis_server.url)
    wait_for(lambda: report_of(strategy).filter(status="done").count() == 3, 60, workers.logs)
    killed.refresh_from_db()
    assert (killed.version, killed.attempts, killed.error) == (1, 2, "")
    reports = assert_settled_once_each(strategy, settings)
    assert sorted(reports) == sorted(YEARS)
