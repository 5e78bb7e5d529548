"""Time kommune's plan and users (tests/actions), and a way to walk a follow-up through
its workflow as the portal's users do, running what waits for the commit."""

import pytest
from django.urls import reverse

from actions.models import FollowUp
from tests.actions.conftest import neighbour, time_plan, users  # noqa: F401
from tests.actions.helpers import THIS_YEAR
from tests.factories import FollowUpFactory


@pytest.fixture
def draft(time_plan):  # noqa: F811
    return FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.DRAFT)


@pytest.fixture
def workflow(client, django_capture_on_commit_callbacks):
    """Submit, return or approve through the pages, as `user`."""

    class Workflow:
        def _post(self, user, url, data=None):
            client.force_login(user)
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(url, data or {})
            assert response.status_code == 302, response.content[:2000]
            return response

        def submit(self, user, follow_up):
            return self._post(user, reverse("actions:follow_up_submit", args=[follow_up.pk]))

        def review(self, user, follow_up, decision, comment=""):
            follow_up.refresh_from_db()
            return self._post(
                user,
                reverse("actions:follow_up_review", args=[follow_up.pk]),
                {"decision": decision, "loaded_version": follow_up.version, "comment": comment},
            )

    return Workflow()
