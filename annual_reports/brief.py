""" "The strategy in brief": what the council adopted, read for the annual report.

The one content object both outputs use: the HTML/PDF template (`_brief.html`) and the
Word version (`annual_reports.word`) read the same lists, so the two never disagree on what the
strategy holds. Only what the strategy file states is here: an empty list is left out of
both outputs, never shown as an empty heading or a dash. Six queries, whatever the size.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from goals.models import PlanStatement, StrategyPoint
from partners.models import TwinTown, TwinTownStatusChange
from partners.selectors import agreements_of


def statement_headings():
    """A heading per kind of statement, in the plural the chapter needs."""
    Kind = PlanStatement.Kind
    return {
        Kind.AIM: _("Overall aims"),
        Kind.CHALLENGE: _("Challenges"),
        Kind.EXPECTED_RESULT: _("Expected results"),
        Kind.WORK_KIND: _("Kinds of international work"),
        Kind.POLICY_LINK: _("Links to other plans"),
        Kind.PRINCIPLE: _("Principles"),
    }


@dataclass
class StatementPart:
    """Statements in a row under one title (Hamar's four "Dette skal resultere i" items
    are one list under that title, as in the document)."""

    title: str
    texts: list = field(default_factory=list)


@dataclass
class StatementGroup:
    heading: str
    parts: list = field(default_factory=list)


def _statement_groups(strategy):
    """Statements grouped by kind, groups in the order the document first uses each kind,
    statements in the document's order."""
    headings = statement_headings()
    groups = {}
    for statement in strategy.statements.order_by("order", "pk"):
        group = groups.setdefault(statement.kind, StatementGroup(headings[statement.kind]))
        title = statement.title.strip()
        if not group.parts or group.parts[-1].title != title:
            group.parts.append(StatementPart(title))
        if statement.text.strip():
            group.parts[-1].texts.append(statement.text)
    return list(groups.values())


def strategy_brief(strategy, partners):
    """The chapter's content. `partners` are the municipality's, already read for the
    report's relations section (their cooperation is shown here)."""
    municipality = strategy.municipality
    points = (
        StrategyPoint.objects.filter(strategy=strategy, parent__isnull=True)
        .order_by("order", "code")
        .prefetch_related(
            Prefetch("points", queryset=StrategyPoint.objects.order_by("order", "code"))
        )
    )
    towns = list(
        TwinTown.objects.filter(municipality=municipality).prefetch_related(
            Prefetch(
                "status_changes",
                queryset=TwinTownStatusChange.objects.order_by("order", "pk"),
                to_attr="all_changes",
            ),
            "agreements",
        )
    )
    return {
        "vision": strategy.vision.strip(),
        "introduction": strategy.introduction.strip(),
        "statement_groups": _statement_groups(strategy),
        "strategy_points": list(points),
        "roles": list(municipality.responsible_parties.order_by("order", "name")),
        "partners": [p for p in partners if p.cooperation_list],
        "twin_towns": towns,
        # One agreement with several towns: its text once, after the towns it links.
        "agreements": agreements_of(towns),
        "amendments": list(strategy.amendments.order_by("order", "pk")),
    }


def brief_is_empty(brief):
    return not any(brief.values())
