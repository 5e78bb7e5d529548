"""The annual report moved from the `reporting` app to `annual_reports` (issue 16): reports
made before the move, their files, texts, history and permissions are still there after
it, and jobs queued under the old task names still run."""

import pytest
from celery import current_app
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from annual_reports import tasks
from annual_reports.models import AnnualReport, ReportText
from tests.factories import StrategyFactory

BEFORE = [("reporting", "0006_report_final"), ("annual_reports", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_report_made_before_the_move_is_read_after_it_with_its_file_texts_and_permission():
    strategy = StrategyFactory()
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    report = old.get_model("reporting", "AnnualReport").objects.create(
        strategy_id=strategy.pk, year=2025, version=1, status="done", file="reports/2026/x.pdf"
    )
    old.get_model("reporting", "ReportText").objects.create(
        strategy_id=strategy.pk, year=2025, text="Forord skrevet før flyttingen"
    )
    ContentType.objects.clear_cache()
    view = Permission.objects.get(content_type__app_label="reporting", codename="view_annualreport")
    group = Group.objects.create(name="Before the move")
    group.permissions.add(view)

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    migrate(leaves)
    ContentType.objects.clear_cache()

    moved = AnnualReport.objects.get(pk=report.pk)
    assert (moved.strategy, moved.year, moved.version, moved.status) == (strategy, 2025, 1, "done")
    assert moved.file.name == "reports/2026/x.pdf"
    assert ReportText.objects.get(strategy=strategy).text == "Forord skrevet før flyttingen"
    # The group's right follows the model: the same permission, now the new app's.
    assert group.permissions.get().content_type == ContentType.objects.get_for_model(AnnualReport)


def test_jobs_queued_under_the_old_task_names_still_find_their_task():
    for name, task in [
        ("reporting.tasks.render_report", tasks.render_report),
        ("reporting.tasks.sweep_reports", tasks.sweep_reports),
        ("reporting.tasks.fail_stuck_reports", tasks.fail_stuck_reports),
    ]:
        assert current_app.tasks[name] is task._get_current_object()


def test_the_report_pages_keep_their_addresses_and_old_admin_bookmarks_lead_on(client):
    assert reverse("annual_reports:annual", args=["time"]) == "/reports/annual/time/"
    assert reverse("annual_reports:annual_download", args=[7]) == "/reports/annual/file/7/"
    response = client.get("/admin/reporting/annualreport/7/change/?_changelist_filters=x")
    assert response.status_code == 302
    assert (
        response["Location"] == "/admin/annual_reports/annualreport/7/change/?_changelist_filters=x"
    )
