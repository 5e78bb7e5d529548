"""System checks for the annual report job (`manage.py check`, `check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register("annual_reports")
def report_time_limits_in_order(app_configs=None, **kwargs):
    """Soft limit < hard limit < broker visibility timeout < stuck-report sweep.

    Out of order, Redis hands a running job out a second time (visibility below the hard
    limit), or the sweeper fails a report whose job Redis is about to re-deliver (sweep
    below visibility).
    """
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    limits = [
        ("REPORT_SOFT_TIME_LIMIT", settings.REPORT_SOFT_TIME_LIMIT),
        ("REPORT_TIME_LIMIT", settings.REPORT_TIME_LIMIT),
        ("CELERY_VISIBILITY_TIMEOUT", visibility),
        ("REPORT_STUCK_AFTER", settings.REPORT_STUCK_AFTER),
    ]
    errors = []
    for (low_name, low), (high_name, high) in zip(limits, limits[1:], strict=False):
        if not low < high:
            errors.append(
                checks.Error(
                    f"{low_name} ({low} s) must be less than {high_name} ({high} s).",
                    hint="Keep soft time limit < hard time limit < visibility timeout "
                    "< REPORT_STUCK_AFTER.",
                    id="annual_reports.E001",
                )
            )
    if not 0 < settings.REPORT_HEARTBEAT_SECONDS * 3 <= settings.REPORT_HEARTBEAT_TIMEOUT:
        errors.append(
            checks.Error(
                f"REPORT_HEARTBEAT_SECONDS ({settings.REPORT_HEARTBEAT_SECONDS} s) must be "
                f"positive and at most a third of REPORT_HEARTBEAT_TIMEOUT "
                f"({settings.REPORT_HEARTBEAT_TIMEOUT} s).",
                hint="Otherwise a busy but living job is taken for dead and made twice.",
                id="annual_reports.E003",
            )
        )
    if settings.REPORT_MAX_ATTEMPTS < 1:
        errors.append(
            checks.Error("REPORT_MAX_ATTEMPTS must be at least 1.", id="annual_reports.E002")
        )
    return errors


@checks.register("annual_reports", deploy=True)
def report_jobs_need_a_worker(app_configs=None, **kwargs):
    """In production, reports must render in a worker, never inside a web request."""
    if settings.DEBUG or not settings.CELERY_TASK_ALWAYS_EAGER:
        return []
    return [
        checks.Warning(
            "No job queue is configured (REDIS_URL or CELERY_BROKER_URL), so annual "
            "reports render inside the web request, with no time limit.",
            hint="Set REDIS_URL and run a Celery worker (see docker-compose.yml).",
            id="annual_reports.W001",
        )
    ]
