"""Report files on S3-compatible object storage, tested against an S3 server (moto's
server mode on 127.0.0.1) started by the test: the report is written and read through
Django's storage API, the object is private, and a download keeps its permission check."""

import socket
import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from annual_reports import services

from .conftest import YEAR, pdf_text

pytestmark = pytest.mark.django_db

BUCKET = "strategy-portal-reports"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    moto_server = pytest.importorskip("moto.server")
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch):
    import boto3

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "test")
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-north-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    try:
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
    except client.exceptions.BucketAlreadyOwnedByYou:
        pass
    # What settings.py builds from S3_BUCKET, S3_ENDPOINT_URL and the keys.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-north-1",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": True,
            },
        },
    }
    # The report's FileField uses the lazy default storage, which the settings change resets.
    return client


def test_a_report_is_stored_in_the_bucket_and_downloaded_through_the_portal(
    client, strategy, users, s3_storage
):
    pdf, report = services.generate_now(strategy, YEAR, users["coordinator"])

    stored = s3_storage.get_object(Bucket=BUCKET, Key=report.file.name)["Body"].read()
    assert stored == pdf
    assert type(report.file.storage._wrapped).__name__ == "S3Storage"

    client.force_login(users["politician"])
    response = client.get(reverse("annual_reports:annual_download", args=[report.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == pdf
    assert pdf_text(body)[1] == report.page_count


def test_the_bucket_object_is_not_public(strategy, users, s3_server, s3_storage):
    _pdf, report = services.generate_now(strategy, YEAR, users["coordinator"])
    anonymous = f"{s3_server}/{BUCKET}/{report.file.name}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(anonymous, timeout=5)  # noqa: S310 - a local test server
    assert refused.value.code == 403


def test_a_download_from_the_bucket_keeps_its_permission_check(client, strategy, users, s3_storage):
    from accounts.models import Role
    from tests.factories import MunicipalityFactory, member

    _pdf, report = services.generate_now(strategy, YEAR, users["coordinator"])
    client.force_login(member(Role.POLITICIAN, MunicipalityFactory(slug="annenby")))
    response = client.get(reverse("annual_reports:annual_download", args=[report.pk]))
    assert response.status_code in (403, 404)
