"""Writes to the ground floor that are decisions, not edits."""

import hashlib

from django.db import transaction
from django.db.models import Count, Q

from .models import Municipality, PlanGoal
from .versioning import StaleEdit


def publication_preview(municipality):
    """What publishing shows anonymous visitors, and what stays with the members: the
    strategies that become public (adopted or superseded) with their action counts, the
    drafts that stay private, and how many partners and twin towns are listed (3 queries)."""
    strategies = list(
        municipality.strategies.annotate(
            action_count=Count("actions", filter=Q(actions__is_archived=False))
        ).order_by("-period_start", "title")
    )
    return {
        "public_strategies": [s for s in strategies if not s.is_draft],
        "draft_strategies": [s for s in strategies if s.is_draft],
        "partner_count": municipality.partners.count(),
        "twin_town_count": municipality.twin_towns.count(),
    }


@transaction.atomic
def set_published(municipality, published, *, reason):
    """Publish or unpublish `municipality`; the change is in its history with `reason`
    (the user is recorded by simple_history's middleware). Returns whether it changed."""
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if municipality.is_published == published:
        return False
    municipality.is_published = published
    municipality._change_reason = reason
    municipality.save(update_fields=["is_published"])
    return True


def row_state(goal):
    """A digest of what a plan goal holds: it changes whenever anyone saves a change to it
    (plan goals have no version column; this stands in for one)."""
    parts = [goal.code, goal.text, str(goal.order), str(goal.parent_id or "")]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


class StalePlanGoal(StaleEdit):
    """A plan goal someone else saved (or removed: `current` is None) since it was loaded;
    `form` is its row."""

    def __init__(self, current, form):
        super().__init__(current)
        self.form = form


def save_plan_goals(formset):
    """Save the coordinators' formset of plan goals (`plan_goal_forms`).

    Each row the user changed or removed is locked and saved only if it still holds what
    the user loaded (`row_state`); else nothing at all is saved and StalePlanGoal names the
    first such row. New rows and rows left as they stand are never refused. Every change
    is in the goals' history, with who made it (simple_history's middleware)."""
    with transaction.atomic():
        for form in formset.initial_forms:
            removed = formset.can_delete and formset._should_delete_form(form)
            if form.instance.pk is None or not (removed or form.has_changed()):
                continue
            current = PlanGoal.objects.select_for_update().filter(pk=form.instance.pk).first()
            if current is None or row_state(current) != form.cleaned_data.get("loaded_state"):
                raise StalePlanGoal(current, form)
        return formset.save()
