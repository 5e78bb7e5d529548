"""Real Celery worker processes for tests: a real Redis broker, the PostgreSQL test DB.

Used by the report, fault and browser tests. Each test gets a queue of its own, so stray
workers on the same Redis cannot take its tasks. Without REDIS_URL the tests skip, but
with CI=true they fail: CI must never silently skip them. On SQLite they skip (a worker,
a separate process, cannot see the in-memory test database).
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

from annual_reports.models import AnnualReport

ROOT = Path(__file__).resolve().parents[1]


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
            # Read by tests/slow_worker.py, never by the portal's settings.
            "REPORT_TEST_RENDER_DELAY": str(render_delay),
            # Beats every half second, so a test can take a job silent for 3 s as dead.
            "REPORT_HEARTBEAT_SECONDS": "0.5",
        }
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                # A slow render (test-only bootstrap) when asked for, else the portal's app.
                "tests.slow_worker" if render_delay else "strategy_portal",
                "worker",
                "--concurrency=1",
                "--pool=prefork",
                "-Q",
                self.queue,
                "-n",
                f"{self.queue}-{n}@%h",
                "--loglevel=info",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.log_path = log_path
        self.procs.append(proc)
        wait_for(
            lambda: "ready." in log_path.read_text() or proc.poll() is not None,
            60,
            lambda: log_path.read_text(),
        )
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
        pytest.skip(
            "a worker process cannot see SQLite's in-memory test database; "
            "run with DATABASE_URL=postgres://…"
        )
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
