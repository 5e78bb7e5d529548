"""A real Redis broker and a real Celery worker process (not eager mode).

Needs REDIS_URL and PostgreSQL (the worker, a separate process, must see the test
database; SQLite's in-memory test database it cannot). Skipped without them locally;
with CI=true a missing REDIS_URL is a failure, so CI cannot silently skip these.
Each test uses a queue of its own, so stray workers on the same Redis cannot take its tasks.
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.urls import reverse

from annual_reports.models import AnnualReport
from tests.workers import children, report_of, wait_for, wait_until_done

from .conftest import YEAR, build_strategy, pdf_text, users_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_renders_the_report_enqueued_from_the_page(client, workers):
    strategy = build_strategy()
    people = users_for(strategy)
    workers.start()
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": YEAR}
    )
    assert response.status_code == 302
    report = wait_until_done(strategy, workers)
    client.force_login(people["politician"])
    download = client.get(reverse("annual_reports:annual_download", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    text, pages = pdf_text(b"".join(download.streaming_content))
    assert pages == report.page_count
    for title in ("Tiltak 0-0", "Tiltak 1-1", "Gjort i tiltak 1-0"):
        assert title in text


def test_killed_worker_mid_render_the_report_still_ends_done_once(client, workers, settings):
    strategy = build_strategy()
    people = users_for(strategy)
    first = workers.start(render_delay=30)
    client.force_login(people["coordinator"])
    client.post(reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": YEAR})
    wait_for(
        lambda: report_of(strategy).filter(status="rendering", progress=10).exists(),
        60,
        workers.logs,
    )
    # Warm shutdown: the worker takes no new task but waits for the running one...
    first.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    # ...whose process is then killed mid-render (OOM killer, node lost).
    for child in children(first.pid):
        os.kill(child, signal.SIGKILL)
    first.wait(timeout=30)
    assert report_of(strategy).get().status == "rendering"  # nobody finished it yet

    workers.start()  # a new worker picks the re-queued task up
    report = wait_until_done(strategy, workers)
    assert report_of(strategy).count() == 1
    assert (report.version, report.attempts) == (1, 2)
    files = list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert [f.name for f in files] == [Path(report.file.name).name]


def test_a_task_delivered_twice_makes_one_version(workers):
    from annual_reports.tasks import render_report

    strategy = build_strategy()
    report = AnnualReport.objects.create(strategy=strategy, year=YEAR, version=1)
    workers.start()
    for _ in range(2):
        render_report.apply_async((report.pk,), queue=workers.queue)
    wait_until_done(strategy, workers)
    wait_for(lambda: workers.logs().count("succeeded") >= 2, 60, workers.logs)
    report.refresh_from_db()
    assert report_of(strategy).count() == 1 and report.attempts == 1
