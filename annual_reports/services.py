"""Writes for the annual report: request a version, move it through its states, store it.

The report's state lives in `AnnualReport` (queued → rendering → done | failed + reason),
not in Celery's result backend, so the page can always tell the coordinator what happened.
A failed report stays failed: a job delivered again later leaves it alone, so what the
page said ("generate it again") stays true and no second copy appears beside the new one.
"""

import logging
import os
import uuid
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation

from goals.models import Strategy

from .models import AnnualReport
from .pdf import html_to_pdf, pdf_facts, render_report_html
from .selectors import report_context, report_strategy
from .word import report_docx

logger = logging.getLogger(__name__)
Status = AnnualReport.Status
Failure = AnnualReport.Failure
IN_FLIGHT = [Status.QUEUED, Status.RENDERING]
# The task's name from before the `reporting` app was split: see tasks.TASK_PREFIX.
RENDER_REPORT = "reporting.tasks.render_report"

# Publishing to a dead broker must fail within seconds, not hang the coordinator's request.
PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}


def broker_errors():
    """Exceptions that mean "the job queue is not reachable" when publishing."""
    from kombu.exceptions import OperationalError as KombuOperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (KombuOperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError)


def _create_version(strategy, year, user, final=False):
    """A new queued version, or the one already queued/rendering for (strategy, year)."""
    with transaction.atomic():
        # Lock the strategy row: two clicks at once must not both pick the same version.
        Strategy.objects.select_for_update().filter(pk=strategy.pk).first()
        reports = AnnualReport.objects.filter(strategy=strategy, year=year)
        existing = reports.filter(status__in=IN_FLIGHT).order_by("-version").first()
        if existing is not None:
            return existing, False
        version = (reports.aggregate(v=Max("version"))["v"] or 0) + 1
        report = AnnualReport.objects.create(
            strategy=strategy,
            year=year,
            version=version,
            requested_by=user,
            job_token=new_token(),
            is_final=final,
        )
        return report, True


def new_token():
    return uuid.uuid4().hex


def enqueue(report):
    """Hand the report to the worker. On a dead broker the row is marked failed instead.

    The task is looked up by name: tasks.py is a thin wrapper around this module, so this
    module never imports it (ReportingConfig.ready registers it in the web process too, so
    the quick start's eager mode runs it in-process).
    """
    render_report = current_app.tasks[RENDER_REPORT]
    try:
        render_report.apply_async(
            (report.pk, report.job_token or None),
            queue=settings.REPORT_QUEUE,
            retry=True,
            retry_policy=PUBLISH_RETRY_POLICY,
        )
    except broker_errors() as exc:
        logger.warning("Report %s not enqueued: %s", report.pk, exc)
        mark_failed(report.pk, Failure.QUEUE_UNREACHABLE)
        return False
    return True


def request_report(strategy, year, user, *, final=False):
    """Ask for a new report version; returns (report, created).

    A second request while one for (strategy, year) is queued or rendering returns that one.
    The task is enqueued only after the row is committed, so the worker always finds it;
    if the broker is down the row ends failed with the reason (`report.status`), never
    half-written.
    """
    report, created = _create_version(strategy, year, user, final)
    if created:
        transaction.on_commit(lambda: enqueue(report))
    report.refresh_from_db()
    return report, created


def mark_failed(report_id, failure, token=None):
    """Failed with a reason code (`AnnualReport.Failure`), put into words when shown.

    A done report stays done; a report already failed keeps its first reason; a report
    re-queued to another job (`token` no longer its own) is that job's to finish.
    """
    rows = AnnualReport.objects.filter(pk=report_id, status__in=IN_FLIGHT)
    if token:
        rows = rows.filter(job_token=token)
    return rows.update(status=Status.FAILED, failure=failure, finished_at=timezone.now())


def queue_for_retry(report_id, token=None):
    """Back to queued while the job waits to retry a passing error: the next claim then
    counts it as a retry, not as a job that stopped mid-render."""
    _this_job(report_id, token).update(status=Status.QUEUED)


def _this_job(report_id, token):
    """The report's row while `token`'s job owns it (a message without a token, from
    before tokens existed or a manual run, owns any row)."""
    rows = AnnualReport.objects.filter(pk=report_id, status=Status.RENDERING)
    return rows.filter(job_token=token) if token else rows


def set_progress(report_id, progress, token=None):
    _this_job(report_id, token).update(progress=progress, heartbeat_at=timezone.now())


def heartbeat(report_id, token=None):
    """The running job's sign of life; False once the row is no longer this job's."""
    return bool(_this_job(report_id, token).update(heartbeat_at=timezone.now()))


def claim(report_id, token=None):
    """Mark the report rendering for this attempt; None if there is nothing to do.

    Nothing to do: the row is gone, done (the task was delivered twice) or failed (the
    coordinator was told to generate it again; a late re-delivery is dropped). A row still
    rendering means the last attempt stopped mid-render (worker killed, out of memory):
    after REPORT_MAX_ATTEMPTS such stops the report is failed for good, not re-queued
    forever.
    """
    with transaction.atomic():
        report = (
            AnnualReport.objects.select_for_update()
            .filter(pk=report_id, status__in=IN_FLIGHT)
            .first()
        )
        if report is None:
            return None
        if token and report.job_token and token != report.job_token:
            # A message replaced by the sweep's re-queue (its worker was taken for dead)
            # turning up again: the newer job makes this report, not a second one.
            logger.info("Report %s: job %s was superseded; nothing to do", report.pk, token)
            return None
        if report.status == Status.RENDERING:
            report.stops += 1
            if report.stops >= settings.REPORT_MAX_ATTEMPTS:
                logger.error(
                    "Report %s: the job stopped %s times; not retried", report.pk, report.stops
                )
                report.status = Status.FAILED
                report.failure = Failure.JOB_STOPPED
                report.finished_at = timezone.now()
                report.save(update_fields=["status", "failure", "finished_at", "stops"])
                return None
        report.status = Status.RENDERING
        report.progress = 5
        report.started_at = timezone.now()
        report.heartbeat_at = report.started_at
        report.attempts += 1
        report.save(
            update_fields=["status", "progress", "started_at", "heartbeat_at", "attempts", "stops"]
        )
        return report


def file_name(report):
    return f"reports/{report.year}/{report.strategy.slug}-{report.year}-v{report.version}.pdf"


def word_file_name(report):
    """The Word version's fixed name, beside the PDF's."""
    return file_name(report).removesuffix(".pdf") + ".docx"


def _write_file(storage, name, pdf_bytes):
    """Write the file under `name`, replacing any old one atomically where the storage is
    a local folder: a reader (a download, a backup) sees the old file or the new one,
    never a half-written or missing one."""
    try:
        final = storage.path(name)
    except NotImplementedError:  # remote storage: no rename; delete and save
        if storage.exists(name):
            storage.delete(name)
        return storage.save(name, ContentFile(pdf_bytes))
    os.makedirs(os.path.dirname(final), exist_ok=True)
    partial = f"{final}.{uuid.uuid4().hex}.part"
    try:
        with open(partial, "wb") as handle:
            handle.write(pdf_bytes)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, final)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return name


def store_pdf(report, pdf_bytes, token=None, word_bytes=None):
    """Save the file under a fixed name (a re-run replaces, never adds) and mark done;
    the Word version (`word_bytes`), when given, beside it under its own fixed name.

    Only a report still rendering by this job is stored: one failed meanwhile (swept as
    stuck), done by another delivery or re-queued to another job is left as it is, and no
    file is written for it.
    """
    checksum, pages = pdf_facts(pdf_bytes)
    name = file_name(report)
    storage = AnnualReport._meta.get_field("file").storage
    with transaction.atomic():
        rendering = _this_job(report.pk, token).select_for_update().exists()
        if not rendering:
            return False
        saved = _write_file(storage, name, pdf_bytes)
        if word_bytes is not None:
            _write_file(storage, word_file_name(report), word_bytes)
        AnnualReport.objects.filter(pk=report.pk).update(
            status=Status.DONE,
            progress=100,
            failure="",
            file=saved,
            checksum=checksum,
            page_count=pages,
            finished_at=timezone.now(),
        )
    return True


def build_files(strategy, year, on_progress=None, *, word=True, final=False):
    """(PDF bytes, Word bytes or None) of the report, both from one report context;
    `on_progress(percent)` is told how far it got; `final` marks the cover "final"."""
    on_progress = on_progress or (lambda percent: None)
    # Charts and headings are translated while the context is built: every step must run
    # in the municipality's language, not the worker's default.
    with translation.override(strategy.municipality.language):
        context = {**report_context(strategy, year), "is_final": final}
        on_progress(30)
        html = render_report_html(context)
    on_progress(50)
    pdf = html_to_pdf(html)
    on_progress(80)
    word_bytes = None
    if word:
        with translation.override(strategy.municipality.language):
            word_bytes = report_docx(context)
    on_progress(90)
    return pdf, word_bytes


def build_pdf(strategy, year, on_progress=None):
    """The report's PDF bytes alone (previews, tests, benchmarks)."""
    return build_files(strategy, year, on_progress, word=False)[0]


def generate_now(strategy, year, user=None, *, record=True):
    """Render synchronously (management command): returns (pdf bytes, report or None)."""
    strategy = report_strategy(strategy.pk)
    report = None
    if record:
        reports = AnnualReport.objects.filter(strategy=strategy, year=year)
        with transaction.atomic():
            Strategy.objects.select_for_update().filter(pk=strategy.pk).first()
            version = (reports.aggregate(v=Max("version"))["v"] or 0) + 1
            report = AnnualReport.objects.create(
                strategy=strategy,
                year=year,
                version=version,
                requested_by=user,
                status=Status.RENDERING,
                started_at=timezone.now(),
                heartbeat_at=timezone.now(),
                attempts=1,
            )
    pdf, word_bytes = build_files(strategy, year)
    if report is not None:
        store_pdf(report, pdf, word_bytes=word_bytes)
        report.refresh_from_db()
    return pdf, report


def stuck_after():
    return timedelta(seconds=settings.REPORT_STUCK_AFTER)


def fail_stuck_reports(now=None):
    """Reports queued or rendering past REPORT_STUCK_AFTER: failed for good, with why.

    That is past the broker's visibility timeout, so a job a dead worker left behind has
    been delivered again (restarting `started_at`) before this sees it: what is swept was
    really lost. One UPDATE; cheap enough to run whenever the annual page is shown.
    """
    now = now or timezone.now()
    cutoff = now - stuck_after()
    stale = Q(started_at__lt=cutoff) | Q(started_at__isnull=True, requested_at__lt=cutoff)
    return AnnualReport.objects.filter(stale, status__in=IN_FLIGHT).update(
        status=Status.FAILED, finished_at=now, failure=Failure.NOT_FINISHED
    )


def heartbeat_timeout():
    return timedelta(seconds=settings.REPORT_HEARTBEAT_TIMEOUT)


def recover_stalled_reports(now=None):
    """Reports rendering whose job has given no sign of life for REPORT_HEARTBEAT_TIMEOUT:
    its worker died (killed, out of memory, machine lost). Each is re-queued under a new
    job token, counted as a stop; after REPORT_MAX_ATTEMPTS stops it is failed for good
    with the reason. Returns (re-queued, failed) counts. Run by beat every
    REPORT_SWEEP_SECONDS, so a report is going again within about a minute and a half,
    instead of waiting for the broker's visibility timeout.
    """
    now = now or timezone.now()
    cutoff = now - heartbeat_timeout()
    stale = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    requeued, failed = [], 0
    with transaction.atomic():
        rows = AnnualReport.objects.select_for_update(skip_locked=True).filter(
            stale, status=Status.RENDERING
        )
        for report in rows:
            report.stops += 1
            if report.stops >= settings.REPORT_MAX_ATTEMPTS:
                logger.error(
                    "Report %s: no sign of life from its job, %s stops; not retried",
                    report.pk,
                    report.stops,
                )
                report.status = Status.FAILED
                report.failure = Failure.JOB_STOPPED
                report.finished_at = now
                failed += 1
            else:
                logger.warning("Report %s: no sign of life from its job; re-queued", report.pk)
                report.status = Status.QUEUED
                report.progress = 0
                report.job_token = new_token()
                requeued.append(report)
            report.heartbeat_at = now
            report.save(
                update_fields=[
                    "stops",
                    "status",
                    "failure",
                    "finished_at",
                    "progress",
                    "job_token",
                    "heartbeat_at",
                ]
            )
    for report in requeued:
        enqueue(report)
    return len(requeued), failed


def sweep_reports():
    """Beat's sweep: re-queue reports whose job died, fail those lost for good."""
    requeued, failed = recover_stalled_reports()
    return {"requeued": requeued, "failed": failed, "lost": fail_stuck_reports()}
