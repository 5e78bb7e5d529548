"""Each role doing its job: the editor reports on Time's yearly international day, the
coordinator returns then approves it, the politician reads but cannot write."""

import datetime

import pytest
from django.urls import reverse

from actions.models import FollowUp

from .helpers import INTERNATIONAL_DAY, THIS_YEAR, follow_up_data


def _login(client, user):
    client.force_login(user)
    return client


def test_editor_records_follow_up_coordinator_returns_then_approves(client, time_plan, users):
    day = time_plan["day"]
    editor, coordinator = users["editor"], users["coordinator"]

    _login(client, editor)
    page = client.get(reverse("actions:my_work"))
    assert INTERNATIONAL_DAY in page.content.decode()

    data = follow_up_data(
        **{
            f"indicator_{time_plan['indicator'].pk}": "300",
            "milestones_reached": [time_plan["milestone"].pk],
            "funding-TOTAL_FORMS": "1",
            "funding-0-source": "ks",
            "funding-0-source_detail": "Internasjonaliseringsmidlar",
            "funding-0-amount": "20000",
            "funding-0-currency": "NOK",
        }
    )
    response = client.post(reverse("actions:follow_up_new", args=[day.pk]), data)
    follow_up = FollowUp.objects.get(action=day, year=THIS_YEAR)
    assert response.status_code == 302
    assert follow_up.state == FollowUp.State.DRAFT
    assert follow_up.external_funding.get().amount == 20000
    assert list(follow_up.milestones_reached.all()) == [time_plan["milestone"]]
    assert time_plan["indicator"].values.get(year=THIS_YEAR).value == 300

    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SUBMITTED
    assert follow_up.submitted_by == editor and follow_up.submitted_at

    _login(client, coordinator)
    overview = client.get(reverse("actions:my_work")).content.decode()
    assert "Næringsavdelinga" in overview and INTERNATIONAL_DAY in overview
    response = client.post(
        reverse("actions:follow_up_review", args=[follow_up.pk]),
        {"decision": "return", "comment": "Kor mange skular deltok?"},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.RETURNED
    assert follow_up.reviewed_by == coordinator

    _login(client, editor)
    returned = client.get(reverse("actions:my_work")).content.decode()
    assert "Kor mange skular deltok?" in returned
    edit = reverse("actions:follow_up_edit", args=[follow_up.pk])
    data = follow_up_data(
        what_was_done="Open dag, 12 skular deltok.",
        loaded_version=follow_up.version,
        **{
            "funding-TOTAL_FORMS": "1",
            "funding-INITIAL_FORMS": "1",
            "funding-0-id": follow_up.external_funding.get().pk,
            "funding-0-source": "ks",
            "funding-0-amount": "20000",
            "funding-0-currency": "NOK",
        },
    )
    assert client.post(edit, data).status_code == 302
    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SUBMITTED
    assert follow_up.what_was_done == "Open dag, 12 skular deltok."

    _login(client, coordinator)
    client.post(
        reverse("actions:follow_up_review", args=[follow_up.pk]),
        {"decision": "approve", "loaded_version": follow_up.version},
    )
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.APPROVED

    _login(client, editor)
    assert client.get(edit).status_code == 403
    assert client.post(edit, data).status_code == 403


def test_returning_without_a_comment_is_refused_with_a_message(client, time_plan, users):
    follow_up = time_plan["day"].follow_ups.create(
        year=THIS_YEAR, currency="NOK", state=FollowUp.State.SUBMITTED
    )
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:follow_up_review", args=[follow_up.pk]), {"decision": "return"}
    )
    assert response.status_code == 400
    assert "Say what needs fixing" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SUBMITTED


def test_yearly_action_gets_one_follow_up_per_year(client, time_plan, users):
    day = time_plan["day"]
    client.force_login(users["editor"])
    for year in (THIS_YEAR - 1, THIS_YEAR):
        response = client.post(
            reverse("actions:follow_up_new", args=[day.pk]), follow_up_data(year=year)
        )
        assert response.status_code == 302
    assert sorted(day.follow_ups.values_list("year", flat=True)) == [THIS_YEAR - 1, THIS_YEAR]


def test_one_off_action_approved_done_ends(client, time_plan, users):
    action = time_plan["school_action"]
    follow_up = action.follow_ups.create(
        year=THIS_YEAR - 1, currency="NOK", status="done", progress=100, state="submitted"
    )
    client.force_login(users["coordinator"])
    client.post(
        reverse("actions:follow_up_review", args=[follow_up.pk]),
        {"decision": "approve", "loaded_version": follow_up.version},
    )
    action.refresh_from_db()
    assert action.status == "done"
    response = client.post(
        reverse("actions:follow_up_new", args=[action.pk]), follow_up_data(year=THIS_YEAR)
    )
    assert response.status_code == 200
    assert "This action is done" in response.content.decode()
    assert action.follow_ups.count() == 1


@pytest.mark.parametrize(
    "name, args",
    [
        ("actions:plan", lambda t, f: [t["strategy"].slug]),
        ("actions:detail", lambda t, f: [t["day"].pk]),
        ("actions:follow_up", lambda t, f: [f.pk]),
        ("actions:my_work", lambda t, f: []),
    ],
)
def test_politician_reads_every_page(client, time_plan, users, name, args):
    follow_up = time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK")
    client.force_login(users["politician"])
    assert client.get(reverse(name, args=args(time_plan, follow_up))).status_code == 200


def test_politician_cannot_write_anything(client, time_plan, users):
    day = time_plan["day"]
    follow_up = day.follow_ups.create(year=THIS_YEAR, currency="NOK", state="submitted")
    client.force_login(users["politician"])
    writes = [
        (reverse("actions:new", args=[time_plan["strategy"].slug]), {"code": "X", "title": "X"}),
        (reverse("actions:edit", args=[day.pk]), {"title": "Endra"}),
        (reverse("actions:archive", args=[day.pk]), {"archived": "1"}),
        (reverse("actions:status", args=[day.pk]), {"status": "done", "loaded_version": 1}),
        (reverse("actions:follow_up_new", args=[day.pk]), follow_up_data(year=THIS_YEAR - 1)),
        (reverse("actions:follow_up_edit", args=[follow_up.pk]), follow_up_data()),
        (reverse("actions:follow_up_submit", args=[follow_up.pk]), {}),
        (reverse("actions:follow_up_review", args=[follow_up.pk]), {"decision": "approve"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    day.refresh_from_db()
    follow_up.refresh_from_db()
    assert (day.title, day.status, day.is_archived, day.version) == (
        time_plan["day"].title,
        "planned",
        False,
        1,
    )
    assert follow_up.state == "submitted" and day.follow_ups.count() == 1


def test_new_follow_up_defaults_to_the_municipalitys_currency(client, time_plan, users):
    municipality = time_plan["municipality"]
    municipality.currency = "SEK"
    municipality.save()
    client.force_login(users["editor"])
    html = client.get(
        reverse("actions:follow_up_new", args=[time_plan["day"].pk]) + f"?year={THIS_YEAR}"
    ).content.decode()
    for name in ("currency", "funding-0-currency"):
        select = html[html.index(f'name="{name}"') :]
        assert '<option value="SEK" selected>' in select[: select.index("</select>")], name


def test_untouched_empty_funding_row_is_not_saved(client, time_plan, users):
    client.force_login(users["editor"])
    data = follow_up_data(
        **{
            "funding-TOTAL_FORMS": "1",
            "funding-0-source": "",
            "funding-0-amount": "",
            "funding-0-currency": "NOK",
        }
    )
    response = client.post(reverse("actions:follow_up_new", args=[time_plan["day"].pk]), data)
    assert response.status_code == 302
    assert not time_plan["day"].follow_ups.get().external_funding.exists()


def test_approving_dates_the_milestones_the_follow_up_reached(client, time_plan, users):
    day = time_plan["day"]
    milestone = day.milestones.get()
    follow_up = day.follow_ups.create(year=THIS_YEAR - 1, currency="NOK", state="submitted")
    follow_up.milestones_reached.add(milestone)
    client.force_login(users["coordinator"])
    client.post(
        reverse("actions:follow_up_review", args=[follow_up.pk]),
        {"decision": "approve", "loaded_version": follow_up.version},
    )
    milestone.refresh_from_db()
    assert milestone.reached_on == datetime.date(THIS_YEAR - 1, 12, 31)
