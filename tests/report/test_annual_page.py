"""The annual reports page: generate, watch the job, download, preview — and who may."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annual_reports.models import AnnualReport

from .conftest import YEAR, build_strategy

pytestmark = pytest.mark.django_db


def page(strategy):
    return reverse("annual_reports:annual", args=[strategy.slug])


def generate(client, strategy, capture, year=YEAR):
    with capture(execute=True):
        return client.post(
            reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": year}
        )


def test_coordinator_generates_a_report_and_downloads_the_pdf(
    client, strategy, users, django_capture_on_commit_callbacks
):
    client.force_login(users["coordinator"])
    response = generate(client, strategy, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert (report.status, report.version, report.requested_by) == ("done", 1, users["coordinator"])
    assert report.page_count >= 4 and len(report.checksum) == 64
    listing = client.get(page(strategy))
    assert "Download PDF (2025, version 1)" in listing.content.decode()
    download = client.get(reverse("annual_reports:annual_download", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # The same job wrote the editable Word version beside it.
    assert "Download Word (2025, version 1)" in listing.content.decode()
    word = client.get(reverse("annual_reports:annual_download_word", args=[report.pk]))
    assert word["Content-Disposition"].endswith('-2025-v1.docx"')
    assert b"".join(word.streaming_content).startswith(b"PK")  # a .docx is a zip


def test_generating_again_makes_a_new_version_and_keeps_the_old(
    client, strategy, users, django_capture_on_commit_callbacks
):
    client.force_login(users["admin"])
    generate(client, strategy, django_capture_on_commit_callbacks)
    generate(client, strategy, django_capture_on_commit_callbacks)
    reports = AnnualReport.objects.order_by("version")
    assert [(r.version, r.status) for r in reports] == [(1, "done"), (2, "done")]
    assert reports[0].file.name != reports[1].file.name
    for report in reports:
        assert (
            client.get(reverse("annual_reports:annual_download", args=[report.pk])).status_code
            == 200
        )


def test_a_second_click_while_a_report_is_queued_returns_that_one(client, strategy, users):
    queued = AnnualReport.objects.create(strategy=strategy, year=YEAR, version=1)
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": YEAR}, follow=True
    )
    assert list(AnnualReport.objects.all()) == [queued]
    assert "already being made (version 1)" in response.content.decode()


def test_page_polls_itself_while_a_report_is_in_progress(client, strategy, users):
    AnnualReport.objects.create(
        strategy=strategy, year=YEAR, version=1, status="rendering", progress=50
    )
    client.force_login(users["politician"])
    html = client.get(page(strategy)).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert reverse("annual_reports:annual_status", args=[strategy.slug]) in html
    assert "Refresh the list" in html  # works without JavaScript too
    fragment = client.get(reverse("annual_reports:annual_status", args=[strategy.slug]))
    assert "50 %" in fragment.content.decode()


def test_page_stops_polling_when_nothing_is_in_progress(client, strategy, users):
    AnnualReport.objects.create(
        strategy=strategy, year=YEAR, version=1, status="failed", failure="time_limit"
    )
    client.force_login(users["coordinator"])
    html = client.get(page(strategy)).content.decode()
    assert "every 2s" not in html
    assert "Rendering took longer than 300 seconds and was stopped." in html


def test_politician_downloads_but_cannot_generate(client, strategy, users):
    client.force_login(users["politician"])
    assert client.get(page(strategy)).status_code == 200
    assert "Generate annual report" not in client.get(page(strategy)).content.decode()
    response = client.post(
        reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": YEAR}
    )
    assert response.status_code == 403
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize("who,status", [("editor", 403), ("outsider", 404)])
def test_editor_is_refused_and_other_municipality_sees_nothing(
    client, strategy, users, who, status
):
    report = AnnualReport.objects.create(strategy=strategy, year=YEAR, version=1, status="done")
    client.force_login(users[who])
    assert client.get(page(strategy)).status_code == status
    assert (
        client.get(reverse("annual_reports:annual_download", args=[report.pk])).status_code
        == status
    )
    preview = reverse("annual_reports:annual_preview", args=[strategy.slug, YEAR])
    assert client.get(preview).status_code == status
    post = client.post(
        reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": YEAR}
    )
    assert post.status_code == status
    assert AnnualReport.objects.count() == 1


def test_anonymous_visitor_is_sent_to_sign_in(client, strategy):
    report = AnnualReport.objects.create(strategy=strategy, year=YEAR, version=1, status="done")
    for url in (page(strategy), reverse("annual_reports:annual_download", args=[report.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_preview_shows_the_same_report_in_the_browser(client, strategy, users):
    client.force_login(users["politician"])
    response = client.get(reverse("annual_reports:annual_preview", args=[strategy.slug, YEAR]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tiltak 0-0" in html and "Gjort i tiltak 0-0" in html
    assert "css/report.css" in html


def test_a_year_outside_the_strategy_is_not_offered(client, strategy, users):
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("annual_reports:annual_generate", args=[strategy.slug]), {"year": 1999}, follow=True
    )
    assert not AnnualReport.objects.exists()
    assert "Choose a year within the strategy period" in response.content.decode()


@pytest.mark.parametrize("url_name", ["annual_reports:annual", "annual_reports:annual_status"])
def test_annual_page_costs_the_same_queries_with_many_versions(client, db, url_name):
    from accounts.models import Role
    from tests.factories import member

    counts = []
    for versions in (1, 8):
        strategy = build_strategy(actions_per_area=1, areas=1)
        for v in range(versions):
            AnnualReport.objects.create(strategy=strategy, year=YEAR, version=v + 1, status="done")
        client.force_login(member(Role.COORDINATOR, strategy.municipality))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name, args=[strategy.slug])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_report_whose_file_is_lost_says_so_instead_of_failing(client, strategy, users):
    report = AnnualReport.objects.create(
        strategy=strategy, year=YEAR, version=1, status="done", file="reports/2025/lost.pdf"
    )
    client.force_login(users["coordinator"])
    response = client.get(reverse("annual_reports:annual_download", args=[report.pk]), follow=True)
    assert response.status_code == 200
    assert "missing on the server" in response.content.decode()


def test_a_report_generated_as_final_says_so_on_its_cover_others_say_draft(
    client, strategy, users, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from annual_reports.pdf import render_report_html
    from annual_reports.selectors import report_context, report_strategy

    client.force_login(users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("annual_reports:annual_generate", args=[strategy.slug]),
            {"year": YEAR, "final": "on"},
        )
    report = AnnualReport.objects.get()
    assert report.is_final and report.status == "done"
    cover = PdfReader(report.file.open("rb")).pages[0].extract_text()
    assert "Final version" in cover and "Draft" not in cover
    assert "Final version" in client.get(page(strategy)).content.decode()
    context = report_context(report_strategy(strategy.pk), YEAR)
    assert "Draft" in render_report_html(context).split('class="report-state"')[1][:200]
    preview = client.get(reverse("annual_reports:annual_preview", args=[strategy.slug, YEAR]))
    assert "Draft (preview)" in preview.content.decode()
