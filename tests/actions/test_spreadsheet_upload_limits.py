"""Who may import a plan spreadsheet, and hostile or broken files: refused with a message,
never a 500, nothing written."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.models import Role
from tests.factories import member


def _upload(client, strategy, content, name="plan.xlsx"):
    return client.post(
        reverse("spreadsheets:upload", args=[strategy.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("editor", 403), ("politician", 403), ("coordinator", 200), ("admin", 200)],
)
def test_only_coordinators_and_admins_may_import(client, users, time_plan, who, status):
    client.force_login(users[who])
    url = reverse("spreadsheets:upload", args=[time_plan["strategy"].slug])
    assert client.get(url).status_code == status
    apply = reverse("spreadsheets:apply", args=[time_plan["strategy"].slug])
    assert client.post(apply, {"payload": "x"}).status_code == (302 if status == 200 else 403)


def test_another_municipalitys_coordinator_gets_a_404(client, time_plan, neighbour):
    client.force_login(member(Role.COORDINATOR, neighbour["municipality"], username="n"))
    for name in ("upload", "download"):
        url = reverse(f"spreadsheets:{name}", args=[time_plan["strategy"].slug])
        assert client.get(url).status_code == 404
    apply = reverse("spreadsheets:apply", args=[time_plan["strategy"].slug])
    assert client.post(apply, {"payload": "x"}).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, time_plan):
    url = reverse("spreadsheets:upload", args=[time_plan["strategy"].slug])
    assert client.get(url).status_code == 302


def test_a_forged_payload_applies_nothing(client, users, time_plan):
    client.force_login(users["coordinator"])
    apply = reverse("spreadsheets:apply", args=[time_plan["strategy"].slug])
    response = client.post(apply, {"payload": "eyJ1c2VyIjoxfQ:forged:sig"}, follow=True)
    assert "The preview has expired" in response.content.decode()


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _workbook_with(extra):
    buffer = io.BytesIO()
    Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    members = {name: source.read(name) for name in source.namelist()}
    members.update(extra)
    return _zip(members)


HOSTILE = {
    "macros": (_workbook_with({"xl/vbaProject.bin": b"\0" * 100}), "macros"),
    "external link": (
        _workbook_with({"xl/externalLinks/externalLink1.xml": b"<x/>"}),
        "external links",
    ),
    "zip bomb": (_workbook_with({"xl/bomb.xml": b"\0" * (40 * 1024 * 1024)}), "too much data"),
    "encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted"),
    "zip of something else": (_zip({"hello.txt": b"hi"}), "not a spreadsheet"),
    "broken workbook": (_workbook_with({"xl/workbook.xml": b"<not xml"}), "not a spreadsheet"),
    "picture": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a spreadsheet"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_are_refused_with_a_message(client, users, time_plan, case):
    content, words = HOSTILE[case]
    client.force_login(users["coordinator"])
    response = _upload(client, time_plan["strategy"], content)
    assert response.status_code == 200
    errors = response.context["preview"].errors
    assert len(errors) == 1 and words in errors[0], errors


def test_too_large_a_file_is_refused(client, users, time_plan, settings):
    settings.SPREADSHEET_MAX_BYTES = 1000
    client.force_login(users["coordinator"])
    response = _upload(client, time_plan["strategy"], b"a;b\n" * 500, name="plan.csv")
    (error,) = response.context["preview"].errors
    assert "at most" in error


def test_a_sheet_with_other_columns_is_refused_naming_them(client, users, time_plan):
    client.force_login(users["coordinator"])
    content = "Kode;Tittel;Farge\n1;Test;blå\n".encode()
    response = _upload(client, time_plan["strategy"], content, name="plan.csv")
    errors = response.context["preview"].errors
    assert any("Farge" in e for e in errors)
    assert any("lacks the columns" in e for e in errors)


def test_too_many_rows_are_refused_even_when_blank(client, users, time_plan, monkeypatch):
    from strategy_files import spreadsheet_read

    monkeypatch.setattr(spreadsheet_read, "MAX_ROWS", 5)
    monkeypatch.setattr(spreadsheet_read, "MAX_SCANNED_ROWS", 50)
    client.force_login(users["coordinator"])
    for filled, blank in ((10, 0), (0, 60)):
        workbook = Workbook()
        for _ in range(filled):
            workbook.active.append(["x", "y"])
        for row in range(1, blank + 1):
            workbook.active.cell(row=row, column=1).font = Font(bold=True)  # styled, empty
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = _upload(client, time_plan["strategy"], buffer.getvalue())
        (error,) = response.context["preview"].errors
        assert "more than 5 rows" in error
