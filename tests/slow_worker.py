"""The portal's Celery app with a slow report render, for the tests that stop or kill a
worker mid-render. Never part of a deployment: production runs `celery -A strategy_portal`.

Started as `celery -A tests.slow_worker worker …` with REPORT_TEST_RENDER_DELAY=<seconds>
in the environment (tests/workers.py, tests/topology/test_graceful_stop.py). Each render
reports 10 % progress, then sleeps that long before the files are made, so a test can stop
or kill the worker while the report is rendering (its heartbeat is beating meanwhile).
The patch is made here, at import, before the worker forks its pool processes, so each of
them inherits it.
"""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
django.setup()

from annual_reports import services  # noqa: E402 (needs the apps loaded)
from strategy_portal.celery import app  # noqa: E402

__all__ = ["app"]

DELAY = float(os.environ.get("REPORT_TEST_RENDER_DELAY", "0"))
_build_files = services.build_files


def slow_build_files(strategy, year, on_progress=None, **options):
    if on_progress is not None:
        on_progress(10)
    time.sleep(DELAY)
    return _build_files(strategy, year, on_progress, **options)


if DELAY:
    services.build_files = slow_build_files
