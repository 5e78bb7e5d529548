"""The ground floor: municipalities and their adopted strategies.

Each municipality names the plan's levels in its own words (satsingsområde, målområde,
akse, prioriterat område…); those labels are data, shown in the UI as they are.

One module per part (values, the municipality, the strategy, the plan's levels), all
importable from `goals.models` as before; migrations name validators by that path.
"""

from .municipality import Municipality, MunicipalityLogo, ResponsibleParty
from .strategy import Amendment, PlanGoal, PlanStatement, Strategy, StrategyQuerySet
from .structure import Goal, GoalArea, StrategyPoint
from .values import (
    FIRST_YEAR,
    LAST_YEAR,
    Country,
    Currency,
    DatePrecision,
    Language,
    date_as_written,
    iso_as_written,
    validate_municipality_number,
    validate_year,
)

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "Amendment",
    "Country",
    "Currency",
    "DatePrecision",
    "Goal",
    "GoalArea",
    "Language",
    "Municipality",
    "MunicipalityLogo",
    "PlanGoal",
    "PlanStatement",
    "ResponsibleParty",
    "Strategy",
    "StrategyPoint",
    "StrategyQuerySet",
    "date_as_written",
    "iso_as_written",
    "validate_municipality_number",
    "validate_year",
]
