"""Form posts and constants shared by the action tests."""

from django.utils import timezone

from actions.models import FollowUp
from tests.factories import INTERNATIONAL_DAY

__all__ = ["INTERNATIONAL_DAY", "THIS_YEAR", "follow_up_data"]

THIS_YEAR = timezone.localdate().year


def follow_up_data(year=THIS_YEAR, **overrides):
    """A complete follow-up form post, with an empty funding formset."""
    data = {
        "year": year,
        "status": FollowUp.Status.ON_TRACK,
        "progress": 50,
        "what_was_done": "Open dag med 300 besøkande.",
        "hours": "120",
        "money_spent": "45000",
        "currency": "NOK",
        "other_resources": "",
        "contribution_to_goals": "",
        "funding-TOTAL_FORMS": "0",
        "funding-INITIAL_FORMS": "0",
        "funding-MIN_NUM_FORMS": "0",
        "funding-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def action_data(action, **overrides):
    data = {
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "goal_area": action.goal_area_id,
        "goals": [g.pk for g in action.goals.all()],
        "strategy_points": [p.pk for p in action.strategy_points.all()],
        "responsible": action.responsible_id or "",
        "responsible_note": action.responsible_note,
        "partners": [p.pk for p in action.partners.all()],
        "twin_towns": [t.pk for t in action.twin_towns.all()],
        "recurrence": action.recurrence,
        "planned_start": action.planned_start or "",
        "planned_end": action.planned_end or "",
        "cost_amount": action.cost_amount if action.cost_amount is not None else "",
        "cost_currency": action.cost_currency,
        "funding_note": action.funding_note,
        "estimated_hours": action.estimated_hours if action.estimated_hours is not None else "",
        "status": action.status,
        "loaded_version": action.version,
    }
    data.update(overrides)
    return data
