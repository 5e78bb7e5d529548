"""Two people editing the same action or follow-up: the second save is refused and shown."""

from django.urls import reverse

from tests.factories import ExternalFundingFactory, PartnerFactory

from .helpers import INTERNATIONAL_DAY, THIS_YEAR, action_data, follow_up_data


def test_second_save_of_an_action_is_refused_with_what_changed(client, users, time_plan):
    day = time_plan["day"]
    url = reverse("actions:edit", args=[day.pk])
    loaded_by_both = action_data(day)

    client.force_login(users["coordinator"])
    first = client.post(url, {**loaded_by_both, "title": "Koordinatoren sin tittel"})
    assert first.status_code == 302

    client.force_login(users["editor"])
    second = client.post(url, {**loaded_by_both, "status": "in_progress"})
    html = second.content.decode()
    assert second.status_code == 200
    assert "Someone else saved this while you were editing" in html
    conflict = html[html.index("What the other person changed") :]
    conflict = conflict[: conflict.index("</table>")]
    # Their change, with their value and the value in the user's form.
    assert "Koordinatoren sin tittel" in conflict and INTERNATIONAL_DAY in conflict
    assert "In progress" not in conflict  # the user's own change is not theirs
    assert 'value="in_progress" selected' in html  # the user's input is kept in the form
    day.refresh_from_db()
    assert day.title == "Koordinatoren sin tittel" and day.status == "planned"
    assert day.version == 2

    # Saving again from the refreshed form is a deliberate overwrite, and it works.
    third = client.post(
        url,
        {
            **loaded_by_both,
            "title": "Koordinatoren sin tittel",
            "status": "in_progress",
            "loaded_version": 2,
        },
    )
    assert third.status_code == 302
    day.refresh_from_db()
    assert (day.title, day.status, day.version) == ("Koordinatoren sin tittel", "in_progress", 3)


def test_second_save_of_a_follow_up_is_refused(client, users, time_plan):
    follow_up = time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK", hours=5)
    url = reverse("actions:follow_up_edit", args=[follow_up.pk])
    client.force_login(users["coordinator"])
    assert client.post(url, follow_up_data(hours="40", loaded_version=1)).status_code == 302

    client.force_login(users["editor"])
    response = client.post(url, follow_up_data(hours="7", loaded_version=1))
    assert "Someone else saved this" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.hours == 40


def test_edit_begun_before_a_submit_is_refused(client, users, time_plan):
    follow_up = time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK")
    client.force_login(users["editor"])
    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:follow_up_edit", args=[follow_up.pk]),
        follow_up_data(loaded_version=1),
    )
    assert "Someone else saved this" in response.content.decode()


def test_inline_status_change_on_a_stale_row_is_refused(client, users, time_plan):
    day = time_plan["day"]
    url = reverse("actions:status", args=[day.pk])
    client.force_login(users["coordinator"])
    client.post(url, {"status": "in_progress", "loaded_version": 1})
    response = client.post(
        url, {"status": "cancelled", "loaded_version": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "Someone else changed this action" in response.content.decode()
    day.refresh_from_db()
    assert day.status == "in_progress"


def _conflict_table(response):
    html = response.content.decode()
    assert "Someone else saved this while you were editing" in html
    table = html[html.index("What the other person changed") :]
    return table[: table.index("</table>")]


def test_a_refused_save_lists_a_partner_the_other_person_added(client, users, time_plan):
    day = time_plan["day"]
    url = reverse("actions:edit", args=[day.pk])
    loaded_by_both = action_data(day)
    nordic = PartnerFactory(municipality=time_plan["municipality"], key="norden", name="Norden")

    client.force_login(users["coordinator"])
    partners = [time_plan["partner"].pk, nordic.pk]
    assert client.post(url, {**loaded_by_both, "partners": partners}).status_code == 302

    client.force_login(users["editor"])
    table = _conflict_table(client.post(url, {**loaded_by_both, "status": "in_progress"}))
    assert '<th scope="row">Partners</th><td>KS, Norden</td><td>KS</td>' in table
    assert "Twin towns" not in table  # untouched m2m fields are not listed


def test_a_refused_follow_up_save_lists_the_funding_the_other_person_changed(
    client, users, time_plan
):
    follow_up = time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK")
    row = ExternalFundingFactory(
        follow_up=follow_up, source="ks", source_detail="", amount=20000, currency="NOK"
    )
    url = reverse("actions:follow_up_edit", args=[follow_up.pk])
    funding = {
        "funding-TOTAL_FORMS": "1",
        "funding-INITIAL_FORMS": "1",
        "funding-0-id": row.pk,
        "funding-0-source": "ks",
        "funding-0-amount": "20000",
        "funding-0-currency": "NOK",
    }
    client.force_login(users["coordinator"])
    changed = follow_up_data(loaded_version=1, **{**funding, "funding-0-amount": "999999"})
    assert client.post(url, changed).status_code == 302

    client.force_login(users["editor"])
    table = _conflict_table(client.post(url, follow_up_data(loaded_version=1, **funding)))
    assert "External funding" in table
    assert "<td>KS: 999,999.00 NOK</td><td>KS: 20,000.00 NOK</td>" in table


def test_a_refused_save_after_a_submit_says_it_was_submitted(client, users, time_plan):
    follow_up = time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK")
    client.force_login(users["editor"])
    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:follow_up_edit", args=[follow_up.pk]),
        follow_up_data(loaded_version=1),
    )
    assert "<td>Submitted</td><td>Draft</td>" in _conflict_table(response)
