"""An action's planned dates in the open-data API as precise as the plan (issue 18): the
date fields keep their meaning (a start's first day, an end's last), and beside them the
date as written ("2027-03", "2028") and its precision, in JSON, the CSV and the schema."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from actions.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(world):
    action = Action.objects.get(code="1.1", strategy__slug="hamar-2020")
    action.planned_start = datetime.date(2027, 3, 1)
    action.planned_start_precision = "month"
    action.planned_end = datetime.date(2028, 12, 31)
    action.planned_end_precision = "year"
    action.save()
    return action


def test_actions_give_the_date_as_written_and_its_precision_beside_the_date(client, dated):
    (action,) = client.get(reverse("api:actions")).json()["results"]
    assert action["planned_start"] == "2027-03-01"
    assert action["planned_start_as_written"] == "2027-03"
    assert action["planned_start_precision"] == "month"
    assert action["planned_end"] == "2028-12-31"
    assert action["planned_end_as_written"] == "2028"
    assert action["planned_end_precision"] == "year"


def test_a_day_is_a_day_and_no_date_is_null(client, dated):
    dated.planned_start, dated.planned_start_precision = datetime.date(2027, 3, 15), "day"
    dated.planned_end = None
    dated.save()
    (action,) = client.get(reverse("api:actions")).json()["results"]
    assert action["planned_start_as_written"] == "2027-03-15"
    assert action["planned_start_precision"] == "day"
    assert action["planned_end"] is None and action["planned_end_as_written"] is None


def test_the_csv_has_the_columns_too(client, dated):
    response = client.get(reverse("api:actions"), {"format": "csv"})
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["planned_end"] == "2028-12-31"
    assert row["planned_end_as_written"] == "2028"
    assert row["planned_end_precision"] == "year"


def test_the_schema_names_the_new_fields_and_their_precisions(client):
    schema = client.get(reverse("api:schema")).json()["components"]["schemas"]["Action"]
    for name in ("planned_start", "planned_end"):
        assert f"{name}_as_written" in schema["required"]
        assert schema["properties"][f"{name}_precision"]["enum"] == ["day", "month", "year"]
