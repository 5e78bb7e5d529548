"""The milestone timeline of a strategy per goal area, for its members' dashboard.

Milestones by quarter across the strategy's period, late ones marked, with a count per
goal area for the data table. Two queries whatever the size (the goal areas, the dated
milestones of the strategy's actions); archived actions are left out, as everywhere.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actions.models import Milestone
from goals.models import GoalArea


def is_late(milestone, today):
    """A milestone is late when its due date has passed and it is not reached."""
    return milestone.reached_on is None and milestone.due_on < today


@dataclass
class TimelineMilestone:
    title: str
    action_code: str
    action_title: str
    action_url: str
    due_on: object
    due_as_written: str
    reached_on: object
    late: bool


@dataclass
class Quarter:
    year: int
    number: int
    milestones: list = field(default_factory=list)

    @property
    def label(self):
        return _("Q%(quarter)s %(year)s") % {"quarter": self.number, "year": self.year}


@dataclass
class AreaTimeline:
    heading: str
    anchor: str
    quarters: list = field(default_factory=list)
    reached: int = 0
    late: int = 0
    ahead: int = 0  # not reached, not yet due

    @property
    def total(self):
        return self.reached + self.late + self.ahead


def milestone_timeline(strategy, today):
    """[AreaTimeline] in the plan's order, plan-wide actions last; areas without dated
    milestones are left out. `strategy` must come with its municipality."""
    municipality = strategy.municipality
    areas = {
        area.pk: AreaTimeline(
            heading=f"{municipality.label_goal_area} {area.code}. {area.title}",
            anchor=f"timeline-{area.pk}",
        )
        for area in GoalArea.objects.filter(strategy=strategy).order_by("order", "code")
    }
    areas[None] = AreaTimeline(
        heading=_("%(actions)s for the whole strategy")
        % {"actions": municipality.label_action_plural},
        anchor="timeline-plan-wide",
    )
    milestones = (
        Milestone.objects.filter(
            action__strategy=strategy, action__is_archived=False, due_on__isnull=False
        )
        .select_related("action")
        .order_by("due_on", "action__order", "action__code", "order", "pk")
    )
    for milestone in milestones:
        area = areas[milestone.action.goal_area_id]
        late = is_late(milestone, today)
        if milestone.reached_on is not None:
            area.reached += 1
        elif late:
            area.late += 1
        else:
            area.ahead += 1
        year, number = milestone.due_on.year, (milestone.due_on.month - 1) // 3 + 1
        if not area.quarters or (area.quarters[-1].year, area.quarters[-1].number) != (
            year,
            number,
        ):
            area.quarters.append(Quarter(year, number))
        area.quarters[-1].milestones.append(
            TimelineMilestone(
                title=milestone.title,
                action_code=milestone.action.code,
                action_title=milestone.action.title,
                action_url=milestone.action.get_absolute_url(),
                due_on=milestone.due_on,
                due_as_written=milestone.due_as_written,
                reached_on=milestone.reached_on,
                late=late,
            )
        )
    return [area for area in areas.values() if area.total]
