"""The open data (API and public workbook) shows what the public page shows and nothing
more: nothing of an unpublished neighbour, no unapproved follow-up or the indicator value
typed into one, no comment, no person."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .tenancy_world import (
    DRAFT_INDICATOR_VALUE,
    DRAFT_TEXT,
    RETURNED_TEXT,
    REVIEW_COMMENT,
    SECRET,
    SUBMITTED_TEXT,
)

pytestmark = pytest.mark.django_db

API_LISTS = ["municipalities", "strategies", "actions", "follow_ups", "indicators"]
API_LISTS += ["partners", "twin_towns", "goal_areas", "goals", "strategy_points"]
HIDDEN = [SECRET, DRAFT_TEXT, SUBMITTED_TEXT, RETURNED_TEXT, REVIEW_COMMENT, "777777", "99999"]
HIDDEN += [*DRAFT_INDICATOR_VALUE, "redaktor", "koordinator", "politikar"]


def _workbook_text(content):
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _open_data(client, own):
    texts = {name: client.get(reverse(f"api:{name}")).content.decode() for name in API_LISTS}
    for name in API_LISTS:
        csv = client.get(reverse(f"api:{name}"), {"format": "csv"})
        texts[f"{name}.csv"] = csv.content.decode()
    texts["municipality"] = client.get(
        reverse("api:municipality", args=[own.municipality.slug])
    ).content.decode()
    texts["strategy"] = client.get(
        reverse("api:strategy", args=[own.strategy.slug])
    ).content.decode()
    workbook = client.get(reverse("spreadsheets:public", args=[own.strategy.slug]))
    assert workbook.status_code == 200
    texts["workbook"] = _workbook_text(workbook.content)
    return texts


def test_open_data_holds_nothing_the_public_page_hides(client, own, other):
    texts = _open_data(client, own)
    assert own.actions["approved"].title in texts["actions"]
    assert "1234" in texts["follow_ups"]  # the approved follow-up's money
    assert own.goal.text in texts["goals"]
    for name, content in texts.items():
        for hidden in HIDDEN:
            assert hidden not in content, (name, hidden)


def test_a_member_gets_the_same_open_data_as_anyone(client, own, other):
    anonymous = _open_data(client, own)
    client.force_login(own.users["coordinator"])
    assert _open_data(client, own) == anonymous


def test_the_unpublished_neighbour_is_404_everywhere(client, other):
    for url in [
        reverse("api:municipality", args=[other.municipality.slug]),
        reverse("api:strategy", args=[other.strategy.slug]),
        reverse("spreadsheets:public", args=[other.strategy.slug]),
    ]:
        assert client.get(url).status_code == 404, url
