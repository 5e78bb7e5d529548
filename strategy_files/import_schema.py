"""The strategy file format (docs/import-format.md) as data: keys, types, limits, defaults.

Field limits are read from the models (every text, long ones included), so the file and
the database never disagree.
The checks that span the file (codes, references, the municipality) are in import_checks.
"""

from actions.models import Action, Indicator, Milestone
from goals.models import (
    Amendment,
    Country,
    Currency,
    Goal,
    GoalArea,
    Language,
    Municipality,
    PlanGoal,
    PlanStatement,
    ResponsibleParty,
    Strategy,
    StrategyPoint,
)
from partners.models import (
    Partner,
    TwinTown,
    TwinTownAgreement,
    TwinTownStatus,
    TwinTownStatusChange,
)

from .import_fields import (
    OMIT,
    Bool,
    Choice,
    Code,
    CodeList,
    Date,
    Key,
    ListOf,
    Mapping,
    MunicipalityNumber,
    Number,
    PartialDate,
    Since,
    Text,
    TextList,
    Year,
    YearValues,
)

FORMAT = "strategy-portal/1"

# How a goal or action contributes to each linked item: [{item: sdg-11, note: …}].
FRAMEWORK_NOTES = ListOf(
    Mapping({"item": Code(41, required=True), "note": Text(500, required=True, one_line=True)}),
    default=OMIT,
)


def _max(model, name):
    return model._meta.get_field(name).max_length


def _text(model, name, **kwargs):
    return Text(_max(model, name), **kwargs)


LABELS = ["goal_area", "goal_area_plural", "goal", "strategy_point", "action", "action_plural"]

# With `create: true` every field but `published` is required (checked in _check_municipality).
MUNICIPALITY = Mapping(
    {
        "slug": Key(_max(Municipality, "slug"), required=True),
        "create": Bool(default=False),
        "name": _text(Municipality, "name", required=False, default=OMIT),
        "country": Choice(Country.choices, default=OMIT),
        # Optional even with `create`: a file without them keeps what the admin set.
        "number": MunicipalityNumber(default=OMIT),
        "county": _text(Municipality, "county", one_line=True, default=OMIT),
        "language": Choice(Language.choices, default=OMIT),
        "currency": Choice(Currency.choices, default=OMIT),
        "published": Bool(default=OMIT),
        "labels": Mapping(
            {label: Text(_max(Municipality, f"label_{label}"), default=OMIT) for label in LABELS},
            default=OMIT,
        ),
    },
    required=True,
    track_omitted=True,
)

RESPONSIBLE_PARTY = Mapping(
    {
        "key": Key(_max(ResponsibleParty, "key"), required=True),
        "name": _text(ResponsibleParty, "name", required=True),
        "kind": Choice(ResponsibleParty.Kind.choices, required=True),
        "duties": TextList(_max(ResponsibleParty, "duties")),
    }
)

PARTNER = Mapping(
    {
        "key": Key(_max(Partner, "key"), required=True),
        "name": _text(Partner, "name", required=True),
        "kind": Choice(Partner.Kind.choices, required=True),
        "country": _text(Partner, "country"),
        "active": Bool(default=True),
        "cooperation": TextList(_max(Partner, "cooperation")),
    }
)

STATUS_CHANGE = Mapping(
    {
        "status": Choice(TwinTownStatus.choices, required=True),
        "year": Year(),
        "date": Date(),
        "decision": _text(TwinTownStatusChange, "decision"),
        "note": _text(TwinTownStatusChange, "note"),
    }
)

TWIN_TOWN = Mapping(
    {
        "key": Key(_max(TwinTown, "key"), required=True),
        "name": _text(TwinTown, "name", required=True),
        "country": _text(TwinTown, "country", required=True),
        "since": Since(),
        "category": Choice([("", "")] + TwinTown.Category.choices, default=""),
        "status": Choice(TwinTownStatus.choices, default=TwinTownStatus.ACTIVE.value),
        # Required when the status is `paused` (import_checks); written only when given.
        "status_reason": _text(TwinTown, "status_reason", default=OMIT),
        "description": _text(TwinTown, "description"),
        "status_history": ListOf(STATUS_CHANGE),
    }
)

# One agreement with several twin towns: written once, shown on each (written only when
# the municipality has one, so files without agreements export as before).
AGREEMENT = Mapping(
    {
        "key": Key(_max(TwinTownAgreement, "key"), required=True),
        "title": _text(TwinTownAgreement, "title", required=True),
        "description": _text(TwinTownAgreement, "description"),
        "date": PartialDate(),
        "twin_towns": CodeList(Key(_max(TwinTown, "key"), required=True)),
    }
)

STATEMENT = Mapping(
    {
        "kind": Choice(PlanStatement.Kind.choices, required=True),
        "title": _text(PlanStatement, "title"),
        "text": _text(PlanStatement, "text"),
    }
)

AMENDMENT = Mapping(
    {
        "kind": Choice(Amendment.Kind.choices, required=True),
        "decided_by": _text(Amendment, "decided_by"),
        "decided_on": PartialDate(),
        "reference": _text(Amendment, "reference", numbers=True),
        "affects": _text(Amendment, "affects"),
        "text": _text(Amendment, "text", required=True),
    }
)

MILESTONE = Mapping(
    {
        "title": _text(Milestone, "title", required=True),
        "due": PartialDate(),
        "reached": Date(),
    }
)

COST = Mapping(
    {
        "amount": Number(14, 2, minimum=0),
        "currency": Choice(Currency.choices, default=None),
        "note": _text(Action, "funding_note"),
    },
    default={"amount": None, "currency": None, "note": ""},
)

ACTION = Mapping(
    {
        "code": Code(_max(Action, "code")),
        "title": _text(Action, "title", required=True),
        "description": _text(Action, "description"),
        "goals": CodeList(),
        "strategy_points": CodeList(),
        "responsible": Key(_max(ResponsibleParty, "key")),
        "responsible_note": _text(Action, "responsible_note"),
        "partners": CodeList(Key(_max(Partner, "key"), required=True)),
        "twin_towns": CodeList(Key(_max(TwinTown, "key"), required=True)),
        # A file that says nothing claims nothing: "one-off" would let a follow-up end it.
        "recurrence": Choice(Action.Recurrence.choices, default=Action.Recurrence.NOT_STATED.value),
        "planned_start": PartialDate(),
        "planned_end": PartialDate(),
        "cost": COST,
        "estimated_hours": Number(10, 1, minimum=0),
        "status": Choice(Action.Status.choices, default=Action.Status.PLANNED.value),
        "archived": Bool(default=False),
        "milestones": ListOf(MILESTONE),
        # `sdg-11`: written only when the action has links (strategy_files/framework_links).
        "frameworks": CodeList(Code(41), default=OMIT),
        "framework_notes": FRAMEWORK_NOTES,
    }
)

# A code is optional where the document gives none (the pages number by position, the
# export leaves the key out).
GOAL = Mapping(
    {
        "code": Code(_max(Goal, "code"), required=False, default=OMIT),
        "text": _text(Goal, "text", required=True),
        "frameworks": CodeList(Code(41), default=OMIT),
        "framework_notes": FRAMEWORK_NOTES,
    }
)

_PLAN_GOAL_FIELDS = {
    "code": Code(_max(PlanGoal, "code"), required=False, default=OMIT),
    "text": _text(PlanGoal, "text", required=True),
}
# A goal for the whole plan, with its sub-goals (`goals`, written only when there are some).
PLAN_GOAL = Mapping(
    {**_PLAN_GOAL_FIELDS, "goals": ListOf(Mapping(_PLAN_GOAL_FIELDS), default=OMIT)}
)

GOAL_AREA = Mapping(
    {
        "code": Code(_max(GoalArea, "code")),
        "title": _text(GoalArea, "title", required=True),
        "description": _text(GoalArea, "description"),
        "goals": ListOf(GOAL),
        "actions": ListOf(ACTION),
        "frameworks": CodeList(Code(41), default=OMIT),
        "framework_notes": FRAMEWORK_NOTES,
    }
)

_POINT_FIELDS = {
    "code": Code(_max(StrategyPoint, "code"), required=False, default=OMIT),
    "title": _text(StrategyPoint, "title"),
    "text": _text(StrategyPoint, "text"),
    "goal_areas": CodeList(),
    "frameworks": CodeList(Code(41), default=OMIT),
    "framework_notes": FRAMEWORK_NOTES,
}
STRATEGY_POINT = Mapping({**_POINT_FIELDS, "points": ListOf(Mapping(_POINT_FIELDS))})

INDICATOR = Mapping(
    {
        "code": Code(_max(Indicator, "code")),
        "name": _text(Indicator, "name", required=True),
        "unit": _text(Indicator, "unit"),
        "goal_area": Code(_max(GoalArea, "code"), required=False),
        "action": Code(_max(Action, "code"), required=False),
        "baseline": Number(14, 2),
        "target": Number(14, 2),
        "target_year": Year(),
        "values": YearValues(),
    }
)

STRATEGY = Mapping(
    {
        "slug": Key(_max(Strategy, "slug"), required=True),
        "title": _text(Strategy, "title", required=True),
        "adopted_by": _text(Strategy, "adopted_by"),
        "adopted_on": PartialDate(),
        "decision_reference": _text(Strategy, "decision_reference", numbers=True),
        "document_id": _text(Strategy, "document_id", numbers=True),
        "version": _text(Strategy, "version", numbers=True),
        "document_type": _text(Strategy, "document_type"),
        "published_on": PartialDate(),
        # A document may state no period at all (start null): nothing is invented.
        "period": Mapping(
            {"start": Year(), "end": Year()},
            default={"start": None, "end": None},
            track_omitted=True,
        ),
        "revise_by": Date(),
        "status": Choice(Strategy.Status.choices, default=Strategy.Status.ADOPTED.value),
        "vision": _text(Strategy, "vision"),
        "introduction": _text(Strategy, "introduction"),
        # The frameworks the strategy names (`eu2020`): only their items are offered for
        # its links. Written only when it names some (strategy_files/framework_links).
        "frameworks": CodeList(Code(20), default=OMIT),
        # Plan-level goals (written only when the plan has some, as the seeds have none).
        "goals": ListOf(PLAN_GOAL, default=OMIT),
        "statements": ListOf(STATEMENT),
        "amendments": ListOf(AMENDMENT),
        "goal_areas": ListOf(GOAL_AREA),
        # Plan-wide actions: the document lists them for the whole plan, not one goal area.
        "actions": ListOf(ACTION),
        "strategy_points": ListOf(STRATEGY_POINT),
        "indicators": ListOf(INDICATOR),
    },
    required=True,
    # A re-import leaves what the file is silent about as it is (the writer reads this).
    track_omitted=True,
)

FILE = Mapping(
    {
        "format": Text(required=True),
        "municipality": MUNICIPALITY,
        "responsible_parties": ListOf(RESPONSIBLE_PARTY),
        "partners": ListOf(PARTNER),
        "twin_towns": ListOf(TWIN_TOWN),
        "agreements": ListOf(AGREEMENT, default=OMIT),
        "strategy": STRATEGY,
    }
)
