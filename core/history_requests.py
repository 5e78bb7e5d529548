"""Every history row written during one HTTP request carries that request's id, so a
record's history can group exactly what one save changed (a follow-up with its funding
rows and indicator values) instead of guessing from who saved and when.

django-simple-history's middleware (HistoryRequestMiddleware) keeps the request being
served where its signals can read it; the first history row written in a request gives
the request an id, and `post_create_historical_record` stores (history row, request id)
in `HistoryRequest`. `request_ids(records)` reads them back in one query.
"""

import uuid

from django.db.models import Q
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from .models import HistoryRequest


def current_request_id():
    """The id of the request being served (made on first use), None outside a request."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    if not hasattr(request, "history_request_id"):
        request.history_request_id = uuid.uuid4()
    return request.history_request_id


def _label(model):
    return model._meta.label


def remember_request(sender, history_instance, **kwargs):
    request_id = current_request_id()
    if request_id is not None:
        HistoryRequest.objects.create(
            history_model=_label(type(history_instance)),
            history_id=history_instance.pk,
            request_id=request_id,
        )


def connect():
    post_create_historical_record.connect(remember_request, dispatch_uid="history_request_id")


def request_ids(records):
    """{(history model label, history_id): request id} for the history rows given; rows
    written outside a request are missing. One query, made even for no rows, so a page
    costs the same whatever its history holds."""
    by_model = {}
    for record in records:
        by_model.setdefault(_label(type(record)), set()).add(record.pk)
    match = Q(history_model="")  # matches nothing, but keeps the query when there are no rows
    for label, ids in by_model.items():
        match |= Q(history_model=label, history_id__in=ids)
    found = HistoryRequest.objects.filter(match).values_list(
        "history_model", "history_id", "request_id"
    )
    return {(label, history_id): request_id for label, history_id, request_id in found}


def request_id_of(record, ids):
    return ids.get((_label(type(record)), record.pk))
