"""The Celery job that renders an annual report to PDF.

Idempotent by the report id: a report already done is left alone, so a re-delivered task
(worker killed mid-render: acks_late + reject_on_worker_lost put it back on the queue)
finishes the same version instead of making another. The file has a fixed name per
version, so a re-run overwrites rather than adds. A report that stops the worker every
time is failed after REPORT_MAX_ATTEMPTS (services.claim); a failed one is never re-made.

Failures are stored as a reason code (shown translated, in the viewer's language); what
went wrong in detail goes to the log only, never to the page.
"""

import logging
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError as DatabaseOperationalError

from . import services
from .models import AnnualReport
from .report_selectors import report_strategy

logger = logging.getLogger(__name__)
Failure = AnnualReport.Failure

# Transient: the database restarting, a full or flaky disk. Retried with back-off.
TRANSIENT_ERRORS = (DatabaseOperationalError, OSError)
MAX_RETRIES = 3
# Back-off 10 s, 20 s, 40 s (capped at 120 s): far below the broker's visibility timeout.
RETRY_BACKOFF = 10
RETRY_BACKOFF_MAX = 120


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
        if settings.REPORT_TEST_RENDER_DELAY:
            # Test hook: a slow render, so a test can kill the worker mid-render.
            services.set_progress(report_id, 10)
            time.sleep(settings.REPORT_TEST_RENDER_DELAY)
        pdf = services.build_pdf(
            strategy, report.year, lambda p: services.set_progress(report_id, p)
        )
        services.store_pdf(report, pdf)
    except SoftTimeLimitExceeded:
        logger.warning("Report %s: rendering passed the soft time limit", report_id)
        services.mark_failed(report_id, Failure.TIME_LIMIT)
        return "timed out"
    except TRANSIENT_ERRORS:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("Report %s: passing error on the last try", report_id)
            services.mark_failed(report_id, Failure.PASSING_ERRORS)
        else:
            logger.warning("Report %s: passing error, retrying", report_id, exc_info=True)
            services.queue_for_retry(report_id)
        raise  # autoretry_for re-queues it with back-off until max_retries
    except Exception:
        logger.exception("Report %s: rendering failed", report_id)
        services.mark_failed(report_id, Failure.UNEXPECTED)
        raise
    return "done"


@shared_task
def fail_stuck_reports():
    """For celery beat: show reports stuck past their limit as failed."""
    return services.fail_stuck_reports()
