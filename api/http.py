"""What every open-data answer has in common, around django-ninja's operations: GET and
HEAD only, a per-address limit (429), CORS for everyone, an ETag and a Last-Modified date
with 304s for them; and the lists' pages and CSV downloads."""

import functools
import hashlib
import json
import time

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse, QueryDict
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from accounts.client_address import client_address
from accounts.throttle import within_limit
from actions.export import SafeWriter
from dashboards.cache import ANY_PLAN, plan_changed_at
from goals.models import Municipality

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
MAX_CSV_ROWS = 10_000

# The index and the schema change only with a new release, that is a restart.
STARTED = time.time()


class BadRequest(Exception):
    pass


def scope(request, municipality_id=None, static=False):
    """Say which plan data an answer holds, for its Last-Modified: one municipality's, or
    nothing that changes before a restart (`static`)."""
    request.api_municipality_id = municipality_id
    request.api_static = static


def _changed_at(request):
    """Last-Modified: when the plan data the response holds last changed (every write to
    a plan's rows stamps its municipality, dashboards.cache.bump). A view that shows one
    municipality's data says which (`scope`); a list filtered by municipality asks for it
    (one query); anything else is "any plan"."""
    municipality_id = getattr(request, "api_municipality_id", None)
    if municipality_id is None and getattr(request, "api_static", False):
        return STARTED
    slug = request.GET.get("municipality")
    if municipality_id is None and slug:
        municipality_id = (
            Municipality.objects.filter(slug=slug).values_list("pk", flat=True).first()
        )
        if municipality_id is None:  # no such municipality: an empty list, changed by any new one
            municipality_id = ANY_PLAN
    return plan_changed_at(municipality_id or ANY_PLAN)


def error(message, status):
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _without_empty(query):
    """An empty parameter (`?year=&page=`, as a form sends it) is one left out."""
    if "" not in (value for _key, values in query.lists() for value in values):
        return query
    kept = QueryDict(mutable=True)
    for key, values in query.lists():
        if values := [value for value in values if value != ""]:
            kept.setlist(key, values)
    kept._mutable = False
    return kept


def api_view(view):
    """GET/HEAD only, throttled per client address, CORS for everyone, ETag and
    Last-Modified, and 304 for If-None-Match or If-Modified-Since."""

    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = getattr(settings, "API_REQUESTS_PER_MINUTE", 120)
        if not within_limit("api", client_address(request), limit, window=60):
            response = error(f"Too many requests: at most {limit} a minute.", 429)
            response["Retry-After"] = "60"
        elif any("\x00" in value for value in request.GET.values()):
            response = error("A parameter holds a NUL character.", 400)
        else:
            request.GET = _without_empty(request.GET)
            # A HEAD is answered by the GET's operation; the server drops the body.
            method, request.method = request.method, "GET"
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.method = method
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            last_modified = int(_changed_at(request))
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


def page(request, queryset, row, paging):
    """One page of a list (or, with format=csv, all of it as CSV): constant queries."""
    if paging.format == "csv":
        return _csv(request, queryset, row)
    paginator = Paginator(queryset, min(paging.page_size, MAX_PAGE_SIZE))
    try:
        current = paginator.page(paging.page)
    except (PageNotAnInteger, EmptyPage):
        raise BadRequest(f"page must be a number from 1 to {paginator.num_pages}.") from None
    query = request.GET.copy()

    def link(number):
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "next": link(current.next_page_number()) if current.has_next() else None,
        "previous": link(current.previous_page_number()) if current.has_previous() else None,
        "results": [row(item) for item in current.object_list],
    }


def filtered(queryset, **lookups):
    """Apply the filters that were given (an empty one is no filter)."""
    return queryset.filter(**{k: v for k, v in lookups.items() if v not in (None, "")})


# A parameter that is not of its type, said as the docs page says it.
PARAMETER_ERRORS = {
    "page": "page must be a whole number from 1.",
    "page_size": f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.",
    "year": "year must be a whole number.",
    "format": "format must be json or csv.",
}


def validation_message(errors):
    """ninja's validation errors as one sentence."""
    messages = []
    for item in errors:
        name = str(item.get("loc", ("", ""))[-1])
        messages.append(PARAMETER_ERRORS.get(name, f"{name}: {item.get('msg', 'invalid')}."))
    return " ".join(dict.fromkeys(messages)) or "A bad parameter."
