"""The Celery job that imports a large strategy file (see import_jobs)."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from . import import_jobs


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.IMPORT_SOFT_TIME_LIMIT,
    time_limit=settings.IMPORT_SOFT_TIME_LIMIT + 15,
)
def import_strategy_file(job_id):
    return import_jobs.run(job_id, time_limit_errors=(SoftTimeLimitExceeded,))
