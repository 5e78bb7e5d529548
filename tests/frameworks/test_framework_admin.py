"""The framework's admin page lists its items (the SDGs: 17 goals and 169 targets) at a
cost in queries that does not grow with them; a target's goal is chosen among the
framework's goals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frameworks.models import Framework

pytestmark = pytest.mark.django_db


def _page(client, code):
    framework = Framework.objects.get(code=code)
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_the_sdg_page_costs_what_europa_2020s_does_and_offers_goals_as_parents(admin_client):
    _page(admin_client, "eu2020")  # the session and the user, read once
    _, few = _page(admin_client, "eu2020")
    response, many = _page(admin_client, "sdg")
    assert many == few
    formset = response.context["inline_admin_formsets"][0].formset
    assert len(formset.forms) == 186
    parents = [label for _value, label in formset.forms[0].fields["parent"].choices][1:]
    assert len(parents) == 17 and parents[10].startswith("SDG 11 ")
