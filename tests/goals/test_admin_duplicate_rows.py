"""Two new rows with the same code in one save of an admin page are refused in plain
words naming the code, in the user's language, not with Django's raw field names; nothing
is saved."""

import pytest
from django.conf import settings
from django.urls import reverse

from actions.models import Action
from goals.models import GoalArea, StrategyPoint
from tests.factories import GoalAreaFactory, StrategyFactory
from tests.pages import visible_text

from .admin_forms import posted_back

pytestmark = pytest.mark.django_db

SAID_SV = "Två rader har samma kod 7.1; varje rad behöver en egen kod."


@pytest.fixture
def admin(admin):
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    return admin


def _with_rows(client, url, prefix, rows):
    data = posted_back(client.get(url))
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + len(rows)
    for offset, row in enumerate(rows):
        data.update({f"{prefix}-{index + offset}-{key}": value for key, value in row.items()})
    return client.post(url, data)


def _action(title):
    return {"code": "7.1", "order": "0", "title": title, "recurrence": "yearly"} | {
        "status": "planned"
    }


def _refused_in_plain_words(response):
    assert response.status_code == 200
    page = visible_text(response)
    assert SAID_SV in page
    assert "duplicate data" not in page and "dubbletter" not in page.lower()


@pytest.mark.parametrize(
    "prefix, rows, model",
    [
        ("goal_areas", [{"code": "7.1", "order": "0", "title": t} for t in "AB"], GoalArea),
        ("strategy_points", [{"code": "7.1", "order": "0", "title": t} for t in "AB"], None),
        ("actions", [_action("A"), _action("B")], Action),
    ],
)
def test_strategy_page_refuses_two_new_rows_with_one_code(admin, prefix, rows, model):
    strategy = StrategyFactory()
    url = reverse("admin:goals_strategy_change", args=[strategy.pk])
    _refused_in_plain_words(_with_rows(admin, url, prefix, rows))
    model = model or StrategyPoint
    assert not model.objects.filter(code="7.1").exists()


@pytest.mark.parametrize(
    "prefix, rows",
    [
        ("goals", [{"code": "7.1", "order": "0", "text": t} for t in "AB"]),
        ("actions", [_action("A"), _action("B")]),
    ],
)
def test_goal_area_page_refuses_two_new_rows_with_one_code(admin, prefix, rows):
    area = GoalAreaFactory()
    url = reverse("admin:goals_goalarea_change", args=[area.pk])
    _refused_in_plain_words(_with_rows(admin, url, prefix, rows))
    assert not area.goals.exists() and not area.actions.exists()
