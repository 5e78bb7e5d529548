"""The open-data API's answers as Pydantic schemas: django-ninja validates every answer
against them and writes the OpenAPI document (/api/v1/schema/) from them, so the document
and the answers cannot drift. Every object lists all its properties (all required, nulls
spelled out) and allows no others."""

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, create_model

Decimal = Annotated[str | None, Field(description="a decimal number as text, e.g. '1500.00'")]
Precision = Annotated[
    Literal["day", "month", "year"],
    Field(description="how much of the date the plan gives: a day, a month or a year"),
]


class Out(Schema):
    model_config = ConfigDict(extra="forbid")


class Error(Out):
    error: str


class Index(Out):
    version: str
    municipalities: str
    strategies: str
    goal_areas: str
    goals: str
    strategy_points: str
    actions: str
    follow_ups: str
    indicators: str
    partners: str
    twin_towns: str
    schema_: str = Field(alias="schema")


class Labels(Out):
    goal_area: str
    goal_area_plural: str
    goal: str
    strategy_point: str
    action: str
    action_plural: str


class Municipality(Out):
    slug: str
    name: str
    country: str
    number: str | None = Field(description="kommunenummer (NO) or kommunkod (SE), four digits")
    county: str | None = Field(description="fylke (NO) or län (SE)")
    language: str
    currency: str
    labels: Labels
    url: str


class Period(Out):
    start: int | None
    end: int | None


class Strategy(Out):
    slug: str
    municipality: str
    title: str
    status: str
    period: Period
    adopted_by: str
    adopted_on: dt.date | None
    version: str
    vision: str
    labels: Labels
    url: str


class MunicipalityDetail(Municipality):
    strategies: list[Strategy]


class Names(Out):
    nb: str
    nn: str
    sv: str
    en: str


class FrameworkLink(Out):
    framework: str = Field(description="the framework's code, e.g. sdg or eu2020")
    framework_name: Names
    item: str = Field(description="the item's code in its framework, e.g. 11, or 11.1 for a target")
    reference: str = Field(description="framework and item as the strategy file names it: sdg-11")
    name: Names
    goal: str | None = Field(description="for a target, its goal's code (11 for 11.1)")
    note: str = Field(description="how it contributes, as the plan says; may be empty")


class PlanGoal(Out):
    id: int
    code: str
    text: str


class PlanGoalArea(Out):
    id: int
    code: str
    title: str
    description: str
    goals: list[PlanGoal]


class PlanStrategyPoint(Out):
    id: int
    code: str
    title: str
    text: str
    parent: str | None


class StrategyDetail(Strategy):
    goal_areas: list[PlanGoalArea]
    strategy_points: list[PlanStrategyPoint]


class GoalArea(Out):
    id: int
    municipality: str
    strategy: str
    code: str
    order: int
    title: str
    description: str
    frameworks: list[FrameworkLink]


class Goal(Out):
    id: int
    municipality: str
    strategy: str
    goal_area: str
    code: str
    order: int
    text: str
    frameworks: list[FrameworkLink]


class StrategyPoint(Out):
    id: int
    municipality: str
    strategy: str
    code: str
    order: int
    title: str
    text: str
    parent: str | None
    parent_id: int | None
    goal_areas: list[str]
    frameworks: list[FrameworkLink]


class Action(Out):
    id: int
    municipality: str
    strategy: str
    goal_area: str | None
    code: str
    title: str
    description: str
    goals: list[str]
    strategy_points: list[str]
    responsible: str | None = Field(description="a role, department or body, never a person")
    responsible_as_written: str
    partners: list[str]
    twin_towns: list[str]
    recurrence: str
    planned_start: dt.date | None = Field(
        description="the first day of the planned start: 2027-03-01 for a start in March 2027"
    )
    planned_start_as_written: str | None = Field(
        description="as precise as the plan: 2027-03-15, 2027-03 (a month) or 2027 (a year)"
    )
    planned_start_precision: Precision
    planned_end: dt.date | None = Field(
        description="the last day of the planned end: 2027-12-31 for an end in 2027 "
        "(the action is late only after it)"
    )
    planned_end_as_written: str | None = Field(
        description="as precise as the plan: 2027-12-15, 2027-12 (a month) or 2027 (a year)"
    )
    planned_end_precision: Precision
    estimated_cost: Decimal
    currency: str | None
    estimated_hours: Decimal
    status: str
    archived: bool
    frameworks: list[FrameworkLink]


class ExternalFunding(Out):
    source: str
    programme: str
    amount: Decimal
    currency: str


class FollowUp(Out):
    id: int
    municipality: str
    strategy: str
    action: str
    year: int
    status: str
    progress: int | None
    hours: Decimal
    money_spent: Decimal
    currency: str
    external_funding: list[ExternalFunding]


class IndicatorValue(Out):
    year: int
    value: Decimal


class Indicator(Out):
    id: int
    municipality: str
    strategy: str
    code: str
    name: str
    unit: str
    goal_area: str | None
    action: str | None
    baseline: Decimal
    target: Decimal
    target_year: int | None
    values: list[IndicatorValue]


class Partner(Out):
    id: int
    municipality: str
    key: str
    name: str
    kind: str
    country: str
    active: bool
    cooperation: list[str]


class StatusStep(Out):
    status: str
    year: int | None
    date: dt.date | None
    decision: str
    note: str


class TwinTown(Out):
    id: int
    municipality: str
    key: str
    name: str
    country: str
    since: int | None
    category: str
    status: str
    status_reason: str
    description: str
    status_history: list[StatusStep]


def page_of(row):
    """A page of a list: its rows and where the next and previous pages are."""
    return create_model(
        f"{row.__name__}Page",
        __base__=Out,
        count=(int, ...),
        page=(int, ...),
        pages=(int, ...),
        next=(str | None, ...),
        previous=(str | None, ...),
        results=(list[row], ...),
    )
