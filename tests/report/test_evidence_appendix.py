"""The annual report's appendix lists the evidence files behind the approved follow-ups
by name (never their contents, never a draft's files), in the PDF's HTML and in Word;
the report costs the same queries with few or many files."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import FollowUp
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from annual_reports.word import report_docx
from collaboration.models import Evidence

from .conftest import YEAR, build_strategy

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.7 innhald som aldri skal i rapporten"


def attach(follow_up, name):
    evidence = Evidence(
        follow_up=follow_up, name=name, content_type="application/pdf", size=len(SECRET)
    )
    evidence.file.save("x.pdf", ContentFile(SECRET), save=False)
    evidence.save()
    return evidence


def _follow_ups(strategy):
    rows = FollowUp.objects.filter(action__strategy=strategy, year=YEAR).order_by("action__code")
    approved = [f for f in rows if f.state == FollowUp.State.APPROVED]
    drafts = [f for f in rows if f.state == FollowUp.State.DRAFT]
    return approved, drafts


def appendix(html):
    return html.split('id="appendix"', 1)[1]


def test_the_appendix_names_the_approved_follow_ups_files(strategy):
    approved, drafts = _follow_ups(strategy)
    attach(approved[0], "Reiserapport Alnwick.pdf")
    attach(approved[0], "Signert avtale.pdf")
    attach(drafts[0], "Utkast-notat.pdf")
    context = report_context(report_strategy(strategy.pk), YEAR)
    html = appendix(render_report_html(context))
    assert "Evidence files" in html
    assert "Reiserapport Alnwick.pdf, Signert avtale.pdf" in html
    assert approved[0].action.title in html.split("Evidence files", 1)[1]
    assert "Utkast-notat.pdf" not in html  # a draft's file is not the council's
    assert "innhald som aldri" not in html  # names, never contents

    document = docx.Document(io.BytesIO(report_docx(context)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Reiserapport Alnwick.pdf, Signert avtale.pdf" in text
    assert "Utkast-notat.pdf" not in text


def test_without_files_the_appendix_has_no_evidence_list(strategy):
    html = appendix(render_report_html(report_context(report_strategy(strategy.pk), YEAR)))
    assert "Evidence files" not in html


def test_the_report_costs_the_same_queries_with_1_or_12_files(db):
    counts = []
    for n in (1, 12):
        strategy = report_strategy(build_strategy(actions_per_area=2, areas=2).pk)
        approved, _drafts = _follow_ups(strategy)
        for i in range(n):
            attach(approved[i % len(approved)], f"fil-{i}.pdf")
        with CaptureQueriesContext(connection) as queries:
            render_report_html(report_context(strategy, YEAR))
        counts.append(len(queries))
    assert counts[0] == counts[1]
