"""Reads for the compare page: strategies side by side, and a search across municipalities.

Both respect `accounts.permissions`: a user sees their own municipality and published
ones, never another unpublished one, and never another municipality's draft strategy
(`strategy_visibility`). Fixed queries each.
"""

import re
from collections import OrderedDict

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    FloatField,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from accounts.permissions import (
    can_view_internal,
    is_admin,
    membership_of,
    strategy_visibility,
    visible_municipalities,
)
from actions.models import Action
from actions.rules import clamp_year
from goals.models import Goal, GoalArea, Municipality, PlanGoal, Strategy
from partners.models import Partner, TwinTown
from search import highlight
from search import query as index
from search.models import SearchEntry

from .drilldown import Links

# Hits of each kind on one page of results; the next page has the next as many.
RESULT_LIMIT = 25


class Results(list):
    """The groups of one page of results, knowing whether a next page has more."""

    def __init__(self, groups=(), *, page=1, has_more=False):
        super().__init__(groups)
        self.page, self.has_more = page, has_more


Kind = SearchEntry.Kind
WORD = re.compile(r"\w+", re.UNICODE)


def strategy_page(user, number, per_page=25):
    """One page of the strategies the user may see, as (pk, municipality id): 2 queries at
    any size (the paginator counts and slices the bare visible rows, no join or aggregate).
    `visible_strategies(user).filter(pk__in=…)` reads the page's own strategies with their
    goal areas and action counts, for the rows not cached."""
    rows = (
        Strategy.objects.filter(strategy_visibility(user))
        .order_by("municipality__name", "-period_start", "pk")
        .values_list("pk", "municipality_id")
    )
    page = Paginator(rows, per_page).get_page(number)
    page.object_list = list(page.object_list)
    return page


def visible_strategies(user):
    """Strategies the user may see, with goal areas, their actions and the plan-wide
    actions (those under no goal area, e.g. Tranås's and Trondheim's), 4 queries."""
    live = (
        Action.objects.filter(is_archived=False)
        .order_by("code", "pk")
        .only("pk", "code", "title", "strategy_id", "goal_area_id")
    )
    areas = (
        GoalArea.objects.annotate(
            action_count=Count("actions", filter=Q(actions__is_archived=False))
        )
        .prefetch_related(Prefetch("actions", queryset=live, to_attr="live_actions"))
        .order_by("order", "code")
    )
    return (
        Strategy.objects.filter(strategy_visibility(user))
        .select_related("municipality")
        .annotate(action_count=Count("actions", filter=Q(actions__is_archived=False)))
        .prefetch_related(
            Prefetch("goal_areas", queryset=areas),
            Prefetch(
                "actions",
                queryset=live.filter(goal_area__isnull=True),
                to_attr="plan_wide_actions",
            ),
        )
        .order_by("municipality__name", "-period_start")
    )


def search_terms(query):
    return WORD.findall(query or "")[:8]


# Shorter words would match inside too many unrelated words ("ung" in "ungdom", "Tunga").
INFIX_MIN_LENGTH = 4


def _case_variants(term):
    """The spellings of `term` SQLite's LIKE needs to find it whatever its case.

    LIKE folds case for a-z only, so "älmhult" misses "Älmhult" and "TRANÅS" misses
    "Tranås". The lower- and upper-case forms cover a word whose other letters share one
    case (LIKE folds the a-z among them); the capitalized form covers names like "Årjäng"
    whose first letter alone is upper case.
    """
    return list(dict.fromkeys([term, term.lower(), term.upper(), term.capitalize()]))


def _term(fields, term):
    """A Q for one search word in any of `fields`.

    On PostgreSQL: full-text prefix matching ('simple' config, so plurals and words that
    start with the term match), or for words of INFIX_MIN_LENGTH or more, the word inside
    any field, because Norwegian and Swedish compounds often end in it ("kulturutveksling"
    for "utveksling"), which a prefix never finds. Elsewhere: the word inside any field.
    """
    if connection.vendor != "postgresql":
        contains = Q()
        for field in fields:
            for variant in _case_variants(term):
                contains |= Q(**{f"{field}__icontains": variant})
        return contains
    contains = Q()
    for field in fields:
        contains |= Q(**{f"{field}__icontains": term})
    from django.contrib.postgres.search import SearchQuery

    # Only word characters reach the raw query (`search_terms`), so it is never malformed.
    prefix = Q(search_vector=SearchQuery(f"{term}:*", config="simple", search_type="raw"))
    return prefix | contains if len(term) >= INFIX_MIN_LENGTH else prefix


# The words for a kind of row, in the portal's languages: "Hamar vennskapsby" lists Hamar's
# twin towns, "vänorter" every visible one. A word is one of them if it starts with a stem.
TWIN_TOWN_WORDS = ("vennskapsby", "venskapsby", "vänort", "vänstad", "vänskapsort", "twin")
PARTNER_WORDS = ("partner", "samarbeidspartner", "samarbeidspartnar", "samarbetspartner")


def _names_kind(term, kind_words):
    return term.lower().startswith(kind_words)


def _matches(queryset, fields, terms, related=(), kind_words=()):
    """Rows matching every word of `terms`: each word in one of `fields`, or in one of the
    `related` (queryset, fields) pairs, e.g. the names of an action's partners. The related
    rows are tested with EXISTS, so a row is found once however many of them match. A word
    naming the rows' kind (`kind_words`) matches every row of that kind."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        queryset = queryset.annotate(search_vector=SearchVector(*fields, config="simple"))
    for term in terms:
        if _names_kind(term, kind_words):
            continue
        condition = _term(fields, term)
        for related_rows, related_fields in related:
            condition |= Exists(_matches(related_rows, related_fields, [term]))
        queryset = queryset.filter(condition)
    return queryset


def search(user, query, *, today=None, page=1):
    """Actions, goals, partners and twin towns matching `query`, grouped by municipality
    (4 queries), each hit with the `url` of a page this user may open.

    An action is also found by the names of its partners and twin towns ("who works with
    ICLD?"). Returns a list of {"municipality", "actions", "goals", "partners",
    "twin_towns"} (a `Results`), at most RESULT_LIMIT hits of each kind: those of `page`.
    """
    terms = search_terms(query)
    if not terms:
        return Results()
    visible = visible_municipalities(user, Municipality.objects.all())
    phrase = " ".join(terms)
    offset = (page - 1) * RESULT_LIMIT

    def page_of_entries(kind, visible_entries, kind_words=()):
        """This page's object ids of `kind` (and one more, to tell whether there is a next
        page), ranked, ordered and sliced inside the index (search.query.ranked): however
        many rows match, only these are read, marked and linked."""
        entries = index.ranked(kind, terms, phrase, visible_entries, kind_words)
        return entries.values("object_id")[offset : offset + RESULT_LIMIT + 1]

    # Actions, goals, partners and twin towns through the search index (search.query:
    # full text in each municipality's language on PostgreSQL); who may see what is
    # asked of the index entries (their strategy, their municipality) as of the rows
    # themselves everywhere: a draft's actions and goals are found by its members only.
    entry_strategy_visible = _entry_visibility(user)
    actions = Action.objects.filter(
        strategy_visibility(user, "strategy__"),
        is_archived=False,
        pk__in=page_of_entries(Kind.ACTION, entry_strategy_visible),
    ).select_related("strategy__municipality", "goal_area")
    goals = Goal.objects.filter(
        strategy_visibility(user, "goal_area__strategy__"),
        pk__in=page_of_entries(Kind.GOAL, entry_strategy_visible),
    ).select_related("goal_area__strategy__municipality")
    # Goals for the whole plan (a main goal and its sub-goals), not in a goal area: few,
    # searched where they are.
    plan_goals = _matches(
        PlanGoal.objects.filter(strategy_visibility(user, "strategy__")),
        ["code", "text"],
        terms,
    ).select_related("strategy__municipality")
    # Partners and twin towns are also found by their municipality's name ("Hamar").
    entry_municipality_visible = Q(municipality__in=visible)
    partners = Partner.objects.filter(
        municipality__in=visible,
        pk__in=page_of_entries(Kind.PARTNER, entry_municipality_visible, PARTNER_WORDS),
    ).select_related("municipality")
    twin_towns = TwinTown.objects.filter(
        municipality__in=visible,
        pk__in=page_of_entries(Kind.TWIN_TOWN, entry_municipality_visible, TWIN_TOWN_WORDS),
    ).select_related("municipality")

    # Ranked: a hit whose own name, or whose municipality's name, is the query comes
    # first; then PostgreSQL's ts_rank of its index entry (0 on SQLite); then as the
    # list shows them. The same order as the index's (search.query.ENTRY_ORDER), now
    # for the page's rows only.
    actions = _ranked(actions, Kind.ACTION, terms, phrase, "title", "strategy__municipality__")
    goals = _ranked(goals, Kind.GOAL, terms, phrase, "text", "goal_area__strategy__municipality__")
    plan_goals = _ranked(plan_goals, None, terms, phrase, "text", "strategy__municipality__")
    partners = _ranked(partners, Kind.PARTNER, terms, phrase, "name", "municipality__")
    twin_towns = _ranked(twin_towns, Kind.TWIN_TOWN, terms, phrase, "name", "municipality__")

    groups = OrderedDict()

    def group(municipality):
        return groups.setdefault(
            municipality.pk,
            {
                "municipality": municipality,
                "actions": [],
                "goals": [],
                "plan_goals": [],
                "partners": [],
                "twin_towns": [],
            },
        )

    today = today or timezone.localdate()
    links = {}

    def action_url(action):
        # The dashboard's rule (`Links.action`): the action's page for members of its
        # municipality, the public page's entry for everyone else.
        strategy = action.strategy
        if strategy.pk not in links:
            links[strategy.pk] = Links(
                strategy,
                clamp_year(strategy, today.year),
                public=not can_view_internal(user, strategy.municipality),
            )
        return links[strategy.pk].action(action.pk)

    more = False

    def page_of(rows, *, paged=True):
        """This page's rows (and one more, to tell whether there is a next page); `paged`:
        the rows are the page's already (chosen in the index)."""
        nonlocal more
        rows = list(rows[: RESULT_LIMIT + 1] if paged else rows[offset : offset + RESULT_LIMIT + 1])
        more = more or len(rows) > RESULT_LIMIT
        return rows[:RESULT_LIMIT]

    municipality = "strategy__municipality__name"
    for action in page_of(actions.order_by(*RANKED, municipality, "code", "title", "pk")):
        action.url = action_url(action)
        _marked(action, "title", terms)
        group(action.strategy.municipality)["actions"].append(action)
    municipality = "goal_area__strategy__municipality__name"
    for goal in page_of(goals.order_by(*RANKED, municipality, "code", "text", "pk")):
        area = goal.goal_area
        goal.url = reverse("goals:strategy", args=[area.strategy.slug]) + (
            f"#goal-area-{area.code}"
        )
        _marked(goal, "text", terms)
        group(area.strategy.municipality)["goals"].append(goal)
    plan_goals = plan_goals.order_by(*RANKED, "strategy__municipality__name", "order")
    for goal in page_of(plan_goals, paged=False):
        goal.url = reverse("goals:strategy", args=[goal.strategy.slug]) + "#plan-goals"
        _marked(goal, "text", terms)
        group(goal.strategy.municipality)["plan_goals"].append(goal)
    # Partner and twin-town pages are open to everyone who may see the municipality.
    for partner in page_of(partners.order_by(*RANKED, "municipality__name", "name", "pk")):
        partner.url = partner.get_absolute_url()
        _marked(partner, "name", terms)
        group(partner.municipality)["partners"].append(partner)
    for twin_town in page_of(twin_towns.order_by(*RANKED, "municipality__name", "name", "pk")):
        twin_town.url = twin_town.get_absolute_url()
        _marked(twin_town, "name", terms)
        group(twin_town.municipality)["twin_towns"].append(twin_town)
    return Results(sorted(groups.values(), key=_group_order), page=page, has_more=more)


def _entry_visibility(user):
    """`strategy_visibility` for the index's entries of actions and goals, through the
    entry's own municipality (its strategy's): one join fewer for every matching entry."""
    if is_admin(user):
        return Q()
    condition = Q(municipality__is_published=True) & ~Q(strategy__status=Strategy.Status.DRAFT)
    membership = membership_of(user)
    if membership is not None and membership.municipality_id:
        condition |= Q(municipality=membership.municipality_id)
    return condition


# The order of each kind's hits: exact names first, then the best ranked.
RANKED = ("-exact", "-rank")


def _ranked(queryset, kind, terms, phrase, field, municipality):
    """`queryset` with `exact` (1 when the hit's `field` or its municipality's name is
    the query), `rank` (its index entry's ts_rank; 0 on SQLite) and, on PostgreSQL,
    `headline` (its `field` with the matches marked: search.highlight)."""
    exact = Q(**{f"{field}__iexact": phrase}) | Q(**{f"{municipality}name__iexact": phrase})
    queryset = queryset.annotate(
        exact=Case(When(exact, then=Value(1)), default=Value(0), output_field=IntegerField()),
        rank=index.rank(kind, terms) if kind else Value(0.0, output_field=FloatField()),
    )
    headline = highlight.headline(field, terms, f"{municipality}language", fragment=field == "text")
    if headline is not None:
        queryset = queryset.annotate(headline=headline)
    return queryset


def _marked(hit, field, terms):
    text = getattr(hit, field)
    if field == "text":  # a goal: the first lines, as the results list always showed
        text = Truncator(text).chars(160)
    hit.marked = highlight.marked(text, terms, getattr(hit, "headline", None))


def _group_order(group):
    """Municipalities with an exact hit first, then by their best hit's rank, then name."""
    hits = [
        hit
        for kind in ("actions", "goals", "plan_goals", "partners", "twin_towns")
        for hit in group[kind]
    ]
    return (
        -max((hit.exact for hit in hits), default=0),
        -max((hit.rank for hit in hits), default=0.0),
        group["municipality"].name,
    )
