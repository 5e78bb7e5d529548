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
import threading

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError as DatabaseOperationalError
from django.db import connection

from . import services
from .models import AnnualReport
from .selectors import report_strategy

logger = logging.getLogger(__name__)
Failure = AnnualReport.Failure

# The tasks keep the names they had in the `reporting` app (split in two by issue 16):
# messages already waiting in Redis at deploy carry the old name, as do the beat schedule
# and services.RENDER_REPORT; under a new name a queued report would be dropped by the
# worker as an unregistered task and stay "queued" until the sweep failed it.
TASK_PREFIX = "reporting.tasks."

# Transient: the database restarting, a full or flaky disk. Retried with back-off.
TRANSIENT_ERRORS = (DatabaseOperationalError, OSError)
MAX_RETRIES = 3
# Back-off 10 s, 20 s, 40 s (capped at 120 s): far below the broker's visibility timeout.
RETRY_BACKOFF = 10
RETRY_BACKOFF_MAX = 120


class Heartbeat:
    """While the job renders, a thread writes its sign of life every
    REPORT_HEARTBEAT_SECONDS (WeasyPrint holds the main thread for seconds at a time).
    When the worker dies, the beats stop, and the sweep re-queues the report."""

    def __init__(self, report_id, token):
        self.report_id, self.token = report_id, token
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name=f"heartbeat-{report_id}", daemon=True)

    def run(self):
        try:
            while not self.stopped.wait(settings.REPORT_HEARTBEAT_SECONDS):
                try:
                    if not services.heartbeat(self.report_id, self.token):
                        return  # re-queued, failed or done: nothing left to keep alive
                except Exception:  # a database restarting: try again at the next beat
                    logger.warning("Report %s: heartbeat not written", self.report_id)
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(timeout=5)


class NoHeartbeat:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


@shared_task(
    name=TASK_PREFIX + "render_report",
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
def render_report(self, report_id, token=None):
    """`token`: the job token the report had when this message was sent (None: any)."""
    report = services.claim(report_id, token)
    if report is None:
        return "nothing to do"
    strategy = report_strategy(report.strategy_id)
    # In-process (no broker, the quick start) nobody sweeps, so no heartbeat is needed.
    beating = NoHeartbeat() if self.request.is_eager else Heartbeat(report_id, token)
    try:
        with beating:
            pdf, word = services.build_files(
                strategy,
                report.year,
                lambda p: services.set_progress(report_id, p, token),
                final=report.is_final,
            )
            if not services.store_pdf(report, pdf, token, word_bytes=word):
                return "superseded"
    except SoftTimeLimitExceeded:
        logger.warning("Report %s: rendering passed the soft time limit", report_id)
        services.mark_failed(report_id, Failure.TIME_LIMIT, token)
        return "timed out"
    except TRANSIENT_ERRORS:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("Report %s: passing error on the last try", report_id)
            services.mark_failed(report_id, Failure.PASSING_ERRORS, token)
        else:
            logger.warning("Report %s: passing error, retrying", report_id, exc_info=True)
            services.queue_for_retry(report_id, token)
        raise  # autoretry_for re-queues it with back-off until max_retries
    except Exception:
        logger.exception("Report %s: rendering failed", report_id)
        services.mark_failed(report_id, Failure.UNEXPECTED, token)
        raise
    return "done"


@shared_task(name=TASK_PREFIX + "sweep_reports")
def sweep_reports():
    """For celery beat, every REPORT_SWEEP_SECONDS: re-queue reports whose job died (no
    heartbeat), fail those lost for good, with the reason."""
    return services.sweep_reports()


@shared_task(name=TASK_PREFIX + "fail_stuck_reports")
def fail_stuck_reports():
    """Kept for schedules written before sweep_reports: does the same."""
    return services.sweep_reports()
