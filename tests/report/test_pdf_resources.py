"""The PDF renderer loads only the report's own stylesheet and fonts, nothing else.

Texts typed by users are escaped in the report HTML; the URL fetcher is the second wall:
even markup that reached WeasyPrint unescaped cannot read local files or call URLs.
"""

import http.server
import threading

import pytest
from weasyprint.urls import URLFetchingError

from actions.models import FollowUp
from annual_reports import pdf, services

from .conftest import YEAR, pdf_text


@pytest.fixture
def http_server():
    """A local HTTP server that records every request it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.hits = hits
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def static_root():
    return pdf._stylesheet_path().parent.parent


def test_fetcher_loads_the_vendored_font_and_stylesheet():
    fetcher = pdf.static_url_fetcher(static_root())
    for name in ("fonts/DejaVuSans.ttf", "css/report.css"):
        response = fetcher.fetch((static_root() / name).as_uri())
        assert response.read(4)
        response.close()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "{static}/css/../../manage.py",  # climbing out of the static folder
        "{static}/../manage.py",
        "{static}/js/portal.js",  # a static file, but not one a report needs
        "{http}/secret.png",
        "https://example.org/tracker.png",
        "ftp://127.0.0.1/file",
    ],
)
def test_fetcher_refuses_everything_else(url, http_server):
    fetcher = pdf.static_url_fetcher(static_root())
    url = url.format(static=static_root().as_uri(), http=http_server.url)
    with pytest.raises(URLFetchingError):
        fetcher.fetch(url)
    assert http_server.hits == []


def test_unescaped_markup_in_the_html_loads_nothing_and_the_pdf_still_renders(http_server):
    html = f"""<html lang="en"><head><title>R</title></head><body>
      <h1>Report</h1>
      <img src="file:///etc/passwd" alt="x"><img src="{http_server.url}/pixel.png" alt="y">
      <div style="background: url('{http_server.url}/bg.png')">text</div>
      <link rel="stylesheet" href="{http_server.url}/evil.css">
    </body></html>"""
    text, pages = pdf_text(pdf.html_to_pdf(html))
    assert "Report" in text and pages == 1
    assert http_server.hits == []


@pytest.mark.django_db
def test_a_follow_up_text_with_image_markup_is_printed_as_text_and_fetches_nothing(
    strategy, http_server
):
    follow_up = FollowUp.objects.filter(action__strategy=strategy, state="approved").first()
    follow_up.what_was_done = (
        f'Visit <img src="file:///etc/passwd"> and <img src="{http_server.url}/p.png">'
    )
    follow_up.save()
    text, _pages = pdf_text(services.build_pdf(strategy, YEAR))
    assert '<img src="file:///etc/passwd">' in text
    assert http_server.hits == []


def test_a_rendering_error_is_not_hidden_behind_an_untagged_pdf(monkeypatch):
    """Only WeasyPrint lacking the PDF/UA variant falls back to a plain PDF."""
    from weasyprint import HTML

    calls = []

    def broken(self, *args, **kwargs):
        calls.append(kwargs.get("pdf_variant"))
        raise KeyError("/srv/app/media/secret path")

    monkeypatch.setattr(HTML, "write_pdf", broken)
    with pytest.raises(KeyError):
        pdf.html_to_pdf("<p>x</p>")
    assert calls == [pdf.PDF_VARIANT]  # no second, untagged attempt


def test_a_weasyprint_without_the_pdf_ua_variant_still_gives_a_pdf(monkeypatch):
    from weasyprint import HTML

    real = HTML.write_pdf

    def without_variant(self, *args, pdf_variant=None, **kwargs):
        if pdf_variant:
            raise KeyError(pdf_variant)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", without_variant)
    text, _pages = pdf_text(pdf.html_to_pdf('<html lang="en"><p>Plain</p></html>'))
    assert "Plain" in text
