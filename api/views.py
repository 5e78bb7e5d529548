"""Open data, read-only JSON (docs/api.md): published municipalities' plans for anyone.

django-ninja operations: the Pydantic schemas of api/schemas.py validate every answer
and write the OpenAPI document. Every list is paginated and costs the same queries
whatever the page holds; api/http.py gives every answer its ETag, Last-Modified, CORS
header and per-address limit.
"""

from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from pydantic import Field

from . import rows, schemas, selectors
from .http import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    BadRequest,
    error,
    filtered,
    page,
    scope,
    validation_message,
)


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def get_content_type(self):
        return self.renderer.media_type

    def get_openapi_operation_id(self, operation):
        return operation.view_func.__name__


api = OpenDataAPI(
    title="Strategy Portal open data",
    version="1",
    description="Published municipalities' international strategies (docs/api.md).",
    servers=[{"url": "/api/v1"}],
    urls_namespace="api",
    renderer=Renderer(),
    # The schema and the docs page are views of their own (api/docs.py).
    openapi_url=None,
    docs_url=None,
)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return error(validation_message(exc.errors), 400)


@api.exception_handler(BadRequest)
def _bad(request, exc):
    return error(str(exc), 400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error("Not found.", 404)


ERRORS = {
    304: None,
    400: schemas.Error,
    404: schemas.Error,
    429: schemas.Error,
}
# Documented for every 200: schemathesis checks they are there.
HEADERS = {
    name: {"required": True, "schema": {"type": "string"}, "description": description}
    for name, description in [
        ("ETag", "send it back as If-None-Match: an unchanged answer is a 304"),
        ("Last-Modified", "when the data last changed; send it back as If-Modified-Since"),
        ("Access-Control-Allow-Origin", "always *"),
    ]
}
CSV = {"text/csv": {"schema": {"type": "string"}}}


def _get(path, response, *, csv=False, **options):
    """A GET operation answering `response` (or an error) with the common headers."""
    ok = {"headers": HEADERS, **({"content": CSV} if csv else {})}
    return api.get(
        path,
        response={200: response, **ERRORS},
        openapi_extra={"responses": {200: ok}},
        **options,
    )


def _list(path, row, summary):
    return _get(path, schemas.page_of(row), csv=True, summary=summary)


class Paging(Schema):
    page: int = Field(1, ge=1, description="the page number, from 1")
    page_size: int = Field(
        PAGE_SIZE, ge=1, description=f"rows a page, 1 to {MAX_PAGE_SIZE} (more is {MAX_PAGE_SIZE})"
    )
    format: Literal["json", "csv"] = Field(
        "json", description="csv: the whole filtered list as CSV instead of a page"
    )


MUNICIPALITY = Query("", description="a municipality's slug")
STRATEGY = Query("", description="a strategy's slug")
STATUS = Query("", description="a status, e.g. in_progress")
GOAL_AREA = Query("", description="a goal area's code")


def _integer(schema):
    """A year is an integer where given; left out, there is no filter (not a null)."""
    schema.pop("anyOf", None)
    schema["type"] = "integer"


class Year(Schema):
    year: int | None = Field(None, description="a year, e.g. 2024", json_schema_extra=_integer)


SLUG = {"pattern": r"^[-a-zA-Z0-9_]+$", "description": "the slug from a list's url"}


# --- The index, municipalities and strategies -----------------------------------------


@_get("/", schemas.Index, by_alias=True, summary="Where each list is")
def index(request):
    scope(request, static=True)
    names = ["municipalities", "strategies", "goal_areas", "goals", "strategy_points"]
    names += ["actions", "follow_ups", "indicators"]
    names += ["partners", "twin_towns", "schema"]
    return {"version": "v1", **{name: reverse(f"api:{name}") for name in names}}


@_list("/municipalities/", schemas.Municipality, "Published municipalities")
def municipalities(request, paging: Query[Paging]):
    return page(request, selectors.municipalities(), rows.municipality, paging)


@_get("/municipalities/{slug:slug}/", schemas.MunicipalityDetail, summary="A municipality")
def municipality(request, slug: str = Path(..., **SLUG)):
    m = get_object_or_404(selectors.municipalities(), slug=slug)
    scope(request, m.pk)
    strategies = selectors.strategies().filter(municipality=m)
    return {**rows.municipality(m), "strategies": [rows.strategy(s) for s in strategies]}


@_list("/strategies/", schemas.Strategy, "Adopted and superseded strategies")
def strategies(
    request,
    municipality: str = MUNICIPALITY,
    status: str = STATUS,
    *,
    paging: Query[Paging],
):
    queryset = filtered(selectors.strategies(), municipality__slug=municipality, status=status)
    return page(request, queryset, rows.strategy, paging)


@_get("/strategies/{slug:slug}/", schemas.StrategyDetail, summary="A strategy and its plan")
def strategy(request, slug: str = Path(..., **SLUG)):
    s = get_object_or_404(selectors.strategies(), slug=slug)
    scope(request, s.municipality_id)
    areas, points = selectors.strategy_plan(s)
    return {
        **rows.strategy(s),
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


# --- Goal areas, goals and strategy points ---------------------------------------------


@_list("/goal-areas/", schemas.GoalArea, "Goal areas")
def goal_areas(
    request,
    municipality: str = MUNICIPALITY,
    strategy: str = STRATEGY,
    *,
    paging: Query[Paging],
):
    queryset = filtered(
        selectors.goal_areas(),
        strategy__municipality__slug=municipality,
        strategy__slug=strategy,
    )
    return page(request, queryset, rows.goal_area, paging)


@_list("/goals/", schemas.Goal, "Goals")
def goals(
    request,
    municipality: str = MUNICIPALITY,
    strategy: str = STRATEGY,
    goal_area: str = GOAL_AREA,
    *,
    paging: Query[Paging],
):
    queryset = filtered(
        selectors.goals(),
        goal_area__strategy__municipality__slug=municipality,
        goal_area__strategy__slug=strategy,
        goal_area__code=goal_area,
    )
    return page(request, queryset, rows.goal, paging)


@_list("/strategy-points/", schemas.StrategyPoint, "Strategy points")
def strategy_points(
    request,
    municipality: str = MUNICIPALITY,
    strategy: str = STRATEGY,
    *,
    paging: Query[Paging],
):
    queryset = filtered(
        selectors.strategy_points(),
        strategy__municipality__slug=municipality,
        strategy__slug=strategy,
    )
    return page(request, queryset, rows.strategy_point, paging)


# --- Actions, follow-ups, indicators ---------------------------------------------------


@_list("/actions/", schemas.Action, "Actions")
def actions(
    request,
    municipality: str = MUNICIPALITY,
    strategy: str = STRATEGY,
    status: str = STATUS,
    goal_area: str = GOAL_AREA,
    *,
    paging: Query[Paging],
):
    queryset = filtered(
        selectors.actions(),
        strategy__municipality__slug=municipality,
        strategy__slug=strategy,
        status=status,
        goal_area__code=goal_area,
    )
    return page(request, queryset, rows.action, paging)


@_list("/follow-ups/", schemas.FollowUp, "Approved yearly figures per action")
def follow_ups(
    request,
    municipality: str = MUNICIPALITY,
    strategy: str = STRATEGY,
    status: str = STATUS,
    *,
    when: Query[Year],
    paging: Query[Paging],
):
    queryset = filtered(
        selectors.follow_ups(),
        action__strategy__municipality__slug=municipality,
        action__strategy__slug=strategy,
        year=when.year,
        status=status,
    )
    return page(request, queryset, rows.follow_up, paging)


@_list("/indicators/", schemas.Indicator, "Indicators and their approved values")
def indicators(
    request,
    municipality: str = MUNICIPALITY,
    strategy: str = STRATEGY,
    *,
    paging: Query[Paging],
):
    queryset = filtered(
        selectors.indicators(),
        strategy__municipality__slug=municipality,
        strategy__slug=strategy,
    )
    return page(request, queryset, rows.indicator, paging)


# --- Partners and twin towns -----------------------------------------------------------


@_list("/partners/", schemas.Partner, "Partners and networks")
def partners(request, municipality: str = MUNICIPALITY, *, paging: Query[Paging]):
    queryset = filtered(selectors.partners(), municipality__slug=municipality)
    return page(request, queryset, rows.partner, paging)


@_list("/twin-towns/", schemas.TwinTown, "Twin towns with their status history")
def twin_towns(
    request,
    municipality: str = MUNICIPALITY,
    status: str = STATUS,
    *,
    paging: Query[Paging],
):
    queryset = filtered(selectors.twin_towns(), municipality__slug=municipality, status=status)
    return page(request, queryset, rows.twin_town, paging)
