"""The Celery job that renders an annual report to PDF.

Idempotent by the report id: a report already done is left alone, so a re-delivered task
(worker killed mid-render: acks_late + reject_on_worker_lost put it back on the queue)
finishes the same version instead of making another. The file has a fixed name per
version, so a re-run overwrites rather than adds.
"""

import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError as DatabaseOperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .report_selectors import report_strategy

# Transient: the database restarting, a full or flaky disk. Retried with back-off.
TRANSIENT_ERRORS = (DatabaseOperationalError, OSError)
MAX_RETRIES = 3
# Back-off 10 s, 20 s, 40 s (capped at 120 s): far below the broker's visibility timeout.
RETRY_BACKOFF = 10
RETRY_BACKOFF_MAX = 120


def _language(report):
    return report.strategy.municipality.language


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=MAX_RETRIES,
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
)
def render_report(self, report_id):
    report = services.claim(report_id)
    if report is None:
        return "nothing to do"
    strategy = report_strategy(report.strategy_id)
    try:
        if settings.REPORT_TEST_RENDER_DELAY and report.attempts == 1:
            # Test hook: a slow first attempt, so a test can kill the worker mid-render.
            services.set_progress(report_id, 10)
            time.sleep(settings.REPORT_TEST_RENDER_DELAY)
        pdf = services.build_pdf(
            strategy, report.year, lambda p: services.set_progress(report_id, p)
        )
        services.store_pdf(report, pdf)
    except SoftTimeLimitExceeded:
        with translation.override(_language(report)):
            services.mark_failed(
                report_id,
                _("Rendering took longer than %(seconds)s seconds and was stopped.")
                % {"seconds": settings.REPORT_SOFT_TIME_LIMIT},
            )
        return "timed out"
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            with translation.override(_language(report)):
                services.mark_failed(
                    report_id,
                    _("Rendering failed %(times)s times on a passing error (%(error)s).")
                    % {"times": MAX_RETRIES + 1, "error": exc.__class__.__name__},
                )
        raise  # autoretry_for re-queues it with back-off until max_retries
    except Exception as exc:
        with translation.override(_language(report)):
            services.mark_failed(
                report_id,
                _("Rendering failed: %(error)s") % {"error": f"{exc.__class__.__name__}: {exc}"},
            )
        raise
    return "done"


@shared_task
def fail_stuck_reports():
    """For celery beat: show reports stuck past their limit as failed."""
    return services.fail_stuck_reports()
