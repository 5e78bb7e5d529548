"""Tranås's plan-wide activities on the staff screens: the plan, its CSV and an action page.

Every activity of Tranås's programme applies to the whole programme (no goal area), so
these screens must name that group rather than crash or show "None".
"""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.browser.seeds import load_seeds
from tests.factories import rows_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported_seed(django_db_setup, django_db_blocker, tmp_path_factory):
    """Tranås with its demo users, imported once for these read-only pages."""
    media = tmp_path_factory.mktemp("media")
    yield from rows_for_module(
        django_db_blocker,
        media,
        lambda: load_seeds("tranas", demo_follow_ups=False)["tranas"].pk,
    )


@pytest.fixture
def coordinator_client(client, strategy):
    client.force_login(get_user_model().objects.get(username="tranas-coordinator"))
    return client


def test_plan_lists_the_activities_under_whole_plan(coordinator_client, strategy):
    response = coordinator_client.get(reverse("actions:plan", args=[strategy.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="area-plan-wide-h"' in page
    assert 'aria-labelledby="area-plan-wide-h"' in page
    assert "area-None" not in page
    assert "Whole plan" in page
    assert "Delta i internationella konferenser" in page
    # No goal-area heading ("Prioriterat område") without a title above the activities.
    assert "Prioriterat område" not in page.split('id="area-plan-wide-h"')[1][:200]


def test_csv_export_names_the_whole_plan_group(coordinator_client, strategy):
    response = coordinator_client.get(
        reverse("actions:plan", args=[strategy.slug]), {"format": "csv"}
    )
    assert response.status_code == 200
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[1] == "Prioriterat område"
    assert len(rows) == 9
    assert {row[1] for row in rows} == {"Whole plan"}
    assert "Delta i internationella konferenser" in {row[2] for row in rows}


def test_action_page_says_the_activity_applies_to_the_whole_plan(coordinator_client, strategy):
    action = strategy.actions.get(code="A1")
    response = coordinator_client.get(reverse("actions:detail", args=[action.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Applies to the whole plan" in page
    assert ">None<" not in page


def test_annual_report_names_the_whole_plan_for_activities_without_follow_up(strategy):
    from annual_reports.pdf import render_report_html
    from annual_reports.selectors import report_context

    context = report_context(strategy, strategy.period_start)
    html = render_report_html(context, for_pdf=False, language="en")
    table = html.split('id="without-follow-up"')[1].split("</table>")[0]
    assert table.count("<td>Whole plan</td>") == 9
