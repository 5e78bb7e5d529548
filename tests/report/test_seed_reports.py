"""Each of the five seed strategies, with the demo follow-ups `load_seeds` adds, renders to a
PDF holding all of its plan and a year's reported work, in its language."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from actions.demo import create_demo_follow_ups
from actions.models import FollowUp
from annual_reports import services
from annual_reports.selectors import report_strategy

from .conftest import normalise, pdf_text

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Words that only appear when the report is in the municipality's language.
LANGUAGE_WORDS = {
    "nn": ("Innhald", r"Side \d+ av \d+"),
    "nb": ("Innhold", r"Side \d+ av \d+"),
    "sv": ("Innehåll", r"Sida \d+ av \d+"),
}
# Chart words in bokmål, the worker's default language: never in a Swedish or nynorsk report.
BOKMAL_CHART_WORDS = ("Ikke startet", "Brukte timer", "Anslåtte timer")
SEEDS = [("time", "nn"), ("trondheim", "nb"), ("hamar", "nb"), ("tranas", "sv"), ("arvika", "sv")]
TODAY = date(2026, 3, 1)  # fixed, so the demo years (and the report) do not move with the clock


@pytest.fixture
def seed(request, settings):
    name = request.param
    path = FIXTURES / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"seed fixture {path.name} is not in the repository yet")
    from strategy_files.importer import import_file

    settings.LANGUAGE_CODE = "nb"  # as in the worker: the default language is bokmål
    strategy = import_file(path)
    assert create_demo_follow_ups(strategy, today=TODAY) > 0
    return strategy


def comparable(text):
    # pypdf may split a line anywhere; compare without whitespace and soft hyphens.
    return re.sub(r"[\s\u00ad]+", "", normalise(text))


def reported_year(strategy):
    """The latest year with approved follow-ups, and one of them that reports hours."""
    approved = FollowUp.objects.filter(
        action__strategy=strategy,
        action__is_archived=False,
        state=FollowUp.State.APPROVED,
        hours__gt=0,
    ).select_related("action")
    year = approved.order_by("-year").values_list("year", flat=True).first()
    assert year is not None, "the demo layer approved no follow-up"
    return year, approved.filter(year=year).order_by("action__code").first()


@pytest.mark.parametrize("seed,language", SEEDS, indirect=["seed"], ids=[s for s, _ in SEEDS])
def test_seed_report_holds_the_plan_and_the_years_work_in_its_language(seed, language):
    strategy = report_strategy(seed.pk)
    assert strategy.municipality.language == language
    year, follow_up = reported_year(strategy)
    with translation.override("nb"):  # the worker's active language
        pdf, word_file = services.build_files(strategy, year)
    text, pages = pdf_text(pdf)
    flat = comparable(text)

    for area in strategy.goal_areas.all():
        assert comparable(area.title) in flat, f"goal area missing: {area.title}"
    for action in strategy.actions.filter(is_archived=False):
        assert comparable(action.title) in flat, f"action missing: {action.code} {action.title}"

    # A follow-up's own words and hours, as the council reads them.
    assert comparable(follow_up.what_was_done) in flat
    with translation.override(language):
        hours_worked = gettext("Hours worked")
        chart_words = [gettext("Hours spent"), gettext("Hours estimated"), gettext("Not started")]
    hours = f"{follow_up.hours:f}".rstrip("0").rstrip(".")
    assert comparable(f"{hours_worked}{hours}") in flat, (hours_worked, hours)

    # Chart text is drawn (legend in the SVG and again in the chart's table) in its language.
    for word in chart_words:
        assert word in text, word
    assert text.count(chart_words[1]) >= 2
    if language != "nb":
        for word in BOKMAL_CHART_WORDS:
            assert word not in text, word

    contents_word, page_pattern = LANGUAGE_WORDS[language]
    assert contents_word in text
    numbers = re.findall(page_pattern.replace(r"\d+", r"(\d+)"), text)
    assert len(numbers) == pages - 1  # every page but the cover
    assert all(int(total) == pages for _page, total in numbers)
    assert strategy.municipality.name in text and str(year) in text

    assert_strategy_in_brief(seed.municipality.slug, text)
    # The Word version, made by the same job from the same content, holds the same.
    in_word = word_text(word_file)
    assert_strategy_in_brief(seed.municipality.slug, in_word, cover_words=False)
    assert comparable(follow_up.what_was_done) in comparable(in_word)


def word_text(word):
    import io

    import docx

    document = docx.Document(io.BytesIO(word))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def strategy_file(name):
    import yaml

    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


def without_page_furniture(text, municipality):
    """The text with the running header and "Page x of y" footers taken out, so a paragraph
    that runs over a page break reads as one."""
    text = re.sub(rf"{re.escape(municipality)} · \S+ \d{{4}}", " ", text)
    return re.sub(r"(Side|Sida) \d+ av \d+", " ", text)


def opening(text, length=90):
    return comparable(text)[:length]


def strategy_facts(data):
    """Every fact of the file the chapter "The strategy in brief" must show."""
    plan = data["strategy"]
    facts = []
    for statement in plan["statements"]:
        facts += [statement["title"], statement["text"]]
    for party in data["responsible_parties"]:
        facts += [party["name"], *party["duties"]]
    for partner in data["partners"]:
        facts += [partner["name"], *partner.get("cooperation", [])]
    for town in data["twin_towns"]:
        facts += [town["name"], town.get("description", "")]
        facts += [step.get("note", "") for step in town.get("status_history", [])]
    for amendment in plan["amendments"]:
        facts += [amendment["affects"], amendment["text"], amendment["decided_by"]]
    return [fact for fact in facts if fact and fact.strip()]


# Named checks a council member would look for, beside every fact of the file.
NAMED = {
    "time": [
        "Ordførar",
        "Representasjon og vertskap i samband med internasjonale besøk.",
        "Kommunikasjonssjef",
        "Kommunalsjefar og tenesteleiarar",
        "Ein internasjonalt orientert kommune",
        "Ha tilstrekkeleg språk- og kulturkompetanse",
        "Älmhult",
        "Vennskapskommune",
    ],
    "trondheim": [
        "Formannskapet",
        "Formannskapet gis fullmakt til å vedta handlingsprogram",
        "Nytt punkt f",
        "Vedtak pkt 4",
        "solidaritetsperspektiv",
        "Bystyret",
    ],
    "hamar": [
        "Dette skal resultere i",
        "Økt verdiskapning",
        "Styrket omdømme",
        "Fargo",
        "Oslo Regionens Europakontor (ORE)",
    ],
    "tranas": [
        "Omvärldsbevakning",
        "Positionering",
        "Verksamhetsutveckling",
        "Europa 2020",
        "Diarienummer 20/16",
        "Kommunfullmäktiges presidium",
    ],
    "arvika": [
        "Övergripande mål",
        "utveckla Norgesamarbetet",
        "Ylöjärvi",
        "Kongsvinger",
        "Kommunstyrelsen",
        "§ 258",
        "ARKO",
    ],
}
COVER = {
    "time": [],
    "trondheim": ["Bystyret", "2010"],
    "hamar": ["Kommunestyret", "2015"],
    "tranas": ["Kommunstyrelsen", "Diarienummer 20/16", "0424"],
    "arvika": ["Kommunstyrelsen", "2012", "§ 258"],
}


def assert_strategy_in_brief(name, text, cover_words=True):
    data = strategy_file(name)
    flat = comparable(without_page_furniture(text, data["municipality"]["name"]))
    for fact in NAMED[name] + strategy_facts(data):
        assert opening(fact) in flat, f"{name}: not in the report: {fact[:90]!r}"
    if not cover_words:
        return
    cover = text.split("Innhold")[0].split("Innhald")[0].split("Innehåll")[0]
    for fact in COVER[name]:
        assert fact in cover, f"{name}: not on the cover: {fact}"
    # A fact the file does not state is left out, not shown as a dash.
    dashed = r"(Vedtatt av|Vedteken av|Antagen av|Vedtaksreferanse|Beslutsreferens) –"
    assert not re.search(dashed, cover)
