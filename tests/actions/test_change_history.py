"""Every change to an action or follow-up shows who made it, when, and before/after."""

from django.urls import reverse

from tests.factories import ExternalFundingFactory

from .helpers import THIS_YEAR, action_data, follow_up_data


def test_action_history_shows_who_when_and_what(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    client.post(
        reverse("actions:edit", args=[day.pk]),
        action_data(day, title="Internasjonal dag 2.0", partners=[], status="in_progress"),
    )
    html = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
    history = html[html.index("Change history") :]
    assert "koordinator" in history
    assert "<del>Arrangera årleg open internasjonal dag" in history
    assert "<ins>Internasjonal dag 2.0</ins>" in history
    assert "<del>Planned</del> → <ins>In progress</ins>" in history
    assert "<del>KS</del>" in history  # a removed partner, by name


def test_follow_up_history_records_workflow_steps(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["editor"])
    client.post(reverse("actions:follow_up_new", args=[day.pk]), follow_up_data(hours="10"))
    follow_up = day.follow_ups.get(year=THIS_YEAR)
    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    html = client.get(reverse("actions:follow_up", args=[follow_up.pk])).content.decode()
    history = html[html.index("Change history") :]
    assert "redaktor" in history
    assert "<del>Draft</del> → <ins>Submitted</ins>" in history
    assert "Created" in history


def test_archiving_is_recorded_and_reversible(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    client.post(reverse("actions:archive", args=[day.pk]), {"archived": "1"})
    day.refresh_from_db()
    assert day.is_archived
    plan = reverse("actions:plan", args=[time_plan["strategy"].slug])
    assert day.title not in client.get(plan).content.decode()
    assert day.title in client.get(plan, {"archived": "yes"}).content.decode()
    client.post(reverse("actions:archive", args=[day.pk]), {"archived": "0"})
    day.refresh_from_db()
    assert not day.is_archived
    html = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
    assert "<del>no</del> → <ins>yes</ins>" in html


def _funding_post(row, amount):
    return {
        "funding-TOTAL_FORMS": "1",
        "funding-INITIAL_FORMS": "1",
        "funding-0-id": row.pk,
        "funding-0-source": row.source,
        "funding-0-source_detail": row.source_detail,
        "funding-0-amount": amount,
        "funding-0-currency": row.currency,
    }


def test_follow_up_history_shows_funding_milestones_and_indicator_values(client, users, time_plan):
    day, milestone = time_plan["day"], time_plan["milestone"]
    follow_up = day.follow_ups.create(year=THIS_YEAR, currency="SEK")
    row = ExternalFundingFactory(
        follow_up=follow_up, source="eu_interreg", source_detail="", amount=20000, currency="SEK"
    )
    client.force_login(users["editor"])
    post = follow_up_data(
        currency="SEK",
        loaded_version=1,
        milestones_reached=[milestone.pk],
        **{f"indicator_{time_plan['indicator'].pk}": "300"},
        **_funding_post(row, "999999"),
    )
    response = client.post(reverse("actions:follow_up_edit", args=[follow_up.pk]), post)
    assert response.status_code == 302

    html = client.get(reverse("actions:follow_up", args=[follow_up.pk])).content.decode()
    history = html[html.index("Change history") :]
    assert "Saved without changes" not in history
    assert "<del>EU / Interreg: 20,000.00 SEK</del> → <ins>EU / Interreg: 999,999.00 SEK</ins>" in (
        history
    )
    assert "<strong>milestones reached</strong>: <del>–</del> → <ins>Program klart</ins>" in history
    assert "<strong>Besøkande (personar)</strong>: <del>–</del> → <ins>300</ins>" in history
    first_entry = history[
        history.index("<tbody>") : history.index("</tr>", history.index("<tbody>"))
    ]
    assert "redaktor" in first_entry and "999,999.00" in first_entry
    assert "<del>–</del> → <ins>120.0</ins>" not in history  # hours were 0, not empty
    assert "<del>0.0</del> → <ins>120.0</ins>" in history

    # Removing the row is recorded too, with who removed it.
    post = {**post, "loaded_version": 2, "funding-0-DELETE": "on"}
    client.force_login(users["coordinator"])
    assert (
        client.post(reverse("actions:follow_up_edit", args=[follow_up.pk]), post).status_code == 302
    )
    html = client.get(reverse("actions:follow_up", args=[follow_up.pk])).content.decode()
    first_entry = html[html.index("Change history") :]
    first_entry = first_entry[
        first_entry.index("<tbody>") : first_entry.index("</tr>", first_entry.index("<tbody>"))
    ]
    assert "koordinator" in first_entry
    assert "<del>EU / Interreg: 999,999.00 SEK</del> → <ins>–</ins>" in first_entry


def test_follow_up_history_names_the_workflow_fields_in_the_municipalitys_language(
    client, settings, users, time_plan
):
    # A Swedish municipality's staff read the history of a submitted follow-up in Swedish.
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    municipality = time_plan["municipality"]
    municipality.language = "sv"
    municipality.save()
    day = time_plan["day"]
    client.force_login(users["editor"])
    client.post(reverse("actions:follow_up_new", args=[day.pk]), follow_up_data(hours="10"))
    follow_up = day.follow_ups.get(year=THIS_YEAR)
    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    html = client.get(reverse("actions:follow_up", args=[follow_up.pk])).content.decode()
    assert '<html lang="sv">' in html
    assert "<strong>inskickad av</strong>" in html
    assert "<strong>inskickad den</strong>" in html
    assert "<strong>submitted" not in html
