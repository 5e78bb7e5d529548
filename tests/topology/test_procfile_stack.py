"""The whole stack from the Procfile, as an IT department starts it without Docker.

`honcho start` runs gunicorn (DEBUG off, whitenoise for static files), a Celery worker and
Celery beat against the machine's PostgreSQL (a fresh database) and Redis (a database
number nobody uses). A coordinator signs in over real HTTP, reads pages, gets a static
file, and generates the annual report through the worker down to the PDF.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from .stack import (
    ROOT,
    Browser,
    ThrowawayDatabase,
    answers,
    csrf_token,
    descendants,
    form_fields,
    free_port,
    manage,
    manage_async,
    production_env,
    stop_family,
    wait_for,
)

pytestmark = pytest.mark.worker
COORDINATOR = "arvika-coordinator"


CLAIM = "strategy-portal:topology-test"


@pytest.fixture
def stack_redis_url(redis_url):
    """The machine's Redis, on an empty database number other than the one in REDIS_URL,
    claimed with a marker key (two runs at once pick different numbers) and emptied after.
    """
    client = redis.Redis.from_url(redis_url)
    current = client.connection_pool.connection_kwargs.get("db", 0)
    count = int(client.config_get("databases").get("databases", 16))
    base = redis_url.rsplit("/", 1)[0] if re.search(r"/\d+$", redis_url) else redis_url
    for number in range(count - 1, 0, -1):
        candidate = redis.Redis.from_url(f"{base.rstrip('/')}/{number}")
        if number == current or candidate.dbsize():
            continue
        if candidate.set(CLAIM, "1", nx=True, ex=900) and candidate.dbsize() == 1:
            yield f"{base.rstrip('/')}/{number}"
            candidate.flushdb()  # the queue, bindings and the claim: ours alone
            return
    pytest.fail("no empty Redis database number for the stack test")


@pytest.fixture
def database(postgres_server):
    db = ThrowawayDatabase(postgres_server, prefix="sp_topology")
    yield db
    db.drop()


# The no-Docker start in README.md, run from the checkout.
README_STACK_COMMAND = "PATH=.venv/bin:$PATH .venv/bin/honcho start"


class Stack:
    """`honcho start -f Procfile` in its own process group, stopped cleanly."""

    def __init__(self, env, log_path):
        env_file = log_path.parent / "empty.env"  # a developer's .env must not leak in
        env_file.write_text("")
        self.log_path = log_path
        # Exactly the README's command, in a shell, with the caller's PATH untouched: the
        # Procfile's python, gunicorn and celery must be found the way a reader's are.
        self.proc = subprocess.Popen(
            ["sh", "-c", f'{README_STACK_COMMAND} -e "$1"', "honcho", str(env_file)],
            cwd=ROOT,
            env=env,
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self):
        return self.log_path.read_text()

    def running(self):
        return self.proc.poll() is None

    def stop(self):
        # The shell, honcho and what honcho started (web, worker, beat run in sessions of
        # their own, out of reach of a process-group kill): none may outlive the test.
        family = descendants(self.proc.pid)
        stop_family(family, signal.SIGTERM)  # honcho stops web, worker and beat
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in family) and time.monotonic() < deadline:
            time.sleep(0.2)
        stop_family([pid for pid in family if _alive(pid)], signal.SIGKILL)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # anything left in the group
        except ProcessLookupError:
            pass
        self.proc.wait()


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; its parent reaps it


def _stack_env(database, redis_url, tmp_path, port, *, web_concurrency):
    return production_env(
        database_url=database.url,
        redis_url=redis_url,
        bind=f"127.0.0.1:{port}",
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        WEB_CONCURRENCY=str(web_concurrency),
        TRUSTED_PROXY_COUNT="1",
        WORKER_CONCURRENCY="1",
        # A queue of its own: workers of other test runs on this Redis keep off it.
        REPORT_QUEUE=f"topology-{uuid.uuid4().hex[:10]}",
        CELERY_BEAT_SCHEDULE_FILE=str(tmp_path / "celerybeat-schedule"),
    )


def test_readme_starts_the_stack_with_the_command_this_test_uses():
    assert f"{README_STACK_COMMAND}  " in (ROOT / "README.md").read_text()


def test_procfile_stack_signs_in_serves_pages_and_static_and_makes_the_report(
    database, stack_redis_url, tmp_path
):
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = _stack_env(database, stack_redis_url, tmp_path, port, web_concurrency=2)
    # collectstatic needs no database: it runs beside migrate and loading the data.
    static = manage_async(env, "collectstatic", "--noinput", log_path=tmp_path / "static.log")
    manage(env, "migrate", "--noinput")
    manage(env, "load_seeds")
    # Strategies alone: no deploy error (this plain-HTTP stack has HTTPS warnings only).
    manage(env, "check", "--deploy")
    # A trial server's demo people, only with --force; then the deploy check refuses it.
    manage(env, "load_demo", "--force")
    refused = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode != 0 and "accounts.E001" in refused.stderr, refused.stderr
    assert static.wait(timeout=240) == 0, (tmp_path / "static.log").read_text()
    [(slug,)] = database.query(
        "SELECT s.slug FROM goals_strategy s JOIN goals_municipality m"
        " ON m.id = s.municipality_id WHERE m.slug = 'arvika'"
    )

    stack = Stack(env, tmp_path / "honcho.log")
    try:
        wait_for(lambda: answers(base_url + "/healthz") or not stack.running(), 90, stack.log)
        assert stack.running(), stack.log()
        wait_for(lambda: "ready." in stack.log(), 60, stack.log)  # the Celery worker
        assert "beat: Starting" in stack.log()

        # Behind the proxy (TRUSTED_PROXY_COUNT=1): an attacker's five wrong passwords for
        # the coordinator, from their own address, do not lock the coordinator out.
        attacker = Browser(base_url, headers={"X-Forwarded-For": "203.0.113.66"})
        for _ in range(5):
            form = attacker.get("/accounts/login/")
            failed = attacker.post(
                "/accounts/login/",
                {
                    "csrfmiddlewaretoken": csrf_token(form.text),
                    "username": COORDINATOR,
                    "password": "wrong-password",
                },
            )
        assert failed.status == 429, failed.status
        browser = Browser(base_url, headers={"X-Forwarded-For": "198.51.100.7"})
        home = browser.sign_in(COORDINATOR)
        assert home.status == 200 and COORDINATOR in home.text

        # Production's error pages are the generic ones, never Django's technical page.
        hostile = browser.get("/reports/public/arvika/?strategy=%00")
        missing = browser.get("/no/such/page/")
        assert (hostile.status, missing.status) == (400, 404)
        for page in (hostile, missing):
            assert "Traceback" not in page.text and "DEBUG = True" not in page.text
            assert "URLconf" not in page.text and "stack-test-" not in page.text

        dashboard = browser.get(f"/reports/dashboard/{slug}/")
        assert dashboard.status == 200, dashboard.text[:2000]
        assert "<h1" in dashboard.text

        # whitenoise serves the collected file under its hashed (cache-forever) name.
        css = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', dashboard.text)
        assert css, "the page links no hashed stylesheet"
        stylesheet = browser.get(css.group(1))
        assert stylesheet.status == 200
        assert stylesheet.headers["Content-Type"].startswith("text/css")
        assert "max-age=315360000" in stylesheet.headers.get("Cache-Control", "")

        annual = browser.get(f"/reports/annual/{slug}/")
        generate = f"/reports/annual/{slug}/generate/"
        fields = form_fields(annual.text, action=generate)
        after = browser.post(generate, fields)
        # The page speaks the municipality's language (Swedish): the success alert is the sign.
        assert after.status == 200, after.text[:3000]
        assert 'class="alert alert-success"' in after.text, after.text[:3000]

        link = re.compile(r'href="(/reports/annual/file/\d+/)"')
        status_url = f"/reports/annual/{slug}/status/"
        wait_for(
            lambda: link.search(browser.get(status_url).text),
            90,
            lambda: browser.get(status_url).text + stack.log(),
        )
        pdf = browser.get(link.search(browser.get(status_url).text).group(1))
        assert pdf.status == 200
        assert pdf.headers["Content-Type"] == "application/pdf"
        assert pdf.body.startswith(b"%PDF")
        assert "Task reporting.tasks.render_report[" in stack.log()
    finally:
        stack.stop()
    assert not stack.running()


def test_stopping_the_stack_leaves_no_process_behind(database, stack_redis_url, tmp_path):
    """A test run must not leave gunicorn or Celery running after it (they would hold the
    port, the broker and the database of the next run)."""
    env = _stack_env(database, stack_redis_url, tmp_path, free_port(), web_concurrency=1)
    stack = Stack(env, tmp_path / "honcho.log")
    try:
        # web (sh + gunicorn), worker and beat are up under honcho.
        wait_for(lambda: len(descendants(stack.proc.pid)) >= 4, 90, stack.log)
        family = descendants(stack.proc.pid)
    finally:
        stack.stop()
    assert not [pid for pid in family if _alive(pid)], stack.log()
