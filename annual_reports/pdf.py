"""Annual report: HTML from Django templates, PDF from WeasyPrint. No database access here.

One WeasyPrint cache per process: a long-lived worker renders many reports with the same
stylesheet, font and chart patterns, and reusing the cache saves parsing them each time.
"""

import base64
import hashlib
import io
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

STYLESHEET = "css/report.css"
PDF_VARIANT = "pdf/ua-1"  # reports to the council are public documents: tagged PDF
# The only files a report may load: the vendored stylesheet and its fonts.
ALLOWED_STATIC_DIRS = ("css", "fonts")
_WEASY_CACHE = {}
logger = logging.getLogger(__name__)


def page_footer_css():
    """The @page footer "Page X of Y" in the current language (word order may differ)."""
    text = _("Page %(page)s of %(pages)s") % {
        "page": "\x00page\x00",
        "pages": "\x00pages\x00",
    }
    parts = []
    for i, chunk in enumerate(text.split("\x00")):
        if i % 2:
            parts.append(f"counter({chunk})")
        elif chunk:
            escaped = chunk.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            parts.append(f'"{escaped}"')
    return " ".join(parts)


def render_report_html(context, *, for_pdf=True, language=None):
    """The report document as HTML, in the municipality's language."""
    language = language or context["municipality"].language
    with translation.override(language):
        return render_to_string(
            "annual_reports/document.html",
            {**context, "for_pdf": for_pdf, "footer_content": page_footer_css()},
        )


def _stylesheet_path():
    found = finders.find(STYLESHEET)
    return Path(found) if found else Path(settings.STATIC_ROOT) / STYLESHEET


LOGO_DATA_PREFIX = "data:image/png;base64,"


def static_url_fetcher(static_root):
    """A WeasyPrint URL fetcher that loads only files under `static_root`/css and /fonts.

    The report shows texts typed by users; should one ever reach the HTML unescaped, an
    <img src="file:///etc/passwd"> or an http(s) URL must not be read (local files, the
    internal network). Refused URLs are skipped with a warning; the report still renders.
    """
    from weasyprint.urls import URLFetcher, URLFetchingError

    allowed = [(Path(static_root) / name).resolve() for name in ALLOWED_STATIC_DIRS]

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(LOGO_DATA_PREFIX):
                # The municipality's logo: a PNG the portal made itself (goals/logo.py).
                from weasyprint.urls import URLFetcherResponse

                body = base64.b64decode(url[len(LOGO_DATA_PREFIX) :], validate=True)
                return URLFetcherResponse(url, body, {"Content-Type": "image/png"})
            parts = urlsplit(url)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    return super().fetch(url, headers)
            logger.warning("Report rendering refused to load %s", url)
            raise URLFetchingError("only the report's own static files may be loaded")

    return StaticOnlyFetcher(allowed_protocols=["file"], allow_redirects=False)


def html_to_pdf(html):
    """PDF bytes of the report HTML: A4, embedded DejaVu font, tagged PDF/UA-1."""
    from weasyprint import CSS, HTML  # heavy import: only where PDFs are made

    stylesheet = _stylesheet_path()
    fetcher = static_url_fetcher(stylesheet.parent.parent)
    document = HTML(string=html, base_url=str(stylesheet.parent), url_fetcher=fetcher)
    css = CSS(filename=str(stylesheet), url_fetcher=fetcher)
    try:
        return document.write_pdf(stylesheets=[css], pdf_variant=PDF_VARIANT, cache=_WEASY_CACHE)
    except KeyError as exc:
        if exc.args != (PDF_VARIANT,):
            raise  # a real rendering error, not the missing variant: the job reports it
        # A WeasyPrint without this variant: a plain PDF is still a usable report.
        logger.warning("WeasyPrint has no %s variant; rendering an untagged PDF", PDF_VARIANT)
        return document.write_pdf(stylesheets=[css], cache=_WEASY_CACHE)


def pdf_facts(pdf_bytes):
    """(sha256 hex, page count) of a PDF."""
    from pypdf import PdfReader

    return hashlib.sha256(pdf_bytes).hexdigest(), len(PdfReader(io.BytesIO(pdf_bytes)).pages)
