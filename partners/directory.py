"""The registry across municipalities: every twin town and partner of the municipalities
the reader may see (published ones; members also their own), filtered and paged.

"Who else is twinned with this town?" is answered on each row: the other municipalities
with a twin town of the same name and country; and the agreements each town is in.
Seven queries at any size.
"""

import operator
from functools import reduce

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window, prefetch_related_objects
from django.db.models.functions import Lower, RowNumber
from django.utils.http import urlencode

from accounts.permissions import is_admin, membership_of

from .models import Partner, TwinTown, TwinTownStatus

PAGE_SIZE = 25
TWIN_TOWNS, PARTNERS = "twin_towns", "partners"


def _choice(value, allowed):
    return value if value in allowed else ""


def _visible(user):
    """`visible_municipalities` as a condition on rows' own municipality (published; a
    member's own too; every one for administrators): the join the page's order and
    `select_related` make anyway, not a second one for a subquery, on every row."""
    if is_admin(user):
        return Q()
    condition = Q(municipality__is_published=True)
    membership = membership_of(user)
    if membership is not None and membership.municipality_id:
        condition |= Q(municipality=membership.municipality_id)
    return condition


def directory(user, query):
    """The page of rows asked for in `query` (the request's GET: show, country, status,
    municipality, page). Unknown values are ignored, never an error."""
    show = _choice(query.get("show", TWIN_TOWNS), {TWIN_TOWNS, PARTNERS}) or TWIN_TOWNS
    model = TwinTown if show == TWIN_TOWNS else Partner
    visible = _visible(user)
    rows = model.objects.filter(visible)
    # The countries offered: those that have rows of this kind.
    countries = sorted(
        # order_by(): the models' default ordering would make DISTINCT keep every row.
        rows.exclude(country="").order_by().values_list("country", flat=True).distinct(),
        key=str.casefold,
    )
    if show == TWIN_TOWNS:
        statuses = TwinTownStatus.choices
    else:
        statuses = [("active", Partner._meta.get_field("is_active").verbose_name)]
    filters = {
        "country": _choice(query.get("country", ""), set(countries)),
        "status": _choice(query.get("status", ""), {value for value, _label in statuses}),
        # A name typed (or a slug from a municipality page's link): a list of a thousand
        # municipalities to choose from would be the page's biggest part.
        "municipality": query.get("municipality", "").strip()[:120],
    }
    if filters["country"]:
        rows = rows.filter(country=filters["country"])
    if filters["status"]:
        rows = rows.filter(Q(status=filters["status"]) if show == TWIN_TOWNS else Q(is_active=True))
    if filters["municipality"]:
        name = filters["municipality"]
        rows = rows.filter(
            Q(municipality__slug=name)
            | Q(municipality__name__icontains=name)
            | Q(municipality__name__icontains=name.capitalize())  # SQLite folds a-z only
        )
    page = _page(rows, query.get("page"))
    if show == TWIN_TOWNS:
        _add_also_twinned(page.object_list, visible)
        # The agreements each town is in (one query for the page).
        prefetch_related_objects(page.object_list, "agreements")
    return {
        "show": show,
        "page": page,
        "rows": page.object_list,
        "filters": filters,
        "countries": countries,
        "statuses": statuses,
        # The filters, for the pager's links.
        "extra": "&" + urlencode({"show": show, **filters}),
    }


def _page(rows, number):
    """One page of `rows` by town (case-blind), country, municipality and pk: 2 queries.

    Rows of one town and country ("Vänersborg, Sweden" for many municipalities) are
    ordered by their municipality's name; sorting every row so would cost more the more
    municipalities there are. The first query counts the rows of each town and country
    (the page count is their sum); the second reads and orders only the rows of the towns
    on this page."""
    rows = rows.annotate(town=Lower("name"))
    groups = list(
        rows.order_by("town", "country").values_list("town", "country").annotate(n=Count("pk"))
    )
    paginator = Paginator(rows, PAGE_SIZE)
    paginator.count = sum(n for _town, _country, n in groups)  # no COUNT query of its own
    page = paginator.get_page(number)
    start, stop = (page.number - 1) * PAGE_SIZE, page.number * PAGE_SIZE
    on_page, before, seen = [], 0, 0
    for town, country, n in groups:
        if seen + n > start and seen < stop:
            before = before if on_page else seen
            on_page.append(Q(town=town, country=country))
        seen += n
    if not on_page:
        page.object_list = []
        return page
    page.object_list = list(
        rows.filter(reduce(operator.or_, on_page))
        .select_related("municipality")
        .order_by("town", "country", "municipality__name", "pk")[start - before : stop - before]
    )
    return page


ALSO_TWINNED_SHOWN = 5


def _add_also_twinned(twin_towns, visible):
    """Each twin town's `also_twinned` (the first few other visible municipalities twinned
    with a town of the same name and country) and `also_twinned_more` (how many besides):
    two queries for the page, however many municipalities share a town."""
    # Names as written: SQLite's LOWER() folds a-z only ("Älmhult"), so no case folding.
    names = {t.name for t in twin_towns}
    if not names:
        return
    same = TwinTown.objects.filter(visible, name__in=names)
    totals = {
        (row["name"], row["country"]): row["total"]
        for row in same.values("name", "country").annotate(total=Count("pk")).order_by()
    }
    first = (
        same.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("name"), F("country")],
                order_by=[F("municipality__name").asc(), F("pk").asc()],
            )
        )
        # One more than shown: the row's own municipality may be among them.
        .filter(position__lte=ALSO_TWINNED_SHOWN + 1)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    others = {}
    for twin in first:
        others.setdefault((twin.name, twin.country), []).append(twin)
    for twin_town in twin_towns:
        key = (twin_town.name, twin_town.country)
        shown = [t for t in others.get(key, []) if t.municipality_id != twin_town.municipality_id]
        twin_town.also_twinned = shown[:ALSO_TWINNED_SHOWN]
        # Everyone else with this town, minus this row and those shown.
        twin_town.also_twinned_more = totals.get(key, 1) - 1 - len(twin_town.also_twinned)
