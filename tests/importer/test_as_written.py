"""Facts as precise as the document: nothing the document does not say is invented."""

import re

import pytest
from django.urls import reverse

from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import import_file
from tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

UNDATED = """\
format: strategy-portal/1
municipality:
  slug: vaxby
  create: true
  name: Växby kommun
  country: SE
  language: sv
  currency: SEK
  published: true
  labels: {goal_area: Fokusområde, goal_area_plural: Fokusområden, goal: Mål,
           strategy_point: Strategi, action: Aktivitet, action_plural: Aktiviteter}
strategy:
  slug: vaxby-internationellt
  title: Internationellt program
  status: not_stated
  goal_areas:
    - code: "1"
      title: Unga
      actions:
        - {code: "1.1", title: Utbyte, recurrence: yearly}
"""


def _years_listed(body):
    form = body[body.index('name="year"') :]
    form = form[: form.index("</select>")]
    return [int(y) for y in re.findall(r'<option value="(\d+)"', form)]


def test_a_plan_without_period_or_status_imports_shows_and_exports_as_written(client):
    strategy = import_file(UNDATED.encode(), "vaxby.yaml")
    assert strategy.period_start is None and strategy.period_end is None
    assert strategy.status == "not_stated"

    body = client.get(strategy.get_absolute_url()).content.decode()
    assert "period not stated" in body
    assert "not stated" in body.lower()

    exported = export_strategy(strategy)["strategy"]
    assert exported["period"] == {"start": None, "end": None}
    assert exported["status"] == "not_stated"
    again = import_file(dump_yaml(export_strategy(strategy)).encode(), "export.yaml")
    assert dump_yaml(export_strategy(again)) == dump_yaml(export_strategy(strategy))


def test_the_dashboard_of_an_undated_plan_starts_at_the_first_year_with_data(client):
    strategy = import_file(UNDATED.encode(), "vaxby.yaml")
    FollowUpFactory(action=strategy.actions.get(code="1.1"), year=2022, state="approved")

    body = client.get(reverse("dashboards:dashboard", args=[strategy.slug])).content.decode()

    years = _years_listed(body)
    assert years[0] == 2022  # not 2011 or any other invented start
    assert years == sorted(years) and len(years) >= 1
