"""Write a checked, normalised strategy file to the database (see strategy_files.importer).

Rows are matched to the file by code or key and updated in place; a row is saved only
when a value differs, so re-importing an unchanged file writes nothing (no new history
either) and an action whose code is unchanged keeps its follow-ups. The importer is the
one service that writes a whole plan, so it reaches into partners and actions too.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from goals.models import (
    Amendment,
    Goal,
    GoalArea,
    PlanGoal,
    PlanStatement,
    ResponsibleParty,
    Strategy,
    StrategyPoint,
)
from partners.models import Partner, TwinTown

from . import framework_links
from .import_actions import ActionRows
from .import_errors import StrategyFileError
from .import_fields import omitted, partial_date
from .import_municipality import MunicipalityRows
from .import_rows import (
    kept_orders,
    links_changed,
    match_keys,
    recording,
    set_m2m,
    sync,
    tally,
    upsert,
)
from .import_summary import ChangeSummary


@contextmanager
def history_by(user):
    """Attribute every history row written inside (saves, deletes, m2m) to `user`.

    django-simple-history reads the user from the request it keeps per thread; outside a
    request (management command) there is none, so a stand-in request carries the user.
    """
    if user is None:
        yield
        return
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


def write(data, *, user=None, dry_run=False, reason=None):
    """Write `data`; returns (strategy, ChangeSummary). A dry run writes the same rows
    inside the transaction and rolls it back: the checks, the refusals and the summary are
    exactly those of the real import, and nothing stays (history, e-mail on commit, none)."""
    summary = ChangeSummary()
    try:
        with recording(summary, reason), history_by(user), transaction.atomic():
            strategy = _Writer(data).run()
            summary.municipality = strategy.municipality
            if dry_run:
                transaction.set_rollback(True)
        return strategy, summary
    except DatabaseError as exc:
        raise StrategyFileError(
            [_("The database refused the import, nothing was written: %(error)s") % {"error": exc}]
        ) from exc


class _Writer(MunicipalityRows, ActionRows):
    """The whole file in order: the municipality's rows (import_municipality), the
    strategy and its levels (here), then actions and indicators (import_actions)."""

    def __init__(self, data):
        self.data = data
        self.leftovers = []  # deleted at the end, children before the rows they protect

    def run(self):
        self.municipality = self._municipality(self.data["municipality"])
        self.parties = self._by_key(ResponsibleParty, self.data["responsible_parties"], self._party)
        self.partners = self._by_key(Partner, self.data["partners"], self._partner)
        self.twin_towns = self._by_key(TwinTown, self.data["twin_towns"], self._twin_town)
        self._agreements(self.data.get("agreements"))
        plan = self.data["strategy"]
        self.strategy = self._strategy(plan)
        self._plan_goals(plan)
        self._statements(plan["statements"])
        self._amendments(plan["amendments"])
        self._goal_areas(plan["goal_areas"])
        self._strategy_points(plan["strategy_points"])
        self._actions(plan["goal_areas"], plan["actions"])
        framework_links.write(self, plan)
        self._indicators(plan["indicators"])
        for rows in self.leftovers:
            if rows:
                type(rows[0]).objects.filter(pk__in=[row.pk for row in rows]).delete()
                tally(type(rows[0]), "removed", len(rows))
        return self.strategy

    def _plan_goals(self, plan):
        """Plan-level goals and their sub-goals, matched by code (or place, without one)."""
        if "goals" in omitted(plan):
            return  # a file silent about them leaves them as they are
        rows = list(self.strategy.plan_goals.order_by("order", "pk"))
        subs = {}
        for row in rows:
            subs.setdefault(row.parent_id, []).append(row)
        rows = [r for main in subs.get(None, []) for r in [main] + subs.get(main.pk, [])]
        existing = dict(zip(match_keys(rows), rows, strict=True))
        mains = plan.get("goals") or []
        flat = [
            pair
            for main in mains
            for pair in [(main, None)] + [(sub, main) for sub in main.get("goals") or []]
        ]
        keys = match_keys([item for item, _parent in flat])
        saved = {}
        for position, ((item, parent), key) in enumerate(zip(flat, keys, strict=True)):
            saved[id(item)] = upsert(
                existing.pop(key, None) or PlanGoal(strategy=self.strategy),
                {
                    "code": item.get("code") or "",
                    "order": position,
                    "text": item["text"],
                    "parent_id": saved[id(parent)].pk if parent is not None else None,
                },
            )
        self.leftovers.append(list(existing.values()))

    def _strategy(self, plan):
        existing = Strategy.objects.select_for_update().filter(slug=plan["slug"]).first()
        fields = {
            key: plan[key]
            for key in (
                "title",
                "adopted_by",
                "adopted_on",
                "decision_reference",
                "document_id",
                "version",
                "document_type",
                "published_on",
                "revise_by",
                "status",
                "vision",
                "introduction",
            )
            # What the file is silent about stays as it is (a new strategy: the default).
            if key not in omitted(plan)
        }
        for key in ("adopted_on", "published_on"):
            if key in fields:  # "2012-04" is a month: its first day, shown as the month
                fields[key], fields[f"{key}_precision"] = partial_date(fields[key])
        if "period" not in omitted(plan):
            period = plan["period"]
            for key in ("start", "end"):
                if key not in omitted(period):
                    fields[f"period_{key}"] = period[key]
        fields["municipality_id"] = self.municipality.pk
        return upsert(existing or Strategy(slug=plan["slug"]), fields)

    def _by_position(self, model, items, fields_of):
        rows = list(model.objects.filter(strategy=self.strategy).order_by("order", "pk"))
        (orders,) = kept_orders([[rows[i] if i < len(rows) else None for i in range(len(items))]])
        _kept, left = sync(
            dict(enumerate(rows)),
            [(index, fields_of(item, orders[index])) for index, item in enumerate(items)],
            lambda: model(strategy=self.strategy),
        )
        self.leftovers.append(left)

    def _statements(self, items):
        if "statements" in omitted(self.data["strategy"]):
            return  # a file silent about them leaves them as they are
        self._by_position(
            PlanStatement,
            items,
            lambda item, index: {
                "kind": item["kind"],
                "order": index,
                "title": item["title"],
                "text": item["text"],
            },
        )

    def _amendments(self, items):
        if "amendments" in omitted(self.data["strategy"]):
            return  # a file silent about them leaves them as they are

        def fields_of(item, index):
            # "2019-06" is a month: its first day, shown as the month.
            decided_on, precision = partial_date(item["decided_on"])
            return {
                "order": index,
                "decided_on": decided_on,
                "decided_on_precision": precision,
                **{
                    key: item[key] for key in ("kind", "decided_by", "reference", "affects", "text")
                },
            }

        self._by_position(Amendment, items, fields_of)

    def _goal_areas(self, areas):
        current = {area.code: area for area in self.strategy.goal_areas.all()}
        (orders,) = kept_orders([[current.get(a["code"]) for a in areas]])
        self.areas, left_areas = sync(
            current,
            [
                (
                    a["code"],
                    {
                        "code": a["code"],
                        "order": orders[i],
                        "title": a["title"],
                        "description": a["description"],
                    },
                )
                for i, a in enumerate(areas)
            ],
            lambda: GoalArea(strategy=self.strategy),
        )
        by_area = {}
        for goal in (
            Goal.objects.filter(goal_area__strategy=self.strategy)
            .select_related("goal_area")
            .order_by("order", "pk")
        ):
            by_area.setdefault(goal.goal_area.code, []).append(goal)
        existing_goals = {
            (code, key): goal
            for code, rows in by_area.items()
            for key, goal in zip(match_keys(rows), rows, strict=True)
        }
        desired = []
        for area in areas:
            keys = match_keys(area["goals"])
            # A goal moved to another area keeps its number only if it fits there too.
            matched = [existing_goals.get((area["code"], key)) for key in keys]
            (orders,) = kept_orders([matched])
            desired += [
                (
                    (area["code"], keys[i]),
                    {
                        "goal_area_id": self.areas[area["code"]].pk,
                        "code": goal.get("code") or "",
                        "order": orders[i],
                        "text": goal["text"],
                    },
                )
                for i, goal in enumerate(area["goals"])
            ]
        self.goals, left_goals = sync(existing_goals, desired, Goal)
        # Actions still pointing at a removed goal area are removed first (PROTECT).
        self.leftovers.append(left_goals)
        self.leftovers_last = left_areas

    def _strategy_points(self, mains):
        rows = list(
            self.strategy.strategy_points.order_by("order", "pk").prefetch_related("goal_areas")
        )
        # In document order (each main point followed by its points), as the exporter
        # lists them: points without a code are matched by their place among those.
        subs = {}
        for row in rows:
            subs.setdefault(row.parent_id, []).append(row)
        rows = [r for main in subs.get(None, []) for r in [main] + subs.get(main.pk, [])]
        existing = dict(zip(match_keys(rows), rows, strict=True))
        flat = [item for main in mains for item in [main] + main["points"]]
        key_of = {id(item): key for item, key in zip(flat, match_keys(flat), strict=True)}
        kept = {}
        # The exporter lists main points by their order and each one's sub-points by
        # theirs: each of those sequences keeps its numbers if it still fits.
        groups = [mains] + [main["points"] for main in mains]
        numbers = kept_orders(
            [[existing.get(key_of[id(item)]) for item in group] for group in groups]
        )
        order = {
            id(item): number
            for group, group_numbers in zip(groups, numbers, strict=True)
            for item, number in zip(group, group_numbers, strict=True)
        }
        for main in mains:
            main_key = key_of[id(main)]
            for item, parent in [(main, None)] + [(sub, main_key) for sub in main["points"]]:
                key = key_of[id(item)]
                obj = existing.pop(key, None) or StrategyPoint(strategy=self.strategy)
                kept[key] = upsert(
                    obj,
                    {
                        "code": item.get("code") or "",
                        "order": order[id(item)],
                        "title": item["title"],
                        "text": item["text"],
                        "parent_id": kept[parent].pk if parent else None,
                    },
                )
                if set_m2m(obj.goal_areas, [self.areas[code] for code in item["goal_areas"]]):
                    links_changed(obj)
        self.points = kept
        self.leftovers.append(list(existing.values()))
