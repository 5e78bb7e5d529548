"""Hostile posts to the follow-up screens: write (with funding rows and indicator values),
edit, submit, and the coordinator's review."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from actions.models import FollowUp

from .conftest import THIS_YEAR, attempt, post_form
from .strategies import FUZZ, field_value, form_data

pytestmark = pytest.mark.django_db


def follow_up_post(plan, follow_up=None):
    """A complete, valid post: one funding row (the existing one when editing) and more."""
    data = {
        "year": THIS_YEAR,
        "status": FollowUp.Status.ON_TRACK,
        "progress": "50",
        "what_was_done": "Open dag med 300 besøkande.",
        "hours": "120.5",
        "money_spent": "45000",
        "currency": "NOK",
        "other_resources": "",
        "contribution_to_goals": "",
        "milestones_reached": [plan["milestone"].pk],
        f"indicator_{plan['indicator'].pk}": "300",
        "funding-TOTAL_FORMS": "2",
        "funding-INITIAL_FORMS": "0",
        "funding-MIN_NUM_FORMS": "0",
        "funding-MAX_NUM_FORMS": "1000",
        "funding-0-source": "ks",
        "funding-0-source_detail": "Internasjonaliseringsmidlar",
        "funding-0-amount": "10000",
        "funding-0-currency": "NOK",
        "funding-1-source": "",
        "funding-1-source_detail": "",
        "funding-1-amount": "",
        "funding-1-currency": "",
    }
    if follow_up is not None:
        data.update(
            {
                "loaded_version": follow_up.version,
                "funding-INITIAL_FORMS": "1",
                "funding-0-id": plan["funding"].pk,
                "funding-0-follow_up": follow_up.pk,
                "funding-0-DELETE": "",
            }
        )
        del data["year"]
    return data


@FUZZ
@given(data=st.data())
def test_write_follow_up_never_fails_and_a_refusal_writes_nothing(client, plan, data):
    action = plan["action"]
    # Each example starts from the same plan: only the fixture's follow-up exists.
    FollowUp.objects.filter(action=action).exclude(pk=plan["follow_up"].pk).delete()
    client.force_login(plan["editor"])
    post = data.draw(form_data(follow_up_post(plan)))
    url = reverse("actions:follow_up_new", args=[action.pk]) + f"?year={THIS_YEAR}"
    response, saved = attempt(client, url, post)
    if saved:
        follow_up = FollowUp.objects.exclude(pk=plan["follow_up"].pk).get(action=action)
        assert 0 <= follow_up.progress <= 100
        assert follow_up.state == FollowUp.State.DRAFT


@FUZZ
@given(data=st.data(), as_coordinator=st.booleans())
def test_edit_follow_up_never_fails_and_a_refusal_writes_nothing(
    client, plan, data, as_coordinator
):
    FollowUp.objects.filter(pk=plan["follow_up"].pk).update(state=FollowUp.State.DRAFT)
    follow_up = FollowUp.objects.get(pk=plan["follow_up"].pk)
    client.force_login(plan["coordinator"] if as_coordinator else plan["editor"])
    post = data.draw(form_data(follow_up_post(plan, follow_up)))
    url = reverse("actions:follow_up_edit", args=[follow_up.pk])
    response, saved = attempt(client, url, post)
    follow_up.refresh_from_db()
    assert follow_up.year == THIS_YEAR - 1  # the year of a follow-up never moves


@FUZZ
@given(data=st.data())
def test_review_never_fails_and_a_refusal_writes_nothing(client, plan, data):
    FollowUp.objects.filter(pk=plan["follow_up"].pk).update(state=FollowUp.State.SUBMITTED)
    client.force_login(plan["coordinator"])
    post = data.draw(form_data({"decision": "return", "comment": "Legg til tal."}))
    url = reverse("actions:follow_up_review", args=[plan["follow_up"].pk])
    response, decided = attempt(client, url, post)
    state = FollowUp.objects.get(pk=plan["follow_up"].pk).state
    if decided:
        assert state in {FollowUp.State.APPROVED, FollowUp.State.RETURNED}
    else:
        assert response.status_code == 400 and state == FollowUp.State.SUBMITTED


@FUZZ
@given(post=st.dictionaries(st.text(max_size=20), field_value, max_size=4))
def test_submit_ignores_whatever_else_is_posted(client, plan, post):
    FollowUp.objects.filter(pk=plan["follow_up"].pk).update(state=FollowUp.State.DRAFT)
    client.force_login(plan["editor"])
    url = reverse("actions:follow_up_submit", args=[plan["follow_up"].pk])
    response = post_form(client, url, post)
    assert response.status_code == 302
    assert FollowUp.objects.get(pk=plan["follow_up"].pk).state == FollowUp.State.SUBMITTED


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("funding-TOTAL_FORMS", "100000"),
        ("funding-TOTAL_FORMS", "x"),
        ("funding-0-id", str(10**30)),
        ("funding-0-amount", "1e999999"),
        ("milestones_reached", str(10**30)),
        ("progress", "101"),
        ("what_was_done", "a\x00b"),
    ],
)
def test_known_bad_follow_up_values_are_refused_with_the_form(client, plan, field, value):
    # (A negative TOTAL_FORMS is read by Django as "no rows": the post saves, funding kept.)
    follow_up = plan["follow_up"]
    client.force_login(plan["editor"])
    post = follow_up_post(plan, follow_up)
    post[field] = value
    url = reverse("actions:follow_up_edit", args=[follow_up.pk])
    response, saved = attempt(client, url, post)
    assert response.status_code == 200 and not saved


def test_a_post_claiming_thousands_of_funding_rows_is_refused_without_building_them(client, plan):
    follow_up = plan["follow_up"]
    client.force_login(plan["editor"])
    post = follow_up_post(plan, follow_up)
    post["funding-TOTAL_FORMS"] = "100000"
    response, saved = attempt(client, reverse("actions:follow_up_edit", args=[follow_up.pk]), post)
    formset = response.context["formset"]
    assert not saved and formset.non_form_errors()
    # The claim is capped before any work: a bounded number of row forms, not 100,000.
    assert len(formset.forms) <= formset.absolute_max < 1000
