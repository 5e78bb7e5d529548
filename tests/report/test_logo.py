"""A municipality's logo (issue 14): uploaded in the admin as PNG, JPEG or SVG, kept as a
PNG the portal made (an SVG's scripts and links never survive), shown on the annual
report's cover and in its page header, and on the Word version's cover."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from PIL import Image

from annual_reports import services
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from goals.models import MunicipalityLogo
from tests.factories import UserFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _png(width=300, height=120, colour=(0, 90, 160)):
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="200" height="80">
  <script>alert(1)</script>
  <rect width="200" height="80" fill="#005aa0"/>
  <image xlink:href="http://127.0.0.1:9/steal.png" width="10" height="10"/>
</svg>"""


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _post_logo(client, municipality, upload=None, remove=False):
    data = {
        field: getattr(municipality, field)
        for field in (
            "name",
            "slug",
            "country",
            "language",
            "currency",
            "label_goal_area",
            "label_goal_area_plural",
            "label_goal",
            "label_strategy_point",
            "label_action",
            "label_action_plural",
        )
    }
    if upload is not None:
        data["logo"] = SimpleUploadedFile(upload[0], upload[1])
    if remove:
        data["remove_logo"] = "on"
    return client.post(f"/admin/goals/municipality/{municipality.pk}/change/", data)


def test_a_png_logo_is_kept_as_a_png_the_portal_made(admin_client, strategy):
    municipality = strategy.municipality
    response = _post_logo(admin_client, municipality, ("logo.png", _png(2000, 500)))
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Image.open(io.BytesIO(bytes(MunicipalityLogo.objects.get().png)))
    assert stored.format == "PNG"
    assert max(stored.size) == 800  # scaled down for the cover


def test_an_svg_logo_is_rasterised_so_its_script_and_links_are_gone(admin_client, strategy):
    response = _post_logo(admin_client, strategy.municipality, ("logo.svg", SVG))
    assert response.status_code == 302
    png = bytes(MunicipalityLogo.objects.get().png)
    assert png.startswith(b"\x89PNG")
    assert b"script" not in png and b"127.0.0.1" not in png


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("logo.png", b"MZ\x90\x00 an executable renamed", "Choose a PNG, JPEG or SVG image."),
        ("logo.svg", b"<svg><unclosed", "The SVG file could not be read as an image."),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "could not be read as an image"),
        ("logo.png", b"\x89PNG" + b"x" * (1024 * 1024 + 10), "at most 1"),
    ],
)
def test_a_bad_logo_is_refused_with_a_message_and_nothing_kept(
    admin_client, strategy, name, content, message
):
    page = _post_logo(admin_client, strategy.municipality, (name, content)).content.decode()
    assert message in page
    assert not MunicipalityLogo.objects.exists()


def test_a_decompression_bomb_is_refused(admin_client, strategy):
    huge = _png(1, 1)
    # Claim 30 000 × 30 000 pixels in the header (IHDR), keeping the tiny data.
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    huge = huge[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    huge += _png(1, 1)[33:]
    page = _post_logo(admin_client, strategy.municipality, ("bomb.png", huge)).content.decode()
    assert "too large in pixels" in page or "could not be read as an image" in page
    assert not MunicipalityLogo.objects.exists()


def test_the_logo_can_be_removed(admin_client, strategy):
    MunicipalityLogo.objects.create(municipality=strategy.municipality, png=_png())
    assert _post_logo(admin_client, strategy.municipality, remove=True).status_code == 302
    assert not MunicipalityLogo.objects.exists()


def test_the_report_shows_the_logo_on_the_cover_in_the_header_and_in_word(strategy, users):
    MunicipalityLogo.objects.create(municipality=strategy.municipality, png=_png())
    context = report_context(report_strategy(strategy.pk), YEAR)
    html = render_report_html(context)
    assert 'class="cover-logo" src="data:image/png;base64,' in html

    pdf_bytes, word_bytes = services.build_files(report_strategy(strategy.pk), YEAR)
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))

    def images(page):
        resources = page.obj.get("/Resources") or {}
        objects = resources.get("/XObject") or {}
        return [o for o in objects.values() if o.get("/Subtype") == "/Image"]

    assert images(pdf.pages[0]), "no logo on the cover"
    assert images(pdf.pages[1]), "no logo in the second page's header"
    word = Document(io.BytesIO(word_bytes))
    shapes = word.inline_shapes
    assert shapes and shapes[0]._inline.docPr.get("descr").startswith("Logo of ")
