"""Typed records of the dashboard's roll-up (issue 16: figures as dataclasses, not dicts
with string keys, so a renamed field fails in mypy rather than on a page).

`YearRow` is what `selectors._year_rows` hands to `selectors.dashboard_figures`: the
counts and sums of one (year, goal area, department) of a strategy. Frozen: a row is
built by `replace`, never changed where it is read.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class Part:
    """Some actions of a group: their number and the plan's estimates for them."""

    n: int
    est_hours: Decimal
    est_cost: Decimal

    def __sub__(self, other: "Part") -> "Part":
        return Part(
            self.n - other.n, self.est_hours - other.est_hours, self.est_cost - other.est_cost
        )


@dataclass(frozen=True)
class YearRow:
    """One (year, goal area, department): its actions, follow-ups and sums."""

    year: int
    goal_area: int | None
    responsible: int | None
    actions: int = 0
    expected: int = 0  # actions owing a follow-up
    reported: int = 0  # of those, follow-ups in (submitted or approved; approved only)
    missing: int = 0  # of those, without a counted follow-up
    progress_sum: int = 0
    hours_spent: Decimal = ZERO
    money_spent: Decimal = ZERO  # in the municipality's currency only
    money_other_currency: int = 0  # follow-ups that spent money in another currency
    demo: int = 0  # demo follow-ups among those counted
    estimated_hours: Decimal = ZERO
    estimated_cost: Decimal = ZERO
    # FollowUp.Status value -> counted follow-ups with that status (missing ones aside).
    by_status: Mapping[str, int] = field(default_factory=dict)

    def with_estimates(self, part: Part) -> "YearRow":
        return replace(
            self,
            actions=self.actions + part.n,
            estimated_hours=self.estimated_hours + part.est_hours,
            estimated_cost=self.estimated_cost + part.est_cost,
        )
