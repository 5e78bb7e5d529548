"""Writes to the partner registry. Ending a twin-town relation is recorded, never deleted."""

from django.db import transaction

from .models import TwinTownStatus, TwinTownStatusChange


@transaction.atomic
def change_twin_town_status(twin_town, *, status, changed_on=None, decision="", note=""):
    """Move a twin-town relation to a new status, keeping the step in its history.

    Raises ValidationError for a step the model refuses (an ending without a decision)."""
    last = twin_town.status_changes.order_by("-order", "-pk").first()
    change = TwinTownStatusChange(
        twin_town=twin_town,
        status=status,
        changed_on=changed_on,
        year=changed_on.year if changed_on else None,
        decision=decision,
        note=note,
        order=(last.order + 1) if last else 0,
    )
    change.full_clean()  # e.g. an ending names its decision (ValidationError otherwise)
    change.save()
    twin_town.status = status
    # A paused relation's reason is the note of the step that paused it.
    twin_town.status_reason = note if status == TwinTownStatus.PAUSED else ""
    twin_town.version += 1
    twin_town.save()  # a history row, attributed to the request's user by the middleware
    return change
