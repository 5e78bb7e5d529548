"""Evidence files on a follow-up: who may add, read and remove them; what is refused,
judged by the content; how they are served."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from collaboration.models import Evidence
from tests.factories import member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def upload(client, user, follow_up, name="reiserapport.pdf", content=PDF):
    client.force_login(user)
    return client.post(
        reverse("collaboration:evidence_add", args=[follow_up.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_an_editor_attaches_a_file_and_members_download_it(client, users, draft):
    response = upload(client, users["editor"], draft)
    assert "reiserapport.pdf" in response.content.decode()
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    assert evidence.file.name.startswith(f"evidence/{draft.action.strategy.municipality.pk}/")
    for name in ["coordinator", "politician", "editor_other_dept", "admin"]:
        client.force_login(users[name])
        response = client.get(reverse("collaboration:evidence", args=[evidence.pk]))
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert "sandbox" in response["Content-Security-Policy"]


def test_another_municipalitys_file_is_a_404(client, users, draft, neighbour):
    upload(client, users["editor"], draft)
    evidence = Evidence.objects.get()
    client.force_login(member(Role.COORDINATOR, neighbour["municipality"], username="k2"))
    assert client.get(reverse("collaboration:evidence", args=[evidence.pk])).status_code == 404
    remove = reverse("collaboration:evidence_remove", args=[evidence.pk])
    assert client.post(remove).status_code == 404
    add = reverse("collaboration:evidence_add", args=[draft.pk])
    assert client.post(add, {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 404
    assert Evidence.objects.count() == 1


def test_visitors_get_no_file_and_there_is_no_public_url(client, users, draft):
    upload(client, users["editor"], draft)
    evidence = Evidence.objects.get()
    client.logout()
    response = client.get(reverse("collaboration:evidence", args=[evidence.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


@pytest.mark.parametrize("who", ["politician", "editor_other_dept"])
def test_who_may_not_edit_the_follow_up_adds_nothing(client, users, draft, who):
    client.force_login(users[who])
    add = reverse("collaboration:evidence_add", args=[draft.pk])
    assert client.post(add, {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 403
    assert not Evidence.objects.exists()


def test_a_submitted_follow_up_takes_files_from_the_coordinator_only(client, users, draft):
    draft.state = FollowUp.State.SUBMITTED
    draft.save()
    client.force_login(users["editor"])
    add = reverse("collaboration:evidence_add", args=[draft.pk])
    assert client.post(add, {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 403
    upload(client, users["coordinator"], draft)
    assert Evidence.objects.count() == 1


def test_removal_by_an_editor_of_the_draft_keeps_the_history(
    client, users, draft, django_capture_on_commit_callbacks
):
    upload(client, users["editor"], draft)
    evidence = Evidence.objects.get()
    path = evidence.file.path
    client.force_login(users["politician"])
    remove = reverse("collaboration:evidence_remove", args=[evidence.pk])
    assert client.post(remove).status_code == 403
    client.force_login(users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(remove)
    assert not Evidence.objects.exists()
    assert not os.path.exists(path)
    reasons = list(Evidence.history.values_list("history_change_reason", flat=True))
    assert sorted(reasons) == ["file added", "file removed"]


@pytest.mark.parametrize("name,content", [
    ("reiserapport.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),  # an executable, renamed
    ("program.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
    ("bilde.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("bilde.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("side.html", b"<!doctype html><script>alert(1)</script>"),
    ("rapport.pdf", b"<html><body>%PDF-1.7</body></html>"),
    ("arkiv.docx", office({"evil.exe": "MZ"})),
    ("makro.docx", office({"[Content_Types].xml": "<T/>", "word/document.xml": "<d/>",
                           "word/vbaProject.bin": "x"})),
    ("tom.pdf", b""),
    ("skadd.docx", b"PK\x03\x04" + b"\x00" * 100),
])  # fmt: skip
def test_hostile_uploads_are_refused(client, users, draft, name, content):
    response = upload(client, users["editor"], draft, name, content)
    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_zip_bomb_is_refused(client, users, draft, settings):
    settings.EVIDENCE_MAX_UNPACKED_BYTES = 100_000
    bomb = office({"[Content_Types].xml": "<T/>", "word/document.xml": "0" * 1_000_000})
    assert len(bomb) < 10_000
    response = upload(client, users["editor"], draft, "bombe.docx", bomb)
    assert "unpacks to too much data" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_oversized_file_is_refused_with_the_limit(client, users, draft, settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    response = upload(client, users["editor"], draft, "stor.pdf", PDF + b" " * 2000)
    assert "the largest accepted is 1000" in response.content.decode()
    assert not Evidence.objects.exists()


def test_office_documents_and_images_are_accepted_under_a_safe_name(client, users, draft):
    upload(client, users["editor"], draft, "../../etc/Avtale signert.docx", DOCX)
    upload(client, users["editor"], draft, "foto.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    names = list(Evidence.objects.values_list("name", "content_type"))
    assert names[0][0] == "Avtale_signert.docx" and names[0][1].endswith("document")
    assert names[1] == ("foto.jpg", "image/jpeg")


def test_the_follow_up_page_costs_the_same_queries_with_3_or_15_files(client, users, draft):
    client.force_login(users["editor"])
    for _ in range(3):
        upload(client, users["editor"], draft)
    url = reverse("actions:follow_up", args=[draft.pk])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        return len(context.captured_queries)

    few = count()
    for _ in range(12):
        upload(client, users["coordinator"], draft)
    client.force_login(users["editor"])
    client.get(url)
    assert count() == few
