"""Imports of large strategy files run in the Celery worker, never in a web request.

Parsing and checking a file near the size cap takes seconds of CPU; in the worker it runs
under a time limit, so a hostile file cannot hold a web worker until gunicorn kills it.
The job's state lives in `ImportJob` (stage, then the change summary or every error), so
the page can always tell the administrator what happened, in the language they used.
A job delivered twice (worker killed, acks_late) runs again: the import is all or nothing,
so a second run finishes the first's work; a file that stops the worker every time is
failed after MAX_ATTEMPTS instead of being retried for ever.
"""

import logging

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import permissions
from goals.models import Municipality

from .import_fields import SLUG_RE
from .import_messages import label_warnings
from .models import ImportJob

logger = logging.getLogger(__name__)
Status = ImportJob.Status
MAX_ATTEMPTS = 2

# Publishing to a dead broker fails within seconds, not hanging the request.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
IMPORT_STRATEGY_FILE = "strategy_files.tasks.import_strategy_file"


def runs_in_worker(size):
    return size > settings.IMPORT_IN_WORKER_BYTES


def check_permission(user, data):
    """A file for another municipality is refused, with no hint whether it exists."""
    from .importer import StrategyFileError

    municipality = data.get("municipality") if isinstance(data, dict) else None
    slug = municipality.get("slug") if isinstance(municipality, dict) else None
    if not isinstance(slug, str) or not SLUG_RE.fullmatch(slug):
        return  # the file's own checks report a missing or malformed municipality
    municipality = Municipality.objects.filter(slug=slug).first()
    if not permissions.can_import_strategy(user, municipality):
        raise StrategyFileError(
            [
                _(
                    "municipality.slug: you may only import strategies of your own "
                    "municipality (%(slug)r)"
                )
                % {"slug": slug}
            ]
        )


def start(content, filename, *, user, dry_run=False):
    """A queued job for the worker; it is handed over once the row is committed."""
    job = ImportJob.objects.create(
        requested_by=user,
        filename=filename[:255],
        content=content,
        dry_run=dry_run,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id):
    from annual_reports.services import broker_errors

    # By name: tasks.py wraps this module, so this module never imports it (registered in
    # every process by StrategyFilesConfig.ready; the quick start runs it in-process).
    import_strategy_file = current_app.tasks[IMPORT_STRATEGY_FILE]
    try:
        # The reports' queue: the one every deployment's worker consumes.
        import_strategy_file.apply_async(
            (job_id,), queue=settings.REPORT_QUEUE, retry=True, retry_policy=PUBLISH_RETRY_POLICY
        )
    except broker_errors() as exc:
        logger.warning("Import job %s not enqueued: %s", job_id, exc)
        job = ImportJob.objects.get(pk=job_id)
        with translation.override(job.language):
            _finish(
                job_id,
                errors=[
                    _(
                        "The import queue is not reachable, so the file was not imported. "
                        "Try again in a few minutes; if it goes on, tell the operator."
                    )
                ],
            )


def _finish(job_id, *, errors=None, summary=None, strategy=None, warnings=None):
    fields = {
        "warnings": warnings or [],
        "status": Status.FAILED if errors else Status.DONE,
        "stage": ImportJob.Stage.FINISHED,
        "finished_at": timezone.now(),
        "errors": errors or [],
        "summary": summary or {},
        "content": b"",  # the file is not kept once it has been handled
    }
    if strategy is not None and strategy.pk and not errors:
        fields["strategy_id"] = strategy.pk
    ImportJob.objects.filter(pk=job_id, status__in=[Status.QUEUED, Status.RUNNING]).update(**fields)


def _stage(job_id, stage):
    ImportJob.objects.filter(pk=job_id, status=Status.RUNNING).update(stage=stage)


def claim(job_id):
    """Mark the job running for this attempt; None when there is nothing (more) to do."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.in_progress:
            return None
        job.attempts += 1
        if job.attempts > MAX_ATTEMPTS:
            job.save(update_fields=["attempts"])
            with translation.override(job.language):
                _finish(
                    job_id,
                    errors=[
                        _(
                            "The import stopped the worker %(count)d times and was given "
                            "up; nothing was written. Check the file, or tell the operator."
                        )
                        % {"count": MAX_ATTEMPTS}
                    ],
                )
            return None
        job.status, job.started_at = Status.RUNNING, timezone.now()
        job.save(update_fields=["attempts", "status", "started_at"])
        return job


def run(job_id, *, time_limit_errors=()):
    """The worker's side: read, check, write (or only check), record the outcome."""
    from .import_writer import write
    from .importer import StrategyFileError, normalise, parse_file

    job = claim(job_id)
    if job is None:
        return "nothing to do"
    with translation.override(job.language):
        try:
            _stage(job_id, ImportJob.Stage.READING)
            data = parse_file(bytes(job.content), job.filename)
            check_permission(job.requested_by, data)
            _stage(job_id, ImportJob.Stage.CHECKING)
            normalised = normalise(data)
            _stage(job_id, ImportJob.Stage.WRITING)
            strategy, summary = write(normalised, user=job.requested_by, dry_run=job.dry_run)
        except StrategyFileError as exc:
            _finish(job_id, errors=exc.errors)
            return "refused"
        except time_limit_errors:
            logger.warning("Import job %s passed its time limit", job_id)
            _finish(
                job_id,
                errors=[
                    _(
                        "The import took longer than %(seconds)d seconds and was stopped; "
                        "nothing was written."
                    )
                    % {"seconds": settings.IMPORT_SOFT_TIME_LIMIT}
                ],
            )
            return "timed out"
        except Exception:
            logger.exception("Import job %s failed", job_id)
            _finish(
                job_id,
                errors=[
                    _(
                        "The import failed unexpectedly and nothing was written. The "
                        "operator can find the details in the worker's log."
                    )
                ],
            )
            return "failed"
        warnings = label_warnings(data, summary.municipality.language)
        _finish(
            job_id,
            summary=summary.as_dict(),
            strategy=None if job.dry_run else strategy,
            warnings=warnings,
        )
        return "done"
