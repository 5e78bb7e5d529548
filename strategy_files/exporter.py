"""Export a strategy as a strategy file (docs/import-format.md).

The dict has exactly the shape the importer normalises a file to (every key, defaults
written out, in the documented order), so import(export(x)) exports to the same dict and
the same YAML, and exporting an imported seed gives the seed's normalised data.
"""

import json

import yaml
from django.db.models import Prefetch

from actions.models import Action, Indicator, Milestone
from goals.models import Goal, GoalArea, StrategyPoint

from . import framework_links
from .import_fields import number_out, partial_out, since_out
from .import_schema import FORMAT, LABELS


def export_strategy(strategy):
    """The strategy file's data for `strategy`. Constant queries, whatever the plan's size."""
    municipality = strategy.municipality
    return {
        "format": FORMAT,
        "municipality": {
            "slug": municipality.slug,
            # An exported file is self-contained: it can create the municipality elsewhere.
            "create": True,
            "name": municipality.name,
            "country": municipality.country,
            # Only when set, so a file of a municipality without them exports as before.
            **({"number": municipality.number} if municipality.number else {}),
            **({"county": municipality.county} if municipality.county else {}),
            "language": municipality.language,
            "currency": municipality.currency,
            "published": municipality.is_published,
            "labels": {label: getattr(municipality, f"label_{label}") for label in LABELS},
        },
        "responsible_parties": [
            {"key": p.key, "name": p.name, "kind": p.kind, "duties": p.duty_list}
            for p in municipality.responsible_parties.order_by("order", "pk")
        ],
        "partners": [
            {
                "key": p.key,
                "name": p.name,
                "kind": p.kind,
                "country": p.country,
                "active": p.is_active,
                "cooperation": p.cooperation_list,
            }
            for p in municipality.partners.order_by("pk")
        ],
        "twin_towns": [
            _twin_town(t)
            for t in municipality.twin_towns.order_by("pk").prefetch_related("status_changes")
        ],
        **_agreements(municipality),
        "strategy": _strategy(strategy),
    }


def _agreements(municipality):
    """Written only when there are some: a file without agreements exports as before."""
    agreements = [
        {
            "key": a.key,
            "title": a.title,
            "description": a.description,
            "date": partial_out(a.signed_on, a.signed_on_precision),
            "twin_towns": [t.key for t in sorted(a.twin_towns.all(), key=lambda t: t.pk)],
        }
        for a in municipality.twin_town_agreements.order_by("pk").prefetch_related("twin_towns")
    ]
    return {"agreements": agreements} if agreements else {}


def _plan_goals(strategy):
    """Plan-level goals with their sub-goals; codes and empty sub-goal lists only where
    the document gives them, and the key only when the plan has such goals."""
    rows = list(strategy.plan_goals.order_by("order", "pk"))
    subs = {}
    for row in rows:
        subs.setdefault(row.parent_id, []).append(row)

    def goal(row):
        return {**({"code": row.code} if row.code else {}), "text": row.text}

    goals = [
        {**goal(main), **({"goals": [goal(s) for s in subs[main.pk]]} if main.pk in subs else {})}
        for main in subs.get(None, [])
    ]
    return {"goals": goals} if goals else {}


def _twin_town(town):
    changes = sorted(town.status_changes.all(), key=lambda c: (c.order, c.pk))
    return {
        "key": town.key,
        "name": town.name,
        "country": town.country,
        "since": since_out(town.since, town.since_approximate),
        "category": town.category,
        "status": town.status,
        # Written only when given, so files from before it existed export unchanged.
        **({"status_reason": town.status_reason} if town.status_reason else {}),
        "description": town.description,
        "status_history": [
            {
                "status": c.status,
                "year": c.year,
                "date": c.changed_on,
                "decision": c.decision,
                "note": c.note,
            }
            for c in changes
        ],
    }


def _action_prefetch(strategy):
    return [
        Prefetch("milestones", queryset=Milestone.objects.order_by("order", "pk")),
        Prefetch("goals", queryset=Goal.objects.order_by("order", "code", "pk")),
        Prefetch("strategy_points", queryset=StrategyPoint.objects.order_by("order", "pk")),
        Prefetch("partners", queryset=strategy.municipality.partners.order_by("pk")),
        Prefetch("twin_towns", queryset=strategy.municipality.twin_towns.order_by("pk")),
        framework_links.items_prefetch(),
    ]


def _strategy(strategy):
    areas = GoalArea.objects.filter(strategy=strategy).order_by("order", "code", "pk")
    areas = areas.prefetch_related(
        framework_links.items_prefetch(),
        Prefetch(
            "goals",
            queryset=Goal.objects.order_by("order", "code", "pk").prefetch_related(
                framework_links.items_prefetch()
            ),
        ),
        Prefetch(
            "actions",
            queryset=Action.objects.order_by("order", "code", "pk")
            .select_related("responsible")
            .prefetch_related(*_action_prefetch(strategy)),
        ),
    )
    plan_wide = (
        Action.objects.filter(strategy=strategy, goal_area__isnull=True)
        .order_by("order", "code", "pk")
        .select_related("responsible")
        .prefetch_related(*_action_prefetch(strategy))
    )
    points = list(
        StrategyPoint.objects.filter(strategy=strategy)
        .order_by("order", "code", "pk")
        .prefetch_related(
            Prefetch("goal_areas", queryset=GoalArea.objects.order_by("order", "pk")),
            framework_links.items_prefetch(),
        )
    )
    indicators = (
        Indicator.objects.filter(strategy=strategy)
        .order_by("pk")
        .select_related("goal_area", "action")
        .prefetch_related("values")
    )
    return {
        "slug": strategy.slug,
        "title": strategy.title,
        "adopted_by": strategy.adopted_by,
        "adopted_on": partial_out(strategy.adopted_on, strategy.adopted_on_precision),
        "decision_reference": strategy.decision_reference,
        "document_id": strategy.document_id,
        "version": strategy.version,
        "document_type": strategy.document_type,
        "published_on": partial_out(strategy.published_on, strategy.published_on_precision),
        "period": {"start": strategy.period_start, "end": strategy.period_end},
        "revise_by": strategy.revise_by,
        "status": strategy.status,
        "vision": strategy.vision,
        "introduction": strategy.introduction,
        **framework_links.strategy_exported(strategy),
        **_plan_goals(strategy),
        "statements": [
            {"kind": s.kind, "title": s.title, "text": s.text}
            for s in strategy.statements.order_by("order", "pk")
        ],
        "amendments": [
            {
                "kind": a.kind,
                "decided_by": a.decided_by,
                "decided_on": partial_out(a.decided_on, a.decided_on_precision),
                "reference": a.reference,
                "affects": a.affects,
                "text": a.text,
            }
            for a in strategy.amendments.order_by("order", "pk")
        ],
        "goal_areas": [
            {
                "code": area.code,
                "title": area.title,
                "description": area.description,
                "goals": [
                    _coded(g, text=g.text, **framework_links.exported(g)) for g in area.goals.all()
                ],
                "actions": [_action(action) for action in area.actions.all()],
                **framework_links.exported(area),
            }
            for area in areas
        ],
        "actions": [_action(action) for action in plan_wide],
        "strategy_points": _points(points),
        "indicators": [_indicator(i) for i in indicators],
    }


def _action(action):
    return {
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "goals": [g.code for g in action.goals.all()],
        "strategy_points": [p.code for p in action.strategy_points.all()],
        "responsible": action.responsible.key if action.responsible else None,
        "responsible_note": action.responsible_note,
        "partners": [p.key for p in action.partners.all()],
        "twin_towns": [t.key for t in action.twin_towns.all()],
        "recurrence": action.recurrence,
        "planned_start": partial_out(action.planned_start, action.planned_start_precision),
        "planned_end": partial_out(action.planned_end, action.planned_end_precision),
        "cost": {
            "amount": number_out(action.cost_amount),
            "currency": action.cost_currency or None,
            "note": action.funding_note,
        },
        "estimated_hours": number_out(action.estimated_hours),
        "status": action.status,
        "archived": action.is_archived,
        "milestones": [
            {
                "title": m.title,
                "due": partial_out(m.due_on, m.due_on_precision),
                "reached": m.reached_on,
            }
            for m in action.milestones.all()
        ],
        **framework_links.exported(action),
    }


def _points(points):
    def fields(point):
        return {
            **_coded(point),
            "title": point.title,
            "text": point.text,
            "goal_areas": [area.code for area in point.goal_areas.all()],
            **framework_links.exported(point),
        }

    children = {}
    for point in points:
        if point.parent_id:
            children.setdefault(point.parent_id, []).append(point)
    return [
        {**fields(main), "points": [fields(sub) for sub in children.get(main.pk, [])]}
        for main in points
        if main.parent_id is None
    ]


def _coded(row, **fields):
    """The row's code, left out where the document gave none (the portal numbers it)."""
    return {**({"code": row.code} if row.code else {}), **fields}


def _indicator(indicator):
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "goal_area": indicator.goal_area.code if indicator.goal_area else None,
        "action": indicator.action.code if indicator.action else None,
        "baseline": number_out(indicator.baseline),
        "target": number_out(indicator.target),
        "target_year": indicator.target_year,
        "values": {v.year: number_out(v.value) for v in _by_year(indicator.values.all())},
    }


def _by_year(values):
    return sorted(values, key=lambda v: v.year)


class _Dumper(yaml.SafeDumper):
    """Readable YAML: multi-line text as literal blocks, lists indented under their key."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str(dumper, value):
    value = str(value)  # a TextChoices member (a fresh model's default) is its value
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_multi_representer(str, _str)


def dump_yaml(data):
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def dump_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
