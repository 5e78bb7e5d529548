"""A deploy loses nothing: stopping a process under supervisord (deploy/supervisord.conf,
as the README's production steps run it) is a graceful stop.

- The web server told to stop (`supervisorctl stop`, which sends SIGTERM) finishes the
  request it is serving: the slow request started before the stop gets its whole answer,
  then gunicorn exits; it takes no new connection meanwhile.
- The Celery worker told to stop finishes the report it is rendering (warm shutdown): the
  report ends done by that same attempt, its PDF stored, nothing left to re-queue. Only
  the worker's main process may get the SIGTERM: sent to its whole process group, the
  pool process rendering the report would die with it (Celery resets SIGTERM there).
"""

import os
import threading
import time
import urllib.request

import pytest

from .slow_wsgi import SLOW_ANSWER, SLOW_PATH
from .stack import ROOT, answers, free_port, manage, production_env, wait_for
from .test_procfile_stack import database, stack_redis_url  # noqa: F401 (fixtures)
from .test_supervised_stack import CONF, VENV_BIN, Supervised, local_config

pytestmark = pytest.mark.worker
SLOW_SECONDS = 6
RENDER_DELAY = 30  # the worker's render takes this long before the PDF is made

NEW_REPORT = """
from goals.models import Municipality, Strategy
from annual_reports import services
municipality = Municipality.objects.create(
    slug="graceful", name="Graceful kommune", country="NO", language="nb", currency="NOK"
)
strategy = Strategy.objects.create(
    municipality=municipality, slug="graceful-plan", title="Plan", period_start=2024,
    period_end=2027, status="adopted",
)
report, created = services.request_report(strategy, 2025, None)
print("report", report.pk, report.status)
"""


def slow_request(url, result):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            result["status"], result["body"] = response.status, response.read()
    except OSError as error:
        result["error"] = repr(error)
    result["seconds"] = time.monotonic() - started


def test_the_worker_is_stopped_by_its_main_process_only():
    """supervisord sends the stop signal to the worker's main process (warm shutdown), and
    kills the whole group only when the stop time runs out; systemd likewise (mixed)."""
    block = CONF.read_text().split("[program:worker]")[1].split("[program:")[0]
    assert "stopasgroup=false" in block and "killasgroup=true" in block
    unit = (ROOT / "deploy" / "systemd" / "strategy-portal-worker.service").read_text()
    assert "KillMode=mixed" in unit and "KillSignal=SIGTERM" in unit


def test_stopping_the_web_and_the_worker_finishes_what_they_are_doing(
    database,  # noqa: F811
    stack_redis_url,  # noqa: F811
    tmp_path,
):
    port = free_port()
    marker = tmp_path / "slow-started"
    env = production_env(
        database_url=database.url,
        redis_url=stack_redis_url,
        bind=f"127.0.0.1:{port}",
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        WEB_CONCURRENCY="1",
        PORTAL_ENV_FILE=str(tmp_path / "no-such-env-file"),
        PATH=f"{VENV_BIN}:{os.environ['PATH']}",
        REPORT_TEST_RENDER_DELAY=str(RENDER_DELAY),
        SLOW_MARKER=str(marker),
        SLOW_SECONDS=str(SLOW_SECONDS),
    )
    manage(env, "migrate", "--noinput")
    conf = local_config(tmp_path)
    # The web program serves the portal through the test's WSGI module (one slow address);
    # the worker runs the portal's Celery app with a slow render (tests/slow_worker.py).
    text = conf.read_text()
    for production, test in [
        (
            "gunicorn -c deploy/gunicorn.conf.py strategy_portal.wsgi",
            "gunicorn -c deploy/gunicorn.conf.py tests.topology.slow_wsgi:application",
        ),
        ("celery -A strategy_portal worker", "celery -A tests.slow_worker worker"),
    ]:
        assert production in text, production
        text = text.replace(production, test)
    conf.write_text(text)
    base = f"http://127.0.0.1:{port}"
    stack = Supervised(conf, env)
    try:
        wait_for(lambda: answers(base + "/healthz"), 180, stack.log)
        wait_for(lambda: "ready." in (tmp_path / "worker.log").read_text(), 120, stack.log)

        # A report being rendered by the worker.
        assert "report" in manage(env, "shell", "-c", NEW_REPORT)
        progress = "SELECT status, progress FROM reporting_annualreport"
        wait_for(lambda: database.query(progress) == [("rendering", 10)], 60, stack.log)

        # The web: a slow request in flight when the stop comes.
        result = {}
        request = threading.Thread(target=slow_request, args=(base + SLOW_PATH, result))
        request.start()
        wait_for(marker.exists, 30, stack.log)
        began = time.monotonic()
        stopped = stack.ctl("stop", "portal:web")
        web_took = time.monotonic() - began
        request.join(timeout=60)
        assert result.get("status") == 200 and result.get("body") == SLOW_ANSWER, result
        assert "stopped" in stopped, stopped + stack.log()
        assert not answers(base + "/healthz")  # no new request once it has stopped
        # It waited for the request (the stop came about a second into its 6 s), well
        # within the graceful timeout.
        assert SLOW_SECONDS - 2 < web_took < 25, web_took
        status = "SELECT status, attempts, stops, file FROM reporting_annualreport"
        assert database.query(status)[0][0] == "rendering"  # the worker was not touched

        # The worker: warm shutdown finishes the report it is rendering.
        began = time.monotonic()
        stopped = stack.ctl("stop", "portal:worker")
        worker_took = time.monotonic() - began
        assert "stopped" in stopped, stopped + stack.log()
        [(report_status, attempts, stops, file)] = database.query(status)
        assert (report_status, attempts, stops) == ("done", 1, 0), stack.log()
        assert file and (tmp_path / "media" / file).is_file()
        worker_log = (tmp_path / "worker.log").read_text()
        assert "warm shutdown" in worker_log.lower(), worker_log[-3000:]
        assert "succeeded" in worker_log
        assert worker_took < 90, worker_took  # within the supervisor's stop time
        print(f"web stopped in {web_took:.1f} s, worker in {worker_took:.1f} s, each done")
    finally:
        stack.stop()
