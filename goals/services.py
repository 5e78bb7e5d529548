"""Writes to the ground floor that are decisions, not edits."""

from django.db import transaction
from django.db.models import Count, Q

from .models import Municipality


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
