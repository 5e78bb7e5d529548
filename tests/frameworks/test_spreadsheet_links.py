"""Framework links in the plan spreadsheet: exported as codes (sdg-11; sdg-17), edited and
uploaded back through the preview, round-tripped exactly; a sheet without the column
keeps the links; an unknown code is an error naming its row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from frameworks.models import ActionLink, FrameworkItem
from frameworks.services import set_links
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)

pytestmark = pytest.mark.django_db


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


@pytest.fixture
def plan(client):
    strategy = StrategyFactory(municipality=MunicipalityFactory(language="nb"))
    area = GoalAreaFactory(strategy=strategy, code="1")
    walk = ActionFactory(goal_area=area, code="1.1", title="Byvandring")
    set_links(walk, [sdg("11"), sdg("17")])
    ActionFactory(goal_area=area, code="1.2", title="Ulenka")
    client.force_login(member(Role.COORDINATOR, strategy.municipality))
    return strategy


def template(client, strategy):
    response = client.get(reverse("spreadsheets:download", args=[strategy.slug]))
    return load_workbook(io.BytesIO(response.content))


def upload(client, strategy, workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return client.post(
        reverse("spreadsheets:upload", args=[strategy.slug]),
        {"file": SimpleUploadedFile("plan.xlsx", buffer.getvalue())},
    )


def apply(client, strategy, response):
    payload = response.context["payload"]
    return client.post(reverse("spreadsheets:apply", args=[strategy.slug]), {"payload": payload})


def column(sheet, heading_start):
    return next(i for i, c in enumerate(sheet[1]) if str(c.value).startswith(heading_start))


def row(sheet, code):
    return next(r for r in sheet.iter_rows(min_row=2) if r[1].value == code)


def links(strategy, code):
    return sorted(
        ActionLink.objects.filter(action__strategy=strategy, action__code=code).values_list(
            "item__code", flat=True
        ),
        key=int,
    )


def test_the_export_names_the_links_by_code_and_the_unchanged_sheet_changes_nothing(client, plan):
    sheet = template(client, plan).worksheets[0]
    index = column(sheet, "Rammeverk")
    assert row(sheet, "1.1")[index].value == "sdg-11; sdg-17"
    assert row(sheet, "1.2")[index].value in (None, "")
    response = upload(client, plan, sheet.parent)
    assert response.context["preview"].errors == []
    assert response.context["preview"].changes == []


def test_links_edited_in_the_sheet_are_previewed_then_saved_with_history(client, plan):
    workbook = template(client, plan)
    sheet = workbook.worksheets[0]
    index = column(sheet, "Rammeverk")
    row(sheet, "1.1")[index].value = "sdg-11"
    row(sheet, "1.2")[index].value = "sdg-4; sdg-17"
    response = upload(client, plan, workbook)
    preview = response.context["preview"]
    assert preview.errors == []
    fields = {c.code: {h: (old, new) for h, old, new in c.fields} for c in preview.changes}
    heading = sheet[1][index].value
    assert fields["1.1"][heading] == ("sdg-11; sdg-17", "sdg-11")
    assert fields["1.2"][heading] == ("", "sdg-4; sdg-17")
    assert links(plan, "1.1") == ["11", "17"]  # nothing written by the preview
    apply(client, plan, response)
    assert links(plan, "1.1") == ["11"]
    assert links(plan, "1.2") == ["4", "17"]
    history = ActionLink.history.filter(action__strategy=plan, history_type="-")
    assert history.count() == 1


def test_a_sheet_without_the_column_keeps_the_links(client, plan):
    workbook = template(client, plan)
    sheet = workbook.worksheets[0]
    sheet.delete_cols(column(sheet, "Rammeverk") + 1)
    row(sheet, "1.2")[2].value = "Ulenka i Time"
    response = upload(client, plan, workbook)
    preview = response.context["preview"]
    assert preview.errors == []
    assert [c.code for c in preview.changes] == ["1.2"]
    apply(client, plan, response)
    assert links(plan, "1.1") == ["11", "17"]


def test_an_unknown_code_is_an_error_naming_row_and_column_and_nothing_is_saved(client, plan):
    workbook = template(client, plan)
    sheet = workbook.worksheets[0]
    index = column(sheet, "Rammeverk")
    row(sheet, "1.2")[index].value = "sdg-99"
    response = upload(client, plan, workbook)
    errors = response.context["preview"].errors
    assert len(errors) == 1
    assert "Row 3" in errors[0] and sheet[1][index].value in errors[0] and "sdg-99" in errors[0]
    assert "payload" not in response.context
    assert links(plan, "1.2") == []


def test_a_strategy_naming_europa_2020_refuses_an_sdg_in_the_sheet(client, plan):
    from frameworks.models import Framework
    from frameworks.services import set_frameworks

    set_frameworks(plan, [Framework.objects.get(code="eu2020")])
    set_links(plan.actions.get(code="1.1"), [])
    workbook = template(client, plan)
    sheet = workbook.worksheets[0]
    index = column(sheet, "Rammeverk")
    row(sheet, "1.2")[index].value = "sdg-11"
    errors = upload(client, plan, workbook).context["preview"].errors
    assert len(errors) == 1 and "sdg-11" in errors[0] and "eu2020" in errors[0], errors
    row(sheet, "1.2")[index].value = "eu2020-3"
    response = upload(client, plan, workbook)
    assert response.context["preview"].errors == []
    apply(client, plan, response)
    assert [i.reference for i in plan.actions.get(code="1.2").framework_items.all()] == ["eu2020-3"]
