"""Redis goes away while reports are queued and rendering.

Every report ends done or failed with a reason (lost jobs are failed by the stuck-report
sweeper), none twice; the pages keep working while the broker is down, and "Generate"
says the queue is unreachable instead of failing with a server error.
"""

import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from annual_reports import services
from annual_reports.models import AnnualReport
from tests.report.conftest import build_strategy, users_for
from tests.workers import report_of, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
YEARS = [2025, 2024, 2026]


def generate(client, strategy, year):
    url = reverse("annual_reports:annual_generate", args=[strategy.slug])
    return client.post(url, {"year": year}, follow=True)


def sweep_later():
    """The stuck-report sweeper (beat, every 5 min), as it runs once the limit has passed
    (REPORT_STUCK_AFTER, after the visibility timeout)."""
    services.fail_stuck_reports(now=timezone.now() + services.stuck_after() + timedelta(1))


def assert_settled_once_each(strategy, settings):
    """Done or failed with a reason; one row per request; one file per done report."""
    reports = list(report_of(strategy))
    for report in reports:
        assert report.status in {"done", "failed"}, (report.year, report.status)
        assert report.status == "done" or report.error, report
    keys = [(r.year, r.version) for r in reports]
    assert len(keys) == len(set(keys))
    files = sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    done = sorted(Path(r.file.name).name for r in reports if r.status == "done")
    assert files == done
    return {r.year: r for r in reports}


def test_redis_restart_loses_no_report_silently_and_pages_keep_working(
    client, redis_server, workers, settings
):
    strategy = build_strategy()
    people = users_for(strategy)
    workers.start(render_delay=8)
    client.force_login(people["coordinator"])
    for year in YEARS:
        generate(client, strategy, year)
    wait_for(
        lambda: report_of(strategy).filter(status="rendering", progress=10).exists(),
        60,
        workers.logs,
    )
    assert redis_server.queued(workers.queue) == 2  # the other two wait in Redis

    # Redis crashes: no persistence, so the two queued jobs are gone with it.
    redis_server.stop(signal.SIGKILL)

    for page in (
        reverse("dashboards:dashboard", args=[strategy.slug]),
        reverse("actions:plan", args=[strategy.slug]),
        reverse("annual_reports:annual", args=[strategy.slug]),
    ):
        assert client.get(page).status_code == 200, page
    started = time.monotonic()
    response = generate(client, strategy, 2027)
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert "The job queue is not reachable" in response.content.decode()

    redis_server.start()
    wait_for(lambda: not report_of(strategy).filter(status="rendering").exists(), 60, workers.logs)
    sweep_later()
    reports = assert_settled_once_each(strategy, settings)
    rendering_year = YEARS[0]
    assert reports[rendering_year].status == "done"  # finished while Redis was away
    for year in YEARS[1:]:
        assert (reports[year].status, reports[year].failure) == ("failed", "not_finished")
    assert reports[2027].failure == "queue_unreachable"

    # Back to normal: asking again makes a new version, and it is made.
    generate(client, strategy, YEARS[1])
    wait_for(
        lambda: report_of(strategy).filter(year=YEARS[1], version=2, status="done").exists(),
        60,
        workers.logs,
    )
    assert_settled_once_each(strategy, settings)


@pytest.mark.parametrize("redis_server", [True], indirect=True, ids=["append-only"])
def test_redis_with_append_only_file_restarted_every_queued_report_is_made_once(
    client, redis_server, workers, settings
):
    """docker-compose runs Redis with an append-only file: queued jobs survive a restart."""
    strategy = build_strategy()
    people = users_for(strategy)
    workers.start(render_delay=5)
    client.force_login(people["coordinator"])
    for year in YEARS:
        generate(client, strategy, year)
    wait_for(
        lambda: report_of(strategy).filter(status="rendering", progress=10).exists(),
        60,
        workers.logs,
    )
    assert redis_server.queued(workers.queue) == 2

    redis_server.restart()

    wait_for(
        lambda: report_of(strategy).filter(status="done").count() == len(YEARS), 90, workers.logs
    )
    reports = assert_settled_once_each(strategy, settings)
    assert sorted(reports) == sorted(YEARS)
    assert all(r.version == 1 for r in reports.values())


def test_hung_broker_generate_answers_within_seconds_with_a_message(
    client, redis_server, workers, settings
):
    """Redis stopped (not dead): connections open but nothing answers."""
    strategy = build_strategy()
    people = users_for(strategy)
    client.force_login(people["coordinator"])
    generate(client, strategy, 2025)  # warm the connection pool on a live broker
    redis_server.proc.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        response = generate(client, strategy, 2024)
        elapsed = time.monotonic() - started
    finally:
        redis_server.proc.send_signal(signal.SIGCONT)
    # Well below gunicorn's 30 s worker timeout, which would end it as a 502 instead.
    assert elapsed < 20
    assert "The job queue is not reachable" in response.content.decode()
    assert AnnualReport.objects.get(strategy=strategy, year=2024).status == "failed"
