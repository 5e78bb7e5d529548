"""A milestone dated as the plan dates it (issue 18): "by May 2027" is a month and "2028"
a year. Stored with its precision and as the period's last day (a deadline is not late
before the period it names has ended), shown as written, exported as written; a date
picked in the staff form is a day again."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import Role
from actions.models import Action, Milestone
from dashboards.timeline import is_late
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file
from tests.actions.test_plan_items import milestone_rows
from tests.factories import member

pytestmark = pytest.mark.django_db

WRITTEN = Path(__file__).parent / "written" / "as_written.yaml"
MILESTONES = """          twin_towns: [oulu]
          milestones:
            - title: Avtal med Oulu
              due: 2027-05
            - title: Första utbytet
              due: 2028
            - title: Utvärdering
              due: 2028-09-15
"""


@pytest.fixture
def action(tmp_path):
    text = WRITTEN.read_text(encoding="utf-8")
    assert "          twin_towns: [oulu]\n" in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("          twin_towns: [oulu]\n", MILESTONES), encoding="utf-8")
    strategy = import_file(path)
    return Action.objects.get(strategy=strategy, code="1.1")


def stored(action):
    return [
        (m.title, m.due_on.isoformat(), m.due_on_precision)
        for m in Milestone.objects.filter(action=action).order_by("order", "pk")
    ]


def test_month_and_year_deadlines_are_stored_as_the_periods_last_day_with_precision(action):
    assert stored(action) == [
        ("Avtal med Oulu", "2027-05-31", "month"),
        ("Första utbytet", "2028-12-31", "year"),
        ("Utvärdering", "2028-09-15", "day"),
    ]


def test_a_month_deadline_is_not_late_before_the_month_has_ended(action):
    may = Milestone.objects.get(action=action, title="Avtal med Oulu")
    assert not is_late(may, datetime.date(2027, 5, 20))
    assert is_late(may, datetime.date(2027, 6, 1))


def test_they_export_as_written_and_import_again_unchanged(action, tmp_path):
    exported = export_strategy(action.strategy)
    dues = [
        m["due"]
        for area in exported["strategy"]["goal_areas"]
        for a in area["actions"]
        for m in a.get("milestones", [])
    ]
    assert dues == ["2027-05", 2028, datetime.date(2028, 9, 15)]
    again = tmp_path / "again.yaml"
    again.write_text(dump_yaml(exported), encoding="utf-8")
    import_file(again)
    assert stored(action)[0] == ("Avtal med Oulu", "2027-05-31", "month")


def test_they_show_as_written_on_the_action_page(action, client):
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    milestones = page[page.index("Avtal med Oulu") :]
    assert "May 2027" in milestones or "maj 2027" in milestones
    assert "31.05.2027" not in milestones and "2027-05-31" not in milestones
    assert "12.2028" not in milestones.split("Utvärdering")[0]


def test_a_date_picked_in_the_staff_form_is_a_day_and_an_untouched_row_keeps_its_month(
    action, client
):
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    url = reverse("actions:milestones", args=[action.pk])
    data = milestone_rows(action)
    year = next(k for k, v in data.items() if v == "Första utbytet").replace("title", "due_on")
    data[year] = "2028-06-30"
    response = client.post(url, data)
    assert response.status_code == 302
    assert stored(action)[:2] == [
        ("Avtal med Oulu", "2027-05-31", "month"),
        ("Första utbytet", "2028-06-30", "day"),
    ]


def test_a_deadline_that_is_not_a_month_or_year_is_refused_with_its_place(tmp_path):
    text = WRITTEN.read_text(encoding="utf-8").replace(
        "          twin_towns: [oulu]\n",
        "          milestones:\n            - title: X\n              due: 2027-13\n",
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StrategyFileError) as error:
        import_file(path)
    assert "2027-13" in str(error.value)
