"""Writes to actions and follow-ups: saving with no lost edits, and the follow-up workflow.

Workflow of a follow-up: draft -> submitted (editor) -> approved, or returned with a
comment (coordinator); returned -> edited -> submitted again. Every step bumps the
row's `version`, so an edit begun before a workflow step is refused, not lost.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from goals.versioning import StaleEdit, save_if_unchanged

from . import events
from .models import Action, FollowUp, IndicatorValue

__all__ = [
    "StaleEdit",
    "StaleRow",
    "announce_action_change",
    "approve_follow_up",
    "return_follow_up",
    "save_action",
    "save_follow_up",
    "save_rows_if_unchanged",
    "set_action_archived",
    "set_action_status",
    "submit_follow_up",
]


def save_action(action, loaded_version, save_m2m=None, *, actor=None):
    """Create, or save if nobody saved it since `loaded_version` (else StaleEdit). A new
    responsible department or status is announced (`events`) once saved."""
    before = (
        Action.objects.filter(pk=action.pk).values("responsible_id", "status").first()
        if action.pk
        else {"responsible_id": None, "status": action.status}
    )
    if action.pk is None:
        with transaction.atomic():
            action.save()
            if save_m2m:
                save_m2m()
    else:
        save_if_unchanged(action, loaded_version, after_save=lambda _a: save_m2m and save_m2m())
    _announce(action, before, actor)
    return action


def set_action_status(action, status, loaded_version, *, actor=None):
    before = {"responsible_id": action.responsible_id, "status": action.status}
    action.status = status
    save_if_unchanged(action, loaded_version)
    _announce(action, before, actor)
    return action


def announce_action_change(action, before, actor):
    """After a save that bypassed `save_action` (the Django admin): tell whoever listens
    of a new responsible department or status, as a portal save does. `before` holds
    the row's `responsible_id` and `status` as they were (None for a new action)."""
    _announce(action, before or {"responsible_id": None, "status": action.status}, actor)


def _announce(action, before, actor):
    if before is None:
        return
    if action.responsible_id and action.responsible_id != before["responsible_id"]:
        events.send_action_on_commit(events.action_assigned, action, actor)
    if action.status != before["status"]:
        events.send_action_on_commit(events.action_status_changed, action, actor)


def set_action_archived(action, archived):
    """Archive (or bring back) an action; it is never deleted, so its history stays."""
    action.is_archived = archived
    return save_if_unchanged(action, action.version)


def save_follow_up(follow_up, loaded_version, *, save_related):
    """Save a follow-up and its funding rows, milestones and indicator values together.

    `save_related(follow_up)` saves what hangs off it, inside the same transaction.
    """
    if follow_up.pk is None:
        with transaction.atomic():
            follow_up.save()
            save_related(follow_up)
        return follow_up
    return save_if_unchanged(follow_up, loaded_version, after_save=save_related, only_changed=True)


class StaleRow(StaleEdit):
    """A row of a formset someone else saved since; `form` is the row's form."""

    def __init__(self, current, form):
        super().__init__(current)
        self.form = form


def save_rows_if_unchanged(formset):
    """Save a formset of versioned rows (an action's milestones, a strategy's indicators).

    Each row the user changed or removed is locked and saved only if nobody saved it since
    the user loaded it (its version is bumped); else nothing at all is saved and StaleRow
    names the first such row. New rows and rows left as they stand are never refused."""
    with transaction.atomic():
        for form in formset.initial_forms:
            removed = formset.can_delete and formset._should_delete_form(form)
            if form.instance.pk is None or not (removed or form.has_changed()):
                continue
            current = formset.model.objects.select_for_update().get(pk=form.instance.pk)
            if current.version != form.cleaned_data.get("loaded_version"):
                raise StaleRow(current, form)
            form.instance.version = current.version + 1
        return formset.save()


def save_indicator_values(indicators, year, values):
    """`values` maps indicator pk -> Decimal or None (None removes the year's value).

    A value left as it was (as loaded by `selectors.indicator_values_for` for this year) is
    not written: no history row that changes nothing, and the cached figures stay."""
    for indicator in indicators:
        value = values.get(indicator.pk)
        if getattr(indicator, "value_year", None) == year and value == indicator.year_value:
            continue
        if value is None:
            IndicatorValue.objects.filter(indicator=indicator, year=year).delete()
        else:
            IndicatorValue.objects.update_or_create(
                indicator=indicator, year=year, defaults={"value": value}
            )


def _step(follow_up, allowed_from, message, *, loaded_version=None, **changes):
    """One workflow step, refused when the state does not allow it, when the action is
    archived (it takes no follow-ups), or when the follow-up changed since
    `loaded_version` (what the reviewer read is not what they would approve)."""
    with transaction.atomic():
        current = FollowUp.objects.select_for_update().select_related("action").get(pk=follow_up.pk)
        if current.state not in allowed_from:
            raise ValidationError(message)
        if current.action.is_archived:
            raise ValidationError(
                _("This action is archived; its follow-ups can no longer be submitted or reviewed.")
            )
        if loaded_version is not None and current.version != loaded_version:
            raise _stale()
        for name, value in changes.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
    return current


def _stale():
    return ValidationError(
        _(
            "Someone changed this follow-up after you opened it. Read it again as it "
            "is now before you approve it."
        ),
        code="stale",
    )


def submit_follow_up(follow_up, user):
    submitted = _step(
        follow_up,
        {FollowUp.State.DRAFT, FollowUp.State.RETURNED},
        _("Only a draft or returned follow-up can be submitted."),
        state=FollowUp.State.SUBMITTED,
        submitted_by=user,
        submitted_at=timezone.now(),
    )
    events.send_on_commit(events.follow_up_submitted, submitted, user)
    return submitted


def approve_follow_up(follow_up, user, loaded_version):
    """Approve the follow-up as it was at `loaded_version` (else ValidationError); a
    one-off action approved as done has ended and is marked done."""
    municipality = follow_up.action.strategy.municipality
    if municipality.approval_by_another and follow_up.submitted_by_id == user.pk:
        raise ValidationError(
            _(
                "%(municipality)s has follow-ups approved by someone other than who "
                "submitted them: ask another coordinator to approve this one."
            )
            % {"municipality": municipality.name},
            code="four_eyes",
        )
    if loaded_version is None:  # an approval must say which version it read
        raise _stale()
    with transaction.atomic():
        approved = _step(
            follow_up,
            {FollowUp.State.SUBMITTED},
            _("Only a submitted follow-up can be approved."),
            loaded_version=loaded_version,
            state=FollowUp.State.APPROVED,
            reviewed_by=user,
            reviewed_at=timezone.now(),
        )
        _mark_milestones_reached(approved)
        action = approved.action
        ends = (
            action.recurrence == Action.Recurrence.ONE_OFF
            and approved.status == FollowUp.Status.DONE
            and action.status != Action.Status.DONE
        )
        if ends:
            action = Action.objects.select_for_update().get(pk=action.pk)
            action.status = Action.Status.DONE
            action.version += 1
            action.save()
            events.send_action_on_commit(events.action_status_changed, action, user)
        events.send_on_commit(events.follow_up_approved, approved, user)
    return approved


def _mark_milestones_reached(follow_up):
    """Milestones an approved follow-up reports as reached get their date, if they have none:
    the approval day, or the end of the reported year when that is already past."""
    today = timezone.localdate()
    reached_on = min(today, datetime.date(follow_up.year, 12, 31))
    for milestone in follow_up.milestones_reached.filter(reached_on__isnull=True):
        milestone.reached_on = reached_on
        milestone.save()  # one history row each, attributed to the approving coordinator


def return_follow_up(follow_up, user, comment):
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what needs fixing when you return a follow-up."))
    returned = _step(
        follow_up,
        {FollowUp.State.SUBMITTED},
        _("Only a submitted follow-up can be returned."),
        state=FollowUp.State.RETURNED,
        review_comment=comment,
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    events.send_on_commit(events.follow_up_returned, returned, user)
    return returned
