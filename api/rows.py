"""One JSON row per object, in the shapes of api/schemas.py: what the open-data API
answers and what its CSV downloads flatten. Only what the public pages show: a
responsible party is a role, department or body, never a person."""

from django.urls import reverse

from goals.models import iso_as_written
from partners.models import TwinTownStatus
from strategy_files.import_schema import LABELS


def number(value):
    return None if value is None else str(value)


def _names(obj):
    return {code: getattr(obj, f"name_{code}") for code in ("nb", "nn", "sv", "en")}


def framework_links(obj):
    """The framework items a goal area, goal, strategy point or action contributes to,
    with the framework's and the item's codes and names and the plan's note: a county adds
    its municipalities' SDG work up by `framework` and `item`. Reads `framework_links` as
    api.selectors prefetch it (item, framework and goal in one query)."""
    return [
        {
            "framework": link.item.framework.code,
            "framework_name": _names(link.item.framework),
            "item": link.item.code,
            "reference": link.item.reference,
            "name": _names(link.item),
            "goal": link.item.parent.code if link.item.parent_id else None,
            "note": link.note,
        }
        for link in obj.framework_links.all()
    ]


def municipality(m):
    return {
        "slug": m.slug,
        "name": m.name,
        "country": m.country,
        # The official number (kommunenummer, kommunkod) and county (fylke, län), if known.
        "number": m.number or None,
        "county": m.county or None,
        "language": m.language,
        "currency": m.currency,
        "labels": {label: getattr(m, f"label_{label}") for label in LABELS},
        "url": reverse("api:municipality", args=[m.slug]),
    }


def strategy(s):
    return {
        "slug": s.slug,
        "municipality": s.municipality.slug,
        "title": s.title,
        "status": s.status,
        "period": {"start": s.period_start, "end": s.period_end},
        "adopted_by": s.adopted_by,
        "adopted_on": s.adopted_on,
        "version": s.version,
        "vision": s.vision,
        "labels": {label: getattr(s.municipality, f"label_{label}") for label in LABELS},
        "url": reverse("api:strategy", args=[s.slug]),
    }


def goal_area(a):
    return {
        "id": a.pk,
        "municipality": a.strategy.municipality.slug,
        "strategy": a.strategy.slug,
        "code": a.code,
        "order": a.order,
        "title": a.title,
        "description": a.description,
        "frameworks": framework_links(a),
    }


def goal(g):
    strategy = g.goal_area.strategy
    return {
        "id": g.pk,
        "municipality": strategy.municipality.slug,
        "strategy": strategy.slug,
        "goal_area": g.goal_area.code,
        "code": g.code,
        "order": g.order,
        "text": g.text,
        "frameworks": framework_links(g),
    }


def strategy_point(p):
    return {
        "id": p.pk,
        "municipality": p.strategy.municipality.slug,
        "strategy": p.strategy.slug,
        "code": p.code,
        "order": p.order,
        "title": p.title,
        "text": p.text,
        "parent": p.parent.code if p.parent else None,
        "parent_id": p.parent_id,
        "goal_areas": [a.code for a in p.goal_areas.all()],
        "frameworks": framework_links(p),
    }


def action(a):
    return {
        "id": a.pk,
        "municipality": a.strategy.municipality.slug,
        "strategy": a.strategy.slug,
        "goal_area": a.goal_area.code if a.goal_area else None,
        "code": a.code,
        "title": a.title,
        "description": a.description,
        "goals": [g.code for g in a.goals.all()],
        "strategy_points": [p.code for p in a.strategy_points.all()],
        # A role, department or body, never a person.
        "responsible": a.responsible.name if a.responsible else None,
        "responsible_as_written": a.responsible_note,
        "partners": [p.key for p in a.partners.all()],
        "twin_towns": [t.key for t in a.twin_towns.all()],
        "recurrence": a.recurrence,
        # The dates keep their meaning (a start's first day, an end's last); the plan's own
        # precision beside them: "2027-03" or "2027" where it gives no day.
        "planned_start": a.planned_start,
        "planned_start_as_written": iso_as_written(a.planned_start, a.planned_start_precision),
        "planned_start_precision": a.planned_start_precision,
        "planned_end": a.planned_end,
        "planned_end_as_written": iso_as_written(a.planned_end, a.planned_end_precision),
        "planned_end_precision": a.planned_end_precision,
        "estimated_cost": number(a.cost_amount),
        "currency": a.cost_currency or None,
        "estimated_hours": number(a.estimated_hours),
        "status": a.status,
        "archived": a.is_archived,
        "frameworks": framework_links(a),
    }


def follow_up(f):
    return {
        "id": f.pk,
        "municipality": f.action.strategy.municipality.slug,
        "strategy": f.action.strategy.slug,
        "action": f.action.code,
        "year": f.year,
        "status": f.status,
        "progress": f.progress,
        "hours": number(f.hours),
        "money_spent": number(f.money_spent),
        "currency": f.currency,
        "external_funding": [
            {
                "source": e.source,
                "programme": e.source_detail,
                "amount": number(e.amount),
                "currency": e.currency,
            }
            for e in f.external_funding.all()
        ],
    }


def indicator(i):
    return {
        "id": i.pk,
        "municipality": i.strategy.municipality.slug,
        "strategy": i.strategy.slug,
        "code": i.code,
        "name": i.name,
        "unit": i.unit,
        "goal_area": i.goal_area.code if i.goal_area else None,
        "action": i.action.code if i.action else None,
        "baseline": number(i.baseline),
        "target": number(i.target),
        "target_year": i.target_year,
        "values": [{"year": v.year, "value": number(v.value)} for v in i.values.all()],
    }


def partner(p):
    return {
        "id": p.pk,
        "municipality": p.municipality.slug,
        "key": p.key,
        "name": p.name,
        "kind": p.kind,
        "country": p.country,
        "active": p.is_active,
        "cooperation": p.cooperation_list,
    }


def twin_town(t):
    return {
        "id": t.pk,
        "municipality": t.municipality.slug,
        "key": t.key,
        "name": t.name,
        "country": t.country,
        "since": t.since,
        "category": t.category,
        "status": t.status,
        # Why a paused relation is on ice: shown with the status on the public pages, and
        # only while paused (a reason left from an earlier pause is not shown there either).
        "status_reason": t.status_reason if t.status == TwinTownStatus.PAUSED else "",
        "description": t.description,
        # Each step's note is on the twin town's public page too.
        "status_history": [
            {
                "status": c.status,
                "year": c.year,
                "date": c.changed_on,
                "decision": c.decision,
                "note": c.note,
            }
            for c in t.status_changes.all()
        ],
    }
