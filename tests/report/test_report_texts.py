"""The coordinator's voice: a foreword for the year and an assessment per goal area,
written in the browser, kept with history, refused over someone else's newer save, printed
in the report (escaped), and read by every member of the municipality only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from annual_reports import services
from annual_reports.models import AnnualReport, ReportText
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from tests.factories import GoalAreaFactory

from .conftest import YEAR, build_strategy, pdf_text, users_for

pytestmark = pytest.mark.django_db

FOREWORD = (
    "Eit godt år for samarbeidet.\n\nDette gjekk bra:\n- Studietur til Alnwick\n- Nytt nettverk"
)
ASSESSMENT = "Vi nådde målet.\nNeste år gjer vi det annleis."
HOSTILE = '<script>alert("x")</script> <b>feit</b> & <img src=x onerror=alert(1)>'


def url(strategy, year=YEAR):
    return reverse("annual_reports:annual_texts", args=[strategy.slug, year])


def form_data(strategy, foreword="", assessments=None, versions=None):
    """What the page posts: every text and the version it was loaded at."""
    versions = versions or {}
    data = {"foreword": foreword, "foreword_version": versions.get("foreword", 0)}
    for area in strategy.goal_areas.all():
        name = f"area_{area.pk}"
        data[name] = (assessments or {}).get(area.pk, "")
        data[f"{name}_version"] = versions.get(name, 0)
    return data


def test_coordinator_writes_foreword_and_assessment_and_the_report_shows_them(
    client, strategy, users
):
    area = strategy.goal_areas.order_by("order", "code").first()
    client.force_login(users["coordinator"])
    assert 'name="foreword"' in client.get(url(strategy)).content.decode()
    response = client.post(url(strategy), form_data(strategy, FOREWORD, {area.pk: ASSESSMENT}))
    assert response.status_code == 302
    foreword = ReportText.objects.get(strategy=strategy, year=YEAR, goal_area=None)
    assert (foreword.text, foreword.version, foreword.updated_by) == (
        FOREWORD,
        1,
        users["coordinator"],
    )
    assert foreword.history.count() == 1

    html = render_report_html(report_context(report_strategy(strategy.pk), YEAR))
    assert "<p>Eit godt år for samarbeidet.</p>" in html
    assert "<li>Studietur til Alnwick</li>" in html
    section = html.split(f'id="area-{area.pk}"')[1].split("</section>")[0]
    assert "Vi nådde målet.<br>Neste år gjer vi det annleis." in section
    assert '<a href="#foreword">' in html  # in the contents


def test_members_read_the_texts_only_coordinators_and_admins_write(client, strategy, users):
    ReportText.objects.create(strategy=strategy, year=YEAR, text="Forordet vårt")
    for role in ("editor", "politician"):
        client.force_login(users[role])
        page = client.get(url(strategy))
        assert page.status_code == 200 and "Forordet vårt" in page.content.decode()
        assert 'name="foreword"' not in page.content.decode()
        refused = client.post(url(strategy), form_data(strategy, "Overskrive"))
        assert refused.status_code == 403, role
    client.force_login(users["outsider"])
    assert client.get(url(strategy)).status_code == 404
    assert client.post(url(strategy), form_data(strategy, "Overskrive")).status_code == 404
    client.logout()
    assert client.get(url(strategy)).status_code == 302  # to the sign-in page
    assert ReportText.objects.get().text == "Forordet vårt"

    client.force_login(users["admin"])
    saved = client.post(url(strategy), form_data(strategy, "Admin", versions={"foreword": 1}))
    assert saved.status_code == 302 and ReportText.objects.get().text == "Admin"


def test_a_save_over_someone_elses_newer_text_is_refused_and_keeps_yours(client, strategy, users):
    other = users_for(strategy)["coordinator"]
    client.force_login(other)
    client.post(url(strategy), form_data(strategy, "Den andre koordinatoren sitt forord"))

    client.force_login(users["coordinator"])
    late = client.post(url(strategy), form_data(strategy, "Mitt forord"))  # loaded at version 0
    html = late.content.decode()
    assert late.status_code == 200
    assert "Someone else saved this while you were editing" in html
    assert "Den andre koordinatoren sitt forord" in html  # theirs, shown
    assert ">Mitt forord</textarea>" in html  # yours, kept in the form
    assert 'name="foreword_version" value="1"' in html
    assert ReportText.objects.get().text == "Den andre koordinatoren sitt forord"

    again = client.post(url(strategy), form_data(strategy, "Mitt forord", versions={"foreword": 1}))
    assert again.status_code == 302
    text = ReportText.objects.get()
    assert (text.text, text.version, text.history.count()) == ("Mitt forord", 2, 2)


def test_bad_input_gets_an_error_and_saves_nothing(client, strategy, users):
    client.force_login(users["coordinator"])
    for bad in ("x" * 10_001, "null\x00byte"):
        response = client.post(url(strategy), form_data(strategy, bad))
        assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert client.post(url(strategy, 1999), form_data(strategy, "x")).status_code == 404
    assert not ReportText.objects.exists()


def test_markup_in_the_texts_comes_out_as_text_in_html_and_pdf(client, strategy, users):
    area = strategy.goal_areas.first()
    client.force_login(users["coordinator"])
    client.post(url(strategy), form_data(strategy, HOSTILE, {area.pk: HOSTILE}))
    page = client.get(url(strategy)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    context = report_context(report_strategy(strategy.pk), YEAR)
    html = render_report_html(context)
    assert "<script>" not in html and "<img src=x" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 2
    text, _pages = pdf_text(services.build_pdf(report_strategy(strategy.pk), YEAR))
    assert text.count('<script>alert("x")</script> <b>feit</b> &') == 2


def test_a_report_made_before_the_texts_changed_says_it_is_out_of_date(client, strategy, users):
    made = timezone.now() - timezone.timedelta(hours=1)
    AnnualReport.objects.create(
        strategy=strategy, year=YEAR, version=1, status="done", file="reports/x.pdf"
    )
    AnnualReport.objects.filter(year=YEAR).update(requested_at=made, started_at=made)
    client.force_login(users["coordinator"])
    listing = reverse("annual_reports:annual", args=[strategy.slug])
    assert "Out of date" not in client.get(listing).content.decode()
    client.post(url(strategy), form_data(strategy, "Nytt forord"))
    assert "Out of date" in client.get(listing).content.decode()


@pytest.mark.parametrize("areas", [1, 6])
def test_the_texts_page_costs_the_same_queries_whatever_the_plan(client, areas):
    small = build_strategy(actions_per_area=1, areas=1)
    big = build_strategy(actions_per_area=1, areas=1)
    for _ in range(areas):
        GoalAreaFactory(strategy=big)
    counts = []
    for plan in (small, big):
        client.force_login(users_for(plan)["coordinator"])
        for area in plan.goal_areas.all():
            ReportText.objects.create(strategy=plan, year=YEAR, goal_area=area, text="Vurdering")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(plan)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
