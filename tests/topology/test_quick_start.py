"""The README's first command, as a newcomer runs it: `make run` on SQLite, tasks in-process.

Runs the real Makefile target (migrate, translations, load_seeds, runserver) with no
PostgreSQL or Redis in the environment and a SQLite file of its own, then reads the home
page over HTTP: the five municipalities are there and the demo logins were printed.
(`make run` reuses the installed .venv, as it does on the laptop's second start.)
"""

import os
import signal
import subprocess

import pytest

from .stack import ROOT, Browser, answers, free_port, wait_for

pytestmark = pytest.mark.slow

MUNICIPALITIES = ["Time", "Trondheim", "Hamar", "Tranås", "Arvika"]


@pytest.fixture
def laptop_env(tmp_path):
    """What a fresh laptop has: no database or broker settings at all."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    # A SQLite file of the test's own, so the repository's quick-start database is untouched.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'quick-start.sqlite3'}"
    return env


def test_make_run_serves_the_five_strategies_and_prints_the_demo_logins(laptop_env, tmp_path):
    port = free_port()
    log_path = tmp_path / "make-run.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}"],
            cwd=ROOT,
            env=laptop_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # runserver's autoreloader forks: stop the whole group
        )
    url = f"http://127.0.0.1:{port}"
    try:

        def serving():
            if process.poll() is not None:
                raise AssertionError("make run stopped:\n" + log_path.read_text()[-3000:])
            return answers(url + "/")

        wait_for(
            serving,
            timeout=600,
            describe=lambda: log_path.read_text()[-3000:],
        )
        home = Browser(url).get("/")
        assert home.status == 200
        for name in MUNICIPALITIES:
            assert name in home.text, f"{name} missing from the home page"
        output = log_path.read_text()
        assert "Demo logins" in output
        for username in ("admin", "time-editor", "arvika-coordinator", "trondheim-politician"):
            assert username in output
        # One language in the listing (headings are English): no bokmål role names.
        assert "Koordinator" not in output
        assert "Coordinator" in output

        # The printed login works: the editor signs in and reaches their plan.
        browser = Browser(url)
        browser.sign_in("time-editor")
        assert browser.get("/m/time/").status == 200
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
