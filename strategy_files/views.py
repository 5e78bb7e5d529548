"""The action plan as a spreadsheet in the browser: download it, upload it back."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from actions.selectors import strategy_for_staff

from .spreadsheet import plan_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def plan_download(request, slug):
    """The plan workbook, pre-filled: for every member of the municipality."""
    strategy = strategy_for_staff(request.user, slug)
    response = HttpResponse(plan_workbook(strategy), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{strategy.slug}-plan.xlsx"'
    return response
