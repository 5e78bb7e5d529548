"""The registry across municipalities: every twin town and partner of the municipalities
the reader may see (published ones; members also their own), filtered and paged.

"Who else is twinned with this town?" is answered on each row: the other municipalities
with a twin town of the same name and country; and the agreements each town is in.
Six queries at any size, and none when the page is cached (`directory_html`).
"""

import hashlib
import operator
from functools import reduce

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window, prefetch_related_objects
from django.db.models.functions import Lower, RowNumber
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from accounts.permissions import is_admin, membership_of
from dashboards.cache import bump, cached_for_plan

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


# The registry's own version in dashboards.cache, beside each plan's: set anew by every
# write to what the page shows (`connect_signals`), so a cached page is never stale. A
# follow-up saved somewhere leaves it alone: every plan's write would, on a page that
# shows every municipality, leave nothing cached for long.
REGISTRY = "registry"
# What the page shows: the rows, their agreements, and the municipalities' names, links,
# language and publication.
REGISTRY_MODELS = [
    "partners.Partner",
    "partners.TwinTown",
    "partners.TwinTownAgreement",
    "partners.TwinTownStatusChange",
    "goals.Municipality",
]


def directory_html(user, query):
    """The page below its heading (kinds, filters, count, rows, pager) as HTML: the same
    for everyone who sees the same rows, so cached as rendered per registry version,
    language, query and which rows the reader may see. The fragment holds no form token
    and no link of the reader's own (the filter form is a GET; the header with the
    reader's name is rendered per request, outside it).

    Without it a page at 1,100 municipalities read the counts of every town and sorted
    the rows of a town shared by all of them, and rendered a fuller page than at 5."""
    digest = hashlib.sha256(query.urlencode().encode()).hexdigest()[:32]
    return mark_safe(  # noqa: S308 - our template's output, every value escaped there
        cached_for_plan(
            REGISTRY,
            ["directory-html", _scope(user), get_language(), digest],
            lambda: str(render_to_string("partners/_directory.html", directory(user, query))),
        )
    )


def _scope(user):
    """Who sees which rows, as a cache key: every row (administrators); the published
    municipalities' and an unpublished own municipality's; or the published ones only
    (visitors, and members of a published municipality: the same rows)."""
    if is_admin(user):
        return "all"
    membership = membership_of(user)
    if membership is not None and membership.municipality_id:
        if not membership.municipality.is_published:
            return f"own-{membership.municipality_id}"
    return "published"


def _changed(sender, **kwargs):
    bump(REGISTRY)


def _m2m_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump(REGISTRY)


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in REGISTRY_MODELS:
        model = apps.get_model(label)
        uid = f"registry-version-{label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}-m2m",
            )


def directory(user, query):
    """The page of rows asked for in `query` (the request's GET: show, country, status,
    municipality, page). Unknown values are ignored, never an error."""
    show = _choice(query.get("show", TWIN_TOWNS), {TWIN_TOWNS, PARTNERS}) or TWIN_TOWNS
    model = TwinTown if show == TWIN_TOWNS else Partner
    visible = _visible(user)
    rows = model.objects.filter(visible)
    scope = _scope(user)
    # The countries offered: those that have rows of this kind (read once per version of
    # the registry, like the counts below: the only queries that read every row).
    countries = cached_for_plan(
        REGISTRY,
        ["directory-countries", scope, show],
        lambda: sorted(
            # order_by(): the models' default ordering would make DISTINCT keep every row.
            rows.exclude(country="").order_by().values_list("country", flat=True).distinct(),
            key=str.casefold,
        ),
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
    digest = hashlib.sha256(urlencode(filters).encode()).hexdigest()[:32]
    page = _page(
        rows,
        query.get("page"),
        lambda towns: cached_for_plan(REGISTRY, ["directory-towns", scope, show, digest], towns),
    )
    if show == TWIN_TOWNS:
        _add_also_twinned(page.object_list, visible)
        # The agreements each town is in (one query for the page).
        prefetch_related_objects(page.object_list, "agreements")
    _add_municipality_urls(page.object_list)
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


def _page(rows, number, cached):
    """One page of `rows` by town (case-blind), country, municipality and pk: 2 queries,
    the first of them `cached` (a function of the computation).

    Rows of one town and country ("Vänersborg, Sweden" for many municipalities) are
    ordered by their municipality's name; sorting every row so would cost more the more
    municipalities there are. The first query counts the rows of each town and country
    (the page count is their sum: the one query that grows with every row, so kept until
    the registry changes); the second reads and orders only the rows of the towns on this
    page (an index on the town and country finds them)."""
    rows = rows.annotate(town=Lower("name"))
    groups = cached(
        lambda: list(
            rows.order_by("town", "country").values_list("town", "country").annotate(n=Count("pk"))
        )
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


def _add_municipality_urls(rows):
    """Each row's `municipality_url`, and each of its `also_twinned`'s: a page names the
    same few municipalities on many rows, and each link is reversed once."""
    urls = {}
    for row in rows:
        for twin in [row, *getattr(row, "also_twinned", [])]:
            municipality = twin.municipality
            if municipality.pk not in urls:
                urls[municipality.pk] = municipality.get_absolute_url()
            twin.municipality_url = urls[municipality.pk]


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
