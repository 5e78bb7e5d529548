"""A real Redis broker and a real Celery worker process (not eager mode).

Needs REDIS_URL and PostgreSQL (the worker, a separate process, must see the test
database; SQLite's in-memory test database it cannot). Skipped without them locally;
with CI=true a missing REDIS_URL is a failure, so CI cannot silently skip these.
Each test uses a queue of its own, so stray workers on the same Redis cannot take its tasks.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from reporting.models import AnnualReport

from .conftest import YEAR, build_strategy, pdf_text, users_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Starts `celery worker` processes on this test's queue and stops them afterwards."""

    def __init__(self, queue, media_root, log_dir):
        self.queue, self.media_root, self.log_dir = queue, media_root, log_dir
        self.procs = []

    def start(self, render_delay=0):
        n = len(self.procs)
        log_path = self.log_dir / f"worker-{n}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
            "DATABASE_URL": database_url(),
            "DB_CONN_MAX_AGE": "0",
            "MEDIA_ROOT": str(self.media_root),
            "REPORT_QUEUE": self.queue,
            "REPORT_TEST_RENDER_DELAY": str(render_delay),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "strategy_portal", "worker",
             "--concurrency=1", "--pool=prefork", "-Q", self.queue,
             "-n", f"{self.queue}-{n}@%h", "--loglevel=info", "--without-gossip",
             "--without-mingle"],
            cwd=ROOT, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.log_path = log_path
        self.procs.append(proc)
        wait_for(lambda: "ready." in log_path.read_text() or proc.poll() is not None, 60,
                 lambda: log_path.read_text())
        assert proc.poll() is None, log_path.read_text()
        return proc

    def stop_all(self):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def logs(self):
        return "\n".join(p.log_path.read_text() for p in self.procs)


def wait_for(condition, timeout, describe=lambda: ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s\n{describe()}")


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.fixture
def workers(transactional_db, settings, tmp_path):
    if not os.environ.get("REDIS_URL"):
        message = "REDIS_URL is not set: real-worker tests need a Redis broker"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: these tests must run in CI, not be skipped)")
        pytest.skip(message)
    if connection.vendor != "postgresql":
        pytest.skip("a worker process cannot see SQLite's in-memory test database; "
                    "run with DATABASE_URL=postgres://…")
    from strategy_portal.celery import app

    queue = f"report-test-{uuid.uuid4().hex[:12]}"
    settings.REPORT_QUEUE = queue
    app.conf.task_always_eager = False
    pool = Workers(queue, settings.MEDIA_ROOT, tmp_path)
    yield pool
    pool.stop_all()


def report_of(strategy):
    return AnnualReport.objects.filter(strategy=strategy)


def wait_until_done(strategy, workers, timeout=90):
    def finished():
        return report_of(strategy).filter(status__in=["done", "failed"]).exists()

    wait_for(finished, timeout, workers.logs)
    report = report_of(strategy).get()
    assert report.status == "done", f"{report.error}\n{workers.logs()}"
    return report


def test_worker_renders_the_report_enqueued_from_the_page(client, workers):
    strategy = build_strategy()
    people = users_for(strategy)
    workers.start()
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("reporting:annual_generate", args=[strategy.slug]), {"year": YEAR}
    )
    assert response.status_code == 302
    report = wait_until_done(strategy, workers)
    client.force_login(people["politician"])
    download = client.get(reverse("reporting:annual_download", args=[report.pk]))
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
    client.post(reverse("reporting:annual_generate", args=[strategy.slug]), {"year": YEAR})
    wait_for(lambda: report_of(strategy).filter(status="rendering", progress=10).exists(), 60,
             workers.logs)
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
    from reporting.tasks import render_report

    strategy = build_strategy()
    report = AnnualReport.objects.create(strategy=strategy, year=YEAR, version=1)
    workers.start()
    for _ in range(2):
        render_report.apply_async((report.pk,), queue=workers.queue)
    wait_until_done(strategy, workers)
    wait_for(lambda: workers.logs().count("succeeded") >= 2, 60, workers.logs)
    report.refresh_from_db()
    assert report_of(strategy).count() == 1 and report.attempts == 1
