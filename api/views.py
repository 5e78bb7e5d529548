"""Open data, read-only JSON (docs/api.md): published municipalities' plans for anyone.

Plain views returning JSON. Every list is paginated and costs the same queries whatever
the page holds; every response carries an ETag (a repeated GET with If-None-Match gets a
304), allows any origin to read it (CORS) and counts toward a per-address limit.
"""

import functools
import hashlib
import json
import time

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.client_address import client_address
from accounts.throttle import within_limit
from actions.export import SafeWriter
from goals.models import Municipality
from partners.models import TwinTownStatus
from reporting.cache import ANY_PLAN, plan_changed_at
from strategy_files.import_schema import LABELS

from . import schema as openapi_schema
from . import selectors

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


# The index and the schema change only with a new release, that is a restart.
STARTED = time.time()


class BadRequest(Exception):
    pass


def _changed_at(request, response):
    """Last-Modified: when the plan data the response holds last changed (every write to
    a plan's rows stamps its municipality, reporting.cache.bump). A view that shows one
    municipality's data says which (`response.municipality_id`); a list filtered by
    municipality asks for it (one query); anything else is "any plan"."""
    scope = getattr(response, "municipality_id", None)
    if scope is None and getattr(response, "is_static", False):
        return STARTED
    slug = request.GET.get("municipality")
    if scope is None and slug:
        scope = Municipality.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if scope is None:  # no such municipality: an empty list, changed by any new one
            scope = ANY_PLAN
    return plan_changed_at(scope or ANY_PLAN)


def _json(data, status=200):
    return JsonResponse(
        data, status=status, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False}
    )


def api_view(view):
    """GET/HEAD only, throttled per client address, CORS for everyone, ETag and
    Last-Modified, and 304 for If-None-Match or If-Modified-Since."""

    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = getattr(settings, "API_REQUESTS_PER_MINUTE", 120)
        if not within_limit("api", client_address(request), limit, window=60):
            response = _json({"error": f"Too many requests: at most {limit} a minute."}, 429)
            response["Retry-After"] = "60"
        else:
            try:
                if any("\x00" in value for value in request.GET.values()):
                    raise BadRequest("A parameter holds a NUL character.")
                response = view(request, *args, **kwargs)
            except BadRequest as exc:
                response = _json({"error": str(exc)}, 400)
            except Http404:
                response = _json({"error": "Not found."}, 404)
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            last_modified = int(_changed_at(request, response))
            response["Last-Modified"] = http_date(last_modified)
            response["Cache-Control"] = "public, max-age=300"
            conditional = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
            if conditional is not response:
                conditional["Access-Control-Allow-Origin"] = "*"
                return conditional
        return response

    return wrapper


MAX_CSV_ROWS = 10_000


def _flat(prefix, value, out):
    """One CSV row from a JSON row: nested objects as dotted columns, lists of plain
    values joined with "; ", lists of objects as JSON text."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flat(f"{prefix}.{key}" if prefix else key, item, out)
    elif isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            out[prefix] = "; ".join(str(item) for item in value)
        else:
            out[prefix] = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    else:
        out[prefix] = "" if value is None else value
    return out


def _csv(request, queryset, row):
    """The whole filtered list as CSV (UTF-8 with BOM, comma), every cell through the CSV
    export's neutraliser. Constant queries: the list's prefetches run once."""
    rows = [_flat("", row(item), {}) for item in queryset[: MAX_CSV_ROWS + 1]]
    if len(rows) > MAX_CSV_ROWS:
        raise BadRequest(f"More than {MAX_CSV_ROWS} rows: narrow the list with a filter.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = request.resolver_match.url_name if request.resolver_match else "data"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")
    writer = SafeWriter(response)
    header = list(rows[0]) if rows else []
    writer.writerow(header)
    for item in rows:
        writer.writerow([item.get(column, "") for column in header])
    return response


def _page(request, queryset, row):
    if request.GET.get("format") == "csv":
        return _csv(request, queryset, row)
    try:
        size = min(int(request.GET.get("page_size") or PAGE_SIZE), MAX_PAGE_SIZE)
        if size < 1:
            raise ValueError
    except ValueError:
        raise BadRequest(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.") from None
    paginator = Paginator(queryset, size)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        raise BadRequest(f"page must be a number from 1 to {paginator.num_pages}.") from None
    query = request.GET.copy()

    def link(number):
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [row(item) for item in page.object_list],
        }
    )


def _filter(request, queryset, fields):
    """Apply ?name=value filters: `fields` maps a parameter to a lookup."""
    for name, lookup in fields.items():
        value = request.GET.get(name)
        if value in (None, ""):
            continue
        if name == "year":
            try:
                value = int(value)
            except ValueError:
                raise BadRequest("year must be a whole number.") from None
        queryset = queryset.filter(**{lookup: value})
    return queryset


def _number(value):
    return None if value is None else str(value)


# --- The browsable documentation -------------------------------------------------------

# What each endpoint lists, in the visitor's language (the schema itself stays English).
SUMMARIES = {
    "municipalities": _("Published municipalities with their own names for the plan levels."),
    "municipality": _("One published municipality with its strategies."),
    "strategies": _("Adopted and superseded strategies (never a draft)."),
    "strategy": _("One strategy with its goal areas, goals and strategy points."),
    "goal_areas": _("Goal areas of every published strategy."),
    "goals": _("Goals, each with the code of its goal area."),
    "strategy_points": _("Strategy points, with their parent point and goal areas."),
    "actions": _("Actions of the published strategies."),
    "follow_ups": _("Approved yearly figures per action, with external funding per source."),
    "indicators": _("Indicators and their approved values per year."),
    "partners": _("Partners and networks."),
    "twin_towns": _("Twin towns with their status and its history."),
}
PARAMETERS = {
    "municipality": _("a municipality's slug, as in the list of municipalities"),
    "strategy": _("a strategy's slug"),
    "status": _("a status, e.g. in_progress"),
    "goal_area": _("a goal area's code"),
    "year": _("a year, e.g. 2024"),
    "page": _("the page number, from 1"),
    "page_size": _("rows a page, 1 to 500 (100 if left out)"),
    "format": _("csv: the whole filtered list as CSV"),
    "slug": _("the slug from a list's url"),
}
EXAMPLE_FORMATS = {"date": "2024-05-31"}
EXAMPLE_MUNICIPALITY = "example"


def _example(schema, components, depth=0):
    """A made-up answer of the schema's shape, for the docs page."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components, depth)
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object":
        return {
            key: _example(value, components, depth + 1)
            for key, value in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [_example(schema["items"], components, depth + 1)] if depth < 4 else []
    if kind == "integer":
        return 1
    if kind == "boolean":
        return False
    if "format" in schema:
        return EXAMPLE_FORMATS.get(schema["format"], "…")
    if "decimal" in schema.get("description", ""):
        return "1500.00"
    return "…"


@require_safe
def docs(request):
    """The API described for people: every endpoint from the same OpenAPI schema the
    responses are validated against, with a curl line and an answer's shape."""
    spec = openapi_schema.openapi()
    components = spec["components"]["schemas"]
    base = request.build_absolute_uri(reverse("api:index")).rstrip("/")
    endpoints = []
    for path, item in spec["paths"].items():
        operation = item["get"]
        parameters = [
            {
                "name": p["name"],
                "where": p["in"],
                "type": p["schema"].get("type", "string"),
                "required": p["required"],
                "description": PARAMETERS.get(p["name"], ""),
            }
            for p in operation["parameters"]
        ]
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        # Made-up slugs: the page names no municipality, published or not.
        slug = EXAMPLE_MUNICIPALITY if "municipal" in path else f"{EXAMPLE_MUNICIPALITY}-2024"
        url = base + path.replace("{slug}", slug)
        filters = [p["name"] for p in parameters if p["where"] == "query"]
        if "municipality" in filters:
            url += f"?municipality={EXAMPLE_MUNICIPALITY}"
        endpoints.append(
            {
                "id": operation["operationId"].replace("_", "-"),
                "path": "/api/v1" + path,
                "summary": SUMMARIES.get(operation["operationId"], ""),
                "parameters": parameters,
                "curl": f"curl -s '{url}'",
                "example": json.dumps(
                    _example(ok, components), indent=2, ensure_ascii=False, sort_keys=False
                ),
            }
        )
    return render(
        request,
        "api/docs.html",
        {"endpoints": endpoints, "schema_url": reverse("api:schema"), "base": base},
    )


# --- Municipalities and strategies ----------------------------------------------------


def _municipality(m):
    return {
        "slug": m.slug,
        "name": m.name,
        "country": m.country,
        "language": m.language,
        "currency": m.currency,
        "labels": {label: getattr(m, f"label_{label}") for label in LABELS},
        "url": reverse("api:municipality", args=[m.slug]),
    }


def _strategy(s):
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


@api_view
def index(request):
    names = ["municipalities", "strategies", "goal_areas", "goals", "strategy_points"]
    names += ["actions", "follow_ups", "indicators"]
    names += ["partners", "twin_towns", "schema"]
    response = _json({"version": "v1", **{name: reverse(f"api:{name}") for name in names}})
    response.is_static = True
    return response


@api_view
def schema(request):
    response = _json(openapi_schema.openapi())
    response.is_static = True
    return response


@api_view
def municipalities(request):
    return _page(request, selectors.municipalities(), _municipality)


@api_view
def municipality(request, slug):
    m = get_object_or_404(selectors.municipalities(), slug=slug)
    strategies = selectors.strategies().filter(municipality=m)
    response = _json({**_municipality(m), "strategies": [_strategy(s) for s in strategies]})
    response.municipality_id = m.pk
    return response


@api_view
def strategies(request):
    queryset = _filter(
        request,
        selectors.strategies(),
        {"municipality": "municipality__slug", "status": "status"},
    )
    return _page(request, queryset, _strategy)


@api_view
def strategy(request, slug):
    s = get_object_or_404(selectors.strategies(), slug=slug)
    areas, points = selectors.strategy_plan(s)
    response = _json(
        {
            **_strategy(s),
            "goal_areas": [
                {
                    "id": a.pk,
                    "code": a.code,
                    "title": a.title,
                    "description": a.description,
                    "goals": [{"id": g.pk, "code": g.code, "text": g.text} for g in a.goals.all()],
                }
                for a in areas
            ],
            "strategy_points": [
                {
                    "id": p.pk,
                    "code": p.code,
                    "title": p.title,
                    "text": p.text,
                    "parent": p.parent.code if p.parent else None,
                }
                for p in points
            ],
        }
    )
    response.municipality_id = s.municipality_id
    return response


# --- Goal areas, goals and strategy points ---------------------------------------------


def _goal_area(a):
    return {
        "id": a.pk,
        "municipality": a.strategy.municipality.slug,
        "strategy": a.strategy.slug,
        "code": a.code,
        "order": a.order,
        "title": a.title,
        "description": a.description,
    }


@api_view
def goal_areas(request):
    queryset = _filter(
        request,
        selectors.goal_areas(),
        {"municipality": "strategy__municipality__slug", "strategy": "strategy__slug"},
    )
    return _page(request, queryset, _goal_area)


def _goal(g):
    strategy = g.goal_area.strategy
    return {
        "id": g.pk,
        "municipality": strategy.municipality.slug,
        "strategy": strategy.slug,
        "goal_area": g.goal_area.code,
        "code": g.code,
        "order": g.order,
        "text": g.text,
    }


@api_view
def goals(request):
    queryset = _filter(
        request,
        selectors.goals(),
        {
            "municipality": "goal_area__strategy__municipality__slug",
            "strategy": "goal_area__strategy__slug",
            "goal_area": "goal_area__code",
        },
    )
    return _page(request, queryset, _goal)


def _strategy_point(p):
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
    }


@api_view
def strategy_points(request):
    queryset = _filter(
        request,
        selectors.strategy_points(),
        {"municipality": "strategy__municipality__slug", "strategy": "strategy__slug"},
    )
    return _page(request, queryset, _strategy_point)


# --- Actions, follow-ups, indicators ---------------------------------------------------


def _action(a):
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
        "planned_start": a.planned_start,
        "planned_end": a.planned_end,
        "estimated_cost": _number(a.cost_amount),
        "currency": a.cost_currency or None,
        "estimated_hours": _number(a.estimated_hours),
        "status": a.status,
        "archived": a.is_archived,
    }


@api_view
def actions(request):
    queryset = _filter(
        request,
        selectors.actions(),
        {
            "municipality": "strategy__municipality__slug",
            "strategy": "strategy__slug",
            "status": "status",
            "goal_area": "goal_area__code",
        },
    )
    return _page(request, queryset, _action)


def _follow_up(f):
    return {
        "id": f.pk,
        "municipality": f.action.strategy.municipality.slug,
        "strategy": f.action.strategy.slug,
        "action": f.action.code,
        "year": f.year,
        "status": f.status,
        "progress": f.progress,
        "hours": _number(f.hours),
        "money_spent": _number(f.money_spent),
        "currency": f.currency,
        "external_funding": [
            {
                "source": e.source,
                "programme": e.source_detail,
                "amount": _number(e.amount),
                "currency": e.currency,
            }
            for e in f.external_funding.all()
        ],
    }


@api_view
def follow_ups(request):
    queryset = _filter(
        request,
        selectors.follow_ups(),
        {
            "municipality": "action__strategy__municipality__slug",
            "strategy": "action__strategy__slug",
            "year": "year",
            "status": "status",
        },
    )
    return _page(request, queryset, _follow_up)


def _indicator(i):
    return {
        "id": i.pk,
        "municipality": i.strategy.municipality.slug,
        "strategy": i.strategy.slug,
        "code": i.code,
        "name": i.name,
        "unit": i.unit,
        "goal_area": i.goal_area.code if i.goal_area else None,
        "action": i.action.code if i.action else None,
        "baseline": _number(i.baseline),
        "target": _number(i.target),
        "target_year": i.target_year,
        "values": [{"year": v.year, "value": _number(v.value)} for v in i.values.all()],
    }


@api_view
def indicators(request):
    queryset = _filter(
        request,
        selectors.indicators(),
        {"municipality": "strategy__municipality__slug", "strategy": "strategy__slug"},
    )
    return _page(request, queryset, _indicator)


# --- Partners and twin towns -----------------------------------------------------------


def _partner(p):
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


@api_view
def partners(request):
    queryset = _filter(request, selectors.partners(), {"municipality": "municipality__slug"})
    return _page(request, queryset, _partner)


def _twin_town(t):
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


@api_view
def twin_towns(request):
    queryset = _filter(
        request, selectors.twin_towns(), {"municipality": "municipality__slug", "status": "status"}
    )
    return _page(request, queryset, _twin_town)
