"""Two people editing an action's milestones or a strategy's indicators at once: the
second save over a row the first one changed is refused with what they changed, nothing
is lost, and saving again keeps the second person's version."""

import pytest
from django.urls import reverse

from actions.models import Indicator, Milestone

from .test_plan_items import NEW_INDICATOR, indicator_rows, milestone_rows

pytestmark = pytest.mark.django_db

EMPTY_MILESTONE = {"title": "", "due_on": "", "order": 0}
EMPTY_INDICATOR = {key: "" for key in NEW_INDICATOR}


def _edit(data, prefix, row, **changes):
    for name, value in changes.items():
        data[f"{prefix}-{row}-{name}"] = value
    return data


def test_a_stale_milestone_save_is_refused_and_then_wins(client, users, time_plan):
    day, milestone = time_plan["day"], time_plan["milestone"]
    url = reverse("actions:milestones", args=[day.pk])
    client.force_login(users["coordinator"])
    mine = _edit(milestone_rows(day, EMPTY_MILESTONE), "milestones", 0, title="Mi tittel")

    theirs = _edit(milestone_rows(day, EMPTY_MILESTONE), "milestones", 0, title="Deira tittel")
    client.force_login(users["admin"])
    assert client.post(url, theirs).status_code == 302

    client.force_login(users["coordinator"])
    response = client.post(url, mine)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this while you were editing" in html
    assert "Deira tittel" in html and "Mi tittel" in html  # theirs beside mine
    milestone.refresh_from_db()
    assert milestone.title == "Deira tittel"

    # The refused form now carries the version it was compared with: saving it again wins.
    again = _edit(mine, "milestones", 0, loaded_version=milestone.version)
    assert client.post(url, again).status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == "Mi tittel"
    assert [h.title for h in milestone.history.order_by("history_date")][-2:] == [
        "Deira tittel",
        "Mi tittel",
    ]


def test_the_refused_form_shows_the_version_to_save_over(client, users, time_plan):
    day, milestone = time_plan["day"], time_plan["milestone"]
    url = reverse("actions:milestones", args=[day.pk])
    client.force_login(users["coordinator"])
    mine = _edit(milestone_rows(day, EMPTY_MILESTONE), "milestones", 0, title="Mi tittel")
    Milestone.objects.filter(pk=milestone.pk).update(version=milestone.version + 1)
    html = client.post(url, mine).content.decode()
    assert f'name="milestones-0-loaded_version" value="{milestone.version + 1}"' in html
    assert 'value="Mi tittel"' in html  # nothing typed is lost


def test_a_row_left_alone_is_not_refused_when_another_row_changed(client, users, time_plan):
    """Someone else changed milestone A; I add a new one and leave A as it stands now."""
    day, milestone = time_plan["day"], time_plan["milestone"]
    url = reverse("actions:milestones", args=[day.pk])
    client.force_login(users["coordinator"])
    milestone.title = "Endra av ein annan"
    milestone.save()
    data = milestone_rows(day, {"title": "Ny", "due_on": "", "order": 3})
    data["milestones-0-loaded_version"] = milestone.version - 1  # loaded before their save
    assert client.post(url, data).status_code == 302
    assert Milestone.objects.filter(action=day, title="Ny").exists()


def test_removing_a_milestone_someone_else_changed_is_refused(client, users, time_plan):
    day, milestone = time_plan["day"], time_plan["milestone"]
    url = reverse("actions:milestones", args=[day.pk])
    client.force_login(users["coordinator"])
    data = milestone_rows(day, EMPTY_MILESTONE, delete=[milestone])
    Milestone.objects.filter(pk=milestone.pk).update(title="Endra", version=milestone.version + 1)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Someone else saved this" in response.content.decode()
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_stale_indicator_save_is_refused_and_nothing_of_the_post_is_saved(
    client, users, time_plan
):
    strategy, indicator = time_plan["strategy"], time_plan["indicator"]
    url = reverse("actions:indicators", args=[strategy.slug])
    client.force_login(users["coordinator"])
    new = {**NEW_INDICATOR, "goal_area": time_plan["area"].pk}
    mine = _edit(indicator_rows(strategy, new), "indicators", 0, target="999")
    indicator.target = 55
    indicator.version += 1
    indicator.save()
    response = client.post(url, mine)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone else saved this while you were editing" in html and "999" in html
    indicator.refresh_from_db()
    assert indicator.target == 55
    assert not Indicator.objects.filter(code=NEW_INDICATOR["code"]).exists()  # all or nothing


def test_each_save_of_a_row_bumps_its_version(client, users, time_plan):
    strategy, indicator = time_plan["strategy"], time_plan["indicator"]
    url = reverse("actions:indicators", args=[strategy.slug])
    client.force_login(users["coordinator"])
    data = _edit(indicator_rows(strategy, EMPTY_INDICATOR), "indicators", 0, name="Nytt namn")
    assert client.post(url, data).status_code == 302
    before = indicator.version
    indicator.refresh_from_db()
    assert (indicator.name, indicator.version) == ("Nytt namn", before + 1)
    # The same post again is now stale.
    assert client.post(url, _edit(data, "indicators", 0, name="Anna")).status_code == 400
