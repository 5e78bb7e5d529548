"""The strategy file's actions with their milestones, and its indicators, as the importer
writes them (strategy_files.import_writer), after the plan levels they link to. An action
is matched by its code, so one whose code is unchanged keeps its follow-ups."""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from actions.models import Action, FollowUp, Indicator, Milestone

from .import_errors import StrategyFileError
from .import_fields import partial_date, partial_deadline
from .import_rows import kept_orders, links_changed, set_m2m, sync, upsert


class ActionRows:
    """The writer's steps for actions, milestones and indicators, mixed into the writer
    (import_writer._Writer), which has written the goal areas, goals, strategy points and
    the municipality's rows they link to (`self.areas`, `self.goals`, `self.points`,
    `self.parties`, `self.partners`, `self.twin_towns`)."""

    def _actions(self, areas, plan_wide):
        existing = {
            action.code: action
            for action in Action.objects.filter(strategy=self.strategy).prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.order_by("order", "pk")),
                "goals",
                "strategy_points",
                "partners",
                "twin_towns",
            )
        }
        self.actions = {}
        groups = [(self.areas[area["code"]], area) for area in areas]
        groups.append((None, {"code": None, "actions": plan_wide}))
        for goal_area, area in groups:
            matched = [existing.get(item["code"]) for item in area["actions"]]
            (orders,) = kept_orders([matched])
            for index, item in enumerate(area["actions"]):
                action = existing.pop(item["code"], None) or Action(strategy=self.strategy)
                responsible = self.parties[item["responsible"]] if item["responsible"] else None
                upsert(
                    action,
                    {
                        "goal_area_id": goal_area.pk if goal_area else None,
                        "code": item["code"],
                        "order": orders[index],
                        "title": item["title"],
                        "description": item["description"],
                        "responsible_id": responsible.pk if responsible else None,
                        "responsible_note": item["responsible_note"],
                        "recurrence": item["recurrence"],
                        "status": item["status"],
                        "is_archived": item["archived"],
                        **_planned(item["planned_start"], item["planned_end"]),
                        "cost_amount": _dec(item["cost"]["amount"]),
                        "cost_currency": item["cost"]["currency"] or "",
                        "funding_note": item["cost"]["note"],
                        "estimated_hours": _dec(item["estimated_hours"]),
                    },
                )
                links = [
                    set_m2m(action.goals, [self.goals[(area["code"], c)] for c in item["goals"]]),
                    set_m2m(
                        action.strategy_points, [self.points[c] for c in item["strategy_points"]]
                    ),
                    set_m2m(action.partners, [self.partners[k] for k in item["partners"]]),
                    set_m2m(action.twin_towns, [self.twin_towns[k] for k in item["twin_towns"]]),
                ]
                if any(links):
                    links_changed(action)
                self._milestones(action, item["milestones"])
                self.actions[item["code"]] = action
        # An action left out of the file goes, unless staff have followed it up: then it
        # is archived, so a mistyped code never costs a department its yearly reports.
        followed_up = set(
            FollowUp.objects.filter(action__in=existing.values()).values_list(
                "action_id", flat=True
            )
        )
        kept_areas = {area.pk for area in self.areas.values()}
        for action in existing.values():
            if action.pk in followed_up:
                area = action.goal_area_id if action.goal_area_id in kept_areas else None
                upsert(action, {"is_archived": True, "goal_area_id": area}, outcome="archived")
        self.leftover_actions = [a for a in existing.values() if a.pk not in followed_up]

    def _milestones(self, action, items):
        current = list(action.milestones.all()) if action.pk else []
        (orders,) = kept_orders(
            [[current[i] if i < len(current) else None for i in range(len(items))]]
        )
        _kept, left = sync(
            dict(enumerate(current)),
            [
                (
                    i,
                    {
                        "order": orders[i],
                        "title": m["title"],
                        **_deadline(m["due"]),
                        "reached_on": m["reached"],
                    },
                )
                for i, m in enumerate(items)
            ],
            lambda: Milestone(action=action),
        )
        # A milestone a follow-up reports reached is part of that record: never removed.
        reported = [m for m in left if m.follow_ups.exists()]
        if reported:
            raise StrategyFileError(
                [
                    _(
                        'Action %(code)s: the milestone "%(title)s" is reported reached in '
                        "a follow-up, so an import cannot remove it; keep it in the file."
                    )
                    % {"code": action.code, "title": milestone.title}
                    for milestone in reported
                ]
            )
        self.leftovers.append(left)

    def _indicators(self, items):
        existing = {i.code: i for i in self.strategy.indicators.prefetch_related("values")}
        for item in items:
            indicator = existing.pop(item["code"], None) or Indicator(strategy=self.strategy)
            upsert(
                indicator,
                {
                    "code": item["code"],
                    "name": item["name"],
                    "unit": item["unit"],
                    "goal_area_id": self.areas[item["goal_area"]].pk if item["goal_area"] else None,
                    "action_id": self.actions[item["action"]].pk if item["action"] else None,
                    "baseline": _dec(item["baseline"]),
                    "target": _dec(item["target"]),
                    "target_year": item["target_year"],
                },
            )
            values = {v.year: v for v in indicator.values.all()}
            _kept, left = sync(
                values,
                [
                    (year, {"year": year, "value": _dec(value)})
                    for year, value in item["values"].items()
                ],
                lambda indicator=indicator: indicator.values.model(indicator=indicator),
            )
            # A year's value recorded since (the follow-up form writes them) is kept when
            # the file leaves it out: an import adds and corrects, never erases a record.
            del left
        # Order matters: indicators, then actions, then goal areas they point to.
        self.leftovers.append(list(existing.values()))
        self.leftovers.append(self.leftover_actions)
        self.leftovers.append(self.leftovers_last)


def _dec(value):
    return None if value is None else Decimal(str(value))


def _deadline(value):
    """A milestone's due date and its precision, as the model stores them."""
    due_on, precision = partial_deadline(value)
    return {"due_on": due_on, "due_on_precision": precision}


def _planned(start, end):
    """An action's planned start and end with their precisions: a start as its period's
    first day, an end as its last (an action planned to end "2027" is not late in it)."""
    start_on, start_precision = partial_date(start)
    end_on, end_precision = partial_deadline(end)
    return {
        "planned_start": start_on,
        "planned_start_precision": start_precision,
        "planned_end": end_on,
        "planned_end_precision": end_precision,
    }
