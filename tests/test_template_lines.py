"""The templates tidied for line length keep every line within 120 characters."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LENGTH = 120
TEMPLATES = [
    "templates/includes/formset_form.html",
    "dashboards/templates/dashboards/includes/dashboard_body.html",
    "dashboards/templates/dashboards/dashboard.html",
    "dashboards/templates/dashboards/includes/year_form.html",
    "dashboards/templates/dashboards/public.html",
    "actions/templates/actions/_plan_list.html",
    "actions/templates/actions/_action_row.html",
    "actions/templates/actions/plan.html",
    "actions/templates/actions/my_work.html",
    "actions/templates/actions/follow_up_detail.html",
    "templates/base.html",
    "collaboration/templates/collaboration/_bell.html",
    "collaboration/templates/collaboration/notifications.html",
    "collaboration/templates/collaboration/settings.html",
    "collaboration/templates/collaboration/_thread.html",
    "collaboration/templates/collaboration/_comment_fields.html",
    "collaboration/templates/collaboration/comment_form.html",
    "collaboration/templates/collaboration/_evidence.html",
    "actions/templates/actions/milestones_form.html",
    "actions/templates/actions/indicators_form.html",
    "annual_reports/templates/annual_reports/_appendix.html",
    "templates/registration/password_reset_throttled.html",
    "accounts/templates/admin/accounts/user/administrator.html",
    "accounts/templates/admin/accounts/user/change_form.html",
    "goals/templates/goals/home.html",
    "templates/includes/pagination.html",
    "statutory/templates/statutory/_page.html",
    "statutory/templates/statutory/accessibility.html",
    "statutory/templates/statutory/privacy.html",
    "goals/templates/goals/publication.html",
    "partners/templates/partners/directory.html",
    "partners/templates/partners/_directory.html",
    "templates/includes/components.html",
    "frameworks/templates/frameworks/_summary.html",
    "frameworks/templates/frameworks/item.html",
    "annual_reports/templates/annual_reports/_framework.html",
    "frameworks/templates/frameworks/compare.html",
    "templates/includes/history.html",
    "actions/templates/actions/action_detail.html",
    "actions/templates/actions/_plan_filters.html",
    "strategy_files/templates/admin/goals/strategy/import_job.html",
    "annual_reports/templates/annual_reports/_cover.html",
    "dashboards/templates/dashboards/includes/compare_row.html",
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_line_is_longer_than_120_characters(template):
    lines = (ROOT / template).read_text(encoding="utf-8").splitlines()
    too_long = [
        f"{template}:{number}: {len(line)} characters"
        for number, line in enumerate(lines, start=1)
        if len(line) > MAX_LENGTH
    ]
    assert not too_long, f"lines over {MAX_LENGTH} characters:\n" + "\n".join(too_long)
