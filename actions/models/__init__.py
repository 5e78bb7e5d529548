"""Actions (tiltak, aktivitet) and their yearly follow-up — the unit staff work on.

One module per part (the action and its milestones, indicators, follow-ups), all
importable from `actions.models` as before.
"""

from .action import NON_NEGATIVE, Action, Milestone
from .follow_ups import ExternalFunding, FollowUp, ReminderSent, has_ended
from .indicators import Indicator, IndicatorValue

__all__ = [
    "NON_NEGATIVE",
    "Action",
    "ExternalFunding",
    "FollowUp",
    "Indicator",
    "IndicatorValue",
    "Milestone",
    "ReminderSent",
    "has_ended",
]
