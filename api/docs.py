"""The OpenAPI document (/api/v1/schema/), as django-ninja writes it from the Pydantic
schemas, and the same document rendered for people on the server (/api/v1/docs/): no
script, no CDN, in the visitor's language."""

import functools
import json

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from ninja.responses import NinjaJSONEncoder

from .http import api_view, scope
from .views import api


@functools.cache
def openapi():
    """The OpenAPI 3.1 document as plain JSON data; it changes only with a release."""
    document = api.get_openapi_schema(path_prefix="")
    return json.loads(json.dumps(document, cls=NinjaJSONEncoder))


@api_view
def schema(request):
    scope(request, static=True)
    return JsonResponse(openapi(), json_dumps_params={"ensure_ascii": False})


# What each endpoint lists, in the visitor's language (the schema itself stays English).
SUMMARIES = {
    "index": _("Where each list is: the addresses of every endpoint."),
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


def _plain(schema):
    """A nullable schema (anyOf with null) as its non-null choice, keeping its words."""
    choices = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if choices:
        return {**choices[0], "description": schema.get("description", "")}
    return schema


def _example(schema, components, depth=0):
    """A made-up answer of the schema's shape, for the docs page."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components, depth)
    schema = _plain(schema)
    kind = schema.get("type")
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
    if "enum" in schema:  # a choice, such as a date's precision: its first value
        return schema["enum"][0]
    if "format" in schema:
        return EXAMPLE_FORMATS.get(schema["format"], "…")
    if "decimal" in schema.get("description", ""):
        return "1500.00"
    return "…"


def _endpoint(path, operation, components, base):
    parameters = [
        {
            "name": p["name"],
            "where": p["in"],
            "type": _plain(p["schema"]).get("type", "string"),
            "required": p["required"],
            "description": PARAMETERS.get(p["name"], ""),
        }
        for p in operation["parameters"]
    ]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    # Made-up slugs: the page names no municipality, published or not.
    slug = EXAMPLE_MUNICIPALITY if "municipal" in path else f"{EXAMPLE_MUNICIPALITY}-2024"
    url = base + path.replace("{slug}", slug)
    if any(p["name"] == "municipality" and p["where"] == "query" for p in parameters):
        url += f"?municipality={EXAMPLE_MUNICIPALITY}"
    return {
        "id": operation["operationId"].replace("_", "-"),
        "path": "/api/v1" + path,
        "summary": SUMMARIES.get(operation["operationId"], ""),
        "parameters": parameters,
        "curl": f"curl -s '{url}'",
        "example": json.dumps(_example(ok, components), indent=2, ensure_ascii=False),
    }


@require_safe
def docs(request):
    """The API described for people: every endpoint from the same OpenAPI document the
    answers are validated against, with a curl line and an answer's shape."""
    spec = openapi()
    components = spec["components"]["schemas"]
    base = request.build_absolute_uri(reverse("api:index")).rstrip("/")
    endpoints = [
        _endpoint(path, item["get"], components, base) for path, item in spec["paths"].items()
    ]
    return render(
        request,
        "api/docs.html",
        {"endpoints": endpoints, "schema_url": reverse("api:schema"), "base": base},
    )
