"""Comments, evidence files and follows x every role x own/other municipality.

The tables are the specification, as in tests/actions/test_permission_matrix.py (which
covers milestones and indicators): anonymous visitors are sent to sign in (302 to the
login page); another municipality's comment, file or action is a 404; a wrong role in
one's own municipality is a 403; a successful write redirects (302); a read is a 200.
The comment is written by the responsible department's editor a minute ago; the file
is on a draft follow-up of that department's action.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from collaboration.models import Comment, Evidence, Watch
from tests.actions.helpers import THIS_YEAR
from tests.factories import FollowUpFactory, member

from .test_evidence import PDF

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "editor", "editor_other_dept", "coordinator", "politician", "admin")

# fmt: off
#                                  anon  ed-own ed-oth coord  pol  admin
OWN_MUNICIPALITY = {
    ("comment_add", "write"):       (302, 302,   302,   302,   403, 302),
    ("follow_up_comment", "write"): (302, 302,   302,   302,   403, 302),
    ("comment_edit", "read"):       (302, 200,   403,   403,   403, 403),
    ("comment_edit", "write"):      (302, 302,   403,   403,   403, 403),
    ("comment_remove", "write"):    (302, 302,   403,   302,   403, 302),
    ("follow", "write"):            (302, 302,   302,   302,   302, 302),
    ("evidence_add", "write"):      (302, 302,   403,   302,   403, 302),
    ("evidence", "read"):           (302, 200,   200,   200,   200, 200),
    ("evidence_remove", "write"):   (302, 302,   403,   302,   403, 302),
}
OTHER_MUNICIPALITY = {
    ("comment_add", "write"):       (302, 404,   404,   404,   404, 302),
    ("follow_up_comment", "write"): (302, 404,   404,   404,   404, 302),
    ("comment_edit", "read"):       (302, 404,   404,   404,   404, 403),
    ("comment_edit", "write"):      (302, 404,   404,   404,   404, 403),
    ("comment_remove", "write"):    (302, 404,   404,   404,   404, 302),
    ("follow", "write"):            (302, 404,   404,   404,   404, 302),
    ("evidence_add", "write"):      (302, 404,   404,   404,   404, 302),
    ("evidence", "read"):           (302, 404,   404,   404,   404, 200),
    ("evidence_remove", "write"):   (302, 404,   404,   404,   404, 302),
}
# fmt: on


def _world(time_plan, neighbour):
    """For each municipality: an action, a draft follow-up, a comment and a file."""
    own_editor = member(
        Role.EDITOR, time_plan["municipality"], department=time_plan["business"], username="forf"
    )
    other_editor = member(
        Role.EDITOR, neighbour["municipality"], department=neighbour["department"], username="kf"
    )
    world = {}
    for where, action, author in [
        ("own", time_plan["day"], own_editor),
        ("other", neighbour["action"], other_editor),
    ]:
        draft = FollowUpFactory(action=action, year=THIS_YEAR - 1, state=FollowUp.State.DRAFT)
        comment = Comment.objects.create(action=action, author=author, body="Spørsmål")
        evidence = Evidence(
            follow_up=draft, name="rapport.pdf", content_type="application/pdf", size=len(PDF)
        )
        evidence.file.save("rapport.pdf", SimpleUploadedFile("rapport.pdf", PDF), save=False)
        evidence.save()
        world[where] = {"action": action, "draft": draft, "comment": comment, "file": evidence}
    return world, own_editor


def _request(client, view, mode, target):
    comment, evidence = target["comment"], target["file"]
    requests = {
        ("comment_add", "write"): (
            reverse("collaboration:action_comment", args=[target["action"].pk]),
            {"body": "Nytt spørsmål"},
        ),
        ("follow_up_comment", "write"): (
            reverse("collaboration:follow_up_comment", args=[target["draft"].pk]),
            {"body": "Nytt spørsmål"},
        ),
        ("comment_edit", "read"): (reverse("collaboration:comment_edit", args=[comment.pk]), None),
        ("comment_edit", "write"): (
            reverse("collaboration:comment_edit", args=[comment.pk]),
            {"body": "Endra"},
        ),
        ("comment_remove", "write"): (
            reverse("collaboration:comment_remove", args=[comment.pk]),
            {},
        ),
        ("follow", "write"): (
            reverse("collaboration:follow", args=[target["action"].pk]),
            {"following": "1"},
        ),
        ("evidence_add", "write"): (
            reverse("collaboration:evidence_add", args=[target["draft"].pk]),
            {"file": SimpleUploadedFile("ny.pdf", PDF)},
        ),
        ("evidence", "read"): (reverse("collaboration:evidence", args=[evidence.pk]), None),
        ("evidence_remove", "write"): (
            reverse("collaboration:evidence_remove", args=[evidence.pk]),
            {},
        ),
    }
    url, data = requests[(view, mode)]
    return client.get(url) if data is None else client.post(url, data)


def _changed(view, target):
    """Whether the write left its mark (so a refused write is proven to change nothing)."""
    comment, action = target["comment"], target["action"]
    comment.refresh_from_db()
    return {
        "comment_add": Comment.objects.filter(action=action, body="Nytt spørsmål").exists(),
        "follow_up_comment": Comment.objects.filter(
            follow_up=target["draft"], body="Nytt spørsmål"
        ).exists(),
        "comment_edit": comment.body == "Endra",
        "comment_remove": comment.removed_at is not None,
        "follow": Watch.objects.filter(action=action).exists(),
        "evidence_add": Evidence.objects.filter(follow_up=target["draft"], name="ny.pdf").exists(),
        "evidence_remove": not Evidence.objects.filter(pk=target["file"].pk).exists(),
    }[view]


def _cells(table, where):
    for (view, mode), codes in table.items():
        for role, code in zip(ROLES, codes, strict=True):
            yield pytest.param(where, view, mode, role, code, id=f"{where}-{view}-{mode}-{role}")


@pytest.mark.parametrize(
    "where, view, mode, role, expected",
    [*_cells(OWN_MUNICIPALITY, "own"), *_cells(OTHER_MUNICIPALITY, "other")],
)
def test_permission_matrix(client, users, time_plan, neighbour, where, view, mode, role, expected):
    world, author = _world(time_plan, neighbour)
    user = author if role == "editor" else users.get(role)
    if user is not None:
        client.force_login(user)
    target = world[where]
    response = _request(client, view, mode, target)
    assert response.status_code == expected, (where, view, mode, role)
    if role == "anonymous":
        assert "/accounts/login/" in response.url
    if mode == "write":
        assert _changed(view, target) == (expected == 302 and role != "anonymous")
