"""The milestone timeline of a strategy per goal area, for its members' dashboard.

Milestones by quarter across the strategy's period, late ones marked, with a count per
goal area for the data table. One query whatever the size (the dated milestones of the
strategy's actions, with their goal areas); archived actions are left out, as everywhere.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actions.models import Milestone


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
    milestones are left out. `strategy` must come with its municipality. One query: the
    dated milestones with their actions and goal areas."""
    municipality = strategy.municipality
    milestones = (
        Milestone.objects.filter(
            action__strategy=strategy, action__is_archived=False, due_on__isnull=False
        )
        .select_related("action__goal_area")
        .order_by("due_on", "action__order", "action__code", "order", "pk")
    )
    areas, places = {}, {}

    def area_of(goal_area):
        key = goal_area.pk if goal_area is not None else None
        if key not in areas:
            if goal_area is None:
                heading = _("%(actions)s for the whole strategy") % {
                    "actions": municipality.label_action_plural
                }
                areas[key] = AreaTimeline(heading=heading, anchor="timeline-plan-wide")
                places[key] = (1, 0, "")
            else:
                areas[key] = AreaTimeline(
                    heading=f"{municipality.label_goal_area} {goal_area.code}. {goal_area.title}",
                    anchor=f"timeline-{goal_area.pk}",
                )
                places[key] = (0, goal_area.order, goal_area.code)
        return areas[key]

    for milestone in milestones:
        area = area_of(milestone.action.goal_area)
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
    return [areas[key] for key in sorted(areas, key=places.__getitem__)]
