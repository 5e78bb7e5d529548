"""Every action view x every role x own/other municipality x read/write.

The tables are the specification: change a cell only when the rule is meant to change.
Anonymous visitors are sent to sign in (302); another municipality's data is a 404;
a wrong role in one's own municipality is a 403; a successful write redirects (302).
"""

import pytest
from django.urls import reverse

from actions import urls as action_urls
from actions.models import FollowUp

from .helpers import THIS_YEAR, action_data, follow_up_data

ROLES = (
    "anonymous",
    "editor_own_dept",
    "editor_other_dept",
    "coordinator",
    "politician",
    "admin",
)

# fmt: off
#                                   anon  ed-own ed-oth coord  pol  admin
OWN_MUNICIPALITY = {
    ("plan", "read"):               (302, 200,   200,   200,   200, 200),
    ("plan_csv", "read"):           (302, 200,   200,   200,   200, 200),
    ("detail", "read"):             (302, 200,   200,   200,   200, 200),
    ("follow_up", "read"):          (302, 200,   200,   200,   200, 200),
    ("my_work", "read"):            (302, 200,   200,   200,   200, 200),
    ("new", "read"):                (302, 403,   403,   200,   403, 200),
    ("new", "write"):               (302, 403,   403,   302,   403, 302),
    ("edit", "read"):               (302, 200,   403,   200,   403, 200),
    ("edit", "write"):              (302, 302,   403,   302,   403, 302),
    ("archive", "write"):           (302, 403,   403,   302,   403, 302),
    ("status", "write"):            (302, 302,   403,   302,   403, 302),
    ("follow_up_new", "read"):      (302, 200,   403,   200,   403, 200),
    ("follow_up_new", "write"):     (302, 302,   403,   302,   403, 302),
    ("follow_up_edit", "read"):     (302, 200,   403,   200,   403, 200),
    ("follow_up_edit", "write"):    (302, 302,   403,   302,   403, 302),
    ("follow_up_submit", "write"):  (302, 302,   403,   302,   403, 302),
    ("follow_up_review", "write"):  (302, 403,   403,   302,   403, 302),
    ("milestones", "read"):         (302, 403,   403,   200,   403, 200),
    ("milestones", "write"):        (302, 403,   403,   302,   403, 302),
    ("indicators", "read"):         (302, 403,   403,   200,   403, 200),
    ("indicators", "write"):        (302, 403,   403,   302,   403, 302),
}
OTHER_MUNICIPALITY = {
    ("plan", "read"):               (302, 404,   404,   404,   404, 200),
    ("plan_csv", "read"):           (302, 404,   404,   404,   404, 200),
    ("detail", "read"):             (302, 404,   404,   404,   404, 200),
    ("follow_up", "read"):          (302, 404,   404,   404,   404, 200),
    ("new", "read"):                (302, 404,   404,   404,   404, 200),
    ("new", "write"):               (302, 404,   404,   404,   404, 302),
    ("edit", "read"):               (302, 404,   404,   404,   404, 200),
    ("edit", "write"):              (302, 404,   404,   404,   404, 302),
    ("archive", "write"):           (302, 404,   404,   404,   404, 302),
    ("status", "write"):            (302, 404,   404,   404,   404, 302),
    ("follow_up_new", "read"):      (302, 404,   404,   404,   404, 200),
    ("follow_up_new", "write"):     (302, 404,   404,   404,   404, 302),
    ("follow_up_edit", "read"):     (302, 404,   404,   404,   404, 200),
    ("follow_up_edit", "write"):    (302, 404,   404,   404,   404, 302),
    ("follow_up_submit", "write"):  (302, 404,   404,   404,   404, 302),
    ("follow_up_review", "write"):  (302, 404,   404,   404,   404, 302),
    ("milestones", "read"):         (302, 404,   404,   404,   404, 200),
    ("milestones", "write"):        (302, 404,   404,   404,   404, 302),
    ("indicators", "read"):         (302, 404,   404,   404,   404, 200),
    ("indicators", "write"):        (302, 404,   404,   404,   404, 302),
}
# fmt: on


def _targets(time_plan, neighbour):
    """For each municipality: an action, a draft and a submitted follow-up."""
    day = time_plan["day"]
    other = neighbour["action"]
    return {
        "own": {
            "strategy": time_plan["strategy"],
            "area": time_plan["area"],
            "action": day,
            "draft": FollowUp.objects.create(action=day, year=THIS_YEAR - 1, currency="NOK"),
            "submitted": FollowUp.objects.create(
                action=day, year=THIS_YEAR, currency="NOK", state=FollowUp.State.SUBMITTED
            ),
        },
        "other": {
            "strategy": neighbour["strategy"],
            "area": other.goal_area,
            "action": other,
            "draft": FollowUp.objects.create(action=other, year=THIS_YEAR - 1, currency="NOK"),
            "submitted": neighbour["follow_up"],
        },
    }


def _request(client, view, mode, t):
    action, draft, submitted = t["action"], t["draft"], t["submitted"]
    slug = t["strategy"].slug
    year = t["strategy"].period_start
    new_action = {
        "code": "NY-1",
        "title": "Nytt tiltak",
        "goal_area": t["area"].pk,
        "recurrence": "one_off",
        "status": "planned",
    }
    requests = {
        ("plan", "read"): ("get", reverse("actions:plan", args=[slug]), None),
        ("plan_csv", "read"): ("get", reverse("actions:plan", args=[slug]) + "?format=csv", None),
        ("detail", "read"): ("get", reverse("actions:detail", args=[action.pk]), None),
        ("follow_up", "read"): ("get", reverse("actions:follow_up", args=[draft.pk]), None),
        ("my_work", "read"): ("get", reverse("actions:my_work"), None),
        ("new", "read"): ("get", reverse("actions:new", args=[slug]), None),
        ("new", "write"): ("post", reverse("actions:new", args=[slug]), new_action),
        ("edit", "read"): ("get", reverse("actions:edit", args=[action.pk]), None),
        ("edit", "write"): (
            "post",
            reverse("actions:edit", args=[action.pk]),
            action_data(action, title="Endra tittel"),
        ),
        ("archive", "write"): ("post", reverse("actions:archive", args=[action.pk]), {}),
        ("status", "write"): (
            "post",
            reverse("actions:status", args=[action.pk]),
            {"status": "in_progress", "loaded_version": action.version},
        ),
        ("follow_up_new", "read"): (
            "get",
            reverse("actions:follow_up_new", args=[action.pk]),
            None,
        ),
        ("follow_up_new", "write"): (
            "post",
            reverse("actions:follow_up_new", args=[action.pk]),
            follow_up_data(year=year),
        ),
        ("follow_up_edit", "read"): (
            "get",
            reverse("actions:follow_up_edit", args=[draft.pk]),
            None,
        ),
        ("follow_up_edit", "write"): (
            "post",
            reverse("actions:follow_up_edit", args=[draft.pk]),
            follow_up_data(year=draft.year, loaded_version=draft.version),
        ),
        ("follow_up_submit", "write"): (
            "post",
            reverse("actions:follow_up_submit", args=[draft.pk]),
            {},
        ),
        ("follow_up_review", "write"): (
            "post",
            reverse("actions:follow_up_review", args=[submitted.pk]),
            {"decision": "approve", "loaded_version": submitted.version},
        ),
    }
    requests[("milestones", "read")] = (
        "get",
        reverse("actions:milestones", args=[action.pk]),
        None,
    )
    requests[("milestones", "write")] = (
        "post",
        reverse("actions:milestones", args=[action.pk]),
        _new_row("milestones", {"title": "Ny milepæl", "due_on": "", "order": "1"}),
    )
    requests[("indicators", "read")] = ("get", reverse("actions:indicators", args=[slug]), None)
    requests[("indicators", "write")] = (
        "post",
        reverse("actions:indicators", args=[slug]),
        _new_row("indicators", {"code": "NY-I", "name": "Ny indikator"}),
    )
    method, url, data = requests[(view, mode)]
    return getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)


def _new_row(prefix, fields):
    """A formset post adding one row and leaving the existing ones alone."""
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    data.update({f"{prefix}-0-{name}": value for name, value in fields.items()})
    return data


def _cells(table, where):
    for (view, mode), codes in table.items():
        for role, code in zip(ROLES, codes, strict=True):
            yield pytest.param(where, view, mode, role, code, id=f"{where}-{view}-{mode}-{role}")


@pytest.mark.parametrize(
    "where, view, mode, role, expected",
    [*_cells(OWN_MUNICIPALITY, "own"), *_cells(OTHER_MUNICIPALITY, "other")],
)
def test_permission_matrix(client, time_plan, neighbour, users, where, view, mode, role, expected):
    targets = _targets(time_plan, neighbour)
    user_for = {
        "editor_own_dept": users["editor"],
        "editor_other_dept": users["editor_other_dept"],
        "coordinator": users["coordinator"],
        "politician": users["politician"],
        "admin": users["admin"],
    }
    if role != "anonymous":
        client.force_login(user_for[role])
    response = _request(client, view, mode, targets[where])
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_matrix_covers_every_action_view():
    """A new view without a row in the matrix fails here."""
    covered = {view for view, _ in OWN_MUNICIPALITY} - {"plan_csv"}
    assert covered == {p.name for p in action_urls.urlpatterns}


def test_refused_writes_change_nothing(client, time_plan, neighbour, users):
    targets = _targets(time_plan, neighbour)
    client.force_login(users["editor"])
    other = targets["other"]
    _request(client, "edit", "write", other)
    _request(client, "archive", "write", other)
    _request(client, "follow_up_review", "write", other)
    other["action"].refresh_from_db()
    other["submitted"].refresh_from_db()
    assert other["action"].title == "Klepp sitt tiltak" and not other["action"].is_archived
    assert other["submitted"].state == FollowUp.State.SUBMITTED
