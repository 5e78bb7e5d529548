"""Each of the five seed strategies renders to a PDF holding all of its plan, in its language."""

import re
from pathlib import Path

import pytest

from reporting import services
from reporting.report_selectors import report_strategy

from .conftest import normalise, pdf_text

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Words that only appear when the report is in the municipality's language.
LANGUAGE_WORDS = {
    "nn": ("Innhald", r"Side \d+ av \d+"),
    "nb": ("Innhold", r"Side \d+ av \d+"),
    "sv": ("Innehåll", r"Sida \d+ av \d+"),
}
SEEDS = [("time", "nn"), ("trondheim", "nb"), ("hamar", "nb"), ("tranas", "sv"), ("arvika", "sv")]


@pytest.fixture
def seed(request):
    name = request.param
    path = FIXTURES / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"seed fixture {path.name} is not in the repository yet")
    from strategy_files.importer import import_file

    return import_file(path)


def comparable(text):
    # pypdf may split a line anywhere; compare without whitespace and soft hyphens.
    return re.sub(r"[\s\u00ad]+", "", normalise(text))


@pytest.mark.parametrize("seed,language", SEEDS, indirect=["seed"], ids=[s for s, _ in SEEDS])
def test_seed_report_holds_every_goal_area_and_action_in_its_language(seed, language):
    strategy = report_strategy(seed.pk)
    assert strategy.municipality.language == language
    year = strategy.period_start
    text, pages = pdf_text(services.build_pdf(strategy, year))
    flat = comparable(text)

    for area in strategy.goal_areas.all():
        assert comparable(area.title) in flat, f"goal area missing: {area.title}"
    actions = list(strategy.actions.filter(is_archived=False))
    for action in actions:
        assert comparable(action.title) in flat, f"action missing: {action.code} {action.title}"

    contents_word, page_pattern = LANGUAGE_WORDS[language]
    assert contents_word in text
    numbers = re.findall(page_pattern.replace(r"\d+", r"(\d+)"), text)
    assert len(numbers) == pages - 1  # every page but the cover
    assert all(int(total) == pages for _page, total in numbers)
    assert strategy.municipality.name in text and str(year) in text
