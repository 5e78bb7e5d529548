"""Write a checked, normalised strategy file to the database (see strategy_files.importer).

Rows are matched to the file by code or key and updated in place; a row is saved only
when a value differs, so re-importing an unchanged file writes nothing (no new history
either) and an action whose code is unchanged keeps its follow-ups. The importer is the
one service that writes a whole plan, so it reaches into partners and actions too.
"""

from contextlib import contextmanager
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from actions.models import Action, FollowUp, Indicator, Milestone
from goals.models import (
    Amendment,
    Goal,
    GoalArea,
    Municipality,
    PlanGoal,
    PlanStatement,
    ResponsibleParty,
    Strategy,
    StrategyPoint,
)
from partners.models import Partner, TwinTown, TwinTownAgreement, TwinTownStatusChange

from . import framework_links
from .import_errors import StrategyFileError
from .import_fields import omitted, partial_date, partial_deadline, since_fields
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
from .import_schema import LABELS
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


def _dec(value):
    return None if value is None else Decimal(str(value))


class _Writer:
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

    def _municipality(self, data):
        fields = {}
        for key in ("name", "country", "number", "county", "language", "currency"):
            if key in data:
                fields[key] = data[key]
        # A file silent about `published` leaves it as an administrator set it.
        if "published" in data and "published" not in omitted(data):
            fields["is_published"] = data["published"]
        for label in LABELS:
            if label in (data.get("labels") or {}):
                fields[f"label_{label}"] = data["labels"][label]
        existing = Municipality.objects.filter(slug=data["slug"]).first()
        return upsert(existing or Municipality(slug=data["slug"]), fields)

    def _by_key(self, model, items, fields_of):
        """Upsert by key; keys the file does not name are kept as they are."""
        existing = {obj.key: obj for obj in model.objects.filter(municipality=self.municipality)}
        # Only responsible parties have an order (partners and twin towns: file order).
        orders = range(len(items))
        if model is ResponsibleParty:
            (orders,) = kept_orders([[existing.get(item["key"]) for item in items]])
        for index, item in enumerate(items):
            obj = existing.get(item["key"]) or model(
                municipality=self.municipality, key=item["key"]
            )
            existing[item["key"]] = upsert(obj, fields_of(item, orders[index]))
            if model is TwinTown:
                self._status_history(obj, item["status_history"], f"twin_towns[{index}]")
        return existing

    def _party(self, item, order):
        return {
            "name": item["name"],
            "kind": item["kind"],
            "order": order,
            "duties": "\n".join(item["duties"]),
        }

    def _partner(self, item, index):
        return {
            "name": item["name"],
            "kind": item["kind"],
            "country": item["country"],
            "is_active": item["active"],
            "cooperation": "\n".join(item["cooperation"]),
        }

    def _twin_town(self, item, index):
        since, approximate = since_fields(item["since"])
        return {
            **{key: item[key] for key in ("name", "country", "category", "status", "description")},
            "since": since,
            "since_approximate": approximate,
            "status_reason": item.get("status_reason", ""),
        }

    def _agreements(self, items):
        """Agreements by key, each linking the twin towns it names; never deleted (like
        twin towns). A file without `agreements` leaves them as they are."""
        if items is None:
            return
        existing = {a.key: a for a in self.municipality.twin_town_agreements.all()}
        for item in items:
            signed_on, precision = partial_date(item["date"])
            agreement = upsert(
                existing.get(item["key"])
                or TwinTownAgreement(municipality=self.municipality, key=item["key"]),
                {
                    "title": item["title"],
                    "description": item["description"],
                    "signed_on": signed_on,
                    "signed_on_precision": precision,
                },
            )
            if set_m2m(agreement.twin_towns, [self.twin_towns[k] for k in item["twin_towns"]]):
                links_changed(agreement)

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

    def _status_history(self, twin_town, history, where):
        """A twin town's status steps are a record: the file may add steps after those
        recorded, never leave one out or change it (a step taken in the portal, with its
        council decision, is not the file's to undo). New steps meet the form's rules
        and each gets its history row, attributed to the importing user, reason "import"."""
        wanted = [(c["status"], c["date"], c["year"], c["decision"], c["note"]) for c in history]
        current = list(twin_town.status_changes.order_by("order", "pk"))
        have = [(c.status, c.changed_on, c.year, c.decision, c.note) for c in current]
        for position, (recorded, step) in enumerate(zip(have, current, strict=True)):
            if position >= len(wanted) or wanted[position] != recorded:
                when = step.changed_on or step.year or "?"
                raise StrategyFileError(
                    [
                        _(
                            "%(where)s.status_history[%(position)s]: the recorded step "
                            "%(status)s (%(when)s) is left out or changed. An import adds "
                            "steps after the recorded ones and never removes or rewrites "
                            "one; export the strategy to get its history as recorded."
                        )
                        % {
                            "where": where,
                            "position": position,
                            "status": step.get_status_display(),
                            "when": when,
                        }
                    ]
                )
        order = current[-1].order + 1 if current else 0
        for position, (s, d, y, dec, note) in enumerate(wanted[len(have) :], start=len(have)):
            step = TwinTownStatusChange(
                twin_town=twin_town,
                status=s,
                changed_on=d,
                year=y,
                decision=dec,
                note=note,
                order=order,
            )
            try:
                step.full_clean(validate_unique=False)
                errors = {}
            except ValidationError as error:
                errors = error.message_dict
            if not have:
                # A first load takes the adopted document's history as written ("ended in
                # the last period", no decision named); a relation already recorded here
                # changes only as the portal's form allows: an ending names its decision.
                errors.pop("decision", None)
            if errors:
                raise StrategyFileError(
                    [
                        f"{where}.status_history[{position}].{field}: {message}"
                        for field, messages in errors.items()
                        for message in messages
                    ]
                )
            step._change_reason = "import"
            step.save()
            tally(TwinTownStatusChange, "added")
            order += 1

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
