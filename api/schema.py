"""The API's OpenAPI 3.1 description, served at /api/v1/schema/. Written by hand beside
the views; tests validate every endpoint's responses against it, so the two cannot drift
(each object lists all its properties and allows no others)."""

STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
INT = {"type": "integer"}
NINT = {"type": ["integer", "null"]}
BOOL = {"type": "boolean"}
DATE = {"type": ["string", "null"], "format": "date"}
DECIMAL = {"type": ["string", "null"], "description": "a decimal number as text, e.g. '1500.00'"}


def _array(items):
    return {"type": "array", "items": items}


def _object(**properties):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


LABELS = _object(
    goal_area=STR,
    goal_area_plural=STR,
    goal=STR,
    strategy_point=STR,
    action=STR,
    action_plural=STR,
)

MUNICIPALITY = dict(
    slug=STR, name=STR, country=STR, language=STR, currency=STR, labels=_ref("Labels"), url=STR
)
STRATEGY = dict(
    slug=STR,
    municipality=STR,
    title=STR,
    status=STR,
    period=_object(start=NINT, end=NINT),
    adopted_by=STR,
    adopted_on=DATE,
    version=STR,
    vision=STR,
    labels=_ref("Labels"),
    url=STR,
)

SCHEMAS = {
    "Labels": LABELS,
    "Municipality": _object(**MUNICIPALITY),
    "MunicipalityDetail": _object(**MUNICIPALITY, strategies=_array(_ref("Strategy"))),
    "Strategy": _object(**STRATEGY),
    "StrategyDetail": _object(
        **STRATEGY,
        goal_areas=_array(
            _object(
                id=INT,
                code=STR,
                title=STR,
                description=STR,
                goals=_array(_object(id=INT, code=STR, text=STR)),
            )
        ),
        strategy_points=_array(_object(id=INT, code=STR, title=STR, text=STR, parent=NSTR)),
    ),
    "GoalArea": _object(
        id=INT,
        municipality=STR,
        strategy=STR,
        code=STR,
        order=INT,
        title=STR,
        description=STR,
    ),
    "Goal": _object(
        id=INT,
        municipality=STR,
        strategy=STR,
        goal_area=STR,
        code=STR,
        order=INT,
        text=STR,
    ),
    "StrategyPoint": _object(
        id=INT,
        municipality=STR,
        strategy=STR,
        code=STR,
        order=INT,
        title=STR,
        text=STR,
        parent=NSTR,
        parent_id=NINT,
        goal_areas=_array(STR),
    ),
    "Action": _object(
        id=INT,
        municipality=STR,
        strategy=STR,
        goal_area=NSTR,
        code=STR,
        title=STR,
        description=STR,
        goals=_array(STR),
        strategy_points=_array(STR),
        responsible=NSTR,
        responsible_as_written=STR,
        partners=_array(STR),
        twin_towns=_array(STR),
        recurrence=STR,
        planned_start=DATE,
        planned_end=DATE,
        estimated_cost=DECIMAL,
        currency=NSTR,
        estimated_hours=DECIMAL,
        status=STR,
        archived=BOOL,
    ),
    "FollowUp": _object(
        id=INT,
        municipality=STR,
        strategy=STR,
        action=STR,
        year=INT,
        status=STR,
        progress=NINT,
        hours=DECIMAL,
        money_spent=DECIMAL,
        currency=STR,
        external_funding=_array(_object(source=STR, programme=STR, amount=DECIMAL, currency=STR)),
    ),
    "Indicator": _object(
        id=INT,
        municipality=STR,
        strategy=STR,
        code=STR,
        name=STR,
        unit=STR,
        goal_area=NSTR,
        action=NSTR,
        baseline=DECIMAL,
        target=DECIMAL,
        target_year=NINT,
        values=_array(_object(year=INT, value=DECIMAL)),
    ),
    "Partner": _object(
        id=INT,
        municipality=STR,
        key=STR,
        name=STR,
        kind=STR,
        country=STR,
        active=BOOL,
        cooperation=_array(STR),
    ),
    "TwinTown": _object(
        id=INT,
        municipality=STR,
        key=STR,
        name=STR,
        country=STR,
        since=NINT,
        category=STR,
        status=STR,
        status_reason=STR,
        description=STR,
        status_history=_array(_object(status=STR, year=NINT, date=DATE, decision=STR, note=STR)),
    ),
    "Error": _object(error=STR),
}

# path, operation id, response schema name, filters, paginated
ENDPOINTS = [
    ("/municipalities/", "municipalities", "Municipality", [], True),
    ("/municipalities/{slug}/", "municipality", "MunicipalityDetail", [], False),
    ("/strategies/", "strategies", "Strategy", ["municipality", "status"], True),
    ("/strategies/{slug}/", "strategy", "StrategyDetail", [], False),
    ("/goal-areas/", "goal_areas", "GoalArea", ["municipality", "strategy"], True),
    ("/goals/", "goals", "Goal", ["municipality", "strategy", "goal_area"], True),
    ("/strategy-points/", "strategy_points", "StrategyPoint", ["municipality", "strategy"], True),
    (
        "/actions/",
        "actions",
        "Action",
        ["municipality", "strategy", "status", "goal_area"],
        True,
    ),
    (
        "/follow-ups/",
        "follow_ups",
        "FollowUp",
        ["municipality", "strategy", "year", "status"],
        True,
    ),
    ("/indicators/", "indicators", "Indicator", ["municipality", "strategy"], True),
    ("/partners/", "partners", "Partner", ["municipality"], True),
    ("/twin-towns/", "twin_towns", "TwinTown", ["municipality", "status"], True),
]


def page_of(name):
    return _object(
        count=INT,
        page=INT,
        pages=INT,
        next=NSTR,
        previous=NSTR,
        results=_array(_ref(name)),
    )


def _parameter(name, where="query"):
    schema = INT if name in {"year", "page", "page_size"} else STR
    return {"name": name, "in": where, "required": where == "path", "schema": schema}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi():
    paths = {}
    for path, operation, name, filters, paginated in ENDPOINTS:
        parameters = [_parameter(f) for f in filters]
        if paginated:
            parameters += [_parameter("page"), _parameter("page_size")]
            parameters.append(
                {
                    "name": "format",
                    "in": "query",
                    "required": False,
                    "description": "csv: the whole filtered list as CSV instead of a page",
                    "schema": {"type": "string", "enum": ["json", "csv"]},
                }
            )
        if "{slug}" in path:
            parameters.append(_parameter("slug", "path"))
        ok = _json(page_of(name) if paginated else _ref(name), "OK")
        if paginated:
            ok["content"]["text/csv"] = {"schema": {"type": "string"}}
        responses = {
            "200": ok,
            "304": {"description": "Not modified (If-None-Match matched the ETag)"},
            "400": _json(_ref("Error"), "A bad parameter"),
            "404": _json(_ref("Error"), "Not found, unpublished or a draft"),
            "429": _json(_ref("Error"), "Too many requests from this address"),
        }
        paths[path] = {
            "get": {"operationId": operation, "parameters": parameters, "responses": responses}
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Strategy Portal open data",
            "version": "1",
            "description": "Published municipalities' international strategies (docs/api.md).",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
