"""The report's figures: charts in the right language, approved values only, money per
currency, captioned charts and the strategy's own indicators."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from accounts.models import Role
from actions.models import FollowUp, IndicatorValue
from annual_reports import services
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from tests.factories import ActionFactory, ExternalFundingFactory, IndicatorFactory, member

from .conftest import YEAR, build_strategy, normalise, pdf_text

pytestmark = pytest.mark.django_db


def report_html(strategy):
    return render_report_html(report_context(report_strategy(strategy.pk), YEAR))


def words(html):
    return normalise(strip_tags(html.replace("<br>", " ")))


def key_figure(html, heading):
    """The key-figures cell next to `heading` in the summary."""
    table = html.split('class="key-figures"')[1].split("</table>")[0]
    match = re.search(rf"<th scope=\"row\">{heading}</th><td[^>]*>(.*?)</td>", table, re.S)
    assert match, table
    return words(match.group(1))


@pytest.fixture
def worker_default_language(settings):
    """As in the Celery worker and the CLI: the active language is the default, bokmål."""
    settings.LANGUAGE_CODE = "nb"
    with translation.override("nb"):
        yield


@pytest.mark.parametrize(
    "language,expected",
    [
        ("sv", ["Inte påbörjad", "Använda timmar", "Aktiviteter för hela strategin"]),
        ("nn", ["Ikkje starta", "Timar brukt", "Tiltak for heile strategien"]),
    ],
)
def test_charts_and_plan_wide_heading_follow_the_municipality_not_the_worker(
    worker_default_language, language, expected
):
    strategy = build_strategy(language=language)
    municipality = strategy.municipality
    municipality.label_action_plural = "Aktiviteter" if language == "sv" else "Tiltak"
    municipality.save()
    ActionFactory(strategy=strategy, goal_area=None, title="Nettverk for hele planen")
    text, _pages = pdf_text(services.build_pdf(report_strategy(strategy.pk), YEAR))
    for word in expected:
        assert word in text, word
    for word in ("Ikke startet", "Brukte timer", "for hele strategien", "Hele planen"):
        assert word not in text, word


def test_the_pdf_charts_alt_text_is_in_the_documents_language(worker_default_language, monkeypatch):
    strategy = build_strategy(language="sv")
    # The HTML build_pdf hands to WeasyPrint: its SVG <title>s become the PDF's alt text.
    monkeypatch.setattr(services, "html_to_pdf", lambda html: html)
    html = services.build_pdf(report_strategy(strategy.pk), YEAR)
    titles = " ".join(re.findall(r"<title id=\"[^\"]+\">(.*?)</title>", html))
    assert "Aktiviteter efter uppföljningsstatus" in titles
    assert "Tiltak etter oppfølgingsstatus" not in titles


def test_preview_shows_charts_in_the_municipalitys_language(client, settings):
    settings.LANGUAGE_CODE = "nb"
    strategy = build_strategy(language="sv")
    client.force_login(member(Role.ADMIN, None))
    url = reverse("annual_reports:annual_preview", args=[strategy.slug, YEAR])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Inte påbörjad" in html
    assert "Ikke startet" not in html


def test_a_draft_follow_ups_indicator_value_stays_out_of_the_report(strategy):
    approved = strategy.actions.get(title="Tiltak 0-0")
    draft = strategy.actions.get(title="Tiltak 0-1")
    assert draft.follow_ups.get().state == FollowUp.State.DRAFT
    for action, value, name in (
        (approved, 4321, "Besøk godkjent"),
        (draft, 8765, "Besøk i utkast"),
    ):
        indicator = IndicatorFactory(strategy=strategy, action=action, name=name)
        IndicatorValue.objects.create(indicator=indicator, year=YEAR, value=value)
    text = words(report_html(strategy))
    assert "4,321" in text or "4321" in text
    assert "8,765" not in text and "8765" not in text
    assert "Besøk i utkast" in text  # the indicator is listed, with no value yet


def test_strategy_wide_indicators_have_a_table_of_their_own(strategy):
    indicator = IndicatorFactory(strategy=strategy, name="Internasjonale besøk i kommunen")
    IndicatorValue.objects.create(indicator=indicator, year=YEAR, value=17)
    context = report_context(report_strategy(strategy.pk), YEAR)
    assert [row["indicator"] for row in context["strategy_indicator_rows"]] == [indicator]
    summary = render_report_html(context).split('id="summary"')[1].split("</section>")[0]
    assert "Indicators for the whole strategy" in summary
    assert "Internasjonale besøk i kommunen" in summary and "17 (2025)" in words(summary)


def test_money_in_another_currency_is_not_added_to_the_municipalitys(strategy):
    follow_up = FollowUp.objects.get(action__title="Tiltak 0-0", year=YEAR)
    follow_up.currency = "EUR"
    follow_up.money_spent = Decimal("50000")
    follow_up.save()
    ExternalFundingFactory(follow_up=follow_up, amount=1000, currency="EUR")
    html = report_html(strategy)
    # Tiltak 1-0 reports 1 000 NOK; the 50 000 EUR are listed, never added to it.
    assert key_figure(html, "Money spent") == (
        "1,000 NOK (and 1 follow-up in another currency: 50,000 EUR)"
    )
    assert key_figure(html, "External funding") == "10,000 NOK 1,000 EUR"
    area = html.split('class="area-totals"')[1].split("</p>")[0]
    assert "51,000" not in area and "50,000 EUR" in words(area)
    appendix = html.split('id="appendix"')[1]
    assert "50,000 EUR" in words(appendix)


def test_every_summary_chart_has_a_visible_caption_with_its_unit(strategy):
    municipality = strategy.municipality
    summary = report_html(strategy).split('id="summary"')[1].split("</section>")[0]
    captions = [words(c) for c in re.findall(r"<figcaption>(.*?)</figcaption>", summary, re.S)]
    assert len(captions) == 4
    assert any(
        c.startswith("Hours spent and estimated") and c.endswith("(hours)") for c in captions
    )
    assert any(
        c.startswith("Money spent") and c.endswith(f"({municipality.currency})") for c in captions
    )
    assert any(c.endswith("(%)") for c in captions)


def test_long_goal_area_names_wrap_in_the_chart_and_stay_whole_in_its_table(strategy):
    area = strategy.goal_areas.first()
    area.code = "1"
    area.title = "Internasjonalt samarbeid for kompetanse og tenesteutvikling"
    area.save()
    summary = report_html(strategy).split('id="summary"')[1].split("</section>")[0]
    status_chart = summary.split("<figure")[1]
    svg = status_chart.split("</svg>")[0]
    svg_texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    # Two lines in the chart, the first a whole beginning of the name, nothing lost to "…"
    assert f"{area.code}. Internasjonalt samarbeid for" in svg_texts
    assert "kompetanse og tenesteutvikling" in svg_texts
    table = status_chart.split("</svg>")[1]
    assert f"{area.code}. {area.title}" in table
