"""The annual report's chapters "Contribution to Agenda 2030" (and one per other framework
the plan is linked to: Europa 2020, the master plan), read beside the report's actions.

`framework_chapters` works on the actions the report has loaded already (each with its
approved follow-up of the year as `action.report`, or None), so the figures are the
report's own (approved follow-ups only, money in the municipality's currency, as the
dashboard counts it). A framework the strategy names (Tranås: Europa 2020) has its
chapter even before anything is linked to its items: it says so, and invents no link.
Five queries, whatever the number of links.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import ActionLink, GoalAreaLink, GoalLink, StrategyFramework, StrategyPointLink
from .selectors import safe_colour


@dataclass
class ItemRow:
    """One framework item (SDG 11) with what the plan does for it."""

    item: object
    goal_area_links: list = field(default_factory=list)
    point_links: list = field(default_factory=list)
    goal_links: list = field(default_factory=list)
    action_links: list = field(default_factory=list)  # each with its `action` (and .report)

    @property
    def colour(self):
        return safe_colour(self.item)

    @property
    def reported(self):
        return sum(1 for link in self.action_links if link.action.report is not None)

    def hours(self):
        return sum(
            (link.action.report.hours for link in self.action_links if link.action.report),
            Decimal(0),
        )

    def money(self, currency):
        return sum(
            (
                link.action.report.money_spent
                for link in self.action_links
                if link.action.report and link.action.report.currency == currency
            ),
            Decimal(0),
        )


@dataclass
class Chapter:
    framework: object
    anchor: str
    heading: str
    rows: list
    hours: Decimal = Decimal(0)
    money: Decimal = Decimal(0)


def heading_for(framework):
    """ "Contribution to Agenda 2030" for the SDGs; "Contribution to Europa 2020" else."""
    if framework.code == "sdg":
        return _("Contribution to Agenda 2030")
    return _("Contribution to %(framework)s") % {"framework": framework.name}


def framework_chapters(strategy, actions, currency):
    """One chapter per framework the strategy's goal areas, strategy points, goals or
    (non-archived, reported-on) `actions` are linked to, or that the strategy names, in
    the frameworks' order; each item with links is a row (a named framework without links
    has none)."""
    by_pk = {action.pk: action for action in actions}
    position = {action.pk: index for index, action in enumerate(actions)}
    action_links = (
        ActionLink.objects.filter(action__strategy=strategy, action__is_archived=False)
        .select_related("item__framework", "item__parent")
        .order_by("item__framework__order", "item__framework__code", "item__order", "item__pk")
    )
    goal_links = (
        GoalLink.objects.filter(goal__goal_area__strategy=strategy)
        .select_related("item__framework", "item__parent", "goal__goal_area")
        .order_by("goal__goal_area__order", "goal__order", "goal__pk")
    )
    goal_area_links = (
        GoalAreaLink.objects.filter(goal_area__strategy=strategy)
        .select_related("item__framework", "item__parent", "goal_area")
        .order_by("goal_area__order", "goal_area__code", "pk")
    )
    point_links = (
        StrategyPointLink.objects.filter(strategy_point__strategy=strategy)
        .select_related("item__framework", "item__parent", "strategy_point")
        .order_by("strategy_point__order", "strategy_point__code", "pk")
    )
    rows = {}
    for link in goal_area_links:
        rows.setdefault(link.item_id, ItemRow(link.item)).goal_area_links.append(link)
    for link in point_links:
        rows.setdefault(link.item_id, ItemRow(link.item)).point_links.append(link)
    for link in action_links:
        link.action = by_pk.get(link.action_id)
        if link.action is not None:
            rows.setdefault(link.item_id, ItemRow(link.item)).action_links.append(link)
    for link in goal_links:
        rows.setdefault(link.item_id, ItemRow(link.item)).goal_links.append(link)
    for row in rows.values():
        row.action_links.sort(key=lambda link: position[link.action_id])

    def order(row):
        framework = row.item.framework
        return (framework.order, framework.code, row.item.order, row.item.pk)

    def chapter_of(framework):
        if framework.pk not in chapters:
            chapters[framework.pk] = Chapter(
                framework=framework,
                anchor=f"framework-{framework.code}",
                heading=heading_for(framework),
                rows=[],
            )
        return chapters[framework.pk]

    chapters = {}
    for row in sorted(rows.values(), key=order):
        chapter = chapter_of(row.item.framework)
        chapter.rows.append(row)
        row.hours_total = row.hours()
        row.money_total = row.money(currency)
        chapter.hours += row.hours_total
        chapter.money += row.money_total
    for named in StrategyFramework.objects.filter(strategy=strategy).select_related("framework"):
        chapter_of(named.framework)

    def framework_order(chapter):
        return (chapter.framework.order, chapter.framework.code)

    return sorted(chapters.values(), key=framework_order)
